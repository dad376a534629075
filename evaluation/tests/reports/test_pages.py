"""The report pages: starting a report, its progress, downloads, the broker away, and the team report."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from evaluation.reports import services
from evaluation.reports.models import AnnualReportOutput, AnnualReportRun, AnnualReportSection, RunState
from recovery_portal import celery_app
from recovery_portal.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def _finished(year: int) -> AnnualReportRun:
    run = AnnualReportRun.objects.create(
        financial_year=year, state=RunState.FINISHED, sections_total=8, sections_done=8,
        fingerprint="a" * 64, finished_at=timezone.now(),
    )  # fmt: skip
    AnnualReportOutput.objects.create(run=run, html="<p>Report</p>", pdf=b"%PDF-1.7 x", pdf_sha256="b" * 64)
    return run


def test_starting_a_report_compiles_it_and_tells_the_person_who_asked(
    client, report_trust, evaluation, django_capture_on_commit_callbacks
):
    evaluation.email = "nadia.kowalski@example.nhs.uk"
    evaluation.save(update_fields=["email"])
    client.force_login(evaluation)

    # With no broker configured (as here), the job runs in-process once the request's work commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:start"), {"year": "2025"})

    run = AnnualReportRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("reports:run", args=[run.pk])
    page = client.get(response.url).content.decode()
    assert run.state == RunState.FINISHED and run.requested_by == evaluation
    assert "All 8 sections compiled" in page and 'value="8"' in page
    assert reverse("reports:run-pdf", args=[run.pk]) in page
    task = evaluation.follow_up_tasks.get()
    assert "2025/26 is ready" in task.title and task.url == reverse("reports:run", args=[run.pk])
    assert [m.to for m in mail.outbox] == [["nadia.kowalski@example.nhs.uk"]]


def test_a_second_start_for_the_same_year_joins_the_run_under_way(client, report_trust, evaluation, steering):
    run, _ = services.annual_report_start(year=services.FinancialYear(2025), by=evaluation, queue=False)
    client.force_login(steering)

    response = client.post(reverse("reports:start"), {"year": "2025"}, follow=True)

    assert AnnualReportRun.objects.count() == 1
    assert response.redirect_chain[-1][0] == reverse("reports:run", args=[run.pk])
    assert "already being compiled" in response.content.decode()


def test_choosing_no_year_shows_the_error_and_starts_nothing(client, report_trust, steering):
    client.force_login(steering)

    response = client.post(reverse("reports:start"), {"year": ""})

    assert response.status_code == 200 and "Choose the financial year" in response.content.decode()
    assert not AnnualReportRun.objects.exists()


def _forget_connections():
    """Drop connections Celery made to the broker earlier in the run, so the next send connects anew."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_unreachable(monkeypatch):
    """Celery really sending to a Redis that is not there (nothing listens on port 1)."""
    saved = (celery_app.conf.task_always_eager, celery_app.conf.broker_url)
    # Celery prefers the environment's CELERY_BROKER_URL to its configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"
    _forget_connections()
    yield
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = saved
    _forget_connections()


def test_with_the_broker_away_the_run_is_saved_queued_and_the_page_says_it_will_start_later(
    client, report_trust, evaluation, broker_unreachable, django_capture_on_commit_callbacks
):
    client.force_login(evaluation)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:start"), {"year": "2025"})

    run = AnnualReportRun.objects.get()
    page = client.get(response.url).content.decode()
    assert run.state == RunState.QUEUED and run.broker_unavailable_at is not None
    assert "The background service is not available" in page and "It will start by itself" in page

    # When the broker is back, the reaper sends the run and the warning goes.
    celery_app.conf.task_always_eager = True
    AnnualReportRun.objects.filter(pk=run.pk).update(queued_at=timezone.now() - services.REQUEUE_QUEUED_AFTER)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.annual_report_runs_reap() == [run.pk]
    run.refresh_from_db()
    assert run.state == RunState.FINISHED and run.broker_unavailable_at is None


