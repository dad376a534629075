"""Setting up courses, runs, sessions and trainers: the rules the services keep."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from college import services
from college.models import Attendance, CourseRun, EnrolmentStatus, RunStatus
from college.tests.factories import (
    CourseFactory,
    CourseRunFactory,
    EnrolmentFactory,
    TermFactory,
    VenueFactory,
)
from recovery_portal.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

COURSE = {
    "title": "Hearing Voices",
    "slug": "",
    "category": "understanding",
    "summary": "Making sense of voices.",
    "who_it_is_for": "Anyone who hears voices, and those who support them.",
    "learning_outcomes": "Know you are not alone\nTry ways of coping",
    "co_produced_with": "The local Hearing Voices group",
    "session_count": 4,
    "session_minutes": 120,
    "completion_min_sessions": 3,
}


def _term():
    today = timezone.localdate()
    return TermFactory(start_date=today - timedelta(days=10), end_date=today + timedelta(days=80))


def test_a_course_and_a_draft_run_are_created_with_who_did_it(college):
    course = services.course_create(by=college, **COURSE)
    run = services.run_create(course=course, term=_term(), venue=VenueFactory(), capacity=12, by=college)

    assert course.slug == "hearing-voices" and course.changed_by == college
    assert (run.status, run.capacity, run.offer_hours, run.changed_by) == (RunStatus.DRAFT, 12, 48, college)


def test_a_web_address_already_used_is_refused_naming_the_course(college):
    CourseFactory(title="Hearing Voices", slug="hearing-voices")

    with pytest.raises(ValidationError) as refused:
        services.course_create(by=college, **COURSE)

    assert "already used by the course “Hearing Voices”" in refused.value.message_dict["slug"][0]


def test_a_completion_rule_above_the_number_of_sessions_is_refused(college):
    course = CourseFactory(session_count=3, completion_min_sessions=2)

    with pytest.raises(ValidationError) as refused:
        services.course_save(course=course, by=college, completion_min_sessions=4)
    with pytest.raises(ValidationError):
        services.course_create(by=college, **{**COURSE, "completion_min_sessions": 5})

    assert (
        "between 1 and the number of sessions (3)" in refused.value.message_dict["completion_min_sessions"][0]
    )
    course.refresh_from_db()
    assert course.completion_min_sessions == 2


def test_capacity_below_the_places_held_is_refused_and_nothing_changes(college):
    run = CourseRunFactory(capacity=5)
    venue_before = run.venue_id
    held = [EnrolmentFactory(run=run) for _ in range(3)]

    with pytest.raises(ValidationError) as refused:
        services.run_save(run=run, by=college, capacity=2, venue=VenueFactory())

    assert "3 places are held" in refused.value.message_dict["capacity"][0]
    run.refresh_from_db()
    assert (run.capacity, run.venue_id) == (5, venue_before)
    assert [e.place_number for e in run.enrolments.order_by("pk")] == [h.place_number for h in held]


def test_lowering_capacity_moves_places_into_gaps_and_raising_it_offers_the_waiting(college):
    run = CourseRunFactory(capacity=4)
    first, _gap, _third, last = (EnrolmentFactory(run=run) for _ in range(4))
    services.enrolment_cancel(enrolment=_gap, by=college)
    services.enrolment_cancel(enrolment=_third, by=college)
    # Nobody was waiting when places 2 and 3 were freed, so they are empty while 4 is held.
    waiting = EnrolmentFactory(run=run, status=EnrolmentStatus.WAITING)

    services.run_save(run=run, by=college, capacity=2)
    last.refresh_from_db()
    assert (first.place_number, last.place_number) == (1, 2)
    assert last.history.count() >= 2  # the move is in the enrolment's history

    services.run_save(run=run, by=college, capacity=3)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.place_number) == (EnrolmentStatus.OFFERED, 3)


def test_the_database_refuses_a_capacity_below_a_held_place_even_without_the_service():
    run = CourseRunFactory(capacity=5)
    EnrolmentFactory(run=run, place_number=4)

    with pytest.raises(IntegrityError), transaction.atomic():
        CourseRun.objects.filter(pk=run.pk).update(capacity=3)


def test_a_run_that_has_started_keeps_its_course_and_term(college):
    run = CourseRunFactory(sessions=timedelta(days=-1))

    with pytest.raises(ValidationError) as refused:
        services.run_save(run=run, by=college, course=CourseFactory(), term=_term())

    assert set(refused.value.message_dict) == {"course", "term"}
    assert "has started" in refused.value.message_dict["term"][0]
    services.run_save(run=run, by=college, venue=VenueFactory(name="Arnold Library"))  # the venue may change


def _draft_run(**kwargs):
    return CourseRunFactory(status=RunStatus.DRAFT, term=_term(), trainers=[], **kwargs)


def _empty_draft(course=None):
    run = _draft_run(course=course or CourseFactory(session_count=3, completion_min_sessions=2))
    run.sessions.all().delete()
    return run


def test_sessions_outside_the_term_are_refused_and_sessions_are_numbered_in_date_order(college):
    run = _empty_draft()
    term = run.term

    with pytest.raises(ValidationError) as refused:
        services.session_add(
            run=run, on=term.end_date + timedelta(days=1), starts=time(10), ends=time(12), by=college
        )
    assert f"must be in {term.name}" in refused.value.message_dict["on"][0]
    with pytest.raises(ValidationError) as backwards:
        services.session_add(run=run, on=term.start_date, starts=time(12), ends=time(10), by=college)
    assert "after the start time" in backwards.value.message_dict["ends"][0]
    assert run.sessions.count() == 0

    later = services.session_add(
        run=run, on=term.start_date + timedelta(days=14), starts=time(10), ends=time(12), by=college
    )
    earlier = services.session_add(
        run=run, on=term.start_date + timedelta(days=7), starts=time(10), ends=time(12), by=college
    )
    later.refresh_from_db()
    assert (earlier.number, later.number) == (1, 2)
    assert timezone.localtime(earlier.starts_at).time() == time(10)  # UK time kept


def test_weekly_sessions_are_added_all_or_none_up_to_the_course_count(college):
    run = _empty_draft()
    first = run.term.start_date + timedelta(days=1)

    with pytest.raises(ValidationError, match="room for 3 more"):
        services.sessions_add_weekly(
            run=run, first=first, starts=time(14), ends=time(16), count=4, by=college
        )
    assert run.sessions.count() == 0

    created = services.sessions_add_weekly(
        run=run, first=first, starts=time(14), ends=time(16), count=3, by=college
    )
    assert [timezone.localdate(s.starts_at) for s in run.sessions.order_by("number")] == [
        first + timedelta(weeks=week) for week in range(3)
    ]
    assert len(created) == 3


def test_a_session_with_its_register_taken_cannot_be_removed(college, trainer, time_machine):
    # Midday, so the factory's two-hour session yesterday does not run past midnight.
    time_machine.move_to(timezone.localtime().replace(hour=12, minute=0), tick=False)
    run = CourseRunFactory(status=RunStatus.DRAFT, sessions=timedelta(days=-1))
    session = run.sessions.order_by("number").first()
    Attendance.objects.create(
        session=session, enrolment=EnrolmentFactory(run=run), present=True, recorded_by=trainer
    )

    with pytest.raises(ValidationError, match="register taken"):
        services.session_remove(session=session, by=college)
    local = timezone.localtime(session.starts_at)
    with pytest.raises(ValidationError, match="cannot change"):
        services.session_change(
            session=session,
            on=local.date() + timedelta(days=1),
            starts=local.time(),
            ends=time(23, 59),
            by=college,
        )
    services.session_change(
        session=session,
        on=local.date(),
        starts=local.time(),
        ends=timezone.localtime(session.ends_at).time(),
        topic="Hope",
        by=college,
    )

    assert run.sessions.count() == 3
    session.refresh_from_db()
    assert (timezone.localtime(session.starts_at), session.topic) == (local, "Hope")


def test_removing_a_session_renumbers_the_rest_and_a_published_run_keeps_its_sessions(college):
    draft = CourseRunFactory(status=RunStatus.DRAFT)
    services.session_remove(session=draft.sessions.get(number=1), by=college)
    assert list(draft.sessions.values_list("number", flat=True)) == [1, 2]

    published = CourseRunFactory()
    with pytest.raises(ValidationError, match="in the prospectus"):
        services.session_remove(session=published.sessions.get(number=1), by=college)


def test_removing_the_last_peer_trainer_of_a_published_run_is_refused(college):
    peer, other = UserFactory(), UserFactory()
    run = CourseRunFactory(trainers=[(peer, True), (other, False)])
    second_other = services.run_trainer_add(run=run, user=UserFactory(), is_peer_trainer=False, by=college)

    with pytest.raises(ValidationError, match="only peer trainer"):
        services.run_trainer_remove(trainer=run.trainers.get(user=peer), by=college)
    services.run_trainer_remove(trainer=second_other, by=college)  # another non-peer trainer remains
    with pytest.raises(ValidationError, match="only trainer who is not a peer trainer"):
        services.run_trainer_remove(trainer=run.trainers.get(user=other), by=college)

    assert run.trainers.count() == 2


def test_trainers_are_staff_or_students_with_a_login_and_each_once(
    college, carer, serviceuser, serviceuser_student
):
    run = _draft_run()

    with pytest.raises(ValidationError, match="member of staff or a college student"):
        services.run_trainer_add(run=run, user=carer, is_peer_trainer=True, by=college)
    services.run_trainer_add(run=run, user=serviceuser, is_peer_trainer=True, by=college)
    with pytest.raises(ValidationError, match="already trains"):
        services.run_trainer_add(run=run, user=serviceuser, is_peer_trainer=False, by=college)

    assert list(run.trainers.values_list("user", "is_peer_trainer")) == [(serviceuser.pk, True)]


def test_terms_cannot_overlap_and_keep_their_runs_sessions(college):
    autumn = services.term_create(
        by=college, name="Autumn 2031", slug="", start_date=date(2031, 9, 8), end_date=date(2031, 12, 19)
    )
    with pytest.raises(ValidationError, match="overlap Autumn 2031"):
        services.term_create(
            by=college, name="Winter", slug="", start_date=date(2031, 12, 1), end_date=date(2032, 3, 1)
        )
    with pytest.raises(ValidationError) as backwards:
        services.term_create(
            by=college, name="Spring", slug="", start_date=date(2032, 4, 1), end_date=date(2032, 1, 1)
        )
    assert "end_date" in backwards.value.message_dict

    run = _empty_draft()
    services.run_save(run=run, by=college, term=autumn)
    services.session_add(run=run, on=date(2031, 12, 15), starts=time(10), ends=time(12), by=college)
    with pytest.raises(ValidationError, match="outside the term"):
        services.term_save(term=autumn, by=college, end_date=date(2031, 12, 12))
    with pytest.raises(ValidationError, match="outside Spring 2032"):
        services.run_save(
            run=run,
            by=college,
            term=TermFactory(name="Spring 2032", start_date=date(2032, 1, 5), end_date=date(2032, 3, 26)),
        )
    assert autumn.slug == "autumn-2031"


def test_a_published_courses_number_of_sessions_is_fixed_and_a_spoke_names_its_partner(college):
    course = CourseRunFactory().course

    with pytest.raises(ValidationError, match="cannot change"):
        services.course_save(course=course, by=college, session_count=4)
    with pytest.raises(ValidationError) as no_partner:
        services.venue_create(by=college, name="Eastwood Hall", slug="", kind="spoke", partner="  ")

    assert "community partner" in no_partner.value.message_dict["partner"][0]
    services.course_save(course=course, by=college, summary="Updated.", session_count=3)
