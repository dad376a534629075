"""The shapes figures come in: display values already under disclosure control, with their labels.

Pages, CSV exports and reports render these without deciding anything about disclosure themselves.
"""

from dataclasses import dataclass, field
from datetime import date

from recovery_portal.financial_year import FinancialYear

from .. import disclosure
from ..charts.spc import LimitChange, MonthlyValue, SpcChart, spc_chart
from ..scope import Scope
from ..spc import Better


@dataclass(frozen=True)
class Figure:
    key: str  # stable name, for tests and reports
    label: str
    value: str  # as published: "*", "35", "42%", "12 of 20"
    about_people: bool = False  # a count or share of people: under disclosure control below Trust level


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: tuple[str, ...]
    scope: Scope | None = None  # the unit the row is about, for a drill-down link


@dataclass(frozen=True)
class Table:
    key: str  # stable: the CSV download names the table by it
    caption: str
    first_column: str
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]
    people_columns: frozenset[int] = frozenset()  # indexes into ``columns`` of figures about people

    def is_people_column(self, index: int) -> bool:
        return index in self.people_columns

    @property
    def header(self) -> list[str]:
        return [self.first_column, *self.columns]

    def csv_rows(self) -> list[list[str]]:
        return [[row.label, *row.cells] for row in self.rows]


@dataclass(frozen=True)
class MonthlySeries:
    """A figure for each month of the year, for an XmR chart and its data table."""

    key: str
    title: str
    values: tuple[MonthlyValue, ...]
    better: Better = Better.NEITHER
    unit: str = ""  # "%" for percentages
    withheld: str = ""  # why there is no chart (small numbers below Trust level), or ""
    about_people: bool = True
    limit_changes: tuple[LimitChange, ...] = ()  # recorded by the evaluation team (SpcLimitChange)
    target: float | None = None  # a workstream goal's target, for the board summary's assurance

    def chart(self) -> SpcChart:
        return spc_chart(
            self.values,
            title=self.title,
            better=self.better,
            unit=self.unit,
            chart_id=f"spc-{self.key}",
            withheld=self.withheld,
            limit_changes=self.limit_changes,
        )

    def table(self, chart: SpcChart | None = None) -> Table:
        chart = chart or self.chart()
        rows = tuple(
            TableRow(row.month_label, (row.shown, row.special_cause_label, row.variation_label, row.reasons))
            for row in chart.rows
        )
        people_columns = frozenset({0}) if self.about_people else frozenset()
        return Table(
            self.key,
            self.title,
            "Month",
            ("Value", "Special cause", "Variation", "Why"),
            rows,
            people_columns,
        )


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    summary: tuple[Figure, ...] = ()
    tables: tuple[Table, ...] = ()
    series: tuple[MonthlySeries, ...] = ()
    note: str = ""  # what the figures cover, or why there are none for this scope
    applies: bool = True  # False when the section has no figures for this kind of scope

    def figure(self, key: str) -> Figure:
        return next(figure for figure in self.summary if figure.key == key)


@dataclass(frozen=True)
class Figures:
    scope: Scope
    year: FinancialYear
    workstreams: Section
    team_plans: Section
    personal_plans: Section
    college: Section
    measures: Section
    peer_support: Section
    children: tuple[Scope, ...] = field(default=())  # the units one level down, in order

    @property
    def sections(self) -> list[Section]:
        return [
            self.workstreams,
            self.team_plans,
            self.personal_plans,
            self.peer_support,
            self.college,
            self.measures,
        ]

    def tables(self) -> list[Table]:
        """Every table of every section, including each monthly series' data table."""
        found = []
        for section in self.sections:
            found.extend(section.tables)
            found.extend(series.table() for series in section.series)
        return found

    def table(self, key: str) -> Table | None:
        return next((table for table in self.tables() if table.key == key), None)


# Display helpers: every figure about people goes through these, so disclosure is decided in one place.


def people(n: int, scope: Scope) -> str:
    return disclosure.count(n, trust_level=scope.trust_level)


def people_percent(part: int, whole: int, scope: Scope) -> str:
    return disclosure.percent(part, whole, trust_level=scope.trust_level)


def people_with_percent(part: int, whole: int, scope: Scope) -> str:
    """ "12 (40%)": a count of people and its share, both under disclosure control."""
    shown = people(part, scope)
    share = people_percent(part, whole, scope)
    return shown if share in (disclosure.SUPPRESSED, disclosure.NOT_APPLICABLE) else f"{shown} ({share})"


