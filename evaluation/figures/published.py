"""Counts of people published for the whole Trust's tree of units at once (ADR 0022).

A unit's count appears on its own dashboard, as a row of its parent's dashboard and, added up, in its
children's: subtraction across those pages must not undo disclosure control, so a count is published for
every unit of the Trust together (``evaluation.disclosure.publish_tree``) and each page looks its units up.
The whole Trust's counts are read with a fixed number of queries (``publish_people``); the dashboards keep
the published result in the figure cache, shared by every page of the year (ADR 0022, addendum).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from careplans import selectors as plan_selectors
from recovery_portal.chart_months import chart_months
from recovery_portal.financial_year import FinancialYear
from teams import selectors as team_selectors
from teams.selectors import UnitTree

from .. import disclosure
from .. import selectors as measure_selectors
from ..disclosure import SMALLEST_SHOWN, Shown, Unit, percent_of
from ..scope import DIVISION, STEERING_GROUP, TEAM, TRUST, Scope
from ..selectors.breakdown import monthly_fft_by_team, monthly_returns_by_team, prom_returns_by_team

UNIT_KINDS = (STEERING_GROUP, DIVISION, TEAM)
TRUST_KEY = (TRUST, None)
NOBODY = Shown("0", 0)


@dataclass(frozen=True)
class Published:
    """One count of people as published for every unit of the Trust."""

    shown: Mapping[tuple[str, int | None], Shown]

    def of(self, scope: Scope) -> Shown:
        # A steering group without divisions, or a unit made after the counts were read, has nobody.
        return self.shown.get((scope.kind, scope.pk), NOBODY)


@dataclass(frozen=True)
class PeopleTree:
    tree: UnitTree

    def publish(self, counts: Mapping[tuple[str, int | None], int]) -> Published:
        """``counts`` keyed (kind, id), the Trust as ``TRUST_KEY``; a unit left out has nobody."""
        return Published(disclosure.publish_tree(self.root(counts)))

    def root(self, counts: Mapping[tuple[str, int | None], int]) -> Unit:
        """The Trust as a tree of ``Unit``s with their counts."""

        def unit(kind, pk, children=()):
            return Unit((kind, pk), counts.get((kind, pk), 0), tuple(children))

        return unit(
            TRUST,
            None,
            (
                unit(
                    STEERING_GROUP,
                    group,
                    (
                        unit(DIVISION, division, (unit(TEAM, team) for team in teams))
                        for division, teams in divisions.items()
                    ),
                )
                for group, divisions in self.tree.steering_groups.items()
            ),
        )

    def publish_teams(self, per_team: Mapping[int, int]) -> Published:
        """A count that adds up across teams (returns, responses), from each team's count."""
        return self.publish(self.team_counts(per_team))

    def team_counts(self, per_team: Mapping[int, int]) -> dict[tuple[str, int | None], int]:
        """Every unit's count of something that adds up across teams, from each team's count."""
        counts: dict[tuple[str, int | None], int] = {TRUST_KEY: sum(per_team.values())}
        for group, divisions in self.tree.steering_groups.items():
            for division, teams in divisions.items():
                in_division = sum(per_team.get(team, 0) for team in teams)
                counts[(DIVISION, division)] = in_division
                counts[(STEERING_GROUP, group)] = counts.get((STEERING_GROUP, group), 0) + in_division
                counts.update({(TEAM, team): per_team.get(team, 0) for team in teams})
        return counts


@dataclass(frozen=True)
class ChartCounts:
    """One count a monthly chart shows (or one it bounds), for deciding where the chart is published: each
    team's total in every financial year the chart's months touch, and each team's count in each month of
    the chart (None for a count the chart does not show month by month).

    With ``by_unit``, a count that does not add up across teams (plans of people on two teams' caseloads
    count once in each and once in a unit holding both): every unit's own total and months, keyed (kind, id)
    as ``PeopleTree.publish`` takes them."""

    years: Sequence[Mapping]
    months: Mapping | None = None
    by_unit: bool = False


