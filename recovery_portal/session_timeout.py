"""Warning before the idle timeout, and nothing lost when a session has ended (WCAG 2.2.1, ADR 0027).

Every signed-in page carries a dialog (templates/includes/session_timeout.html) that opens
SESSION_TIMEOUT_WARNING_SECONDS before the 30-minute idle timeout and lets the person stay signed in
(``session_extend``). If the session has ended anyway, a form the person sends is kept rather than lost:

- only a POST that passed the CSRF check (CsrfViewMiddleware runs first), from a browser carrying the
  signed "last signed-in" cookie that names the account;
- kept in the shared cache (Redis in deployments) for KEPT_ENTRY_MINUTES, never in the database;
- shown again only to that same account once it has signed in again, once, as a form with a fresh CSRF
  token that the person sends themself. Uploaded files are not kept.
"""

import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.urls import reverse
from django.utils import timezone

LAST_USER_COOKIE = "portal_last_user"
_SALT = "recovery_portal.session_timeout.last_user"
_SKIPPED = {"csrfmiddlewaretoken", "version_token"}


def _cache():
    # The shared Redis cache that also holds the rate limits; per process without Redis (make run). While
    # it is away nothing is kept, and the person is asked to sign in as before.
    from .rate_limits import shared_cache

    return shared_cache()


def remember_user(response, user) -> None:
    """Set at sign-in: which account this browser last signed in to, so a form sent after the session
    ended can be kept for that account only."""
    response.set_signed_cookie(
        LAST_USER_COOKIE,
        str(user.pk),
        salt=_SALT,
        max_age=settings.SESSION_ABSOLUTE_TIMEOUT,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _last_user_pk(request) -> int | None:
    try:
        value = request.get_signed_cookie(LAST_USER_COOKIE, salt=_SALT, default=None)
    except signing.BadSignature:
        return None
    return int(value) if value and value.isdigit() else None


def keep_entry(request) -> str | None:
    """Keep this request's form for the account that last signed in here; the key, or None."""
    owner = _last_user_pk(request)
    if owner is None or request.FILES:
        return None
    fields = [
        (name, value) for name, values in request.POST.lists() for value in values if name not in _SKIPPED
    ]
    if not fields:
        return None
    key = secrets.token_urlsafe(24)
    _cache().set(
        f"kept-entry:{key}",
        {
            "owner": owner,
            "path": request.get_full_path(),
            "fields": fields,
            "until": timezone.now().timestamp() + settings.KEPT_ENTRY_MINUTES * 60,
        },
        timeout=settings.KEPT_ENTRY_MINUTES * 60,
    )
    return key


def kept_entry_take(key: str, user) -> dict | None:
    """The entry kept under ``key`` if it is this account's; taken once."""
    entry = _cache().get(f"kept-entry:{key}")
    if not entry or entry["owner"] != user.pk or entry["until"] < timezone.now().timestamp():
        return None
    _cache().delete(f"kept-entry:{key}")
    return entry


class KeepEntryLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Django's sign-in requirement; a form sent after the session ended is kept, not lost."""

    def handle_no_permission(self, request, view_func):
        if request.method == "POST":
            key = keep_entry(request)
            if key:
                messages.info(
                    request,
                    "You were signed out because you had not done anything for a while. Sign in again and "
                    "you can save what you wrote.",
                )
                return redirect_to_login(reverse("kept-entry", args=[key]), self.get_login_url(view_func))
        return super().handle_no_permission(request, view_func)
