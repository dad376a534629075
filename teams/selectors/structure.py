"""Reads of the Trust's structure: divisions, teams and memberships.

Other apps read teams only through this module. Lists and pages built on these selectors make a fixed
number of queries whatever the number of teams and members (pinned in the tests).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.db.models import BooleanField, Case, Count, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from ..filters import TeamDirectoryFilter
from ..models import Division, Membership, RecoveryChampion, Team, TeamRole, current_on_q


def division_list() -> QuerySet[Division]:
    """Divisions by name, each with its steering group joined."""
    return Division.objects.select_related("steering_group")


def team_list_with_recovery_roles(*, on: date | None = None) -> QuerySet[Team]:
    """Teams by name, with division and steering group joined and, counted in the same query:

    ``member_count`` (current members), ``peer_champions``, ``professional_champions``, ``carer_leads``,
    and ``champions_in_place`` (true when the team has a peer and a professional recovery champion and a
    carer lead among its current members).
    """
    on = on or timezone.localdate()
    current = current_on_q(on, prefix="memberships__")
    return (
        Team.objects.select_related("division__steering_group")
        .annotate(
            member_count=Count("memberships", filter=current),
            peer_champions=Count(
                "memberships", filter=current & Q(memberships__recovery_champion=RecoveryChampion.PEER)
            ),
            professional_champions=Count(
                "memberships",
                filter=current & Q(memberships__recovery_champion=RecoveryChampion.PROFESSIONAL),
            ),
            carer_leads=Count("memberships", filter=current & Q(memberships__carer_lead=True)),
        )
        .annotate(
            champions_in_place=Case(
                When(peer_champions__gt=0, professional_champions__gt=0, carer_leads__gt=0, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("name")
    )


def team_directory(
    *, filters: Mapping[str, str] | None = None, on: date | None = None
) -> TeamDirectoryFilter:
    """The team directory narrowed by ``filters`` (the query string of the directory page).

    ``.qs`` holds the teams of ``team_list_with_recovery_roles``; ``.form`` is the filter form, bound to
    the filters so the page can show them again. Filters that do not validate are ignored.
    """
    return TeamDirectoryFilter(filters or None, queryset=team_list_with_recovery_roles(on=on))


def team_detail_queryset() -> QuerySet[Team]:
    """Teams with division and steering group joined and every membership (past too) with its person."""
    memberships = Membership.objects.select_related("user").order_by(
        "user__last_name", "user__first_name", "start_date"
    )
    return Team.objects.select_related("division__steering_group").prefetch_related(
        Prefetch("memberships", queryset=memberships)
    )


def team_get(*, slug: str) -> Team:
    """The team with this slug, with division and steering group joined."""
    return Team.objects.select_related("division__steering_group").get(slug=slug)


_ROLE_HEADINGS = {
    TeamRole.TEAM_MANAGER: ("Team manager", "Team managers"),
    TeamRole.CLINICIAN: ("Clinician", "Clinicians"),
    TeamRole.PEER_SUPPORT_WORKER: ("Peer support worker", "Peer support workers"),
    TeamRole.OTHER_STAFF: ("Other staff", "Other staff"),
}


@dataclass(frozen=True)
class RoleGroup:
    role: str
    heading: str
    memberships: list[Membership]


@dataclass(frozen=True)
class TeamRoster:
    groups: list[RoleGroup]
    past: list[Membership]
    upcoming: list[Membership]
    peer_champions: list[Membership] = field(default_factory=list)
    professional_champions: list[Membership] = field(default_factory=list)
    carer_leads: list[Membership] = field(default_factory=list)

    @property
    def member_count(self) -> int:
        return sum(len(group.memberships) for group in self.groups)


def team_roster(*, team: Team, on: date | None = None) -> TeamRoster:
    """The team's members on ``on``, grouped by role in the order of ``TeamRole``; past members (latest
    leavers first) and people who have yet to join kept apart.

    Reads only ``team.memberships.all()``, so with a team from ``team_detail_queryset`` it makes no query.
    """
    on = on or timezone.localdate()
    by_role: dict[str, list[Membership]] = {role: [] for role in TeamRole}
    past, upcoming = [], []
    for membership in team.memberships.all():
        if membership.end_date is not None and membership.end_date < on:
            past.append(membership)
        elif membership.start_date > on:
            upcoming.append(membership)
        else:
            by_role[membership.role].append(membership)
    groups = [
        RoleGroup(role, _ROLE_HEADINGS[role][0 if len(members) == 1 else 1], members)
        for role, members in by_role.items()
        if members
    ]
    current = [membership for group in groups for membership in group.memberships]
    past.sort(key=lambda membership: membership.end_date, reverse=True)
    return TeamRoster(
        groups=groups,
        past=past,
        upcoming=upcoming,
        peer_champions=[m for m in current if m.recovery_champion == RecoveryChampion.PEER],
        professional_champions=[m for m in current if m.recovery_champion == RecoveryChampion.PROFESSIONAL],
        carer_leads=[m for m in current if m.carer_lead],
    )


def memberships_for_user(*, user, on: date | None = None) -> QuerySet[Membership]:
    """The teams ``user`` belongs to on ``on`` (today by default), with team, division and group joined."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.current(on)
        .filter(user=user)
        .select_related("team__division__steering_group")
        .order_by("team__name")
    )


def membership_open(*, team: Team, user) -> Membership | None:
    """The membership of ``user`` in ``team`` that has no end date, if any."""
    return Membership.objects.filter(team=team, user=user, end_date__isnull=True).first()


def team_ids_for_user(*, user, on: date | None = None) -> set[int]:
    """Ids of the teams ``user`` belongs to on ``on``, for scoping other apps' querysets."""
    if not user.is_authenticated:
        return set()
    memberships = Membership.objects.current(on).filter(user=user).order_by()
    return set(memberships.values_list("team_id", flat=True))


def teams_by_name(*, team_ids) -> QuerySet[Team]:
    """These teams by name, nothing joined: the teams a person can be put on the caseload of."""
    return Team.objects.filter(pk__in=team_ids).order_by("name")


def team_members_in_roles(*, team_id: int, roles) -> QuerySet[Membership]:
    """The team's current members holding one of ``roles`` (a role set of ``teams.policy``), with their
    accounts joined: who to tell about the team's caseload."""
    return Membership.objects.current().filter(team_id=team_id, role__in=roles).select_related("user")


def current_memberships_of(*, user_ids) -> QuerySet[Membership]:
    """The current memberships of these members of staff, with each team joined: their roles and teams
    at the Trust, as a person is told who read their record."""
    return Membership.objects.current().filter(user_id__in=user_ids).select_related("team")
