"""The daily review reminders: due within 14 days or overdue, to both allocated workers, never twice."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from recovery_portal.models import FollowUpTask

from ..schedule import BEAT_SCHEDULE
from ..tasks import plan_review_reminders

pytestmark = pytest.mark.django_db


def _set_review(plan, days: int):
    plan.review_date = timezone.localdate() + timedelta(days=days)
    plan.save(update_fields=["review_date"])


def test_reviews_due_within_14_days_notify_the_care_coordinator_and_peer_worker_once(
    personas, safety_plan, crisis_plan, django_capture_on_commit_callbacks
):
    personas["clinician"].email = "clinician@example.nhs.uk"
    personas["clinician"].save()
    personas["peerworker"].email = "peer@example.nhs.uk"
    personas["peerworker"].save()
    _set_review(safety_plan, 10)
    _set_review(crisis_plan, 30)  # not yet

    with django_capture_on_commit_callbacks(execute=True):
        assert plan_review_reminders() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert plan_review_reminders() == 0  # running twice sends nothing twice

    tasks = FollowUpTask.objects.order_by("assignee__username")
    assert [task.assignee.username for task in tasks] == ["clinician", "peerworker"]
    # The task, read inside the portal, says whose plan it is.
    assert all(
        task.title == "Safety plan review due: Dan Hughes" and task.url.endswith(f"/plans/{safety_plan.pk}/")
        for task in tasks
    )
    assert sorted(message.to[0] for message in mail.outbox) == [
        "clinician@example.nhs.uk",
        "peer@example.nhs.uk",
    ]
    assert "Hughes" not in mail.outbox[0].body  # no names in email
    # Every link in a message is absolute, to the page the message is about.
    assert f"{settings.PORTAL_BASE_URL}/people/plans/{safety_plan.pk}/" in mail.outbox[0].body


def test_overdue_reviews_are_reminded_and_a_new_review_date_reminds_again(personas, safety_plan):
    _set_review(safety_plan, -3)

    plan_review_reminders()
    assert (
        FollowUpTask.objects.get(assignee=personas["clinician"]).title
        == "Safety plan review overdue: Dan Hughes"
    )

    _set_review(safety_plan, 5)
    assert plan_review_reminders() == 2
    assert FollowUpTask.objects.count() == 4


def test_workers_of_a_caseload_the_person_has_left_are_not_reminded(
    personas, safety_plan, serviceuser_caseload_entry
):
    serviceuser_caseload_entry.end_date = timezone.localdate() - timedelta(days=1)
    serviceuser_caseload_entry.save()
    _set_review(safety_plan, 1)

    assert plan_review_reminders() == 0


def test_reminders_run_every_morning():
    entry = BEAT_SCHEDULE["plan-review-reminders"]

    assert entry["task"] == "careplans.tasks.plan_review_reminders"
    assert entry["schedule"].hour == {7}
