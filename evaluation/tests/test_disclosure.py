"""Disclosure control against a reference written from the NHS Digital rule, and its properties."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluation import disclosure
from evaluation.disclosure import NOT_APPLICABLE, SUPPRESSED, count, disclose, mean, median, percent

people = st.integers(min_value=0, max_value=250_000)


def reference_published(n: int) -> int | None:
    """The rule as the methodology states it, with decimal arithmetic instead of the module's shortcut."""
    if n == 0:
        return 0
    if 1 <= n <= 7:
        return None
    return int((Decimal(n) / 5).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * 5


@pytest.mark.parametrize(
    ("n", "shown"),
    [(0, "0"), (1, "*"), (7, "*"), (8, "10"), (12, "10"), (13, "15"), (17, "15"), (18, "20"), (1002, "1000")],
)
def test_the_published_examples(n, shown):
    assert disclose(n) == shown


@given(people)
def test_disclose_matches_the_reference(n):
    expected = reference_published(n)
    assert disclose(n) == (SUPPRESSED if expected is None else str(expected))


@given(people)
def test_no_count_from_one_to_seven_is_ever_published(n):
    shown = disclose(n)
    assert shown not in {str(k) for k in range(1, 8)}
    if shown != SUPPRESSED:
        assert int(shown) % 5 == 0
        assert abs(int(shown) - n) <= 2


@given(people, people)
def test_rounding_never_reverses_the_order_of_two_counts(a, b):
    low, high = sorted((a, b))
    if low >= 8:
        assert int(disclose(low)) <= int(disclose(high))


def test_a_negative_count_is_a_mistake_not_a_figure():
    with pytest.raises(ValueError, match="negative"):
        disclose(-1)


@given(people)
def test_trust_level_counts_are_shown_as_they_are(n):
    assert count(n, trust_level=True) == str(n)
    assert count(n) == disclose(n)


@given(
    st.integers(min_value=0, max_value=250_000).flatmap(lambda w: st.tuples(st.integers(0, w), st.just(w)))
)
def test_percent_is_worked_out_from_the_rounded_figures(pair):
    part, whole = pair
    shown = percent(part, whole)
    p, w = reference_published(part), reference_published(whole)
    if w == 0:
        assert shown == NOT_APPLICABLE
    elif p is None or w is None:
        assert shown == SUPPRESSED
    else:
        places = 1 if w >= 4000 else 0
        exact = Decimal(100 * p) / Decimal(w)
        expected = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        # Python's formatting rounds half to even on binary floats; the two may differ only on a tie.
        assert abs(Decimal(shown.rstrip("%")) - expected) <= Decimal(1).scaleb(-places)
        assert shown.endswith("%")


def test_a_percentage_cannot_reveal_a_suppressed_count():
    # 5 of 40 would be 12.5%; the 5 is suppressed, so is the percentage.
    assert percent(5, 40) == SUPPRESSED
    # 12 of 13 published as 10 of 15.
    assert percent(12, 13) == "67%"
    assert percent(12, 13, trust_level=True) == "92%"
    assert percent(0, 0) == NOT_APPLICABLE
    assert percent(2000, 4001) == "50.0%"


def test_a_part_larger_than_its_whole_is_refused():
    with pytest.raises(ValueError):
        percent(9, 8)


@given(st.lists(st.floats(min_value=-70, max_value=70, allow_nan=False), max_size=40))
def test_means_and_medians_are_withheld_when_fewer_than_eight_contribute(values):
    for statistic in (mean, median):
        shown = statistic(values)
        if not values:
            assert shown == NOT_APPLICABLE
        elif len(values) < 8:
            assert shown == SUPPRESSED
            assert statistic(values, trust_level=True) not in (SUPPRESSED, NOT_APPLICABLE)
        else:
            assert shown not in (SUPPRESSED, NOT_APPLICABLE)


@given(st.lists(st.integers(min_value=-35, max_value=35), min_size=8, max_size=40))
def test_mean_and_median_match_the_reference(values):
    exact_mean = Decimal(sum(values)) / Decimal(len(values))
    assert abs(Decimal(mean(values)) - exact_mean) <= Decimal("0.05")
    ordered = sorted(values)
    middle = len(ordered) // 2
    exact_median = (
        Decimal(ordered[middle])
        if len(ordered) % 2
        else (Decimal(ordered[middle - 1]) + Decimal(ordered[middle])) / 2
    )
    assert abs(Decimal(median(values)) - exact_median) <= Decimal("0.05")


def test_the_smallest_figure_shown_is_eight():
    assert disclosure.SMALLEST_SHOWN == 8
    assert mean([3.0] * 7) == SUPPRESSED
    assert mean([3.0] * 8) == "3.0"
