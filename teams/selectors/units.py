"""The Trust's organisation as the units dashboards and reports look at: the whole Trust, a service-specific
steering group, a division or a team, each with the teams it holds and the units one level down.

Each function makes one query whatever the number of teams.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from workstreams.selectors import steering_group_list_service_specific

from ..models import Division, Membership, Team, current_on_q
from ..policy import PEER_WORKFORCE

TRUST, STEERING_GROUP, DIVISION, TEAM = "trust", "steering_group", "division", "team"
UNIT_KINDS = (TRUST, STEERING_GROUP, DIVISION, TEAM)
# The unit one level down from each kind, for breakdown tables.
CHILD_KIND = {TRUST: STEERING_GROUP, STEERING_GROUP: DIVISION, DIVISION: TEAM}
# The field of a team holding its unit of each kind, from Team and from models with a ``team`` foreign key.
TEAM_FIELD = {STEERING_GROUP: "division__steering_group_id", DIVISION: "division_id", TEAM: "id"}


def unit_field(kind: str, *, prefix: str = "team__") -> str:
    """The lookup from a model with a ``team`` relation to its unit of ``kind`` ("team__division_id")."""
    return "team_id" if kind == TEAM and prefix == "team__" else f"{prefix}{TEAM_FIELD[kind]}"


@dataclass(frozen=True)
class OrganisationUnit:
    kind: str  # one of UNIT_KINDS
    pk: int | None  # None for the Trust
    slug: str
    label: str
    team_ids: tuple[int, ...] = ()


def unit_get(*, kind: str, slug: str) -> OrganisationUnit | None:
    """The service-specific steering group, division or team with ``slug``; None when there is none."""
    if kind == STEERING_GROUP:
        found = steering_group_list_service_specific().filter(slug=slug).values("pk", "slug", "name").first()
    elif kind == DIVISION:
        found = Division.objects.filter(slug=slug).values("pk", "slug", "name").first()
    elif kind == TEAM:
        found = Team.objects.filter(slug=slug).values("pk", "slug", "name").first()
    else:
        return None
    return OrganisationUnit(kind, found["pk"], found["slug"], found["name"]) if found else None


def _teams_of(kind: str, pk: int | None):
    teams = Team.objects.all()
    if kind != TRUST:
        teams = teams.filter(**{TEAM_FIELD[kind]: pk})
    return teams


def team_ids_in_unit(*, kind: str, pk: int | None) -> list[int] | None:
    """Ids of every team in the unit (clinical or not); None for the whole Trust."""
    if kind == TRUST:
        return None
    return list(_teams_of(kind, pk).order_by("pk").values_list("pk", flat=True))


@dataclass(frozen=True)
class UnitBreakdown:
    team_ids: list[int]  # every team in the unit, clinical or not
    team_slugs: dict[int, str]
    children: list[OrganisationUnit]  # the units one level down, each with its team ids


def unit_breakdown(*, kind: str, pk: int | None) -> UnitBreakdown:
    """The teams in the unit, and the units one level down (steering groups of the Trust, divisions of a
    steering group, teams of a division; none for a team), each with its team ids, in the Trust's order.
    One query.
    """
    rows = _teams_of(kind, pk).values(
        "pk",
        "slug",
        "name",
        "division_id",
        "division__slug",
        "division__name",
        "division__steering_group_id",
        "division__steering_group__slug",
        "division__steering_group__name",
    )
    rows = rows.order_by(
        "division__steering_group__order", "division__steering_group__name", "division__name", "name"
    )
    child = CHILD_KIND.get(kind)
    team_slugs: dict[int, str] = {}
    children: dict[int, OrganisationUnit] = {}
    for row in rows:
        team_slugs[row["pk"]] = row["slug"]
        if child == STEERING_GROUP:
            key, slug, label = (
                row["division__steering_group_id"],
                row["division__steering_group__slug"],
                row["division__steering_group__name"],
            )
        elif child == DIVISION:
            key, slug, label = row["division_id"], row["division__slug"], row["division__name"]
        elif child == TEAM:
            key, slug, label = row["pk"], row["slug"], row["name"]
        else:
            continue
        unit = children.get(key) or OrganisationUnit(child, key, slug, label)
        children[key] = OrganisationUnit(child, key, slug, label, (*unit.team_ids, row["pk"]))
    return UnitBreakdown(list(team_slugs), team_slugs, list(children.values()))


@dataclass(frozen=True)
class PeerSupportWorkforce:
    peer_support_workers: int  # people holding a peer support worker post in the unit's teams
    clinical_teams: int
    clinical_teams_with_peer_support_worker: int


def peer_support_workforce(
    *, team_ids: Collection[int] | None, by: str | None = None, on: date | None = None
) -> dict[int | None, PeerSupportWorkforce]:
    """Peer support workers in post on ``on`` (today by default) in ``team_ids`` (None: every team),
    counted once per unit however many of its teams they work in, and clinical teams with at least one.

    Keyed by the unit of ``by`` ("steering_group", "division" or "team"), or None for the whole set.
    Two queries.
    """
    on = on or timezone.localdate()
    members = Membership.objects.filter(current_on_q(on), role__in=PEER_WORKFORCE)
    teams = Team.objects.filter(is_clinical=True)
    if team_ids is not None:
        members, teams = members.filter(team_id__in=team_ids), teams.filter(pk__in=team_ids)
    in_post = current_on_q(on, prefix="memberships__") & Q(memberships__role__in=PEER_WORKFORCE)
    worker_count = {"n": Count("user", distinct=True)}
    team_count = {"n": Count("pk", distinct=True), "with_worker": Count("pk", distinct=True, filter=in_post)}
    if by is None:
        totals = teams.aggregate(**team_count)
        workers = members.aggregate(**worker_count)["n"]
        return {None: PeerSupportWorkforce(workers, totals["n"], totals["with_worker"])}
    member_key, team_key = unit_field(by), TEAM_FIELD[by]
    workers = {
        row[member_key]: row["n"] for row in members.values(member_key).annotate(**worker_count).order_by()
    }
    result = {
        row[team_key]: PeerSupportWorkforce(workers.get(row[team_key], 0), row["n"], row["with_worker"])
        for row in teams.values(team_key).annotate(**team_count).order_by()
    }
    for key, n in workers.items():
        result.setdefault(key, PeerSupportWorkforce(n, 0, 0))
    return result


@dataclass(frozen=True)
class UnitTree:
    """The whole Trust as a tree: each steering group's divisions and each division's teams, in order."""

    steering_groups: dict[int, dict[int, tuple[int, ...]]]  # steering group id -> division id -> team ids


def unit_tree() -> UnitTree:
    """Every team with its division and steering group, as a tree (one query)."""
    rows = Team.objects.order_by(
        "division__steering_group__order", "division__steering_group__name", "division__name", "name"
    ).values_list("pk", "division_id", "division__steering_group_id")
    groups: dict[int, dict[int, tuple[int, ...]]] = {}
    for team, division, group in rows:
        divisions = groups.setdefault(group, {})
        divisions[division] = (*divisions.get(division, ()), team)
    return UnitTree(groups)
