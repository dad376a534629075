"""Writes to workstreams and steering groups. Each records who acted in ``changed_by``."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from recovery_portal.models import AccountKind

from ..models import SteeringGroup, SteeringGroupMembership, Workstream


def require_staff(user, field: str) -> None:
    if user is None:
        raise ValidationError({field: "Name a member of staff."})
    if user.kind != AccountKind.STAFF:
        raise ValidationError({field: f"{user.display_name} is not a member of Trust staff."})


@transaction.atomic
def workstream_set_leads(*, workstream: Workstream, professional_lead, peer_lead, by) -> Workstream:
    """Name both leads of a workstream: two different members of staff, neither left out.

    Saves nothing when both are already the leads.
    """
    require_staff(professional_lead, "professional_lead")
    require_staff(peer_lead, "peer_lead")
    if professional_lead.pk == peer_lead.pk:
        raise ValidationError(
            {"peer_lead": "The peer lead and the professional lead must be different people."}
        )
    if (workstream.professional_lead_id, workstream.peer_lead_id) == (professional_lead.pk, peer_lead.pk):
        return workstream
    workstream.professional_lead = professional_lead
    workstream.peer_lead = peer_lead
    workstream.changed_by = by
    workstream.save(update_fields=["professional_lead", "peer_lead", "changed_by", "changed_at"])
    return workstream


@transaction.atomic
def steering_group_set_chair(*, group: SteeringGroup, chair, by) -> SteeringGroup:
    """Make ``chair`` (a member of staff) the chair of ``group``; saves nothing if they already are."""
    require_staff(chair, "chair")
    if group.chair_id == chair.pk:
        return group
    group.chair = chair
    group.changed_by = by
    group.save(update_fields=["chair", "changed_by", "changed_at"])
    return group


@transaction.atomic
def steering_group_membership_start(
    *, group: SteeringGroup, user, role: str, start_date: date, by
) -> SteeringGroupMembership:
    """Give ``user`` a seat on ``group`` from ``start_date``; refused if they already hold an open seat."""
    require_staff(user, "user")
    if SteeringGroupMembership.objects.filter(group=group, user=user, end_date__isnull=True).exists():
        raise ValidationError(f"{user.display_name} is already a member of {group.name}.")
    return SteeringGroupMembership.objects.create(
        group=group, user=user, role=role, start_date=start_date, changed_by=by
    )


@transaction.atomic
def steering_group_membership_update(
    *, membership: SteeringGroupMembership, role: str, by
) -> SteeringGroupMembership:
    """Change the role a member holds on the group; saves nothing when it is unchanged."""
    if membership.role == role:
        return membership
    membership.role = role
    membership.changed_by = by
    membership.save(update_fields=["role", "changed_by", "changed_at"])
    return membership


@transaction.atomic
def steering_group_membership_end(
    *, membership: SteeringGroupMembership, end_date: date, by
) -> SteeringGroupMembership:
    """End a seat: ``end_date`` is the member's last day, not before the day they joined."""
    if end_date < membership.start_date:
        raise ValidationError({"end_date": "The last day must not be before the day the membership started."})
    membership.end_date = end_date
    membership.changed_by = by
    membership.save(update_fields=["end_date", "changed_by", "changed_at"])
    return membership
