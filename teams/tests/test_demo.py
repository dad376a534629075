import pytest
from django.core.management import call_command

from recovery_portal.financial_year import FinancialYear
from teams.models import PlanStatus, TeamAction, TeamRecoveryPlan, TriangleOfCareAssessment

pytestmark = pytest.mark.django_db


def _snapshot():
    return sorted(TeamRecoveryPlan.objects.values_list("team__slug", "year", "status", "version"))


def test_the_demo_has_two_years_of_plans_in_every_state_and_seeds_again_without_change(
    settings, imroc_challenges
):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = _snapshot()
    actions = TeamAction.objects.count()

    call_command("seed_demo", verbosity=0)

    assert _snapshot() == first
    assert TeamAction.objects.count() == actions
    this_year = FinancialYear.current().start_year
    years = {year for _, year, _, _ in first}
    assert years == {this_year - 1, this_year}
    assert {status for _, _, status, _ in first} == set(PlanStatus.values)
    broxtowe = TeamRecoveryPlan.objects.get(team__slug="broxtowe-cmht", year=this_year)
    assert broxtowe.status == PlanStatus.AGREED
    assert broxtowe.priorities.count() == 3
    assert TeamAction.objects.filter(plan__year=this_year, carried_from__isnull=False).exists()
    assert (
        TriangleOfCareAssessment.objects.get(team__slug="broxtowe-cmht", year=this_year).standards.count()
        == 6
    )
