"""XmR (SPC) charts as inline SVG, with the data table that stands beside each chart.

Drawn here rather than by a plotting library (ADR 0015): the SVG is a few dozen elements, needs no
JavaScript, uses presentation attributes only (no ``style``, so the Content Security Policy holds), and
renders the same in the browser and in WeasyPrint PDFs.

Accessibility: the ``<svg>`` has ``role="img"``, a ``<title>`` and a ``<desc>`` that says in words what the
chart shows (mean, limits, the variation of the latest month and every special cause month). Special
cause points differ by shape as well as colour (square: improvement; diamond: concern; triangle: higher
or lower than expected, where neither direction is better), and a legend in the SVG names them. The
figures themselves are in the table beside the chart, which the screen reader reads instead of the dots.

Use::

    chart = spc_chart(series, title="PROM returns each month", better=Better.HIGHER)
    {% include "evaluation/includes/spc_chart.html" with chart=chart %}

``series`` holds ``MonthlyValue`` items (or ``(month, value)`` / ``(month, value, shown)`` tuples), in month
order. Pass values already under disclosure control where they are about people below Trust level, and
``withheld`` with a reason to show the table without a chart.

Making Data Count (ADR 0021): below 13 months with figures the chart shows the points and the mean only,
and says "Not enough months yet for process limits". The current month (``part=True``) is drawn hollow,
labelled "month so far" and left out of the limits and rules. A month with no figure (``None``) is a gap.
Limits are drawn within the measure's natural range (``natural_range``; 0 to 100 for percentages), both
of them, each period's own after a recorded change of limits (``limit_changes``), with its reason.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from math import floor, log10

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from ..spc import Better, Period, Variation, XmR, xmr

WIDTH, HEIGHT = 640, 360
LEFT, RIGHT, TOP = 60, 16, 22
PLOT_BOTTOM = 236  # bottom of the plotting area
FONT = "Frutiger W01, Arial, Helvetica, sans-serif"
TEXT = "#212b32"
SECONDARY = "#4c6272"
LINE = "#768692"
# Colours with at least 3:1 contrast on white (WCAG 1.4.11); the shape carries the meaning as well.
COLOURS = {
    Variation.COMMON_CAUSE: LINE,
    Variation.IMPROVEMENT: "#005eb8",
    Variation.CONCERN: "#b35900",
    Variation.HIGHER: "#330072",
    Variation.LOWER: "#330072",
}
SHAPE_NAMES = {
    Variation.COMMON_CAUSE: "circle",
    Variation.IMPROVEMENT: "square",
    Variation.CONCERN: "diamond",
    Variation.HIGHER: "triangle pointing up",
    Variation.LOWER: "triangle pointing down",
}
BETTER_WORDS = {Better.HIGHER: "Higher is better.", Better.LOWER: "Lower is better.", Better.NEITHER: ""}
NOT_ENOUGH_MONTHS = "Not enough months yet for process limits"
NO_VARIATION = "Every month has the same figure, so there is no variation to set process limits from"
MONTH_SO_FAR = "month so far"


@dataclass(frozen=True)
class MonthlyValue:
    month: date  # the first day of the month
    value: float | None  # the figure charted; None when there is none, or it is withheld
    shown: str | None = None  # the figure as the table writes it ("*", "85%"); defaults to ``value``
    part: bool = False  # the current month, not over yet


@dataclass(frozen=True)
class LimitChange:
    """Limits recalculated from ``month`` (a recorded change), worked out from its first
    ``baseline_months`` months (None: all of them)."""

    month: date
    reason: str
    baseline_months: int | None = None


@dataclass(frozen=True)
class SpcTableRow:
    month: date
    month_label: str  # "April 2025", or "December 2026 (month so far)"
    shown: str
    special_cause: bool
    special_cause_label: str  # "Yes", "No" or "Not judged yet"
    variation_label: str
    reasons: str  # why it is special cause, or ""


@dataclass(frozen=True)
class SpcChart:
    """What the include needs: the SVG (None when not charted), the description and the data table."""

    chart_id: str
    title: str
    unit: str
    better: Better
    rows: tuple[SpcTableRow, ...]
    analysis: XmR | None
    description: str
    svg: SafeString | None
    not_charted_reason: str = ""
    headers: tuple[str, str, str] = field(default=("Month", "Value", "Special cause"))
    summary: str = ""  # one sentence under the title: variation, mean and limits (or why there are none)
    limit_notes: tuple[str, ...] = ()  # each recorded change of limits, with its reason

    @property
    def variation_label(self) -> str:
        return self.analysis.variation.label if self.analysis and self.analysis.has_limits else ""


def _as_values(series: Iterable) -> list[MonthlyValue]:
    values = []
    for item in series:
        if isinstance(item, MonthlyValue):
            values.append(item)
        else:
            values.append(MonthlyValue(*item))
    return values


def _month_label(month: date) -> str:
    return month.strftime("%B %Y")


def format_value(value: float | None, unit: str = "") -> str:
    """A figure as the chart writes it: whole numbers plainly, others to one decimal place."""
    if value is None:
        return "–"
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return f"{text}%" if unit == "%" else text


def _clip(value: float, natural: tuple[float | None, float | None]) -> float:
    low, high = natural
    if low is not None:
        value = max(value, low)
    if high is not None:
        value = min(value, high)
    return value


def _shows_limits(period: Period) -> bool:
    return period.has_limits and bool(period.mean_moving_range)


def _limits_text(analysis: XmR, unit: str, natural) -> str:
    period = analysis.latest_period
    if not period.has_limits:
        return f"{NOT_ENOUGH_MONTHS} ({period.baseline_points} of {analysis.minimum_points} months)."
    if not period.mean_moving_range:
        return f"{NO_VARIATION}."
    lower, upper = _clip(period.lower_limit, natural), _clip(period.upper_limit, natural)
    return f"process limits {format_value(round(lower, 1), unit)} to {format_value(round(upper, 1), unit)}."


def _summary(analysis: XmR, unit: str, natural) -> str:
    mean = f"Mean {format_value(round(analysis.mean, 1), unit)}"
    if not _shows_limits(analysis.latest_period):
        return f"{mean}. {_limits_text(analysis, unit, natural)}"
    return f"{analysis.variation.label} in the latest month. {mean}, {_limits_text(analysis, unit, natural)}"


def _describe(title, values, analysis: XmR, unit, natural, notes) -> str:
    first, last = _month_label(values[0].month), _month_label(values[-1].month)
    parts = [f"{title}, {first} to {last}, as an XmR chart.", _summary(analysis, unit, natural)]
    parts.extend(notes)
    part = [v for v in values if v.part]
    if part:
        parts.append(
            f"{_month_label(part[0].month)} is the {MONTH_SO_FAR} "
            f"({part[0].shown if part[0].shown is not None else format_value(part[0].value, unit)}), "
            "left out of the limits and rules."
        )
    if _shows_limits(analysis.latest_period) or any(p.special_cause for p in analysis.points):
        special = [
            f"{_month_label(v.month)} ({', '.join(p.reasons)})"
            for v, p in zip(values, analysis.points, strict=True)
            if p.special_cause
        ]
        if special:
            parts.append("Special cause variation in " + "; ".join(special) + ".")
        else:
            parts.append("No month shows special cause variation.")
    if BETTER_WORDS[analysis.better]:
        parts.append(BETTER_WORDS[analysis.better])
    return " ".join(parts)


def _nice_step(span: float) -> float:
    raw = span / 4 if span > 0 else 1
    magnitude = 10 ** floor(log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _marker(variation: Variation, x: float, y: float) -> str:
    colour = COLOURS[variation]
    if variation is Variation.COMMON_CAUSE:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'
    if variation is Variation.IMPROVEMENT:
        return f'<rect x="{x - 5.5:.1f}" y="{y - 5.5:.1f}" width="11" height="11" fill="{colour}"/>'
    if variation is Variation.CONCERN:
        points = f"{x:.1f},{y - 7:.1f} {x + 7:.1f},{y:.1f} {x:.1f},{y + 7:.1f} {x - 7:.1f},{y:.1f}"
    elif variation is Variation.HIGHER:
        points = f"{x:.1f},{y - 7:.1f} {x + 6.5:.1f},{y + 5:.1f} {x - 6.5:.1f},{y + 5:.1f}"
    else:
        points = f"{x:.1f},{y + 7:.1f} {x + 6.5:.1f},{y - 5:.1f} {x - 6.5:.1f},{y - 5:.1f}"
    return f'<polygon points="{points}" fill="{colour}"/>'


def _hollow(x: float, y: float) -> str:
    return (
        f'<circle class="app-spc-chart__part-month" cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="#ffffff" '
        f'stroke="{TEXT}" stroke-width="2"/>'
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 12, fill: str = TEXT) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" fill="{fill}" '
        f'text-anchor="{anchor}">{escape(text)}</text>'
    )


def _axis(analysis: XmR, values, unit, natural):
    figures = [v.value for v in values if v.value is not None]
    levels = [*figures, analysis.mean]
    for period in analysis.periods:
        if _shows_limits(period):
            levels += [_clip(period.lower_limit, natural), _clip(period.upper_limit, natural)]
    low, high = min(levels), max(levels)
    if high - low == 0:  # every figure the same (all zero, say): an axis from the figure upwards
        high = low + max(abs(low), 1)
    step = _nice_step(high - low)
    if all(float(f).is_integer() for f in figures) and unit != "%":
        step = max(step, 1)  # whole counts: no ticks at 0.25
    axis_low, axis_high = floor(low / step) * step, (floor(high / step) + 1) * step
    if natural[0] is not None:
        axis_low = max(axis_low, natural[0])
    if natural[1] is not None:
        axis_high = min(axis_high, natural[1])
    return axis_low, max(axis_high, axis_low + step), step


def _draw(chart_id, title, description, values, analysis: XmR, unit, natural, changes):
    plot_width = WIDTH - LEFT - RIGHT
    axis_low, axis_high, step = _axis(analysis, values, unit, natural)

    def y_of(value: float) -> float:
        return PLOT_BOTTOM - (value - axis_low) / (axis_high - axis_low) * (PLOT_BOTTOM - TOP)

    def x_of(index: float) -> float:
        return LEFT + (index + 0.5) * plot_width / len(values)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="app-spc-chart__svg" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        '<g aria-hidden="true">',
    ]
    tick = axis_low
    while tick <= axis_high + step / 1000:
        y = y_of(tick)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#e8edee"/>')
        out.append(_text(LEFT - 6, y + 4, format_value(round(tick, 2), unit), anchor="end", size=11))
        tick += step
    out.append(
        f'<line x1="{LEFT}" y1="{PLOT_BOTTOM}" x2="{WIDTH - RIGHT}" y2="{PLOT_BOTTOM}" stroke="{SECONDARY}"/>'
    )
    for index, value in enumerate(values):
        out.append(_text(x_of(index), PLOT_BOTTOM + 14, value.month.strftime("%b"), anchor="middle", size=9))
        # The year under each January, and under the first month unless a January follows too closely.
        if value.month.month == 1 or (index == 0 and value.month.month <= 10):
            out.append(
                _text(x_of(index), PLOT_BOTTOM + 27, value.month.strftime("%Y"), anchor="middle", size=10)
            )

    # Each period's mean solid and process limits dashed, as Making Data Count draws them; limits within
    # the measure's natural range, both of them.
    for period in analysis.periods:
        x1, x2 = x_of(period.start - 0.5), x_of(period.end - 0.5)
        levels = [(period.mean, "")]
        if _shows_limits(period):
            levels += [
                (_clip(period.upper_limit, natural), "6 4"),
                (_clip(period.lower_limit, natural), "6 4"),
            ]
        for level, dash in levels:
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            kind = "limit" if dash else "mean"
            out.append(
                f'<line class="app-spc-chart__{kind}" x1="{x1:.1f}" y1="{y_of(level):.1f}" x2="{x2:.1f}" '
                f'y2="{y_of(level):.1f}" stroke="{TEXT}" stroke-width="1.5"{dashes}/>'
            )
    for change in changes:
        index = next((i for i, v in enumerate(values) if v.month >= change.month), None)
        if index:
            x = x_of(index - 0.5)
            out.append(
                f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{PLOT_BOTTOM}" stroke="{SECONDARY}" '
                f'stroke-dasharray="2 3"/>'
            )
            out.append(_text(x + 3, TOP - 6, "Limits recalculated", size=10, fill=SECONDARY))

    # The line joins complete months with figures; a month without one leaves a gap.
    segment: list[str] = []
    for index, point in enumerate([*analysis.points, None]):
        if point is not None and point.value is not None:
            segment.append(f"{x_of(index):.1f},{y_of(point.value):.1f}")
            continue
        if len(segment) > 1:
            out.append(
                f'<polyline points="{" ".join(segment)}" fill="none" stroke="{LINE}" stroke-width="2"/>'
            )
        segment = []
    for index, (value, point) in enumerate(zip(values, analysis.points, strict=True)):
        if value.part and value.value is not None:
            out.append(_hollow(x_of(index), y_of(value.value)))
            out.append(_text(x_of(index), y_of(value.value) - 9, MONTH_SO_FAR, anchor="end", size=10))
        elif point.value is not None:
            out.append(_marker(point.variation, x_of(index), y_of(point.value)))

    # Legend: line styles and the markers this chart can use.
    legend_y = PLOT_BOTTOM + 50
    out.append(
        f'<line x1="{LEFT}" y1="{legend_y - 4}" x2="{LEFT + 24}" y2="{legend_y - 4}" stroke="{TEXT}" stroke-width="1.5"/>'
    )
    out.append(_text(LEFT + 30, legend_y, "Mean", size=11))
    if any(_shows_limits(period) for period in analysis.periods):
        out.append(
            f'<line x1="{LEFT + 80}" y1="{legend_y - 4}" x2="{LEFT + 104}" y2="{legend_y - 4}" stroke="{TEXT}" '
            f'stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
        out.append(_text(LEFT + 110, legend_y, "Process limits", size=11))
        if analysis.better is Better.NEITHER:
            kinds = [
                (Variation.COMMON_CAUSE, "Common cause"),
                (Variation.HIGHER, "Higher"),
                (Variation.LOWER, "Lower"),
            ]
        else:
            kinds = [
                (Variation.COMMON_CAUSE, "Common cause"),
                (Variation.IMPROVEMENT, "Improvement"),
                (Variation.CONCERN, "Concern"),
            ]
        x = LEFT + 220
        for variation, label in kinds:
            out.append(_marker(variation, x, legend_y - 4))
            out.append(_text(x + 10, legend_y, label, size=11))
            x += 24 + 7 * len(label)
    else:
        out.append(
            _text(
                LEFT + 80, legend_y, NOT_ENOUGH_MONTHS if not analysis.has_limits else NO_VARIATION, size=11
            )
        )
    if any(v.part for v in values):
        out.append(_hollow(LEFT + 4, legend_y + 16))
        out.append(_text(LEFT + 14, legend_y + 20, "Month so far: not judged", size=11))
    out.append("</g></svg>")
    return mark_safe("".join(out))  # noqa: S308 (every piece of text went through escape())


def _natural_range(values, unit, natural):
    if natural is not None:
        return natural
    if unit == "%":
        return (0.0, 100.0)
    figures = [v.value for v in values if v.value is not None]
    return (0.0, None) if figures and min(figures) >= 0 else (None, None)


def _periods(values, changes):
    """Where each recorded change starts a period (indexes), and each period's baseline months."""
    rebase, baselines = [], [None]
    for change in sorted(changes, key=lambda c: c.month):
        index = next((i for i, v in enumerate(values) if v.month >= change.month), None)
        if index is None:
            continue
        if index == 0:
            baselines[0] = change.baseline_months
        else:
            rebase.append(index)
            baselines.append(change.baseline_months)
    return rebase, baselines


