"""The notification service against the GOV.UK Notify stand-in and a real SMTP server on loopback:
who is reached how, what a message may say, what every Notify answer and delivery status does, quiet
hours, delivery receipts, and what a place offer does when its message arrives or cannot."""

import mailbox
import os
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from college.models import EnrolmentStatus
from college.tests.factories import CourseRunFactory, EnrolmentFactory
from recovery_portal.models import FollowUpTask, Message, MessageStatus
from recovery_portal.notifications import (
    MAX_ATTEMPTS,
    message_deliver,
    message_outcome_record,
    messages_poll,
    messages_send_due,
    notify,
)
from recovery_portal.roles import TrustRole
from tests.fixtures.second_factor import app_for, code_for

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _offer(student_user):
    return notify(
        recipient=student_user,
        template="place-offered",
        personalisation={
            "first_name": "Sam",
            "offer_ends": "9 December at 10:00",
            "link": "http://testserver/x/",
        },
        reason="test",
    )


def _send(message):
    return message_deliver(message_id=message.pk)


@pytest.fixture
def student_user():
    user = EnrolmentFactory().student.user
    user.first_name = "Sam"
    user.save()
    return user


# --- who is reached how


def test_a_person_who_asked_for_texts_gets_a_text_message_through_notify(student_user, notify_standin):
    student_user.contact_by, student_user.mobile_number = "text", "07700900123"
    student_user.save()

    message = _send(_offer(student_user))

    assert message.channel == "text" and message.status == MessageStatus.SENDING
    [sent] = notify_standin.received()
    assert sent["type"] == "sms" and sent["phone_number"] == "07700900123"
    assert str(message.notify_id) == sent["id"] and sent["reference"] == str(message.reference)


def test_a_text_preference_without_a_mobile_number_falls_back_to_email(student_user, notify_standin):
    student_user.contact_by = "text"
    student_user.save()

    message = _send(_offer(student_user))

    assert message.channel == "email"
    assert notify_standin.received()[0]["email_address"] == student_user.email


def test_a_person_who_asked_not_to_be_contacted_is_not_contacted_and_it_shows(student_user, notify_standin):
    student_user.contact_by = "none"
    student_user.save()

    message = _offer(student_user)

    assert message.status == MessageStatus.NOT_CONTACTABLE and message.has_failed
    assert notify_standin.received() == []


def test_staff_are_emailed_through_the_trusts_mail_relay(personas, notify_standin, settings):
    clinician = personas["clinician"]
    clinician.email = "clinician@example.nhs.uk"
    clinician.save()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", int(os.environ["TEST_SMTP_PORT"])
    before = len(mailbox.Maildir(os.environ["TEST_SMTP_MAILDIR"]))

    message = _send(
        notify(
            recipient=clinician,
            template="report-ready",
            personalisation={"year": "2026/27", "link": "http://testserver/reports/1/"},
            reason="test",
        )
    )

    assert message.status == MessageStatus.DELIVERED
    relay = mailbox.Maildir(os.environ["TEST_SMTP_MAILDIR"])
    assert len(relay) == before + 1
    received = max(relay, key=lambda m: m.get_date())
    assert received["To"] == "clinician@example.nhs.uk"
    assert "2026/27 is ready" in received["Subject"]
    assert notify_standin.received() == []


# --- what a message may say


def test_a_message_takes_only_its_templates_placeholders(student_user):
    with pytest.raises(ValueError, match="takes exactly"):
        notify(
            recipient=student_user,
            template="place-offered",
            personalisation={
                "first_name": "Sam",
                "offer_ends": "9 December",
                "link": "http://testserver/",
                "diagnosis": "anything",
            },
            reason="test",
        )
    assert not Message.objects.exists()


