"""Scoring every instrument in one place: ``score(code, answers)`` and ``classify_change``.

``answers`` are the stored option values in item order (see migration 0002). The rules here are the
published scoring algorithms; the item definitions in the database must agree with them, which
``evaluation/tests/test_instrument_definitions.py`` checks. Scoring needs no database, so an import
of many thousands of rows scores them without a query each.

Known mistakes elsewhere that this avoids (ADR 0013): SWEMWBS is reported on the metric scale from the
published conversion table, never as the raw sum alone; ReQoL-10 reverse scores exactly its four
negatively worded items (1, 3, 6 and 9 in form order), never items 3, 5 and 7.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import repeat
from operator import add, ge, mul, sub


class ScoringError(ValueError):
    """The answers cannot be scored; the message names the item and says why."""

    def __init__(self, message: str, *, item: int | None = None):
        super().__init__(message)
        self.item = item


# Raw SWEMWBS total (7-35) to metric score: the Rasch conversion table published by the University of
# Warwick (Stewart-Brown et al. 2009; "How to use WEMWBS").
SWEMWBS_METRIC = {
    7: 7.00, 8: 9.51, 9: 11.25, 10: 12.40, 11: 13.33, 12: 14.08, 13: 14.75, 14: 15.32, 15: 15.84,
    16: 16.36, 17: 16.88, 18: 17.43, 19: 17.98, 20: 18.59, 21: 19.25, 22: 19.98, 23: 20.73, 24: 21.54,
    25: 22.35, 26: 23.21, 27: 24.11, 28: 25.03, 29: 26.02, 30: 27.03, 31: 28.13, 32: 29.31, 33: 30.70,
    34: 32.55, 35: 35.00,
}  # fmt: skip


@dataclass(frozen=True)
class Rule:
    """How one instrument is scored. Item numbers are 1-based, in form order."""

    code: str
    kind: str  # matches Instrument.scoring_rule
    items: int
    low: int
    high: int
    reverse: frozenset[int] = frozenset()
    unscored: frozenset[int] = frozenset()  # asked but not part of any score; may be left unanswered
    groups: dict[str, tuple[int, ...]] = field(default_factory=dict)
    risk: dict[int, int] = field(default_factory=dict)  # item -> lowest stored value that is a risk answer
    categories: dict[int, str] = field(default_factory=dict)


RULES: dict[str, Rule] = {
    "SWEMWBS": Rule("SWEMWBS", "sum_then_table", items=7, low=1, high=5),
    "WEMWBS": Rule("WEMWBS", "sum", items=14, low=1, high=5),
    "REQOL10": Rule(
        "REQOL10",
        "sum_with_reversed",
        items=11,
        low=0,
        high=4,
        reverse=frozenset({1, 3, 6, 9}),
        unscored=frozenset({11}),  # the physical health item is reported on its own
        risk={6: 2},  # "I thought my life was not worth living": "Sometimes" or more
    ),
    "QPR15": Rule("QPR15", "sum", items=15, low=0, high=4),
    "DIALOG": Rule(
        "DIALOG",
        "group_means",
        items=11,
        low=1,
        high=7,
        groups={"life": (1, 2, 3, 4, 5, 6, 7, 8), "treatment": (9, 10, 11)},
    ),
    "FFT": Rule(
        "FFT",
        "category",
        items=1,
        low=1,
        high=6,
        categories={1: "positive", 2: "positive", 3: "neutral", 4: "negative", 5: "negative", 6: "dont_know"},
    ),
}


@dataclass(frozen=True)
class Score:
    """The result of scoring one return.

    ``total`` is the main score (SWEMWBS: metric; DIALOG: life domains mean; FFT: None). ``raw`` is the
    sum of item scores (None for DIALOG and FFT). ``subscales`` holds the DIALOG means. ``category`` is
    the FFT classification. ``risk_items`` lists items answered at or above their risk value.
    """

    code: str
    total: float | None
    raw: float | None = None
    subscales: dict[str, float] = field(default_factory=dict)
    category: str | None = None
    risk_items: tuple[int, ...] = ()
    physical_health: int | None = None

    @property
    def has_risk_answer(self) -> bool:
        return bool(self.risk_items)


# ReQoL-10's physical health question (item 11) is reported on its own, beside the score.
PHYSICAL_HEALTH_AT = {"REQOL10": 10}


def rule_for(code: str) -> Rule:
    try:
        return RULES[code]
    except KeyError:
        raise ScoringError(f"{code!r} is not an instrument the portal scores") from None


def _checked(rule: Rule, answers: Sequence) -> list[int | None]:
    if isinstance(answers, str | bytes) or not isinstance(answers, Iterable):
        raise ScoringError(f"{rule.code} answers must be a list of values in item order")
    values = list(answers)
    # Unscored items at the end may be left off altogether.
    while len(values) < rule.items and len(values) + 1 in rule.unscored:
        values.append(None)
    if len(values) != rule.items:
        raise ScoringError(f"{rule.code} has {rule.items} items; {len(values)} answers were given")
    for number, value in enumerate(values, start=1):
        if value is None:
            if number in rule.unscored:
                continue
            raise ScoringError(
                f"{rule.code} item {number} is not answered; {rule.code} cannot be scored with an "
                "answer missing",
                item=number,
            )
        if isinstance(value, bool) or not isinstance(value, int):
            raise ScoringError(f"{rule.code} item {number}: {value!r} is not a whole number", item=number)
        if not rule.low <= value <= rule.high:
            raise ScoringError(
                f"{rule.code} item {number}: {value} is outside {rule.low} to {rule.high}", item=number
            )
    return values


def score(code: str, answers: Sequence[int | None]) -> Score:
    """Score one return. Raises ``ScoringError`` naming the item when an answer is missing or out of range."""
    rule = rule_for(code)
    values = _checked(rule, answers)
    risk = tuple(n for n, lowest in sorted(rule.risk.items()) if values[n - 1] >= lowest)
    if rule.kind == "category":
        return Score(code, total=None, category=rule.categories[values[0]])
    if rule.kind == "group_means":
        means = {
            name: round(sum(values[n - 1] for n in numbers) / len(numbers), 4)
            for name, numbers in rule.groups.items()
        }
        return Score(code, total=means["life"], subscales=means)
    item_scores = [
        (rule.high + rule.low - value) if number in rule.reverse else value
        for number, value in enumerate(values, start=1)
        if number not in rule.unscored
    ]
    raw = sum(item_scores)
    total = SWEMWBS_METRIC[raw] if rule.kind == "sum_then_table" else raw
    physical_at = PHYSICAL_HEALTH_AT.get(code)
    physical = values[physical_at] if physical_at is not None else None
    return Score(code, total=float(total), raw=float(raw), risk_items=risk, physical_health=physical)


class ChangeCategory(StrEnum):
    IMPROVEMENT = "improvement"
    NO_CHANGE = "no_change"
    DETERIORATION = "deterioration"

    @property
    def label(self) -> str:
        return {
            "improvement": "Reliable improvement",
            "no_change": "No reliable change",
            "deterioration": "Reliable deterioration",
        }[self.value]


@dataclass(frozen=True)
class Thresholds:
    """The configured reliable-change value and cut-off for one instrument's score (either may be absent)."""

    reliable_change: float | None = None
    cut_off: float | None = None
    cut_off_inclusive: bool = False  # True: scores at the cut-off are in the range below it
    range_label: str = ""

    def in_range_below(self, value: float) -> bool:
        if self.cut_off is None:
            return False
        return value <= self.cut_off if self.cut_off_inclusive else value < self.cut_off


