from django.conf import settings

from .navigation import navigation_for


def service(request):
    """The service name and the signed-in user's navigation, for the header on every page."""
    return {
        "service_name": settings.SERVICE_NAME,
        "trust_name": settings.TRUST_NAME,
        "primary_navigation": navigation_for(request),
        # django-htmx's script tag reads the nonce under this name.
        "csp_nonce": getattr(request, "csp_nonce", ""),
        "session_timeout": {
            "seconds": settings.SESSION_COOKIE_AGE,
            "warning": min(settings.SESSION_TIMEOUT_WARNING_SECONDS, settings.SESSION_COOKIE_AGE),
        },
    }
