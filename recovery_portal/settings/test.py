"""Settings of the test suite. `make test` points DATABASE_URL at a throwaway PostgreSQL."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key-0123456789abcdefghijklmnopqrstuvwxyz-0123456789"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Argon2 is deliberately slow; tests create hundreds of users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Links in messages lead to the test client's own host, so a test can follow them.
PORTAL_BASE_URL = "http://testserver"
# Texts go at any hour in the suite, whatever the hour it runs at; the quiet-hours tests set them.
NOTIFY_QUIET_HOURS = ""
# The broker is used only by the integration tests, which start a real worker.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = True
# Static files come from the finders; no collectstatic run is needed before the suite.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Each test sees the figures of its own data; evaluation/tests/test_dashboard_cache.py turns the cache on,
# kept in the process whether or not the suite has a Redis.
DASHBOARD_CACHE_SECONDS = 0
PUBLISHED_COUNTS_CACHE_SECONDS = 0
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "dashboards": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "dashboards"},
}
# Rate limits in a Redis database of their own (the suite's Redis), so each test can start with none
# counted without touching the broker's database.
CACHES["rate_limits"] = (
    {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CELERY_BROKER_URL.rsplit("/", 1)[0] + "/3",
        "KEY_PREFIX": "rate-limits",
    }
    if CELERY_BROKER_URL.startswith("redis")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rate-limits"}
)
