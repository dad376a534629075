"""Fixtures of the evaluation app, shared with the authorisation matrix and the browser tests.

``swemwbs_return`` is a SWEMWBS return of Daniel Hughes (``serviceuser_record``, on the persona team's
caseload), recorded with him by ``peerworker``. ``measures_reference_data`` reloads the instruments
for browser tests, which empty the database, migration-loaded rows included.
"""

from datetime import date

import pytest

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
