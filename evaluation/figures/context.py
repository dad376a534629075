"""What every section of the figures is computed for: the scope, the year and the units within it."""

from dataclasses import dataclass
from datetime import date

from recovery_portal.chart_months import ChartMonths, chart_months
from recovery_portal.financial_year import FinancialYear

from ..scope import Scope
from .published import TrustPeople


@dataclass(frozen=True)
class FiguresContext:
    scope: Scope
    year: FinancialYear
    team_ids: list[int] | None  # None: every team (the Trust)
    team_slugs: dict[int, str]  # the teams of the scope
    children: tuple[tuple[Scope, tuple[int, ...]], ...]  # units one level down, with their team ids
    today: date
    people: TrustPeople  # every count of people, published for the whole Trust's units together

    @property
    def as_at(self) -> date:
        """The last day the figures look at: the end of the year, or today while it is still running."""
        return min(self.year.end, self.today)

    @property
    def year_running(self) -> bool:
        return self.today <= self.year.end

    @property
    def chart_months(self) -> ChartMonths:
        """The months the monthly charts show: the 24 complete months up to the end of the year (or up to
        last month while it runs) and the current month so far; never a month after today."""
        return chart_months(year=self.year, today=self.today)
