"""Administrators see follow-up tasks and annual report runs in the admin, read-only."""

import pytest
from django.urls import reverse

from evaluation.reports.models import AnnualReportRun, RunState
from recovery_portal.services import follow_up_task_raise

pytestmark = pytest.mark.django_db


def test_the_admin_lists_follow_up_tasks_and_annual_report_runs(client, admin, clinician):
    follow_up_task_raise(key="admin-list", assignee=clinician, title="Review Dan's crisis plan", url="/")
    AnnualReportRun.objects.create(
        financial_year=2025, state=RunState.FAILED, sections_total=8, sections_done=2
    )
    client.force_login(admin)

    tasks = client.get(reverse("admin:recovery_portal_followuptask_changelist"))
    runs = client.get(reverse("admin:evaluation_annualreportrun_changelist"))

    assert tasks.status_code == runs.status_code == 200
    assert "Review Dan&#x27;s crisis plan" in tasks.content.decode()
    assert "Failed" in runs.content.decode()
    assert client.get(reverse("admin:recovery_portal_followuptask_add")).status_code == 403
