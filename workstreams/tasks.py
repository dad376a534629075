"""Background jobs of the workstreams app. Tasks take ids and are safe to run again."""

from datetime import date, timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from . import selectors, services
from .models import Goal


@shared_task(acks_late=True, max_retries=3, ignore_result=True)
def take_goal_measurements() -> int:
    """On the first of each month: queue the portal's measurement of the month just ended for every open
    goal tied to a figure it works out. Returns how many were queued."""
    goal_ids = list(selectors.goals_measured_by_the_portal().values_list("pk", flat=True))
    month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    for goal_id in goal_ids:
        transaction.on_commit(
            lambda goal_id=goal_id: take_goal_measurement.delay(goal_id=goal_id, month=month.isoformat())
        )
    return len(goal_ids)


@shared_task(acks_late=True, max_retries=3, ignore_result=True)
def take_goal_measurement(*, goal_id: int, month: str) -> None:
    """One goal's measurement for ``month`` (ISO date); taken twice, it records one measurement."""

    goal = Goal.objects.filter(pk=goal_id).first()
    if goal is not None:
        services.goal_measurement_take(goal=goal, month=date.fromisoformat(month))
