"""The team performance report: the data pack a team brings to its away day, for one team and year.

It holds the same figures as the dashboard drilled down to the team (``evaluation.figures.figures_for``
with the team's scope): team aggregates only, every figure about people under disclosure control.
Sections have the annual report's shape and are rendered by the same template.
"""

from dataclasses import dataclass

from recovery_portal.financial_year import FinancialYear

from ..disclosure import SUPPRESSED
from ..figures import figures_for
from ..figures.types import TRUST_ONLY
from ..scope import TEAM, Scope
from .contents import from_figures
from .sections import DISCLOSURE_RULE, monthly_series


@dataclass(frozen=True)
class ReportSection:
    key: str
    title: str
    figures: dict

    @property
    def charts(self) -> list:
        return [monthly_series(series).chart() for series in self.figures.get("series", [])]


def team_performance_report(*, team, year: FinancialYear) -> list[ReportSection]:
    """The sections of ``team``'s performance report for ``year``: those with figures for one team, then
    how the figures are worked out."""
    figures = figures_for(scope=Scope(TEAM, team.pk, team.name, team.slug), year=year)
    sections = [
        ReportSection(section.key, section.title, from_figures(section))
        for section in figures.sections
        if section.applies
    ]
    notes = [DISCLOSURE_RULE, withheld_note(figures.sections)]
    method = {"summary": [], "tables": [], "series": [], "notes": notes}
    return [*sections, ReportSection("method", "How these figures are worked out", method)]


def withheld_in(sections) -> list[str]:
    """Each figure of the pack shown as withheld, named as the pack names it."""
    found = []
    for section in sections:
        if not section.applies:
            continue
        found += [
            f"{section.title}: {figure.label}"
            for figure in section.summary
            if figure.about_people and figure.value.startswith(SUPPRESSED)
        ]
        for table in section.tables:
            for row in table.rows:
                found += [
                    f"{section.title}: {table.caption}, {row.label}, {column}"
                    for i, (column, cell) in enumerate(zip(table.columns, row.cells, strict=True))
                    if table.is_people_column(i) and cell == SUPPRESSED
                ]
        found += [
            f"{section.title}: the chart of {s.title[0].lower()}{s.title[1:]}"
            for s in section.series
            if s.withheld and s.withheld != TRUST_ONLY
        ]
    return found


def withheld_note(sections) -> str:
    """Which figures of the pack are withheld and why, in words the team can read out at its away day."""
    found = withheld_in(sections)
    if not found:
        return f"No figure in this pack is withheld ({SUPPRESSED})."
    return (
        f"Withheld ({SUPPRESSED}) in this pack: {'; '.join(found)}. Each is either a count of 1 to 7 people (or "
        "a share, mean or chart worked out from so few, or from fewer than 8 people), or a larger count withheld "
        "so that a small one cannot be worked out by subtracting figures shown here, in another team's pack or "
        "on the dashboards. The pack does not say which of the two, because saying so would give the figure "
        "away. A monthly chart about people is drawn for a team only where every month of the team and the teams "
        "beside it has no one or at least 8 people, and where its months could not be used to work out a withheld "
        "figure on any page."
    )
