"""A goal's page (its measured progress, run chart, assurance and RAG rating), the leads' forms to record
or correct a measurement, and their override of the RAG rating."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from rules.contrib.views import permission_required

from recovery_portal.access import get_visible_or_404, require_permission
from recovery_portal.breadcrumbs import trail
from recovery_portal.form_flow import submit

from .. import selectors, services
from ..forms import GoalMeasurementForm, GoalRagForm
from ..progress import goal_progress


@permission_required("workstreams.view_workstream", raise_exception=True)
def goal_detail(request, pk: int):
    """One goal: its measure, measurements as a run chart with the target, assurance and RAG rating."""
    goal = get_visible_or_404(selectors.goal_queryset(), pk=pk)
    measurements = list(selectors.goal_measurements(goal))
    return render(
        request,
        "workstreams/goal_detail.html",
        {
            "goal": goal,
            "measurements": measurements,
            "progress": goal_progress(goal, measurements),
            "can_edit": request.user.has_perm("workstreams.change_workstream", goal.workstream),
            "breadcrumbs": trail("workstreams:goal-detail", goal),
        },
    )


def _goal_url(goal) -> str:
    return reverse("workstreams:goal-detail", args=[goal.pk])


def _form_page(request, goal, form, heading, button):
    return render(
        request,
        "workstreams/goal_progress_form.html",
        {
            "goal": goal,
            "form": form,
            "heading": heading,
            "button": button,
            "breadcrumbs": trail("workstreams:goal-rag-edit", goal),
        },
    )


def goal_measurement_create(request, pk: int):
    goal = get_visible_or_404(selectors.goal_queryset(), pk=pk)
    require_permission(request.user, "workstreams.change_workstream", goal.workstream)
    form = GoalMeasurementForm(request.POST or None)
    outcome = submit(
        request, form, lambda data: services.goal_measurement_record(goal=goal, by=request.user, **data)
    )
    if outcome.saved:
        messages.success(request, f"Measurement recorded for {outcome.result.month:%B %Y}")
        return redirect(_goal_url(goal))
    return _form_page(request, goal, form, "Record a measurement", "Record the measurement")


def goal_measurement_edit(request, pk: int):
    measurement = get_visible_or_404(selectors.goal_measurement_queryset(), pk=pk)
    goal = measurement.goal
    require_permission(request.user, "workstreams.change_workstream", goal.workstream)
    initial = {
        "value": measurement.value,
        "source_detail": measurement.source_detail,
        "note": measurement.note,
    }
    form = GoalMeasurementForm(request.POST or None, initial=initial, changing=True)
    outcome = submit(
        request,
        form,
        lambda data: services.goal_measurement_change(measurement=measurement, by=request.user, **data),
    )
    if outcome.saved:
        messages.success(request, f"Measurement for {measurement.month:%B %Y} changed")
        return redirect(_goal_url(goal))
    return _form_page(
        request, goal, form, f"Change the measurement for {measurement.month:%B %Y}", "Save the measurement"
    )


def goal_rag_edit(request, pk: int):
    goal = get_visible_or_404(selectors.goal_queryset(), pk=pk)
    require_permission(request.user, "workstreams.change_workstream", goal.workstream)
    form = GoalRagForm(
        request.POST or None, initial={"rag": goal.rag_override, "reason": goal.rag_override_reason}
    )
    outcome = submit(
        request, form, lambda data: services.goal_rag_override(goal=goal, by=request.user, **data)
    )
    if outcome.saved:
        messages.success(request, "RAG rating saved")
        return redirect(_goal_url(goal))
    return _form_page(request, goal, form, "Set the goal's RAG rating", "Save the rating")
