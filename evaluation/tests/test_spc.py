"""XmR analysis against series worked by hand (Making Data Count rules; see evaluation/spc.py, ADR 0021).

Series shorter than 13 points pass ``minimum_points`` to look at the rules on their own; the Making Data
Count minimum itself is tested below.
"""

import pytest

from evaluation.spc import MINIMUM_POINTS, Better, Variation, xmr

IMPROVEMENT, CONCERN, COMMON = Variation.IMPROVEMENT, Variation.CONCERN, Variation.COMMON_CAUSE


def test_a_steady_series_is_common_cause_with_limits_from_the_mean_moving_range():
    # Mean 6; every moving range 2, so the mean moving range is 2; limits 6 ± 2.66 × 2 = 0.68 to 11.32.
    result = xmr([5, 7] * 7, better=Better.HIGHER)

    assert result.mean == 6
    assert result.moving_ranges == [None] + [2] * 13
    assert result.mean_moving_range == 2
    assert result.upper_limit == pytest.approx(11.32)
    assert result.lower_limit == pytest.approx(0.68)
    assert result.special_cause_points == []
    assert result.variation is COMMON


def test_below_thirteen_points_there_are_no_limits_and_no_special_cause():
    # Twelve months with 40 far above the rest: Making Data Count shows the mean only.
    result = xmr([10, 12, 10, 12, 10, 12, 10, 40, 11, 12, 10, 11], better=Better.HIGHER)

    assert MINIMUM_POINTS == 13
    assert not result.has_limits
    assert result.upper_limit is None and result.lower_limit is None
    assert result.mean == pytest.approx(160 / 12)
    assert result.special_cause_points == []
    assert result.variation is COMMON
    # The thirteenth month brings limits, and the 40 is outside them.
    assert (
        xmr([10, 12, 10, 12, 10, 12, 10, 40, 11, 12, 10, 11, 12], better=Better.HIGHER)
        .points[7]
        .outside_limits
    )


def test_a_point_outside_the_limits_and_a_run_of_seven_below_the_mean():
    # Sum 116 over 8 points: mean 14.5. Moving ranges 2 ×6 and 30: mean 42 / 7 = 6.
    # Upper limit 14.5 + 15.96 = 30.46, so 40 is outside; the seven points before it are all below the mean.
    result = xmr([10, 12, 10, 12, 10, 12, 10, 40], better=Better.HIGHER, minimum_points=2)

    assert result.mean == 14.5
    assert result.mean_moving_range == 6
    assert result.upper_limit == pytest.approx(30.46)
    assert [p.variation for p in result.points] == [CONCERN] * 7 + [IMPROVEMENT]
    assert all(p.in_run and not p.outside_limits for p in result.points[:7])
    assert result.points[7].outside_limits and not result.points[7].in_run
    assert result.variation is IMPROVEMENT  # the icon follows the latest point


def test_six_points_on_one_side_are_not_a_run():
    result = xmr([10, 12, 10, 12, 10, 12, 40, 41], better=Better.HIGHER, minimum_points=2)

    assert not any(point.in_run for point in result.points)


def test_a_point_on_the_mean_ends_a_run():
    # Mean 10: the 10 on the mean splits the seven 9s into stretches of four and three.
    result = xmr([9, 9, 9, 9, 10, 9, 9, 9, 17], minimum_points=2)
    assert result.mean == 10
    assert not any(point.in_run for point in result.points)


def test_trend_points_take_the_direction_of_the_trend_not_their_side_of_the_mean():
    # Mean 4, mean moving range 1: limits 1.34 to 6.66. A rising trend, higher is better: every point is an
    # improvement, those below the mean too (NHSRplotthedots since PR #180; the Making Data Count tools).
    result = xmr([1, 2, 3, 4, 5, 6, 7], better=Better.HIGHER, minimum_points=2)

    assert all(point.in_trend and point.trend_direction == 1 for point in result.points)
    assert [p.variation for p in result.points] == [IMPROVEMENT] * 7
    assert result.points[0].outside_limits and result.points[6].outside_limits
    assert result.points[3].reasons == ["a trend of 7 or more rising"]  # 4 is on the mean: the trend alone


def test_six_rising_points_are_not_a_trend_and_a_tie_breaks_one():
    assert not any(p.in_trend for p in xmr([1, 2, 3, 4, 5, 6, 3, 4], minimum_points=2).points)
    assert not any(p.in_trend for p in xmr([1, 2, 3, 3, 4, 5, 6, 7], minimum_points=2).points)


