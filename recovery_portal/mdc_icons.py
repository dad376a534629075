"""Making Data Count icons and sparklines, drawn as SVG by the portal: the board summary of every
dashboard and the annual report (evaluation.summary) and workstream goals use them (ADR 0023).

The icons follow Making Data Count (NHS England, *Making data count: strengthening your decisions*, 2021):

- variation, from the latest month's point of the XmR analysis: common cause; special cause improvement
  or concern, high or low; special cause higher or lower where neither direction is better;
- assurance, from the process limits against the target: consistently passing (both limits on the
  passing side), consistently failing (both on the failing side), hit and miss (the target between them,
  or on a limit), as NHSRplotthedots' ``ptd_calculate_assurance_type``;
- neither icon with fewer than 13 months with a figure (the MDC tools' baseline), nor when the analysis
  gives no limits; no assurance without a target or without a better direction.

The XmR analysis is read only through its documented interface: ``.mean``, ``.upper_limit``,
``.lower_limit`` (either may be None) and ``.points[i].variation``.
"""

from collections.abc import Sequence
from enum import StrEnum

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .spc import Better

MINIMUM_POINTS = 13  # Making Data Count shows limits and icons from 13 points
FONT = "Frutiger W01, Arial, Helvetica, sans-serif"
GREY, BLUE, ORANGE, PURPLE, TEXT = "#4c6272", "#005eb8", "#b35900", "#330072", "#212b32"


class VariationIcon(StrEnum):
    NONE = "none"
    COMMON_CAUSE = "common_cause"
    IMPROVEMENT_HIGH = "improvement_high"
    IMPROVEMENT_LOW = "improvement_low"
    CONCERN_HIGH = "concern_high"
    CONCERN_LOW = "concern_low"
    HIGHER = "higher"
    LOWER = "lower"

    @property
    def label(self) -> str:
        return VARIATION_TEXT[self]


VARIATION_TEXT = {
    VariationIcon.NONE: "No variation icon: fewer than 13 months with a figure",
    VariationIcon.COMMON_CAUSE: "Common cause variation",
    VariationIcon.IMPROVEMENT_HIGH: "Special cause improvement: higher than expected",
    VariationIcon.IMPROVEMENT_LOW: "Special cause improvement: lower than expected",
    VariationIcon.CONCERN_HIGH: "Special cause concern: higher than expected",
    VariationIcon.CONCERN_LOW: "Special cause concern: lower than expected",
    VariationIcon.HIGHER: "Special cause variation: higher than expected",
    VariationIcon.LOWER: "Special cause variation: lower than expected",
}


class AssuranceIcon(StrEnum):
    NONE = "none"
    PASSING = "consistently_passing"
    FAILING = "consistently_failing"
    HIT_AND_MISS = "hit_and_miss"

    @property
    def label(self) -> str:
        return ASSURANCE_TEXT[self]


ASSURANCE_TEXT = {
    AssuranceIcon.NONE: "No assurance icon",
    AssuranceIcon.PASSING: "Assurance: consistently passing the target",
    AssuranceIcon.FAILING: "Assurance: consistently failing the target",
    AssuranceIcon.HIT_AND_MISS: "Assurance: hit and miss, the target lies within the process limits",
}


def _kind(variation) -> str:
    """The variation as its documented name, whether it comes as an enum member or a string."""
    return str(getattr(variation, "value", variation) or "")


def months_with_a_figure(values: Sequence[float | None]) -> int:
    return sum(value is not None for value in values)


def _has_limits(analysis) -> bool:
    return analysis is not None and analysis.upper_limit is not None and analysis.lower_limit is not None


def variation_icon(values: Sequence[float | None], analysis, *, better: Better) -> VariationIcon:
    """The variation icon of the latest month with a figure (``analysis`` is ``xmr(values, ...)``)."""
    if months_with_a_figure(values) < MINIMUM_POINTS or not _has_limits(analysis):
        return VariationIcon.NONE
    latest = max(i for i, value in enumerate(values) if value is not None)
    if latest >= len(analysis.points):
        return VariationIcon.NONE
    kind = _kind(analysis.points[latest].variation)
    if kind == "special_cause_higher":
        return VariationIcon.HIGHER
    if kind == "special_cause_lower":
        return VariationIcon.LOWER
    if kind == "special_cause_improvement":
        return VariationIcon.IMPROVEMENT_LOW if better is Better.LOWER else VariationIcon.IMPROVEMENT_HIGH
    if kind == "special_cause_concern":
        return VariationIcon.CONCERN_HIGH if better is Better.LOWER else VariationIcon.CONCERN_LOW
    return VariationIcon.COMMON_CAUSE


def assurance_icon(
    values: Sequence[float | None], analysis, *, better: Better, target: float | None
) -> AssuranceIcon:
    """Whether the process will meet ``target``, from its limits (none without a target, a better
    direction, 13 months or limits)."""
    if target is None or better is Better.NEITHER:
        return AssuranceIcon.NONE
    if months_with_a_figure(values) < MINIMUM_POINTS or not _has_limits(analysis):
        return AssuranceIcon.NONE
    return assurance_from_limits(
        lower=analysis.lower_limit, upper=analysis.upper_limit, target=target, better=better
    )