def test_no_message_body_carries_any_field_of_a_plan(
    personas, safety_plan, crisis_plan, notify_standin, django_capture_on_commit_callbacks
):
    """Every field of every plan of Dan's filled with a marker; the reminders sent about them carry
    none of it, nor his name, in subject or body, whichever way they go."""
    from django.core import mail

    from careplans.tasks import plan_review_reminders

    markers = []
    for plan in (safety_plan, crisis_plan):
        for entry in plan.entries.all() if hasattr(plan, "entries") else []:
            for field in ("text", "details", "body"):
                if hasattr(entry, field):
                    marker = f"MARKER{len(markers)}"
                    setattr(entry, field, marker)
                    entry.save(update_fields=[field])
                    markers.append(marker)
        plan.review_date = timezone.localdate() + timedelta(days=2)
        plan.save(update_fields=["review_date"])
    for worker in (personas["clinician"], personas["peerworker"]):
        worker.email = f"{worker.username}@example.nhs.uk"
        worker.save()

    with django_capture_on_commit_callbacks(execute=True):
        plan_review_reminders()

    bodies = [f"{m.subject}\n{m.body}" for m in mail.outbox] + [n["body"] for n in notify_standin.received()]
    assert bodies
    for body in bodies:
        assert "Hughes" not in body and "Dan" not in body
        assert not any(marker in body for marker in markers)
        for plan in (safety_plan, crisis_plan):
            assert plan.get_kind_display() not in body


# --- what Notify answers


@pytest.mark.parametrize("status", [400, 403])
def test_notify_refusals_that_would_fail_again_are_technical_failures_at_once(
    student_user, notify_standin, status
):
    notify_standin.fail_next(status)

    message = _send(_offer(student_user))

    assert message.status == MessageStatus.TECHNICAL_FAILURE
    assert f"answered {status}" in message.problem


@pytest.mark.parametrize("status", [429, 500])
def test_rate_limits_and_notify_errors_are_tried_again_with_back_off(student_user, notify_standin, status):
    notify_standin.fail_next(status)
    message = _send(_offer(student_user))

    assert message.status == MessageStatus.CREATED and message.attempts == 1
    assert message.not_before > timezone.now() + timedelta(minutes=4)
    assert messages_send_due() == 0  # not before its time

    later = message.not_before + timedelta(seconds=1)
    assert messages_send_due(now=later) == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENDING and message.attempts == 2


def test_a_wrong_api_key_is_refused_by_notify_and_recorded(student_user, notify_standin, settings):
    service_and_secret = settings.NOTIFY_API_KEY[-73:]
    settings.NOTIFY_API_KEY = f"portal_tests-{service_and_secret[:37]}{'0' * 8}-0000-0000-0000-{'0' * 12}"

    message = _send(_offer(student_user))

    assert message.status == MessageStatus.TECHNICAL_FAILURE
    assert "403" in message.problem and "Invalid token" in message.problem


def test_notify_out_of_reach_is_tried_again(student_user, settings):
    settings.NOTIFY_BASE_URL = "http://127.0.0.1:9"  # nothing listens on the discard port

    message = _send(_offer(student_user))

    assert message.status == MessageStatus.CREATED and message.not_before is not None
    assert "could not be reached" in message.problem


def test_after_every_attempt_a_message_is_a_technical_failure(student_user, notify_standin):
    message = _offer(student_user)
    now = timezone.now()
    for _ in range(MAX_ATTEMPTS):
        notify_standin.fail_next(500)
        message_deliver(message_id=message.pk, now=now)
        message.refresh_from_db()
        now = (message.not_before or now) + timedelta(seconds=1)

    assert message.status == MessageStatus.TECHNICAL_FAILURE and message.attempts == MAX_ATTEMPTS


# --- delivery receipts and statuses


def test_delivery_statuses_from_notify_are_recorded_once(student_user, notify_standin):
    message = _send(_offer(student_user))

    message_outcome_record(notify_id=str(message.notify_id), status="delivered")
    message_outcome_record(notify_id=str(message.notify_id), status="permanent-failure")  # too late

    message.refresh_from_db()
    assert message.status == MessageStatus.DELIVERED and message.completed_at is not None


def test_a_temporary_failure_is_sent_again_and_kept_only_when_attempts_run_out(student_user, notify_standin):
    message = _send(_offer(student_user))

    message_outcome_record(notify_id=str(message.notify_id), status="temporary-failure")

    message.refresh_from_db()
    assert message.status == MessageStatus.CREATED and message.notify_id is None
    assert message.not_before > timezone.now()

    message.attempts = MAX_ATTEMPTS
    message.save()
    _send_later = message_deliver(message_id=message.pk, now=message.not_before + timedelta(seconds=1))
    message_outcome_record(notify_id=str(_send_later.notify_id), status="temporary-failure")
    message.refresh_from_db()
    assert message.status == MessageStatus.TEMPORARY_FAILURE and message.has_failed


