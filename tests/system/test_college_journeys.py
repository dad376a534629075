"""Recovery College journeys in Chromium, with axe on every page.

Given a course in the prospectus, when a member of the public finds it, registers and enrols, and the
trainer later marks the register on a phone-sized screen, then the student sees the session attended.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from college.models import Enrolment, Session
from college.tests.factories import CourseFactory, CourseRunFactory, TermFactory, VenueFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def anxiety_run(personas):
    return CourseRunFactory(
        course=CourseFactory(
            title="Understanding Anxiety",
            slug="understanding-anxiety",
            session_count=2,
            completion_min_sessions=1,
        ),
        term=TermFactory(name="Autumn", slug="autumn"),
        venue=VenueFactory(name="Beeston Library", slug="beeston-library"),
        trainers=[(personas["trainer"], True), (personas["college"], False)],
        capacity=8,
    )


def test_the_public_find_register_enrol_and_see_their_attendance(
    page: Page, browser, live_server, personas, anxiety_run, sign_in, assert_accessible
):
    # A member of the public finds the course.
    page.goto(f"{live_server.url}/college/")
    assert_accessible(page)
    page.get_by_label("Search courses").fill("anxiety")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Understanding Anxiety").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Understanding Anxiety")
    assert_accessible(page)

    # They register: first with a mistake, then properly.
    page.get_by_role("link", name="Register to book a place").click()
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter your first name")
    assert_accessible(page)
    page.get_by_label("First name").fill("Jo")
    page.get_by_label("Last name").fill("Bloggs")
    page.get_by_label("Email address").fill("jo@example.org")
    page.get_by_label("A member of the community").check()
    page.get_by_label("Create a password").fill("a long walk by the Trent 42")
    page.get_by_label("Type your password again").fill("a long walk by the Trent 42")
    page.get_by_role("button", name="Register").click()

    # They confirm their email address from the message sent to it, then sign in with it.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your email")
    assert_accessible(page)
    link = re.search(r"https?://\S+(/college/register/confirm/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(f"{live_server.url}{link}")
    page.get_by_label("Username").fill("jo@example.org")
    page.get_by_label("Password", exact=True).fill("a long walk by the Trent 42")
    page.get_by_role("button", name="Sign in", exact=True).click()

    # Back at the course, signed in, they book a place.
    page.get_by_label("Search courses").fill("anxiety")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Understanding Anxiety").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Understanding Anxiety")
    page.get_by_role("button", name="Book a place").click()
    expect(page.get_by_text("You have a place on Understanding Anxiety.")).to_be_visible()
    assert_accessible(page)

    # They start their learning plan.
    page.goto(f"{live_server.url}/college/my-courses/")
    assert_accessible(page)
    page.get_by_role("link", name="Start your learning plan").click()
    page.get_by_label("My goals this term").fill("Understand my anxiety and meet people.")
    page.get_by_role("button", name="Save your plan").click()
    expect(page.get_by_text("Understand my anxiety and meet people.")).to_be_visible()
    assert_accessible(page)

    # The first session takes place.
    first = Session.objects.filter(run=anxiety_run, number=1)
    first.update(starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=1))

    # The trainer marks the register on a phone.
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    trainer_page = phone.new_page()
    sign_in(trainer_page, "trainer")
    trainer_page.get_by_role("link", name="Understanding Anxiety").click()
    trainer_page.get_by_role("link", name="Session 1").click()
    assert_accessible(trainer_page)
    group = trainer_page.get_by_role("group", name="Jo Bloggs")
    group.get_by_label("Present").check()
    trainer_page.get_by_role("button", name="Save the register").click()
    expect(trainer_page.get_by_text("Register saved for session 1")).to_be_visible()
    assert trainer_page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()

    # The student sees the session attended, and the course completed.
    page.goto(f"{live_server.url}/college/my-courses/")
    expect(page.get_by_role("cell", name="Attended")).to_be_visible()
    expect(page.get_by_text("Completed")).to_be_visible()
    assert Enrolment.objects.get().attendances.get().present is True


def test_the_college_dashboard_is_accessible(
    page: Page, live_server, personas, anxiety_run, sign_in, assert_accessible
):
    sign_in(page, "college")
    page.goto(f"{live_server.url}/college/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Recovery College dashboard")
    assert_accessible(page)
    page.goto(f"{live_server.url}/college/fidelity/")
    assert_accessible(page)


def test_a_student_confirms_giving_up_a_place_and_keeps_a_finished_course(
    page: Page,
    live_server,
    anxiety_run,
    serviceuser_student,
    serviceuser_completed_enrolment,
    sign_in,
    assert_accessible,
):
    from college.models import EnrolmentStatus
    from college.tests.factories import EnrolmentFactory

    upcoming = EnrolmentFactory(student=serviceuser_student, run=anxiety_run)
    sign_in(page, "serviceuser")
    page.goto(f"{live_server.url}/college/my-courses/")
    assert_accessible(page)

    # The finished course offers no way to give it up; the upcoming one does, on a page of its own.
    expect(page.get_by_role("link", name="Give up your place on What is Recovery?")).to_have_count(0)
    page.get_by_role("link", name="Give up your place on Understanding Anxiety").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Are you sure you want to give up your place on Understanding Anxiety?"
    )
    assert_accessible(page)

    # Going back changes nothing; confirming gives the place up.
    page.get_by_role("link", name="No, keep my place").click()
    upcoming.refresh_from_db()
    assert upcoming.status == EnrolmentStatus.ENROLLED
    page.get_by_role("link", name="Give up your place on Understanding Anxiety").click()
    page.get_by_role("button", name="Yes, give up my place").click()
    expect(page.locator(".nhsuk-card")).to_have_count(1)  # the finished course stays
    expect(page.get_by_role("link", name="Download your certificate (PDF)")).to_be_visible()
    assert_accessible(page)
    upcoming.refresh_from_db()
    assert upcoming.status == EnrolmentStatus.CANCELLED
