"""The Recovery College: runs, co-delivery, places, attendance and completion for the terms that start in
the year, and attendance month by month. The college serves the whole Trust, so the section is on the
Trust's figures only, and its figures are Trust-level.

The per-term figures come from ``college.selectors.college_figures_by_term``. The college's selectors do
not yet offer its terms by date or attendance by month, so the two small reads in ``_terms_of`` and
``_monthly_attendance`` are made here, on aggregates only; they belong in ``college.selectors``.
"""

from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from careplans.selectors import months_of
from college import selectors as college_selectors
from recovery_portal.financial_year import FinancialYear

from ..spc import Better
from .context import FiguresContext
from .types import Figure, Section, Table, TableRow, people, people_figure, people_percent_series, things_of

COLUMNS = ("Runs", "Co-delivered runs", "Places taken", "Waiting", "Attendance", "Completion", "Students")


def _terms_of(year: FinancialYear) -> list[str]:
    from college.models import Term

    return list(
        Term.objects.filter(start_date__gte=year.start, start_date__lte=year.end)
        .order_by("start_date")
        .values_list("name", flat=True)
    )


def _monthly_attendance(year: FinancialYear) -> list[tuple[date, int, int]]:
    """(month, places present, places marked) on the registers of published runs, by session month."""
    from college.models import Attendance, EnrolmentStatus, RunStatus

    rows = (
        Attendance.objects.filter(
            session__starts_at__date__gte=year.start,
            session__starts_at__date__lte=year.end,
            session__run__status=RunStatus.PUBLISHED,
            enrolment__status=EnrolmentStatus.ENROLLED,
        )
        .annotate(month=TruncMonth("session__starts_at"))
        .values("month")
        .annotate(marked=Count("pk"), present=Count("pk", filter=Q(present=True)))
        .order_by()
    )
    by_month = {
        timezone.localtime(r["month"]).date().replace(day=1): (r["present"], r["marked"]) for r in rows
    }
    return [(month, *by_month.get(month, (0, 0))) for month in months_of(year)]


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def college_section(context: FiguresContext) -> Section:
    scope = context.scope
    if not scope.trust_level:
        return Section(
            "college",
            "Recovery College",
            note="The Recovery College serves the whole Trust: its figures are on the Trust's dashboard.",
            applies=False,
        )
    names = _terms_of(context.year)
    terms = [row for row in college_selectors.college_figures_by_term() if row.label in names]
    runs, co = sum(t.runs for t in terms), sum(t.co_delivered_runs for t in terms)
    marked, present = sum(t.attendances_marked for t in terms), sum(t.attendances_present for t in terms)
    finished, completed = sum(t.finished_enrolments for t in terms), sum(t.completed for t in terms)
    summary = (
        Figure("terms", "Terms starting in the year", str(len(terms))),
        Figure("runs", "Course runs", str(runs)),
        Figure("co_delivered", "Runs co-delivered (a peer trainer and another trainer)", things_of(co, runs)),
        people_figure("places", "Places taken", people(sum(t.enrolled for t in terms), scope)),
        Figure("attendance", "Attendance (places marked present on registers)", _percent(present, marked)),
        Figure("completion", "Completion (students on finished runs)", _percent(completed, finished)),
    )
    table = Table(
        "college-terms",
        "Recovery College by term",
        "Term",
        COLUMNS,
        tuple(
            TableRow(
                t.label,
                (
                    str(t.runs),
                    str(t.co_delivered_runs),
                    people(t.enrolled, scope),
                    people(t.waiting, scope),
                    _percent(t.attendances_present, t.attendances_marked),
                    _percent(t.completed, t.finished_enrolments),
                    people(t.students, scope),
                ),
            )
            for t in terms
        ),
        people_columns=frozenset({2, 3, 6}),
    )
    attendance = people_percent_series(
        "college-attendance",
        "Recovery College attendance each month",
        [(month, present, marked) for month, present, marked in _monthly_attendance(context.year)],
        scope,
        better=Better.HIGHER,
    )
    return Section(
        "college",
        "Recovery College",
        summary,
        (table,),
        (attendance,),
        note="Terms that start in the year; published runs only.",
    )
