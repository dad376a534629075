"""Recording a change of a measure's SPC limits (a "rebase") for a unit: checked, then saved whole."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import SpcLimitChange, SpcMeasure
from ..scope import TRUST, Scope, scope_get
from ..selectors.spc_limits import first_month_with_figures
from ..spc import MINIMUM_POINTS


def limit_change_errors(*, measure, unit_kind, unit_slug, starts, reason, baseline_months) -> dict[str, str]:
    """What is wrong with a limit change, field by field, in words that say what to do; {} when nothing."""
    errors: dict[str, str] = {}
    scope = None
    if unit_kind == TRUST:
        if unit_slug:
            errors["unit_slug"] = "Leave the unit short name blank for the whole Trust"
        else:
            scope = Scope.trust()
    elif not unit_slug:
        errors["unit_slug"] = "Enter the short name of the steering group, division or team"
    else:
        scope = scope_get(kind=unit_kind, slug=unit_slug)
        if scope is None:
            errors["unit_slug"] = "Enter the short name of a unit of the kind chosen, as in its web address"
    if measure == SpcMeasure.COLLEGE_ATTENDANCE and unit_kind != TRUST:
        errors["unit_kind"] = "Recovery College attendance is charted for the whole Trust only: choose Trust"
    if not (reason or "").strip():
        errors["reason"] = "Enter why the limits change, for example a new service or a new way of counting"
    if baseline_months is not None and baseline_months < MINIMUM_POINTS:
        errors["baseline_months"] = (
            f"Baseline months must be {MINIMUM_POINTS} or more, or leave it blank to use every month"
        )
    if starts is not None:
        today = timezone.localdate()
        if starts > today:
            errors["starts"] = "The date the limits change from must be today or in the past"
        elif scope is not None and measure in SpcMeasure.values:
            first = first_month_with_figures(measure=measure, team_ids=scope.team_ids())
            if first is None:
                errors["starts"] = (
                    "This measure has no figures for this unit yet, so it has no limits to change"
                )
            elif starts.replace(day=1) < first:
                errors["starts"] = (
                    f"The date the limits change from must be in or after {first:%B %Y}, the first month "
                    "with figures for this measure"
                )
    return errors


@transaction.atomic
def limit_change_record(
    *, measure, unit_kind, unit_slug, starts, reason, baseline_months=None, by
) -> SpcLimitChange:
    """Checks and saves a change of limits; raises ValidationError (nothing saved) when it is wrong."""
    errors = limit_change_errors(
        measure=measure,
        unit_kind=unit_kind,
        unit_slug=unit_slug,
        starts=starts,
        reason=reason,
        baseline_months=baseline_months,
    )
    if errors:
        raise ValidationError(errors)
    return SpcLimitChange.objects.create(
        measure=measure,
        unit_kind=unit_kind,
        unit_slug=unit_slug,
        starts=starts.replace(day=1),
        reason=reason.strip(),
        baseline_months=baseline_months,
        recorded_by=by,
    )