def test_the_run_page_shows_progress_by_section_and_htmx_gets_only_the_progress(client, queued_run, steering):
    run = services.annual_report_claim(run_id=queued_run.pk, worker="w")
    for order, key in enumerate(["workstreams", "team_plans", "personal_plans"]):
        services.annual_report_section_save(run=run, worker="w", key=key, order=order, figures={}, html="")
    client.force_login(steering)

    page = client.get(reverse("reports:run", args=[run.pk])).content.decode()
    fragment = client.get(reverse("reports:run", args=[run.pk]), HTTP_HX_REQUEST="true").content.decode()

    assert "3 of 8 sections compiled" in page and 'max="8" value="3"' in page
    # Said as the page says it: 3 of 8 sections is 38% (37.5, rounded).
    assert "38% done" in page
    assert ">Refresh<" in page  # without JavaScript
    assert fragment.lstrip().startswith('<div id="run-progress" hx-get=') and "<html" not in fragment
    assert 'hx-trigger="every 3s"' in fragment
    assert reverse("reports:run-pdf", args=[run.pk]) not in page


def test_a_finished_run_stops_polling(client, report_trust, steering):
    run = _finished(2025)
    client.force_login(steering)

    fragment = client.get(reverse("reports:run", args=[run.pk]), HTTP_HX_REQUEST="true").content.decode()

    assert "hx-trigger" not in fragment and "The report is ready" in fragment


def test_only_a_finished_run_can_be_downloaded_and_each_download_is_audited(client, queued_run, steering):
    client.force_login(steering)
    for name in ["reports:run-pdf", "reports:run-html"]:
        assert client.get(reverse(name, args=[queued_run.pk])).status_code == 404
    # Even with output stored, a run not marked finished offers nothing.
    AnnualReportOutput.objects.create(run=queued_run, html="half", pdf=b"half", pdf_sha256="c" * 64)
    assert client.get(reverse("reports:run-pdf", args=[queued_run.pk])).status_code == 404

    run = _finished(2024)
    pdf = client.get(reverse("reports:run-pdf", args=[run.pk]))
    html = client.get(reverse("reports:run-html", args=[run.pk]))

    assert pdf["Content-Type"] == "application/pdf" and pdf.content == b"%PDF-1.7 x"
    assert html.content == b"<p>Report</p>" and "attachment" in html["Content-Disposition"]
    exports = AuditEvent.objects.filter(action=AuditAction.EXPORT, object_id=str(run.pk), actor=steering)
    assert sorted(e.reason for e in exports) == [
        "annual evaluation report 2024/25 HTML",
        "annual evaluation report 2024/25 PDF",
    ]


def test_the_list_marks_the_latest_finished_report_of_each_year(client, report_trust, evaluation):
    older, newer = _finished(2025), _finished(2025)
    client.force_login(evaluation)

    page = client.get(reverse("reports:list")).content.decode()

    assert page.count("Latest for the year") == 1
    assert (
        page.index(f", run {newer.pk}") < page.index("Latest for the year") < page.index(f", run {older.pk}")
    )


def test_run_list_query_count_is_fixed_however_many_runs(
    client, report_trust, evaluation, django_assert_num_queries
):
    client.force_login(evaluation)
    _finished(2025)
    client.get(reverse("reports:list"))  # warm the session and permission caches
    with django_assert_num_queries(10):
        assert client.get(reverse("reports:list")).status_code == 200
    for year in range(2018, 2025):
        _finished(year)
    with django_assert_num_queries(10):
        assert client.get(reverse("reports:list")).status_code == 200


def test_run_page_query_count_is_fixed_however_many_sections(
    client, queued_run, evaluation, django_assert_num_queries
):
    client.force_login(evaluation)
    url = reverse("reports:run", args=[queued_run.pk])
    client.get(url)
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200
    for order, key in enumerate(["workstreams", "team_plans", "personal_plans", "college", "measures"]):
        AnnualReportSection.objects.create(run=queued_run, key=key, order=order, figures={}, html="")
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200


