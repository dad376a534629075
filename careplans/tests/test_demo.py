"""The demo caseloads: Daniel's three plans with history, Margaret's partial view, and a second run
that changes nothing."""

import io

import pytest
from django.core.management import call_command

from ..models import Plan, PlanStatus, PlanVersion, ServiceUser, SupporterConsent

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())


def test_the_serviceuser_login_has_three_plans_with_history(seeded):
    daniel = ServiceUser.objects.get(user__username="serviceuser")
    plans = {plan.kind: plan for plan in daniel.plans.all()}

    assert set(plans) == {"recovery", "crisis", "safety"}
    assert all(plan.versions.count() > 5 for plan in plans.values())
    assert plans["safety"].status == PlanStatus.AGREED
    assert plans["crisis"].entries.filter(section="refusals").exclude(alternative="").exists()
    assert plans["recovery"].disagreements.exists()
    assert daniel.caseload_entries.get().team.slug == "broxtowe-cmht"


def test_the_carer_sees_part_of_the_plans(seeded):
    consents = SupporterConsent.objects.filter(supporter__user__username="carer")

    shared = {consent.plan.kind: consent.sections for consent in consents}
    assert "reasons_for_living" not in shared["safety"]
    assert "refusals" not in shared["crisis"]


def test_running_the_seed_again_changes_nothing(seeded):
    counts = (ServiceUser.objects.count(), Plan.objects.count(), PlanVersion.objects.count())

    call_command("seed_demo", stdout=io.StringIO())

    assert (ServiceUser.objects.count(), Plan.objects.count(), PlanVersion.objects.count()) == counts
    assert ServiceUser.objects.count() > 20
