"""Reads of the Recovery College, including the figures the dashboard and the evaluation report use.

The figures themselves live in ``dashboard.py`` and are offered here: ``college_figures``,
``college_figures_by_term``, ``college_figures_by_venue`` and ``fidelity_ratings``; and, for the terms
starting in a financial year, ``terms_starting``, ``attendance_by_month``, ``students_by_type``,
``learning_plan_outcomes`` and ``fidelity_rating_for``.

Each selector decides its joins, so pages run a fixed number of queries however many rows they show.
"""

from datetime import datetime

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from recovery_portal.models import AccountKind, User

from .dashboard import (
    CollegeFigures,
    LearningPlanOutcomes,
    attendance_by_month,
    college_figures,
    college_figures_by_term,
    college_figures_by_venue,
    fidelity_rating_for,
    first_register_marked_on,
    learning_plan_outcomes,
    students_by_type,
    terms_starting,
)
from .filters import ProspectusFilter
from .models import (
    HOLDS_PLACE,
    Attendance,
    Course,
    CourseRun,
    CourseRunTrainer,
    Enrolment,
    EnrolmentStatus,
    FidelityRating,
    LearningPlan,
    RunStatus,
    Session,
    Student,
    Term,
)


def _count(queryset: QuerySet) -> Subquery:
    return Coalesce(
        Subquery(
            queryset.order_by().values("run").annotate(n=Count("pk")).values("n"), output_field=IntegerField()
        ),
        Value(0),
    )


def runs_with_places(queryset: QuerySet[CourseRun]) -> QuerySet[CourseRun]:
    """Runs annotated with places taken and left, people waiting, and first and last session times."""
    sessions = Session.objects.filter(run=OuterRef("pk"))
    return queryset.annotate(
        places_taken=_count(Enrolment.objects.filter(run=OuterRef("pk"), status__in=HOLDS_PLACE)),
        waiting_count=_count(Enrolment.objects.filter(run=OuterRef("pk"), status=EnrolmentStatus.WAITING)),
        first_session_at=Subquery(sessions.order_by("starts_at").values("starts_at")[:1]),
        last_session_at=Subquery(sessions.order_by("-starts_at").values("starts_at")[:1]),
    ).annotate(places_left=F("capacity") - F("places_taken"))


def prospectus(*, filters) -> ProspectusFilter:
    """Published runs not yet finished, searchable and filtered; ``.qs`` is the list."""
    now = timezone.now()
    runs = (
        runs_with_places(
            CourseRun.objects.published()
            .filter(term__end_date__gte=timezone.localdate())
            .select_related("course", "term", "venue")
        )
        .filter(last_session_at__gte=now)
        .annotate(has_started=ExpressionWrapper(Q(first_session_at__lte=now), output_field=BooleanField()))
        .order_by("first_session_at", "course__title", "id")
    )
    return ProspectusFilter(filters, queryset=runs)


def course_detail(*, slug: str) -> Course | None:
    """A course with its published runs of terms not yet over, with places and sessions."""
    runs = runs_with_places(
        CourseRun.objects.published()
        .filter(term__end_date__gte=timezone.localdate())
        .select_related("term", "venue")
        .prefetch_related("sessions")
    ).order_by("first_session_at", "id")
    return (
        Course.objects.prefetch_related(Prefetch("runs", queryset=runs, to_attr="open_runs"))
        .filter(slug=slug)
        .first()
    )


def run_detail_queryset(*, user) -> QuerySet[CourseRun]:
    """Runs with what their page shows. The public sees published runs; the college team and trainers more."""
    runs = runs_with_places(CourseRun.objects.select_related("course", "term", "venue")).prefetch_related(
        "sessions", Prefetch("trainers", queryset=CourseRunTrainer.objects.select_related("user"))
    )
    from recovery_portal.rules import is_college_team

    if is_college_team(user):
        return runs
    visible = Q(status=RunStatus.PUBLISHED)
    if user.is_authenticated:
        visible |= Q(trainers__user=user)
    return runs.filter(visible).distinct()


def student_for(*, user) -> Student | None:
    if not user.is_authenticated:
        return None
    return Student.objects.filter(user=user).first()


def waiting_position(*, enrolment: Enrolment) -> int | None:
    """1 for the person waiting longest, by arrival (requested_at, then id)."""
    if enrolment.status != EnrolmentStatus.WAITING:
        return None
    ahead = Enrolment.objects.filter(run_id=enrolment.run_id, status=EnrolmentStatus.WAITING).filter(
        Q(requested_at__lt=enrolment.requested_at)
        | Q(requested_at=enrolment.requested_at, pk__lt=enrolment.pk)
    )
    return ahead.count() + 1


