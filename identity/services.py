"""Writes of the identity app: accounts found or made from a verified sign-in, and refusals audited."""

import hashlib
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from careplans import services as careplans_services
from recovery_portal.audit import audit_record
from recovery_portal.models import AccountKind, AuditAction
from recovery_portal.roles import TrustRole

from .models import IdentityLink, ProviderKind
from .oidc import ProviderConfig, SignInRefused

# `amr` values (RFC 8176, and Entra ID's "mfa") that say the identity service checked a second factor.
SECOND_FACTOR_AMR = {"mfa", "otp", "hwk", "swk", "sms", "fpt", "face", "iris", "retina", "vbm", "pin", "sc"}
# NHS login's levels of identity verification: P9 is a verified identity (photo ID and a face check).
VERIFIED_IDENTITY = "P9"

User = get_user_model()


def sign_in_refused(request, provider: ProviderConfig | str, refusal: SignInRefused) -> None:
    """Every refused sign-in is in the audit trail, with why; nobody is named (it failed)."""
    kind = provider if isinstance(provider, str) else provider.kind
    audit_record(
        actor=None,
        action=AuditAction.SIGN_IN_FAILED,
        request=request,
        reason=f"{ProviderKind(kind).label} refused: {refusal.code}"[:200],
    )


def second_factor_asserted(claims: dict) -> bool:
    amr = claims.get("amr") or []
    return bool(SECOND_FACTOR_AMR & set(amr if isinstance(amr, list) else [amr]))


def _username_for(issuer: str, subject: str) -> str:
    return "trust-" + hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()[:16]


def _text(value, limit: int) -> str:
    return str(value or "")[:limit]


@transaction.atomic
def staff_account_for(*, provider: ProviderConfig, claims: dict, request=None) -> tuple:
    """The account of the Trust identity in ``claims``, found by its stable subject claim alone.

    A first sign-in makes an account with no access: an administrator or team manager gives team
    membership. Returns (user, created).
    """
    subject = claims.get(settings.OIDC_STAFF_SUBJECT_CLAIM)
    if not subject or not isinstance(subject, str):
        raise SignInRefused("subject", f"no {settings.OIDC_STAFF_SUBJECT_CLAIM} claim")
    link = IdentityLink.objects.select_related("user").filter(issuer=provider.issuer, subject=subject).first()
    created = False
    if link is None:
        user = User.objects.create(
            username=_username_for(provider.issuer, subject),
            kind=AccountKind.STAFF,
            first_name=_text(claims.get("given_name"), 150),
            last_name=_text(claims.get("family_name"), 150),
            email=_text(claims.get("email"), 254),
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        link = IdentityLink.objects.create(
            user=user, provider=ProviderKind.STAFF, issuer=provider.issuer, subject=subject
        )
        audit_record(
            actor=None, action=AuditAction.CREATE, obj=link, request=request,
            reason="Account made at a first Trust sign-in, with no access",
        )  # fmt: skip
        created = True
    user = link.user
    if not user.is_active:
        raise SignInRefused("inactive-account")
    if not user.is_trust_staff:
        raise SignInRefused("not-staff-account")
    link.last_signed_in_at = timezone.now()
    link.save(update_fields=["last_signed_in_at"])
    _trust_roles_from_groups(user=user, claims=claims, request=request)
    return user, created


def _trust_roles_from_groups(*, user, claims: dict, request) -> None:
    """With OIDC_STAFF_GROUP_ROLES set, the identity service's groups decide the account's Trust roles."""
    mapping = settings.OIDC_STAFF_GROUP_ROLES
    if not mapping:
        return
    groups = claims.get(settings.OIDC_STAFF_GROUPS_CLAIM) or []
    wanted = {TrustRole(mapping[group]) for group in groups if group in mapping}
    held = set(user.groups.filter(name__in=[role.value for role in TrustRole]).values_list("name", flat=True))
    for role in TrustRole:
        if role in wanted and role.value not in held:
            user.groups.add(Group.objects.get(name=role.value))
            audit_record(
                actor=user, action=AuditAction.UPDATE, obj=user, request=request,
                reason=f"Trust role given by the identity service's groups: {role.value}",
            )  # fmt: skip
        elif role not in wanted and role.value in held:
            user.groups.remove(Group.objects.get(name=role.value))
            audit_record(
                actor=user, action=AuditAction.UPDATE, obj=user, request=request,
                reason=f"Trust role ended by the identity service's groups: {role.value}",
            )  # fmt: skip


def _claimed_birthdate(claims: dict) -> date | None:
    try:
        return date.fromisoformat(str(claims.get("birthdate", "")))
    except ValueError:
        return None


def identity_verified(claims: dict) -> bool:
    """NHS login vouches for who the person is (P9) in ``vot``, and in ``identity_proofing_level``."""
    vot = str(claims.get("vot", ""))
    level = claims.get("identity_proofing_level")
    return vot.split(".")[0] == VERIFIED_IDENTITY and level in (None, VERIFIED_IDENTITY)


@transaction.atomic
def person_account_for(
    *, provider: ProviderConfig, claims: dict, request=None, expected_person=None, new_account=None
):
    """The person's own account from a verified NHS login, linked to their record by NHS number and date of
    birth together; ``expected_person``, when an invitation is being accepted, must be that record, and
    ``new_account`` is the account the invitation made, opened here if the person has none yet.

    Refuses below P9, and where no record matches, in one way whether or not the NHS number is known.
    """
    if not identity_verified(claims):
        raise SignInRefused("proofing-level", f"vot {str(claims.get('vot', ''))[:20]}")
    link = (
        IdentityLink.objects.select_related("user")
        .filter(issuer=provider.issuer, subject=claims["sub"])
        .first()
    )
    person = careplans_services.person_for_verified_identity(
        nhs_number=str(claims.get("nhs_number", "")), date_of_birth=_claimed_birthdate(claims) or date.min
    )
    if person is None or (expected_person is not None and person.pk != expected_person.pk):
        raise SignInRefused("no-match")
    if link is not None:
        user = link.user
        if person.user_id not in (None, user.pk):
            # The record has another login: never let a second account reach it.
            raise SignInRefused("no-match", "the record has another login")
    elif person.user_id is not None:
        user = person.user
    elif new_account is not None:
        user = new_account
        user.is_active = True
        user.save(update_fields=["is_active"])
    else:
        user = User.objects.create(
            username=_username_for(provider.issuer, claims["sub"]),
            kind=AccountKind.PERSON,
            first_name=person.given_name[:150],
            last_name=person.family_name[:150],
            preferred_name=person.preferred_name[:150],
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
    if not user.is_active:
        raise SignInRefused("inactive-account")
    if link is None:
        link = IdentityLink.objects.create(
            user=user, provider=ProviderKind.NHS_LOGIN, issuer=provider.issuer, subject=claims["sub"]
        )
        audit_record(
            actor=user, action=AuditAction.CREATE, obj=person, request=request,
            reason="NHS login linked to the person's record (NHS number and date of birth matched)",
        )  # fmt: skip
    if person.user_id is None:
        careplans_services.person_account_link(person=person, user=user, by=user)
    link.last_signed_in_at = timezone.now()
    link.save(update_fields=["last_signed_in_at"])
    return user, person
