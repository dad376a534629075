"""Disclosure control for every published figure about people below Trust level.

The NHS Digital rule (research notes §6; BRIEF "Evaluation"): 0 stays 0; 1 to 7 is shown as "*"; 8 and
over is rounded to the nearest 5. Means and medians are withheld when fewer than 8 people contribute.
Percentages are worked out from the rounded numerator and denominator, so a suppressed count cannot be
recovered from a percentage beside it. Totals are rounded on their own from unrounded data.

Trust-level figures (the whole Trust, ``trust_level=True``) are shown as they are. Counts that are not
about people (teams, actions, courses) need no control and should not be passed through here.
"""

import math
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from statistics import median as _median

SUPPRESSED = "*"
NOT_APPLICABLE = "–"  # nothing to divide by or average: there is no figure, not a hidden one
SMALLEST_SHOWN = 8
ROUND_TO = 5
# NHS Digital shows one decimal place only where the rounded denominator is at least this large.
ONE_DECIMAL_FROM = 4000


def rounded(n: int) -> int | None:
    """The published value of a count of people: 0, None when suppressed (1–7), else the nearest 5."""
    if n < 0:
        raise ValueError("A count of people cannot be negative.")
    if n == 0:
        return 0
    if n < SMALLEST_SHOWN:
        return None
    # n / 5 never ends in .5 for whole n, so round() has no ties to break.
    return ROUND_TO * round(n / ROUND_TO)


def disclose(n: int) -> str:
    """A count of people as published below Trust level: "0", "*" for 1–7, else the nearest 5."""
    value = rounded(n)
    return SUPPRESSED if value is None else str(value)


def count(n: int, *, trust_level: bool = False) -> str:
    """A count of people, under disclosure control unless it is the whole Trust's."""
    return str(n) if trust_level else disclose(n)


def percent(part: int, whole: int, *, trust_level: bool = False) -> str:
    """``part`` of ``whole`` people as a percentage, worked out from the published (rounded) figures."""
    if part > whole:
        raise ValueError("The part cannot be larger than the whole.")
    if trust_level:
        shown_part, shown_whole = part, whole
    else:
        shown_part, shown_whole = rounded(part), rounded(whole)
    if shown_whole == 0:
        return NOT_APPLICABLE
    if shown_part is None or shown_whole is None:
        return SUPPRESSED
    places = 1 if shown_whole >= ONE_DECIMAL_FROM else 0
    return f"{100 * shown_part / shown_whole:.{places}f}%"


def mean(values: Sequence[float], *, trust_level: bool = False, places: int = 1) -> str:
    """The mean of one value per person; withheld below Trust level when fewer than 8 contribute."""
    return _statistic(values, sum(values) / len(values) if values else 0.0, trust_level, places)


def median(values: Sequence[float], *, trust_level: bool = False, places: int = 1) -> str:
    """The median of one value per person; withheld below Trust level when fewer than 8 contribute."""
    return _statistic(values, _median(values) if values else 0.0, trust_level, places)


def _statistic(values: Sequence[float], value: float, trust_level: bool, places: int) -> str:
    if not values:
        return NOT_APPLICABLE
    if not trust_level and len(values) < SMALLEST_SHOWN:
        return SUPPRESSED
    return f"{value:.{places}f}"


# Publishing a tree of units together (ADR 0022).
#
# A count published beside its parent and its siblings can be worked out by subtraction: Trust 1, Local
# Partnerships "*", Forensic 0 says Local Partnerships is 1. ``publish_tree`` publishes one count for every
# unit of a tree (the Trust, its steering groups, their divisions, their teams) so that no figure shown as
# "*" can be worked out, or narrowed to less than 1 to 7, from the other figures of the tree: it checks the
# tree as someone adding and subtracting the published figures would, and withholds a second figure (the
# smallest shown sibling, then the parent) until nothing can be narrowed. A unit's figure is the same on
# every page that shows it, so the tree is published whole and each page looks its units up.

