"""The Recovery College: runs, co-delivery, places, attendance and completion for the terms that start in
the year, attendance month by month, students by type, Individual Learning Plan goals and the year's
RECOLLECT fidelity rating. The college serves the whole Trust, so the section is on the Trust's figures
only, and its figures are Trust-level.

Every read goes through ``college.selectors``; each is one grouped query, however many rows there are.
Counts of students and learning plans are about people and pass through the display helpers of
``types.py``, so that disclosure control stays in one place should the section ever be shown below Trust
level. The fidelity rating is the college's own, not about people: it is shown as it is.
"""

from college import selectors as college_selectors

from ..spc import Better
from .context import FiguresContext
from .types import (
    Figure,
    Section,
    Table,
    TableRow,
    people,
    people_figure,
    people_percent,
    people_percent_series,
    things_of,
)

COLUMNS = ("Runs", "Co-delivered runs", "Places taken", "Waiting", "Attendance", "Completion", "Students")
FIDELITY_MAXIMUM = 14  # seven RECOLLECT components, each scored 0 to 2
NOT_RATED = "Not rated"


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
    year = context.year
    names = college_selectors.terms_starting(start=year.start, end=year.end)
    terms = [row for row in college_selectors.college_figures_by_term() if row.label in names]
    by_type = college_selectors.students_by_type(start=year.start, end=year.end)
    plans = college_selectors.learning_plan_outcomes(start=year.start, end=year.end)
    fidelity = college_selectors.fidelity_rating_for(year=year.label)
    runs, co = sum(t.runs for t in terms), sum(t.co_delivered_runs for t in terms)
    marked, present = sum(t.attendances_marked for t in terms), sum(t.attendances_present for t in terms)
    finished, completed = sum(t.finished_enrolments for t in terms), sum(t.completed for t in terms)
    summary = (
        Figure("terms", "Terms starting in the year", str(len(terms))),
        Figure("runs", "Course runs", str(runs)),
        Figure("co_delivered", "Runs co-delivered (a peer trainer and another trainer)", things_of(co, runs)),
        people_figure("places", "Places taken", people(sum(t.enrolled for t in terms), scope)),
        # A student has one type, so the types add up to the students counted once each.
        people_figure(
            "students", "Students with a place or waiting", people(sum(n for _, n in by_type), scope)
        ),
        Figure("attendance", "Attendance (places marked present on registers)", _percent(present, marked)),
        Figure("completion", "Completion (students on finished runs)", _percent(completed, finished)),
        people_figure(
            "ilp_met",
            "ILP goals met or partly met (of learning plans reviewed)",
            people_percent(plans.met_or_partly, plans.reviewed, scope),
        ),
        Figure(
            "fidelity",
            "RECOLLECT fidelity self-rating",
            f"{fidelity.total} out of {FIDELITY_MAXIMUM}" if fidelity else NOT_RATED,
        ),
    )
    by_term = Table(
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
    students = Table(
        "college-students",
        "Recovery College students by type",
        "Student type",
        ("Students",),
        tuple(TableRow(label, (people(n, scope),)) for label, n in by_type),
        people_columns=frozenset({0}),
    )
    goals = Table(
        "college-learning-plans",
        "Individual Learning Plan goals",
        "Review at the end of term",
        ("Learning plans",),
        tuple(TableRow(label, (people(n, scope),)) for label, n in plans.rows),
        people_columns=frozenset({0}),
    )
    components = Table(
        "college-fidelity",
        f"RECOLLECT fidelity by component, {year.label}",
        "Component",
        ("Score (0 to 2)",),
        tuple(TableRow(label, (str(score),)) for label, score in fidelity.components) if fidelity else (),
    )
    months = context.chart_months
    by_month = {
        month: (p, m)
        for month, p, m in college_selectors.attendance_by_month(start=months.start, end=months.end)
    }
    attendance = people_percent_series(
        "college-attendance",
        "Recovery College attendance each month",
        [(month, *by_month.get(month, (0, 0))) for month in months.months],
        scope,
        better=Better.HIGHER,
        part_month=months.part_month,
    )
    return Section(
        "college",
        "Recovery College",
        summary,
        (by_term, students, goals, components),
        (attendance,),
        note=(
            "Terms that start in the year; published runs only. Students are those with a place, a place "
            "offered or waiting on those runs, each counted once. Individual Learning Plans (ILP) are those "
            "of the same terms. RECOLLECT fidelity is the college's own rating for the year."
        ),
    )
