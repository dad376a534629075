"""Public pages, the calendar feed, and query counts pinned on the prospectus, run, register and dashboard."""

from datetime import timedelta

import pytest
from django.urls import reverse

from college.models import Attendance
from college.tests.factories import CourseRunFactory, EnrolmentFactory, VenueFactory

pytestmark = pytest.mark.django_db


def test_the_prospectus_is_public_and_searchable(client, college_run):
    other = CourseRunFactory(course__title="Better Sleep", course__summary="Rest and routine.")

    everything = client.get(reverse("college:prospectus")).content.decode()
    found = client.get(reverse("college:prospectus"), {"q": "sleep"}).content.decode()

    # college_run started yesterday but its term is still running, so it is listed.
    assert "Understanding Anxiety" in everything and "Better Sleep" in everything
    assert "Better Sleep" in found and "Understanding Anxiety" not in found
    assert other.venue.name in found


def test_the_prospectus_filters_by_venue_and_online(client, college_run):
    online = CourseRunFactory(
        course__title="Mindfulness Online", venue=VenueFactory(kind="online", slug="online")
    )

    by_venue = client.get(reverse("college:prospectus"), {"venue": "beeston-library"}).content.decode()
    by_kind = client.get(reverse("college:prospectus"), {"kind": "online"}).content.decode()

    assert "Understanding Anxiety" in by_venue and online.course.title not in by_venue
    assert online.course.title in by_kind and "Understanding Anxiety" not in by_kind


def test_draft_runs_are_not_public(client):
    draft = CourseRunFactory(status="draft")

    assert draft.course.title not in client.get(reverse("college:prospectus")).content.decode()
    assert client.get(reverse("college:run", args=[draft.pk])).status_code == 404


def test_the_run_page_shows_where_the_student_stands(client, serviceuser, serviceuser_student):
    run = CourseRunFactory(capacity=1)
    EnrolmentFactory(run=run)
    EnrolmentFactory(run=run, student=serviceuser_student, status="waiting")
    client.force_login(serviceuser)

    page = client.get(reverse("college:run", args=[run.pk])).content.decode()

    assert "You are number 1 on the waiting list" in page


def test_enrolling_twice_through_the_page_says_so(client, serviceuser, serviceuser_student):
    run = CourseRunFactory()
    client.force_login(serviceuser)
    client.post(reverse("college:enrol", args=[run.pk]))

    response = client.post(reverse("college:enrol", args=[run.pk]), follow=True)

    assert "You have already asked for a place on this course." in response.content.decode()
    assert run.enrolments.count() == 1


def _fill_prospectus(count: int) -> None:
    for _ in range(count):
        run = CourseRunFactory()
        EnrolmentFactory(run=run)


@pytest.mark.parametrize("runs", [1, 6])
def test_prospectus_queries_are_constant(client, runs, django_assert_num_queries):
    _fill_prospectus(runs)
    # Anonymous: 1 count of matching runs, 1 page of runs (course, term, venue joined; places and dates
    # as subqueries), 1 terms and 1 venues for the filter choices.
    with django_assert_num_queries(4):
        assert client.get(reverse("college:prospectus")).status_code == 200


@pytest.mark.parametrize("students", [1, 8])
def test_run_page_queries_are_constant(
    client, serviceuser, serviceuser_student, students, django_assert_num_queries
):
    run = CourseRunFactory(capacity=20)
    for _ in range(students):
        EnrolmentFactory(run=run)
    EnrolmentFactory(run=run, student=serviceuser_student)
    client.force_login(serviceuser)
    # 3 signing in: session, user, groups (college team?); 1 run with places and dates, 1 sessions, 1 trainers
    # with their users; 1 the student, 1 their enrolment on the run; the students link: 1 trainer check, then
    # 2 Django permission lookups (user, groups) as rules says no; 3 the session's activity time saved
    # (savepoint, update, release). The header's links ask the rule set only (no model permission lookups).
    with django_assert_num_queries(12):
        assert client.get(reverse("college:run", args=[run.pk])).status_code == 200


@pytest.mark.parametrize("students", [1, 8])
def test_register_queries_are_constant(client, trainer, college, students, django_assert_num_queries):
    run = CourseRunFactory(trainers=[(trainer, True), (college, False)], sessions=timedelta(hours=-1))
    session = run.sessions.first()
    for _ in range(students):
        Attendance.objects.create(
            session=session, enrolment=EnrolmentFactory(run=run), present=True, recorded_by=trainer
        )
    client.force_login(trainer)
    # 3 signing in: session, user, groups; 1 the session with its run, course, term and venue; 1 trainer
    # check; 1 students with a place, 1 their marks for this session; 1 the audit row naming the students
    # on the register (was 10 before registers were audited); 3 the session's activity time saved.
    with django_assert_num_queries(11):
        assert client.get(reverse("college:register", args=[session.pk])).status_code == 200


@pytest.mark.parametrize("runs", [1, 5])
def test_dashboard_queries_are_constant(client, college, trainer, runs, django_assert_num_queries):
    for _ in range(runs):
        run = CourseRunFactory(trainers=[(trainer, True), (college, False)], sessions=timedelta(days=-21))
        enrolment = EnrolmentFactory(run=run)
        Attendance.objects.create(
            session=run.sessions.first(), enrolment=enrolment, present=True, recorded_by=trainer
        )
    client.force_login(college)
    # 3 signing in: session, user, groups; 2 the chosen term and venue; three times (overall, by term, by
    # venue) the five grouped figures (runs, enrolments, attendance, completion, students), plus 1 term and
    # 1 venue names for the two tables; 1 terms and 1 venues for the filter; 3 the session's activity saved.
    with django_assert_num_queries(27):
        assert client.get(reverse("college:dashboard")).status_code == 200


def test_the_dashboard_counts_co_delivery_attendance_and_completion(client, college, trainer):
    run = CourseRunFactory(trainers=[(trainer, True), (college, False)], sessions=timedelta(days=-21))
    CourseRunFactory(trainers=[(trainer, False)])  # not co-delivered (published here by the factory)
    present, absent = EnrolmentFactory(run=run), EnrolmentFactory(run=run)
    for session in run.sessions.all():
        Attendance.objects.create(session=session, enrolment=present, present=True, recorded_by=trainer)
        Attendance.objects.create(session=session, enrolment=absent, present=False, recorded_by=trainer)

    from college.selectors import college_figures

    figures = college_figures()
    assert (figures.runs, figures.co_delivered_runs, figures.co_delivered_percent) == (2, 1, 50)
    assert figures.attendance_percent == 50
    assert (figures.finished_enrolments, figures.completed, figures.completion_percent) == (2, 1, 50)
    assert figures.students_by_type == {"community": 2}


def test_a_started_run_says_it_is_too_late_and_a_finished_one_leaves_the_prospectus(client):
    started = CourseRunFactory(course__title="Started Course", sessions=timedelta(days=-1))
    finished = CourseRunFactory(course__title="Finished Course", sessions=timedelta(days=-60))

    listing = client.get(reverse("college:prospectus")).content.decode()
    page = client.get(reverse("college:run", args=[started.pk])).content.decode()

    assert "Started Course" in listing and "Finished Course" not in listing
    assert "too late to join" in page and "Register to book a place" not in page
    assert client.get(reverse("college:run", args=[finished.pk])).status_code == 200
