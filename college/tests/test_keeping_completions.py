"""A place on a course that has started is never cancelled: attendance and completion stay on record.

Every cancel and withdraw is confirmed on a page of its own before anything changes.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from college import services
from college.models import Attendance, EnrolmentStatus
from college.tests.factories import CourseRunFactory, EnrolmentFactory, StudentFactory

pytestmark = pytest.mark.django_db


def test_a_student_cannot_give_up_a_completed_course_and_keeps_the_certificate(
    client, serviceuser, serviceuser_completed_enrolment
):
    enrolment = serviceuser_completed_enrolment
    waiting = EnrolmentFactory(run=enrolment.run, status=EnrolmentStatus.WAITING)
    client.force_login(serviceuser)

    page = client.get(reverse("college:my-courses")).content.decode()
    response = client.post(reverse("college:enrolment-cancel", args=[enrolment.pk]), follow=True)

    assert "Give up your place" not in page
    assert "the place can no longer be given up" in response.content.decode()
    enrolment.refresh_from_db()
    waiting.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert enrolment.attendances.filter(present=True).count() == 1
    assert client.get(reverse("college:certificate", args=[enrolment.pk])).status_code == 200
    # Nobody is offered a place on a course that has ended.
    assert waiting.status == EnrolmentStatus.WAITING
    assert mail.outbox == []


def test_the_service_refuses_to_cancel_a_place_once_the_run_has_started(trainer):
    run = CourseRunFactory(sessions=timedelta(hours=-1))
    enrolment = EnrolmentFactory(run=run)
    Attendance.objects.create(
        session=run.sessions.first(), enrolment=enrolment, present=True, recorded_by=trainer
    )

    with pytest.raises(ValidationError, match="can no longer be given up"):
        services.enrolment_cancel(enrolment=enrolment, by=enrolment.student.user)

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert enrolment.attendances.count() == 1


def test_leaving_the_waiting_list_of_a_started_run_offers_nobody_a_place():
    run = CourseRunFactory(capacity=1, sessions=timedelta(days=-1))
    first = EnrolmentFactory(
        run=run,
        status=EnrolmentStatus.OFFERED,
        place_number=1,
        offer_expires_at=run.sessions.first().starts_at,
    )
    waiting = EnrolmentFactory(run=run, status=EnrolmentStatus.WAITING)

    services.enrolment_cancel(enrolment=first, by=first.student.user)

    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.WAITING


def test_giving_up_a_place_asks_for_confirmation_on_its_own_page_first(client):
    run = CourseRunFactory()
    enrolment = EnrolmentFactory(run=run)
    client.force_login(enrolment.student.user)

    courses = client.get(reverse("college:my-courses")).content.decode()
    confirm = client.get(reverse("college:enrolment-cancel", args=[enrolment.pk]))

    assert reverse("college:enrolment-cancel", args=[enrolment.pk]) in courses
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert f"Are you sure you want to give up your place on {run.course.title}?" in page
    assert "Yes, give up my place" in page and "No, keep my place" in page
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED  # looking at the page changes nothing

    response = client.post(reverse("college:enrolment-cancel", args=[enrolment.pk]))

    assert response.url == reverse("college:my-courses")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CANCELLED


def test_staff_are_not_offered_cancel_place_on_a_finished_run(
    client, college, serviceuser_completed_enrolment
):
    run = serviceuser_completed_enrolment.run
    other = EnrolmentFactory(run=run)
    client.force_login(college)

    page = client.get(reverse("college:run-students", args=[run.pk])).content.decode()

    assert "Cancel place" not in page
    assert reverse("college:enrolment-cancel", args=[serviceuser_completed_enrolment.pk]) not in page
    # The student who has not completed may be withdrawn; the one who completed may not.
    assert reverse("college:enrolment-withdraw", args=[other.pk]) in page
    assert reverse("college:enrolment-withdraw", args=[serviceuser_completed_enrolment.pk]) not in page


def test_staff_withdraw_a_student_from_a_running_course_with_a_reason_keeping_attendance(
    client, college, trainer
):
    run = CourseRunFactory(capacity=1, sessions=timedelta(days=-8))
    enrolment = EnrolmentFactory(run=run)
    waiting = EnrolmentFactory(run=run, status=EnrolmentStatus.WAITING)
    Attendance.objects.create(
        session=run.sessions.first(), enrolment=enrolment, present=True, recorded_by=trainer
    )
    url = reverse("college:enrolment-withdraw", args=[enrolment.pk])
    client.force_login(college)

    confirm = client.get(url).content.decode()
    without_reason = client.post(url, {"reason": "  "}).content.decode()
    enrolment.refresh_from_db()
    assert "Withdraw the student" in confirm
    assert "Error: " in without_reason and "Enter why the student is being withdrawn" in without_reason
    assert enrolment.status == EnrolmentStatus.ENROLLED

    response = client.post(url, {"reason": "Asked to stop coming: moving away"})

    assert response.url == reverse("college:run-students", args=[run.pk])
    enrolment.refresh_from_db()
    waiting.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.WITHDRAWN
    assert enrolment.withdrawn_reason == "Asked to stop coming: moving away"
    assert enrolment.attendances.filter(present=True).count() == 1
    assert waiting.status == EnrolmentStatus.WAITING
    roster = client.get(reverse("college:run-students", args=[run.pk])).content.decode()
    assert "Withdrawn" in roster and "Asked to stop coming: moving away" in roster
    # The student sees why, and the sessions they attended.
    client.force_login(enrolment.student.user)
    own = client.get(reverse("college:my-courses")).content.decode()
    assert "Asked to stop coming: moving away" in own and "Attended" in own


def test_a_student_who_completed_cannot_be_withdrawn(client, college, serviceuser_completed_enrolment):
    enrolment = serviceuser_completed_enrolment
    client.force_login(college)

    response = client.post(
        reverse("college:enrolment-withdraw", args=[enrolment.pk]), {"reason": "Tidying up"}, follow=True
    )

    assert "has completed the course" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED


def test_withdrawing_before_the_run_starts_is_refused_in_favour_of_cancelling(college):
    enrolment = EnrolmentFactory(run=CourseRunFactory(), student=StudentFactory())

    with pytest.raises(ValidationError, match="cancel the place instead"):
        services.enrolment_withdraw(enrolment=enrolment, by=college, reason="Changed their mind")
