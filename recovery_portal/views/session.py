"""Staying signed in, and saving what was written when the session had ended (recovery_portal/session_timeout.py)."""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from ..session_timeout import kept_entry_take


@require_POST
def session_extend(request):
    """The warning's "Stay signed in": this request itself renews the idle timeout."""
    request.session.modified = True
    return JsonResponse({"seconds": request.session.get_expiry_age()})


def kept_entry(request, key: str):
    """What the person wrote when their session had ended, to send again now they are signed in."""
    entry = kept_entry_take(key, request.user)
    if entry is None:
        raise Http404
    texts = [value for _, value in entry["fields"] if len(value) > 1 and not value.isdigit()]
    return render(request, "account/kept_entry.html", {"entry": entry, "texts": texts})
