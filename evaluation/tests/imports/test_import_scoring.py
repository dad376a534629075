"""The import scores with ``scorer_for``: the same results and the same errors as ``score``."""

import random

import pytest

from evaluation.scoring import RULES, ScoringError, score, scorer_for


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
