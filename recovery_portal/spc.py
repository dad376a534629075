"""XmR (individuals and moving range) statistical process control, the NHS "Making Data Count" way.

Method (NHS England, *Making Data Count: getting started* (2019) and *strengthening your decisions* (2021),
https://www.england.nhs.uk/publication/making-data-count/; the rules as the NHS-R Community's reference
implementation NHSRplotthedots 0.2.2 applies them, ``R/ptd_spc_standard.R`` and
``R/ptd_calculate_point_type.R``, with the two points where the current Making Data Count tools differ
from it; ADR 0021 gives the reasons):

- the mean of the points, the moving ranges |xᵢ − xᵢ₋₁| and their mean (no screening of large moving
  ranges: the Making Data Count tools do not screen them);
- process limits: mean ± 2.66 × mean moving range (3 sigma, since sigma = mean moving range / 1.128);
- "close to a limit": beyond 2 sigma (mean ± ⅔ × 2.66 × mean moving range), *including* points beyond the
  limits (the Making Data Count tools since 2023; NHSRplotthedots 0.2.2 counts only points inside them);
- limits, and so special cause variation, only from 13 points (``minimum_points``); below that the mean
  alone is shown, as the Making Data Count tools do.

A point shows special cause variation when any of these holds:

1. it is outside the process limits (its side of the mean gives the direction);
2. it is one of 7 or more consecutive points each strictly higher, or each strictly lower, than the one
   before (a trend; a tie breaks it; the direction is the trend's, PR #180 of NHSRplotthedots);
3. two of three consecutive points, all on the same side of the mean, are close to a limit: those two
   (or three) points, in the direction of their side;
4. it is one of a run of 7 or more consecutive points all above, or all below, the mean (a point exactly on
   the mean ends a run).

With a better direction each rule makes its points an improvement or a concern; where rules disagree on a
point, improvement wins, as the Making Data Count tools show it. With no better direction a point is just
higher or lower than expected, by the first rule in the order above (NHSRplotthedots' precedence). The
chart's variation icon is that of its latest point.

Limits may be fixed on a baseline (the first ``baseline`` figures of a period) and recalculated from a
recorded change (``rebase``: the indexes where a new period starts); each period has its own mean, limits
and rules, as NHSRplotthedots' rebase groups. Months with no figure (``None``) are left out: the figures
either side of a gap are consecutive points of the series, as if the month had not been given.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

LIMIT_FACTOR = 2.66  # 3 / 1.128 (d2 for moving ranges of two points)
CLOSE_FACTOR = 2 * LIMIT_FACTOR / 3  # 2 sigma
RUN_LENGTH = 7
TREND_LENGTH = 7
MINIMUM_POINTS = 13  # Making Data Count: process limits and icons from 13 points


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
    close_to_limit: bool = False  # beyond 2 sigma, whether or not beyond the limits
    in_run: bool = False
    in_trend: bool = False
    in_two_of_three: bool = False
    trend_direction: int = 0  # +1 rising, −1 falling, 0 not in a trend
    variation: Variation = Variation.COMMON_CAUSE
    period: int = 0  # which period (0 before any rebase) the point belongs to

    @property
    def special_cause(self) -> bool:
        return self.variation.is_special_cause

    @property
    def reasons(self) -> list[str]:
        """Why the point is special cause, in words, for the data table and the chart's description."""
        reasons = []
        if self.outside_limits:
            reasons.append("outside the process limits")
        if self.in_trend:
            rising = "rising" if self.trend_direction > 0 else "falling"
            reasons.append(f"a trend of {TREND_LENGTH} or more {rising}")
        if self.in_two_of_three:
            reasons.append("two of three points close to a process limit")
        if self.in_run:
            reasons.append(f"a run of {RUN_LENGTH} or more on one side of the mean")
        return reasons


