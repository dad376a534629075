"""Reads of recorded SPC limit changes: those of a scope, for its charts, and when a measure's figures
begin (a change of limits before then has nothing to change)."""

from datetime import date

from django.db.models import Min

from ..charts.spc import LimitChange
from ..models import MeasureKind, PremReturn, PromReturn, SpcLimitChange, SpcMeasure
from ..scope import Scope


def limit_changes_for(*, scope: Scope) -> dict[str, tuple[LimitChange, ...]]:
    """Each measure's recorded limit changes for ``scope``, in month order (one query)."""
    found: dict[str, list[LimitChange]] = {}
    rows = SpcLimitChange.objects.filter(unit_kind=scope.kind, unit_slug=scope.slug if scope.pk else "")
    for row in rows.order_by("starts"):
        found.setdefault(row.measure, []).append(
            LimitChange(row.starts.replace(day=1), row.reason, row.baseline_months)
        )
    return {measure: tuple(changes) for measure, changes in found.items()}


def first_month_with_figures(*, measure: str, team_ids: list[int] | None) -> date | None:
    """The first month the measure has a figure in, for the teams (None: every team); None when none."""
    from careplans.selectors import first_plan_agreed_on
    from college.selectors import first_register_marked_on

    if measure == SpcMeasure.PLANS_AGREED:
        first = first_plan_agreed_on(team_ids=team_ids)
    elif measure == SpcMeasure.COLLEGE_ATTENDANCE:
        first = first_register_marked_on()
    else:
        returns = (
            PromReturn.objects.filter(instrument__kind=MeasureKind.PROM)
            if measure == SpcMeasure.PROM_RETURNS
            else PremReturn.objects.all()
        )
        if team_ids is not None:
            returns = returns.filter(team_id__in=team_ids)
        first = returns.aggregate(first=Min("completed_on"))["first"]
    return first.replace(day=1) if first else None
