"""NHS.UK-styled error pages. They must render even when the database is down."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token


def _error(request, template: str, status: int):
    return render(request, template, {"request_id": getattr(request, "request_id", "")}, status=status)


@login_not_required
@requires_csrf_token
def bad_request(request, exception=None):
    return _error(request, "errors/400.html", 400)


@login_not_required
@requires_csrf_token
def permission_denied(request, exception=None):
    return _error(request, "errors/403.html", 403)


@login_not_required
@requires_csrf_token
def page_not_found(request, exception=None):
    return _error(request, "errors/404.html", 404)


@login_not_required
@requires_csrf_token
def server_error(request):
    # No context processors that touch the database: the failure may be the database.
    from django.http import HttpResponseServerError
    from django.template import loader

    template = loader.get_template("errors/500.html")
    return HttpResponseServerError(template.render({"request_id": getattr(request, "request_id", "")}))


@login_not_required
def csrf_failure(request, reason=""):
    return _error(request, "errors/csrf.html", 403)
