"""Imported ReQoL-10 returns with a risk answer raise the same follow-up as entered ones.

An answer of "Sometimes" or more to "I thought my life was not worth living" is never only a number:
the person's care coordinator and peer support worker on that team each get a task. When the caseload
entry names neither, the task goes to whoever imported the file, so it never goes to nobody.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from recovery_portal.services import follow_up_tasks_raise

from ..services import risk_task_key
from .selectors import CaseloadPlace

TITLE = "Contact a person about an answer on their ReQoL-10"


def risk_follow_ups_raise(*, returns: list[tuple[int, int, object, CaseloadPlace]], by) -> int:
    """Raise the tasks for (return id, person id, completed on, caseload place); returns how many."""
    wanted = {
        user_id
        for *_, place in returns
        for user_id in (place.care_coordinator_id, place.peer_support_worker_id)
        if user_id
    }
    users = get_user_model().objects.in_bulk(wanted)
    tasks, today = [], timezone.localdate()
    for return_id, person_id, completed_on, place in returns:
        assignees = [
            users[user_id]
            for user_id in (place.care_coordinator_id, place.peer_support_worker_id)
            if user_id in users
        ] or [by]
        for assignee in dict.fromkeys(assignees):
            tasks.append(
                {
                    # As for a return entered in the portal: the same key, page and due date.
                    "key": risk_task_key(return_id=return_id, assignee_id=assignee.pk),
                    "assignee": assignee,
                    "title": TITLE,
                    "detail": (
                        f"A ReQoL-10 completed on {completed_on:%-d %B %Y}, imported from a file, answers "
                        "\u201cI thought my life was not worth living\u201d with \u201cSometimes\u201d or "
                        "more. Contact the person and review their safety plan with them."
                    ),
                    "url": reverse("measures:person", kwargs={"pk": person_id}),
                    "due_date": today,
                }
            )
    # In bulk: an import may carry hundreds of these, and each is raised once per key all the same.
    return follow_up_tasks_raise(tasks)
