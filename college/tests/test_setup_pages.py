"""The college team's set-up pages: a course, its run, sessions and trainers, then publishing.

Also: bad input shows the NHS.UK error summary and saves nothing; others are refused; query counts are
pinned and stay the same as courses, sessions and trainers grow.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from college.models import Course, CourseRun, RunStatus
from college.tests.factories import (
    CourseFactory,
    CourseRunFactory,
    EnrolmentFactory,
    TermFactory,
    VenueFactory,
)
from recovery_portal.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _date(prefix: str, day) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def _ok(response):
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def test_the_college_team_sets_up_a_course_run_sessions_and_trainers_then_publishes(client, college, trainer):
    today = timezone.localdate()
    term = TermFactory(name="Spring", start_date=today, end_date=today + timedelta(days=90))
    venue = VenueFactory(name="Mansfield Library")
    client.force_login(college)

    _ok(
        client.post(
            reverse("college:setup-course-new"),
            {
                "title": "Living with Voices",
                "slug": "",
                "category": "understanding",
                "summary": "Making sense of voices.",
                "who_it_is_for": "Anyone who hears voices.",
                "learning_outcomes": "Know you are not alone\nTry ways of coping",
                "co_produced_with": "The Hearing Voices group",
                "session_count": "3",
                "session_minutes": "120",
                "completion_min_sessions": "2",
            },
        )
    )
    course = Course.objects.get(slug="living-with-voices")
    _ok(
        client.post(
            reverse("college:setup-run-new", args=[course.pk]),
            {"term": term.pk, "venue": venue.pk, "capacity": "12", "offer_hours": "48"},
        )
    )
    run = CourseRun.objects.get(course=course)
    first = today + timedelta(days=7)
    _ok(
        client.post(
            reverse("college:setup-sessions", args=[run.pk]),
            {**_date("on", first), "starts": "10:00", "ends": "12:00", "topic": "Welcome"},
        )
    )
    _ok(
        client.post(
            reverse("college:setup-sessions-weekly", args=[run.pk]),
            {
                **_date("weekly-first", first + timedelta(weeks=1)),
                "weekly-starts": "10:00",
                "weekly-ends": "12:00",
                "weekly-count": "2",
            },
        )
    )
    for user, peer in ((trainer, "yes"), (college, "no")):
        _ok(
            client.post(
                reverse("college:setup-trainers", args=[run.pk]), {"user": user.pk, "is_peer_trainer": peer}
            )
        )
    students_page = client.get(reverse("college:run-students", args=[run.pk])).content.decode()
    _ok(client.post(reverse("college:run-publish", args=[run.pk])))

    run.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED and run.changed_by == college
    assert [(s.number, s.topic) for s in run.sessions.order_by("number")] == [
        (1, "Welcome"),
        (2, ""),
        (3, ""),
    ]
    assert set(run.trainers.values_list("user", "is_peer_trainer")) == {
        (trainer.pk, True),
        (college.pk, False),
    }
    for link in ("setup-run", "setup-sessions", "setup-trainers"):
        assert reverse(f"college:{link}", args=[run.pk]) in students_page
    assert "Living with Voices" in client.get(reverse("college:prospectus")).content.decode()


def test_a_course_with_bad_input_names_each_field_in_the_error_summary_and_is_not_saved(client, college):
    CourseFactory(title="Understanding Anxiety", slug="understanding-anxiety")
    client.force_login(college)

    response = client.post(
        reverse("college:setup-course-new"),
        {"title": "", "slug": "understanding-anxiety", "session_count": "3", "completion_min_sessions": "x"},
    )
    page = response.content.decode()

    assert response.status_code == 200 and "nhsuk-error-summary" in page
    assert '<a href="#id_title">Enter the course title</a>' in page
    assert "Sessions to attend to complete must be a whole number" in page
    assert Course.objects.count() == 1

    # The service's own rules reach the same summary, on the field they concern.
    response = client.post(
        reverse("college:setup-course-new"),
        {
            "title": "Understanding Anxiety",
            "category": "understanding",
            "summary": "s",
            "who_it_is_for": "w",
            "learning_outcomes": "o",
            "co_produced_with": "c",
            "session_count": "3",
            "session_minutes": "120",
            "completion_min_sessions": "4",
        },
    )
    page = response.content.decode()
    assert 'href="#id_slug">The web address “understanding-anxiety” is already used' in page
    assert Course.objects.count() == 1


def test_lowering_places_below_those_held_says_so_on_the_run_form_and_saves_nothing(client, college):
    run = CourseRunFactory(capacity=4)
    for _ in range(3):
        EnrolmentFactory(run=run)
    client.force_login(college)

    response = client.post(
        reverse("college:setup-run", args=[run.pk]),
        {
            "course": run.course_id,
            "term": run.term_id,
            "venue": VenueFactory().pk,
            "capacity": "2",
            "offer_hours": "24",
        },
    )

    assert '<a href="#id_capacity">3 places are held or offered' in response.content.decode()
    run.refresh_from_db()
    assert (run.capacity, run.offer_hours) == (4, 48)


def test_a_session_outside_the_term_is_refused_on_the_sessions_page(client, college):
    run = CourseRunFactory(status=RunStatus.DRAFT)
    run.sessions.all().delete()
    client.force_login(college)

    response = client.post(
        reverse("college:setup-sessions", args=[run.pk]),
        {**_date("on", run.term.end_date + timedelta(days=1)), "starts": "10:00", "ends": "12:00"},
    )

    page = response.content.decode()
    assert f'<a href="#id_on_day">The date must be in {run.term.name}' in page
    assert run.sessions.count() == 0


@pytest.mark.parametrize("persona", ["trainer", "outsider"])
def test_trainers_and_other_staff_cannot_set_up(client, request, persona, college_run, college_session):
    client.force_login(request.getfixturevalue(persona))

    for url in (
        reverse("college:setup-courses"),
        reverse("college:setup-run", args=[college_run.pk]),
        reverse("college:setup-sessions", args=[college_run.pk]),
        reverse("college:setup-trainers", args=[college_run.pk]),
    ):
        assert client.get(url).status_code == 403
    assert client.post(reverse("college:setup-session-remove", args=[college_session.pk])).status_code == 403
    assert college_run.sessions.count() == 3


@pytest.mark.parametrize("courses", [1, 6])
def test_course_list_queries_are_constant(client, college, courses, django_assert_num_queries):
    for _ in range(courses):
        CourseRunFactory()
    CourseFactory()  # never run, still listed
    client.force_login(college)
    # 3 signing in: session, user, groups (college team?); 1 count of courses, 1 page of courses with
    # their runs counted; 3 the session's activity time saved (savepoint, update, release).
    with django_assert_num_queries(8):
        page = client.get(reverse("college:setup-courses")).content.decode()
    assert page.count('href="/college/set-up/courses/') == courses + 2  # each course, and "Add a course"


@pytest.mark.parametrize("courses", [1, 6])
def test_run_edit_queries_are_constant(client, college, courses, django_assert_num_queries):
    runs = [CourseRunFactory() for _ in range(courses)]
    client.force_login(college)
    # 3 signing in; 1 the run with course, term, venue and first session; 3 the course, term and venue
    # choices; 3 the session's activity time saved.
    with django_assert_num_queries(10):
        assert client.get(reverse("college:setup-run", args=[runs[0].pk])).status_code == 200


@pytest.mark.parametrize("sessions", [1, 8])
def test_sessions_page_queries_are_constant(client, college, sessions, django_assert_num_queries):
    run = CourseRunFactory(course=CourseFactory(session_count=sessions, completion_min_sessions=1))
    client.force_login(college)
    # 3 signing in; 1 the run; 1 its sessions, each knowing if its register is taken; 3 activity saved.
    with django_assert_num_queries(8):
        page = client.get(reverse("college:setup-sessions", args=[run.pk])).content.decode()
    assert page.count("Change<span") == sessions


@pytest.mark.parametrize("trainers", [1, 6])
def test_trainers_page_queries_are_constant(client, college, trainers, django_assert_num_queries):
    run = CourseRunFactory(trainers=[(UserFactory(), n % 2 == 0) for n in range(trainers)])
    UserFactory.create_batch(trainers)  # more people to choose from
    client.force_login(college)
    # 3 signing in; 1 the run; 1 its trainers with their users; 1 the people who may be added; 3 activity.
    with django_assert_num_queries(9):
        page = client.get(reverse("college:setup-trainers", args=[run.pk])).content.decode()
    assert page.count("Remove<span") == trainers


@pytest.mark.parametrize("rows", [1, 5])
def test_term_and_venue_lists_queries_are_constant(client, college, rows, django_assert_num_queries):
    for _ in range(rows):
        TermFactory()
        VenueFactory()
    client.force_login(college)
    # 3 signing in; 1 the terms (or venues); 3 activity saved.
    for name in ("college:setup-terms", "college:setup-venues"):
        with django_assert_num_queries(7):
            assert client.get(reverse(name)).status_code == 200
