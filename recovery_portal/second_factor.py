"""Second factors (ADR 0027): authenticator apps (TOTP), passkeys (WebAuthn) and recovery codes.

Who must have one, whether this session has passed one, and every change to a person's second factors,
each written to the audit trail. The pages are in ``recovery_portal/views/second_factor.py``.
"""

import json
import secrets

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import (
    InvalidAuthenticationResponse,
    InvalidRegistrationResponse,
    WebAuthnException,
)
from webauthn.helpers.structs import AuthenticatorSelectionCriteria as Selection
from webauthn.helpers.structs import (
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from .audit import audit_record
from .models import AccountKind, AuditAction, Passkey, User

# Set by the staff sign-in of an identity provider that asserted its own second factor (ADR 0026/0027).
SATISFIED_BY_SESSION_KEY = "portal_mfa_satisfied_by"
SATISFIED_BY_IDP = "idp"
APP_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"
_REGISTRATION_CHALLENGE = "second_factor_passkey_registration"
_AUTHENTICATION_CHALLENGE = "second_factor_passkey_authentication"


class SecondFactorRefused(Exception):
    """The code or passkey did not verify; the message says what to do."""


def required_for(user) -> bool:
    """Administrators and staff must pass a second factor; people, supporters and students may choose to.

    Demo logins are exempt only while DEBUG is on (``make run``), never in a deployment.
    """
    if not user.is_authenticated:
        return False
    if not (user.is_superuser or user.is_staff or user.kind == AccountKind.STAFF):
        return False
    if settings.DEBUG:
        from .demo import DEMO_LOGINS

        if user.username in DEMO_LOGINS:
            return False
    return True


def is_satisfied(request) -> bool:
    """This session passed a second factor here, or the identity provider asserted one."""
    if request.session.get(SATISFIED_BY_SESSION_KEY) == SATISFIED_BY_IDP:
        return True
    return bool(getattr(request.user, "is_verified", lambda: False)())


def has_second_factor(user) -> bool:
    """Whether the person has an authenticator app or passkey (recovery codes alone do not count)."""
    return any(not isinstance(d, StaticDevice) for d in devices_for_user(user, confirmed=True))


def devices_of(user) -> list:
    return [d for d in devices_for_user(user, confirmed=True) if not isinstance(d, StaticDevice)]


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def may_add_second_factor(request) -> bool:
    """Adding a second factor needs this session to have passed one already, unless there is none yet:
    someone holding only the password must not be able to enrol their own device on the account."""
    return is_satisfied(request) or not any(devices_for_user(request.user, confirmed=True))


def _audit(request, action: AuditAction, reason: str, *, user=None, obj=None) -> None:
    audit_record(actor=user or request.user, action=action, request=request, reason=reason, obj=obj)


def _mark_verified(request, device) -> None:
    otp_login(request, device)
    # A new session key after the second factor, as after the password (session fixation).
    request.session.cycle_key()


# --- Authenticator apps (TOTP) ---------------------------------------------------------------------


def app_enrolment_start(user) -> TOTPDevice:
    """The person's unconfirmed authenticator app, made once and shown until they confirm a code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def app_unconfirmed(user, pk) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False, pk=pk).first()


def app_secret(device: TOTPDevice) -> str:
    """The secret as the person types it into an app that cannot scan: base32, in groups of four."""
    import base64

    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def app_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code, labelled for screen readers by the page."""
    # config_url names the issuer from OTP_TOTP_ISSUER.
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#212b32", light="#ffffff")


def app_enrolment_confirm(request, device: TOTPDevice, code: str) -> None:
    """Confirm the app with a code it shows; the session is then verified with it."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        accepted = device.verify_token(_digits(code))
        if accepted:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
    if not accepted:
        _audit(request, AuditAction.SECOND_FACTOR_FAILED, "Authenticator app set-up: wrong code")
        raise SecondFactorRefused(
            "The code is not right. Enter the 6-digit code your authenticator app shows now"
        )
    _audit(request, AuditAction.SECOND_FACTOR_ADDED, "Authenticator app")
    _mark_verified(request, device)


def _digits(code: str) -> str:
    return "".join(ch for ch in (code or "") if not ch.isspace() and ch != "-")


def verify_code(request, code: str) -> None:
    """Verify a code from any of the person's authenticator apps at sign-in.

    django-otp refuses a code already used in the same time step (a replay) and slows repeated failures
    down on each device, doubling the wait after every wrong code; it never locks the owner out for good.
    """
    code = _digits(code)
    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True).order_by("pk"):
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            allowed, _ = device.verify_is_allowed()
            if allowed and device.verify_token(code):
                break
    else:
        _audit(request, AuditAction.SECOND_FACTOR_FAILED, "Authenticator app code refused")
        raise SecondFactorRefused(
            "The code is not right, or it has already been used. Wait for your app to show a new code "
            "and enter it"
        )
    _audit(request, AuditAction.SECOND_FACTOR_VERIFIED, "Authenticator app")
    _mark_verified(request, device)


# --- Recovery codes ---------------------------------------------------------------------------------


def _recovery_code() -> str:
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud or copied by hand
    raw = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def recovery_codes_issue(request) -> list[str]:
    """New recovery codes for the signed-in person; the old ones stop working. Shown once, never stored
    in the clear anywhere but the device's own table, which only the verifying code reads."""
    user = request.user
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_CODES_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [_recovery_code() for _ in range(settings.RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=c.replace("-", "")) for c in codes])
    _audit(request, AuditAction.RECOVERY_CODES_ISSUED, f"{len(codes)} recovery codes")
    return codes