@dataclass(frozen=True)
class Change:
    change: float
    category: ChangeCategory | None  # None when no reliable-change threshold is configured
    threshold: float | None
    crossed: str | None = None  # "out_of" or "into" the range below the cut-off, or None
    range_label: str = ""

    @property
    def label(self) -> str:
        return self.category.label if self.category else "Not classified (no threshold configured)"

    @property
    def crossing_text(self) -> str:
        if self.crossed == "out_of":
            return f"Moved out of the {self.range_label}"
        if self.crossed == "into":
            return f"Moved into the {self.range_label}"
        return ""


# Scores carry at most 4 decimal places; rounding the difference stops 22.35 - 19.35 = 2.9999999 from
# missing a threshold of 3.
_PLACES = 6


def classify_change(
    code: str,
    first: float,
    latest: float,
    *,
    thresholds: Thresholds | None = None,
    measure: str = "total",
) -> Change:
    """Reliable improvement, no reliable change or reliable deterioration between two scores, and
    whether the cut-off was crossed. A change of exactly the threshold counts as reliable.

    ``thresholds`` defaults to the active rows configured for the instrument (one query); callers
    classifying many pairs pass them in (``thresholds_by_code``).
    """
    rule_for(code)
    if thresholds is None:
        thresholds = thresholds_by_code(measure=measure).get(code, Thresholds())
    change = round(latest - first, _PLACES)
    category = None
    if thresholds.reliable_change is not None:
        limit = round(thresholds.reliable_change, _PLACES)
        if change >= limit:
            category = ChangeCategory.IMPROVEMENT
        elif change <= -limit:
            category = ChangeCategory.DETERIORATION
        else:
            category = ChangeCategory.NO_CHANGE
    crossed = None
    if thresholds.cut_off is not None:
        before, after = thresholds.in_range_below(first), thresholds.in_range_below(latest)
        if before and not after:
            crossed = "out_of"
        elif after and not before:
            crossed = "into"
    return Change(change, category, thresholds.reliable_change, crossed, thresholds.range_label)


