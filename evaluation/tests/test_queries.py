"""Query counts of the measures pages stay fixed as returns grow."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from .factories import prom_return

pytestmark = pytest.mark.django_db

# Every signed-in page reads the session and the user, and saves the session (a savepoint, the update,
# its release): five queries. For a person using services the header also reads Django's permission
# tables (two more), as it does on every page for them.
# The person page adds team ids (scoping), the person with caseload entries, plans and supporters
# (prefetches), the audit row, thresholds, the returns with instrument, team and who entered them,
# memberships and caseload teams (permission to record) and the instruments offered.
PERSON_QUERIES = 16
# The entry page: the person (four), the permission (two), the instrument with items and options
# (three), the caseload teams and memberships, the audit row.
ENTRY_QUERIES = 17
RETURN_QUERIES = 11
# The index adds the permission to import (the user's groups and team memberships), and each measure's
# thresholds with their sources (one query for every measure).
INDEX_QUERIES = 12
# A person's own measures: the header asks the rule set for its links, so no model permission tables are
# read for someone who uses services (two fewer than staff pages).
MINE_QUERIES = 13


def _grow(person, team, how_many: int) -> None:
    start = date(2024, 1, 1)
    for index in range(how_many):
        for code, answers in [("SWEMWBS", [index % 5 + 1] * 7), ("REQOL10", [index % 5] * 11)]:
            prom_return(
                person=person,
                team=team,
                code=code,
                answers=answers,
                completed_on=start + timedelta(days=index),
            )


@pytest.mark.parametrize(
    ("persona", "url_name", "expected"),
    [
        ("peerworker", "measures:person", "PERSON_QUERIES"),
        ("clinician", "measures:return-new", "ENTRY_QUERIES"),
        ("serviceuser", "measures:mine", "MINE_QUERIES"),
        ("peerworker", "measures:return", "RETURN_QUERIES"),
        ("clinician", "measures:index", "INDEX_QUERIES"),
    ],
)
def test_measures_page_queries_do_not_grow_with_returns(
    client, personas, serviceuser_record, persona_team, swemwbs_return, django_assert_num_queries,
    persona, url_name, expected,
):  # fmt: skip
    kwargs = {
        "measures:person": {"pk": serviceuser_record.pk},
        "measures:return-new": {"pk": serviceuser_record.pk, "code": "REQOL10"},
        "measures:mine": {},
        "measures:return": {"pk": swemwbs_return.pk},
        "measures:index": {},
    }[url_name]
    url = reverse(url_name, kwargs=kwargs)
    client.force_login(personas[persona])
    client.get(url)
    with django_assert_num_queries(globals()[expected]):
        client.get(url)
    _grow(serviceuser_record, persona_team, 12)
    with django_assert_num_queries(globals()[expected]):
        assert client.get(url).status_code == 200
