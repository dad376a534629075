"""The board summary's icons: each Making Data Count variation and assurance case, the 13-month minimum,
no assurance without a target, limits that are not given, and the words every icon carries."""

import re
from dataclasses import dataclass

import pytest

from evaluation.spc import Better, xmr
from evaluation.summary import (
    AssuranceIcon,
    MeasureInput,
    VariationIcon,
    assurance_icon,
    summary_row,
    variation_icon,
)

# Thirteen ordinary months around 11 (alternating sides of the mean: no run, no trend, nothing outside
# the limits of 11 ± 2.66 × 2), then a fourteenth month.
STEADY = [10.0, 12.0] * 6 + [10.0]
AROUND_50 = [49.0, 51.0] * 7  # 14 months, limits 50 ± 5.32


def _icon(values, better):
    return variation_icon(values, xmr(values, better=better), better=better)


@pytest.mark.parametrize(
    "latest, better, expected",
    [
        (11.0, Better.HIGHER, VariationIcon.COMMON_CAUSE),
        (40.0, Better.HIGHER, VariationIcon.IMPROVEMENT_HIGH),  # far above the upper limit
        (40.0, Better.LOWER, VariationIcon.CONCERN_HIGH),
        (40.0, Better.NEITHER, VariationIcon.HIGHER),
    ],
)
def test_the_variation_icon_is_that_of_the_latest_month(latest, better, expected):
    assert _icon([*STEADY, latest], better) is expected


@pytest.mark.parametrize(
    "better, expected",
    [
        (Better.HIGHER, VariationIcon.CONCERN_LOW),
        (Better.LOWER, VariationIcon.IMPROVEMENT_LOW),
        (Better.NEITHER, VariationIcon.LOWER),
    ],
)
def test_a_latest_month_far_below_the_lower_limit(better, expected):
    assert _icon([*AROUND_50[:13], 20.0], better) is expected


def test_an_earlier_special_cause_month_does_not_decide_the_icon():
    # One month far above and one far below, so the mean stays at 11 and the later months no run.
    values = [*STEADY[:6], 40.0, -18.0, *STEADY[6:]]
    analysis = xmr(values, better=Better.HIGHER)
    assert _kind(analysis.points[6].variation) == "special_cause_improvement"
    assert _icon(values, Better.HIGHER) is VariationIcon.COMMON_CAUSE


def _kind(variation):
    return str(getattr(variation, "value", variation))


def test_months_without_a_figure_are_skipped_for_the_latest():
    values = [*STEADY, 40.0, None]
    assert _icon(values, Better.HIGHER) is VariationIcon.IMPROVEMENT_HIGH


def test_no_icons_with_fewer_than_13_months_with_a_figure():
    values = [*STEADY[:11], 40.0, None, None]  # 12 months with a figure
    analysis = xmr(values, better=Better.HIGHER)
    assert variation_icon(values, analysis, better=Better.HIGHER) is VariationIcon.NONE
    assert assurance_icon(values, analysis, better=Better.HIGHER, target=0) is AssuranceIcon.NONE


@dataclass(frozen=True)
class NoLimits:
    """An analysis as the XmR interface gives one when it sets no limits (both None)."""

    points: tuple = ()
    mean: float = 50.0
    upper_limit: float | None = None
    lower_limit: float | None = None


def test_no_icons_when_the_analysis_gives_no_limits():
    assert variation_icon(AROUND_50, NoLimits(), better=Better.HIGHER) is VariationIcon.NONE
    assert assurance_icon(AROUND_50, NoLimits(), better=Better.HIGHER, target=10) is AssuranceIcon.NONE
    assert variation_icon(AROUND_50, None, better=Better.HIGHER) is VariationIcon.NONE