@dataclass(frozen=True)
class Period:
    """A stretch of the series with its own mean and limits: the whole series, or from a rebase on."""

    start: int  # index into the values of its first month
    end: int  # index after its last month
    mean: float
    mean_moving_range: float | None  # None with a single figure
    baseline_points: int  # how many figures the mean and limits were worked out from
    points: int  # how many figures the period has
    has_limits: bool  # False below ``minimum_points`` figures in the baseline
    upper_limit: float | None
    lower_limit: float | None
    upper_close: float | None
    lower_close: float | None


@dataclass(frozen=True)
class XmR:
    """The analysis. ``mean`` and the limits are those of the latest period; the limits are None when it
    has too few points for them (``has_limits``), and then no point is special cause."""

    points: tuple[SpcPoint, ...]
    periods: tuple[Period, ...]
    better: Better
    minimum_points: int = MINIMUM_POINTS

    @property
    def latest_period(self) -> Period:
        return self.periods[-1]

    @property
    def mean(self) -> float:
        return self.latest_period.mean

    @property
    def mean_moving_range(self) -> float | None:
        return self.latest_period.mean_moving_range

    @property
    def upper_limit(self) -> float | None:
        return self.latest_period.upper_limit

    @property
    def lower_limit(self) -> float | None:
        return self.latest_period.lower_limit

    @property
    def upper_close(self) -> float | None:
        return self.latest_period.upper_close

    @property
    def lower_close(self) -> float | None:
        return self.latest_period.lower_close

    @property
    def has_limits(self) -> bool:
        return self.latest_period.has_limits

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


def _runs(side: Sequence[int]) -> list[bool]:
    """Members of stretches of RUN_LENGTH or more consecutive points on the same side of the mean."""
    marked = [False] * len(side)
    start = 0
    for end in range(1, len(side) + 1):
        if end == len(side) or side[end] != side[start]:
            if side[start] != 0 and end - start >= RUN_LENGTH:
                marked[start:end] = [True] * (end - start)
            start = end
    return marked


def _trends(ys: Sequence[float]) -> list[set[int]]:
    """For each point, the directions (+1 rising, −1 falling) of the trends it belongs to: every window
    of TREND_LENGTH points each strictly higher (or lower) than the one before."""
    directions: list[set[int]] = [set() for _ in ys]
    for first in range(len(ys) - TREND_LENGTH + 1):
        steps = {_sign(ys[i + 1] - ys[i]) for i in range(first, first + TREND_LENGTH - 1)}
        if len(steps) == 1 and 0 not in steps:
            for i in range(first, first + TREND_LENGTH):
                directions[i] |= steps
    return directions


def _two_of_three(close: Sequence[bool], side: Sequence[int]) -> list[bool]:
    marked = [False] * len(close)
    for i in range(len(close) - 2):
        window = range(i, i + 3)
        if abs(sum(side[j] for j in window)) == 3 and sum(close[j] for j in window) >= 2:
            for j in window:
                marked[j] = marked[j] or close[j]
    return marked


def _variation(directions: Sequence[int], better: Better) -> Variation:
    """The variation of a special cause point from its rules' directions, in precedence order."""
    if better is Better.NEITHER:
        return Variation.HIGHER if directions[0] > 0 else Variation.LOWER
    good = 1 if better is Better.HIGHER else -1
    return Variation.IMPROVEMENT if good in directions else Variation.CONCERN


def _mean(xs: Sequence[float]) -> float:
    return sum(xs) / len(xs)


