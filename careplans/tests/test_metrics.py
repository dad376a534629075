"""Plan measures per team, division, steering group and year, for the evaluation."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from recovery_portal.financial_year import FinancialYear

from .. import services
from ..selectors import plan_measures

pytestmark = pytest.mark.django_db


def test_measures_for_the_persona_team(personas, persona_team, safety_plan, crisis_plan, outsider_plan):
    plan = services.plan_agree(
        plan=safety_plan, expected_version=safety_plan.version, by=personas["serviceuser"]
    )
    plan.review_date = timezone.localdate() + timedelta(days=30)
    plan.save()
    year = FinancialYear.current()

    team = plan_measures(year=year, team=persona_team)

    assert team.people == 1
    assert (team.with_agreed_safety_plan, team.with_agreed_crisis_plan, team.with_agreed_recovery_plan) == (
        1,
        0,
        0,
    )
    assert team.safety_plan_percent == 100.0 and team.crisis_plan_percent == 0.0
    assert (team.agreed_plans, team.reviewed_in_date) == (1, 1)
    assert (team.plans, team.plans_in_own_words) == (2, 2)
    assert (team.crisis_plans, team.crisis_plans_individualised, team.crisis_individualised_percent) == (
        1,
        1,
        100.0,
    )


def test_measures_by_division_steering_group_and_trust(
    persona_team, outsider_team, safety_plan, outsider_plan
):
    year = FinancialYear.current()

    division = plan_measures(year=year, division=persona_team.division)
    group = plan_measures(year=year, steering_group=outsider_team.division.steering_group)
    trust = plan_measures(year=year, steering_group=outsider_team.division.steering_group.parent)

    assert division.people == 1
    assert group.people == 1
    assert trust.people == 2


def test_people_not_on_a_caseload_in_the_year_are_not_counted(persona_team, safety_plan):
    assert plan_measures(year=FinancialYear.containing(date(2019, 6, 1)), team=persona_team).people == 0
    assert (
        plan_measures(year=FinancialYear.containing(date(2019, 6, 1)), team=persona_team).safety_plan_percent
        is None
    )
