"""Writes to the Trust's structure. Each records who acted in ``changed_by``.

The ``*_ensure`` services make the stored row match the given details, creating it when missing and
saving nothing when it already matches, so reference loads and the demo can run again safely.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from recovery_portal.audit import audit_record
from recovery_portal.models import AccountKind, AuditAction

from ..models import Division, Membership, RecoveryChampion, Team, TeamRole


def _ensure(model, *, slug: str, values: dict, by):
    instance = model.objects.filter(slug=slug).first()
    if instance is None:
        instance = model(slug=slug, **values, changed_by=by)
        instance.full_clean()
        instance.save()
        return instance
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.changed_by = by
        instance.full_clean()
        instance.save(update_fields=[*changed, "changed_by", "changed_at"])
    return instance


@transaction.atomic
def division_ensure(*, slug: str, name: str, steering_group, description: str = "", by) -> Division:
    """The division ``slug`` with these details, under a service-specific steering group."""
    if not steering_group.is_service_specific:
        raise ValidationError({"steering_group": "A division belongs to a service-specific steering group."})
    values = {"name": name, "steering_group": steering_group, "description": description}
    return _ensure(Division, slug=slug, values=values, by=by)


@transaction.atomic
def team_ensure(
    *,
    slug: str,
    name: str,
    division: Division,
    service_type: str,
    is_clinical: bool = True,
    description: str = "",
    location: str = "",
    email: str = "",
    by,
) -> Team:
    """The team ``slug`` with these details."""
    values = {
        "name": name,
        "division": division,
        "service_type": service_type,
        "is_clinical": is_clinical,
        "description": description,
        "location": location,
        "email": email,
    }
    return _ensure(Team, slug=slug, values=values, by=by)


@transaction.atomic
def membership_start(
    *,
    team: Team,
    user,
    role: str,
    start_date: date,
    recovery_champion: str = RecoveryChampion.NONE,
    carer_lead: bool = False,
    by,
) -> Membership:
    """Add a member of staff to a team from ``start_date``.

    Refused when they already have an open membership of the team (end it first to change role).
    """
    if user.kind != AccountKind.STAFF:
        raise ValidationError({"user": f"{user.display_name} is not a member of Trust staff."})
    if role not in TeamRole.values:
        raise ValidationError({"role": f"Unknown team role {role!r}."})
    if Membership.objects.filter(team=team, user=user, end_date__isnull=True).exists():
        raise ValidationError(f"{user.display_name} is already a member of {team.name}.")
    membership = Membership(
        team=team,
        user=user,
        role=role,
        start_date=start_date,
        recovery_champion=recovery_champion,
        carer_lead=carer_lead,
        changed_by=by,
    )
    membership.full_clean(validate_constraints=False)
    membership.save()
    # Every grant of access is in the audit trail (ADR 0027), beside the membership's own history.
    audit_record(
        actor=by, action=AuditAction.CREATE, obj=membership, reason=f"team membership granted: {role}"
    )
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, recovery_champion: str, carer_lead: bool, by) -> Membership:
    """Change the recovery roles a member holds in their team; saves nothing when they are unchanged."""
    if recovery_champion not in RecoveryChampion.values:
        raise ValidationError({"recovery_champion": f"Unknown recovery champion role {recovery_champion!r}."})
    if (membership.recovery_champion, membership.carer_lead) == (recovery_champion, carer_lead):
        return membership
    membership.recovery_champion = recovery_champion
    membership.carer_lead = carer_lead
    membership.changed_by = by
    membership.save(update_fields=["recovery_champion", "carer_lead", "changed_by", "changed_at"])
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, end_date: date, by) -> Membership:
    """End a membership: ``end_date`` is the member's last day in the team, not before their first."""
    if end_date < membership.start_date:
        raise ValidationError({"end_date": "The last day must not be before the day the membership started."})
    membership.end_date = end_date
    membership.changed_by = by
    membership.save(update_fields=["end_date", "changed_by", "changed_at"])
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        obj=membership,
        reason=f"team membership ends after {end_date:%Y-%m-%d}",
    )
    return membership


def leavers_disable(*, on: date | None = None) -> int:
    """Disable the accounts of staff whose last team membership ended before ``on`` (today): from the
    day after their last day they have no staff access (ADR 0027). Administrators are left to admin."""
    from django.contrib.auth import get_user_model

    from recovery_portal.lifecycle import account_disable

    on = on or timezone.localdate()
    leavers = (
        get_user_model()
        .objects.filter(
            is_active=True, is_superuser=False, kind=AccountKind.STAFF, team_memberships__isnull=False
        )
        .exclude(pk__in=Membership.objects.current(on).values("user_id"))
        .distinct()
    )
    disabled = 0
    for user in leavers:
        account_disable(user=user, reason="last team membership ended")
        disabled += 1
    return disabled