def _analyse_period(ys, start, end, baseline, minimum_points, better, number):
    """Points and the Period for the figures ``ys`` (months ``start``..``end``, gaps left out)."""
    fixed = ys if baseline is None else ys[:baseline]
    mean = _mean([y for _, y in fixed])
    ranges = [abs(b - a) for (_, a), (_, b) in zip(fixed, fixed[1:], strict=False)]
    mean_range = _mean(ranges) if ranges else None
    has_limits = mean_range is not None and len(fixed) >= minimum_points
    if has_limits:
        upper, lower = mean + LIMIT_FACTOR * mean_range, mean - LIMIT_FACTOR * mean_range
        upper_close, lower_close = mean + CLOSE_FACTOR * mean_range, mean - CLOSE_FACTOR * mean_range
    else:
        upper = lower = upper_close = lower_close = None
    period = Period(
        start, end, mean, mean_range, len(fixed), len(ys), has_limits, upper, lower, upper_close, lower_close
    )

    values = [y for _, y in ys]
    all_ranges = [None] + [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    if not has_limits:
        points = [SpcPoint(value=y, moving_range=all_ranges[k], period=number) for k, y in enumerate(values)]
        return points, period

    side = [_sign(y - mean) for y in values]
    outside = [y > upper or y < lower for y in values]
    close = [y > upper_close or y < lower_close for y in values]
    in_run = _runs(side)
    trends = _trends(values)
    in_two = _two_of_three(close, side)
    points = []
    for k, y in enumerate(values):
        directions = []  # NHSRplotthedots' precedence: limits, trend, two of three, run
        if outside[k]:
            directions.append(side[k])
        direction = _trend_direction(trends, values, k)
        directions.extend([direction, *(d for d in trends[k] if d != direction)] if direction else [])
        if in_two[k]:
            directions.append(side[k])
        if in_run[k]:
            directions.append(side[k])
        points.append(
            SpcPoint(
                value=y,
                moving_range=all_ranges[k],
                outside_limits=outside[k],
                close_to_limit=close[k],
                in_run=in_run[k],
                in_trend=bool(trends[k]),
                in_two_of_three=in_two[k],
                trend_direction=direction,
                variation=_variation(directions, better) if directions else Variation.COMMON_CAUSE,
                period=number,
            )
        )
    return points, period


def _trend_direction(trends, values, k) -> int:
    if not trends[k]:
        return 0
    if len(trends[k]) == 1:
        return next(iter(trends[k]))
    # The turning point of a rise then a fall (or the reverse): the direction it goes on in.
    return _sign(values[k + 1] - values[k])


def xmr(
    values: Sequence[float | None],
    *,
    better: Better = Better.NEITHER,
    rebase: Sequence[int] = (),
    baseline: int | Sequence[int | None] | None = None,
    minimum_points: int = MINIMUM_POINTS,
) -> XmR | None:
    """The XmR analysis of ``values`` in time order; None when fewer than two have a figure.

    ``rebase``: indexes into ``values`` where a new period, with its own mean and limits, starts.
    ``baseline``: how many figures at the start of each period fix its mean and limits (one number for
    every period, or one per period; None: all of them). ``minimum_points``: the fewest figures limits are
    worked out from (Making Data Count: 13).
    """
    present = [i for i, value in enumerate(values) if value is not None]
    if len(present) < 2:
        return None
    starts = sorted({0, *(i for i in rebase if 0 < i < len(values))})
    bounds = list(zip(starts, [*starts[1:], len(values)], strict=True))
    if baseline is None or isinstance(baseline, int):
        baselines = [baseline] * len(bounds)
    else:
        baselines = [*baseline, *[None] * len(bounds)][: len(bounds)]

    points: list[SpcPoint] = [SpcPoint(value=None) for _ in values]
    periods = []
    for (start, end), fixed in zip(bounds, baselines, strict=True):
        ys = [(i, float(values[i])) for i in present if start <= i < end]
        if not ys:
            continue
        analysed, period = _analyse_period(ys, start, end, fixed, minimum_points, better, len(periods))
        periods.append(period)
        for (i, _), point in zip(ys, analysed, strict=True):
            points[i] = point
    for i, point in enumerate(points):
        if point.value is None:
            owner = max((n for n, p in enumerate(periods) if p.start <= i), default=0)
            points[i] = SpcPoint(value=None, period=owner)
    return XmR(points=tuple(points), periods=tuple(periods), better=better, minimum_points=minimum_points)
