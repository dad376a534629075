"""Deployments: refuses to start without the settings that must never have defaults."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env


def required(name: str, hint: str) -> str:
    value = env(name, default="")
    if not value:
        raise ImproperlyConfigured(f"{name} is not set. {hint} See .env.example.")
    return value


SECRET_KEY = required("SECRET_KEY", "Set it to a long random value kept out of the code.")
required("DATABASE_URL", "Set it to the PostgreSQL database, e.g. postgres://user:pass@host:5432/recovery.")
ALLOWED_HOSTS = [h.strip() for h in required("ALLOWED_HOSTS", "List the host names served.").split(",")]
# Without a broker, jobs would run inside web requests and scheduled jobs never at all.
CELERY_BROKER_URL = required("CELERY_BROKER_URL", "Set it to the Redis broker, e.g. redis://redis:6379/0.")
CELERY_TASK_ALWAYS_EAGER = False
# Links in messages would otherwise lead to a developer's machine.
PORTAL_BASE_URL = required(
    "PORTAL_BASE_URL", "Set it to the portal's address, e.g. https://recovery.example.nhs.uk."
)
if NOTIFY_API_KEY and not NOTIFY_CALLBACK_TOKEN:  # noqa: F405
    raise ImproperlyConfigured(
        "NOTIFY_CALLBACK_TOKEN is not set. GOV.UK Notify's delivery receipts are refused without it. See .env.example."
    )

# The append-only audit trail is enforced by a PostgreSQL trigger; other databases lack it.
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":  # noqa: F405
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL in production (postgres://…).")

# Real mail by default: the console backend would print password-reset links into the logs.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")

DEBUG = False
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The Trust's reverse proxy terminates TLS and says so in this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
