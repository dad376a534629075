"""Rate limits per address and per account, kept in the shared cache (Redis in deployments), ADR 0027.

One helper for every form the public can hammer: sign-in, password reset, registration, enrolment and
invitations. A limit counts events in a fixed window; ``hit`` counts one and says whether it is over.
Counts live in the cache alias ``rate_limits`` so every web process sees the same numbers.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    """At most ``count`` events in ``seconds`` for one key."""

    count: int
    seconds: int


class _FailOpen:
    """The rate-limit cache, answering as if empty while it cannot be reached.

    When Redis is away, sign-in and the other limited forms go on working without their limits (logged),
    rather than answering 500: a crisis team must still sign in during an outage (ADR 0027, HAZ-070).
    """

    _DEFAULTS = {"get": None, "add": True, "incr": 1, "set": None, "delete": None}

    def __getattr__(self, name):
        method = getattr(caches["rate_limits"], name)

        def call(*args, **kwargs):
            try:
                return method(*args, **kwargs)
            except ValueError:
                raise  # a missing key for incr: the cache answered
            except Exception:
                logger.warning("rate limits are not kept: the shared cache cannot be reached", exc_info=True)
                if name == "get":
                    return kwargs.get("default", args[1] if len(args) > 1 else None)
                return self._DEFAULTS.get(name)

        return call


def shared_cache() -> _FailOpen:
    """The cache that holds rate-limit counts and sign-in failures, failing open while it is away."""
    return _FailOpen()


_cache = shared_cache


def _key(scope: str, kind: str, value: str) -> str:
    # Addresses and e-mail addresses are hashed: the cache holds no personal data in the clear.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{value.strip().lower()}".encode()).hexdigest()[:32]
    return f"rl:{scope}:{kind}:{digest}"


def _count(key: str, seconds: int) -> int:
    cache = _cache()
    cache.add(key, 0, timeout=seconds)  # the window starts with the first event
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        return 1


def hit(scope: str, *, kind: str, value: str, limit: Limit) -> bool:
    """Count one event for ``value`` (an address, account or e-mail address); True when over the limit."""
    if not value:
        return False
    return _count(_key(scope, kind, value), limit.seconds) > limit.count


def peek(scope: str, *, kind: str, value: str) -> int:
    return _cache().get(_key(scope, kind, value), 0) if value else 0


def clear(scope: str, *, kind: str, value: str) -> None:
    _cache().delete(_key(scope, kind, value))


def address_of(request) -> str:
    # RequestIdMiddleware has already put the client's address (as the Trust's proxies vouch) here.
    return request.META.get("REMOTE_ADDR", "")


def limited(request, scope: str, *, account: str = "") -> bool:
    """Count one attempt at ``scope`` from this request's address and, if given, for ``account`` (a
    username, e-mail address or invitation); True when either is over its limit (RATE_LIMITS)."""
    per_address, per_account = settings.RATE_LIMITS[scope]
    over = hit(scope, kind="address", value=address_of(request), limit=Limit(*per_address))
    if account:
        over = hit(scope, kind="account", value=account, limit=Limit(*per_account)) or over
    return over


def too_many(request, *, wait_minutes: int | None = None):
    """The page for an answer held back by a rate limit (429), saying when to try again."""
    return render(request, "errors/too_many.html", {"wait_minutes": wait_minutes}, status=429)
