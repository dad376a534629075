"""Setting up courses and their runs, and publishing a run in the prospectus."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ..models import Course, CourseRun, RunStatus, Term, Venue
from .enrolment import places_fit_capacity, places_offer_free

COURSE_FIELDS = (
    "title",
    "slug",
    "category",
    "summary",
    "who_it_is_for",
    "learning_outcomes",
    "co_produced_with",
    "session_count",
    "session_minutes",
    "completion_min_sessions",
)
RUN_FIELDS = ("course", "term", "venue", "capacity", "offer_hours")


def slug_for(model, *, slug: str, name: str, instance=None, noun: str) -> str:
    """The slug typed, or one made from the name; refused (naming the holder) when another record has it."""
    slug = slugify(slug or name)[: model._meta.get_field("slug").max_length]
    if not slug:
        raise ValidationError({"slug": "Enter a web address made of letters, numbers and hyphens"})
    holder = model.objects.filter(slug=slug).exclude(pk=getattr(instance, "pk", None)).first()
    if holder is not None:
        raise ValidationError(
            {"slug": f"The web address “{slug}” is already used by the {noun} “{holder}”: choose another"}
        )
    return slug


def _check_course(course: Course) -> None:
    if not 1 <= course.completion_min_sessions <= course.session_count:
        raise ValidationError(
            {
                "completion_min_sessions": "The sessions to attend to complete must be between 1 and "
                f"the number of sessions ({course.session_count})"
            }
        )


@transaction.atomic
def course_create(*, by, **fields) -> Course:
    """A new course. Its slug is made from the title when none is given."""
    unknown = set(fields) - set(COURSE_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of a course: {sorted(unknown)}")
    course = Course(**fields, changed_by=by)
    course.slug = slug_for(Course, slug=course.slug, name=course.title, noun="course")
    _check_course(course)
    course.save()
    return course


@transaction.atomic
def course_save(*, course: Course, by, **changes) -> Course:
    """Save changes to a course. Its number of sessions is fixed while a run of it is published,
    because a published run has exactly that many sessions."""
    unknown = set(changes) - set(COURSE_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of a course: {sorted(unknown)}")
    course = Course.objects.select_for_update().get(pk=course.pk)
    if (
        "session_count" in changes
        and changes["session_count"] != course.session_count
        and course.runs.filter(status=RunStatus.PUBLISHED).exists()
    ):
        raise ValidationError(
            {
                "session_count": "A run of this course is published, so its number of sessions cannot "
                "change. Change the sessions of the run instead."
            }
        )
    for name, value in changes.items():
        setattr(course, name, value)
    if "slug" in changes or "title" in changes:
        course.slug = slug_for(Course, slug=course.slug, name=course.title, instance=course, noun="course")
    _check_course(course)
    course.changed_by = by
    course.save()
    return course


def _sessions_outside(run: CourseRun, term: Term) -> list[int]:
    return [
        session.number
        for session in run.sessions.all()
        if not term.start_date <= timezone.localdate(session.starts_at) <= term.end_date
    ]


@transaction.atomic
def run_create(
    *, course: Course, term: Term, venue: Venue, capacity: int, offer_hours: int = 48, by
) -> CourseRun:
    """A draft run of a course in a term at a venue. Sessions and trainers come next, then publishing."""
    if capacity < 1:
        raise ValidationError({"capacity": "A run needs at least 1 place"})
    return CourseRun.objects.create(
        course=course,
        term=term,
        venue=venue,
        capacity=capacity,
        offer_hours=offer_hours,
        status=RunStatus.DRAFT,
        changed_by=by,
    )


@transaction.atomic
def run_save(*, run: CourseRun, by, now=None, **changes) -> CourseRun:
    """Save changes to a run, with its row locked so that no place is taken meanwhile.

    Refused: fewer places than are held; a new course or term once the first session has started; a
    term whose dates leave out one of the run's sessions. Lowering the places renumbers held places to
    fit; raising them offers the new places to the people waiting (ADR 0012).
    """
    unknown = set(changes) - set(RUN_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of a run: {sorted(unknown)}")
    now = now or timezone.now()
    run = CourseRun.objects.select_for_update().get(pk=run.pk)
    moving = {
        name
        for name in ("course", "term")
        if name in changes and getattr(run, f"{name}_id") != changes[name].pk
    }
    if moving:
        first = run.sessions.order_by("starts_at").first()
        if first is not None and first.starts_at <= now:
            raise ValidationError(
                {name: f"This run has started, so its {name} cannot change" for name in sorted(moving)}
            )
    if "term" in moving:
        outside = _sessions_outside(run, changes["term"])
        if outside:
            listed = ", ".join(str(number) for number in outside)
            raise ValidationError(
                {"term": f"Session {listed} is outside {changes['term'].name}: change the session first"}
            )
    for name, value in changes.items():
        setattr(run, name, value)
    if run.capacity is None or run.capacity < 1:
        raise ValidationError({"capacity": "A run needs at least 1 place"})
    places_fit_capacity(run=run, capacity=run.capacity)
    run.changed_by = by
    run.save()
    places_offer_free(run=run, now=now)
    return run


@transaction.atomic
def run_publish(*, run: CourseRun, by) -> CourseRun:
    """Put a run in the prospectus. Refused unless it is co-delivered and has its sessions.

    Co-delivery (RECOLLECT, Co-production): at least one peer trainer and at least one other trainer.
    """
    run = CourseRun.objects.select_for_update().get(pk=run.pk)
    if run.status == RunStatus.PUBLISHED:
        return run
    peers = list(run.trainers.values_list("is_peer_trainer", flat=True))
    if True not in peers or False not in peers:
        raise ValidationError(
            "A run can be published only when it is co-delivered: add at least one peer trainer "
            "and at least one other trainer first."
        )
    if run.sessions.count() != run.course.session_count:
        raise ValidationError(
            f"This course has {run.course.session_count} sessions: add every session's date and time first."
        )
    run.status = RunStatus.PUBLISHED
    run.published_at = timezone.now()
    run.changed_by = by
    run.save(update_fields=["status", "published_at", "changed_by", "changed_at"])
    return run
