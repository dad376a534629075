"""The months a monthly (XmR) chart shows: the last 24 complete months, and the current month so far.

Making Data Count needs at least 13 points for process limits, so a chart runs past one financial year:
24 complete months ending with the last month of the chosen year, or with last month while that year is
still running; then the current month, drawn hollow as "month so far" and left out of the limits and
rules. A month after today is never shown.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from .financial_year import FinancialYear

CHART_MONTHS = 24


def _add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class ChartMonths:
    months: tuple[date, ...]  # first days, in order; the last is the part month when there is one
    part_month: date | None  # the current month, not yet over
    today: date

    @property
    def start(self) -> date:
        return self.months[0]

    @property
    def end(self) -> date:
        """The last day with figures: today in a part month, else the last day of the last month."""
        if self.part_month:
            return self.today
        last = self.months[-1]
        return last.replace(day=calendar.monthrange(last.year, last.month)[1])

    @property
    def complete_months(self) -> tuple[date, ...]:
        return tuple(month for month in self.months if month != self.part_month)


def chart_months(*, year: FinancialYear, today: date, count: int = CHART_MONTHS) -> ChartMonths:
    """``count`` complete months up to the end of ``year`` (or up to last month while the year runs,
    with the current month so far after them)."""
    this_month = today.replace(day=1)
    if year.end < this_month:
        last_complete, part = _add_months(year.end.replace(day=1), 0), None
    else:
        last_complete, part = _add_months(this_month, -1), this_month
    months = [_add_months(last_complete, -n) for n in range(count - 1, -1, -1)]
    if part:
        months.append(part)
    return ChartMonths(tuple(months), part, today)