_EXACT, _ROUNDED, _ZERO, _SMALL, _PROTECTING = "exact", "rounded", "zero", "small", "protecting"
_WITHHELD_STATES = (_SMALL, _PROTECTING)


@dataclass(frozen=True)
class Unit:
    """A count of people for one unit and the units it is made of (their counts add up to at most its own)."""

    key: Hashable
    n: int
    children: tuple["Unit", ...] = ()


@dataclass(frozen=True)
class Shown:
    """How a unit's count is published: the text, and the number shown (None when withheld)."""

    text: str
    value: int | None
    exact: bool = False  # shown as it is (the whole Trust)

    @property
    def withheld(self) -> bool:
        return self.value is None


def publish_tree(root: Unit, *, exact_root: bool = True) -> dict[Hashable, Shown]:
    """Every unit's count as published, keyed by ``Unit.key``.

    The root (the whole Trust) is shown as it is when ``exact_root`` and when that gives nothing away;
    every other count is 0, "*" or rounded to the nearest 5, as ``disclose``. Where subtraction would
    narrow a "*", the smallest shown sibling is withheld too ("*"), or else the parent; below a withheld
    unit a 0 is shown as "*" as well, so that the number of its units with anyone says nothing.
    """
    parent: dict[Hashable, Hashable | None] = {root.key: None}
    units: dict[Hashable, Unit] = {}
    order: list[Unit] = []
    stack = [root]
    while stack:  # preorder: every parent before its children
        unit = stack.pop()
        if unit.key in units:
            raise ValueError(f"The unit {unit.key!r} appears twice in the tree.")
        units[unit.key] = unit
        order.append(unit)
        for child in reversed(unit.children):
            parent[child.key] = unit.key
            stack.append(child)
    state = {u.key: _state(u.n) for u in order}
    if exact_root:
        state[root.key] = _EXACT
    for _ in range(len(order) + 1):
        for unit in order:  # a 0 below a withheld unit is withheld: only the withheld parent says "some"
            above = parent[unit.key]
            if state[unit.key] == _ZERO and above is not None and state[above] in _WITHHELD_STATES:
                state[unit.key] = _PROTECTING
        bounds = _bounds(order, parent, {key: _prior(key, state, parent, units) for key in units})
        exposed = next((u for u in order if state[u.key] == _SMALL and _narrowed(bounds[u.key])), None)
        if exposed is None:
            break
        _protect(exposed, state, parent, units)
    return {u.key: _shown(u.n, state[u.key]) for u in order}


def _state(n: int) -> str:
    if n < 0:
        raise ValueError("A count of people cannot be negative.")
    return _ZERO if n == 0 else _SMALL if n < SMALLEST_SHOWN else _ROUNDED


def _shown(n: int, state: str) -> Shown:
    if state == _EXACT:
        return Shown(str(n), n, exact=True)
    if state in _WITHHELD_STATES:
        return Shown(SUPPRESSED, None)
    value = rounded(n)
    return Shown(str(value), value)


