"""The board summary at the top of every dashboard and in the annual report, in the NHS Making Data Count
style: one row per key measure with its latest value, its target (where there is one), a sparkline, the
variation icon and the assurance icon, each icon with its words (ADR 0023).

Only the figures the page has already worked out are read (``figures_for``): no query is made here, and
every figure about people is the published one (rounded or withheld below Trust level by the figures
layer), so the summary can disclose nothing the page does not. The icons and sparklines themselves are
drawn by ``recovery_portal.mdc_icons``, which workstream goals use too.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString

from recovery_portal.mdc_icons import (
    AssuranceIcon,
    VariationIcon,
    assurance_icon,
    assurance_svg,
    months_with_a_figure,
    sparkline_svg,
    variation_icon,
    variation_svg,
)
from recovery_portal.spc import Better, xmr

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
    analysis = (
        xmr(values, better=better) if months_with_a_figure(values) >= 2 and not measure.no_chart else None
    )
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
    if not measure.no_chart and months_with_a_figure(values) >= 2:
        trend_text = (
            f"{measure.label}, {measure.first_month} to {measure.last_month}: "
            f"{months_with_a_figure(values)} months with a figure, latest {measure.latest}"
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
