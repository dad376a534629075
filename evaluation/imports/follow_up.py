"""Imported ReQoL-10 returns with a risk answer raise the same follow-up as entered ones.

An answer of "Sometimes" or more to "I thought my life was not worth living" is never only a number:
the person's care coordinator and peer support worker on that team each get a task. When the caseload
entry names neither, the task goes to whoever imported the file, so it never goes to nobody.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse

from recovery_portal.services import follow_up_tasks_raise

from .selectors import CaseloadPlace

TITLE = "Contact a person about an answer on their ReQoL-10"


def risk_key(return_id: int, assignee_id: int) -> str:
    return f"reqol-risk:{return_id}:{assignee_id}"


def risk_follow_ups_raise(*, returns: list[tuple[int, int, object, CaseloadPlace]], by) -> int:
    """Raise the tasks for (return id, person id, completed on, caseload place); returns how many."""
    wanted = {
        user_id
        for *_, place in returns
        for user_id in (place.care_coordinator_id, place.peer_support_worker_id)
        if user_id
    }
    users = get_user_model().objects.in_bulk(wanted)
    tasks = []
    for return_id, person_id, completed_on, place in returns:
        assignees = [
            users[user_id]
            for user_id in (place.care_coordinator_id, place.peer_support_worker_id)
            if user_id in users
        ] or [by]
        for assignee in dict.fromkeys(assignees):
            tasks.append(
                {
                    "key": risk_key(return_id, assignee.pk),
                    "assignee": assignee,
                    "title": TITLE,
                    "detail": (
                        f"A ReQoL-10 completed on {completed_on:%-d %B %Y}, imported from a file, answers "
                        "\u201cI thought my life was not worth living\u201d with \u201cSometimes\u201d or "
                        "more. Contact the person and review their safety plan with them."
                    ),
                    "url": reverse("careplans:person", args=[person_id]),
                }
            )
    # In bulk: an import may carry hundreds of these, and each is raised once per key all the same.
    return follow_up_tasks_raise(tasks)