def verify_recovery_code(request, code: str) -> int:
    """Verify a recovery code: it works once. Returns how many are left."""
    code = _digits(code).lower()
    device = StaticDevice.objects.filter(user=request.user, confirmed=True).first()
    accepted = False
    if device is not None:
        with transaction.atomic():
            device = StaticDevice.objects.select_for_update().get(pk=device.pk)
            accepted = device.verify_is_allowed()[0] and device.verify_token(code)
    if not accepted:
        _audit(request, AuditAction.SECOND_FACTOR_FAILED, "Recovery code refused")
        raise SecondFactorRefused(
            "The recovery code is not right, or it has already been used. Each code works once"
        )
    _audit(request, AuditAction.RECOVERY_CODE_USED, "Recovery code")
    _mark_verified(request, device)
    return recovery_codes_left(request.user)


# --- Passkeys (WebAuthn) ----------------------------------------------------------------------------


def _rp(request) -> tuple[str, str]:
    """(relying party id, expected origin) for this request's host."""
    host = request.get_host()
    rp_id = settings.PASSKEY_RP_ID or host.split(":")[0]
    origin = f"{'https' if request.is_secure() else 'http'}://{host}"
    return rp_id, origin


def passkey_registration_options(request) -> str:
    user = request.user
    rp_id, _ = _rp(request)
    options = generate_registration_options(
        rp_id=rp_id,
        rp_name=settings.SERVICE_NAME,
        user_id=str(user.pk).encode(),
        user_name=user.username,
        user_display_name=user.display_name,
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=base64url_to_bytes(p.credential_id))
            for p in Passkey.objects.filter(user=user)
        ],
        authenticator_selection=Selection(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
    )
    request.session[_REGISTRATION_CHALLENGE] = bytes_to_base64url(options.challenge)
    return options_to_json(options)