def test_the_callback_refuses_a_wrong_token_and_records_a_right_one(
    client, student_user, notify_standin, settings
):
    message = _send(_offer(student_user))
    receipt = {"id": str(message.notify_id), "status": "delivered", "reference": str(message.reference)}
    url = reverse("notify-callback")

    for token in ("", "Bearer not-the-token"):
        answer = client.post(url, receipt, content_type="application/json", HTTP_AUTHORIZATION=token)
        assert answer.status_code == 401
    message.refresh_from_db()
    assert message.status == MessageStatus.SENDING

    answer = client.post(
        url,
        receipt,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {settings.NOTIFY_CALLBACK_TOKEN}",
    )
    assert answer.status_code == 204
    message.refresh_from_db()
    assert message.status == MessageStatus.DELIVERED


def test_messages_whose_receipt_never_came_are_asked_about(student_user, notify_standin):
    student_user.contact_by, student_user.mobile_number = "text", "07700900002"  # Notify: permanent failure
    student_user.save()
    message = _send(_offer(student_user))
    import time

    time.sleep(0.5)  # the stand-in settles the outcome

    assert messages_poll(now=timezone.now() + timedelta(minutes=3)) == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.PERMANENT_FAILURE


# --- quiet hours


@override_settings(NOTIFY_QUIET_HOURS="21:00-08:00")
def test_no_text_message_is_sent_in_quiet_hours_but_email_is(student_user, notify_standin):
    late_evening = datetime(2026, 12, 7, 22, 30, tzinfo=LONDON)
    student_user.contact_by, student_user.mobile_number = "text", "07700900123"
    student_user.save()
    text = message_deliver(message_id=_offer(student_user).pk, now=late_evening)

    assert text.status == MessageStatus.CREATED
    assert text.not_before == datetime(2026, 12, 8, 8, 0, tzinfo=LONDON)
    assert notify_standin.received() == []
    assert messages_send_due(now=datetime(2026, 12, 8, 7, 55, tzinfo=LONDON)) == 0

    student_user.contact_by = "email"
    student_user.save()
    email = message_deliver(message_id=_offer(student_user).pk, now=late_evening)
    assert email.status == MessageStatus.SENDING

    assert messages_send_due(now=datetime(2026, 12, 8, 8, 5, tzinfo=LONDON)) == 1
    text.refresh_from_db()
    assert text.status == MessageStatus.SENDING
    assert [n["type"] for n in notify_standin.received()] == ["email", "sms"]


# --- what a place offer does with its message


def _offered(capacity_holder_run, notify_standin, django_capture_on_commit_callbacks, *, mobile):
    from college import services

    run = capacity_holder_run
    holder = EnrolmentFactory(run=run)
    waiting = EnrolmentFactory(run=run, status="waiting", place_number=None)
    waiting.student.user.contact_by, waiting.student.user.mobile_number = "text", mobile
    waiting.student.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_cancel(enrolment=holder, by=holder.student.user)
    waiting.refresh_from_db()
    return waiting


def test_an_offers_time_limit_starts_when_its_text_message_is_delivered(
    notify_standin, django_capture_on_commit_callbacks
):
    run = CourseRunFactory(capacity=1, offer_hours=48)
    offered = _offered(run, notify_standin, django_capture_on_commit_callbacks, mobile="07700900123")
    [sent] = notify_standin.received()
    assert sent["type"] == "sms" and "http://testserver/college/my-courses/" in sent["body"]

    delivered_at = timezone.now() + timedelta(hours=3)  # held, say, by quiet hours
    with time_machine.travel(delivered_at, tick=False), django_capture_on_commit_callbacks(execute=True):
        message_outcome_record(notify_id=sent["id"], status="delivered")

    offered.refresh_from_db()
    assert offered.status == EnrolmentStatus.OFFERED
    assert abs(offered.offer_expires_at - (delivered_at + timedelta(hours=48))) < timedelta(seconds=1)


def test_an_offer_that_cannot_be_delivered_moves_on_at_once_and_the_college_team_is_told(
    notify_standin, django_capture_on_commit_callbacks, personas
):
    run = CourseRunFactory(capacity=1, offer_hours=48)
    offered = _offered(run, notify_standin, django_capture_on_commit_callbacks, mobile="07700900002")
    next_waiting = EnrolmentFactory(run=run, status="waiting", place_number=None)
    [sent] = notify_standin.received()

    with django_capture_on_commit_callbacks(execute=True):
        message_outcome_record(notify_id=sent["id"], status="permanent-failure")

    offered.refresh_from_db()
    next_waiting.refresh_from_db()
    assert (
        offered.status == EnrolmentStatus.CANCELLED
        and "could not send them the offer" in offered.cancelled_reason
    )
    assert next_waiting.status == EnrolmentStatus.OFFERED
    tasks = FollowUpTask.objects.filter(assignee__groups__name=TrustRole.COLLEGE_TEAM)
    assert tasks.exists()
    assert all(offered.student.user.display_name in task.title for task in tasks)


