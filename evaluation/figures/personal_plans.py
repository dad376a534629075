"""Personal plans: how many people on the caseloads have agreed plans, and reviews in date."""

from careplans import selectors as plan_selectors

from ..disclosure import percent_of
from ..spc import Better
from .context import FiguresContext
from .published import PLAN_COUNTS, with_percent
from .types import Section, Table, TableRow, people_figure, people_series

COLUMNS = (
    "People on caseloads",
    "With an agreed recovery and wellbeing plan",
    "With an agreed crisis plan",
    "With an agreed safety plan",
    "Agreed plans reviewed in date",
)


def _cells(shown, unit) -> tuple[str, ...]:
    people_of = shown["people"].of(unit)
    return (
        people_of.text,
        percent_of(shown["with_agreed_recovery_plan"].of(unit), people_of),
        percent_of(shown["with_agreed_crisis_plan"].of(unit), people_of),
        percent_of(shown["with_agreed_safety_plan"].of(unit), people_of),
        percent_of(shown["reviewed_in_date"].of(unit), shown["agreed_plans"].of(unit)),
    )


def personal_plans_section(context: FiguresContext) -> Section:
    scope = context.scope
    # Published for every unit of the Trust together, so that no page's figures undo another's by subtraction.
    shown = {name: context.people[name] for name in PLAN_COUNTS}

    def of(name):
        return shown[name].of(scope)

    summary = (
        people_figure("people", "People on caseloads in the year", of("people").text),
        people_figure(
            "recovery",
            "With an agreed recovery and wellbeing plan",
            with_percent(of("with_agreed_recovery_plan"), of("people")),
        ),
        people_figure(
            "crisis", "With an agreed crisis plan", with_percent(of("with_agreed_crisis_plan"), of("people"))
        ),
        people_figure(
            "safety", "With an agreed safety plan", with_percent(of("with_agreed_safety_plan"), of("people"))
        ),
        people_figure(
            "in_date",
            "Agreed plans reviewed in date",
            with_percent(of("reviewed_in_date"), of("agreed_plans")),
        ),
        people_figure(
            "own_words",
            "Plans with the person's own words",
            percent_of(of("plans_in_own_words"), of("plans")),
        ),
    )
    tables = []
    if context.children:
        rows = tuple(TableRow(child.label, _cells(shown, child), child) for child, _ in context.children)
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
            charted=context.people.charts("plans-agreed", scope),
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
