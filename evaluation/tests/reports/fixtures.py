"""A small Trust with a year of figures for the annual report and team performance report tests
(used by this package's tests and the browser test of the annual report)."""

import datetime

import pytest

from careplans.tests.factories import CaseloadEntryFactory
from college.models import RECOLLECT_COMPONENTS, FidelityRating
from evaluation.reports.services import annual_report_start
from recovery_portal.financial_year import FinancialYear
from teams import services as team_services
from teams.tests.factories import PriorityFactory, TeamActionFactory
from workstreams.tests.factories import ActionFactory, GoalFactory

YEAR = FinancialYear(2025)


@pytest.fixture
def report_year() -> FinancialYear:
    return YEAR


@pytest.fixture
def report_trust(persona_trust, imroc_challenges):
    """Personas plus: two Peer Support goals (one met in 2025/26), an action, Broxtowe CMHT's 2025/26 plan
    with a priority and two actions, and 3 people on Broxtowe's caseload with 12 on Wathwood's (so a
    steering group's count of people is 1–7 and must be withheld), and the Recovery College's RECOLLECT
    fidelity rating for 2025/26 (11 out of 14)."""
    GoalFactory(met_on=datetime.date(2025, 9, 1))
    goal = GoalFactory()
    ActionFactory(goal=goal, start_date=datetime.date(2025, 5, 1), due_date=datetime.date(2026, 1, 31))
    plan = team_services.plan_start(
        team=persona_trust.persona_team, year=YEAR.start_year, by=persona_trust.users["teamlead"]
    )
    priority = PriorityFactory(plan=plan)
    TeamActionFactory.create_batch(2, priority=priority, due_date=datetime.date(2026, 2, 1))
    for _ in range(3):
        CaseloadEntryFactory(team=persona_trust.persona_team, start_date=datetime.date(2025, 6, 1))
    for _ in range(12):
        CaseloadEntryFactory(team=persona_trust.outsider_team, start_date=datetime.date(2024, 6, 1))
    scores = {name: 2 for name, _ in RECOLLECT_COMPONENTS} | {"learning": 1, "community_focus": 0}
    FidelityRating.objects.create(year=YEAR.label, rated_by=persona_trust.users["college"], **scores)
    return persona_trust


@pytest.fixture
def queued_run(report_trust, evaluation):
    run, _ = annual_report_start(year=YEAR, by=evaluation, queue=False)
    return run
