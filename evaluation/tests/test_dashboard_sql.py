"""The benchmark's hand-written dashboard SQL (benchmarks/dashboard_sql.py) gives the page's figures.

``make bench`` compares the dashboards' time with this SQL's only after checking that both work out the
same figures. Checking it here too keeps the two in step between benchmark runs: a figure changed on
one side fails the suite, not only the next ``make bench``.
"""

import pytest
from django.db import connection
from django.utils import timezone

from benchmarks.bench_dashboard import _check, _params
from benchmarks.dashboard_sql import run
from evaluation.figures import figures_for
from evaluation.scope import Scope, scope_get
from recovery_portal.financial_year import FinancialYear

from .dashboard_trust import build_small_trust, known_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_trust(persona_trust):
    with known_day():
        yield build_small_trust(persona_trust)


def _compared(scope, year) -> int:
    today = timezone.localdate()
    params, months = _params(scope, year, today)
    with connection.cursor() as cursor:
        raw = run(cursor, params)
    return _check(scope.label, figures_for(scope=scope, year=year, today=today), raw, months)


@pytest.mark.parametrize("kind", ["trust", "steering_group"])
def test_the_hand_written_sql_gives_every_figure_of_the_page(small_trust, kind):
    scope = (
        Scope.trust() if kind == "trust" else scope_get(kind="steering_group", slug=_group_slug(small_trust))
    )

    # Every summary figure, table cell and month the SQL covers (``_check`` raises on a difference); below
    # Trust level no month and no count by measure is published (ADR 0022).
    assert _compared(scope, small_trust.year) > (60 if kind == "trust" else 40)


def test_the_hand_written_sql_agrees_for_a_year_in_which_units_had_no_plans(small_trust):
    # The year before: units are on the page with nothing counted, and absent from the SQL's rows.
    assert _compared(Scope.trust(), FinancialYear(small_trust.year.start_year - 1)) > 60


def _group_slug(small_trust) -> str:
    return small_trust.broxtowe.division.steering_group.slug
