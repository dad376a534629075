"""The PROM change table by measure and the monthly tables, published beside the year's totals for every unit
of the Trust: no figure shown as "*" can be worked out, or narrowed below 1 to 7, by an outsider who solves
linear programmes over every published figure (ADR 0022, HAZ-051, HAZ-091). Below Trust level the monthly
tables are published where the whole Trust's publication charts the unit (``charted_units``), each month
rounded as the pages round it.

The outsider knows how the figures fit together: each unit's returns are the sum of its units' (the Trust's
of its steering groups', and so on), its months add up to its year, its measures add up to its year, and
each month and each measure adds up across units too. Every published figure bounds its cell: the Trust's
exactly, "0" to 0, a rounded count to within 2 (and at least 8), a "*" to at least 1 (at least 0 below a
withheld unit). For each "*" of 1 to 7 the outsider asks the solver for the smallest and largest value left
possible: they must stay at most 1 and at least 7.
"""

import math
from datetime import date

import highspy
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluation.disclosure import SUPPRESSED, disclose, rounded
from evaluation.figures.measures import CHANGE_COLUMNS, _change_row
from evaluation.figures.published import (
    TRUST_KEY,
    ChartCounts,
    PeopleTree,
    charted_units,
    plans_agreed_charted,
)
from evaluation.figures.types import people_series
from evaluation.scope import DIVISION, STEERING_GROUP, TEAM, TRUST, Scope
from evaluation.selectors.measures import InstrumentChange
from teams.selectors.units import UnitTree

MONTHS = (date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1))
MEASURES = ("SWEMWBS", "WEMWBS")
# Returns of one measure in one month for one team, as a Trust has them: mostly none or a few.
cells = st.one_of(st.just(0), st.integers(0, 4), st.integers(0, 12), st.integers(0, 60))
team_cells = st.lists(st.lists(cells, min_size=len(MEASURES), max_size=len(MEASURES)), min_size=3, max_size=3)
# A busy team: every month 0 or at least 8 returns, so that its unit may be charted.
busy_cells = st.lists(
    st.lists(st.one_of(st.just(0), st.integers(4, 40)), min_size=len(MEASURES), max_size=len(MEASURES)),
    min_size=3,
    max_size=3,
).filter(lambda months: all(sum(month) == 0 or sum(month) >= 8 for month in months))
# A small team: 1 to 7 returns in the year, a "*" that charted units around it must not give away.
small_cells = st.integers(1, 7).map(lambda n: [[n, 0], [0, 0], [0, 0]])
shapes = st.lists(  # steering groups -> divisions -> number of teams
    st.lists(st.integers(1, 3), min_size=1, max_size=3), min_size=1, max_size=3
)


@st.composite
def trusts(draw):
    """A random Trust: its tree of units and, for each team, returns by month and measure."""
    shape = draw(shapes)
    groups, per_team, next_id = {}, {}, iter(range(1, 1000))
    for divisions in shape:
        group = next(next_id)
        groups[group] = {}
        for teams in divisions:
            division = next(next_id)
            groups[group][division] = tuple(next(next_id) for _ in range(teams))
            for team in groups[group][division]:
                per_team[team] = draw(st.one_of(team_cells, busy_cells, busy_cells, small_cells))
    return UnitTree(groups), per_team


def _units(tree: UnitTree):
    """(key, scope, parent key, team ids) for every unit, the Trust first."""
    yield (
        TRUST_KEY,
        Scope.trust(),
        None,
        [t for ds in tree.steering_groups.values() for ts in ds.values() for t in ts],
    )
    for group, divisions in tree.steering_groups.items():
        yield (
            (STEERING_GROUP, group),
            Scope(STEERING_GROUP, group, f"G{group}"),
            TRUST_KEY,
            [t for ts in divisions.values() for t in ts],
        )
        for division, teams in divisions.items():
            yield (
                (DIVISION, division),
                Scope(DIVISION, division, f"D{division}"),
                (STEERING_GROUP, group),
                teams,
            )
            for team in teams:
                yield (TEAM, team), Scope(TEAM, team, f"T{team}"), (DIVISION, division), [team]


