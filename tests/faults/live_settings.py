"""Settings of the server the fault tests start: the test settings, with jobs sent to the broker."""

from recovery_portal.settings.test import *  # noqa: F403
from recovery_portal.settings.test import env

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
