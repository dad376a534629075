"""Telling people a report is ready, or could not be compiled: a task on their home page and an email.

The person who started the run is told; a run started by the schedule tells the Recovery Evaluation
Team. Raising the task is idempotent (keyed by run), so a repeated finish never tells anyone twice.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from recovery_portal.roles import TrustRole
from recovery_portal.services import follow_up_task_raise


def _recipients(run) -> list:
    if run.requested_by_id is not None:
        return [run.requested_by]
    return list(get_user_model().objects.filter(groups__name=TrustRole.EVALUATION_TEAM, is_active=True))


def _tell(run, *, key: str, title: str, body: str) -> None:
    url = reverse("reports:run", args=[run.pk])
    emails = []
    for person in _recipients(run):
        follow_up_task_raise(key=f"{key}-{run.pk}-{person.pk}", assignee=person, title=title, url=url)
        if person.email:
            emails.append(person.email)
    if emails:
        # Sent only once the run's new state is committed; a failed send never undoes the report.
        transaction.on_commit(
            lambda: send_mail(
                subject=title,
                message=f"{body}\n\nOpen it in the Recovery Portal: {url}",
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=emails,
                fail_silently=True,
            )
        )


def run_finished_notify(*, run) -> None:
    _tell(
        run,
        key="annual-report-ready",
        title=f"The annual evaluation report for {run.year.label} is ready",
        body="The report has been compiled. You can download it as a PDF or a web page.",
    )


def run_failed_notify(*, run) -> None:
    _tell(
        run,
        key="annual-report-failed",
        title=f"The annual evaluation report for {run.year.label} could not be compiled",
        body="The report could not be compiled in three attempts. The run page says why; start it again "
        "once the problem is fixed.",
    )
