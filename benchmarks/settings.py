"""Settings of the benchmark runner's own Django: the test settings, on the large dataset's database.

Pages are measured as a deployment serves them (DEBUG off); jobs run in-process, as nothing here
waits on a worker.
"""

from recovery_portal.settings.test import *  # noqa: F403

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