def publish(tree: UnitTree, per_team, *, by_unit: bool = False):
    """Every figure the pages show, as the portal publishes it: each unit's year total (its dashboard's
    summary and its parent's rows), its monthly table and its PROM change table. Returns the published
    texts keyed by (figure, unit key, index) and the true counts under the same keys.

    ``by_unit``: decided as plans agreed are, from every unit's own year and months (``publish_people``),
    not from its teams' (plans here agreed with people on one team's caseload, so that they add up)."""
    year_total = {team: sum(sum(month) for month in months) for team, months in per_team.items()}
    totals = PeopleTree(tree).publish_teams(year_total)
    by_month = {team: tuple(sum(month) for month in months) for team, months in per_team.items()}
    charted = charted_units(tree, [ChartCounts([year_total], by_month)])
    if by_unit:
        unit_months = {
            key: tuple(sum(by_month[t][m] for t in teams) for m in range(len(MONTHS)))
            for key, _, _, teams in _units(tree)
            if key != TRUST_KEY
        }
        unit_years = {key: sum(months) for key, months in unit_months.items()}
        unit_years[TRUST_KEY] = sum(year_total.values())
        totals = PeopleTree(tree).publish(unit_years)
        charted_by_unit = charted_units(tree, [ChartCounts([unit_years], unit_months, by_unit=True)])
        # The same decision as from the teams' counts, which add up to the same units' counts.
        assert charted_by_unit == charted
        charted = charted_by_unit
    shown, truth = {}, {}
    for key, scope, _, teams in _units(tree):
        months = [sum(sum(per_team[t][m]) for t in teams) for m in range(len(MONTHS))]
        measures = [
            sum(per_team[t][m][i] for t in teams for m in range(len(MONTHS))) for i in range(len(MEASURES))
        ]
        truth[("year", key, 0)] = sum(months)
        shown[("year", key, 0)] = totals.of(scope).text
        withheld = totals.of(scope).withheld
        series = people_series(  # as ``measures_section`` passes it
            "prom-returns",
            "PROM returns",
            list(zip(MONTHS, months, strict=True)),
            scope,
            charted=key in charted,
        )
        published_months = {v.month: v.shown for v in series.values}
        for m, month in enumerate(MONTHS):
            truth[("month", key, m)] = months[m]
            if month in published_months:
                shown[("month", key, m)] = published_months[month]
        for i, code in enumerate(MEASURES):
            truth[("measure", key, i)] = measures[i]
            row = _change_row(_change(code, measures[i]), scope, counts=scope.trust_level and not withheld)
            if len(row.cells) == len(CHANGE_COLUMNS):  # the returns column is published
                shown[("measure", key, i)] = row.cells[CHANGE_COLUMNS.index("Returns")]
    return shown, truth


def _change(code: str, returns: int) -> InstrumentChange:
    return InstrumentChange(code, code, returns, returns, 0, (), 0, 0, 0, threshold=None)


