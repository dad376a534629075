"""Places, the waiting list and offers (ADR 0011)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from college import services, tasks
from college.models import Enrolment, EnrolmentStatus
from college.selectors import waiting_position
from college.tests.factories import CourseRunFactory, EnrolmentFactory, StudentFactory

pytestmark = pytest.mark.django_db


def _request(run, student=None):
    student = student or StudentFactory()
    return services.enrolment_request(student=student, run=run, by=student.user)


def test_places_are_given_while_they_last_then_the_waiting_list_fills_in_order():
    run = CourseRunFactory(capacity=2)

    first, second, third, fourth = (_request(run) for _ in range(4))

    assert [first.status, second.status] == [EnrolmentStatus.ENROLLED] * 2
    assert [first.place_number, second.place_number] == [1, 2]
    assert [third.status, fourth.status] == [EnrolmentStatus.WAITING] * 2
    assert [waiting_position(enrolment=third), waiting_position(enrolment=fourth)] == [1, 2]


def test_asking_twice_for_the_same_run_is_refused_and_nothing_is_added():
    run = CourseRunFactory()
    student = StudentFactory()
    _request(run, student)

    with pytest.raises(ValidationError, match="already asked for a place"):
        _request(run, student)

    assert Enrolment.objects.filter(run=run, student=student).count() == 1


def test_enrolling_after_the_run_has_started_is_refused():
    run = CourseRunFactory(sessions=timedelta(hours=-1))

    with pytest.raises(ValidationError, match="already started"):
        _request(run)

    assert not Enrolment.objects.exists()


def test_a_draft_run_takes_no_enrolments():
    run = CourseRunFactory(status="draft")

    with pytest.raises(ValidationError, match="not open for enrolment"):
        _request(run)


def test_cancelling_a_place_offers_it_to_the_longest_waiting_person_with_a_time_limit(
    django_capture_on_commit_callbacks, notify_standin
):
    run = CourseRunFactory(capacity=1, offer_hours=24)
    holder = _request(run)
    waiting_first = _request(run)
    waiting_second = _request(run)

    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_cancel(enrolment=holder, by=holder.student.user)

    waiting_first.refresh_from_db()
    waiting_second.refresh_from_db()
    assert waiting_first.status == EnrolmentStatus.OFFERED
    assert waiting_first.place_number == 1
    assert timedelta(hours=23) < waiting_first.offer_expires_at - timezone.now() <= timedelta(hours=24)
    assert waiting_second.status == EnrolmentStatus.WAITING
    assert waiting_position(enrolment=waiting_second) == 1
    # The offer went to them through GOV.UK Notify (email: they gave no mobile number), with a link.
    [sent] = notify_standin.received()
    assert sent["email_address"] == waiting_first.student.user.email
    assert "http://testserver/college/my-courses/" in sent["body"]
    assert mail.outbox == []


def test_an_offer_accepted_in_time_becomes_a_place():
    run = CourseRunFactory(capacity=1)
    holder, waiting = _request(run), _request(run)
    services.enrolment_cancel(enrolment=holder, by=holder.student.user)

    services.enrolment_offer_accept(enrolment=waiting, by=waiting.student.user)

    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.ENROLLED
    assert waiting.place_number == 1


def test_an_expired_offer_moves_on_to_the_next_person_and_cannot_then_be_accepted():
    run = CourseRunFactory(capacity=1, offer_hours=48)
    holder, first, second = _request(run), _request(run), _request(run)
    services.enrolment_cancel(enrolment=holder, by=holder.student.user)

    ended = services.enrolment_offers_expire(now=timezone.now() + timedelta(hours=49))

    first.refresh_from_db()
    second.refresh_from_db()
    assert ended == 1
    assert first.status == EnrolmentStatus.CANCELLED
    assert second.status == EnrolmentStatus.OFFERED
    assert second.place_number == 1
    with pytest.raises(ValidationError, match="no place on offer"):
        services.enrolment_offer_accept(enrolment=first, by=first.student.user)


def test_the_expire_offers_job_ends_only_offers_past_their_limit():
    run = CourseRunFactory(capacity=1)
    holder, waiting = _request(run), _request(run)
    services.enrolment_cancel(enrolment=holder, by=holder.student.user)

    tasks.expire_offers()

    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.OFFERED


def test_accepting_after_the_offer_ended_is_refused_even_before_the_job_runs():
    run = CourseRunFactory(capacity=1)
    holder, waiting = _request(run), _request(run)
    services.enrolment_cancel(enrolment=holder, by=holder.student.user)
    Enrolment.objects.filter(pk=waiting.pk).update(offer_expires_at=timezone.now() - timedelta(minutes=1))

    with pytest.raises(ValidationError, match="offer has ended"):
        services.enrolment_offer_accept(enrolment=waiting, by=waiting.student.user)


def test_leaving_the_waiting_list_moves_the_others_up():
    run = CourseRunFactory(capacity=1)
    _request(run)
    first, second = _request(run), _request(run)

    services.enrolment_cancel(enrolment=first, by=first.student.user)

    assert waiting_position(enrolment=second) == 1


def test_the_database_refuses_two_people_in_the_same_place():
    run = CourseRunFactory(capacity=5)
    EnrolmentFactory(run=run, place_number=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        EnrolmentFactory(run=run, place_number=1)


def test_the_database_refuses_a_place_beyond_the_capacity_even_without_the_service():
    run = CourseRunFactory(capacity=2)

    with pytest.raises(IntegrityError, match="beyond the capacity"), transaction.atomic():
        EnrolmentFactory(run=run, place_number=3)


def test_capacity_cannot_drop_below_a_place_that_is_held():
    run = CourseRunFactory(capacity=3)
    for _ in range(3):
        _request(run)
    run.capacity = 2

    with pytest.raises(ValidationError, match="Place 3 is held"):
        run.full_clean()


def test_the_college_team_cancels_a_place_and_the_next_person_is_offered_it(client, college):
    run = CourseRunFactory(capacity=1)
    holder, waiting = _request(run), _request(run)
    client.force_login(college)

    page = client.get(reverse("college:run-students", args=[run.pk])).content.decode()
    response = client.post(reverse("college:enrolment-cancel", args=[holder.pk]))

    assert "Cancel place" in page and "Remove from the waiting list" in page
    assert response.url == reverse("college:run-students", args=[run.pk])
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.OFFERED
