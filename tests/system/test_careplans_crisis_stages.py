"""A Joint Crisis Plan is agreed only at its planning meeting, with the person there."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_clinician_records_the_planning_meeting_before_the_plan_is_agreed(
    page: Page, live_server, crisis_plan, sign_in, assert_accessible
):
    base = live_server.url
    sign_in(page, "clinician")

    # Agreeing at preparation is refused, saying what to do.
    page.goto(f"{base}/people/plans/{crisis_plan.pk}/agree/")
    page.get_by_label("The person is here with me and agrees this version of the plan").check()
    page.get_by_role("button", name="Record agreement").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("agreed at its planning meeting")
    assert_accessible(page)

    # The planning meeting without its facilitator or attendees, and a review date in the past.
    page.goto(f"{base}/people/plans/{crisis_plan.pk}/details/")
    past = timezone.localdate() - timedelta(days=30)
    page.get_by_label("Day").fill(str(past.day))
    page.get_by_label("Month").fill(str(past.month))
    page.get_by_label("Year").fill(str(past.year))
    page.get_by_role("radio", name="Planning meeting").check()
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Review date must be in the future")
    expect(summary).to_contain_text("Enter who facilitated the planning meeting")
    expect(summary).to_contain_text("Enter who was at the planning meeting")
    assert_accessible(page)

    # Recorded properly, the plan can be agreed.
    future = timezone.localdate() + timedelta(days=90)
    page.get_by_label("Day").fill(str(future.day))
    page.get_by_label("Month").fill(str(future.month))
    page.get_by_label("Year").fill(str(future.year))
    page.get_by_label("Facilitator").fill("Ann Lee, independent facilitator")
    page.get_by_label("People at the planning meeting").fill("Dan, his mum, Mohammed")
    page.get_by_label("The person was at the planning meeting").check()
    page.get_by_role("button", name="Save").click()
    page.goto(f"{base}/people/plans/{crisis_plan.pk}/agree/")
    page.get_by_label("The person is here with me and agrees this version of the plan").check()
    page.get_by_role("button", name="Record agreement").click()
    expect(page.locator(".nhsuk-error-summary")).to_have_count(0)
    crisis_plan.refresh_from_db()
    assert crisis_plan.status == "agreed"
