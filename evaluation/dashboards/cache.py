"""The dashboards' figures, kept for a few minutes.

A dashboard aggregates every caseload, plan and return of its scope: seconds of database work at Trust
scale, for figures that move slowly and are read at meetings. The figures of a scope and year are kept
for ``DASHBOARD_CACHE_SECONDS`` (0: worked out on every request) in the ``dashboards`` cache (Redis,
shared by every web process, when there is one), so people opening the same dashboard share one
computation; the page says when its figures were worked out. While one request works them out, others
asking for the same figures wait for its result rather than starting the same aggregation again.
If the cache cannot be reached the figures are worked out, as without it.

Every page's counts of people are published for the whole Trust's tree of units at once (ADR 0022): that
is the same for every page of a year and day, so it is kept once (``kept_people``, for
``PUBLISHED_COUNTS_CACHE_SECONDS``) and each page works out only its own scope's figures around it. A
beat job publishes this year's counts ahead of the pages (``publish_people_ahead``), so no page waits for
them while the job runs.

The annual report and the team performance report never use this: they always work their figures out.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from recovery_portal.financial_year import FinancialYear

from ..figures import Figures, TrustPeople, figures_for, publish_people
from ..scope import Scope

logger = logging.getLogger(__name__)

WAIT_SECONDS = 30  # the longest another request's computation is waited for
POLL_SECONDS = 0.1
# How much longer than its period a publication made ahead is kept: time for the job, which looks each
# minute, to make the next one.
AHEAD_MARGIN_SECONDS = 120


def _cache_call(method: str, *args, **kwargs):
    try:
        return getattr(caches["dashboards"], method)(*args, **kwargs)
    except Exception:  # the cache is an optimisation: a Redis outage must not break the dashboards
        logger.warning("Dashboard figures cache unavailable (%s)", method, exc_info=True)
        return None


def _kept(key: str, seconds: int, work_out):
    """``work_out()`` kept under ``key`` for ``seconds``; while one request works it out, others asking for
    the same key wait for its result. With the cache out of reach, worked out."""
    if seconds <= 0:
        return work_out()
    found = _cache_call("get", key)
    if found is not None:
        return found
    if _cache_call("add", f"{key}:working", 1, timeout=WAIT_SECONDS) is False:
        # Someone else is working this out: wait for theirs.
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            found = _cache_call("get", key)
            if found is not None:
                return found
    return _worked_out_and_kept(key, seconds, work_out)


def _worked_out_and_kept(key: str, seconds: int, work_out):
    """``work_out()`` kept under ``key`` for ``seconds``, by whoever holds the key's "working" lock,
    which is given up here whatever happens."""
    try:
        found = work_out()
        _cache_call("set", key, found, timeout=seconds)
    finally:
        _cache_call("delete", f"{key}:working")
    return found


def kept_people(*, year: FinancialYear, today) -> TrustPeople:
    """The counts of people of every unit of the Trust in ``year`` as at ``today``, as published together
    (ADR 0022): the same for every dashboard page, so worked out once and shared by them all for
    ``PUBLISHED_COUNTS_CACHE_SECONDS``. Only published figures are kept, never the counts behind them."""
    return _kept(
        _people_key(year, today),
        settings.PUBLISHED_COUNTS_CACHE_SECONDS,
        lambda: publish_people(year=year, today=today),
    )


def _people_key(year: FinancialYear, today) -> str:
    # "charted-plans": a publication kept before the charts below Trust level (plans agreed among them) were
    # decided with it is not read.
    return f"people:charted-plans:{year.start_year}:{today.isoformat()}"


def publish_people_ahead() -> bool:
    """Publish the Trust's counts of people for this financial year and keep them before anyone asks
    (the beat job ``dashboard_publication_ahead``, each minute): otherwise the first dashboard page after
    the kept publication expires waits for it, about 7 s at Trust scale. A publication made here is kept
    ``AHEAD_MARGIN_SECONDS`` longer than ``PUBLISHED_COUNTS_CACHE_SECONDS``, and made again once that
    period is over, so it is replaced before it expires. False when it is not yet a period old, nothing
    is kept (the setting is 0), the cache is out of reach, or another process is publishing now."""
    seconds = settings.PUBLISHED_COUNTS_CACHE_SECONDS
    if seconds <= 0:
        return False
    today = timezone.localdate()
    year = FinancialYear.containing(today)
    key = _people_key(year, today)
    if _cache_call("get", f"{key}:ahead") is not None:
        return False  # published ahead less than a period ago
    if not _cache_call("add", f"{key}:working", 1, timeout=WAIT_SECONDS):
        return False
    _worked_out_and_kept(key, seconds + AHEAD_MARGIN_SECONDS, lambda: publish_people(year=year, today=today))
    _cache_call("set", f"{key}:ahead", 1, timeout=seconds)
    return True


def dashboard_figures(*, scope: Scope, year: FinancialYear) -> tuple[Figures, object]:
    """The figures of ``scope`` in ``year`` and when they were worked out (a timezone-aware datetime)."""
    today = timezone.localdate()

    def work_out():
        people = kept_people(year=year, today=today)
        return figures_for(scope=scope, year=year, today=today, people=people), timezone.now()

    # Today is part of the key: figures are "as at" today, so they are never carried past midnight.
    key = f"figures:{scope.kind}:{scope.pk}:{year.start_year}:{today.isoformat()}"
    return _kept(key, settings.DASHBOARD_CACHE_SECONDS, work_out)
