"""The team performance report: the data pack a team brings to its away day, for one team and year.

It holds the same figures as the dashboard drilled down to the team (``evaluation.figures.figures_for``
with the team's scope): team aggregates only, every figure about people under disclosure control.
Sections have the annual report's shape and are rendered by the same template.
"""

from dataclasses import dataclass

from recovery_portal.financial_year import FinancialYear

from ..figures import figures_for
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
    method = {"summary": [], "tables": [], "series": [], "notes": [DISCLOSURE_RULE]}
    return [*sections, ReportSection("method", "How these figures are worked out", method)]
