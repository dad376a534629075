"""The import scores with ``scorer_for``: the same results and the same errors as ``score``."""

import random

import pytest

from evaluation.scoring import RULES, ScoringError, score, scorer_for, scores_for


def _answers(rng: random.Random, code: str) -> list:
    rule = RULES[code]
    values = [rng.randint(rule.low, rule.high) for _ in range(rule.items)]
    roll = rng.random()
    if roll < 0.1:
        values[rng.randrange(rule.items)] = None
    elif roll < 0.2:
        values[rng.randrange(rule.items)] = rng.choice([rule.low - 1, rule.high + 1, True, "3"])
    elif roll < 0.25:
        values = values[:-1]
    return values


def _outcome(scoring, code, answers):
    try:
        return scoring(answers)
    except ScoringError as error:
        return ("error", str(error), error.item)


@pytest.mark.parametrize("code", sorted(RULES))
def test_scorer_for_gives_what_score_gives_for_good_and_bad_answers(code):
    rng = random.Random(code)
    fast = scorer_for(code)
    for _ in range(2000):
        answers = _answers(rng, code)
        assert _outcome(fast, code, answers) == _outcome(lambda a: score(code, a), code, answers), answers


@pytest.mark.parametrize("code", sorted(RULES))
def test_scores_for_a_batch_gives_what_score_gives_for_each_return(code):
    """The import scores a measure's rows an item at a time (``scores_for``): each return's Score is the
    one ``score`` gives it, with the risk items, the physical health item and DIALOG's means."""
    rule = RULES[code]
    rng = random.Random(f"batch {code}")
    batch = [[rng.randint(rule.low, rule.high) for _ in range(rule.items)] for _ in range(3000)]
    for answers in batch[::7]:
        for number in rule.unscored:
            answers[number - 1] = None  # an unscored item left unanswered
    assert scores_for(code, batch) == [score(code, answers) for answers in batch]


@pytest.mark.parametrize(
    "bad", [None, True, "3", 2.0, 99, -1], ids=["missing", "bool", "text", "float", "high", "low"]
)
@pytest.mark.parametrize("code", ["SWEMWBS", "REQOL10", "DIALOG"])
def test_scores_for_a_batch_with_one_bad_answer_raises_what_score_raises(code, bad):
    rule = RULES[code]
    rng = random.Random(f"bad {code}")
    batch = [[rng.randint(rule.low, rule.high) for _ in range(rule.items)] for _ in range(50)]
    batch[31][2] = bad
    with pytest.raises(ScoringError) as from_score:
        score(code, batch[31])
    with pytest.raises(ScoringError) as from_batch:
        scores_for(code, batch)
    assert (str(from_batch.value), from_batch.value.item) == (str(from_score.value), from_score.value.item)
