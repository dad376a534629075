"""The college team sets up a course in Chromium, with axe on each set-up page.

Given a term and a venue, when the college team adds a course, a run of it, two sessions, a peer trainer
and another trainer, and publishes the run, then it is in the public prospectus.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from college.models import CourseRun, RunStatus
from college.tests.factories import TermFactory, VenueFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _fill_date(page: Page, legend: str, day) -> None:
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _add_session(page: Page, day, topic: str) -> None:
    _fill_date(page, "Date", day)
    page.get_by_label("Start time").first.fill("10:00")
    page.get_by_label("End time").first.fill("12:00")
    page.get_by_label("Topic (optional)").fill(topic)
    page.get_by_role("button", name="Add the session").click()


def test_the_college_team_sets_up_and_publishes_a_course(
    page: Page, live_server, personas, sign_in, assert_accessible
):
    today = timezone.localdate()
    TermFactory(
        name="Spring",
        slug="spring",
        start_date=today - timedelta(days=1),
        end_date=today + timedelta(days=90),
    )
    VenueFactory(name="Mansfield Library", slug="mansfield-library")
    sign_in(page, "college")

    # A course, with a mistake first.
    page.get_by_role("link", name="Set up courses").click()
    page.get_by_role("link", name="Add a course").click()
    page.get_by_role("button", name="Add the course").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the course title")
    assert_accessible(page)
    page.get_by_label("Title").fill("Living with Voices")
    page.get_by_label("Understanding mental health").check()
    page.get_by_label("Summary").fill("Making sense of voices, together.")
    page.get_by_label("Who it is for").fill("Anyone who hears voices, and people who support them.")
    page.get_by_label("Learning outcomes").fill("Know you are not alone\nTry ways of coping")
    page.get_by_label("Co-produced with").fill("The Mansfield Hearing Voices group")
    page.get_by_label("Number of sessions").fill("2")
    page.get_by_label("Sessions to attend to complete").fill("1")
    page.get_by_role("button", name="Add the course").click()
    expect(page.get_by_text("Living with Voices is set up.")).to_be_visible()

    # A run of it.
    page.get_by_role("link", name="Add a run of this course").click()
    assert_accessible(page)
    page.get_by_label("Term").select_option(label="Spring")
    page.get_by_label("Venue").select_option(label="Mansfield Library")
    page.get_by_label("Places").fill("12")
    page.get_by_role("button", name="Add the run").click()

    # Its two sessions.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sessions")
    _add_session(page, today + timedelta(days=7), "Welcome")
    expect(page.get_by_text("Session 1 of Living with Voices is added.")).to_be_visible()
    _add_session(page, today + timedelta(days=14), "Coping together")
    expect(page.get_by_text("Every session of the course has its date and time.")).to_be_visible()
    assert_accessible(page)

    # Its trainers: the peer trainer chosen with the keyboard alone.
    page.get_by_role("link", name="Trainers of this run").click()
    expect(page.get_by_text("not co-delivered yet")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Trainer", exact=True).focus()
    page.keyboard.type("Owen")
    page.keyboard.press("Tab")  # to the first radio, "Yes, a peer trainer"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Owen Price is a trainer of this run.")).to_be_visible()
    page.get_by_label("Trainer", exact=True).select_option(label="Sarah Whitfield, Recovery College Manager")
    page.get_by_label("No, another trainer").check()
    page.get_by_role("button", name="Add the trainer").click()
    expect(page.get_by_role("cell", name="Peer trainer")).to_be_visible()
    assert_accessible(page)

    # Published, it is in the prospectus.
    page.get_by_role("link", name="Students and registers").click()
    page.get_by_role("button", name="Publish in the prospectus").click()
    expect(page.get_by_text("Living with Voices is in the prospectus.")).to_be_visible()
    assert CourseRun.objects.get().status == RunStatus.PUBLISHED
    page.goto(f"{live_server.url}/college/")
    expect(page.get_by_role("link", name="Living with Voices")).to_be_visible()
