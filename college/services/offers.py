"""What a place offer's message does to the offer (ADR 0025): its time limit runs from delivery, and an
offer that cannot reach the person moves on to the next person at once."""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from recovery_portal.roles import TrustRole
from recovery_portal.services import follow_up_task_raise

from ..models import Enrolment, EnrolmentStatus
from .enrolment import _locked_run, _offer_freed_places


def offer_delivered(*, enrolment_id: int, delivered_at: datetime) -> None:
    """The offer reached the person: they have the run's full offer time from now, not from when the
    place came free (a text held overnight, or sent again, would otherwise eat into it)."""
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().filter(pk=enrolment_id).first()
        if enrolment is None or enrolment.status != EnrolmentStatus.OFFERED:
            return
        _locked_run(enrolment.run_id)
        ends = delivered_at + timedelta(hours=enrolment.run.offer_hours)
        if enrolment.offer_expires_at is None or ends > enrolment.offer_expires_at:
            enrolment.offer_expires_at = ends
            enrolment.save(update_fields=["offer_expires_at", "changed_at"])


def offer_undeliverable(*, enrolment_id: int, now: datetime | None = None) -> None:
    """The offer could not reach the person (wrong number, no way to contact them): the place goes to
    the next person waiting at once, the person keeps their place in the queue's history as cancelled,
    and the college team is asked to get in touch with them."""
    now = now or timezone.now()
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().filter(pk=enrolment_id).first()
        if enrolment is None or enrolment.status != EnrolmentStatus.OFFERED:
            return
        run = _locked_run(enrolment.run_id)
        enrolment.status = EnrolmentStatus.CANCELLED
        enrolment.place_number = None
        enrolment.offer_expires_at = None
        enrolment.cancelled_reason = "We could not send them the offer, so the place went to the next person."
        enrolment.save(
            update_fields=["status", "place_number", "offer_expires_at", "cancelled_reason", "changed_at"]
        )
        _offer_freed_places(run, now=now)
        student = enrolment.student.user
        url = reverse("college:run-students", args=[run.pk])
        college_team = get_user_model().objects.filter(groups__name=TrustRole.COLLEGE_TEAM, is_active=True)
        for member in college_team:
            follow_up_task_raise(
                key=f"offer-undeliverable:{enrolment.pk}:{member.pk}",
                assignee=member,
                title=f"Could not reach {student.display_name} about a place offer",
                detail="Their place offer could not be sent, so it went to the next person waiting. "
                "Check their contact details with them.",
                url=url,
                due_date=timezone.localdate(),
            )
