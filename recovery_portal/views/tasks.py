from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..access import get_visible_or_404
from ..audit import audit_list
from ..breadcrumbs import trail
from ..models import FollowUpTask


def task_list(request):
    """The signed-in person's open follow-up tasks."""
    tasks = list(selectors.follow_up_tasks_open_for(user=request.user))
    if tasks:
        # A task's title may name someone the user works with.
        audit_list(request, subjects=(), reason="follow-up tasks")
    return render(
        request,
        "tasks/list.html",
        {
            "tasks": tasks,
            "breadcrumbs": trail("tasks"),
        },
    )


@require_POST
def task_complete(request, pk: int):
    task = get_visible_or_404(FollowUpTask.objects.visible_to(request.user), pk=pk)
    services.follow_up_task_complete(task=task, by=request.user)
    messages.success(request, f"Marked as done: {task.title}")
    return redirect("tasks")
