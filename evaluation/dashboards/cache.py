"""The dashboards' figures, kept for a few minutes.

A dashboard aggregates every caseload, plan and return of its scope: seconds of database work at Trust
scale, for figures that move slowly and are read at meetings. The figures of a scope and year are kept
for ``DASHBOARD_CACHE_SECONDS`` (0: worked out on every request) in the ``dashboards`` cache (Redis,
shared by every web process, when there is one), so people opening the same dashboard share one
computation; the page says when its figures were worked out. While one request works them out, others
asking for the same figures wait for its result rather than starting the same aggregation again.
If the cache cannot be reached the figures are worked out, as without it.

The annual report and the team performance report never use this: they always work their figures out.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from recovery_portal.financial_year import FinancialYear

from ..figures import Figures, figures_for
from ..scope import Scope

logger = logging.getLogger(__name__)

WAIT_SECONDS = 30  # the longest another request's computation is waited for
POLL_SECONDS = 0.1


def _cache_call(method: str, *args, **kwargs):
    try:
        return getattr(caches["dashboards"], method)(*args, **kwargs)
    except Exception:  # the cache is an optimisation: a Redis outage must not break the dashboards
        logger.warning("Dashboard figures cache unavailable (%s)", method, exc_info=True)
        return None


def dashboard_figures(*, scope: Scope, year: FinancialYear) -> tuple[Figures, object]:
    """The figures of ``scope`` in ``year`` and when they were worked out (a timezone-aware datetime)."""
    seconds = settings.DASHBOARD_CACHE_SECONDS
    today = timezone.localdate()

    def work_out():
        return figures_for(scope=scope, year=year, today=today), timezone.now()

    if seconds <= 0:
        return work_out()
    # Today is part of the key: figures are "as at" today, so they are never carried past midnight.
    key = f"figures:{scope.kind}:{scope.pk}:{year.start_year}:{today.isoformat()}"
    found = _cache_call("get", key)
    if found is not None:
        return found
    if _cache_call("add", f"{key}:working", 1, timeout=WAIT_SECONDS) is False:
        # Someone else is working these figures out: wait for theirs.
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            found = _cache_call("get", key)
            if found is not None:
                return found
    try:
        found = work_out()
        _cache_call("set", key, found, timeout=seconds)
    finally:
        _cache_call("delete", f"{key}:working")
    return found
