"""The outcome measure returns' indexes: each one costs every imported return an entry (ADR 0014, 0029),
so the table has the ones the design names. The dashboards read each person's first and latest scores
from the natural key's index alone (its id and total included); ``make bench`` times them at Trust scale."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_returns_table_has_only_the_indexes_the_design_names():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'evaluation_promreturn'")
        columns = sorted(definition.split(" USING btree ")[1] for (definition,) in cursor.fetchall())

    assert columns == sorted(
        [
            "(id)",
            # The importer's duplicate check, carrying what the dashboards read of each return.
            "(person_id, instrument_id, completed_on, timepoint) INCLUDE (id, total)",
            "(team_id, completed_on)",
            "(instrument_id, completed_on)",
            "(return_import_id)",
        ]
    )