def charted_units(tree: UnitTree, counts: Sequence[ChartCounts]) -> frozenset[tuple[str, int | None]]:
    """The units whose monthly chart of ``counts`` may be published (ADR 0022, addendum on monthly charts
    below Trust level), keyed (kind, id), the Trust as ``TRUST_KEY``.

    A unit's months add up to its year's figure, so beside it they can give that figure exactly. Charts are
    therefore published by sibling groups, from the Trust down: the units one level down from a charted unit
    are charted together when none of them has a figure withheld ("*") in any of the years the chart touches,
    every month of each is 0 or at least 8 (so no month is a "*"), and every year's tree of published figures
    stays safe with all the charted units' figures known exactly (``disclosure.safe_with_exact``). The Trust's
    months are its own exact figures: charted unless its own year's figure is withheld."""
    people = PeopleTree(tree)
    published = []  # (root, shown, shown month by month) for every count and year
    for count in counts:
        for per_unit in count.years:
            root = people.root(per_unit if count.by_unit else people.team_counts(per_unit))
            published.append((root, disclosure.publish_tree(root), count.months is not None))

    def unit_months(count: ChartCounts, key, teams) -> Sequence[int]:
        return count.months.get(key, ()) if count.by_unit else _unit_months(count.months, teams)

    def months_clear(key, teams) -> bool:
        return all(
            n == 0 or n >= SMALLEST_SHOWN
            for count in counts
            if count.months is not None
            for n in unit_months(count, key, teams)
        )

    def shown_in_every_year(key) -> bool:
        return all(not shown.get(key, NOBODY).withheld for _, shown, _ in published)

    charted: set[tuple[str, int | None]] = set()

    def chart_together(members) -> bool:
        """Charts a sibling group [(key, teams)] when that is safe."""
        keys = {key for key, _ in members}
        if not members or not all(
            shown_in_every_year(key) and months_clear(key, teams) for key, teams in members
        ):
            return False
        exact = charted | keys
        if not all(
            disclosure.safe_with_exact(root, shown, exact) for root, shown, monthly in published if monthly
        ):
            return False
        charted.update(keys)
        return True

    if not shown_in_every_year(TRUST_KEY):
        return frozenset()
    charted.add(TRUST_KEY)
    groups = tree.steering_groups
    if chart_together(
        [((STEERING_GROUP, g), [t for ts in ds.values() for t in ts]) for g, ds in groups.items()]
    ):
        for divisions in groups.values():
            if chart_together([((DIVISION, d), list(ts)) for d, ts in divisions.items()]):
                for teams in divisions.values():
                    chart_together([((TEAM, t), [t]) for t in teams])
    return frozenset(charted)


def _unit_months(months: Mapping[int, Sequence[int]], teams) -> list[int]:
    found = [months[team] for team in teams if team in months]
    return [sum(column) for column in zip(*found, strict=True)] if found else []


def grouped_counts(by_kind: Mapping[str, Mapping[int | None, object]], attribute: str) -> dict:
    """Counts keyed (kind, id) from selectors' results grouped by each kind of unit (each also holding the
    whole set under None, taken as the Trust's)."""
    counts = {}
    for kind, found in by_kind.items():
        for pk, row in found.items():
            counts[(TRUST, None) if pk is None else (kind, pk)] = getattr(row, attribute)
    return counts


def with_percent(part: Shown, whole: Shown) -> str:
    """ "12 (40%)" from two published counts; the count alone when the share is withheld or has no whole."""
    share = percent_of(part, whole)
    return (
        part.text if share in (disclosure.SUPPRESSED, disclosure.NOT_APPLICABLE) else f"{part.text} ({share})"
    )


# Every count of people that the dashboards publish through the tree, by the name the sections use.
PLAN_COUNTS = (
    "people",
    "with_agreed_recovery_plan",
    "with_agreed_crisis_plan",
    "with_agreed_safety_plan",
    "agreed_plans",
    "reviewed_in_date",
    "plans",
    "plans_in_own_words",
)