def things_of(part: int, whole: int) -> str:
    """ "3 of 5 (60%)": counts of teams, runs or actions, which are not about people."""
    if not whole:
        return f"{part} of {whole}"
    return f"{part} of {whole} ({round(100 * part / whole)}%)"


# Monthly counts of people add up across months to the year's total and across units to the parent's, so a
# month published for a unit beside its parent's months and the year's totals could be worked out by
# subtraction whatever is suppressed cell by cell. Below Trust level a chart is published only where the
# whole Trust's publication allows it (``published.charted_units``, ADR 0022); personal plans agreed each
# month are published for the whole Trust only.
TRUST_ONLY = (
    "Not charted: monthly figures about people are published for the whole Trust only, so that no unit's "
    "month can be worked out from the Trust's months, other units' months or the year's totals."
)
NOT_CHARTED_HERE = (
    "Not charted: below the whole Trust, monthly figures about people are charted only where every month of "
    'this unit and the units beside it has no one or at least 8, and where no figure withheld as "*" on '
    "any dashboard could be worked out from them."
)
# Where the Trust's own year total is withheld (a "*" protecting a unit's), its months would add up to it.
TOTAL_WITHHELD = (
    "Not charted: the year's total is withheld so that a small figure cannot be worked out, and its months "
    "would add up to it."
)


def _not_charted(scope: Scope, charted: bool | None, total_withheld: bool) -> str:
    """Why a monthly series about people is not published for ``scope``, or "" when it is. ``charted``: the
    whole Trust's decision (``TrustPeople.charts``); None where the chart is published for the Trust only."""
    if charted is None:
        if not scope.trust_level:
            return TRUST_ONLY
        return TOTAL_WITHHELD if total_withheld else ""
    if charted:
        return ""
    return TOTAL_WITHHELD if scope.trust_level else NOT_CHARTED_HERE


def people_series(
    key: str,
    title: str,
    counts: list[tuple[date, int]],
    scope: Scope,
    *,
    better: Better = Better.NEITHER,
    part_month: date | None = None,
    total_withheld: bool = False,
    charted: bool | None = None,
) -> MonthlySeries:
    """Monthly counts of people: for the whole Trust, charted as they are; below Trust level, each month
    rounded as every count, where the Trust's publication charts this unit (``charted``; with None, never
    below Trust level: ``TRUST_ONLY``); never where the year's published total is withheld. A month with no
    one counted is a real 0. ``part_month``: the current month, not over yet."""
    reason = _not_charted(scope, charted, total_withheld)
    if reason:
        return MonthlySeries(key, title, (), better, "", reason, about_people=True)
    values = []
    for month, n in counts:
        value = n if scope.trust_level else disclosure.rounded(n)
        if value is None:  # never: a charted unit has no month of 1 to 7
            raise ValueError("A charted month of people cannot be withheld.")
        values.append(MonthlyValue(month, value, str(value), part=month == part_month))
    return MonthlySeries(key, title, tuple(values), better, "", "", about_people=True)


def people_percent_series(
    key: str,
    title: str,
    parts: list[tuple[date, int, int]],
    scope: Scope,
    *,
    better: Better = Better.NEITHER,
    part_month: date | None = None,
    total_withheld: bool = False,
    charted: bool | None = None,
) -> MonthlySeries:
    """Monthly percentages (month, part, whole); a month with nothing to divide by is a gap (no point, not
    0%). Published as ``people_series``; below Trust level each share is worked out from the rounded counts,
    and the point drawn is that share. ``part_month``: the current month, not over yet."""
    reason = _not_charted(scope, charted, total_withheld)
    if reason:
        return MonthlySeries(key, title, (), better, "%", reason, about_people=True)
    values = []
    for month, part, whole in parts:
        if scope.trust_level:
            shown_part, shown_whole = part, whole
        else:
            shown_part, shown_whole = disclosure.rounded(part), disclosure.rounded(whole)
            if shown_part is None or shown_whole is None:  # never: a charted unit has no month of 1 to 7
                raise ValueError("A charted month of people cannot be withheld.")
        value = 100 * shown_part / shown_whole if shown_whole else None
        values.append(
            MonthlyValue(
                month,
                None if value is None else round(value, 1),
                people_percent(part, whole, scope),
                part=month == part_month,
            )
        )
    return MonthlySeries(key, title, tuple(values), better, "%", "", about_people=True)


def people_figure(key: str, label: str, value: str) -> Figure:
    """A summary figure about people (already passed through ``people`` or ``people_percent``)."""
    return Figure(key, label, value, about_people=True)
