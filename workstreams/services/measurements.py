"""Writes to a goal's measured progress: its monthly measurements (entered by the leads, or worked out by
the portal each month) and the leads' override of the RAG rating that follows from assurance (ADR 0023).

A measurement changed later keeps what it said before (simple-history); a second measurement for a month
already recorded is refused, as is a figure outside the measure's range: nothing is saved.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from recovery_portal.computed_figures import computed_figure_value
from recovery_portal.ratings import RAG

from ..models import ComputedFigure, Goal, GoalMeasurement, MeasurementSource


def measure_range(*, unit: str, computed_figure: str = "") -> tuple[Decimal, Decimal | None]:
    """The lowest and highest figure the measure can take: 0 to 100 for a percentage, else 0 upwards."""
    if unit.strip() == "%" or computed_figure == ComputedFigure.TEAMS_WITH_AGREED_PLAN:
        return Decimal(0), Decimal(100)
    return Decimal(0), None


def out_of_range(value: Decimal | None, *, unit: str, computed_figure: str = "") -> str:
    """Why ``value`` is outside the measure's range, in words to act on, or ""."""
    if value is None:
        return ""
    low, high = measure_range(unit=unit, computed_figure=computed_figure)
    if high is not None and not low <= value <= high:
        return f"between {low} and {high}"
    if value < low:
        return f"of {low} or more"
    return ""


def _month(value: date) -> date:
    return value.replace(day=1)


def _check_value(goal: Goal, value: Decimal) -> None:
    if problem := out_of_range(value, unit=goal.unit, computed_figure=goal.computed_figure):
        raise ValidationError(
            {"value": f"Enter a measurement {problem}{'%' if goal.unit_is_percent else ''}"}
        )


@transaction.atomic
def goal_measurement_record(
    *, goal: Goal, month: date, value: Decimal, by, source_detail: str = "", note: str = ""
) -> GoalMeasurement:
    """Record a lead's measurement of ``goal`` for ``month`` (any day in it)."""
    month = _month(month)
    errors = {}
    if month > _month(timezone.localdate()):
        errors["month"] = "The month measured must be this month or in the past"
    elif GoalMeasurement.objects.filter(goal=goal, month=month).exists():
        errors["month"] = (
            f"A measurement for {month:%B %Y} is already recorded. Change that measurement instead, "
            "or enter a different month"
        )
    try:
        _check_value(goal, value)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return GoalMeasurement.objects.create(
        goal=goal,
        month=month,
        value=value,
        source=MeasurementSource.ENTERED,
        source_detail=source_detail or "",
        note=note or "",
        changed_by=by,
    )


@transaction.atomic
def goal_measurement_change(
    *, measurement: GoalMeasurement, value: Decimal, by, source_detail: str = "", note: str = ""
) -> GoalMeasurement:
    """Correct a measurement; its earlier figure stays in its history."""
    _check_value(measurement.goal, value)
    measurement.value = value
    measurement.source = MeasurementSource.ENTERED
    measurement.source_detail = source_detail or ""
    measurement.note = note or ""
    measurement.changed_by = by
    measurement.save()
    return measurement


def _computed_value(goal: Goal, month: date) -> Decimal | None:
    if not goal.computed_figure:
        return None
    # Registered by the app that works the figure out (teams, for Team Recovery Plan coverage).
    return computed_figure_value(goal.computed_figure, month)


@transaction.atomic
def goal_measurement_take(*, goal: Goal, month: date) -> GoalMeasurement | None:
    """The portal's own measurement of ``goal`` for ``month``. Idempotent: taken again, it changes only a
    figure the portal took before and only when the figure has moved; a lead's entry is left as it is."""
    month = _month(month)
    value = _computed_value(goal, month)
    if value is None:
        return None
    found = GoalMeasurement.objects.select_for_update().filter(goal=goal, month=month).first()
    if found is None:
        return GoalMeasurement.objects.create(
            goal=goal,
            month=month,
            value=value,
            source=MeasurementSource.PORTAL,
            source_detail=ComputedFigure(goal.computed_figure).label,
        )
    if found.source == MeasurementSource.PORTAL and found.value != value:
        found.value = value
        found.save(update_fields=["value", "changed_at"])
    return found


@transaction.atomic
def goal_rag_override(*, goal: Goal, rag: str, reason: str, by) -> Goal:
    """Set the goal's RAG rating in place of the one assurance gives (a reason is needed), or, with no
    rating, go back to assurance's."""
    reason = (reason or "").strip()
    if rag and rag not in RAG.values:
        raise ValidationError({"rag": "Select red, amber or green, or none to follow assurance"})
    if rag and not reason:
        raise ValidationError({"reason": "Enter why the rating differs from the one assurance gives"})
    goal.rag_override = rag or ""
    goal.rag_override_reason = reason if rag else ""
    goal.changed_by = by
    goal.save(update_fields=["rag_override", "rag_override_reason", "changed_by", "changed_at"])
    return goal
