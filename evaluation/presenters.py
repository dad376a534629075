"""What the measures pages show, prepared so that templates hold no logic beyond loops and conditions."""

from django.utils.safestring import mark_safe

from .charts.trend import TrendPoint, trend_chart_svg
from .selectors import InstrumentTrend


def _score(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}" if value == int(value) else f"{value:.2f}".rstrip("0").rstrip(".")


def _signed(value: float) -> str:
    return f"+{_score(value)}" if value > 0 else _score(value)


def trend_card(trend: InstrumentTrend, *, whose: str) -> dict:
    """One instrument's chart, data table and change summary for a person's measures page.

    ``whose`` starts the chart's title: "Your" on the person's own page, "Dan Hughes's" for staff.
    """
    instrument = trend.instrument
    points = [
        TrendPoint(row.prom_return.completed_on, row.prom_return.total, row.marker) for row in trend.rows
    ]
    change = trend.change
    summary = f"{len(trend.rows)} return{'s' if len(trend.rows) != 1 else ''}"
    if change is not None:
        summary += (
            f"; first {_score(trend.first.total)} on {trend.first.completed_on:%-d %B %Y}, latest "
            f"{_score(trend.latest.total)} on {trend.latest.completed_on:%-d %B %Y}: change {_signed(change.change)}, "
            f"{change.label.lower()}"
        )
        if change.crossing_text:
            summary += f"; {change.crossing_text.lower()}"
    else:
        summary += f"; score {_score(trend.first.total)} on {trend.first.completed_on:%-d %B %Y}"
    svg = trend_chart_svg(
        points,
        chart_id=f"trend-{instrument.code.lower()}",
        title=f"{whose} {instrument.short_name} {instrument.score_label} over time",
        description=summary + ".",
        y_min=instrument.score_min,
        y_max=instrument.score_max,
        reliable_change=trend.thresholds.reliable_change,
        cut_off=trend.thresholds.cut_off,
        cut_off_label=trend.thresholds.range_label,
    )
    rows = [
        {
            "prom_return": row.prom_return,
            "score": _score(row.prom_return.total),
            "raw": _score(row.prom_return.raw) if instrument.code == "SWEMWBS" else "",
            "treatment": _score(row.prom_return.treatment_mean) if instrument.code == "DIALOG" else "",
            "change": _signed(row.change.change) if row.change else "",
            "change_label": row.change.label if row.change else "First return",
            "crossing": row.change.crossing_text if row.change else "",
        }
        for row in trend.rows
    ]
    return {
        "instrument": instrument,
        "svg": mark_safe(svg),  # noqa: S308 (numbers and escaped text only)
        "summary": summary,
        "rows": rows,
        "latest": _score(trend.latest.total),
        "change": change,
        "change_text": _signed(change.change) if change else "",
        "threshold": _score(trend.thresholds.reliable_change) if trend.thresholds.reliable_change else "",
        "risk_returns": trend.risk_returns,
    }


def score_text(value: float | None) -> str:
    return _score(value)
