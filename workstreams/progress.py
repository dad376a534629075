"""A goal's measured progress as its page and the board summary show it: the months from its first
measurement to its latest (a gap where a month has none), the XmR analysis, the assurance against its
target, and the RAG rating that follows from assurance unless the leads set their own (ADR 0023)."""

from dataclasses import dataclass
from datetime import date

from django.utils.safestring import SafeString

from recovery_portal import mdc_icons as summary
from recovery_portal.ratings import RAG
from recovery_portal.spc import Better, xmr

# Assurance decides the rating: passing green, hit and miss amber, failing red; no assurance, no rating.
RAG_FROM_ASSURANCE = {
    summary.AssuranceIcon.PASSING: RAG.GREEN,
    summary.AssuranceIcon.HIT_AND_MISS: RAG.AMBER,
    summary.AssuranceIcon.FAILING: RAG.RED,
}


def months_between(first: date, last: date) -> list[date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = (
            month.replace(year=month.year + 1, month=1)
            if month.month == 12
            else month.replace(month=month.month + 1)
        )
    return months


@dataclass(frozen=True)
class GoalProgress:
    months: tuple[date, ...]
    values: tuple[float | None, ...]
    better: Better
    target: float | None
    variation: summary.VariationIcon
    assurance: summary.AssuranceIcon
    assurance_text: str
    assurance_svg: SafeString
    variation_svg: SafeString
    rag: str  # as it stands: the leads' override, else assurance's ("" when neither)
    rag_from_assurance: str
    overridden: bool
    chart_svg: SafeString | None
    mean: float | None


def monthly_values(measurements) -> tuple[list[date], list[float | None]]:
    by_month = {m.month: float(m.value) for m in measurements}
    if not by_month:
        return [], []
    months = months_between(min(by_month), max(by_month))
    return months, [by_month.get(month) for month in months]


def goal_progress(goal, measurements) -> GoalProgress:
    """``measurements``: the goal's, in any order (already read: no query here)."""
    months, values = monthly_values(measurements)
    better = Better.HIGHER if goal.better_higher else Better.LOWER
    target = float(goal.target) if goal.target is not None else None
    present = sum(v is not None for v in values)
    analysis = xmr(values, better=better) if present >= 2 else None
    variation = (
        summary.variation_icon(values, analysis, better=better) if values else summary.VariationIcon.NONE
    )
    assurance = summary.assurance_icon(values, analysis, better=better, target=target)
    if target is None:
        text = "No assurance: the goal has no target"
    elif assurance is summary.AssuranceIcon.NONE:
        text = f"No assurance yet: {present} of the 13 months with a measurement it needs"
    else:
        text = assurance.label
    from_assurance = RAG_FROM_ASSURANCE.get(assurance, "")
    chart = None
    if present >= 2:
        label = (
            f"{goal.title}: run chart of {present} measurements, {months[0]:%B %Y} to {months[-1]:%B %Y}"
            + (f", target {target:g}" if target is not None else "")
        )
        chart = summary.sparkline_svg(
            values,
            label=label,
            target=target,
            mean=getattr(analysis, "mean", None),
            width=600,
            height=220,
            css_class="app-goal-run-chart",
        )
    return GoalProgress(
        months=tuple(months),
        values=tuple(values),
        better=better,
        target=target,
        variation=variation,
        assurance=assurance,
        assurance_text=text,
        assurance_svg=summary.assurance_svg(assurance, text),
        variation_svg=summary.variation_svg(variation),
        rag=goal.rag_override or from_assurance,
        rag_from_assurance=from_assurance,
        overridden=bool(goal.rag_override),
        chart_svg=chart,
        mean=getattr(analysis, "mean", None),
    )
