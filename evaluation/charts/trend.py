"""A person's scores on one instrument over time, as an inline SVG with a title and description.

The chart only repeats what the data table beside it says: points joined in date order, a band of
no reliable change around the first score, and the cut-off when the instrument has one. Colours are
presentation attributes (not ``style``), so the strict content security policy allows them, and each
reliable change is told by a marker shape as well as its colour.
"""

from dataclasses import dataclass
from datetime import date
from html import escape

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 44
BLUE, GREEN, RED, GREY, DARK = "#005eb8", "#007f3b", "#d5281b", "#768692", "#212b32"


@dataclass(frozen=True)
class TrendPoint:
    day: date
    value: float
    marker: str | None = None  # "improvement", "deterioration" or None


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    step = (high - low) / (count - 1)
    return [round(low + step * index, 2) for index in range(count)]


def _number(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.2f}".rstrip("0").rstrip(".")


def trend_chart_svg(
    points: list[TrendPoint],
    *,
    chart_id: str,
    title: str,
    description: str,
    y_min: float,
    y_max: float,
    reliable_change: float | None = None,
    cut_off: float | None = None,
    cut_off_label: str = "",
) -> str:
    """Inline SVG of ``points`` (oldest first). ``chart_id`` makes the title and description ids unique."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - y_min) / (y_max - y_min))

    first_day = points[0].day if points else date.min  # nothing is drawn without points
    span = max((points[-1].day - first_day).days, 1) if points else 1

    def x(day: date) -> float:
        if len(points) == 1:
            return LEFT + plot_w / 2
        return LEFT + plot_w * (day - first_day).days / span

    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" class="measures-trend" focusable="false">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
    ]
    if reliable_change is not None and points:
        low = max(points[0].value - reliable_change, y_min)
        high = min(points[0].value + reliable_change, y_max)
        parts.append(
            f'<rect x="{LEFT}" y="{y(high):.1f}" width="{plot_w}" height="{y(low) - y(high):.1f}" '
            'fill="#e8edee" stroke="none"/>'
        )
    for tick in _ticks(y_min, y_max):
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#d8dde0"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="12" fill="{DARK}">'
            f"{_number(tick)}</text>"
        )
    if cut_off is not None:
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(cut_off):.1f}" y2="{y(cut_off):.1f}" '
            f'stroke="{DARK}" stroke-dasharray="6 4"/>'
            f'<text x="{LEFT + plot_w - 4}" y="{y(cut_off) - 5:.1f}" text-anchor="end" font-size="12" '
            f'fill="{DARK}">Below {_number(cut_off)}: {escape(cut_off_label)}</text>'
        )
    if len(points) > 1:
        line = " ".join(f"{x(point.day):.1f},{y(point.value):.1f}" for point in points)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{BLUE}" stroke-width="3"/>')
    for point in points:
        cx, cy = x(point.day), y(point.value)
        if point.marker == "improvement":
            parts.append(
                f'<polygon points="{cx:.1f},{cy - 9:.1f} {cx - 8:.1f},{cy + 6:.1f} {cx + 8:.1f},{cy + 6:.1f}" '
                f'fill="{GREEN}" stroke="#ffffff" stroke-width="1.5"/>'
            )
        elif point.marker == "deterioration":
            parts.append(
                f'<polygon points="{cx:.1f},{cy + 9:.1f} {cx - 8:.1f},{cy - 6:.1f} {cx + 8:.1f},{cy - 6:.1f}" '
                f'fill="{RED}" stroke="#ffffff" stroke-width="1.5"/>'
            )
        else:
            parts.append(
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{BLUE}" stroke="#ffffff" stroke-width="1.5"/>'
            )
    if points:
        parts.append(
            f'<text x="{LEFT}" y="{HEIGHT - 24}" font-size="12" fill="{DARK}">{points[0].day:%-d %b %Y}</text>'
        )
        if len(points) > 1:
            parts.append(
                f'<text x="{LEFT + plot_w}" y="{HEIGHT - 24}" text-anchor="end" font-size="12" fill="{DARK}">'
                f"{points[-1].day:%-d %b %Y}</text>"
            )
    legend = "\u25b2 reliable improvement   \u25bc reliable deterioration"
    if reliable_change is not None:
        legend += "   shaded: no reliable change"
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 6}" font-size="12" fill="{DARK}">{escape(legend)}</text>')
    parts.append("</svg>")
    return "".join(parts)
