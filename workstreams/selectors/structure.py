"""Reads of workstreams, conversation domains, ImROC challenges and steering groups.

Other apps read these only through this module. Each selector decides its own joins and prefetches so
that pages built on it make a fixed number of queries however many rows there are.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from recovery_portal.ratings import OPEN_ACTION_STATUSES, RAG

from ..models import (
    ConversationDomain,
    ImrocChallenge,
    SteeringGroup,
    SteeringGroupLevel,
    SteeringGroupMembership,
    Workstream,
)


def conversation_domain_list() -> QuerySet[ConversationDomain]:
    """The three conversation domains in the strategy's order."""
    return ConversationDomain.objects.all()


def challenge_list() -> QuerySet[ImrocChallenge]:
    """The ten ImROC challenges in display order, each with the workstreams that serve it prefetched."""
    return ImrocChallenge.objects.prefetch_related("workstreams")


def workstream_list() -> QuerySet[Workstream]:
    """All workstreams in order, with domain and both leads joined and the challenges they serve prefetched."""
    return Workstream.objects.select_related("domain", "professional_lead", "peer_lead").prefetch_related(
        Prefetch("challenges", queryset=ImrocChallenge.objects.order_by("order"))
    )


def workstream_get(*, slug: str) -> Workstream:
    """The workstream with this stable slug (``workstreams.reference.WorkstreamSlug``)."""
    return workstream_list().get(slug=slug)


@dataclass(frozen=True)
class DomainWorkstreams:
    domain: ConversationDomain
    workstreams: list[Workstream]


def workstream_list_with_rag_summary(*, on: date | None = None) -> QuerySet[Workstream]:
    """``workstream_list`` with, counted in the same query over each workstream's open actions on ``on``
    (today by default): ``actions_red``, ``actions_amber``, ``actions_green``, ``actions_not_rated`` and
    ``actions_overdue`` (open and due before ``on``, whatever their rating)."""
    on = on or timezone.localdate()
    open_actions = Q(goals__actions__status__in=OPEN_ACTION_STATUSES)
    return workstream_list().annotate(
        actions_red=Count("goals__actions", filter=open_actions & Q(goals__actions__rag=RAG.RED)),
        actions_amber=Count("goals__actions", filter=open_actions & Q(goals__actions__rag=RAG.AMBER)),
        actions_green=Count("goals__actions", filter=open_actions & Q(goals__actions__rag=RAG.GREEN)),
        actions_not_rated=Count("goals__actions", filter=open_actions & Q(goals__actions__rag="")),
        actions_overdue=Count("goals__actions", filter=open_actions & Q(goals__actions__due_date__lt=on)),
    )


def workstream_list_by_domain() -> list[DomainWorkstreams]:
    """The workstreams, with their RAG summary, grouped under their primary conversation domain,
    domains in order (2 queries).

    A domain with no workstream is left out.
    """
    groups: dict[int, DomainWorkstreams] = {}
    for workstream in workstream_list_with_rag_summary().order_by("domain__order", "order", "name"):
        group = groups.setdefault(workstream.domain_id, DomainWorkstreams(workstream.domain, []))
        group.workstreams.append(workstream)
    return list(groups.values())


def workstream_list_led_by(*, user) -> list[Workstream]:
    """Workstreams ``user`` leads, as professional or peer lead."""
    if not user.is_authenticated:
        return []
    return list(
        Workstream.objects.filter(Q(professional_lead=user) | Q(peer_lead=user)).select_related(
            "domain", "professional_lead", "peer_lead"
        )
    )


def steering_group_list(*, on: date | None = None) -> QuerySet[SteeringGroup]:
    """The steering groups, Trust-wide first, with chair, parent and current members (people joined)."""
    on = on or timezone.localdate()
    members = (
        SteeringGroupMembership.objects.current(on)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    return SteeringGroup.objects.select_related("chair", "parent").prefetch_related(
        Prefetch("memberships", queryset=members, to_attr="current_memberships")
    )


def steering_group_get(*, slug: str) -> SteeringGroup:
    """The steering group with this stable slug (``workstreams.reference.SteeringGroupSlug``)."""
    return SteeringGroup.objects.select_related("chair", "parent").get(slug=slug)


def steering_group_list_service_specific() -> QuerySet[SteeringGroup]:
    """The service-specific groups, the only ones a division may belong to."""
    return SteeringGroup.objects.filter(level=SteeringGroupLevel.SERVICE)


@dataclass(frozen=True)
class SteeringGroupSeat:
    group: SteeringGroup
    role: str
    is_chair: bool


def steering_group_seats_for_user(*, user, on: date | None = None) -> list[SteeringGroupSeat]:
    """The groups ``user`` chairs or sits on now, one entry per group, with the role they hold (2 queries)."""
    if not user.is_authenticated:
        return []
    on = on or timezone.localdate()
    seats: dict[int, SteeringGroupSeat] = {}
    for group in SteeringGroup.objects.filter(chair=user).select_related("parent"):
        seats[group.pk] = SteeringGroupSeat(group, "Chair", True)
    for membership in SteeringGroupMembership.objects.current(on).filter(user=user).select_related("group"):
        if membership.group_id not in seats:
            seats[membership.group_id] = SteeringGroupSeat(
                membership.group, membership.role or "Member", False
            )
    return sorted(seats.values(), key=lambda seat: (seat.group.order, seat.group.name))


def steering_group_membership_open(*, group: SteeringGroup, user) -> SteeringGroupMembership | None:
    """The membership of ``user`` in ``group`` that has no end date, if any."""
    return SteeringGroupMembership.objects.filter(group=group, user=user, end_date__isnull=True).first()


def steering_group_people(*, group: SteeringGroup, on: date | None = None):
    """The chair and current members of ``group``, by name: who may be recorded as attending."""
    on = on or timezone.localdate()
    seats = SteeringGroupMembership.objects.current(on).filter(group=group)
    return (
        get_user_model()
        .objects.filter(Q(steering_group_memberships__in=seats) | Q(chaired_steering_groups=group))
        .distinct()
        .order_by("last_name", "first_name")
    )