def _limit_notes(values, changes) -> tuple[str, ...]:
    notes = []
    for change in sorted(changes, key=lambda c: c.month):
        if not values or change.month > values[-1].month:
            continue
        fixed = f", fixed on its first {change.baseline_months} months" if change.baseline_months else ""
        notes.append(f"Limits recalculated from {_month_label(change.month)}{fixed}: {change.reason}")
    return tuple(notes)


def spc_chart(
    series: Iterable,
    *,
    title: str,
    better: Better = Better.NEITHER,
    unit: str = "",
    chart_id: str | None = None,
    withheld: str = "",
    limit_changes: Sequence[LimitChange] = (),
    natural_range: tuple[float | None, float | None] | None = None,
) -> SpcChart:
    """The chart and its data table for ``series``. ``withheld`` (a reason) shows the table only."""
    values = _as_values(series)
    chart_id = chart_id or f"spc-{slugify(title)}"
    natural = _natural_range(values, unit, natural_range)
    rebase, baselines = _periods(values, limit_changes)
    judged = [None if v.part else v.value for v in values]
    analysis = None if withheld else xmr(judged, better=better, rebase=rebase, baseline=baselines)
    points = analysis.points if analysis else [None] * len(values)
    rows = []
    for value, point in zip(values, points, strict=True):
        special = bool(point and point.special_cause)
        label = _month_label(value.month) + (f" ({MONTH_SO_FAR})" if value.part else "")
        rows.append(
            SpcTableRow(
                month=value.month,
                month_label=label,
                shown=value.shown if value.shown is not None else format_value(value.value, unit),
                special_cause=special,
                special_cause_label="Not judged yet" if value.part else ("Yes" if special else "No"),
                variation_label=point.variation.label if special else "",
                reasons=", ".join(point.reasons) if special else "",
            )
        )
    notes = _limit_notes(values, limit_changes)
    if analysis is None:
        reason = withheld or "Fewer than two months have a figure, so there is nothing to chart yet."
        return SpcChart(
            chart_id, title, unit, better, tuple(rows), None, reason, None, not_charted_reason=reason
        )
    description = _describe(title, values, analysis, unit, natural, notes)
    svg = _draw(chart_id, title, description, values, analysis, unit, natural, limit_changes)
    return SpcChart(
        chart_id,
        title,
        unit,
        better,
        tuple(rows),
        analysis,
        description,
        svg,
        summary=_summary(analysis, unit, natural),
        limit_notes=notes,
    )


def spc_chart_svg(
    series: Iterable,
    *,
    title: str,
    better: Better = Better.NEITHER,
    unit: str = "",
    chart_id: str | None = None,
) -> str:
    """Only the SVG of ``spc_chart`` ("" when there is nothing to chart)."""
    return spc_chart(series, title=title, better=better, unit=unit, chart_id=chart_id).svg or ""
