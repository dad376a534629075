"""Personal plans: how many people on the caseloads have agreed plans, and reviews in date."""

from careplans import selectors as plan_selectors

from ..spc import Better
from .context import FiguresContext
from .types import (
    Section,
    Table,
    TableRow,
    people,
    people_figure,
    people_percent,
    people_series,
    people_with_percent,
)

COLUMNS = (
    "People on caseloads",
    "With an agreed recovery and wellbeing plan",
    "With an agreed crisis plan",
    "With an agreed safety plan",
    "Agreed plans reviewed in date",
)


def _cells(m, scope) -> tuple[str, ...]:
    return (
        people(m.people, scope),
        people_percent(m.with_agreed_recovery_plan, m.people, scope),
        people_percent(m.with_agreed_crisis_plan, m.people, scope),
        people_percent(m.with_agreed_safety_plan, m.people, scope),
        people_percent(m.reviewed_in_date, m.agreed_plans, scope),
    )


def personal_plans_section(context: FiguresContext) -> Section:
    scope, year = context.scope, context.year
    empty = plan_selectors.PlanMeasures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    # The whole scope and each unit one level down, in one query.
    measures = plan_selectors.plan_measures_grouped(
        year=year,
        team_ids=context.team_ids,
        by=scope.child_kind if context.children else None,
        today=context.today,
    )
    m = measures.get(None, empty)
    summary = (
        people_figure("people", "People on caseloads in the year", people(m.people, scope)),
        people_figure(
            "recovery",
            "With an agreed recovery and wellbeing plan",
            people_with_percent(m.with_agreed_recovery_plan, m.people, scope),
        ),
        people_figure(
            "crisis",
            "With an agreed crisis plan",
            people_with_percent(m.with_agreed_crisis_plan, m.people, scope),
        ),
        people_figure(
            "safety",
            "With an agreed safety plan",
            people_with_percent(m.with_agreed_safety_plan, m.people, scope),
        ),
        people_figure(
            "in_date",
            "Agreed plans reviewed in date",
            people_with_percent(m.reviewed_in_date, m.agreed_plans, scope),
        ),
        people_figure(
            "own_words",
            "Plans with the person's own words",
            people_percent(m.plans_in_own_words, m.plans, scope),
        ),
    )
    tables = []
    if context.children:
        rows = tuple(
            # Each row is one unit below Trust level: always under disclosure control.
            TableRow(child.label, _cells(measures.get(child.pk, empty), child), child)
            for child, _ in context.children
        )
        tables.append(
            Table(
                "personal-plans",
                f"Personal plans by {scope.child_kind.replace('_', ' ')}",
                scope.child_kind.replace("_", " ").capitalize(),
                COLUMNS,
                rows,
                people_columns=frozenset(range(len(COLUMNS))),
            )
        )
    months = context.chart_months
    agreed = plan_selectors.monthly_plans_agreed(months=months, team_ids=context.team_ids)
    series = (
        people_series(
            "plans-agreed",
            "Plans agreed each month",
            agreed,
            scope,
            better=Better.HIGHER,
            part_month=months.part_month,
        ),
    )
    return Section(
        "personal_plans",
        "Personal plans",
        summary,
        tuple(tables),
        series,
        note=(
            "People on a caseload at any time in the year. A plan counts as agreed when agreed by the end of the "
            "year (or today); reviewed in date when its review date had not passed by then."
        ),
    )