def test_the_header_links_to_the_annual_reports_only_for_those_who_may_read_them(
    client, steering, evaluation, outsider, serviceuser
):
    link = '<a class="nhsuk-header__navigation-link" href="/reports/"'
    for reader in (steering, evaluation):
        client.force_login(reader)
        assert link in client.get(reverse("home")).content.decode()
        assert client.get(reverse("reports:list")).status_code == 200

    # Other staff, who are refused the list itself, are not offered the link (no header link leads to a 403).
    client.force_login(outsider)
    assert link not in client.get(reverse("home")).content.decode()
    assert client.get(reverse("reports:list")).status_code == 403

    client.force_login(serviceuser)
    assert 'href="/reports/"' not in client.get(reverse("home")).content.decode()


def test_outsider_is_refused_the_annual_report_pages(client, report_trust, outsider):
    run = _finished(2025)
    client.force_login(outsider)

    for url in [
        reverse("reports:list"),
        reverse("reports:run", args=[run.pk]),
        reverse("reports:run-pdf", args=[run.pk]),
    ]:
        assert client.get(url).status_code == 403
    assert client.post(reverse("reports:start"), {"year": "2025"}).status_code == 403
    assert not AnnualReportRun.objects.exclude(pk=run.pk).exists()


def test_the_team_performance_report_is_linked_from_the_plan_and_withholds_small_numbers(
    client, report_trust, outsider
):
    team = report_trust.persona_team
    plan = team.recovery_plans.get(year=2025)
    client.force_login(outsider)  # any member of staff, not only the team's own

    plan_page = client.get(reverse("teams:plan", args=[plan.pk])).content.decode()
    url = reverse("reports:team", args=[team.slug, 2025])
    page = client.get(url).content.decode()
    pdf = client.get(reverse("reports:team-pdf", args=[team.slug, 2025]))

    assert url in plan_page
    assert "Team performance report 2025/26" in page and team.name in page
    # 3 people on Broxtowe's caseload: withheld.
    assert re.search(
        r"People on caseloads in the year</dt>\s*<dd class=\"nhsuk-summary-list__value\">\*</dd>", page
    )
    # The pack says which of its figures are withheld and why, without saying which are small.
    assert "Withheld (*) in this pack: Personal plans: People on caseloads in the year;" in page
    assert "does not say which of the two, because saying so would give the figure away" in page
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=outsider).count() == 1


def test_the_team_performance_report_of_an_unknown_team_is_not_found(client, report_trust, clinician):
    client.force_login(clinician)

    assert client.get(reverse("reports:team", args=["no-such-team", 2025])).status_code == 404


def test_a_failed_run_shows_a_short_message_and_a_reference_never_the_traceback(
    client, report_trust, steering
):
    traceback_text = 'Traceback (most recent call last):\n  File "compile.py", line 99\n' + "x" * 3000
    run = AnnualReportRun.objects.create(
        financial_year=2025, state=RunState.FAILED, sections_total=8, attempts=3, error=traceback_text
    )
    client.force_login(steering)

    page = client.get(reverse("reports:run", args=[run.pk])).content.decode()

    assert "Traceback" not in page and "compile.py" not in page
    assert f"give them this reference: <strong>report-run-{run.pk}-attempt-3</strong>" in page


def test_a_pack_with_nothing_withheld_says_so():
    from evaluation.figures.types import Figure, Section
    from evaluation.reports.team_report import withheld_note

    shown = Section(
        "plans", "Personal plans", (Figure("people", "People on caseloads", "35", about_people=True),)
    )
    withheld = Section(
        "plans", "Personal plans", (Figure("people", "People on caseloads", "*", about_people=True),)
    )

    assert withheld_note([shown]) == "No figure in this pack is withheld (*)."
    assert withheld_note([withheld]).startswith(
        "Withheld (*) in this pack: Personal plans: People on caseloads."
    )
