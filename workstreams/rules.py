"""Who may do what with workstreams and steering groups (django-rules, loaded by AutodiscoverRulesConfig).

Predicates take the signed-in user first; those about one workstream take it second.
"""

import rules
from django.db.models import Q

from recovery_portal.rules import is_trust_staff

from .models import SteeringGroup, SteeringGroupMembership, Workstream


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


@rules.predicate
def is_steering_group_member(user) -> bool:
    """Holds a current seat on any Recovery Steering Group, or chairs one (a chair is a member)."""
    if not _signed_in(user):
        return False
    seat = SteeringGroupMembership.objects.current().filter(user=user)
    return SteeringGroup.objects.filter(Q(chair=user) | Q(memberships__in=seat)).exists()


@rules.predicate
def is_steering_group_chair(user) -> bool:
    """Chairs any Recovery Steering Group."""
    return _signed_in(user) and SteeringGroup.objects.filter(chair=user).exists()


@rules.predicate
def is_workstream_lead(user, workstream: Workstream | None = None) -> bool:
    """Professional or peer lead of ``workstream``; with no workstream given, of any workstream."""
    if not _signed_in(user):
        return False
    if workstream is None:
        return Workstream.objects.filter(Q(professional_lead=user) | Q(peer_lead=user)).exists()
    return user.pk in (workstream.professional_lead_id, workstream.peer_lead_id)


# Workstreams, their leads and the challenges they serve are not personal data: all staff may read them.
rules.add_perm("workstreams.view_workstream", is_trust_staff)
