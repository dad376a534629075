"""Fixtures of the college app, shared with the authorisation matrix and the browser tests."""

from datetime import timedelta

import pytest

from college.models import EnrolmentStatus, StudentType
from college.tests.factories import (
    CourseFactory,
    CourseRunFactory,
    EnrolmentFactory,
    LearningPlanFactory,
    StudentFactory,
    TermFactory,
    VenueFactory,
)


@pytest.fixture
def college_run(trainer, college):
    """A published run of "Understanding Anxiety" taught by ``trainer`` (peer) and ``college``, started yesterday."""
    return CourseRunFactory(
        course=CourseFactory(title="Understanding Anxiety", slug="understanding-anxiety"),
        term=TermFactory(name="Autumn", slug="autumn"),
        venue=VenueFactory(name="Beeston Library", slug="beeston-library"),
        trainers=[(trainer, True), (college, False)],
        sessions=timedelta(days=-1),
    )


@pytest.fixture
def serviceuser_student(serviceuser):
    return StudentFactory(user=serviceuser, student_type=StudentType.PERSON)


@pytest.fixture
def serviceuser_enrolment(serviceuser_student, college_run):
    return EnrolmentFactory(student=serviceuser_student, run=college_run, status=EnrolmentStatus.ENROLLED)


@pytest.fixture
def serviceuser_plan(serviceuser_student, college_run, college):
    return LearningPlanFactory(student=serviceuser_student, term=college_run.term, personal_tutor=college)


@pytest.fixture
def college_session(college_run):
    """The run's first session, which started yesterday."""
    return college_run.sessions.order_by("starts_at").first()


@pytest.fixture
def serviceuser_completed_enrolment(serviceuser_student, trainer, college):
    """A place on a finished one-session-to-complete course, with the one session attended."""
    from college.models import Attendance

    run = CourseRunFactory(
        course=CourseFactory(title="What is Recovery?", slug="what-is-recovery", completion_min_sessions=1),
        trainers=[(trainer, True), (college, False)],
        sessions=timedelta(days=-30),
    )
    enrolment = EnrolmentFactory(student=serviceuser_student, run=run)
    Attendance.objects.create(
        session=run.sessions.first(), enrolment=enrolment, present=True, recorded_by=trainer
    )
    return enrolment
