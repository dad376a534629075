"""Fixtures of the evaluation app, shared with the authorisation matrix and the browser tests.

``swemwbs_return`` is a SWEMWBS return of Daniel Hughes (``serviceuser_record``, on the persona team's
caseload), recorded with him by ``peerworker``. ``measures_reference_data`` reloads the instruments
for browser tests, which empty the database, migration-loaded rows included.
"""

from datetime import date

import pytest

from .factories import prom_return


@pytest.fixture
def swemwbs_return(serviceuser_record, persona_team, personas):
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
    from importlib import import_module

    from django.apps import apps

    import_module("evaluation.migrations.0002_instrument_definitions").load(apps, None)


@pytest.fixture
def measures_reference_data():
    load_instruments()