@dataclass(frozen=True)
class TrustPeople:
    """Every count of people of the dashboards, published for every unit of the Trust at once, and the
    clinical teams with a peer support worker in each unit (counts of teams, shown as they are).

    It holds only published figures, never the counts they came from, so it may be kept in the figure
    cache and shared by every page of the year (``evaluation.dashboards.cache.kept_people``)."""

    counts: Mapping[str, Published]
    # (kind, id), the Trust as TRUST_KEY -> (clinical teams with a peer support worker, clinical teams)
    clinical_teams: Mapping[tuple[str, int | None], tuple[int, int]]
    # A monthly chart's key -> the units whose chart of it is published (``charted_units``)
    charted: Mapping[str, frozenset[tuple[str, int | None]]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Published:
        return self.counts[name]

    def charts(self, key: str, scope: Scope) -> bool:
        """Whether the monthly chart ``key`` of ``scope`` is published."""
        return (TRUST_KEY if scope.trust_level else (scope.kind, scope.pk)) in self.charted.get(key, ())

    def clinical_teams_of(self, scope: Scope) -> tuple[int, int]:
        return self.clinical_teams.get(TRUST_KEY if scope.trust_level else (scope.kind, scope.pk), (0, 0))


def publish_people(*, year: FinancialYear, today: date) -> TrustPeople:
    """Reads every count of people the dashboards show for every unit of the Trust in ``year`` as at
    ``today`` (a fixed number of grouped queries, each with the Trust's totals) and publishes each as a
    tree (ADR 0022)."""
    as_at = min(year.end, today)
    tree = PeopleTree(team_selectors.unit_tree())
    plans_by = {
        kind: plan_selectors.plan_measures_grouped(year=year, team_ids=None, by=kind, today=today)
        for kind in UNIT_KINDS
    }
    workforce_by = {
        kind: team_selectors.peer_support_workforce(team_ids=None, by=kind, on=as_at)
        for kind in (None, *UNIT_KINDS)
    }
    caseload_by = {
        kind: plan_selectors.caseload_peer_support(year=year, team_ids=None, by=kind)
        for kind in (None, *UNIT_KINDS)
    }
    fft_by_team = measure_selectors.fft_summary_by_team(year=year, team_ids=None)
    returns_by_team = prom_returns_by_team(year=year, team_ids=None)
    counts = {name: tree.publish(grouped_counts(plans_by, name)) for name in PLAN_COUNTS}
    counts |= {
        "peer_support_workers": tree.publish(grouped_counts(workforce_by, "peer_support_workers")),
        "with_peer_support_worker": tree.publish(grouped_counts(caseload_by, "with_peer_support_worker")),
        "people_for_peer_support": tree.publish(grouped_counts(caseload_by, "people")),
        "prom_returns": tree.publish_teams(returns_by_team),
        "fft_responses": tree.publish_teams({team: f.responses for team, f in fft_by_team.items()}),
        "fft_positive": tree.publish_teams({team: f.positive for team, f in fft_by_team.items()}),
        "fft_negative": tree.publish_teams({team: f.negative for team, f in fft_by_team.items()}),
    }
    clinical_teams = {
        (TRUST, None) if pk is None else (kind, pk): (
            row.clinical_teams_with_peer_support_worker,
            row.clinical_teams,
        )
        for kind, found in workforce_by.items()
        for pk, row in found.items()
    }
    charted = _charted(tree.tree, year, today, returns_by_team, fft_by_team)
    charted["plans-agreed"] = _plans_agreed_charted(tree.tree, year, today, plans_by)
    return TrustPeople(counts, clinical_teams, charted)


def _plans_agreed_charted(tree: UnitTree, year: FinancialYear, today: date, plans_by) -> frozenset:
    """Where the monthly chart of plans agreed is published: every unit's months (one query) beside the
    agreed plans of this year's publication and of every other financial year the chart's months touch
    (three queries for each, as that year's dashboards publish them), whose published figures the months
    could undo too."""
    months = chart_months(year=year, today=today)
    other_years = sorted({FinancialYear.containing(month) for month in months.months} - {year})
    years = [
        plans_by,
        *(
            {
                kind: plan_selectors.plan_measures_grouped(year=y, team_ids=None, by=kind, today=today)
                for kind in UNIT_KINDS
            }
            for y in other_years
        ),
    ]
    return plans_agreed_charted(
        tree,
        agreed=[grouped_counts(found, "agreed_plans") for found in years],
        reviewed=[grouped_counts(found, "reviewed_in_date") for found in years],
        months=plan_selectors.monthly_plans_agreed_by_unit(months=months),
    )


def plans_agreed_charted(
    tree: UnitTree, *, agreed: Sequence[Mapping], reviewed: Sequence[Mapping], months: Mapping
) -> frozenset:
    """The units whose chart of plans agreed each month is published, from every unit's own agreed plans
    and plans reviewed in date in each financial year the chart touches (keyed (kind, id)) and its own
    months. A plan counts once in each unit whose caseload the person was on, so units' own counts are
    used, not their teams' summed. The months are plans agreed in each month; a year's figure is every plan
    agreed by its end, so at worst (every agreed plan agreed within the chart) they give it exactly, as
    ``charted_units`` assumes. Plans reviewed in date are among the agreed plans, so a charted unit has
    neither figure withheld in any of those years."""
    return charted_units(
        tree,
        [ChartCounts(agreed, months, by_unit=True), ChartCounts(reviewed, by_unit=True)],
    )


def _charted(tree: UnitTree, year: FinancialYear, today: date, returns_by_team, fft_by_team) -> dict:
    """Where the monthly charts of PROM returns and of the Friends and Family Test are published: each
    team's months (two queries), and each team's year in every other financial year the chart's months
    touch (two queries for each), whose published figures the months could undo too."""
    months = chart_months(year=year, today=today)
    other_years = sorted({FinancialYear.containing(month) for month in months.months} - {year})
    returns_years = [returns_by_team, *(prom_returns_by_team(year=y, team_ids=None) for y in other_years)]
    fft_years = [
        fft_by_team,
        *(measure_selectors.fft_summary_by_team(year=y, team_ids=None) for y in other_years),
    ]
    by_month = monthly_fft_by_team(months=months)

    def fft(attribute, index=None):
        years = [{team: getattr(f, attribute) for team, f in found.items()} for found in fft_years]
        if index is None:
            return ChartCounts(years)
        return ChartCounts(years, {team: tuple(m[index] for m in ms) for team, ms in by_month.items()})

    return {
        "prom-returns": charted_units(
            tree, [ChartCounts(returns_years, monthly_returns_by_team(months=months))]
        ),
        # A month's share bounds its two counts, and the poor or very poor answers are bounded by them.
        "fft-positive": charted_units(tree, [fft("responses", 0), fft("positive", 1), fft("negative")]),
    }
