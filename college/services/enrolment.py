"""Places, the waiting list and offers (ADR 0011).

Every change to a run's places happens with the run's row locked (``select_for_update``), so requests
for the same run queue behind each other on PostgreSQL. The unique (run, place_number) constraint and
the capacity trigger are the database's own guarantee underneath.
"""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from recovery_portal.jobs import enqueue_on_commit

from ..models import HOLDS_PLACE, CourseRun, Enrolment, EnrolmentStatus, RunStatus, Student


def _locked_run(run_id: int) -> CourseRun:
    return CourseRun.objects.select_for_update().get(pk=run_id)


def _free_place(run: CourseRun) -> int | None:
    held = set(run.enrolments.filter(place_number__isnull=False).values_list("place_number", flat=True))
    return next((number for number in range(1, run.capacity + 1) if number not in held), None)


def run_has_started(run: CourseRun, *, now: datetime) -> bool:
    """A run has started once its first session has begun (a run without sessions has not)."""
    first_session = run.sessions.order_by("starts_at").first()
    return first_session is not None and first_session.starts_at <= now


def _offer_freed_places(run: CourseRun, *, now: datetime) -> None:
    """Offer each free place to the longest-waiting person, in order of arrival, with a time limit.

    Nobody is offered a place on a run that has started: the offer would be for sessions already gone.
    """
    from ..tasks import enrolment_offer_notify

    if run_has_started(run, now=now):
        return
    while (place := _free_place(run)) is not None:
        waiting = run.enrolments.filter(status=EnrolmentStatus.WAITING).order_by("requested_at", "id").first()
        if waiting is None:
            return
        waiting.status = EnrolmentStatus.OFFERED
        waiting.place_number = place
        waiting.offer_expires_at = now + timedelta(hours=run.offer_hours)
        waiting.save(update_fields=["status", "place_number", "offer_expires_at", "changed_at"])
        enqueue_on_commit(enrolment_offer_notify, waiting.pk)


def places_fit_capacity(*, run: CourseRun, capacity: int) -> None:
    """Make the held places fit a new capacity, for a run already locked by the caller (ADR 0012).

    Refused when more places are held than the new capacity. Otherwise places numbered above it move
    to free numbers within it, so that nobody loses a place because of a gap left by a cancellation.
    """
    held = list(run.enrolments.filter(status__in=HOLDS_PLACE).order_by("place_number"))
    if len(held) > capacity:
        raise ValidationError(
            {
                "capacity": f"{len(held)} places are held or offered, so the run cannot have fewer "
                f"than {len(held)} places. Cancel places first."
            }
        )
    taken = {enrolment.place_number for enrolment in held}
    free = iter(number for number in range(1, capacity + 1) if number not in taken)
    for enrolment in held:
        if enrolment.place_number > capacity:
            enrolment.place_number = next(free)
            enrolment.save(update_fields=["place_number", "changed_at"])


def places_offer_free(*, run: CourseRun, now: datetime | None = None) -> None:
    """Offer any free places of a locked run (for example after its capacity rose) to the people waiting."""
    _offer_freed_places(run, now=now or timezone.now())


@transaction.atomic
def enrolment_request(*, student: Student, run: CourseRun, by, now: datetime | None = None) -> Enrolment:
    """Ask for a place: enrolled while places remain, otherwise on the waiting list in order of arrival.

    Refused (``ValidationError``) for a run not open for enrolment, a run that has started, or a
    student who already holds or awaits a place on it.
    """
    run = _locked_run(run.pk)
    # Arrival is taken once the run is locked, so the queue order is the order requests were served.
    now = now or timezone.now()
    if run.status != RunStatus.PUBLISHED:
        raise ValidationError("This course is not open for enrolment.")
    first_session = run.sessions.order_by("starts_at").first()
    if first_session is None or first_session.starts_at <= now:
        raise ValidationError(
            "This course has already started, so it is too late to enrol. Look for its next run."
        )
    if run.enrolments.active().filter(student=student).exists():
        raise ValidationError("You have already asked for a place on this course.")

    enrolment = Enrolment(student=student, run=run, requested_at=now, changed_by=by)
    nobody_waiting = not run.enrolments.filter(status=EnrolmentStatus.WAITING).exists()
    place = _free_place(run) if nobody_waiting else None
    if place is None:
        enrolment.status = EnrolmentStatus.WAITING
    else:
        enrolment.status = EnrolmentStatus.ENROLLED
        enrolment.place_number = place
        enrolment.enrolled_at = now
    enrolment.save()
    return enrolment


CANCEL_REFUSED_STARTED = (
    "This course has started, so the place can no longer be given up. "
    "Ask the Recovery College team if you need to stop coming."
)


