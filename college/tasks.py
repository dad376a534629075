"""Background jobs of the college. They take ids, call services, and are safe to run twice."""

from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import Enrolment, EnrolmentStatus


@shared_task(acks_late=True, ignore_result=True)
def session_reminders() -> int:
    """Email students about their sessions in the next 24 to 48 hours (once per session and student)."""
    from .services import session_reminders_send

    return session_reminders_send()


@shared_task(acks_late=True, ignore_result=True)
def expire_offers() -> int:
    """End offers past their time limit and offer the places to the next people waiting."""
    from .services import enrolment_offers_expire

    return enrolment_offers_expire()


@shared_task(acks_late=True, max_retries=3, ignore_result=True)
def enrolment_offer_notify(enrolment_id: int) -> None:
    """Tell someone a place has been offered to them, by email or text message as they asked. Sends
    nothing once the offer has gone, or a second time for the same offer. The offer's time limit runs
    from delivery; an offer that cannot be delivered moves on (college/services/offers.py)."""
    from recovery_portal.models import Message
    from recovery_portal.notifications import first_name, notify, portal_url

    enrolment = (
        Enrolment.objects.filter(pk=enrolment_id, status=EnrolmentStatus.OFFERED)
        .select_related("student__user", "run")
        .first()
    )
    if enrolment is None:
        return
    with transaction.atomic():
        # One offer, one message: a redelivered job sends nothing (an enrolment is offered a place once).
        if Message.objects.about(enrolment).filter(template__code="place-offered").exists():
            return
        student = enrolment.student.user
        notify(
            recipient=student,
            template="place-offered",
            personalisation={
                "first_name": first_name(student),
                "offer_ends": f"{timezone.localtime(enrolment.offer_expires_at):%-d %B at %H:%M}",
                "link": portal_url(reverse("college:my-courses")),
            },
            reason="A place came free on a course they are waiting for",
            about=enrolment,
        )
