"""Periodic jobs of the teams app (see recovery_portal/celery.py)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # A member of staff whose last team membership ended has no staff access the next day (ADR 0027).
    "leavers-disable": {
        "task": "teams.tasks.leavers_disable",
        "schedule": crontab(hour=0, minute=20),
    },
}
