"""Risk answers in bulk: each follow-up task raised once per key, in a fixed number of queries."""

import pytest

from recovery_portal.models import FollowUpTask
from recovery_portal.services import follow_up_task_raise, follow_up_tasks_raise

pytestmark = pytest.mark.django_db


def test_tasks_raised_in_bulk_are_raised_once_per_key_like_one_at_a_time(
    clinician, peerworker, django_assert_num_queries
):
    earlier, _ = follow_up_task_raise(key="reqol-risk:1:1", assignee=clinician, title="Already raised")
    tasks = [
        {"key": f"reqol-risk:{n}:1", "assignee": clinician, "title": "Contact", "url": "/people/1/"}
        for n in range(1, 60)
    ]
    tasks.append({**tasks[-1], "assignee": peerworker})  # the same key twice in one call

    with django_assert_num_queries(2):
        created = follow_up_tasks_raise(tasks)

    assert created == 58
    assert FollowUpTask.objects.count() == 59
    assert FollowUpTask.objects.get(key="reqol-risk:1:1").title == "Already raised"
    assert follow_up_tasks_raise(tasks) == 0