def _with_attended(queryset: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    attended = (
        Attendance.objects.filter(enrolment=OuterRef("pk"), present=True).order_by().values("enrolment")
    )
    return queryset.annotate(
        sessions_attended=Coalesce(
            Subquery(attended.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), Value(0)
        )
    )


def _with_waiting_position(queryset: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    ahead = Enrolment.objects.filter(run=OuterRef("run"), status=EnrolmentStatus.WAITING).filter(
        Q(requested_at__lt=OuterRef("requested_at"))
        | Q(requested_at=OuterRef("requested_at"), pk__lt=OuterRef("pk"))
    )
    return queryset.annotate(
        waiting_ahead=Coalesce(
            Subquery(
                ahead.order_by().values("run").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        )
    )


def enrolment_is_complete(*, enrolment: Enrolment) -> bool:
    """The course's rule: at least ``completion_min_sessions`` sessions of the run attended."""
    if enrolment.status != EnrolmentStatus.ENROLLED:
        return False
    attended = getattr(enrolment, "sessions_attended", None)
    if attended is None:
        attended = enrolment.attendances.filter(present=True).count()
    return attended >= enrolment.run.course.completion_min_sessions


def student_enrolments(*, user) -> list[Enrolment]:
    """The signed-in student's enrolments, newest runs first, each with its sessions and attendance."""
    enrolments = _with_waiting_position(
        _with_attended(
            Enrolment.objects.filter(student__user=user)
            .exclude(status=EnrolmentStatus.CANCELLED)
            .select_related("run__course", "run__term", "run__venue", "feedback")
            .prefetch_related("run__sessions", "attendances")
        )
    ).order_by("-run__term__start_date", "requested_at")
    rows = list(enrolments)
    now = timezone.now()
    for enrolment in rows:
        marks = {attendance.session_id: attendance.present for attendance in enrolment.attendances.all()}
        enrolment.session_marks = [
            (session, marks.get(session.pk)) for session in enrolment.run.sessions.all()
        ]
        enrolment.is_complete = enrolment_is_complete(enrolment=enrolment)
        started = any(session.starts_at <= now for session in enrolment.run.sessions.all())
        # A place on a course that has started is kept: its attendance and completion stay on record.
        enrolment.can_cancel = enrolment.status != EnrolmentStatus.WITHDRAWN and not (
            started and enrolment.status == EnrolmentStatus.ENROLLED
        )
        enrolment.waiting_position = (
            enrolment.waiting_ahead + 1 if enrolment.status == EnrolmentStatus.WAITING else None
        )
    return rows


def enrolment_queryset(*, user) -> QuerySet[Enrolment]:
    """Enrolments the user may see, ready for a certificate or feedback page."""
    return _with_attended(Enrolment.objects.visible_to(user)).select_related(
        "student__user", "run__course", "run__term", "run__venue"
    )


def run_roster(*, run: CourseRun) -> dict:
    """A run's students: places held (enrolled or offered), the waiting list in order, and those withdrawn.

    ``started`` says whether the first session has begun: from then on places are not cancelled, and a
    student who has not completed may be withdrawn instead.
    """
    enrolments = list(
        _with_attended(
            run.enrolments.exclude(status=EnrolmentStatus.CANCELLED).select_related("student__user")
        ).order_by("requested_at", "id")
    )
    waiting = [e for e in enrolments if e.status == EnrolmentStatus.WAITING]
    for position, enrolment in enumerate(waiting, start=1):
        enrolment.waiting_position = position
    for enrolment in enrolments:
        enrolment.is_complete = enrolment.status == EnrolmentStatus.ENROLLED and (
            enrolment.sessions_attended >= run.course.completion_min_sessions
        )
    first_session = run.sessions.order_by("starts_at").first()
    return {
        "holding": [e for e in enrolments if e.status in HOLDS_PLACE],
        "waiting": waiting,
        "withdrawn": [e for e in enrolments if e.status == EnrolmentStatus.WITHDRAWN],
        "started": first_session is not None and first_session.starts_at <= timezone.now(),
    }


def session_queryset(*, user) -> QuerySet[Session]:
    """Sessions whose register the user may take: the run's trainers and the college team."""
    from recovery_portal.rules import is_college_team

    sessions = Session.objects.select_related("run__course", "run__term", "run__venue")
    if is_college_team(user):
        return sessions
    return sessions.filter(run__trainers__user=user).distinct()


def session_register(*, session: Session) -> list[Enrolment]:
    """The students with a place on the session's run, each with ``mark`` (True, False or None)."""
    enrolments = list(
        Enrolment.objects.filter(run_id=session.run_id, status=EnrolmentStatus.ENROLLED)
        .select_related("student__user")
        .prefetch_related(
            Prefetch("attendances", queryset=Attendance.objects.filter(session=session), to_attr="here")
        )
        .order_by("student__user__last_name", "student__user__first_name", "id")
    )
    for enrolment in enrolments:
        enrolment.mark = enrolment.here[0].present if enrolment.here else None
    return enrolments


def trainer_runs(*, user) -> QuerySet[CourseRun]:
    """Runs the user trains on in terms not yet over, with their sessions, for the "Your registers" panel."""
    return (
        CourseRun.objects.filter(trainers__user=user, term__end_date__gte=timezone.localdate())
        .exclude(status=RunStatus.CANCELLED)
        .select_related("course", "term", "venue")
        .prefetch_related("sessions")
        .distinct()
        .order_by("term__start_date", "course__title")
    )


def setup_courses() -> QuerySet[Course]:
    """Every course, including those never run, with how many runs each has, for the college team."""
    return Course.objects.annotate(run_count=Count("runs")).order_by("title", "id")


def setup_course_runs(*, course: Course) -> QuerySet[CourseRun]:
    """A course's runs, newest term first, with their places and first session."""
    return runs_with_places(course.runs.select_related("term", "venue")).order_by("-term__start_date", "id")


def setup_run_queryset() -> QuerySet[CourseRun]:
    """Runs as the college team sets them up: course, term and venue joined, and when they start."""
    first = Session.objects.filter(run=OuterRef("pk")).order_by("starts_at").values("starts_at")[:1]
    return CourseRun.objects.select_related("course", "term", "venue").annotate(
        first_session_at=Subquery(first)
    )


def setup_sessions(*, run: CourseRun) -> QuerySet[Session]:
    """A run's sessions in order, each knowing whether its register has been taken."""
    return run.sessions.annotate(
        has_register=Exists(Attendance.objects.filter(session=OuterRef("pk")))
    ).order_by("number")


def setup_session_queryset() -> QuerySet[Session]:
    return Session.objects.select_related("run__course", "run__term", "run__venue")


def setup_trainers(*, run: CourseRun) -> QuerySet[CourseRunTrainer]:
    return run.trainers.select_related("user")


def setup_trainer_queryset() -> QuerySet[CourseRunTrainer]:
    return CourseRunTrainer.objects.select_related("run", "user")


def trainer_candidates() -> QuerySet:
    """Who may train on a run: active staff, and people with a login who are college students."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(kind=AccountKind.STAFF) | Q(student__isnull=False))
        .order_by("last_name", "first_name", "id")
    )


def learning_plan_queryset(*, user) -> QuerySet[LearningPlan]:
    return LearningPlan.objects.visible_to(user).select_related("student__user", "term", "personal_tutor")


def learning_plan_courses(*, plan: LearningPlan) -> list[Enrolment]:
    """The courses the student chose that term, each marked complete when its attendance meets the
    course's rule."""
    enrolments = list(
        _with_attended(
            Enrolment.objects.filter(student_id=plan.student_id, run__term_id=plan.term_id)
            .exclude(status=EnrolmentStatus.CANCELLED)
            .select_related("run__course", "run__venue")
        )
    )
    for enrolment in enrolments:
        enrolment.is_complete = enrolment_is_complete(enrolment=enrolment)
    return enrolments


def learning_plan_list(*, user) -> list[LearningPlan]:
    """The learning plans ``user`` follows, latest term first: every plan for the college team; for a tutor,
    those of the students on their runs that term and of their tutees (``LearningPlan.visible_to``)."""
    return list(
        LearningPlan.objects.visible_to(user)
        .select_related("student__user", "term", "personal_tutor")
        .order_by("-term__start_date", "student__user__last_name", "student__user__first_name", "pk")
    )


def learning_plan_terms(*, student) -> list[Term]:
    """Terms the student may start a learning plan for: the current term and every later term they have a
    course in (enrolled, offered or waiting), less those they already have a plan for."""
    current = current_term()
    after = current.start_date if current else timezone.localdate()
    later = (
        Enrolment.objects.filter(student=student, run__term__start_date__gt=after)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .values("run__term_id")
    )
    chosen = Q(pk__in=later) | (Q(pk=current.pk) if current else Q(pk__in=[]))
    planned = LearningPlan.objects.filter(student=student).values("term_id")
    return list(Term.objects.filter(chosen).exclude(pk__in=planned).order_by("start_date"))


def current_term(*, on: datetime | None = None) -> Term | None:
    """The term running today, else the next to start."""
    today = timezone.localdate(on) if on else timezone.localdate()
    return Term.objects.filter(end_date__gte=today).order_by("start_date").first()


def calendar_sessions() -> QuerySet[Session]:
    """Sessions of published runs from the past month on, for the iCalendar feed, and those of runs
    cancelled after they were published: subscribed calendars must learn of the cancellation."""
    since = timezone.now() - timezone.timedelta(days=31)
    return (
        Session.objects.filter(
            Q(run__status=RunStatus.PUBLISHED)
            | Q(run__status=RunStatus.CANCELLED, run__published_at__isnull=False),
            starts_at__gte=since,
        )
        .select_related("run__course", "run__venue")
        .order_by("starts_at", "id")
    )


def fidelity_ratings() -> QuerySet[FidelityRating]:
    """The college's RECOLLECT fidelity ratings, newest year first."""
    return FidelityRating.objects.select_related("rated_by")


__all__ = [
    "CollegeFigures",
    "LearningPlanOutcomes",
    "attendance_by_month",
    "college_figures",
    "college_figures_by_term",
    "college_figures_by_venue",
    "fidelity_rating_for",
    "first_register_marked_on",
    "learning_plan_outcomes",
    "students_by_type",
    "terms_starting",
]
