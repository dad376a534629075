import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from rules.contrib.views import permission_required

from .. import readiness, selectors, services


@login_not_required
def health(request):
    """Liveness, for load balancers: 200 when the app can reach its database, 503 otherwise. Kept cheap."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok", "database": "ok"})
    except Exception:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)


@login_not_required
@require_http_methods(["GET", "HEAD"])
def ready(request):
    """For load balancers and monitoring: database, Redis, a worker and beat, as JSON; 503 when any is down.

    No sign-in and no personal data. A few checks a minute from each address are answered; the answer is
    kept for a few seconds, so a busy monitor does not queue a ping job per request.
    """
    address = request.META.get("REMOTE_ADDR", "")
    counter = f"readiness:rate:{address}:{int(time.time() // 60)}"
    cache.add(counter, 0, timeout=61)
    if cache.incr(counter) > settings.READINESS_RATE_LIMIT_PER_MINUTE:
        response = JsonResponse({"status": "too many requests"}, status=429)
        response["Retry-After"] = "60"
        return response
    answer = cache.get("readiness:answer")
    if answer is None:
        answer = readiness.readiness()
        cache.set("readiness:answer", answer, timeout=settings.READINESS_CACHE_SECONDS)
    response = JsonResponse(answer, status=200 if answer["status"] == "ok" else 503)
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@permission_required("recovery_portal.view_system_status", raise_exception=True)
def system_status(request):
    """Administrators see whether background workers answer, and can ask them to."""
    if request.method == "POST":
        services.worker_heartbeat_request(by=request.user)
        return redirect("system-status")
    return render(
        request,
        "status/system_status.html",
        {
            "latest": selectors.worker_heartbeat_latest(),
            "last_answered": selectors.worker_heartbeat_last_answered(),
        },
    )