def attack(tree: UnitTree, shown: dict) -> dict:
    """The smallest and largest value a linear programme leaves for every cell shown as "*"."""
    units = list(_units(tree))
    cells = [
        (figure, key, i)
        for key, *_ in units
        for figure, n in (("year", 1), ("month", 3), ("measure", 2))
        for i in range(n)
    ]
    cells = [c for c in cells if c[0] != "month" or c[2] < len(MONTHS)]
    cells = [c for c in cells if c[0] != "measure" or c[2] < len(MEASURES)]
    index = {cell: n for n, cell in enumerate(cells)}
    rows = []

    def equation(plus, minus):
        row = [0.0] * len(cells)
        for cell in plus:
            row[index[cell]] += 1
        for cell in minus:
            row[index[cell]] -= 1
        rows.append(row)

    children = {}
    for key, _, parent, _ in units:
        if parent is not None:
            children.setdefault(parent, []).append(key)
    for key, *_ in units:
        year = ("year", key, 0)
        equation([year], [("month", key, m) for m in range(len(MONTHS))])  # months add up to the year
        equation([year], [("measure", key, i) for i in range(len(MEASURES))])  # so do measures
        for figure, n in (("year", 1), ("month", len(MONTHS)), ("measure", len(MEASURES))):
            for i in range(n):  # and each adds up across units
                if key in children:
                    equation([(figure, key, i)], [(figure, child, i) for child in children[key]])
    parents = {key: parent for key, _, parent, _ in units}
    bounds = []
    for figure, key, i in cells:
        text = shown.get((figure, key, i))
        bounds.append(
            _bounds(text, exact=key == TRUST_KEY, under_withheld=_withheld_above(shown, parents, key))
        )
    found = {}
    for cell, text in shown.items():
        if text == SUPPRESSED:
            found[cell] = (
                _solve(rows, bounds, index[cell], lowest=True),
                _solve(rows, bounds, index[cell], lowest=False),
            )
    return found


def _solve(rows, bounds, column: int, *, lowest: bool) -> float:
    """The smallest (or largest) value of one cell under every equation and bound: HiGHS, the solver behind
    SciPy's ``linprog``."""
    solver = highspy.Highs()
    solver.setOptionValue("output_flag", False)
    infinite = highspy.kHighsInf
    solver.addVars(
        len(bounds),
        np.array([low for low, _ in bounds], dtype=float),
        np.array([infinite if high is None else high for _, high in bounds], dtype=float),
    )
    for row in rows:
        columns = [i for i, a in enumerate(row) if a]
        solver.addRow(
            0, 0, len(columns), np.array(columns, dtype=np.int32), np.array([row[i] for i in columns])
        )
    solver.changeColCost(column, 1.0)
    solver.changeObjectiveSense(highspy.ObjSense.kMinimize if lowest else highspy.ObjSense.kMaximize)
    solver.run()
    status = solver.getModelStatus()
    if status == highspy.HighsModelStatus.kUnbounded:
        return math.inf
    # The published figures are consistent with the truth, so there is always a solution.
    assert status == highspy.HighsModelStatus.kOptimal, status
    return solver.getInfo().objective_function_value


def _withheld_above(shown, parents, key) -> bool:
    parent = parents[key]
    return parent is not None and shown.get(("year", parent, 0)) == SUPPRESSED


def _bounds(text: str | None, *, exact: bool, under_withheld: bool) -> tuple[float, float | None]:
    if text is None:  # not published
        return (0, None)
    if text == SUPPRESSED:
        return (0 if under_withheld else 1, None)
    value = int(text)
    if exact or value == 0:
        return (value, value)
    return (max(8, value - 2), value + 2)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trusts())
def test_no_star_in_the_change_and_monthly_tables_or_the_totals_can_be_narrowed(trust):
    tree, per_team = trust
    shown, truth = publish(tree, per_team)
    # Below Trust level no measure's returns are published; months only rounded and never "*"; the Trust's
    # as they are.
    assert all(key == TRUST_KEY for figure, key, _ in shown if figure == "measure")
    assert all(
        shown[cell] == str(truth[cell]) for cell in shown if cell[0] != "year" and cell[1] == TRUST_KEY
    )
    assert all(
        shown[cell] == disclose(truth[cell]) != SUPPRESSED
        for cell in shown
        if cell[0] == "month" and cell[1] != TRUST_KEY
    )
    for cell, (low, high) in attack(tree, shown).items():
        if 1 <= truth[cell] <= 7:
            assert low <= 1 + 1e-6 and high >= 7 - 1e-6, (cell, truth[cell], low, high)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trusts())
