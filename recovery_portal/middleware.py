"""Request id, client address, session lifetime and cache headers for every response."""

import ipaddress
import logging
import re
import uuid

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone
from django.utils.cache import patch_cache_control

from . import logs

logger = logging.getLogger(__name__)

# An id given by an upstream proxy is logged beside ours when it looks like one, never used as the key.
_UPSTREAM_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def client_address(request) -> str | None:
    """The address of the person's browser, as far as the deployment's own proxies vouch for it.

    With TRUSTED_PROXY_IP_HEADER unset the connection's address (REMOTE_ADDR) is the client. Behind
    proxies, the header's last TRUSTED_PROXY_COUNT entries were added by them and the entry before the
    proxies' is the client; anything further left was sent by the client and may be forged.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    header = settings.TRUSTED_PROXY_IP_HEADER
    proxies = settings.TRUSTED_PROXY_COUNT
    if not header or proxies < 1:
        return remote
    entries = [e.strip() for e in request.headers.get(header, "").split(",") if e.strip()]
    if len(entries) < proxies:
        # The request did not come through every trusted proxy: only the connection is known.
        return remote
    candidate = entries[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class RequestIdMiddleware:
    """Give each request an id of our own, shown on error pages, stored with audit events and in every log line.

    The client address is settled here too, from the trusted proxy's header only, so the audit trail,
    the sign-in lockout and the logs all see the same address.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = uuid.uuid4().hex
        # In the WSGI environ too, where gunicorn's access line reads it (gunicorn.conf.py).
        request.META[logs.ENVIRON_REQUEST_ID] = request.request_id
        upstream = request.headers.get("X-Request-ID", "")
        request.upstream_request_id = upstream if _UPSTREAM_ID.match(upstream) else ""
        request.META["PROXY_REMOTE_ADDR"] = request.META.get("REMOTE_ADDR", "")
        address = client_address(request)
        if address:
            request.META["REMOTE_ADDR"] = address
        tokens = (
            logs.request_id_var.set(request.request_id),
            logs.path_var.set(request.path),
            logs.request_var.set(request),
        )
        try:
            if request.upstream_request_id:
                logger.info("request %s", request.request_id, extra={"upstream_request_id": upstream})
            response = self.get_response(request)
            request.META[logs.ENVIRON_USER_ID] = logs.user_id_of(request) or ""
        finally:
            for var, token in zip(
                (logs.request_id_var, logs.path_var, logs.request_var), tokens, strict=True
            ):
                var.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class SessionLimitMiddleware:
    """End a session 12 hours after sign-in even while it is in use (ASVS 3.3.2).

    The 30-minute idle limit needs no code: SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in_at = request.session.get("signed_in_at") if request.user.is_authenticated else None
        if signed_in_at and timezone.now().timestamp() - signed_in_at > settings.SESSION_ABSOLUTE_TIMEOUT:
            logout(request)
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages for signed-in users must not be kept by browsers or proxies (ASVS 8.2.1)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


class SecondFactorRequiredMiddleware:
    """Staff and administrators who have not passed a second factor in this session reach only the pages
    that let them pass or set one up (ADR 0027); everything else sends them there first."""

    # The pages a person between password and second factor may use.
    OPEN_URL_NAMES = frozenset(
        {
            "mfa-setup",
            "mfa-setup-app",
            "mfa-setup-passkey",
            "mfa-passkey-register-options",
            "mfa-verify",
            "mfa-passkey-options",
            "mfa-recover",
            "logout",
            # Signing out at the Trust's identity service too (identity app): never held back.
            "sign-out",
            "signed-out",
            "health",
            "health-ready",
            "accessibility-statement",
            "privacy-notice",
        }
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.shortcuts import redirect
        from django.urls import Resolver404, resolve, reverse
        from django.utils.http import urlencode

        from . import second_factor

        if request.path.startswith(settings.STATIC_URL) or not second_factor.required_for(request.user):
            return self.get_response(request)
        if second_factor.is_satisfied(request):
            return self.get_response(request)
        try:
            name = resolve(request.path_info).url_name
        except Resolver404:
            name = None
        if name in self.OPEN_URL_NAMES:
            return self.get_response(request)
        target = "mfa-verify" if second_factor.has_second_factor(request.user) else "mfa-setup"
        next_url = request.get_full_path() if request.method == "GET" else ""
        query = f"?{urlencode({'next': next_url})}" if next_url and next_url != "/" else ""
        return redirect(reverse(target) + query)


class SecondFactorSessionMiddleware:
    """``request.user.is_verified()``: whether this session passed a second factor (ADR 0027).

    In place of django-otp's OTPMiddleware, which reads the device from the database on every request:
    the session itself records the device that verified it (django_otp.login), sessions are cycled at
    sign-in and after the second factor, and removing or resetting a device ends the account's other
    sessions (recovery_portal.second_factor), so no page pays a query for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils.functional import SimpleLazyObject
        from django_otp import DEVICE_ID_SESSION_KEY

        user = request.user

        def attach():
            user.otp_device = None
            user.is_verified = lambda: bool(
                user.is_authenticated and request.session.get(DEVICE_ID_SESSION_KEY)
            )
            return user

        request.user = SimpleLazyObject(attach)
        return self.get_response(request)
