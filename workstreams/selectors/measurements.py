"""Reads of goals' measured progress: each a fixed number of queries, however many goals and months."""

from datetime import date

from django.db.models import QuerySet

from ..models import Goal, GoalMeasurement
from ..models.delivery import OPEN_GOAL_STATUSES
from ..progress import monthly_values


def goal_measurements(goal: Goal) -> QuerySet[GoalMeasurement]:
    return GoalMeasurement.objects.filter(goal=goal).select_related("changed_by").order_by("month")


def goal_measurement_queryset() -> QuerySet[GoalMeasurement]:
    return GoalMeasurement.objects.select_related("goal__workstream")


def goals_with_measurements() -> list[tuple[Goal, list[GoalMeasurement]]]:
    """Goals that have at least one measurement, each with its measurements in month order: one query,
    however many goals and months."""
    found: dict[int, tuple[Goal, list[GoalMeasurement]]] = {}
    rows = GoalMeasurement.objects.select_related("goal__workstream").order_by(
        "goal__workstream__order", "goal__target_date", "goal__title", "goal_id", "month"
    )
    for measurement in rows:
        found.setdefault(measurement.goal_id, (measurement.goal, []))[1].append(measurement)
    return list(found.values())


def goal_monthly_values(measurements) -> tuple[list[date], list[float | None]]:
    """A goal's months from its first measurement to its latest and the value of each (None for a month
    with none), as the goal's page charts them; no query."""
    return monthly_values(measurements)


def goals_measured_by_the_portal() -> QuerySet[Goal]:
    """Open goals tied to a figure the portal works out, for the monthly job."""
    return Goal.objects.exclude(computed_figure="").filter(status__in=OPEN_GOAL_STATUSES).order_by("pk")
