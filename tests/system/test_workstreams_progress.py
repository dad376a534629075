"""A peer lead reports progress on an overdue action and the change reaches the next meeting pack.

axe finds no WCAG 2.2 AA violations on the strategy overview, the workstream page, the action list,
the action page, a meeting and its pack.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_peer_lead_reports_a_rag_change_that_reaches_the_meeting_pack(
    page: Page, live_server, sign_in, assert_accessible, peer_lead, peer_lead_journey
):
    action, meeting = peer_lead_journey["action"], peer_lead_journey["meeting"]

    # Given the peer lead of Peer Support, whose action is overdue and rated amber
    sign_in(page, peer_lead.username)
    expect(page.get_by_role("heading", name="My actions")).to_be_visible()

    # When they open it from their home page and add an update rating it red
    page.get_by_role("link", name=action.description).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(action.description)
    expect(page.locator("#action-progress").get_by_text("Overdue")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What has happened").fill("Workforce committee postponed sign-off to next quarter.")
    page.get_by_label("Red – at risk").check()
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("button", name="Add the update").click()

    # Then the update is added in place and heads the timeline
    expect(page.get_by_text("Progress update added to:")).to_be_visible()
    timeline = page.locator("#timeline > li")
    expect(timeline).to_have_count(2)
    expect(timeline.first).to_contain_text("Workforce committee postponed sign-off to next quarter.")
    expect(timeline.first).to_contain_text("Red")
    assert page.url.endswith(reverse("workstreams:action-detail", args=[action.pk]))
    assert page.evaluate("window.stillTheSamePage === true"), "the update should be added without a page load"

    # And the next meeting pack shows the change and that the action became overdue
    page.goto(f"{live_server.url}{reverse('workstreams:meeting-pack', args=[meeting.pk])}")
    section = page.locator("section", has=page.get_by_role("heading", name=re.compile("Peer Support")))
    expect(section.get_by_role("heading", name="RAG changes")).to_be_visible()
    expect(section.get_by_role("listitem").filter(has_text="Amber to Red")).to_contain_text(
        action.description
    )
    expect(section.get_by_role("heading", name="Newly overdue")).to_be_visible()
    expect(section.get_by_role("heading", name="Goals at risk")).to_be_visible()
    assert_accessible(page)


def test_the_progress_form_works_without_javascript(
    browser, live_server, sign_in, peer_lead, peer_lead_journey
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    action = peer_lead_journey["action"]
    sign_in(page, peer_lead.username)
    page.goto(f"{live_server.url}{reverse('workstreams:action-detail', args=[action.pk])}")

    page.get_by_label("What has happened").fill("Pathway agreed by the workforce committee.")
    page.get_by_label("Green – on track").check()
    page.get_by_label("Done").check()
    page.get_by_role("button", name="Add the update").click()

    expect(page.get_by_text("Progress update added to:")).to_be_visible()
    expect(page.locator("#timeline > li").first).to_contain_text("Pathway agreed by the workforce committee.")
    expect(page.locator("#action-progress")).to_contain_text("Done")
    context.close()


def test_strategy_pages_are_accessible(
    page: Page, live_server, sign_in, assert_accessible, wslead, peer_lead_journey, ws_meeting, ws_follow_up
):
    meeting = peer_lead_journey["meeting"]
    sign_in(page, wslead.username)

    for url in (
        reverse("workstreams:list"),
        reverse("workstreams:detail", args=["peer-support"]),
        reverse("workstreams:actions"),
        reverse("workstreams:actions") + "?overdue=yes&rag=amber",
        reverse("workstreams:meetings"),
        reverse("workstreams:meeting-detail", args=[ws_meeting.pk]),
        reverse("workstreams:meeting-pack", args=[meeting.pk]),
        reverse("workstreams:goal-create", args=["peer-support"]),
        reverse("workstreams:annual-report", args=["peer-support", 2025]),
    ):
        page.goto(f"{live_server.url}{url}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)

    # A form sent with mistakes: the error summary and messages are accessible too.
    page.goto(f"{live_server.url}{reverse('workstreams:goal-create', args=['peer-support'])}")
    page.get_by_role("button", name="Add the goal").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