def test_a_redelivered_offer_job_sends_nothing_twice(notify_standin, django_capture_on_commit_callbacks):
    from college.tasks import enrolment_offer_notify

    run = CourseRunFactory(capacity=1, offer_hours=48)
    offered = _offered(run, notify_standin, django_capture_on_commit_callbacks, mobile="07700900123")
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_offer_notify(offered.pk)

    assert len(notify_standin.received()) == 1


# --- what each person sees


def test_a_person_sets_how_they_are_contacted_and_sees_the_messages_sent_to_them(
    client, personas, notify_standin
):
    dan = personas["serviceuser"]
    client.force_login(dan)
    page = client.get(reverse("contact-settings"))
    assert page.status_code == 200 and b"How we contact you" in page.content
    assert b'href="/account/contact/"' in page.content  # in the header, for people who use services

    refused = client.post(
        reverse("contact-settings"), {"contact_by": "text", "mobile_number": "0113 496 0000"}
    )
    assert "Enter a UK mobile phone number, like 07700 900 982" in refused.content.decode()
    assert b"Error: How we contact you" in refused.content
    dan.refresh_from_db()
    assert dan.mobile_number == ""

    refused = client.post(reverse("contact-settings"), {"contact_by": "email", "email": "dan@"})
    assert "Enter an email address in the correct format" in refused.content.decode()

    saved = client.post(
        reverse("contact-settings"), {"contact_by": "text", "mobile_number": "+44 7700 900 982"}
    )
    assert saved.status_code == 302
    dan.refresh_from_db()
    assert (dan.contact_by, dan.mobile_number) == ("text", "07700900982")

    _send(
        notify(
            recipient=dan,
            template="place-offered",
            personalisation={
                "first_name": "Dan",
                "offer_ends": "9 December at 10:00",
                "link": "http://testserver/",
            },
            reason="test",
        )
    )
    page = client.get(reverse("contact-settings")).content.decode()
    assert "A place on a course is offered" in page and "Text message" in page and "Sending" in page


def test_staff_see_no_contact_settings_link_and_keep_their_work_email(client, personas):
    client.force_login(personas["clinician"])
    assert b'href="/account/contact/"' not in client.get(reverse("home")).content


def test_a_review_reminders_link_opens_the_plan_after_signing_in(
    client, personas, safety_plan, django_capture_on_commit_callbacks
):
    import re

    from django.core import mail

    from careplans.tasks import plan_review_reminders

    clinician = personas["clinician"]
    clinician.email = "clinician@example.nhs.uk"
    clinician.set_password("a-long-clinician-password-2026")
    clinician.save()
    safety_plan.review_date = timezone.localdate() + timedelta(days=3)
    safety_plan.save(update_fields=["review_date"])
    with django_capture_on_commit_callbacks(execute=True):
        plan_review_reminders()

    [email] = [m for m in mail.outbox if m.to == ["clinician@example.nhs.uk"]]
    link = re.search(r"http://testserver(/\S+)", email.body)[1]
    assert link == f"/people/plans/{safety_plan.pk}/"

    to_sign_in = client.get(link)
    assert to_sign_in.status_code == 302 and "next=" in to_sign_in.url
    app = app_for(clinician)
    password = client.post(
        to_sign_in.url, {"username": "clinician", "password": "a-long-clinician-password-2026"}, follow=True
    )
    # Staff then pass their second factor, and go on to the plan the link named.
    asked = password.redirect_chain[-1][0]
    assert asked.startswith(reverse("mfa-verify"))
    signed_in = client.post(asked, {"code": code_for(app)}, follow=True)
    assert signed_in.redirect_chain[-1][0] == link
    assert signed_in.status_code == 200 and b"Safety plan" in signed_in.content


def test_administrators_find_delivery_failures_in_admin(client, personas, student_user):
    student_user.contact_by = "none"
    student_user.save()
    _offer(student_user)
    client.force_login(personas["admin"])

    page = client.get("/admin/recovery_portal/message/?delivery=failed")

    assert page.status_code == 200
    assert b"Not sent: no way to contact them" in page.content
