"""Periodic jobs of the core app (see recovery_portal/celery.py)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Shows on the system status page whether the workers are answering.
    "worker-heartbeat": {
        "task": "recovery_portal.tasks.worker_heartbeat_beat",
        "schedule": crontab(minute="*/15"),
    },
    # Messages held for quiet hours or back-off go as soon as they may (recovery_portal.notifications).
    "messages-send-due": {
        "task": "recovery_portal.tasks.messages_send_due",
        "schedule": crontab(minute="*/5"),
    },
    # Delivery receipts normally arrive by GOV.UK Notify's callback; this catches any that did not.
    "messages-poll": {
        "task": "recovery_portal.tasks.messages_poll",
        "schedule": crontab(minute="2-59/5"),
    },
    # Beat's own heartbeat, whose age /health/ready/ and the beat container's health check read.
    "beat-heartbeat": {
        "task": "recovery_portal.tasks.beat_heartbeat",
        "schedule": 60.0,
        # A heartbeat nobody ran in time is not worth running late.
        "options": {"expire_seconds": 50},
    },
    # Password accounts nobody has used for ACCOUNT_INACTIVE_DAYS are disabled (ADR 0027).
    "inactive-accounts-disable": {
        "task": "recovery_portal.tasks.inactive_accounts_disable",
        "schedule": crontab(hour=1, minute=10),
    },
}
