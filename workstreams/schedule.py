"""Periodic jobs of the workstreams app (gathered in recovery_portal/celery.py)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Goals tied to a figure the portal works out get the month just ended measured on the 1st.
    "workstream-goal-measurements": {
        "task": "workstreams.tasks.take_goal_measurements",
        "schedule": crontab(minute=30, hour=5, day_of_month=1),
    },
}
