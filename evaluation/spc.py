"""XmR (individuals and moving range) statistical process control, the NHS "Making Data Count" way.

Method (NHS England and NHS Improvement, *Making Data Count: getting started* (2019) and *Making data
count: strengthening your decisions* (2021), https://www.england.nhs.uk/publication/making-data-count/;
the rules as the NHS-R Community's reference implementation NHSRplotthedots applies them,
``R/ptd_spc_standard.R`` and ``R/ptd_calculate_point_type.R``):

- the mean of the points, the moving ranges |xᵢ − xᵢ₋₁| and their mean;
- process limits: mean ± 2.66 × mean moving range (3 sigma, since sigma = mean moving range / 1.128);
- "close to a limit": beyond 2 sigma (mean ± ⅔ × 2.66 × mean moving range) but inside the limits.

A point shows special cause variation when any of these holds:

1. it is outside the process limits;
2. it is one of a run of 7 or more consecutive points all above, or all below, the mean (a point exactly
   on the mean ends a run);
3. it is one of 7 or more consecutive points each higher, or each lower, than the one before (a trend);
4. two of three consecutive points, all on the same side of the mean, are close to a limit: those two.

Every other point is common cause variation. A special cause point is an *improvement* or a *concern*
when the measure has a better direction (higher or lower), judged by its side of the mean (a trend point
exactly on the mean by the direction of the trend); with no better direction it is just higher or lower
than expected. The chart's variation icon is that of its latest point, as in Making Data Count.

Months with no figure (``None``) are left out of every calculation and keep their place in the series.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

LIMIT_FACTOR = 2.66  # 3 / 1.128 (d2 for moving ranges of two points)
CLOSE_FACTOR = 2 * LIMIT_FACTOR / 3  # 2 sigma
RUN_LENGTH = 7
TREND_LENGTH = 7


class Better(StrEnum):
    """Which way the measure improves."""

    HIGHER = "higher"
    LOWER = "lower"
    NEITHER = "neither"


class Variation(StrEnum):
    COMMON_CAUSE = "common_cause"
    IMPROVEMENT = "special_cause_improvement"
    CONCERN = "special_cause_concern"
    HIGHER = "special_cause_higher"  # no better direction: just higher than expected
    LOWER = "special_cause_lower"

    @property
    def label(self) -> str:
        return VARIATION_LABELS[self]

    @property
    def is_special_cause(self) -> bool:
        return self is not Variation.COMMON_CAUSE


VARIATION_LABELS = {
    Variation.COMMON_CAUSE: "Common cause variation",
    Variation.IMPROVEMENT: "Special cause variation: improvement",
    Variation.CONCERN: "Special cause variation: concern",
    Variation.HIGHER: "Special cause variation: higher than expected",
    Variation.LOWER: "Special cause variation: lower than expected",
}


@dataclass(frozen=True)
class SpcPoint:
    value: float | None
    moving_range: float | None = None
    outside_limits: bool = False
    close_to_limit: bool = False
    in_run: bool = False  # rule 2
    in_trend: bool = False  # rule 3
    in_two_of_three: bool = False  # rule 4
    variation: Variation = Variation.COMMON_CAUSE

    @property
    def special_cause(self) -> bool:
        return self.variation.is_special_cause

    @property
    def reasons(self) -> list[str]:
        """Why the point is special cause, in words, for the data table and the chart's description."""
        reasons = []
        if self.outside_limits:
            reasons.append("outside the process limits")
        if self.in_two_of_three:
            reasons.append("two of three points close to a process limit")
        if self.in_run:
            reasons.append(f"a run of {RUN_LENGTH} or more on one side of the mean")
        if self.in_trend:
            reasons.append(f"a trend of {TREND_LENGTH} or more rising or falling")
        return reasons