def _prior(key, state, parent, units) -> tuple[float, float]:
    """What the published figure alone says of a unit's count."""
    s, n = state[key], units[key].n
    if s == _EXACT:
        return (n, n)
    if s == _ZERO:
        return (0, 0)
    if s == _ROUNDED:
        value = rounded(n)
        return (max(SMALLEST_SHOWN, value - ROUND_TO // 2), value + ROUND_TO // 2)
    # "*": at least 1 below a shown parent (a 0 there is shown as 0); nothing more is said.
    above = parent[key]
    return (0 if above is not None and state[above] in _WITHHELD_STATES else 1, math.inf)


def _bounds(order, parent, prior) -> dict:
    """The tightest bounds on every count that adding and subtracting the published figures gives: the tree's
    equations (a unit is the sum of its units) propagated to a fixed point, exact for a tree."""
    lo = {key: prior[key][0] for key in prior}
    hi = {key: prior[key][1] for key in prior}
    groups = [(u.key, [c.key for c in u.children]) for u in order if u.children]
    for _ in range(2 * len(order) + 2):
        changed = False
        for top, kids in groups:
            kids_lo, kids_hi = sum(lo[k] for k in kids), sum(hi[k] for k in kids)
            new_lo, new_hi = max(lo[top], kids_lo), min(hi[top], kids_hi)
            changed |= (new_lo, new_hi) != (lo[top], hi[top])
            lo[top], hi[top] = new_lo, new_hi
            for k in kids:
                k_lo = max(lo[k], lo[top] - (kids_hi - hi[k]))
                k_hi = min(hi[k], hi[top] - (kids_lo - lo[k]))
                changed |= (k_lo, k_hi) != (lo[k], hi[k])
                lo[k], hi[k] = k_lo, k_hi
        if not changed:
            break
    return {key: (lo[key], hi[key]) for key in prior}


def _narrowed(bound: tuple[float, float]) -> bool:
    """True when a withheld 1-to-7 count could be told apart from some value between 1 and 7."""
    low, high = bound
    return low > 1 or high < SMALLEST_SHOWN - 1


def _protect(unit: Unit, state, parent, units) -> None:
    """Withhold one more figure to cover ``unit``: the smallest shown sibling with anyone; else, where a
    withheld sibling can be worked out from its own units, the smallest of those shown (nearest first);
    else the parent (going up the tree while the parent is withheld already)."""
    key = unit.key
    while True:
        above = parent[key]
        if above is None:
            state[key] = _PROTECTING if state[key] not in _WITHHELD_STATES else state[key]
            return
        siblings = [c for c in units[above].children if c.key != key]
        level = siblings
        while level:
            shown = [c for c in level if state[c.key] in (_ROUNDED, _EXACT)]
            if shown:
                state[min(shown, key=lambda c: c.n).key] = _PROTECTING
                return
            level = [g for c in level for g in c.children]
        if state[above] not in _WITHHELD_STATES:
            state[above] = _PROTECTING
            return
        key = above


def safe_with_exact(root: Unit, shown: Mapping[Hashable, Shown], exact: Collection[Hashable]) -> bool:
    """True when no withheld 1-to-7 count of the tree published as ``shown`` (by ``publish_tree``) could be
    narrowed if the counts of the units ``exact`` were known exactly as well.

    A unit's months, published beside its year's figure, bound that figure more tightly than its rounding
    does; at worst they give it exactly. So a unit's monthly chart may be published only where the tree
    stays safe with that unit's count known exactly (ADR 0022, addendum on monthly charts below Trust level).
    """
    parent: dict[Hashable, Hashable | None] = {root.key: None}
    order: list[Unit] = []
    stack = [root]
    while stack:
        unit = stack.pop()
        order.append(unit)
        for child in reversed(unit.children):
            parent[child.key] = unit.key
            stack.append(child)
    prior = {}
    for unit in order:
        published, above = shown[unit.key], parent[unit.key]
        if unit.key in exact or published.exact:
            prior[unit.key] = (unit.n, unit.n)
        elif published.withheld:
            withheld_above = above is not None and shown[above].withheld
            prior[unit.key] = (0 if withheld_above else 1, math.inf)
        elif published.value == 0:
            prior[unit.key] = (0, 0)
        else:
            value = published.value
            prior[unit.key] = (max(SMALLEST_SHOWN, value - ROUND_TO // 2), value + ROUND_TO // 2)
    bounds = _bounds(order, parent, prior)
    return not any(
        shown[u.key].withheld and 0 < u.n < SMALLEST_SHOWN and _narrowed(bounds[u.key]) for u in order
    )


def percent_of(part: Shown, whole: Shown) -> str:
    """A share worked out from two published figures, so that it says nothing they do not."""
    if whole.value == 0:
        return NOT_APPLICABLE
    if part.withheld or whole.withheld:
        return SUPPRESSED
    places = 1 if whole.value >= ONE_DECIMAL_FROM else 0
    return f"{100 * part.value / whole.value:.{places}f}%"
