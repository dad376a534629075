"""Request id, session lifetime and cache headers for every response."""

import re
import uuid

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone
from django.utils.cache import patch_cache_control

_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


class RequestIdMiddleware:
    """Give each request an id, shown on error pages and stored with audit events."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


class SessionLimitMiddleware:
    """End a session 12 hours after sign-in even while it is in use (ASVS 3.3.2).

    The 30-minute idle limit needs no code: SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in_at = request.session.get("signed_in_at") if request.user.is_authenticated else None
        if signed_in_at and timezone.now().timestamp() - signed_in_at > settings.SESSION_ABSOLUTE_TIMEOUT:
            logout(request)
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages for signed-in users must not be kept by browsers or proxies (ASVS 8.2.1)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
