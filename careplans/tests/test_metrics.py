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


def test_plans_agreed_each_month_by_unit_are_each_units_own_monthly_count(
    personas, persona_team, outsider_team, safety_plan, recovery_plan, outsider_plan
):
    """One query gives every unit's months as ``monthly_plans_agreed`` gives them for that unit alone: the
    person on two teams of one division counts once in each team and once in the division (not twice), so
    the Trust's own monthly figure and a unit's chart read the same plans."""
    from careplans.models import CaseloadEntry
    from recovery_portal.chart_months import chart_months
    from teams.models import Team

    from ..selectors import monthly_plans_agreed, monthly_plans_agreed_by_unit

    second_team = Team.objects.create(
        name="Gedling Community Mental Health Team",
        slug="gedling-cmht",
        division=persona_team.division,
        service_type=persona_team.service_type,
    )
    CaseloadEntry.objects.create(
        person=safety_plan.person, team=second_team, start_date=timezone.localdate() - timedelta(days=40)
    )
    for plan in (safety_plan, recovery_plan, outsider_plan):
        services.plan_agree(plan=plan, expected_version=plan.version, by=personas["serviceuser"])
    months = chart_months(year=FinancialYear.current(), today=timezone.localdate())

    by_unit = monthly_plans_agreed_by_unit(months=months)

    division, group = persona_team.division, persona_team.division.steering_group
    this_month = months.months.index(timezone.localdate().replace(day=1))
    assert by_unit[("team", persona_team.pk)][this_month] == 2
    assert by_unit[("team", second_team.pk)][this_month] == 2
    assert by_unit[("division", division.pk)][this_month] == 2
    assert by_unit[("steering_group", outsider_team.division.steering_group_id)][this_month] == 1
    units = {
        ("team", persona_team.pk): [persona_team.pk],
        ("team", second_team.pk): [second_team.pk],
        ("team", outsider_team.pk): [outsider_team.pk],
        ("division", division.pk): list(division.teams.values_list("pk", flat=True)),
        ("steering_group", group.pk): list(
            Team.objects.filter(division__steering_group=group).values_list("pk", flat=True)
        ),
    }
    for key, team_ids in units.items():
        alone = monthly_plans_agreed(months=months, team_ids=team_ids)
        assert by_unit[key] == tuple(n for _, n in alone), key
    assert set(by_unit) >= set(units)


def test_plans_agreed_each_month_by_unit_are_read_in_one_query(
    personas, safety_plan, outsider_plan, django_assert_num_queries
):
    from recovery_portal.chart_months import chart_months

    from ..selectors import monthly_plans_agreed_by_unit

    for plan in (safety_plan, outsider_plan):
        services.plan_agree(plan=plan, expected_version=plan.version, by=personas["serviceuser"])
    months = chart_months(year=FinancialYear.current(), today=timezone.localdate())
    with django_assert_num_queries(1):
        monthly_plans_agreed_by_unit(months=months)
