"""Telling people a report is ready, or could not be compiled: a task on their home page and an email.

The person who started the run is told; a run started by the schedule tells the Recovery Evaluation
Team. Raising the task is idempotent (keyed by run), so a repeated finish never tells anyone twice.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse

from recovery_portal.notifications import notify, portal_url
from recovery_portal.roles import TrustRole
from recovery_portal.services import follow_up_task_raise


def _recipients(run) -> list:
    if run.requested_by_id is not None:
        return [run.requested_by]
    return list(get_user_model().objects.filter(groups__name=TrustRole.EVALUATION_TEAM, is_active=True))


def _tell(run, *, key: str, template: str, title: str) -> None:
    url = reverse("reports:run", args=[run.pk])
    for person in _recipients(run):
        _, created = follow_up_task_raise(
            key=f"{key}-{run.pk}-{person.pk}", assignee=person, title=title, url=url
        )
        if created:
            # Queued once the run's new state is committed; a failed send never undoes the report.
            notify(
                recipient=person,
                template=template,
                personalisation={"year": run.year.label, "link": portal_url(url)},
                reason=title,
                about=run,
            )


def run_finished_notify(*, run) -> None:
    _tell(
        run,
        key="annual-report-ready",
        template="report-ready",
        title=f"The annual evaluation report for {run.year.label} is ready",
    )


def run_failed_notify(*, run) -> None:
    _tell(
        run,
        key="annual-report-failed",
        template="report-failed",
        title=f"The annual evaluation report for {run.year.label} could not be compiled",
    )
