"""NHS.UK-styled error pages. They must render even when the database is down."""

import sys

from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


def _error(request, template: str, status: int):
    return render(request, template, {"request_id": getattr(request, "request_id", "")}, status=status)


@login_not_required
@requires_csrf_token
def bad_request(request, exception=None):
    if _database_unavailable(exception):
        return _unavailable(request)
    return _error(request, "errors/400.html", 400)


@login_not_required
@requires_csrf_token
def permission_denied(request, exception=None):
    return _error(request, "errors/403.html", 403)


@login_not_required
@requires_csrf_token
def page_not_found(request, exception=None):
    return _error(request, "errors/404.html", 404)


def _database_unavailable(problem: BaseException | None) -> bool:
    """Whether the error, or one it arose from, is the database being out of reach (stopped, restarting).

    A session that cannot be saved because the database went away mid-request surfaces as a "bad
    request" (``SessionInterrupted``); the chain still leads back to the database.
    """
    while problem is not None:
        if isinstance(problem, OperationalError | InterfaceError):
            return True
        problem = problem.__cause__ or problem.__context__
    return False


def _unavailable(request):
    # A passing outage (a restart, a failover): say so, and tell clients when to try again.
    context = {"request_id": getattr(request, "request_id", "")}
    response = HttpResponse(loader.get_template("errors/503.html").render(context), status=503)
    response["Retry-After"] = "30"
    return response


@login_not_required
@requires_csrf_token
def server_error(request):
    # No context processors that touch the database: the failure may be the database.
    if _database_unavailable(sys.exc_info()[1]):
        return _unavailable(request)
    context = {"request_id": getattr(request, "request_id", "")}
    return HttpResponseServerError(loader.get_template("errors/500.html").render(context))


@login_not_required
def csrf_failure(request, reason=""):
    return _error(request, "errors/csrf.html", 403)
