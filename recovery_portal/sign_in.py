"""Sign-in that slows guessing down without letting anyone lock an owner out (ADR 0027, replacing 0006).

- Per address: too many failed sign-ins from one address in SIGN_IN_ADDRESS_WINDOW_MINUTES and that
  address waits (it is spraying passwords across accounts).
- Per account: after SIGN_IN_SLOW_AFTER failures, each further attempt must wait twice as long as the
  last, up to SIGN_IN_MAX_DELAY_SECONDS. Never a lock: the owner waits at most that long.
- A browser the owner has signed in from before (a signed "known browser" cookie naming the account)
  is not slowed by other people's failures, so a stranger cannot keep a crisis team's clinician out.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core import signing

from .audit import audit_record
from .forms import SignInForm
from .models import AuditAction
from .rate_limits import Limit, address_of, hit, peek, shared_cache, too_many
from .session_timeout import remember_user

KNOWN_BROWSER_COOKIE = "portal_known_browser"
_SALT = "recovery_portal.sign_in.known_browser"


def _account(username: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{username.strip().lower()}".encode()).hexdigest()[:24]


def _account_key(username: str) -> str:
    return f"sign-in:account:{_account(username)}"


def account_wait_seconds(username: str, now: float | None = None) -> int:
    """Seconds this account's next attempt must still wait (0: go ahead)."""
    state = shared_cache().get(_account_key(username))
    if not state:
        return 0
    failures, last = state
    over = failures - settings.SIGN_IN_SLOW_AFTER
    if over < 0:
        return 0
    delay = min(2**over, settings.SIGN_IN_MAX_DELAY_SECONDS)
    left = last + delay - (now if now is not None else time.time())
    return max(0, int(left + 0.999))


def _account_failed(username: str) -> None:
    cache = shared_cache()
    key = _account_key(username)
    failures, _ = cache.get(key) or (0, 0)
    cache.set(key, (failures + 1, time.time()), timeout=settings.SIGN_IN_FAILURE_MEMORY_MINUTES * 60)


def _known_accounts(request) -> set[str]:
    try:
        return set(request.get_signed_cookie(KNOWN_BROWSER_COOKIE, salt=_SALT, default="").split(","))
    except signing.BadSignature:
        return set()


def _address_limit() -> Limit:
    return Limit(settings.SIGN_IN_ADDRESS_FAILURE_LIMIT, settings.SIGN_IN_ADDRESS_WINDOW_MINUTES * 60)


class SignInView(auth_views.LoginView):
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        address = address_of(request)
        known = username and _account(username) in _known_accounts(request)
        if not known:
            if peek("sign-in", kind="address", value=address) >= settings.SIGN_IN_ADDRESS_FAILURE_LIMIT:
                audit_record(
                    actor=None, action=AuditAction.SIGN_IN_FAILED, request=request, reason="address slowed"
                )
                return too_many(request, wait_minutes=settings.SIGN_IN_ADDRESS_WINDOW_MINUTES)
            wait = account_wait_seconds(username) if username else 0
            if wait:
                audit_record(
                    actor=None, action=AuditAction.SIGN_IN_FAILED, request=request, reason="account slowed"
                )
                return self._wait(request, wait)
        return super().post(request, *args, **kwargs)

    def _wait(self, request, seconds: int):
        from django.shortcuts import render

        return render(request, "errors/too_many.html", {"wait_seconds": seconds}, status=429)

    def form_invalid(self, form):
        username = self.request.POST.get("username", "")
        if username and self.request.POST.get("password"):
            hit("sign-in", kind="address", value=address_of(self.request), limit=_address_limit())
            _account_failed(username)
        return super().form_invalid(form)

    def form_valid(self, form):
        user = form.get_user()
        shared_cache().delete(_account_key(user.get_username()))
        response = super().form_valid(form)
        remember_user(response, user)
        accounts = (_known_accounts(self.request) | {_account(user.get_username())}) - {""}
        response.set_signed_cookie(
            KNOWN_BROWSER_COOKIE,
            ",".join(sorted(accounts)[-10:]),
            salt=_SALT,
            max_age=settings.SIGN_IN_KNOWN_BROWSER_DAYS * 24 * 60 * 60,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response


class RateLimitedPasswordResetView(auth_views.PasswordResetView):
    """Password reset, limited per address and per e-mail address (RATE_LIMITS["password-reset"]), so the
    form cannot be used to flood someone's inbox. The answer for a known and an unknown address is the same."""

    def post(self, request, *args, **kwargs):
        from .rate_limits import limited

        if limited(request, "password-reset", account=request.POST.get("email", "")):
            return too_many(request, wait_minutes=60)
        return super().post(request, *args, **kwargs)
