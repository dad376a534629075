"""Counts of people published for the whole Trust's tree of units at once (ADR 0022).

A unit's count appears on its own dashboard, as a row of its parent's dashboard and, added up, in its
children's: subtraction across those pages must not undo disclosure control, so a count is published for
every unit of the Trust together (``evaluation.disclosure.publish_tree``) and each page looks its units up.
Every page therefore reads the counts of the whole Trust, with a fixed number of queries.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from teams.selectors import UnitTree

from .. import disclosure
from ..disclosure import Shown, Unit, percent_of
from ..scope import DIVISION, STEERING_GROUP, TEAM, TRUST, Scope

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

        def unit(kind, pk, children=()):
            return Unit((kind, pk), counts.get((kind, pk), 0), tuple(children))

        root = unit(
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
        return Published(disclosure.publish_tree(root))

    def publish_teams(self, per_team: Mapping[int, int]) -> Published:
        """A count that adds up across teams (returns, responses), from each team's count."""
        counts: dict[tuple[str, int | None], int] = {TRUST_KEY: sum(per_team.values())}
        for group, divisions in self.tree.steering_groups.items():
            for division, teams in divisions.items():
                in_division = sum(per_team.get(team, 0) for team in teams)
                counts[(DIVISION, division)] = in_division
                counts[(STEERING_GROUP, group)] = counts.get((STEERING_GROUP, group), 0) + in_division
                counts.update({(TEAM, team): per_team.get(team, 0) for team in teams})
        return self.publish(counts)


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