def assurance_from_limits(*, lower: float, upper: float, target: float, better: Better) -> AssuranceIcon:
    """The assurance of a process with these limits (its latest period's) against ``target``, as
    NHSRplotthedots' ptd_calculate_assurance_type works it out."""
    if better is Better.NEITHER:
        return AssuranceIcon.NONE
    if target > upper:  # the whole process lies below the target
        return AssuranceIcon.FAILING if better is Better.HIGHER else AssuranceIcon.PASSING
    if target < lower:  # the whole process lies above it
        return AssuranceIcon.PASSING if better is Better.HIGHER else AssuranceIcon.FAILING
    return AssuranceIcon.HIT_AND_MISS


# Drawing: small inline SVG, presentation attributes only (the Content Security Policy allows no style),
# the same in the browser and in WeasyPrint. Colour is never the only cue: each icon carries a letter.

ICON = 32


def _icon(colour: str, label: str, inner: str) -> SafeString:
    return mark_safe(  # noqa: S308 (the only text is escaped)
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(label)}" '
        f'class="app-board-summary__icon" viewBox="0 0 {ICON} {ICON}" width="{ICON}" height="{ICON}">'
        f"<title>{escape(label)}</title>"
        f'<circle cx="16" cy="16" r="14" fill="#ffffff" stroke="{colour}" stroke-width="3"/>{inner}</svg>'
    )


def _letter(letter: str, colour: str, y: int = 21) -> str:
    return (
        f'<text x="16" y="{y}" font-family="{FONT}" font-size="14" font-weight="bold" fill="{colour}" '
        f'text-anchor="middle">{escape(letter)}</text>'
    )


def _arrow(up: bool, colour: str) -> str:
    # A small arrow under the letter: which way the special cause lies.
    points = "12,29 16,25 20,29" if up else "12,25 16,29 20,25"
    return f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="1.5"/>'


def variation_svg(icon: VariationIcon, label: str = "") -> SafeString:
    label = label or icon.label
    if icon is VariationIcon.NONE:
        return _icon("#d8dde0", label, _letter("–", GREY))
    if icon is VariationIcon.COMMON_CAUSE:
        wave = '<polyline points="7,17 11,13 15,19 19,12 23,18 26,15" fill="none" stroke="#4c6272" stroke-width="2"/>'
        return _icon(GREY, label, wave)
    colour = {
        VariationIcon.IMPROVEMENT_HIGH: BLUE,
        VariationIcon.IMPROVEMENT_LOW: BLUE,
        VariationIcon.CONCERN_HIGH: ORANGE,
        VariationIcon.CONCERN_LOW: ORANGE,
    }.get(icon, PURPLE)
    high = icon in (VariationIcon.IMPROVEMENT_HIGH, VariationIcon.CONCERN_HIGH, VariationIcon.HIGHER)
    return _icon(colour, label, _letter("H" if high else "L", colour, 19) + _arrow(high, colour))


def assurance_svg(icon: AssuranceIcon, label: str = "") -> SafeString:
    label = label or icon.label
    if icon is AssuranceIcon.NONE:
        return _icon("#d8dde0", label, _letter("–", GREY))
    if icon is AssuranceIcon.PASSING:
        return _icon(BLUE, label, _letter("P", BLUE))
    if icon is AssuranceIcon.FAILING:
        return _icon(ORANGE, label, _letter("F", ORANGE))
    line = '<line x1="5" y1="16" x2="27" y2="16" stroke="#4c6272" stroke-width="1.5" stroke-dasharray="3 2"/>'
    return _icon(GREY, label, line + _letter("?", GREY, 13))


SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 120, 32, 4


def sparkline_svg(
    values: Sequence[float | None],
    *,
    label: str,
    target: float | None = None,
    mean: float | None = None,
    width: int = SPARK_WIDTH,
    height: int = SPARK_HEIGHT,
    css_class: str = "app-board-summary__sparkline",
) -> SafeString:
    """The months' figures as a line (a gap where a month has none), the latest month marked, the target
    as a dashed orange line and the mean as a thin grey one when given. Larger, it is a goal's run chart."""
    present = [v for v in values if v is not None]
    levels = [*present, *(level for level in (target, mean) if level is not None)]
    low, high = min(levels), max(levels)
    span = (high - low) or 1.0
    pad = SPARK_PAD if height <= SPARK_HEIGHT else 16

    def x_of(i: int) -> float:
        return pad + i * (width - 2 * pad) / max(len(values) - 1, 1)

    def y_of(v: float) -> float:
        return height - pad - (v - low) / span * (height - 2 * pad)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(label)}" '
        f'class="{css_class}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}"><title>{escape(label)}</title>'
    ]
    if mean is not None:
        y = y_of(mean)
        out.append(f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="#aeb7bd"/>')
    if target is not None:
        y = y_of(target)
        out.append(
            f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="{ORANGE}" stroke-dasharray="3 2"/>'
        )
    segment: list[str] = []
    for i, value in enumerate([*values, None]):
        if value is not None:
            segment.append(f"{x_of(i):.1f},{y_of(value):.1f}")
            continue
        if len(segment) > 1:
            out.append(
                f'<polyline points="{" ".join(segment)}" fill="none" stroke="{GREY}" stroke-width="1.5"/>'
            )
        segment = []
    radius = 2.5 if height <= SPARK_HEIGHT else 3.5
    latest = max(i for i, value in enumerate(values) if value is not None)
    for i, value in enumerate(values):
        # The small line marks only the latest month; the run chart marks every month.
        if value is not None and (height > SPARK_HEIGHT or i == latest):
            out.append(f'<circle cx="{x_of(i):.1f}" cy="{y_of(value):.1f}" r="{radius}" fill="{TEXT}"/>')
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 (the only text is escaped)