@dataclass(frozen=True)
class XmR:
    points: tuple[SpcPoint, ...]
    mean: float
    mean_moving_range: float
    upper_limit: float
    lower_limit: float
    upper_close: float  # 2 sigma above the mean
    lower_close: float
    better: Better

    @property
    def values(self) -> list[float | None]:
        return [point.value for point in self.points]

    @property
    def moving_ranges(self) -> list[float | None]:
        return [point.moving_range for point in self.points]

    @property
    def variation(self) -> Variation:
        """The variation icon: that of the latest point with a figure."""
        latest = [point for point in self.points if point.value is not None]
        return latest[-1].variation if latest else Variation.COMMON_CAUSE

    @property
    def special_cause_points(self) -> list[int]:
        return [index for index, point in enumerate(self.points) if point.special_cause]


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def _runs(flags: Sequence[int], length: int) -> list[bool]:
    """Members of stretches of ``length`` or more consecutive equal non-zero flags."""
    marked = [False] * len(flags)
    start = 0
    for end in range(1, len(flags) + 1):
        if end == len(flags) or flags[end] != flags[start]:
            if flags[start] != 0 and end - start >= length:
                marked[start:end] = [True] * (end - start)
            start = end
    return marked


def _trends(values: Sequence[float], length: int) -> tuple[list[bool], list[int]]:
    """Members of ``length`` or more points each higher (or each lower) than the one before, and the
    direction (+1 rising, −1 falling) of the trend each belongs to."""
    steps = [_sign(b - a) for a, b in zip(values, values[1:], strict=False)]
    marked, direction = [False] * len(values), [0] * len(values)
    start = 0
    for end in range(1, len(steps) + 1):
        if end == len(steps) or steps[end] != steps[start]:
            # steps[start:end] join points start..end: end - start + 1 points.
            if steps and steps[start] != 0 and end - start + 1 >= length:
                for i in range(start, end + 1):
                    marked[i], direction[i] = True, steps[start]
            start = end
    return marked, direction


def _two_of_three(close: Sequence[bool], side: Sequence[int]) -> list[bool]:
    marked = [False] * len(close)
    for i in range(len(close) - 2):
        window = range(i, i + 3)
        if abs(sum(side[j] for j in window)) == 3 and sum(close[j] for j in window) >= 2:
            for j in window:
                marked[j] = marked[j] or close[j]
    return marked


def _variation(side: int, better: Better) -> Variation:
    if better is Better.NEITHER:
        return Variation.HIGHER if side > 0 else Variation.LOWER
    improving = side > 0 if better is Better.HIGHER else side < 0
    return Variation.IMPROVEMENT if improving else Variation.CONCERN


def xmr(values: Sequence[float | None], *, better: Better = Better.NEITHER) -> XmR | None:
    """The XmR analysis of ``values`` in time order; None when fewer than two have a figure."""
    present = [i for i, value in enumerate(values) if value is not None]
    if len(present) < 2:
        return None
    ys = [float(values[i]) for i in present]
    mean = sum(ys) / len(ys)
    ranges = [abs(b - a) for a, b in zip(ys, ys[1:], strict=False)]
    mean_range = sum(ranges) / len(ranges)
    upper, lower = mean + LIMIT_FACTOR * mean_range, mean - LIMIT_FACTOR * mean_range
    upper_close, lower_close = mean + CLOSE_FACTOR * mean_range, mean - CLOSE_FACTOR * mean_range

    outside = [y > upper or y < lower for y in ys]
    close = [not out and (y > upper_close or y < lower_close) for y, out in zip(ys, outside, strict=True)]
    side = [_sign(y - mean) for y in ys]
    in_run = _runs(side, RUN_LENGTH)
    in_trend, trend_direction = _trends(ys, TREND_LENGTH)
    in_two = _two_of_three(close, side)

    points: list[SpcPoint] = [SpcPoint(value=None) for _ in values]
    for k, i in enumerate(present):
        special = outside[k] or in_run[k] or in_trend[k] or in_two[k]
        direction = side[k] or trend_direction[k]
        points[i] = SpcPoint(
            value=ys[k],
            moving_range=ranges[k - 1] if k else None,
            outside_limits=outside[k],
            close_to_limit=close[k],
            in_run=in_run[k],
            in_trend=in_trend[k],
            in_two_of_three=in_two[k],
            variation=_variation(direction, better) if special else Variation.COMMON_CAUSE,
        )
    return XmR(
        points=tuple(points),
        mean=mean,
        mean_moving_range=mean_range,
        upper_limit=upper,
        lower_limit=lower,
        upper_close=upper_close,
        lower_close=lower_close,
        better=better,
    )
