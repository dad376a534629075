"""Place offers through the whole chain, as in production: a real Celery worker on the suite's Redis
sends the offer to the GOV.UK Notify stand-in as a text message, the stand-in's delivery receipt comes
back to the portal's callback over HTTP, and the offer's 48 hours start then; an offer whose text cannot
be delivered moves on to the next person at once."""

import os
from datetime import timedelta

import pytest
from django.conf import settings

from college import services
from college.models import EnrolmentStatus
from college.tests.factories import CourseRunFactory, EnrolmentFactory
from recovery_portal.models import Message, MessageStatus
from tests.test_celery_integration import broker_url, sending_to_broker, wait_for, worker  # noqa: F401

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker_env(monkeypatch, live_server):
    # Texts at any hour here: quiet hours have their own tests. Links lead to the live server.
    monkeypatch.setenv("NOTIFY_QUIET_HOURS", "")
    monkeypatch.setenv("PORTAL_BASE_URL", live_server.url)


@pytest.fixture
def receipts(live_server, notify_standin):
    notify_standin.send_receipts_to(f"{live_server.url}/notify/callback/", settings.NOTIFY_CALLBACK_TOKEN)
    return notify_standin


def _waiting_for_a_place(run, *, mobile):
    enrolment = EnrolmentFactory(run=run, status="waiting", place_number=None)
    user = enrolment.student.user
    user.contact_by, user.mobile_number = "text", mobile
    user.save()
    return enrolment


@pytest.mark.usefixtures("worker_env", "sending_to_broker", "worker")
def test_an_offer_reaches_the_person_by_text_and_its_48_hours_start_at_delivery(receipts, live_server):
    run = CourseRunFactory(capacity=1, offer_hours=48)
    holder = EnrolmentFactory(run=run)
    waiting = _waiting_for_a_place(run, mobile="07700 900 123")

    services.enrolment_cancel(enrolment=holder, by=holder.student.user)

    def delivered():
        return Message.objects.filter(status=MessageStatus.DELIVERED, about_id=waiting.pk).first()

    assert wait_for(delivered), "no delivery receipt"
    [sent] = receipts.received()
    assert sent["type"] == "sms" and sent["phone_number"] == "07700900123"
    assert sent["body"].endswith(f"{live_server.url}/college/my-courses/")
    message = delivered()
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.OFFERED
    assert abs(waiting.offer_expires_at - (message.completed_at + timedelta(hours=48))) < timedelta(seconds=1)


@pytest.mark.usefixtures("worker_env", "sending_to_broker", "worker")
def test_an_offer_whose_text_cannot_be_delivered_moves_on_to_the_next_person(receipts):
    run = CourseRunFactory(capacity=1, offer_hours=48)
    holder = EnrolmentFactory(run=run)
    unreachable = _waiting_for_a_place(run, mobile="07700900002")  # Notify's permanent-failure number
    next_person = _waiting_for_a_place(run, mobile="07700900111")

    services.enrolment_cancel(enrolment=holder, by=holder.student.user)

    def moved_on():
        next_person.refresh_from_db()
        return next_person.status == EnrolmentStatus.OFFERED

    assert wait_for(moved_on), "the offer did not move on"
    unreachable.refresh_from_db()
    assert unreachable.status == EnrolmentStatus.CANCELLED
    assert Message.objects.get(about_id=unreachable.pk).status == MessageStatus.PERMANENT_FAILURE


@pytest.mark.usefixtures("worker_env", "sending_to_broker")
def test_a_plan_review_reminder_reaches_staff_by_the_mail_relay_and_its_link_opens_the_plan_after_sign_in(
    personas, safety_plan, live_server, client, monkeypatch, request
):
    """The worker runs the morning reminders; the reminder goes through the SMTP server standing in for
    the Trust's relay; its absolute link, followed without a session, asks to sign in and then opens the
    plan."""
    import mailbox
    import re

    from django.utils import timezone

    from careplans.tasks import plan_review_reminders
    from recovery_portal.jobs import enqueue

    monkeypatch.setenv("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    monkeypatch.setenv("EMAIL_HOST", "127.0.0.1")
    monkeypatch.setenv("EMAIL_PORT", os.environ["TEST_SMTP_PORT"])
    request.getfixturevalue("worker")  # started with the relay in its environment
    clinician = personas["clinician"]
    clinician.email = f"clinician-{safety_plan.pk}@example.nhs.uk"
    clinician.set_password("a-long-clinician-password-2026")
    clinician.save()
    safety_plan.review_date = timezone.localdate() + timedelta(days=3)
    safety_plan.save(update_fields=["review_date"])

    assert enqueue(plan_review_reminders)
    relay = mailbox.Maildir(os.environ["TEST_SMTP_MAILDIR"])

    def reminder():
        return next((m for m in relay if m["To"] == clinician.email), None)

    assert wait_for(reminder), "no reminder reached the mail relay"
    body = reminder().get_payload(decode=True).decode()
    assert "Hughes" not in body and "Not sleeping" not in body
    link = re.search(rf"{re.escape(live_server.url)}(/\S+)", body)[1]
    assert link == f"/people/plans/{safety_plan.pk}/"

    to_sign_in = client.get(link)
    assert to_sign_in.status_code == 302 and "next=" in to_sign_in.url
    from recovery_portal.models import User
    from tests.fixtures.second_factor import app_for, unused_code_for

    clinician = User.objects.get(username="clinician")
    app_for(clinician)  # the clinician's authenticator app
    signed_in = client.post(
        to_sign_in.url, {"username": "clinician", "password": "a-long-clinician-password-2026"}, follow=True
    )
    # After the password, the second factor; then the plan the link named.
    second_factor_page = signed_in.redirect_chain[-1][0]
    assert second_factor_page.startswith("/sign-in/second-factor/")
    opened = client.post(second_factor_page, {"code": unused_code_for(clinician)}, follow=True)
    assert opened.redirect_chain[-1][0] == link and opened.status_code == 200