def test_no_star_among_plans_agreed_each_month_and_the_years_agreed_plans_can_be_narrowed(trust):
    """Plans agreed each month, charted where ``publish_people`` charts them from every unit's own months
    and agreed plans, at worst adding up to the year's (every agreed plan agreed within the chart)."""
    tree, per_team = trust
    shown, truth = publish(tree, per_team, by_unit=True)
    assert all(
        shown[cell] == disclose(truth[cell]) != SUPPRESSED
        for cell in shown
        if cell[0] == "month" and cell[1] != TRUST_KEY
    )
    for cell, (low, high) in attack(tree, shown).items():
        if 1 <= truth[cell] <= 7:
            assert low <= 1 + 1e-6 and high >= 7 - 1e-6, (cell, truth[cell], low, high)


def test_the_attacker_recovers_a_month_published_cell_by_cell():
    """The attack is strong enough to fail: months disclosed one by one below Trust level (as before this
    control) give away a "*" beside the Trust's month and a sibling's."""
    tree = UnitTree({1: {2: (3,)}, 4: {5: (6,)}})
    per_team = {3: [[3, 0], [0, 0], [0, 0]], 6: [[8, 0], [0, 0], [0, 0]]}
    shown, truth = publish(tree, per_team)
    for key, scope, _, _ in _units(tree):
        if not scope.trust_level:
            for m in range(len(MONTHS)):
                n = truth[("month", key, m)]
                shown[("month", key, m)] = (
                    "0" if n == 0 else (SUPPRESSED if rounded(n) is None else str(rounded(n)))
                )
    found = attack(tree, shown)
    low, high = found[("month", (STEERING_GROUP, 1), 0)]
    assert high < 7  # 11 in April at the Trust, 10 (8 to 12) in the other group: at most 3


@pytest.mark.parametrize("kind", [STEERING_GROUP, DIVISION, TEAM])
def test_below_trust_level_the_change_table_shows_no_counts(kind):
    scope = Scope(kind, 1, "A unit")
    row = _change_row(
        InstrumentChange("SWEMWBS", "SWEMWBS", 40, 30, 20, tuple([3.0] * 20), 12, 5, 3, threshold=3), scope
    )
    assert row.cells == ("3.0", "50%")  # mean change; share reliably improved: 10 of 20, rounded
    small = _change_row(
        InstrumentChange("SWEMWBS", "SWEMWBS", 9, 6, 5, tuple([3.0] * 5), 3, 1, 1, threshold=3), scope
    )
    assert small.cells == (SUPPRESSED, SUPPRESSED)
    trust = _change_row(
        InstrumentChange("SWEMWBS", "SWEMWBS", 9, 6, 5, tuple([3.0] * 5), 3, 1, 1, threshold=3),
        Scope(TRUST, None, "T"),
    )
    assert trust.cells[:3] == ("9", "6", "5")


@pytest.mark.parametrize("by_unit", [False, True], ids=["prom-returns", "plans-agreed"])
def test_units_below_the_trust_are_charted_where_that_is_safe(by_unit):
    """Two busy steering groups with busy divisions and teams are charted at every level, each month
    rounded; the property tests above therefore check published months, not only their absence."""
    tree = UnitTree({1: {2: (3,)}, 4: {5: (6, 7)}})
    per_team = {3: [[20, 3], [9, 0], [0, 0]], 6: [[10, 0], [12, 0], [30, 1]], 7: [[8, 0], [0, 0], [9, 9]]}
    shown, truth = publish(tree, per_team, by_unit=by_unit)
    assert shown[("month", (TEAM, 6), 2)] == "30" and shown[("month", (STEERING_GROUP, 4), 0)] == "20"
    assert shown[("month", (DIVISION, 2), 1)] == "10"
    assert not attack(tree, shown)  # nothing withheld to narrow


