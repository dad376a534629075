"""Periodic jobs of the college (gathered in recovery_portal/celery.py)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "college-session-reminders": {"task": "college.tasks.session_reminders", "schedule": crontab(minute=5)},
    "college-expire-offers": {"task": "college.tasks.expire_offers", "schedule": crontab(minute="*/10")},
}