def thresholds_by_code(*, measure: str = "total") -> dict[str, Thresholds]:
    """The active thresholds of every instrument for one score (``total``, ``life`` or ``treatment``)."""
    return {code: found for (code, kind), found in all_thresholds().items() if kind == measure}


def all_thresholds() -> dict[tuple[str, str], Thresholds]:
    """The active thresholds of every instrument, keyed by (instrument code, score measure); one query."""
    from .models import ChangeThreshold, ThresholdDirection, ThresholdKind

    found: dict[tuple[str, str], dict] = {}
    rows = ChangeThreshold.objects.filter(is_active=True).select_related("instrument")
    for row in rows:
        entry = found.setdefault((row.instrument.code, row.measure), {})
        if row.kind == ThresholdKind.RELIABLE_CHANGE:
            entry["reliable_change"] = row.value
        else:
            entry["cut_off"] = row.value
            entry["cut_off_inclusive"] = row.direction == ThresholdDirection.AT_OR_BELOW
            entry["range_label"] = row.range_label
    return {key: Thresholds(**values) for key, values in found.items()}


def main_measure(code: str) -> str:
    """Which configured score a return's ``total`` is: DIALOG's total is its life domains mean."""
    return "life" if code == "DIALOG" else "total"


def scorer_for(code: str) -> Callable[[Sequence[int | None]], Score]:
    """``score`` for many returns of one instrument (an import of thousands): the same rules and the
    same results, with the rule worked out once and each return checked and summed by built-ins rather
    than item by item. Answers that are not a complete list of whole numbers in range go through
    ``score`` itself, which raises the error naming the item."""
    rule = rule_for(code)
    count, low, high, kind = rule.items, rule.low, rule.high, rule.kind
    risk = tuple(sorted(rule.risk.items()))
    unscored_at = tuple(number - 1 for number in sorted(rule.unscored))
    scored_at = [index for index in range(count) if index not in unscored_at]
    reverse_at = [number - 1 for number in sorted(rule.reverse)]
    # The sum of the scored items with the reversed ones counted as (high + low - value).
    reversed_offset = len(reverse_at) * (high + low)
    groups = [[n - 1 for n in numbers] for numbers in rule.groups.values()]
    physical_at = PHYSICAL_HEALTH_AT.get(code)
    only_ints, ints_or_none = {int}, {int, type(None)}
    # A return's Score follows from a few numbers (the raw sum, the risk items, the physical health
    # item; DIALOG's two sums), so one Score is made for each and handed out again: Score is frozen.
    made: dict[tuple, Score] = {}

    def scored(answers: Sequence[int | None]) -> Score:
        if type(answers) is not list or len(answers) != count:
            return score(code, answers)
        kinds = set(map(type, answers))  # bool is a type of its own here, as score refuses it
        if kinds == only_ints:
            given = answers
        elif kinds == ints_or_none and all(answers[index] is not None for index in scored_at):
            given = [value for value in answers if value is not None]  # only unscored items are left
        else:
            return score(code, answers)
        if min(given) < low or max(given) > high:
            return score(code, answers)
        if kind == "category":
            key = (answers[0],)
        elif kind == "group_means":
            key = tuple(sum([answers[i] for i in at]) for at in groups)
        else:
            raw = sum(given) - sum([answers[i] for i in unscored_at if answers[i] is not None])
            if reverse_at:
                raw += reversed_offset - 2 * sum([answers[i] for i in reverse_at])
            found = tuple(number for number, lowest in risk if answers[number - 1] >= lowest) if risk else ()
            key = (raw, found, answers[physical_at] if physical_at is not None else None)
        result = made.get(key)
        if result is None:
            result = made[key] = _score_of_key(rule, key)
        return result

    return scored