def test_charting_a_sibling_group_on_its_own_figures_alone_would_give_a_star_away():
    """Two steering groups with every month at least 8 and no "*" among them or above them. Their months
    beside the Trust's pin Local Partnerships' year to 34 to 36 (its rounded 35 says 33 to 37), and with its
    second division's 30 (28 to 32) that narrows the first division's "*" (5) to 2 to 8. So the units one
    level down are charted only when the tree stays safe with their figures known exactly: here they are
    not charted, and nothing can be narrowed."""
    tree = UnitTree({1: {2: (3,)}, 4: {5: (6,), 7: (8,)}})
    per_team = {3: [[12, 0], [12, 0], [11, 0]], 6: [[5, 0], [0, 0], [0, 0]], 8: [[7, 0], [12, 0], [11, 0]]}
    shown, truth = publish(tree, per_team)
    assert shown[("year", (DIVISION, 5), 0)] == SUPPRESSED and shown[("year", (DIVISION, 7), 0)] == "30"
    assert not any(figure == "month" and key != TRUST_KEY for figure, key, _ in shown)
    for cell, (low, high) in attack(tree, shown).items():
        if 1 <= truth[cell] <= 7:
            assert low <= 1 + 1e-6 and high >= 7 - 1e-6
    # The steering groups' months published as the rule of their own figures alone would allow:
    for group in ((STEERING_GROUP, 1), (STEERING_GROUP, 4)):
        for m in range(len(MONTHS)):
            shown[("month", group, m)] = disclose(truth[("month", group, m)])
    low, high = attack(tree, shown)[("year", (DIVISION, 5), 0)]
    assert low > 1 + 1e-6


def test_a_chart_is_not_published_where_its_months_would_undo_another_years_figure():
    """The charts run over 24 months, so their months add up to the figures of earlier financial years too,
    published on those years' dashboards: a unit is charted only where every year its months touch allows
    it. Here the steering groups' months are safe for this year, but last year Forensic had 3 returns (a
    "*") beside Local Partnerships' 40, so no steering group is charted; the Trust still is."""
    tree = UnitTree({1: {2: (3,)}, 4: {5: (6,)}})
    months = {3: (10, 10, 20, 12), 6: (0, 0, 9, 9)}  # the last two months are this year's
    this_year, last_year = {3: 32, 6: 18}, {3: 20, 6: 0}
    assert charted_units(tree, [ChartCounts([this_year], months)]) == {
        TRUST_KEY,
        (STEERING_GROUP, 1),
        (STEERING_GROUP, 4),
        (DIVISION, 2),
        (DIVISION, 5),
        (TEAM, 3),
        (TEAM, 6),
    }
    assert charted_units(tree, [ChartCounts([this_year, last_year], months)]) == {
        TRUST_KEY,
        (STEERING_GROUP, 1),
        (STEERING_GROUP, 4),
        (DIVISION, 2),
        (DIVISION, 5),
        (TEAM, 3),
        (TEAM, 6),
    }
    last_year_small = {3: 40, 6: 3}
    assert charted_units(tree, [ChartCounts([this_year, last_year_small], months)]) == {TRUST_KEY}
    # Where last year's Trust figure itself is withheld (its one steering group's 3 returns), not even the
    # Trust's months are charted: they would add up to it.
    alone = UnitTree({1: {2: (3,)}})
    assert charted_units(alone, [ChartCounts([{3: 30}, {3: 3}], {3: (0, 3, 15, 15)})]) == frozenset()


@st.composite
def two_years(draw):
    """A random Trust with three months of returns in each of two financial years, the chart covering
    all six (as a dashboard's 24 months cover an earlier year)."""
    tree, earlier = draw(trusts())
    later = {team: draw(st.one_of(team_cells, busy_cells, busy_cells, small_cells)) for team in earlier}
    return tree, {team: [sum(m) for m in earlier[team]] + [sum(m) for m in later[team]] for team in earlier}


