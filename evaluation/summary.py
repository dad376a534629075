"""The board summary at the top of every dashboard and in the annual report, in the NHS Making Data Count
style: one row per key measure with its latest value, its target (where there is one), a sparkline, the
variation icon and the assurance icon, each icon with its words (ADR 0023).

Only the figures the page has already worked out are read (``figures_for``): no query is made here, and
every figure about people is the published one (rounded or withheld below Trust level by the figures
layer), so the summary can disclose nothing the page does not.

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
from dataclasses import dataclass
from enum import StrEnum

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .spc import Better, xmr

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


def _count(values: Sequence[float | None]) -> int:
    return sum(value is not None for value in values)


def _has_limits(analysis) -> bool:
    return analysis is not None and analysis.upper_limit is not None and analysis.lower_limit is not None


def variation_icon(values: Sequence[float | None], analysis, *, better: Better) -> VariationIcon:
    """The variation icon of the latest month with a figure (``analysis`` is ``xmr(values, ...)``)."""
    if _count(values) < MINIMUM_POINTS or not _has_limits(analysis):
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
    if _count(values) < MINIMUM_POINTS or not _has_limits(analysis):
        return AssuranceIcon.NONE
    upper, lower = analysis.upper_limit, analysis.lower_limit
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


# The rows.


@dataclass(frozen=True)
class MeasureInput:
    """What a row is made from: published figures only, as plain data (the annual report saves these)."""

    key: str
    label: str
    latest: str  # as published: "*", "35", "42%", "12 of 20 (60%)"
    anchor: str  # where its chart or table is on the dashboard, without "#"
    section: str  # the figures section it comes from (the annual report links to that section)
    values: tuple[float | None, ...] = ()  # the months' published figures, oldest first; () when none
    first_month: str = ""  # "April 2025"
    last_month: str = ""
    better: str = Better.NEITHER.value
    unit: str = ""
    target: float | None = None
    no_chart: str = ""  # why there is no monthly series (withheld, or none kept)
    about_people: bool = False  # the latest figure is a count or share of people (already controlled)

    def as_data(self) -> dict:
        return {**self.__dict__, "values": list(self.values)}

    @classmethod
    def from_data(cls, data: dict) -> "MeasureInput":
        return cls(**{**data, "values": tuple(data["values"])})


@dataclass(frozen=True)
class SummaryRow:
    key: str
    label: str
    latest: str
    target: str
    anchor: str
    about_people: bool
    sparkline: SafeString | None
    trend_text: str  # the sparkline's words, or why there is none
    variation: VariationIcon
    variation_text: str
    variation_svg: SafeString
    assurance: AssuranceIcon
    assurance_svg: SafeString
    assurance_text: str


def _amount(value: float, unit: str) -> str:
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return f"{text}%" if unit == "%" else f"{text} {unit}".strip()


def summary_row(measure: MeasureInput) -> SummaryRow:
    better = Better(measure.better)
    values = list(measure.values)
    # A chart withheld on the page (small numbers) gets no icons here either.
    analysis = xmr(values, better=better) if _count(values) >= 2 and not measure.no_chart else None
    variation = variation_icon(values, analysis, better=better)
    assurance = assurance_icon(values, analysis, better=better, target=measure.target)
    if measure.target is None:
        assurance_text = "No assurance icon: no target set"
    elif better is Better.NEITHER:
        assurance_text = "No assurance icon: no better direction"
    elif assurance is AssuranceIcon.NONE and measure.no_chart:
        assurance_text = "No assurance icon: no monthly chart"
    elif assurance is AssuranceIcon.NONE:
        assurance_text = "No assurance icon: fewer than 13 months with a figure"
    else:
        assurance_text = assurance.label
    variation_text = variation.label
    if measure.no_chart:
        variation_text = (
            "No variation icon: the monthly chart is withheld"
            if values
            else "No variation icon: no monthly figures"
        )
    sparkline, trend_text = None, measure.no_chart or "No monthly figures"
    if not measure.no_chart and _count(values) >= 2:
        trend_text = (
            f"{measure.label}, {measure.first_month} to {measure.last_month}: "
            f"{_count(values)} months with a figure, latest {measure.latest}"
        )
        sparkline = sparkline_svg(values, label=trend_text, target=measure.target)
    return SummaryRow(
        key=measure.key,
        label=measure.label,
        latest=measure.latest,
        target="" if measure.target is None else _amount(measure.target, measure.unit),
        anchor=measure.anchor,
        about_people=measure.about_people,
        sparkline=sparkline,
        trend_text=trend_text,
        variation=variation,
        variation_text=variation_text,
        variation_svg=variation_svg(variation, variation_text),
        assurance=assurance,
        assurance_svg=assurance_svg(assurance, assurance_text),
        assurance_text=assurance_text,
    )


# Assembly from the figures the page already holds.


def _month(month) -> str:
    return month.strftime("%B %Y")


def _from_series(section, series, label: str, *, target: float | None = None) -> MeasureInput:
    values = tuple(v.value for v in series.values)
    months = [v for v in series.values if v.value is not None] or list(series.values)
    latest = months[-1] if months else None
    shown = "–"
    if latest is not None:
        text = (
            latest.shown
            if latest.shown is not None
            else ("–" if latest.value is None else _amount(latest.value, series.unit))
        )
        shown = f"{text} in {_month(latest.month)}"
    return MeasureInput(
        key=series.key,
        label=label,
        latest=shown,
        anchor=f"spc-{series.key}",
        section=section.key,
        values=values,
        first_month=_month(series.values[0].month) if series.values else "",
        last_month=_month(series.values[-1].month) if series.values else "",
        better=series.better.value,
        unit=series.unit,
        target=target,
        no_chart=series.withheld,
        about_people=series.about_people,
    )


def _from_figure(section, key: str, label: str, anchor: str) -> MeasureInput | None:
    figure = next((f for f in section.summary if f.key == key), None)
    if figure is None:
        return None
    return MeasureInput(
        key=f"{section.key}-{key}",
        label=label,
        latest=figure.value,
        anchor=anchor,
        section=section.key,
        no_chart="No monthly figures are kept for this measure",
        about_people=figure.about_people,
    )


def _has_table(section, key: str) -> bool:
    return any(table.key == key for table in section.tables)


def _series(section, key: str):
    return next((s for s in section.series if s.key == key), None)


def board_measures(figures) -> list[MeasureInput]:
    """The summary's measures for ``figures`` (a ``Figures``), in the order the board reads them."""
    found: list[MeasureInput | None] = []
    personal, measures = figures.personal_plans, figures.measures
    if (series := _series(personal, "plans-agreed")) is not None:
        found.append(_from_series(personal, series, "Personal plans agreed each month"))
    personal_table = "table-personal-plans" if _has_table(personal, "personal-plans") else personal.key
    found.append(_from_figure(personal, "crisis", "People with an agreed crisis plan", personal_table))
    found.append(
        _from_figure(
            measures,
            "prom_paired",
            "PROM change: people with a first and a later return",
            "table-prom-change",
        )
    )
    if (series := _series(measures, "prom-returns")) is not None:
        found.append(_from_series(measures, series, "PROM returns each month"))
    if (series := _series(measures, "fft-positive")) is not None:
        found.append(_from_series(measures, series, "Friends and Family Test: very good or good"))
    if figures.college.applies:
        found.append(
            _from_figure(figures.college, "completion", "Recovery College completions", "table-college-terms")
        )
    workstreams = figures.workstreams
    if workstreams.applies:
        counts = {f.key: f.value for f in workstreams.summary}
        if {"red", "amber", "green", "not_rated"} <= counts.keys():
            # Counts of actions, not of people: shown as they are.
            open_actions = sum(int(counts[k]) for k in ("red", "amber", "green", "not_rated"))
            green = int(counts["green"])
            share = f" ({round(100 * green / open_actions)}%)" if open_actions else ""
            found.append(
                MeasureInput(
                    key="workstreams-on-track",
                    label="Workstream actions on track (rated green)",
                    latest=f"{green} of {open_actions}{share}",
                    anchor="table-workstreams",
                    section=workstreams.key,
                    no_chart="No monthly figures are kept for this measure",
                )
            )
    plans = figures.team_plans
    found.append(
        _from_figure(
            plans,
            "agreed",
            "Team Recovery Plan coverage: teams with an agreed plan",
            "table-team-plans" if _has_table(plans, "team-plans") else plans.key,
        )
    )
    if workstreams.applies:
        for series in workstreams.series:
            if series.key.startswith("goal-"):
                found.append(
                    _from_series(
                        workstreams, series, f"Goal: {series.title}", target=getattr(series, "target", None)
                    )
                )
    return [measure for measure in found if measure is not None]


def board_summary(figures) -> list[SummaryRow]:
    return [summary_row(measure) for measure in board_measures(figures)]
