"""The seven workstreams: their open actions by RAG rating and overdue actions (counts of actions, not
people). Workstreams are Trust-wide, so the section is on the Trust's figures only."""

from workstreams import selectors as workstream_selectors

from ..charts.spc import MonthlyValue
from ..spc import Better
from .context import FiguresContext
from .types import Figure, MonthlySeries, Section, Table, TableRow

COLUMNS = ("Red", "Amber", "Green", "Not rated", "Overdue")


def _rows(context: FiguresContext) -> list[tuple[str, tuple[int, ...]]]:
    if context.year_running:
        # This year: the actions as they stand today.
        return [
            (
                w.name,
                (w.actions_red, w.actions_amber, w.actions_green, w.actions_not_rated, w.actions_overdue),
            )
            for w in workstream_selectors.workstream_list_with_rag_summary(on=context.today)
        ]
    # A past year: the open actions at its end, by the rating of their latest update by then.
    names = {w.slug: w.name for w in workstream_selectors.workstream_list()}
    return [
        (
            names.get(f.workstream, f.workstream),
            (
                f.rag_at_year_end["red"],
                f.rag_at_year_end["amber"],
                f.rag_at_year_end["green"],
                f.rag_at_year_end["not_rated"],
                f.actions_overdue,
            ),
        )
        for f in workstream_selectors.workstream_annual_figures_all(year=context.year.start_year)
    ]


def _goal_series(context: FiguresContext) -> tuple[MonthlySeries, ...]:
    """Each goal with measurements, month by month up to the figures' date (one query for all goals).
    A goal's figures are counts or shares of teams, services or actions, not of people."""
    series = []
    for goal, measured in workstream_selectors.goals_with_measurements():
        measurements = [m for m in measured if m.month <= context.as_at]
        months, values = workstream_selectors.goal_monthly_values(measurements)
        if not months:
            continue
        unit = "%" if goal.unit_is_percent else ""
        series.append(
            MonthlySeries(
                f"goal-{goal.pk}",
                goal.title,
                tuple(MonthlyValue(month, value) for month, value in zip(months, values, strict=True)),
                Better.HIGHER if goal.better_higher else Better.LOWER,
                unit,
                about_people=False,
                target=None if goal.target is None else float(goal.target),
            )
        )
    return tuple(series)


def workstreams_section(context: FiguresContext) -> Section:
    if not context.scope.trust_level:
        return Section(
            "workstreams",
            "Workstreams",
            note="Workstreams are Trust-wide: their actions are on the Trust's dashboard.",
            applies=False,
        )
    rows = _rows(context)
    totals = [sum(counts[i] for _, counts in rows) for i in range(len(COLUMNS))]
    summary = tuple(
        Figure(key, label, str(total))
        for (key, label), total in zip(
            [
                ("red", "Open actions rated red"),
                ("amber", "Open actions rated amber"),
                ("green", "Open actions rated green"),
                ("not_rated", "Open actions not yet rated"),
                ("overdue", "Overdue actions"),
            ],
            totals,
            strict=True,
        )
    )
    table = Table(
        "workstreams",
        "Open workstream actions by RAG rating",
        "Workstream",
        COLUMNS,
        tuple(TableRow(name, tuple(str(n) for n in counts)) for name, counts in rows),
    )
    when = "today" if context.year_running else f"at the end of {context.year.label}"
    return Section(
        "workstreams",
        "Workstreams",
        summary,
        (table,),
        _goal_series(context),
        note=f"Open actions {when}; overdue actions are open and past their due date, whatever their rating.",
    )
