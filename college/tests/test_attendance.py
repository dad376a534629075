"""The register, completion, certificates, follow-up after a missed session, and reminders."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from college import services, tasks
from college.models import Attendance, SessionReminder
from college.selectors import enrolment_is_complete, student_enrolments
from college.tests.factories import CourseFactory, CourseRunFactory, EnrolmentFactory, LearningPlanFactory
from recovery_portal.models import AuditEvent, FollowUpTask

pytestmark = pytest.mark.django_db


def _held_run(trainer, college, *, sessions=3, minimum=2):
    return CourseRunFactory(
        course=CourseFactory(session_count=sessions, completion_min_sessions=minimum),
        trainers=[(trainer, True), (college, False)],
        sessions=timedelta(weeks=-sessions),
    )


def test_the_register_cannot_be_taken_for_a_session_in_the_future(trainer, college):
    run = CourseRunFactory(trainers=[(trainer, True), (college, False)])
    enrolment = EnrolmentFactory(run=run)

    with pytest.raises(ValidationError, match="has not started yet"):
        services.attendance_record(session=run.sessions.first(), marks={enrolment.pk: True}, by=trainer)

    assert not Attendance.objects.exists()


def test_someone_without_a_place_cannot_be_on_the_register_and_nothing_is_saved(trainer, college):
    run = _held_run(trainer, college)
    enrolled = EnrolmentFactory(run=run)
    elsewhere = EnrolmentFactory()

    with pytest.raises(ValidationError, match="does not have a place"):
        services.attendance_record(
            session=run.sessions.first(), marks={enrolled.pk: True, elsewhere.pk: True}, by=trainer
        )

    assert not Attendance.objects.exists()


def test_a_missed_session_gives_the_personal_tutor_one_follow_up_task(trainer, college, clinician):
    run = _held_run(trainer, college)
    enrolment = EnrolmentFactory(run=run)
    LearningPlanFactory(student=enrolment.student, term=run.term, personal_tutor=clinician)
    session = run.sessions.first()

    services.attendance_record(session=session, marks={enrolment.pk: False}, by=trainer)
    services.attendance_record(session=session, marks={enrolment.pk: False}, by=trainer)

    task = FollowUpTask.objects.get()
    assert task.assignee == clinician
    assert enrolment.student.user.display_name in task.title


def test_without_a_tutor_the_follow_up_goes_to_whoever_took_the_register(trainer, college):
    run = _held_run(trainer, college)
    enrolment = EnrolmentFactory(run=run)

    services.attendance_record(session=run.sessions.first(), marks={enrolment.pk: False}, by=trainer)

    assert FollowUpTask.objects.get().assignee == trainer


@pytest.mark.parametrize(("attended", "complete"), [(0, False), (1, False), (2, True), (3, True)])
def test_completion_follows_the_courses_rule(trainer, college, attended, complete):
    run = _held_run(trainer, college, sessions=3, minimum=2)
    enrolment = EnrolmentFactory(run=run)
    for index, session in enumerate(run.sessions.order_by("starts_at")):
        services.attendance_record(session=session, marks={enrolment.pk: index < attended}, by=trainer)

    assert enrolment_is_complete(enrolment=enrolment) is complete
    [listed] = student_enrolments(user=enrolment.student.user)
    assert listed.is_complete is complete
    assert listed.sessions_attended == attended


def test_the_certificate_is_a_pdf_for_a_completed_course_only(
    client, serviceuser_completed_enrolment, serviceuser
):
    client.force_login(serviceuser)

    response = client.get(reverse("college:certificate", args=[serviceuser_completed_enrolment.pk]))

    assert response.status_code == 200
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "What is Recovery?" in text
    assert serviceuser.display_name in text
    assert AuditEvent.objects.filter(action="export").count() == 1


def test_no_certificate_before_completion(client, serviceuser_enrolment, serviceuser):
    client.force_login(serviceuser)

    response = client.get(reverse("college:certificate", args=[serviceuser_enrolment.pk]))

    assert response.status_code == 404


def test_the_trainer_marks_the_register_and_the_student_sees_the_session_attended(
    client, trainer, serviceuser, serviceuser_enrolment, college_session
):
    client.force_login(trainer)
    response = client.post(
        reverse("college:register", args=[college_session.pk]),
        {f"mark-{serviceuser_enrolment.pk}": "present"},
    )
    assert response.status_code == 302

    client.force_login(serviceuser)
    page = client.get(reverse("college:my-courses")).content.decode()
    assert "Attended" in page
    assert "1 attended" in page


def test_a_register_with_nobody_marked_says_so(client, trainer, serviceuser_enrolment, college_session):
    client.force_login(trainer)

    response = client.post(reverse("college:register", args=[college_session.pk]), {})

    assert "Mark at least one student" in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_register_page_refuses_a_future_session(client, trainer, college_run, serviceuser_enrolment):
    future = college_run.sessions.order_by("starts_at").last()
    client.force_login(trainer)

    response = client.post(
        reverse("college:register", args=[future.pk]), {f"mark-{serviceuser_enrolment.pk}": "present"}
    )

    assert "has not started yet" in response.content.decode()
    assert not Attendance.objects.exists()


def test_reminders_are_sent_once_however_often_the_job_runs(
    trainer, college, notify_standin, django_capture_on_commit_callbacks
):
    run = CourseRunFactory(trainers=[(trainer, True), (college, False)], sessions=timedelta(hours=30))
    enrolment = EnrolmentFactory(run=run)
    EnrolmentFactory(run=run, status="waiting")  # no place, no reminder

    with django_capture_on_commit_callbacks(execute=True):
        tasks.session_reminders()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.session_reminders()

    [sent] = notify_standin.received()
    assert sent["email_address"] == enrolment.student.user.email
    assert f"http://testserver/college/runs/{run.pk}/" in sent["body"]
    assert SessionReminder.objects.count() == 1


def test_no_reminder_for_sessions_more_than_two_days_away():
    EnrolmentFactory(run=CourseRunFactory(sessions=timedelta(hours=72)))

    assert services.session_reminders_send(now=timezone.now()) == 0
