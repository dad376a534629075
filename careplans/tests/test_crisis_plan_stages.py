"""Joint Crisis Plan stages: prepared with the person, then agreed at a planning meeting they attend."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from careplans import services
from careplans.models import Plan, PlanStatus

pytestmark = pytest.mark.django_db


def _details(plan, *, review=None, **fields):
    review = review or timezone.localdate() + timedelta(days=90)
    return {
        "version": plan.version,
        "review_date_day": str(review.day),
        "review_date_month": str(review.month),
        "review_date_year": str(review.year),
        **fields,
    }


def test_the_planning_meeting_needs_its_facilitator_and_who_was_there(client, personas, crisis_plan):
    client.force_login(personas["clinician"])

    response = client.post(
        reverse("careplans:plan-details", args=[crisis_plan.pk]),
        _details(crisis_plan, stage="planning_meeting"),
    )

    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error:" in page
    assert "Enter who facilitated the planning meeting" in page
    assert "Enter who was at the planning meeting" in page
    plan = Plan.objects.get(pk=crisis_plan.pk)
    assert plan.stage == "preparation" and plan.version == crisis_plan.version  # nothing saved


def test_a_crisis_plan_cannot_be_agreed_at_preparation(client, personas, crisis_plan):
    client.force_login(personas["clinician"])

    response = client.post(
        reverse("careplans:plan-agree", args=[crisis_plan.pk]),
        {"version": crisis_plan.version, "in_the_room": "on"},
    )

    assert "A Joint Crisis Plan is agreed at its planning meeting" in response.content.decode()
    assert Plan.objects.get(pk=crisis_plan.pk).status == PlanStatus.DRAFT


def test_a_crisis_plan_is_not_agreed_unless_the_person_was_at_the_meeting(personas, crisis_plan):
    clinician = personas["clinician"]
    plan = services.plan_details_change(
        plan=crisis_plan, expected_version=crisis_plan.version, by=clinician, review_date=None,
        stage="planning_meeting", facilitator="Ann Lee", people_present="His mum; Mohammed",
    )  # fmt: skip

    with pytest.raises(ValidationError, match="agreed at its planning meeting"):
        services.plan_agree(plan=plan, expected_version=plan.version, by=clinician, in_person=True)

    plan = services.plan_details_change(
        plan=plan, expected_version=plan.version, by=clinician, review_date=None,
        stage="planning_meeting", facilitator="Ann Lee", people_present="Dan; his mum; Mohammed",
        person_at_meeting=True,
    )  # fmt: skip
    agreed = services.plan_agree(plan=plan, expected_version=plan.version, by=clinician, in_person=True)

    assert agreed.status == PlanStatus.AGREED


@pytest.mark.parametrize("days", [-365 * 6, -1, 0])
def test_a_new_review_date_must_be_in_the_future(client, personas, safety_plan, days):
    client.force_login(personas["clinician"])

    response = client.post(
        reverse("careplans:plan-details", args=[safety_plan.pk]),
        _details(safety_plan, review=timezone.localdate() + timedelta(days=days)),
    )

    assert "Review date must be in the future" in response.content.decode()
    assert Plan.objects.get(pk=safety_plan.pk).review_date != timezone.localdate() + timedelta(days=days)