def test_a_falling_trend_when_lower_is_better_is_an_improvement_on_both_sides_of_the_mean():
    result = xmr([30, 28, 26, 24, 22, 20, 18, 25], better=Better.LOWER, minimum_points=2)

    assert [p.in_trend for p in result.points] == [True] * 7 + [False]
    # Mean 24.125: 30 is above it, 18 below; both are in the falling trend, so both are improvements.
    assert result.points[0].variation is IMPROVEMENT
    assert result.points[6].variation is IMPROVEMENT


def test_where_rules_disagree_improvement_wins():
    # 18 is below the lower limit (a concern) and starts a rising trend (an improvement).
    values = [30, 31, 29, 30, 31, 29, 30, 31, 29, 30, 18, 22, 24, 26, 28, 30, 32]
    result = xmr(values, better=Better.HIGHER)

    assert result.points[10].outside_limits and result.points[10].in_trend
    assert result.points[10].variation is IMPROVEMENT


def test_two_of_three_points_close_to_the_upper_limit():
    # Sum 146 over 12: mean 12.1667. Moving ranges sum to 28 over 11: 2.5455. 2 sigma above the mean is
    # 12.1667 + (2/3 × 2.66) × 2.5455 = 16.68; the limit is 18.94. 17 and 18 are close to it, and with 13
    # before them all three are above the mean: 17 and 18 are special cause, 13 is not.
    values = [10, 12, 10, 12, 10, 12, 13, 17, 18, 10, 12, 10]
    result = xmr(values, better=Better.HIGHER, minimum_points=2)

    assert result.mean == pytest.approx(12.1667, abs=1e-4)
    assert result.mean_moving_range == pytest.approx(2.5455, abs=1e-4)
    assert result.upper_close == pytest.approx(16.68, abs=0.01)
    assert result.special_cause_points == [7, 8]
    assert all(result.points[i].in_two_of_three for i in (7, 8))
    assert result.points[7].reasons == ["two of three points close to a process limit"]
    assert result.variation is COMMON


def test_a_point_beyond_the_limit_counts_as_close_for_two_of_three():
    # Mean 12.667, 2 sigma line 16.12, limit 17.85: 17 is close, 21 beyond the limit. Since 2023 the Making
    # Data Count tools count 21 as close too, so 17 is special cause (two of three).
    values = [12, 11, 13, 12, 11, 13, 12, 11, 13, 12, 11, 13, 12, 11, 13, 12, 17, 21, 13, 12, 11]
    result = xmr(values, better=Better.HIGHER)

    assert result.points[16].in_two_of_three and not result.points[16].outside_limits
    assert result.points[16].variation is IMPROVEMENT
    assert result.points[17].outside_limits and result.points[17].in_two_of_three


def test_two_close_points_with_one_across_the_mean_are_not_special():
    # The same two high points, but the point beside them falls below the mean.
    result = xmr([10, 12, 10, 12, 10, 12, 17, 13, 18, 10, 12, 10], minimum_points=2)

    assert result.special_cause_points == []


def test_with_no_better_direction_special_cause_is_higher_or_lower():
    result = xmr([10, 12, 10, 12, 10, 12, 10, 40], minimum_points=2)

    assert result.points[0].variation is Variation.LOWER
    assert result.points[7].variation is Variation.HIGHER
    assert result.variation.label == "Special cause variation: higher than expected"


def test_months_with_no_figure_keep_their_place_and_are_left_out_of_the_sums():
    result = xmr([10, 12, None, 12, 10, 12], minimum_points=2)

    assert result.mean == pytest.approx(11.2)
    assert result.moving_ranges == [None, 2, None, 0, 2, 2]
    assert result.points[2].value is None and not result.points[2].special_cause


def test_a_rebase_starts_a_period_with_its_own_mean_and_limits():
    before, after = [50, 52, 49, 51, 50, 53, 48, 50, 52, 49, 51, 50, 52, 51], [60, 62, 59, 61] * 4
    result = xmr(before + after, better=Better.HIGHER, rebase=[14])

    assert [p.start for p in result.periods] == [0, 14]
    assert result.periods[0].mean == pytest.approx(sum(before) / 14)
    assert result.mean == pytest.approx(sum(after) / 16)  # the latest period's
    assert result.points[14].period == 1 and result.points[14].moving_range is None
    assert result.special_cause_points == []  # the step up is not a run: each period has its own mean


def test_limits_fixed_on_a_baseline_judge_the_months_after_it():
    values = [50, 52, 49, 51, 50, 53, 48, 50, 52, 49, 51, 50, 52, 70]
    result = xmr(values, better=Better.HIGHER, baseline=13)

    assert result.mean == pytest.approx(sum(values[:13]) / 13)
    assert result.periods[0].baseline_points == 13 and result.periods[0].points == 14
    assert result.points[13].outside_limits and result.variation is IMPROVEMENT


def test_fewer_than_two_figures_cannot_be_charted():
    assert xmr([]) is None
    assert xmr([None, 5, None]) is None
