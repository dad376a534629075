"""Small helpers shared by the college's views."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request) -> str:
    """The ``next`` address if it stays on this site, else an empty string (no open redirects)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""


def posted(request):
    """The submitted data on POST (even when empty, so that required fields report errors), else None."""
    return request.POST if request.method == "POST" else None
