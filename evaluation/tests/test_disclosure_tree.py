"""Publishing a tree of units (Trust, steering groups, divisions, teams): no "*" can be worked out, or
narrowed below 1 to 7, by adding and subtracting the published figures (ADR 0022, HAZ-051)."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from evaluation.disclosure import SUPPRESSED, Unit, percent_of, publish_tree

# Counts as a Trust has them: many small ones (0 and 1 to 7 above all), some larger.
counts = st.one_of(st.integers(0, 9), st.integers(0, 9), st.integers(8, 60), st.integers(0, 400))


def _tree(depth: int, prefix: str = "u"):
    if depth == 0:
        return counts.map(lambda n: Unit(prefix, n))

    def build(kids):
        children = tuple(
            Unit(f"{prefix}.{i}", k.n, _renamed(k.children, f"{prefix}.{i}")) for i, k in enumerate(kids)
        )
        return Unit(prefix, sum(c.n for c in children), children)

    return st.one_of(
        counts.map(lambda n: Unit(prefix, n)),
        st.lists(_tree(depth - 1, prefix), min_size=1, max_size=5).map(build),
    )


def _renamed(children, prefix):
    return tuple(
        Unit(f"{prefix}.{i}", c.n, _renamed(c.children, f"{prefix}.{i}")) for i, c in enumerate(children)
    )


trees = st.lists(_tree(2), min_size=1, max_size=6).map(
    lambda kids: Unit(
        "trust",
        sum(k.n for k in kids),
        tuple(Unit(f"t{i}", k.n, _renamed(k.children, f"t{i}")) for i, k in enumerate(kids)),
    )
)


def _walk(unit, parent=None):
    yield unit, parent
    for child in unit.children:
        yield from _walk(child, unit)


def attack(root: Unit, shown: dict) -> dict:
    """The bounds an outsider gets on every count from the published texts alone: each figure as the rule
    states it, then every equation "a unit is the sum of its units" solved for each of its terms in turn,
    until nothing changes."""
    lo, hi = {}, {}
    for unit, parent in _walk(root):
        text = shown[unit.key].text
        if text == SUPPRESSED:
            lo[unit.key] = 0 if parent is not None and shown[parent.key].text == SUPPRESSED else 1
            hi[unit.key] = math.inf
        elif parent is None:  # the Trust's own figure is exact when shown
            lo[unit.key] = hi[unit.key] = int(text)
        elif text == "0":
            lo[unit.key] = hi[unit.key] = 0
        else:
            lo[unit.key], hi[unit.key] = max(8, int(text) - 2), int(text) + 2
    # parent - child_1 - ... - child_k = 0, as (key, coefficient) terms
    equations = [[(u.key, 1), *((c.key, -1) for c in u.children)] for u, _ in _walk(root) if u.children]
    changed = True
    while changed:
        changed = False
        for terms in equations:
            for key, a in terms:
                # a * x = - sum(b * y) over the other terms
                rest_lo = -sum((b * hi[y] if b > 0 else b * lo[y]) for y, b in terms if y != key)
                rest_hi = -sum((b * lo[y] if b > 0 else b * hi[y]) for y, b in terms if y != key)
                new_lo, new_hi = (rest_lo, rest_hi) if a > 0 else (-rest_hi, -rest_lo)
                if new_lo > lo[key] or new_hi < hi[key]:
                    lo[key], hi[key] = max(lo[key], new_lo), min(hi[key], new_hi)
                    changed = True
    return {key: (lo[key], hi[key]) for key in lo}


@settings(max_examples=400, deadline=None)
@given(trees)
def test_no_withheld_count_can_be_worked_out_from_the_published_tree(root):
    shown = publish_tree(root)
    bounds = attack(root, shown)
    for unit, parent in _walk(root):
        low, high = bounds[unit.key]
        assert low <= unit.n <= high, "the outsider's bounds hold the true count"
        if parent is not None and 1 <= unit.n <= 7:
            assert shown[unit.key].text == SUPPRESSED
            assert low <= 1 and high >= 7, f"{unit.key}={unit.n} narrowed to {low}..{high}"


@settings(max_examples=200, deadline=None)
@given(trees)
def test_every_figure_shown_follows_the_rule(root):
    shown = publish_tree(root)
    assert shown[root.key].text in (str(root.n), SUPPRESSED)
    for unit, parent in _walk(root):
        if parent is None or shown[unit.key].withheld:
            continue
        assert shown[unit.key].value % 5 == 0 and abs(shown[unit.key].value - unit.n) <= 2


def test_the_trust_one_local_partnerships_star_forensic_zero_example():
    """Issue 16: Trust 1, Local Partnerships *, Forensic 0 said Local Partnerships is exactly 1."""
    shown = publish_tree(Unit("trust", 1, (Unit("lp", 1), Unit("forensic", 0))))
    assert [shown[k].text for k in ("trust", "lp", "forensic")] == ["*", "*", "*"]


def test_peer_support_workers_trust_22_is_not_narrowed_to_5_to_7():
    """Issue 16: Trust 22, Local Partnerships 15, Forensic * bounded Forensic to 5 to 7."""
    root = Unit("trust", 22, (Unit("lp", 15), Unit("forensic", 7)))
    shown = publish_tree(root)
    assert shown["trust"].text == "22"
    assert shown["forensic"].text == SUPPRESSED
    assert shown["lp"].text == SUPPRESSED  # withheld to protect Forensic
    low, high = attack(root, shown)["forensic"]
    assert low <= 1 and high >= 7


def test_a_tree_with_nothing_small_is_published_as_the_rule_gives():
    root = Unit("trust", 60, (Unit("a", 20, (Unit("a1", 9), Unit("a2", 11))), Unit("b", 40)))
    shown = publish_tree(root)
    assert {k: s.text for k, s in shown.items()} == {
        "trust": "60",
        "a": "20",
        "a1": "10",
        "a2": "10",
        "b": "40",
    }


def test_a_share_is_worked_out_from_the_published_figures():
    shown = publish_tree(Unit("trust", 40, (Unit("a", 13), Unit("b", 27))), exact_root=False)
    assert percent_of(shown["a"], shown["trust"]) == "38%"  # 15 of 40
    withheld = publish_tree(Unit("trust", 9, (Unit("a", 3), Unit("b", 6))))
    assert percent_of(withheld["a"], withheld["trust"]) == SUPPRESSED
