"""Background jobs of the college. They take ids, call services, and are safe to run twice."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

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
    """Tell someone a place has been offered to them. Sends nothing once the offer has gone."""
    enrolment = (
        Enrolment.objects.filter(pk=enrolment_id, status=EnrolmentStatus.OFFERED)
        .select_related("student__user", "run__course")
        .first()
    )
    if enrolment is None or not enrolment.student.user.email:
        return
    send_mail(
        subject=f"A place is free for you: {enrolment.run.course.title}",
        message=render_to_string("college/email/place_offered.txt", {"enrolment": enrolment}),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[enrolment.student.user.email],
    )
