"""The Celery application. Tasks live in each app's ``tasks.py`` and take ids, never records."""

import importlib
import os

from celery import Celery

from .logs import connect_celery_signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery_portal.settings.local")

app = Celery("recovery_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Jobs log as JSON, like the web processes, with the id of the request that queued them.
connect_celery_signals()

# Each app may declare periodic jobs as BEAT_SCHEDULE in its schedule.py; beat writes them to the
# database scheduler at start, where administrators can see and pause them.
SCHEDULED_APPS = ["recovery_portal", "workstreams", "teams", "careplans", "college", "evaluation"]


def collect_beat_schedule() -> dict:
    schedule = {}
    for name in SCHEDULED_APPS:
        try:
            module = importlib.import_module(f"{name}.schedule")
        except ModuleNotFoundError as missing:
            if missing.name != f"{name}.schedule":
                raise
            continue
        schedule.update(module.BEAT_SCHEDULE)
    return schedule


app.conf.beat_schedule = collect_beat_schedule()