@pytest.mark.parametrize(
    "better, target, expected",
    [
        (Better.HIGHER, 30, AssuranceIcon.PASSING),  # both limits above the target
        (Better.HIGHER, 70, AssuranceIcon.FAILING),  # both limits below it
        (Better.HIGHER, 50, AssuranceIcon.HIT_AND_MISS),
        (Better.LOWER, 70, AssuranceIcon.PASSING),
        (Better.LOWER, 30, AssuranceIcon.FAILING),
        (Better.LOWER, 52, AssuranceIcon.HIT_AND_MISS),
        (Better.NEITHER, 30, AssuranceIcon.NONE),  # no better direction: nothing to pass
        (Better.HIGHER, None, AssuranceIcon.NONE),  # no target
    ],
)
def test_assurance_from_the_process_limits_against_the_target(better, target, expected):
    analysis = xmr(AROUND_50, better=better)
    assert analysis.lower_limit > 30 and analysis.upper_limit < 70
    assert assurance_icon(AROUND_50, analysis, better=better, target=target) is expected


def test_a_target_exactly_on_a_limit_is_hit_and_miss():
    analysis = xmr(AROUND_50, better=Better.HIGHER)
    for limit in (analysis.lower_limit, analysis.upper_limit):
        assert assurance_icon(AROUND_50, analysis, better=Better.HIGHER, target=limit) is (
            AssuranceIcon.HIT_AND_MISS
        )


def _measure(values, **kwargs):
    defaults = {
        "key": "goal-1",
        "label": "Teams with an agreed plan",
        "latest": "60%",
        "anchor": "spc-goal-1",
        "section": "workstreams",
        "values": tuple(values),
        "first_month": "April 2025",
        "last_month": "May 2026",
        "better": "higher",
        "unit": "%",
    }
    return MeasureInput(**{**defaults, **kwargs})


def _title(svg: str) -> str:
    return re.search(r"<title>(.*?)</title>", str(svg)).group(1)


def test_every_icon_and_sparkline_is_an_svg_image_with_its_words():
    row = summary_row(_measure([*STEADY, 40.0], target=1.0))  # lower limit about 2.3
    assert row.variation is VariationIcon.IMPROVEMENT_HIGH
    assert row.assurance is AssuranceIcon.PASSING
    for svg, words in [
        (row.variation_svg, "Special cause improvement: higher than expected"),
        (row.assurance_svg, "Assurance: consistently passing the target"),
    ]:
        assert 'role="img"' in svg and "<script" not in svg
        assert _title(svg) == words and f'aria-label="{words}"' in svg
    assert row.variation_text == "Special cause improvement: higher than expected"
    assert row.assurance_text == "Assurance: consistently passing the target"
    assert row.target == "1%"
    assert 'role="img"' in row.sparkline and "14 months with a figure, latest 60%" in _title(row.sparkline)


def test_without_a_target_or_monthly_figures_the_row_says_why_there_is_no_icon():
    row = summary_row(_measure(STEADY))
    assert row.assurance_text == "No assurance icon: no target set" == _title(row.assurance_svg)
    unseries = summary_row(_measure((), no_chart="No monthly figures are kept for this measure"))
    assert unseries.sparkline is None
    assert (
        unseries.variation_text == "No variation icon: no monthly figures" == _title(unseries.variation_svg)
    )
    short = summary_row(_measure(STEADY[:5], target=50.0))
    assert short.assurance_text == "No assurance icon: fewer than 13 months with a figure"


def test_a_summary_row_survives_being_saved_as_plain_data():
    measure = _measure([*STEADY, None], target=12.5)
    assert MeasureInput.from_data(measure.as_data()) == measure


def test_a_series_whose_chart_is_withheld_gets_no_icons():
    withheld = "Not charted: in some months fewer than 8 people are counted, so those figures are withheld."
    row = summary_row(_measure([*STEADY, 40.0], target=1.0, no_chart=withheld))
    assert row.variation is VariationIcon.NONE and row.assurance is AssuranceIcon.NONE
    assert row.sparkline is None and row.trend_text == withheld
    assert row.variation_text == "No variation icon: the monthly chart is withheld"