def _score_of_key(rule: Rule, key: tuple) -> Score:
    """The Score of a return from the few numbers it follows from: (the answer) for a category; the sum
    of each group in order for group means; otherwise (raw sum, risk items, physical health item)."""
    code, kind = rule.code, rule.kind
    if kind == "category":
        return Score(code, total=None, category=rule.categories[key[0]])
    if kind == "group_means":
        means = {
            name: round(total / len(numbers), 4)
            for (name, numbers), total in zip(rule.groups.items(), key, strict=True)
        }
        return Score(code, total=means["life"], subscales=means)
    raw, found, physical = key
    total = SWEMWBS_METRIC[raw] if kind == "sum_then_table" else raw
    return Score(code, total=float(total), raw=float(raw), risk_items=found, physical_health=physical)


def scores_for(code: str, returns: Sequence[Sequence[int | None]]) -> list[Score]:
    """``score`` for every return of one instrument at once (the rows of an import): the same results,
    worked out an item at a time across all the returns rather than a return at a time, so the
    per-return work is done by built-ins. A batch in which any answer is not a whole number in range
    (or is missing where it may not be) is scored return by return instead (``scorer_for``), which
    raises on the first such return the error ``score`` raises."""
    rule = rule_for(code)
    count = rule.items
    if not returns:
        return []
    if set(map(type, returns)) != {list} or set(map(len, returns)) != {count}:
        return list(map(scorer_for(code), returns))
    columns = list(zip(*returns, strict=True))  # one tuple of answers per item, in item order
    allowed = frozenset(range(rule.low, rule.high + 1))
    for number, column in enumerate(columns, start=1):
        kinds = set(map(type, column))  # bool is a type of its own here, as score refuses it
        values = set(column)
        if number in rule.unscored:
            kinds.discard(type(None))
            values.discard(None)
        if not (kinds <= {int} and values <= allowed):
            return list(map(scorer_for(code), returns))
    if rule.kind == "category":
        keys = list(zip(columns[0]))
    elif rule.kind == "group_means":
        sums = [
            list(map(sum, zip(*(columns[n - 1] for n in numbers), strict=True)))
            for numbers in rule.groups.values()
        ]
        keys = list(zip(*sums, strict=True))
    else:
        # strict=False: the risk items and physical health item are repeated for measures without them.
        keys = list(
            zip(_raw_sums(rule, columns), _risk_items(rule, columns), _physical(rule, columns), strict=False)
        )
    made = {key: _score_of_key(rule, key) for key in set(keys)}
    return list(map(made.__getitem__, keys))


def _raw_sums(rule: Rule, columns: list[tuple]):
    """Each return's sum of its scored items, a reversed item counted as (high + low - value)."""
    scored = [column for number, column in enumerate(columns, start=1) if number not in rule.unscored]
    raw = map(sum, zip(*scored, strict=True))
    if not rule.reverse:
        return raw
    reversed_sums = map(sum, zip(*(columns[n - 1] for n in sorted(rule.reverse)), strict=True))
    # sum(scored) - sum(reversed) + sum(high + low - reversed) = sum(scored) + offset - 2 * sum(reversed)
    offset = len(rule.reverse) * (rule.high + rule.low)
    return map(sub, map(add, raw, repeat(offset)), map(mul, reversed_sums, repeat(2)))


def _risk_items(rule: Rule, columns: list[tuple]):
    """Each return's items answered at or above their risk value, as a tuple of item numbers."""
    if not rule.risk:
        return repeat(())
    items = sorted(rule.risk.items())
    flags = list(
        zip(*(map(ge, columns[number - 1], repeat(lowest)) for number, lowest in items), strict=True)
    )
    found = {
        key: tuple(number for (number, _), flag in zip(items, key, strict=True) if flag) for key in set(flags)
    }
    return map(found.__getitem__, flags)


def _physical(rule: Rule, columns: list[tuple]):
    """ReQoL-10's physical health item, reported on its own; None for every other measure."""
    physical_at = PHYSICAL_HEALTH_AT.get(rule.code)
    return columns[physical_at] if physical_at is not None else repeat(None)
