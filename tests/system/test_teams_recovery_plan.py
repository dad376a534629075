"""A team manager walks the Team Recovery Plan cycle for a new year, and the coverage page follows."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from recovery_portal.financial_year import FinancialYear
from workstreams.tests.factories import ConversationDomainFactory

pytestmark = pytest.mark.django_db(transaction=True)

PRIORITIES = [
    ("Recovery stories in every team meeting", "Start each team meeting with a recovery story"),
    ("Co-produce our groups", "Co-facilitate the weekly group with someone who uses the service"),
    ("Welcome carers from the first contact", "Send every new carer the welcome pack within a week"),
]


def _coverage_row(page: Page, live_server, team_name: str):
    page.goto(f"{live_server.url}/teams/recovery-plans/coverage/")
    return page.get_by_role("row").filter(has_text=team_name)


def test_a_team_manager_walks_the_whole_cycle_for_a_new_year(
    page: Page, live_server, persona_team, imroc_challenges, sign_in, assert_accessible
):
    ConversationDomainFactory()  # the reference data a flushed database may have lost
    year = FinancialYear.current()
    away_day = timezone.localdate() - datetime.timedelta(days=2)
    sign_in(page, "teamlead")

    # Given the team has no plan this year, the coverage page says so.
    expect(_coverage_row(page, live_server, persona_team.name)).to_contain_text("No plan")
    assert_accessible(page)

    # When the team manager starts this year's plan from the team page,
    page.goto(f"{live_server.url}/teams/{persona_team.slug}/")
    assert_accessible(page)
    page.get_by_role("link", name="Start a new plan").click()
    assert_accessible(page)
    page.get_by_label(year.label).check()
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Team Recovery Plan {year.label}")
    assert_accessible(page)

    # records what the team brings,
    page.get_by_role("link", name="Team resources", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Staff", exact=True).fill("Nurses trained in DIALOG+ and an allotment group")
    page.get_by_label("People using the service", exact=True).fill("An artist and a volunteer gardener")
    page.get_by_role("button", name="Save").click()

    # the away day, with people who use the service taking part,
    page.get_by_role("link", name="Away day", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Day").fill(str(away_day.day))
    page.get_by_label("Month").fill(str(away_day.month))
    page.get_by_label("Year").fill(str(away_day.year))
    page.get_by_label("Facilitated by").fill("Amira Shah, Recovery College")
    page.get_by_label("Attended: staff").fill("9")
    page.get_by_label("Attended: peer support workers").fill("2")
    page.get_by_label("Attended: people using the service").fill("4")
    page.get_by_label("Attended: carers, family and friends").fill("1")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Co-produced with people using the service")).to_be_visible()

    # the team's rating on each ImROC challenge,
    page.get_by_role("link", name="ImROC challenge ratings", exact=True).click()
    assert_accessible(page)
    for radio in page.get_by_label("Development", exact=True).all():
        radio.check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("10 of 10 challenges rated")).to_be_visible()

    # three priorities, each with an action,
    for number, (priority, action) in enumerate(PRIORITIES, start=1):
        page.get_by_role("link", name="Priorities and actions", exact=True).click()
        assert_accessible(page)
        page.get_by_label("Priority", exact=True).fill(priority)
        page.get_by_role("button", name="Save").click()
        page.get_by_role("link", name=f"Add an action to priority {number}").click()
        assert_accessible(page)
        page.get_by_label("What we will do").fill(action)
        page.get_by_label("Who", exact=True).fill("Peer support worker and team manager")
        page.get_by_label("Day").fill("31")
        page.get_by_label("Month").fill("1")
        page.get_by_label("Year").fill(str(year.start_year + 1))
        page.get_by_label("Workstream").select_option(index=1)
        page.get_by_label("Conversation domain").select_option(index=1)
        page.get_by_label("How we will see success").fill("People tell us at the mid-year review")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("heading", name=action)).to_be_visible()
    expect(page.get_by_text("3 of at most 3 priorities")).to_be_visible()

    # and agrees the plan.
    page.get_by_role("link", name="Agree the plan", exact=True).click()
    assert_accessible(page)
    page.get_by_role("button", name="Agree the plan").click()
    expect(page.get_by_text("The plan is agreed.")).to_be_visible()
    expect(page.locator("h1 + p .nhsuk-tag")).to_have_text("Agreed")
    assert_accessible(page)

    # Then the coverage page counts the team's plan as agreed.
    expect(_coverage_row(page, live_server, persona_team.name)).to_contain_text("Agreed")
    assert_accessible(page)


def test_the_imroc_ratings_fit_a_320_pixel_screen(
    browser, live_server, persona_plan, sign_in, assert_accessible
):
    persona_plan.ratings.update(evidence="Recovery stories are told at the start of most team meetings")
    page = browser.new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_in(page, "teamlead")

    page.goto(f"{live_server.url}/teams/recovery-plans/{persona_plan.pk}/")

    expect(page.locator("#ratings-table")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= 320"), "the plan page scrolls sideways"
    assert_accessible(page)