def passkey_register(request, credential_json: str, name: str) -> Passkey:
    challenge = request.session.pop(_REGISTRATION_CHALLENGE, None)
    rp_id, origin = _rp(request)
    try:
        if not challenge:
            raise InvalidRegistrationResponse("no challenge in this session")
        verified = verify_registration_response(
            credential=credential_json,
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id,
            expected_origin=origin,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:
        _audit(request, AuditAction.SECOND_FACTOR_FAILED, f"Passkey set-up refused: {error}"[:200])
        raise SecondFactorRefused("Your passkey could not be set up. Try again") from error
    transports = []
    try:
        transports = json.loads(credential_json).get("response", {}).get("transports", []) or []
    except ValueError:
        transports = []
    passkey = Passkey.objects.create(
        user=request.user,
        name=(name or "Passkey")[:64],
        confirmed=True,
        credential_id=bytes_to_base64url(verified.credential_id),
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=transports,
    )
    _audit(request, AuditAction.SECOND_FACTOR_ADDED, "Passkey")
    _mark_verified(request, passkey)
    return passkey


def passkey_authentication_options(request) -> str:
    rp_id, _ = _rp(request)
    options = generate_authentication_options(
        rp_id=rp_id,
        allow_credentials=[
            PublicKeyCredentialDescriptor(id=base64url_to_bytes(p.credential_id))
            for p in Passkey.objects.filter(user=request.user, confirmed=True)
        ],
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    request.session[_AUTHENTICATION_CHALLENGE] = bytes_to_base64url(options.challenge)
    return options_to_json(options)


def passkey_verify(request, credential_json: str) -> None:
    challenge = request.session.pop(_AUTHENTICATION_CHALLENGE, None)
    rp_id, origin = _rp(request)
    try:
        if not challenge:
            raise InvalidAuthenticationResponse("no challenge in this session")
        credential_id = json.loads(credential_json)["id"]
        passkey = Passkey.objects.filter(
            user=request.user, confirmed=True, credential_id=credential_id
        ).first()
        if passkey is None:
            raise InvalidAuthenticationResponse("not one of this person's passkeys")
        verified = verify_authentication_response(
            credential=credential_json,
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id,
            expected_origin=origin,
            credential_public_key=bytes(passkey.public_key),
            credential_current_sign_count=passkey.sign_count,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:
        _audit(request, AuditAction.SECOND_FACTOR_FAILED, f"Passkey refused: {error}"[:200])
        raise SecondFactorRefused(
            "Your passkey could not be checked. Try again, or use another way"
        ) from error
    passkey.sign_count = verified.new_sign_count
    passkey.last_used_at = timezone.now()
    passkey.save(update_fields=["sign_count", "last_used_at"])
    _audit(request, AuditAction.SECOND_FACTOR_VERIFIED, "Passkey")
    _mark_verified(request, passkey)


# --- Removing and resetting -------------------------------------------------------------------------


def device_of(user, persistent_id: str):
    return next((d for d in devices_of(user) if d.persistent_id == persistent_id), None)


def sessions_end(user, *, keep: str | None = None) -> None:
    """End the account's sessions (but ``keep``): a session verified by a device that is gone must not
    stay verified, and pages check the session, not the device (SecondFactorSessionMiddleware)."""
    from django.contrib.sessions.models import Session

    for session in Session.objects.filter(expire_date__gt=timezone.now()).exclude(session_key=keep):
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()


def device_remove(request, device) -> None:
    """The person removes one of their own second factors (a lost phone, an old passkey); their other
    sessions end, and this one needs a second factor again if it was passed with that device."""
    kind = "Passkey" if isinstance(device, Passkey) else APP_NAME
    if request.session.get(DEVICE_ID_SESSION_KEY) == device.persistent_id:
        del request.session[DEVICE_ID_SESSION_KEY]
    device.delete()
    sessions_end(request.user, keep=request.session.session_key)
    _audit(request, AuditAction.SECOND_FACTOR_REMOVED, kind)


def reset_by_administrator(request, *, user: User, reason: str) -> int:
    """An administrator removes every second factor and recovery code of ``user``, who sets one up
    again at their next sign-in. Returns how many were removed."""
    removed = 0
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=None):
            device.delete()
            removed += 1
    sessions_end(user, keep=request.session.session_key if request.user == user else None)
    audit_record(
        actor=request.user,
        action=AuditAction.SECOND_FACTOR_RESET,
        request=request,
        reason=f"{user.username}: {reason}",
        obj=user,
    )
    return removed


def session_device_id(request) -> str | None:
    return request.session.get(DEVICE_ID_SESSION_KEY)
