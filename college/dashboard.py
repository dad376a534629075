"""The college's figures: students by type, enrolments, attendance, completion, co-delivery, waiting;
and, for the terms that start between two dates (a financial year), terms, attendance by month, students
by type, Individual Learning Plan outcomes and the year's RECOLLECT fidelity rating.

Percentages are computed from the counts, which are kept so that disclosure control can be applied
by whoever publishes them. Each function runs a fixed number of grouped queries.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, F, IntegerField, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from .models import (
    Attendance,
    CourseRun,
    CourseRunTrainer,
    Enrolment,
    EnrolmentStatus,
    FidelityRating,
    LearningPlan,
    ReviewOutcome,
    RunStatus,
    Session,
    StudentType,
    Term,
    Venue,
)


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


@dataclass
class CollegeFigures:
    label: str = "All terms and venues"
    runs: int = 0
    co_delivered_runs: int = 0
    enrolled: int = 0
    waiting: int = 0
    attendances_marked: int = 0
    attendances_present: int = 0
    finished_enrolments: int = 0
    completed: int = 0
    students_by_type: dict[str, int] = field(default_factory=dict)

    @property
    def students(self) -> int:
        return sum(self.students_by_type.values())

    @property
    def students_by_type_rows(self) -> list[tuple[str, int]]:
        return [(label, self.students_by_type.get(value, 0)) for value, label in StudentType.choices]

    @property
    def co_delivered_percent(self) -> int | None:
        return percent(self.co_delivered_runs, self.runs)

    @property
    def attendance_percent(self) -> int | None:
        return percent(self.attendances_present, self.attendances_marked)

    @property
    def completion_percent(self) -> int | None:
        return percent(self.completed, self.finished_enrolments)


def _scope(prefix: str, term: Term | None, venue: Venue | None) -> Q:
    scope = Q(**{f"{prefix}status": RunStatus.PUBLISHED})
    if term is not None:
        scope &= Q(**{f"{prefix}term": term})
    if venue is not None:
        scope &= Q(**{f"{prefix}venue": venue})
    return scope


def _grouped(group: str | None, *, term: Term | None = None, venue: Venue | None = None) -> dict:
    """Figures keyed by term id, venue id, or 0 for everything (``group`` "term", "venue" or None)."""

    def key(prefix: str):
        return F(f"{prefix}{group}_id") if group else Value(0)

    figures: dict = {}

    def at(g) -> CollegeFigures:
        return figures.setdefault(g, CollegeFigures())

    peer = CourseRunTrainer.objects.filter(run=OuterRef("pk"), is_peer_trainer=True)
    other = CourseRunTrainer.objects.filter(run=OuterRef("pk"), is_peer_trainer=False)
    # 1. Runs and how many are co-delivered (a peer trainer and another trainer).
    runs = (
        CourseRun.objects.filter(_scope("", term, venue))
        .annotate(has_peer=Exists(peer), has_other=Exists(other), g=key(""))
        .values("g")
        .annotate(n=Count("pk"), co=Count("pk", filter=Q(has_peer=True, has_other=True)))
        .order_by()
    )
    for row in runs:
        at(row["g"]).runs, at(row["g"]).co_delivered_runs = row["n"], row["co"]
    # 2. Places taken and the waiting list.
    enrolments = (
        Enrolment.objects.filter(_scope("run__", term, venue))
        .annotate(g=key("run__"))
        .values("g")
        .annotate(
            enrolled=Count("pk", filter=Q(status=EnrolmentStatus.ENROLLED)),
            waiting=Count("pk", filter=Q(status=EnrolmentStatus.WAITING)),
        )
        .order_by()
    )
    for row in enrolments:
        at(row["g"]).enrolled, at(row["g"]).waiting = row["enrolled"], row["waiting"]
    # 3. Attendance of students with a place, from the registers taken.
    attendance = (
        Attendance.objects.filter(
            _scope("session__run__", term, venue), enrolment__status=EnrolmentStatus.ENROLLED
        )
        .annotate(g=key("session__run__"))
        .values("g")
        .annotate(marked=Count("pk"), present=Count("pk", filter=Q(present=True)))
        .order_by()
    )
    for row in attendance:
        at(row["g"]).attendances_marked, at(row["g"]).attendances_present = row["marked"], row["present"]
    # 4. Completion, over runs whose sessions have all started.
    attended = (
        Attendance.objects.filter(enrolment=OuterRef("pk"), present=True)
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    upcoming = Session.objects.filter(run=OuterRef("run"), starts_at__gt=timezone.now())
    completion = (
        Enrolment.objects.filter(_scope("run__", term, venue), status=EnrolmentStatus.ENROLLED)
        .exclude(Exists(upcoming))
        .annotate(
            attended=Coalesce(Subquery(attended, output_field=IntegerField()), Value(0)), g=key("run__")
        )
        .values("g")
        .annotate(
            finished=Count("pk"),
            completed=Count("pk", filter=Q(attended__gte=F("run__course__completion_min_sessions"))),
        )
        .order_by()
    )
    for row in completion:
        at(row["g"]).finished_enrolments, at(row["g"]).completed = row["finished"], row["completed"]
    # 5. Students with a place or waiting, by how they describe themselves. Read from the enrolments, so
    # that a place cancelled on one run does not hide the student's other runs.
    students = (
        Enrolment.objects.filter(_scope("run__", term, venue))
        .exclude(status=EnrolmentStatus.CANCELLED)
        .annotate(g=key("run__"))
        .values("g", "student__student_type")
        .annotate(n=Count("student", distinct=True))
        .order_by()
    )
    for row in students:
        at(row["g"]).students_by_type[row["student__student_type"]] = row["n"]
    return figures


def college_figures(*, term: Term | None = None, venue: Venue | None = None) -> CollegeFigures:
    """Headline figures for the college, a term, a venue, or a term at a venue."""
    return _grouped(None, term=term, venue=venue).get(0, CollegeFigures())


def college_figures_by_term(*, venue: Venue | None = None) -> list[CollegeFigures]:
    """One row per term with any published run, oldest first."""
    figures = _grouped("term", venue=venue)
    rows = []
    for term in Term.objects.filter(pk__in=figures):
        figures[term.pk].label = term.name
        rows.append(figures[term.pk])
    return rows


def college_figures_by_venue(*, term: Term | None = None) -> list[CollegeFigures]:
    """One row per venue with any published run, by name."""
    figures = _grouped("venue", term=term)
    rows = []
    for venue in Venue.objects.filter(pk__in=figures):
        figures[venue.pk].label = venue.name
        rows.append(figures[venue.pk])
    return rows


# Figures for the terms starting between two dates: the evaluation's dashboards and annual report.


def terms_starting(*, start: date, end: date) -> list[str]:
    """Names of the terms starting from ``start`` to ``end`` (both included), in date order."""
    return list(
        Term.objects.filter(start_date__gte=start, start_date__lte=end)
        .order_by("start_date")
        .values_list("name", flat=True)
    )


def attendance_by_month(*, start: date, end: date) -> list[tuple[date, int, int]]:
    """(month, places present, places marked) on the registers of published runs, by the month of the
    session, for sessions from ``start`` to ``end``; months with no register marked are left out."""
    rows = (
        Attendance.objects.filter(
            session__starts_at__date__gte=start,
            session__starts_at__date__lte=end,
            session__run__status=RunStatus.PUBLISHED,
            enrolment__status=EnrolmentStatus.ENROLLED,
        )
        .annotate(month=TruncMonth("session__starts_at"))
        .values("month")
        .annotate(marked=Count("pk"), present=Count("pk", filter=Q(present=True)))
        .order_by()
    )
    found = [(timezone.localtime(r["month"]).date().replace(day=1), r["present"], r["marked"]) for r in rows]
    return sorted(found)


def first_register_marked_on() -> date | None:
    """The day of the earliest session with any register mark, present or not; None when none: where
    the attendance chart starts. One query."""
    first = Attendance.objects.aggregate(first=Min("session__starts_at"))["first"]
    return timezone.localtime(first).date() if first else None


def students_by_type(*, start: date, end: date) -> list[tuple[str, int]]:
    """(how students describe themselves, how many) for every student type, none left out: students with
    a place, a place offered or waiting (not cancelled) on published runs of the terms starting from
    ``start`` to ``end``, each counted once however many runs and terms they are on."""
    rows = (
        Enrolment.objects.filter(
            run__status=RunStatus.PUBLISHED,
            run__term__start_date__gte=start,
            run__term__start_date__lte=end,
        )
        .exclude(status=EnrolmentStatus.CANCELLED)
        .values("student__student_type")
        .annotate(n=Count("student", distinct=True))
        .order_by()
    )
    counts = {row["student__student_type"]: row["n"] for row in rows}
    return [(label, counts.get(value, 0)) for value, label in StudentType.choices]


@dataclass(frozen=True)
class LearningPlanOutcomes:
    """Individual Learning Plans by how the student's goals were reviewed at the end of term."""

    met: int = 0
    partly: int = 0
    not_met: int = 0
    not_reviewed: int = 0

    @property
    def reviewed(self) -> int:
        return self.met + self.partly + self.not_met

    @property
    def met_or_partly(self) -> int:
        return self.met + self.partly

    @property
    def plans(self) -> int:
        return self.reviewed + self.not_reviewed

    @property
    def rows(self) -> list[tuple[str, int]]:
        return [
            ("Goals met", self.met),
            ("Goals partly met", self.partly),
            ("Goals not met", self.not_met),
            ("Not yet reviewed", self.not_reviewed),
        ]


def learning_plan_outcomes(*, start: date, end: date) -> LearningPlanOutcomes:
    """Learning plans of the terms starting from ``start`` to ``end``, by review outcome."""
    rows = (
        LearningPlan.objects.filter(term__start_date__gte=start, term__start_date__lte=end)
        .values("review_outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["review_outcome"]: row["n"] for row in rows}
    return LearningPlanOutcomes(
        met=counts.get(ReviewOutcome.MET, 0),
        partly=counts.get(ReviewOutcome.PARTLY, 0),
        not_met=counts.get(ReviewOutcome.NOT_MET, 0),
        not_reviewed=counts.get("", 0),
    )


def fidelity_rating_for(*, year: str) -> FidelityRating | None:
    """The RECOLLECT fidelity rating of a financial year written like "2026/27", or None if not rated."""
    return FidelityRating.objects.filter(year=year).first()