@pytest.mark.parametrize("by_unit", [False, True], ids=["prom-returns", "plans-agreed"])
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trust=two_years())
def test_no_star_of_either_year_can_be_narrowed_by_months_charted_across_both(by_unit, trust):
    """A chart's months cover an earlier financial year too, whose figures its own dashboard publishes: the
    same outsider, over both years' published figures and the months as the portal charts them, narrows no
    "*" of either year. (Deciding on the chart's own year alone fails this: the earlier year's Trust "*"
    is recovered from the Trust's months.)

    ``by_unit``: plans agreed, decided by ``plans_agreed_charted`` as ``publish_people`` does, from every
    unit's own agreed plans in each year (plans reviewed in date taken as all of them) and its own months."""
    tree, months = trust
    years = ((0, 3), (3, 6))  # the earlier year's months, then the chart's own year's
    totals = [{team: sum(ms[a:b]) for team, ms in months.items()} for a, b in years]
    units = list(_units(tree))
    if by_unit:
        unit_months = {
            key: tuple(sum(months[t][m] for t in teams) for m in range(6)) for key, _, _, teams in units
        }
        unit_years = [{key: sum(ms[a:b]) for key, ms in unit_months.items()} for a, b in years]
        own_year_first = list(reversed(unit_years))
        charted = plans_agreed_charted(
            tree,
            agreed=own_year_first,
            reviewed=own_year_first,
            months={key: ms for key, ms in unit_months.items() if key != TRUST_KEY},
        )
        published = [PeopleTree(tree).publish(unit_year) for unit_year in unit_years]
    else:
        charted = charted_units(tree, [ChartCounts(list(reversed(totals)), months)])
        published = [PeopleTree(tree).publish_teams(total) for total in totals]
    shown, truth = {}, {}
    for key, scope, _, teams in units:
        unit_months = [sum(months[t][m] for t in teams) for m in range(6)]
        for y, (a, b) in enumerate(years):
            shown[("year", key, y)] = published[y].of(scope).text
            truth[("year", key, y)] = sum(unit_months[a:b])
        series = people_series(
            "prom-returns", "PROM returns", list(enumerate(unit_months)), scope, charted=key in charted
        )
        for m, n in enumerate(unit_months):
            truth[("month", key, m)] = n
        shown |= {("month", key, value.month): value.shown for value in series.values}
    cells = list(truth)
    index = {cell: n for n, cell in enumerate(cells)}
    rows = []

    def equation(plus, minus):
        row = [0.0] * len(cells)
        row[index[plus]] += 1
        for cell in minus:
            row[index[cell]] -= 1
        rows.append(row)

    children = {}
    for key, _, parent, _ in units:
        if parent is not None:
            children.setdefault(parent, []).append(key)
    for key, *_ in units:
        for y, (a, b) in enumerate(years):
            equation(("year", key, y), [("month", key, m) for m in range(a, b)])
            if key in children:
                equation(("year", key, y), [("year", child, y) for child in children[key]])
        for m in range(6):
            if key in children:
                equation(("month", key, m), [("month", child, m) for child in children[key]])
    parents = {key: parent for key, _, parent, _ in units}
    bounds = []
    for figure, key, i in cells:
        parent = parents[key]
        under_withheld = (
            figure == "year" and parent is not None and shown.get(("year", parent, i)) == SUPPRESSED
        )
        bounds.append(
            _bounds(shown.get((figure, key, i)), exact=key == TRUST_KEY, under_withheld=under_withheld)
        )
    for cell, text in shown.items():
        if text == SUPPRESSED and 1 <= truth[cell] <= 7:
            low = _solve(rows, bounds, index[cell], lowest=True)
            high = _solve(rows, bounds, index[cell], lowest=False)
            assert low <= 1 + 1e-6 and high >= 7 - 1e-6, (cell, truth[cell], low, high)
