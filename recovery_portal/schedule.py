"""Periodic jobs of the core app (see recovery_portal/celery.py)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Shows on the system status page whether the workers are answering.
    "worker-heartbeat": {
        "task": "recovery_portal.tasks.worker_heartbeat_beat",
        "schedule": crontab(minute="*/15"),
    },
}
