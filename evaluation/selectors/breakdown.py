"""Counts of returns per team for the rows of a dashboard breakdown (raw counts, not disclosed).

A breakdown row shows how many PROM returns its teams collected; it needs no pairing of first and
latest scores, which is the expensive part of ``measure_change_by_team``.
"""

from collections.abc import Collection
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from recovery_portal.chart_months import ChartMonths
from recovery_portal.financial_year import FinancialYear

from ..models import MeasureKind, OptionCategory, PremReturn, PromReturn


def prom_returns_by_team(*, year: FinancialYear, team_ids: Collection[int] | None = None) -> dict[int, int]:
    """PROM returns completed in ``year`` per team (None: every team), teams without any left out. The
    same returns as ``measure_change_by_team`` counts, summed over its measures (one query)."""
    returns = PromReturn.objects.filter(
        instrument__kind=MeasureKind.PROM, completed_on__gte=year.start, completed_on__lte=year.end
    )
    if team_ids is not None:
        returns = returns.filter(team_id__in=list(team_ids))
    return dict(returns.values("team_id").annotate(n=Count("id")).order_by().values_list("team_id", "n"))


def _by_team_and_month(queryset, months: ChartMonths, **counts) -> dict[int, dict[date, dict]]:
    queryset = queryset.filter(completed_on__gte=months.start, completed_on__lte=months.end)
    rows = queryset.annotate(month=TruncMonth("completed_on")).values("team_id", "month").annotate(**counts)
    found: dict[int, dict[date, dict]] = {}
    for row in rows.order_by():
        month = row["month"].date() if hasattr(row["month"], "hour") else row["month"]
        found.setdefault(row["team_id"], {})[month] = row
    return found


def monthly_returns_by_team(*, months: ChartMonths) -> dict[int, tuple[int, ...]]:
    """PROM returns completed in each of the chart's ``months`` per team, teams without any left out; zeros
    for months without a return (one query). Raw counts: they decide which units' charts are published."""
    found = _by_team_and_month(
        PromReturn.objects.filter(instrument__kind=MeasureKind.PROM), months, n=Count("id")
    )
    return {
        team: tuple(by_month.get(month, {}).get("n", 0) for month in months.months)
        for team, by_month in found.items()
    }


def monthly_fft_by_team(*, months: ChartMonths) -> dict[int, tuple[tuple[int, int], ...]]:
    """(responses, very good or good responses) in each of the chart's ``months`` per team, teams without
    any left out (one query)."""
    found = _by_team_and_month(
        PremReturn.objects.all(),
        months,
        n=Count("id"),
        positive=Count("id", filter=Q(category=OptionCategory.POSITIVE)),
    )
    return {
        team: tuple(
            (by_month.get(month, {}).get("n", 0), by_month.get(month, {}).get("positive", 0))
            for month in months.months
        )
        for team, by_month in found.items()
    }
