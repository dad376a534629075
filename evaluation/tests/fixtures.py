"""Fixtures of the evaluation app, shared with the authorisation matrix and the browser tests.

``swemwbs_return`` is a SWEMWBS return of Daniel Hughes (``serviceuser_record``, on the persona team's
caseload), recorded with him by ``peerworker``. ``measures_reference_data`` reloads the instruments
for browser tests, which empty the database, migration-loaded rows included.
"""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from .factories import prom_return


@pytest.fixture
def swemwbs_return(measures_reference_data, serviceuser_record, persona_team, personas):
    return prom_return(
        person=serviceuser_record,
        team=persona_team,
        code="SWEMWBS",
        answers=[2, 3, 2, 3, 3, 2, 3],
        completed_on=date(2025, 5, 12),
        timepoint="baseline",
        entered_by=personas["peerworker"],
    )


def load_instruments() -> None:
    """The instruments as migration 0002 loads them (safe to run again)."""
    from importlib import import_module

    from django.apps import apps

    import_module("evaluation.migrations.0002_instrument_definitions").load(apps, None)


@pytest.fixture
def measures_reference_data(db):
    """The instruments, reloaded when an earlier browser test has emptied the database."""
    from ..models import Instrument

    if Instrument.objects.count() < 6:
        load_instruments()


# Imports of returns (evaluation/imports): files staged as if uploaded, and an import already done.


def swemwbs_row(person, team, **cells) -> dict:
    """A valid SWEMWBS row of the import template for ``person`` on ``team``'s caseload."""
    row = {
        "instrument": "SWEMWBS",
        "nhs_number": person.nhs_number,
        "team_code": team.slug,
        "completed_on": "2025-06-02",
        "timepoint": "baseline",
        "context": "peer_worker",
        **{f"item_{n}": "3" for n in range(1, 8)},
    }
    row.update(cells)
    return row


def returns_csv(rows: list[dict]) -> bytes:
    from evaluation.imports.columns import HEADER

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def returns_xlsx(rows: list[dict], *, number_columns=None, dates_as_text: bool = False) -> bytes:
    """The rows as someone would type them into Excel, on a sheet called Returns under the template's
    heading: whole numbers in ``number_columns`` (every column when None) as number cells, completed_on
    as a date cell (unless ``dates_as_text``), empty cells empty."""
    from openpyxl import Workbook

    from evaluation.imports.columns import HEADER

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Returns"
    sheet.append(list(HEADER))
    for row in rows:
        cells = []
        for name in HEADER:
            value = row.get(name, "")
            if name == "completed_on" and not dates_as_text:
                value = date.fromisoformat(value)
            elif value.isdigit() and (number_columns is None or name in number_columns):
                value = int(value)
            cells.append(value if value != "" else None)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def stage_returns_file(*, user, rows: list[dict], name: str = "returns.csv") -> str:
    """Stage a file as the upload page does and return its SHA-256."""
    from evaluation.imports import services, staging

    staged, _content = staging.stage(upload=SimpleUploadedFile(name, returns_csv(rows)), user=user)
    services.staged_file_check(staged=staged, user=user)
    return staged.sha256


@pytest.fixture
def import_staged(personas, persona_team, serviceuser_record, measures_reference_data) -> str:
    """A valid one-row file staged by the evaluation persona, ready to preview and import."""
    return stage_returns_file(
        user=personas["evaluation"], rows=[swemwbs_row(serviceuser_record, persona_team)]
    )


@pytest.fixture
def import_staged_with_problems(personas, persona_team, serviceuser_record, measures_reference_data) -> str:
    return stage_returns_file(
        user=personas["evaluation"], rows=[swemwbs_row(serviceuser_record, persona_team, item_3="9")]
    )


@pytest.fixture
def return_import_done(measures_reference_data, personas, persona_team, serviceuser_record):
    """A file of one return already imported by the evaluation persona."""
    from evaluation.imports import services
    from evaluation.imports.selectors import import_scope

    user = personas["evaluation"]
    content = returns_csv(
        [swemwbs_row(serviceuser_record, persona_team, completed_on=date(2025, 5, 1).isoformat())]
    )
    result = services.returns_import(
        content=content, scope=import_scope(user=user), file_name="may.csv", sha256="a" * 64,
        kind="csv", by=user,
    )  # fmt: skip
    return result.return_import
