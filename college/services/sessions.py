"""A run's sessions and trainers, as the college team sets them up.

Sessions are numbered in date order and stay inside the run's term. A published run keeps all its
sessions (publishing needs each one) and its co-delivery: a peer trainer and another trainer.
"""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from recovery_portal.models import User

from ..models import CourseRun, CourseRunTrainer, RunStatus, Session
from ..selectors import trainer_candidates

# Numbers are moved out of the way first, so that renumbering never meets the (run, number) constraint.
_RENUMBER_OFFSET = 1000


def _locked_run(run: CourseRun) -> CourseRun:
    return CourseRun.objects.select_for_update().select_related("course", "term").get(pk=run.pk)


def _times(on: date, starts: time, ends: time) -> tuple[datetime, datetime]:
    """UK times on a day, as aware datetimes; the end must come after the start."""
    starts_at = timezone.make_aware(datetime.combine(on, starts))
    ends_at = timezone.make_aware(datetime.combine(on, ends))
    if ends_at <= starts_at:
        raise ValidationError({"ends": "The end time must be after the start time"})
    return starts_at, ends_at


def _check_in_term(run: CourseRun, on: date, field: str = "on") -> None:
    term = run.term
    if not term.start_date <= on <= term.end_date:
        raise ValidationError(
            {
                field: f"The date must be in {term.name}, between {term.start_date:%-d %B %Y} "
                f"and {term.end_date:%-d %B %Y}"
            }
        )


def _check_room_for(run: CourseRun, adding: int) -> None:
    have = run.sessions.count()
    if have + adding > run.course.session_count:
        raise ValidationError(
            f"{run.course.title} has {run.course.session_count} sessions and this run has {have}: "
            f"there is room for {run.course.session_count - have} more."
        )


def _renumber(run: CourseRun, *, by) -> None:
    """Number the run's sessions 1, 2, 3… in the order they happen, and note who changed the run."""
    run.changed_by = by
    run.save(update_fields=["changed_by", "changed_at"])
    sessions = list(run.sessions.order_by("starts_at", "id"))
    if all(session.number == position for position, session in enumerate(sessions, start=1)):
        return
    run.sessions.update(number=F("number") + _RENUMBER_OFFSET)
    for position, session in enumerate(sessions, start=1):
        Session.objects.filter(pk=session.pk).update(number=position)


@transaction.atomic
def session_add(*, run: CourseRun, on: date, starts: time, ends: time, topic: str = "", by) -> Session:
    """Add one session to a run, inside its term, up to the course's number of sessions."""
    run = _locked_run(run)
    starts_at, ends_at = _times(on, starts, ends)
    _check_in_term(run, on)
    _check_room_for(run, 1)
    session = Session.objects.create(
        run=run,
        number=run.sessions.count() + _RENUMBER_OFFSET + 1,
        starts_at=starts_at,
        ends_at=ends_at,
        topic=topic,
    )
    _renumber(run, by=by)
    session.refresh_from_db(fields=["number"])
    return session


@transaction.atomic
def sessions_add_weekly(
    *, run: CourseRun, first: date, starts: time, ends: time, count: int, by
) -> list[Session]:
    """Add ``count`` sessions a week apart from ``first``, at the same times. All or none."""
    run = _locked_run(run)
    if count < 1:
        raise ValidationError({"count": "Add at least 1 session"})
    days = [first + timedelta(weeks=week) for week in range(count)]
    for day in days:
        _times(day, starts, ends)
    _check_in_term(run, first, field="first")
    if days[-1] > run.term.end_date:
        raise ValidationError(
            {
                "count": f"The last of these sessions would be on {days[-1]:%-d %B %Y}, after "
                f"{run.term.name} ends on {run.term.end_date:%-d %B %Y}"
            }
        )
    _check_room_for(run, count)
    have = run.sessions.count()
    created = []
    for offset, day in enumerate(days, start=1):
        starts_at, ends_at = _times(day, starts, ends)
        created.append(
            Session.objects.create(
                run=run,
                number=have + _RENUMBER_OFFSET + offset,
                starts_at=starts_at,
                ends_at=ends_at,
            )
        )
    _renumber(run, by=by)
    return created


@transaction.atomic
def session_change(*, session: Session, on: date, starts: time, ends: time, topic: str = "", by) -> Session:
    """Move a session or change its topic. Once its register is taken, only the topic may change."""
    run = _locked_run(session.run)
    session = Session.objects.select_for_update().get(pk=session.pk)
    starts_at, ends_at = _times(on, starts, ends)
    moved = (starts_at, ends_at) != (session.starts_at, session.ends_at)
    if moved and session.attendances.exists():
        raise ValidationError(
            "The register of this session has been taken, so its date and times cannot change."
        )
    _check_in_term(run, on)
    session.starts_at, session.ends_at, session.topic = starts_at, ends_at, topic
    session.save(update_fields=["starts_at", "ends_at", "topic"])
    _renumber(run, by=by)
    session.refresh_from_db(fields=["number"])
    return session


@transaction.atomic
def session_remove(*, session: Session, by) -> None:
    """Remove a session of a draft run whose register has not been taken; the others are renumbered."""
    run = _locked_run(session.run)
    if session.attendances.exists():
        raise ValidationError(f"Session {session.number} has its register taken, so it cannot be removed.")
    if run.status == RunStatus.PUBLISHED:
        raise ValidationError(
            "This run is in the prospectus with all its sessions: change the session's date and "
            "times instead of removing it."
        )
    Session.objects.filter(pk=session.pk).delete()
    _renumber(run, by=by)


@transaction.atomic
def run_trainer_add(*, run: CourseRun, user: User, is_peer_trainer: bool, by) -> CourseRunTrainer:
    """Add a trainer to a run, as a peer trainer (lived experience) or not; each person once."""
    run = _locked_run(run)
    if not trainer_candidates().filter(pk=user.pk).exists():
        raise ValidationError({"user": "Choose a member of staff or a college student with a login"})
    try:
        with transaction.atomic():
            return CourseRunTrainer.objects.create(
                run=run, user=user, is_peer_trainer=is_peer_trainer, changed_by=by
            )
    except IntegrityError:
        raise ValidationError({"user": f"{user.display_name} already trains on this run"}) from None


@transaction.atomic
def run_trainer_remove(*, trainer: CourseRunTrainer, by) -> None:
    """Take a trainer off a run. A published run keeps a peer trainer and another trainer."""
    run = _locked_run(trainer.run)
    trainer = CourseRunTrainer.objects.select_related("user").get(pk=trainer.pk)
    if run.status == RunStatus.PUBLISHED:
        same_kind = run.trainers.filter(is_peer_trainer=trainer.is_peer_trainer).exclude(pk=trainer.pk)
        if not same_kind.exists():
            kind = "peer trainer" if trainer.is_peer_trainer else "trainer who is not a peer trainer"
            raise ValidationError(
                f"{trainer.user.display_name} is the only {kind} of this published run, and a "
                "published run must be co-delivered. Add another first."
            )
    trainer.delete()
    run.changed_by = by
    run.save(update_fields=["changed_by", "changed_at"])
