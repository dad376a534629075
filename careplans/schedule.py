"""Periodic jobs of the careplans app (see recovery_portal/celery.py)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Workers see reviews falling due on their home page and by email each morning.
    "plan-review-reminders": {
        "task": "careplans.tasks.plan_review_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
}
