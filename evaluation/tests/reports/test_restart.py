"""A report run that stopped is restarted from its page by the evaluation team, with no reaper running:
it carries on from where it stopped and keeps the sections already compiled."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.reports import services
from evaluation.reports.contents import Source
from evaluation.reports.models import AnnualReportOutput, AnnualReportRun, RunState
from evaluation.reports.sections import compile_order

pytestmark = pytest.mark.django_db


def _crashed(queued_run):
    """A worker claims the run, saves two of the eight sections, then is killed; no reaper runs."""
    run = services.annual_report_claim(run_id=queued_run.pk, worker="worker-killed")
    for order, section in enumerate(compile_order()[:2]):
        figures = section.compute(Source(year=run.year, today=timezone.localdate()), {})
        services.annual_report_section_save(
            run=run, worker="worker-killed", key=section.key, order=order, figures=figures, html=""
        )
    AnnualReportRun.objects.filter(pk=run.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    run.refresh_from_db()
    return run


def test_the_evaluation_team_restarts_a_crashed_run_and_it_resumes(
    client, queued_run, evaluation, django_capture_on_commit_callbacks
):
    run = _crashed(queued_run)
    kept = {section.key: section.completed_at for section in run.sections.all()}
    client.force_login(evaluation)

    page = client.get(reverse("reports:run", args=[run.pk])).content.decode()
    assert "2 of 8 sections compiled" in page and "25% done" in page
    assert reverse("reports:run-restart", args=[run.pk]) in page

    confirm = client.get(reverse("reports:run-restart", args=[run.pk]))
    assert confirm.status_code == 200 and "Restart this report?" in confirm.content.decode()
    assert AnnualReportRun.objects.get(pk=run.pk).state == RunState.RUNNING

    # With no broker configured, the job runs in-process once the restart commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:run-restart", args=[run.pk]))

    assert response.status_code == 302
    run.refresh_from_db()
    assert run.state == RunState.FINISHED and AnnualReportOutput.objects.filter(run=run).count() == 1
    assert {s.key: s.completed_at for s in run.sections.all() if s.key in kept} == kept


def test_a_failed_run_gets_three_fresh_attempts(client, queued_run, evaluation):
    AnnualReportRun.objects.filter(pk=queued_run.pk).update(
        state=RunState.FAILED, attempts=3, error="Stopped"
    )
    client.force_login(evaluation)

    client.post(reverse("reports:run-restart", args=[queued_run.pk]))

    queued_run.refresh_from_db()
    assert queued_run.state in (RunState.QUEUED, RunState.FINISHED)
    assert queued_run.state == RunState.FINISHED or queued_run.attempts == 0


def test_a_run_still_working_is_not_restarted(client, queued_run, evaluation):
    run = services.annual_report_claim(run_id=queued_run.pk, worker="alive")
    client.force_login(evaluation)

    page = client.get(reverse("reports:run", args=[run.pk])).content.decode()
    response = client.post(reverse("reports:run-restart", args=[run.pk]), follow=True)

    assert reverse("reports:run-restart", args=[run.pk]) not in page
    assert "nothing to restart" in response.content.decode()
    run.refresh_from_db()
    assert run.worker == "alive" and run.attempts == 1


def test_a_steering_group_member_reads_the_run_but_does_not_restart_it(client, queued_run, steering):
    run = _crashed(queued_run)
    client.force_login(steering)

    assert (
        reverse("reports:run-restart", args=[run.pk])
        not in client.get(reverse("reports:run", args=[run.pk])).content.decode()
    )
    assert client.post(reverse("reports:run-restart", args=[run.pk])).status_code == 403
