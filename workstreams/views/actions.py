"""Actions: the Trust-wide list and its export, one action's timeline, and adding progress to it."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from rules.contrib.views import permission_required

from recovery_portal.access import get_visible_or_404, require_permission
from recovery_portal.breadcrumbs import trail
from recovery_portal.exports import csv_response
from recovery_portal.form_flow import submit

from .. import selectors, services
from ..forms import ActionForm, ProgressUpdateForm

ACTIONS_PER_PAGE = 50


@permission_required("workstreams.view_workstream", raise_exception=True)
def action_list(request):
    """Every workstream action in the Trust, filtered by workstream, domain, challenge, owner, status, RAG,
    overdue and due date; the same filters give the CSV export."""
    directory = selectors.action_directory(filters=request.GET)
    page_obj = Paginator(directory.qs, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workstreams/action_list.html",
        {
            "filter": directory,
            "page_obj": page_obj,
            "actions": page_obj.object_list,
            "query_string": query.urlencode(),
            "is_filtered": any(value for key, value in request.GET.items() if key != "page"),
            "today": timezone.localdate(),
            "breadcrumbs": trail("workstreams:actions"),
        },
    )


EXPORT_HEADER = [
    "Workstream",
    "Conversation domain",
    "Goal",
    "Action",
    "Owner",
    "Co-owner",
    "Start date",
    "Due date",
    "Status",
    "RAG rating",
    "Overdue",
    "Co-produced with",
]


@permission_required("workstreams.view_workstream", raise_exception=True)
def action_export(request):
    """The action list as it is filtered, as a CSV file (audited)."""
    actions = selectors.action_directory(filters=request.GET).qs
    rows = (
        [
            action.goal.workstream.name,
            action.goal.domain.title,
            action.goal.title,
            action.description,
            action.owner.display_name,
            action.co_owner.display_name if action.co_owner else "",
            action.start_date.isoformat(),
            action.due_date.isoformat(),
            action.get_status_display(),
            action.get_rag_display() if action.rag else "Not rated",
            "Yes" if action.is_overdue else "No",
            action.co_produced_with if action.co_produced else "",
        ]
        for action in actions.iterator(chunk_size=500)
    )
    return csv_response(
        request, name="Workstream actions", header=EXPORT_HEADER, rows=rows, reason="workstream action list"
    )


def _progress_context(request, action, form=None) -> dict:
    can_update = request.user.has_perm("workstreams.add_progressupdate", action)
    if can_update and form is None:
        # The rating is not carried over from the last update: each update is a fresh judgement.
        form = ProgressUpdateForm(initial={"date": timezone.localdate(), "status": action.status})
    return {"action": action, "form": form, "can_update": can_update}


@permission_required("workstreams.view_workstream", raise_exception=True)
def action_detail(request, pk: int):
    """One action: what, who, when, its current status and RAG, and its progress updates as a timeline."""
    action = get_visible_or_404(selectors.action_detail_queryset(), pk=pk)
    return render(
        request,
        "workstreams/action_detail.html",
        {
            **_progress_context(request, action),
            "can_edit": request.user.has_perm("workstreams.change_workstream", action.goal.workstream),
            "breadcrumbs": trail("workstreams:action-detail", action),
        },
    )


def progress_update_create(request, pk: int):
    """Add a progress update. With htmx the progress section is swapped in place; without JavaScript
    the form posts here and the browser returns to the action (or this page shows the errors)."""
    action = get_visible_or_404(selectors.action_detail_queryset(), pk=pk)
    require_permission(request.user, "workstreams.add_progressupdate", action)
    if request.method != "POST":
        return render(
            request,
            "workstreams/progress_update_form.html",
            {
                **_progress_context(request, action),
                "breadcrumbs": trail("workstreams:progress-update-create", action),
            },
        )
    form = ProgressUpdateForm(request.POST, request.FILES)
    outcome = submit(
        request, form, lambda data: services.progress_update_add(action=action, by=request.user, **data)
    )
    if outcome.saved:
        message = f"Progress update added to: {action}"
        if request.htmx:
            action = get_visible_or_404(selectors.action_detail_queryset(), pk=pk)
            return render(
                request,
                "workstreams/partials/action_progress.html",
                {**_progress_context(request, action), "added": message},
            )
        messages.success(request, message)
        return redirect("workstreams:action-detail", pk=pk)
    context = {
        **_progress_context(request, action, form),
        "breadcrumbs": trail("workstreams:progress-update-create", action),
    }
    if request.htmx:
        return render(request, "workstreams/partials/action_progress.html", context)
    return render(request, "workstreams/progress_update_form.html", context)


def _posted(request):
    return request.POST if request.method == "POST" else None


def _action_page(request, form, goal, action=None, outcome=None):
    return render(
        request,
        "workstreams/action_form.html",
        {
            "form": form,
            "goal": goal,
            "action": action,
            "breadcrumbs": trail("workstreams:action-create", goal),
            **(outcome.context if outcome else {}),
        },
        status=outcome.status if outcome else 200,
    )


def action_create(request, pk: int):
    goal = get_visible_or_404(selectors.goal_queryset(), pk=pk)
    require_permission(request.user, "workstreams.change_workstream", goal.workstream)
    form = ActionForm(_posted(request), initial={"start_date": max(goal.start_date, timezone.localdate())})
    outcome = submit(
        request,
        form,
        lambda data: services.action_create(goal=goal, by=request.user, **_without_version(data)),
        what="action",
    )
    if outcome.saved:
        messages.success(request, "Action added")
        return redirect("workstreams:action-detail", pk=outcome.result.pk)
    return _action_page(request, form, goal)


def action_edit(request, pk: int):
    action = get_visible_or_404(selectors.action_detail_queryset(), pk=pk)
    goal = action.goal
    require_permission(request.user, "workstreams.change_workstream", goal.workstream)
    initial = {name: getattr(action, name) for name in ActionForm.base_fields}
    form = ActionForm(_posted(request), initial=initial)
    outcome = submit(
        request,
        form,
        lambda data: services.action_update(
            action=action, by=request.user, expected_version=data["version"], **_without_version(data)
        ),
        what="action",
    )
    if outcome.saved:
        messages.success(request, "Action updated")
        return redirect("workstreams:action-detail", pk=action.pk)
    return _action_page(request, form, goal, action, outcome=outcome)


def _without_version(data: dict) -> dict:
    return {name: value for name, value in data.items() if name != "version"}


@permission_required("workstreams.view_workstream", raise_exception=True)
def progress_evidence(request, pk: int):
    """The evidence file of a progress update, as a download (never served straight from media)."""
    update = get_visible_or_404(selectors.progress_update_queryset(), pk=pk)
    if not update.evidence_file:
        raise Http404
    return FileResponse(
        update.evidence_file.open("rb"),
        as_attachment=True,
        filename=update.evidence_file.name.rsplit("/", 1)[-1],
    )
