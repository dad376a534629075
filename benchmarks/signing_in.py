"""Signing the benchmark's personas in as the portal asks them to: the session of a password sign-in, then
(for staff) a second factor passed with a real code from a new authenticator app.

The password itself is left out (its Argon2 hash is slow on purpose, and sign-in is timed apart in
bench_load.py); the second factor is never relaxed, so every page is timed as staff really reach it.
"""

from django.test import Client


def new_authenticator_app(user):
    """A new app on the person's phone, so that two sign-ins in one 30-second step never offer a spent code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from recovery_portal.second_factor import APP_NAME

    return TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=True)


def code_shown_by(device) -> str:
    """The code the app shows now, worked out as the phone does."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def signed_in_client(user) -> Client:
    from django_otp import DEVICE_ID_SESSION_KEY

    from recovery_portal import second_factor

    client = Client()
    client.force_login(user)
    if second_factor.required_for(user):
        device = new_authenticator_app(user)
        if not device.verify_token(code_shown_by(device)):
            raise RuntimeError(f"The second factor of {user.username} was refused")
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id  # what django_otp.login records
        session.save()
    return client
