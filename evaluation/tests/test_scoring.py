"""Scoring against the published figures: conversion table, totals, polarity, means, FFT categories."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluation.scoring import RULES, SWEMWBS_METRIC, ScoringError, score

# The University of Warwick's SWEMWBS raw-to-metric table, typed in again from the published table
# (not copied from scoring.py) so that a slip in either shows.
PUBLISHED_SWEMWBS = [
    (7, 7.00), (8, 9.51), (9, 11.25), (10, 12.40), (11, 13.33), (12, 14.08), (13, 14.75), (14, 15.32),
    (15, 15.84), (16, 16.36), (17, 16.88), (18, 17.43), (19, 17.98), (20, 18.59), (21, 19.25),
    (22, 19.98), (23, 20.73), (24, 21.54), (25, 22.35), (26, 23.21), (27, 24.11), (28, 25.03),
    (29, 26.02), (30, 27.03), (31, 28.13), (32, 29.31), (33, 30.70), (34, 32.55), (35, 35.00),
]  # fmt: skip


def answers_summing_to(raw: int, items: int, low: int, high: int) -> list[int]:
    """Answers within range adding up to ``raw``: as many at ``high`` as fit, then the remainder."""
    answers = [low] * items
    left = raw - low * items
    for index in range(items):
        step = min(high - low, left)
        answers[index] += step
        left -= step
    assert left == 0 and sum(answers) == raw
    return answers


@pytest.mark.parametrize(("raw", "metric"), PUBLISHED_SWEMWBS)
def test_every_swemwbs_raw_total_maps_to_its_metric_score(raw, metric):
    result = score("SWEMWBS", answers_summing_to(raw, 7, 1, 5))
    assert result.raw == raw
    assert result.total == metric


def test_the_swemwbs_table_covers_exactly_7_to_35():
    assert sorted(SWEMWBS_METRIC) == list(range(7, 36))


@given(st.lists(st.integers(1, 5), min_size=7, max_size=7))
def test_swemwbs_metric_rises_with_the_raw_score_and_stays_in_range(answers):
    result = score("SWEMWBS", answers)
    assert 7 <= result.total <= 35
    if result.raw < 35:
        better = list(answers)
        better[better.index(min(better))] += 1
        assert score("SWEMWBS", better).total > result.total


@pytest.mark.parametrize("raw", range(14, 71))
def test_every_wemwbs_total_from_14_to_70_is_the_sum(raw):
    result = score("WEMWBS", answers_summing_to(raw, 14, 1, 5))
    assert result.total == raw == result.raw


@pytest.mark.parametrize("raw", range(0, 61))
def test_every_qpr15_total_from_0_to_60_is_the_sum(raw):
    assert score("QPR15", answers_summing_to(raw, 15, 0, 4)).total == raw


NONE_OF_THE_TIME, SOMETIMES, MOST_OR_ALL = 0, 2, 4


def test_reqol_all_none_of_the_time_scores_16():
    # Positive items (2, 4, 5, 7, 8, 10) score 0 each; the negative items 1, 3, 6, 9 score 4 each.
    assert score("REQOL10", [NONE_OF_THE_TIME] * 10).total == 16


def test_reqol_all_most_or_all_of_the_time_scores_24():
    # Positive items score 4 each (24); the four negative items score 0.
    assert score("REQOL10", [MOST_OR_ALL] * 10).total == 24


def test_reqol_best_possible_answers_score_40_and_worst_0():
    negative = {1, 3, 6, 9}
    best = [NONE_OF_THE_TIME if n in negative else MOST_OR_ALL for n in range(1, 11)]
    worst = [MOST_OR_ALL if n in negative else NONE_OF_THE_TIME for n in range(1, 11)]
    assert score("REQOL10", best).total == 40
    assert score("REQOL10", worst).total == 0


def test_reqol_hand_computed_mixed_return():
    # Form order: 1(-) 2(+) 3(-) 4(+) 5(+) 6(-) 7(+) 8(+) 9(-) 10(+); answers 1 3 2 2 3 0 3 2 4 1.
    # Item scores: 4-1=3, 3, 4-2=2, 2, 3, 4-0=4, 3, 2, 4-4=0, 1 -> 23.
    assert score("REQOL10", [1, 3, 2, 2, 3, 0, 3, 2, 4, 1]).total == 23


def test_reqol_never_reverses_items_3_5_7_only():
    # The mistake seen in other software: reversing 3, 5 and 7. "I felt happy" (5) is positive.
    happy_all_the_time = [2, 2, 2, 2, MOST_OR_ALL, 2, 2, 2, 2, 2]
    assert score("REQOL10", happy_all_the_time).total == 22  # 20 for the rest at "sometimes", +2
    assert RULES["REQOL10"].reverse == {1, 3, 6, 9}


@given(st.lists(st.integers(0, 4), min_size=10, max_size=10))
def test_reqol_answers_and_their_mirror_add_up_to_40(answers):
    # Mirroring every answer swaps each item's score s for 4 - s, whatever its polarity.
    mirrored = [4 - value for value in answers]
    assert score("REQOL10", answers).total + score("REQOL10", mirrored).total == 40


def test_reqol_physical_health_item_is_reported_but_not_scored():
    with_physical = score("REQOL10", [2] * 10 + [4])
    assert with_physical.total == score("REQOL10", [2] * 10).total == 20
    assert with_physical.physical_health == 4


@pytest.mark.parametrize(
    ("item6", "flagged"), [(0, False), (1, False), (SOMETIMES, True), (3, True), (MOST_OR_ALL, True)]
)
def test_reqol_sometimes_or_more_to_life_not_worth_living_is_a_risk_answer(item6, flagged):
    answers = [2] * 10
    answers[5] = item6
    assert score("REQOL10", answers).has_risk_answer is flagged


def test_dialog_means_of_life_domains_and_treatment_aspects():
    # Life domains 1-8: 3 4 2 5 4 6 5 3 = 32 / 8 = 4.0; treatment 9-11: 6 5 7 = 18 / 3 = 6.0.
    result = score("DIALOG", [3, 4, 2, 5, 4, 6, 5, 3, 6, 5, 7])
    assert result.subscales == {"life": 4.0, "treatment": 6.0}
    assert result.total == 4.0


def test_dialog_means_that_do_not_divide_evenly():
    result = score("DIALOG", [5, 5, 5, 5, 5, 5, 5, 6, 1, 2, 2])
    assert result.subscales["life"] == 5.125
    assert result.subscales["treatment"] == pytest.approx(5 / 3, abs=1e-4)


@pytest.mark.parametrize(
    ("answer", "category"),
    [(1, "positive"), (2, "positive"), (3, "neutral"), (4, "negative"), (5, "negative"), (6, "dont_know")],
)
def test_fft_classification(answer, category):
    assert score("FFT", [answer]).category == category


@pytest.mark.parametrize(
    ("code", "answers", "message"),
    [
        ("SWEMWBS", [3, 3, None, 3, 3, 3, 3], "SWEMWBS item 3 is not answered"),
        ("SWEMWBS", [3] * 6, "SWEMWBS has 7 items; 6 answers were given"),
        ("SWEMWBS", [3, 3, 3, 6, 3, 3, 3], "SWEMWBS item 4: 6 is outside 1 to 5"),
        ("WEMWBS", [0] + [3] * 13, "WEMWBS item 1: 0 is outside 1 to 5"),
        ("REQOL10", [2] * 5 + [None] + [2] * 4, "REQOL10 item 6 is not answered"),
        ("QPR15", [2] * 14 + [5], "QPR15 item 15: 5 is outside 0 to 4"),
        ("DIALOG", [4] * 10 + [8], "DIALOG item 11: 8 is outside 1 to 7"),
        ("FFT", [7], "FFT item 1: 7 is outside 1 to 6"),
        ("SWEMWBS", [3, "3", 3, 3, 3, 3, 3], "SWEMWBS item 2: '3' is not a whole number"),
        ("SWEMWBS", [3, True, 3, 3, 3, 3, 3], "SWEMWBS item 2: True is not a whole number"),
        ("PHQ9", [1] * 9, "'PHQ9' is not an instrument the portal scores"),
    ],
)
def test_incomplete_or_out_of_range_answers_raise_an_error_naming_the_item(code, answers, message):
    with pytest.raises(ScoringError, match=message.replace("(", r"\(").replace(")", r"\)")):
        score(code, answers)


def test_scoring_error_carries_the_item_number():
    with pytest.raises(ScoringError) as raised:
        score("QPR15", [2] * 9 + [None] + [2] * 5)
    assert raised.value.item == 10
