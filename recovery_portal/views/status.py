from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from rules.contrib.views import permission_required

from .. import selectors, services


@login_not_required
def health(request):
    """For load balancers: 200 when the app can reach its database, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok", "database": "ok"})
    except Exception:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)


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
