"""On the demo Trust, no "*" on any dashboard level can be worked out, or narrowed below 1 to 7, from the
figures shown for the Trust, its steering groups, divisions and teams (ADR 0022, HAZ-051).

Every dashboard's figures are read as the pages show them: each unit's own figure (its dashboard's summary)
and its row on its parent's dashboard. An outsider adds and subtracts them along the tree.
"""

import pytest
from django.utils import timezone

from careplans import selectors as plan_selectors
from evaluation.disclosure import SUPPRESSED, Unit
from evaluation.figures import figures_for, publish_people
from evaluation.scope import DIVISION, STEERING_GROUP, TEAM, TRUST, Scope, scope_from_unit
from evaluation.selectors.breakdown import prom_returns_by_team
from evaluation.tests.test_disclosure_tree import attack
from recovery_portal.financial_year import FinancialYear
from teams import selectors as team_selectors
from tests.test_demo_data import seed_output  # noqa: F401 (the demo Trust, seeded once for the module)

pytestmark = pytest.mark.django_db

# (section, summary figure, breakdown table, column): the same count shown on a unit's page and its row.
FIGURES = {
    "people on caseloads": ("personal_plans", "people", "personal-plans", 0),
    "PROM returns": ("measures", "prom_returns", "measures", 0),
    "peer support workers": ("peer_support", "workers", "peer-support", 0),
}


@pytest.fixture
def demo(seed_output, db):  # noqa: F811
    return seed_output


def _tree():
    tree = team_selectors.unit_tree()
    return [
        (STEERING_GROUP, group, [(DIVISION, division, teams) for division, teams in divisions.items()])
        for group, divisions in tree.steering_groups.items()
    ]


def _true_counts(year):
    by_kind = {
        k: plan_selectors.plan_measures_grouped(year=year, by=k) for k in (STEERING_GROUP, DIVISION, TEAM)
    }
    people = {(k, pk): m.people for k, found in by_kind.items() for pk, m in found.items() if pk is not None}
    people[(TRUST, None)] = by_kind[TEAM][None].people
    returns = {(TEAM, team): n for team, n in prom_returns_by_team(year=year).items()}
    workers = {
        (k, pk): w.peer_support_workers
        for k in (STEERING_GROUP, DIVISION, TEAM)
        for pk, w in team_selectors.peer_support_workforce(team_ids=None, by=k).items()
    }
    workers[(TRUST, None)] = team_selectors.peer_support_workforce(team_ids=None)[None].peer_support_workers
    return {"people on caseloads": people, "PROM returns": returns, "peer support workers": workers}


def test_no_withheld_figure_on_any_dashboard_level_can_be_worked_out(demo):
    year = FinancialYear.current()
    groups = _tree()
    scopes = [Scope.trust()]
    for unit in team_selectors.unit_breakdown(kind=TRUST, pk=None).children:
        scopes.append(Scope(unit.kind, unit.pk, unit.label, unit.slug))
    shown = {name: {} for name in FIGURES}  # name -> (kind, pk) -> every text shown for it
    queue = list(scopes)
    while queue:
        scope = queue.pop()
        figures = figures_for(scope=scope, year=year)
        for name, (section, key, table_key, column) in FIGURES.items():
            own = getattr(figures, section).figure(key).value
            shown[name].setdefault((scope.kind, scope.pk), set()).add(own)
            table = figures.table(table_key)
            for row in table.rows if table else ():
                shown[name].setdefault((row.scope.kind, row.scope.pk), set()).add(row.cells[column])
        queue.extend(child for child in figures.children if child.kind != STEERING_GROUP)

    truth = _true_counts(year)
    withheld_small = 0
    for name in FIGURES:
        # A unit's figure is the same wherever it is shown.
        assert all(len(texts) == 1 for texts in shown[name].values()), name
        texts = {key: next(iter(found)) for key, found in shown[name].items()}
        counts = truth[name]
        if name == "PROM returns":  # returns add up from the teams
            for kind, group, divisions in groups:
                for _, division, teams in divisions:
                    counts[(DIVISION, division)] = sum(counts.get((TEAM, t), 0) for t in teams)
                counts[(kind, group)] = sum(counts.get((DIVISION, d), 0) for _, d, _ in divisions)
            counts[(TRUST, None)] = sum(counts.get((STEERING_GROUP, g), 0) for _, g, _ in groups)
        root = Unit(
            (TRUST, None),
            counts.get((TRUST, None), 0),
            tuple(
                Unit(
                    (STEERING_GROUP, group),
                    counts.get((STEERING_GROUP, group), 0),
                    tuple(
                        Unit(
                            (DIVISION, division),
                            counts.get((DIVISION, division), 0),
                            tuple(Unit((TEAM, t), counts.get((TEAM, t), 0)) for t in teams),
                        )
                        for _, division, teams in divisions
                    ),
                )
                for _, group, divisions in groups
            ),
        )
        published = {key: _Text(text) for key, text in texts.items()}
        bounds = attack(root, published)
        for key, text in texts.items():
            n = counts.get(key, 0)
            if key != (TRUST, None) and 1 <= n <= 7:
                assert text == SUPPRESSED, (name, key, n, text)
                low, high = bounds[key]
                assert low <= 1 and high >= 7, (name, key, n, low, high)
                withheld_small += 1
    assert withheld_small, "the demo Trust has small counts below Trust level to protect"


class _Text:
    def __init__(self, text):
        self.text = text


def test_below_trust_level_no_page_publishes_change_counts_by_measure_and_months_only_where_charted(demo):
    """The PROM change table by measure and the monthly tables add up across months, measures and units:
    below Trust level the change table publishes no count of people, and a monthly table only where the
    whole Trust's publication charts the unit, each month rounded and none withheld (ADR 0022), on every
    dashboard level of the demo Trust; the Trust's own are shown as they are."""
    year = FinancialYear.current()
    people = publish_people(year=year, today=timezone.localdate())
    trust = figures_for(scope=Scope.trust(), year=year, people=people)
    assert trust.table("prom-change").columns[0] == "Returns"
    assert all(s.values and not s.withheld for s in trust.measures.series)

    queue = [scope_from_unit(u) for u in team_selectors.unit_breakdown(kind=TRUST, pk=None).children]
    seen, charted = set(), set()
    while queue:
        scope = queue.pop()
        seen.add(scope.kind)
        figures = figures_for(scope=scope, year=year, people=people)
        change = figures.table("prom-change")
        assert change.columns == ("Mean change", "Share reliably improved"), scope
        for row in change.rows:
            assert all(cell == SUPPRESSED or not cell.isdigit() for cell in row.cells), (scope, row)
        for section in figures.sections:
            for series in section.series:
                if not series.about_people:
                    continue
                if series.key == "plans-agreed" or not people.charts(series.key, scope):
                    assert series.values == () and series.withheld, (scope, series.key)
                    assert figures.table(series.key).rows == (), (scope, series.key)
                    continue
                charted.add((scope.kind, series.key))
                for value in series.values:
                    assert value.shown != SUPPRESSED, (scope, series.key, value)
                    if series.unit != "%":
                        assert int(value.shown) % 5 == 0 and value.value == int(value.shown), (scope, value)
        queue.extend(figures.children)
    assert seen == {STEERING_GROUP, DIVISION, TEAM}
    # The demo Trust's Forensic steering group has months of 1 to 6 PROM returns and of fewer than 8 very
    # good or good answers, so the steering groups, and the units below them, are not charted.
    assert charted == set()
