"""The follow-up task list: only the person's own open tasks, in a fixed number of queries."""

import pytest
from django.urls import reverse

from recovery_portal.services import follow_up_task_raise

pytestmark = pytest.mark.django_db

# Session, user, the tasks (one query however many), the audit row (a task may name someone), then the
# idle-timeout session save: savepoint, update, release.
TASK_LIST_QUERIES = 7  # was 6 before the list was audited


def _raise(user, count: int, prefix: str) -> None:
    for n in range(count):
        follow_up_task_raise(key=f"{prefix}-{n}", assignee=user, title=f"{prefix} task {n}", url="/")


def test_the_list_shows_only_the_persons_own_tasks(client, clinician, outsider):
    _raise(clinician, 2, "mine")
    _raise(outsider, 2, "theirs")
    client.force_login(clinician)

    html = client.get(reverse("tasks")).content.decode()

    assert "mine task 0" in html and "mine task 1" in html
    assert "theirs task" not in html


def test_someone_else_cannot_mark_a_task_done(client, clinician, outsider):
    task, _ = follow_up_task_raise(key="k", assignee=clinician, title="Review due")
    client.force_login(outsider)

    assert client.post(reverse("task-complete", args=[task.pk])).status_code == 404
    task.refresh_from_db()
    assert task.completed_at is None


@pytest.mark.parametrize("count", [1, 25])
def test_the_list_makes_the_same_queries_however_many_tasks(
    client, clinician, django_assert_num_queries, count
):
    _raise(clinician, count, "due")
    client.force_login(clinician)

    with django_assert_num_queries(TASK_LIST_QUERIES):
        response = client.get(reverse("tasks"))

    assert response.content.decode().count("Mark as done") == count
