"""Periodic jobs of the core app (see recovery_portal/celery.py)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Shows on the system status page whether the workers are answering.
    "worker-heartbeat": {
        "task": "recovery_portal.tasks.worker_heartbeat_beat",
        "schedule": crontab(minute="*/15"),
    },
    # Beat's own heartbeat, whose age /health/ready/ and the beat container's health check read.
    "beat-heartbeat": {
        "task": "recovery_portal.tasks.beat_heartbeat",
        "schedule": 60.0,
        # A heartbeat nobody ran in time is not worth running late.
        "options": {"expire_seconds": 50},
    },
}