def enrolment_cancel_refusal(*, enrolment: Enrolment, now: datetime | None = None) -> str:
    """Why the enrolment cannot be cancelled now, or an empty string when it can.

    A place on a run that has started is never cancelled: its attendance and completion stay on record
    (the college team withdraws the student instead). Leaving a waiting list or an offer loses nothing.
    """
    now = now or timezone.now()
    if enrolment.status in (EnrolmentStatus.CANCELLED, EnrolmentStatus.WITHDRAWN):
        return "This place has already ended."
    if enrolment.status == EnrolmentStatus.ENROLLED and run_has_started(enrolment.run, now=now):
        return CANCEL_REFUSED_STARTED
    return ""


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, by, reason: str = "", now: datetime | None = None) -> Enrolment:
    """Give up a place, an offer or a place in the queue. A freed place is offered to the next person.

    Refused (``ValidationError``) for a place on a run that has started (see ``enrolment_withdraw``).
    """
    now = now or timezone.now()
    run = _locked_run(enrolment.run_id)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    if enrolment.status == EnrolmentStatus.CANCELLED:
        return enrolment
    if refusal := enrolment_cancel_refusal(enrolment=enrolment, now=now):
        raise ValidationError(refusal)
    frees_place = enrolment.status in HOLDS_PLACE
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.place_number = None
    enrolment.offer_expires_at = None
    enrolment.cancelled_at = now
    enrolment.cancelled_reason = reason[:200]
    enrolment.changed_by = by
    enrolment.save()
    if frees_place:
        _offer_freed_places(run, now=now)
    return enrolment


def enrolment_withdraw_refusal(*, enrolment: Enrolment, now: datetime | None = None) -> str:
    """Why the student cannot be withdrawn from the run now, or an empty string when they can."""
    from ..selectors import enrolment_is_complete

    now = now or timezone.now()
    if enrolment.status != EnrolmentStatus.ENROLLED:
        return "Only a student with a place can be withdrawn."
    if not run_has_started(enrolment.run, now=now):
        return "This course has not started yet, so cancel the place instead."
    if enrolment_is_complete(enrolment=enrolment):
        return "This student has completed the course, so they cannot be withdrawn from it."
    return ""


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, by, reason: str, now: datetime | None = None) -> Enrolment:
    """Withdraw a student from a course that has started, with a reason, keeping their attendance.

    The place is not offered to anyone else: the sessions already held cannot be made up.
    """
    now = now or timezone.now()
    _locked_run(enrolment.run_id)
    enrolment = Enrolment.objects.select_related("run__course").get(pk=enrolment.pk)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the student is being withdrawn"})
    if refusal := enrolment_withdraw_refusal(enrolment=enrolment, now=now):
        raise ValidationError(refusal)
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.place_number = None
    enrolment.withdrawn_at = now
    enrolment.withdrawn_reason = reason[:200]
    enrolment.changed_by = by
    enrolment.save()
    return enrolment


@transaction.atomic
def enrolment_offer_accept(*, enrolment: Enrolment, by, now: datetime | None = None) -> Enrolment:
    """Take up an offered place before the offer ends."""
    now = now or timezone.now()
    _locked_run(enrolment.run_id)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    if enrolment.status == EnrolmentStatus.ENROLLED:
        return enrolment
    if enrolment.status != EnrolmentStatus.OFFERED:
        raise ValidationError("There is no place on offer to you for this course.")
    if enrolment.offer_expires_at <= now:
        raise ValidationError(
            "Sorry, this offer has ended and the place has gone to the next person waiting."
        )
    enrolment.status = EnrolmentStatus.ENROLLED
    enrolment.enrolled_at = now
    enrolment.offer_expires_at = None
    enrolment.changed_by = by
    enrolment.save()
    return enrolment


def enrolment_offers_expire(*, now: datetime | None = None) -> int:
    """End offers past their time limit and offer each place to the next person. Returns offers ended."""
    now = now or timezone.now()
    expired = 0
    run_ids = set(
        Enrolment.objects.filter(status=EnrolmentStatus.OFFERED, offer_expires_at__lte=now).values_list(
            "run_id", flat=True
        )
    )
    for run_id in sorted(run_ids):
        with transaction.atomic():
            run = _locked_run(run_id)
            # Read again under the lock: the person may have accepted a moment ago.
            for enrolment in run.enrolments.filter(status=EnrolmentStatus.OFFERED, offer_expires_at__lte=now):
                enrolment.status = EnrolmentStatus.CANCELLED
                enrolment.place_number = None
                enrolment.offer_expires_at = None
                enrolment.cancelled_at = now
                enrolment.cancelled_reason = "The offered place was not taken up in time."
                enrolment.save()
                expired += 1
            _offer_freed_places(run, now=now)
    return expired
