"""Who may do what with workstreams and steering groups (django-rules, loaded by AutodiscoverRulesConfig).

Predicates take the signed-in user first; those about one workstream take it second.
"""

import rules
from django.db.models import Q

from recovery_portal.rules import is_trust_staff

from .models import Action, MeetingFollowUp, SteeringGroup, SteeringGroupMembership, Workstream


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


@rules.predicate
def chairs_steering_group(user, group: SteeringGroup | None) -> bool:
    """Chairs this steering group."""
    return _signed_in(user) and group is not None and group.chair_id == user.pk


@rules.predicate
def owns_action(user, action: Action | None) -> bool:
    """Owner or co-owner of this workstream action."""
    return _signed_in(user) and action is not None and user.pk in (action.owner_id, action.co_owner_id)


@rules.predicate
def leads_actions_workstream(user, action: Action | None) -> bool:
    """Professional or peer lead of the workstream this action belongs to."""
    return action is not None and is_workstream_lead(user, action.goal.workstream)


@rules.predicate
def owns_follow_up_or_chairs(user, follow_up: MeetingFollowUp | None) -> bool:
    """Owner of a meeting's follow-up action, or chair of the group that asked for it."""
    if not _signed_in(user) or follow_up is None:
        return False
    return user.pk in (follow_up.owner_id, follow_up.meeting.group.chair_id)


# The workstream's own two leads and the chairs of the steering groups set its goals and actions and write
# its annual report (ARCHITECTURE §3). The object is the workstream.
rules.add_perm(
    "workstreams.change_workstream", is_trust_staff & (is_workstream_lead | is_steering_group_chair)
)
# Progress is reported by whoever carries the action, or by the workstream's leads. The object is the action.
rules.add_perm("workstreams.add_progressupdate", is_trust_staff & (owns_action | leads_actions_workstream))
# A steering group's chair records its meetings, minutes and follow-ups; all staff read them.
# The object is the steering group.
rules.add_perm("workstreams.change_steeringgroup", is_trust_staff & chairs_steering_group)
# A follow-up is marked done by the person asked to do it or by the group's chair.
rules.add_perm("workstreams.change_meetingfollowup", is_trust_staff & owns_follow_up_or_chairs)
