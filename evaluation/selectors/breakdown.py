"""Counts of returns per team for the rows of a dashboard breakdown (raw counts, not disclosed).

A breakdown row shows how many PROM returns its teams collected; it needs no pairing of first and
latest scores, which is the expensive part of ``measure_change_by_team``.
"""

from collections.abc import Collection

from django.db.models import Count

from recovery_portal.financial_year import FinancialYear

from ..models import MeasureKind, PromReturn


def prom_returns_by_team(*, year: FinancialYear, team_ids: Collection[int] | None = None) -> dict[int, int]:
    """PROM returns completed in ``year`` per team (None: every team), teams without any left out. The
    same returns as ``measure_change_by_team`` counts, summed over its measures (one query)."""
    returns = PromReturn.objects.filter(
        instrument__kind=MeasureKind.PROM, completed_on__gte=year.start, completed_on__lte=year.end
    )
    if team_ids is not None:
        returns = returns.filter(team_id__in=list(team_ids))
    return dict(returns.values("team_id").annotate(n=Count("id")).order_by().values_list("team_id", "n"))
