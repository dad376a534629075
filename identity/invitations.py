"""Invitations: a clinician or peer support worker invites a person on their caseload to their online
record; a person invites one of their supporters to see what they share. Each link works once, until it
expires (INVITATION_DAYS), and only for the account it was sent to."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from careplans import services as careplans_services
from recovery_portal.audit import audit_record, people
from recovery_portal.models import AccountKind, AuditAction, ContactBy
from recovery_portal.notifications import notify, portal_url

from .models import Invitation, InvitationChannel, InvitationKind
from .oidc import ProviderConfig, SignInRefused
from .services import person_account_for

User = get_user_model()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("person", "supporter", "invitee")
        .filter(token_hash=_hash(token))
        .first()
    )


def why_unusable(invitation: Invitation | None, *, user=None) -> str:
    """Why this invitation cannot be used now (for the audit trail), or "" when it can."""
    if invitation is None:
        return "unknown"
    if invitation.accepted_at is not None:
        return "used"
    if invitation.withdrawn_at is not None:
        return "withdrawn"
    if invitation.expires_at <= timezone.now():
        return "expired"
    if user is not None and user.is_authenticated and user.pk != invitation.invitee_id:
        return "another-account"
    return ""


def invitation_refused(request, invitation: Invitation | None, reason: str) -> None:
    audit_record(
        actor=request.user,
        action=AuditAction.SIGN_IN_FAILED,
        obj=invitation,
        request=request,
        reason=f"Invitation refused: {reason}",
    )


def _invitee(*, kind: str, first_name: str, last_name: str, channel: str, address: str):
    # The account the invitation opens: made now, so the message has someone to go to; it cannot be
    # signed in to until the invitation is accepted.
    user = User(
        username=f"invited-{secrets.token_hex(8)}",
        kind=kind,
        first_name=first_name[:150],
        last_name=last_name[:150],
        is_active=False,
        email=address if channel == InvitationChannel.EMAIL else "",
        mobile_number=address if channel == InvitationChannel.TEXT else "",
        contact_by=ContactBy.EMAIL if channel == InvitationChannel.EMAIL else ContactBy.TEXT,
    )
    user.set_unusable_password()
    user.save()
    return user


def _withdraw_open(queryset, *, by) -> None:
    # A new invitation replaces any still open to the same person or supporter.
    for invitation in queryset.filter(accepted_at__isnull=True, withdrawn_at__isnull=True):
        invitation.withdrawn_at = timezone.now()
        invitation.withdrawn_by = by
        invitation.save(update_fields=["withdrawn_at", "withdrawn_by"])


def _send(*, kind, person, supporter, invitee, channel, by, request) -> tuple[Invitation, str]:
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        kind=kind,
        person=person,
        supporter=supporter,
        invitee=invitee,
        token_hash=_hash(token),
        channel=channel,
        invited_by=by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
    )
    notify(
        recipient=invitee,
        template=f"invitation-{kind}",
        personalisation={
            "first_name": invitee.first_name or "there",
            "link": portal_url(reverse("identity:invitation", args=[token])),
            "expires": timezone.localtime(invitation.expires_at).strftime("%-d %B %Y"),
        },
        reason=f"Invitation: {invitation.get_kind_display()}",
        about=invitation,
        about_person_id=person.pk,
    )
    audit_record(
        actor=by, action=AuditAction.CREATE, obj=invitation, request=request,
        reason=f"Invitation sent by {invitation.get_channel_display().lower()}: {invitation.get_kind_display()}",
    )  # fmt: skip
    return invitation, token


@transaction.atomic
def person_invite(*, person, channel: str, address: str, by, request=None) -> tuple[Invitation, str]:
    """Invite a person on ``by``'s caseload to their online record."""
    if not by.has_perm("careplans.change_plan", person):
        raise PermissionDenied
    if person.user_id is not None:
        raise ValidationError("This person already has their own login to the portal", code="has_login")
    _withdraw_open(person.invitations.filter(kind=InvitationKind.PERSON), by=by)
    invitee = _invitee(
        kind=AccountKind.PERSON,
        first_name=person.preferred_name or person.given_name,
        last_name=person.family_name,
        channel=channel,
        address=address,
    )
    return _send(
        kind=InvitationKind.PERSON, person=person, supporter=None, invitee=invitee, channel=channel, by=by,
        request=request,
    )  # fmt: skip


@transaction.atomic
def supporter_invite(*, supporter, channel: str, address: str, by, request=None) -> tuple[Invitation, str]:
    """The person invites one of their supporters to see what they share with them."""
    if supporter.person.user_id != by.pk or not supporter.is_active:
        raise PermissionDenied
    if supporter.user_id is not None:
        raise ValidationError(f"{supporter.name} can already sign in", code="has_login")
    _withdraw_open(supporter.invitations.all(), by=by)
    given, _, family = supporter.name.partition(" ")
    invitee = _invitee(
        kind=AccountKind.SUPPORTER, first_name=given, last_name=family, channel=channel, address=address
    )
    return _send(
        kind=InvitationKind.SUPPORTER, person=supporter.person, supporter=supporter, invitee=invitee,
        channel=channel, by=by, request=request,
    )  # fmt: skip


def _locked_usable(invitation: Invitation, *, user=None) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("person", "supporter")
        .get(pk=invitation.pk)
    )
    if reason := why_unusable(invitation, user=user):
        raise SignInRefused(reason)
    return invitation


def _accepted(invitation: Invitation, *, user, request, how: str) -> None:
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(
        actor=user, action=AuditAction.UPDATE, obj=invitation, request=request,
        reason=f"Invitation accepted ({how}): {invitation.get_kind_display()}",
    )  # fmt: skip


@transaction.atomic
def invitation_accept_with_password(*, invitation: Invitation, username: str, password: str, request):
    """The invitee chooses a username and password; their account opens and is tied to the record."""
    invitation = _locked_usable(invitation, user=request.user)
    user = User.objects.select_for_update().get(pk=invitation.invitee_id)
    user.username = username
    user.set_password(password)
    user.is_active = True
    user.save()
    if invitation.kind == InvitationKind.PERSON:
        careplans_services.person_account_link(person=invitation.person, user=user, by=user)
    else:
        careplans_services.supporter_account_link(supporter=invitation.supporter, user=user, by=user)
    _accepted(invitation, user=user, request=request, how="password set")
    return user


@transaction.atomic
def invitation_accept_with_nhs_login(*, invitation_id: int, provider: ProviderConfig, claims: dict, request):
    """A person accepts with NHS login: it must be verified (P9) and be about the invited person's record."""
    invitation = _locked_usable(Invitation.objects.get(pk=invitation_id))
    if invitation.kind != InvitationKind.PERSON:
        raise SignInRefused("another-account")
    user, _person = person_account_for(
        provider=provider,
        claims=claims,
        request=request,
        expected_person=invitation.person,
        new_account=invitation.invitee,
    )
    _accepted(invitation, user=user, request=request, how="NHS login")
    return user


@transaction.atomic
def supporter_access_end(*, supporter, by, request=None) -> None:
    """The person withdraws a supporter's access and any invitation still open to them."""
    careplans_services.supporter_access_withdraw(supporter=supporter, by=by)
    _withdraw_open(supporter.invitations.all(), by=by)
    audit_record(
        actor=by, action=AuditAction.UPDATE, obj=supporter, request=request,
        reason="Supporter's access withdrawn by the person", subjects=people([supporter.person_id]),
    )  # fmt: skip
