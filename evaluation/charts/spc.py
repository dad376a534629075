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
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from math import floor, log10

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from ..spc import Better, Variation, XmR, xmr

WIDTH, HEIGHT = 640, 330
LEFT, RIGHT, TOP = 60, 16, 16
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


@dataclass(frozen=True)
class MonthlyValue:
    month: date  # the first day of the month
    value: float | None  # the figure charted; None when there is none, or it is withheld
    shown: str | None = None  # the figure as the table writes it ("*", "85%"); defaults to ``value``


@dataclass(frozen=True)
class SpcTableRow:
    month: date
    month_label: str  # "April 2025"
    shown: str
    special_cause: bool
    special_cause_label: str  # "Yes" or "No"
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

    @property
    def variation_label(self) -> str:
        return self.analysis.variation.label if self.analysis else ""


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


def _describe(title: str, values: Sequence[MonthlyValue], analysis: XmR, unit: str) -> str:
    first, last = _month_label(values[0].month), _month_label(values[-1].month)
    parts = [
        f"{title}, {first} to {last}, as an XmR chart.",
        f"Mean {format_value(round(analysis.mean, 1), unit)};",
        f"process limits {format_value(round(analysis.lower_limit, 1), unit)} to "
        f"{format_value(round(analysis.upper_limit, 1), unit)}.",
    ]
    latest = [(v, p) for v, p in zip(values, analysis.points, strict=True) if p.value is not None][-1]
    parts.append(f"Latest month, {_month_label(latest[0].month)}: {analysis.variation.label.lower()}.")
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


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 12, fill: str = TEXT) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" fill="{fill}" '
        f'text-anchor="{anchor}">{escape(text)}</text>'
    )


def _draw(
    chart_id: str, title: str, description: str, values: Sequence[MonthlyValue], analysis: XmR, unit: str
):
    plot_width = WIDTH - LEFT - RIGHT
    figures = [p.value for p in analysis.points if p.value is not None]
    low = min([*figures, analysis.lower_limit, analysis.mean])
    high = max([*figures, analysis.upper_limit, analysis.mean])
    if min(figures) >= 0:  # counts and percentages: no axis below zero, even where a limit would be
        low = max(low, 0.0)
    if unit == "%":
        high = min(high, 100.0)
    step = _nice_step(high - low)
    axis_low, axis_high = floor(low / step) * step, (floor(high / step) + 1) * step
    if high - low == 0:
        axis_low, axis_high = low - step, high + step

    def y_of(value: float) -> float:
        return PLOT_BOTTOM - (value - axis_low) / (axis_high - axis_low) * (PLOT_BOTTOM - TOP)

    def x_of(index: int) -> float:
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
        label = value.month.strftime("%b")
        if index == 0 or value.month.month == 1:
            label += value.month.strftime(" %y").replace(" ", " ’")
        out.append(_text(x_of(index), PLOT_BOTTOM + 16, label, anchor="middle", size=11))

    # Process limits dashed, the mean solid, as Making Data Count draws them.
    for level, dash in ((analysis.upper_limit, "6 4"), (analysis.lower_limit, "6 4"), (analysis.mean, "")):
        if axis_low <= level <= axis_high:
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<line x1="{LEFT}" y1="{y_of(level):.1f}" x2="{WIDTH - RIGHT}" y2="{y_of(level):.1f}" '
                f'stroke="{TEXT}" stroke-width="1.5"{dashes}/>'
            )

    # The line joins months with figures; a month without one leaves a gap.
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
    for index, point in enumerate(analysis.points):
        if point.value is not None:
            out.append(_marker(point.variation, x_of(index), y_of(point.value)))

    # Legend: line styles and the markers this chart can use.
    legend_y = PLOT_BOTTOM + 44
    out.append(
        f'<line x1="{LEFT}" y1="{legend_y - 4}" x2="{LEFT + 24}" y2="{legend_y - 4}" stroke="{TEXT}" stroke-width="1.5"/>'
    )
    out.append(_text(LEFT + 30, legend_y, "Mean", size=11))
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
    out.append("</g></svg>")
    return mark_safe("".join(out))  # noqa: S308 (every piece of text went through escape())


def spc_chart(
    series: Iterable,
    *,
    title: str,
    better: Better = Better.NEITHER,
    unit: str = "",
    chart_id: str | None = None,
    withheld: str = "",
) -> SpcChart:
    """The chart and its data table for ``series``. ``withheld`` (a reason) shows the table only."""
    values = _as_values(series)
    chart_id = chart_id or f"spc-{slugify(title)}"
    analysis = None if withheld else xmr([v.value for v in values], better=better)
    points = analysis.points if analysis else [None] * len(values)
    rows = []
    for value, point in zip(values, points, strict=True):
        special = bool(point and point.special_cause)
        rows.append(
            SpcTableRow(
                month=value.month,
                month_label=_month_label(value.month),
                shown=value.shown if value.shown is not None else format_value(value.value, unit),
                special_cause=special,
                special_cause_label="Yes" if special else "No",
                variation_label=point.variation.label if special else "",
                reasons=", ".join(point.reasons) if special else "",
            )
        )
    if analysis is None:
        reason = withheld or "Fewer than two months have a figure, so there is nothing to chart yet."
        return SpcChart(
            chart_id, title, unit, better, tuple(rows), None, reason, None, not_charted_reason=reason
        )
    description = _describe(title, values, analysis, unit)
    svg = _draw(chart_id, title, description, values, analysis, unit)
    return SpcChart(chart_id, title, unit, better, tuple(rows), analysis, description, svg)


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
