"""The annual report on a real Celery worker and Redis: started from the web, watched to 100%, downloaded;
and a worker killed (SIGKILL) after the first section is saved, the run finished by a new worker.
"""

import io
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg2
import pytest
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from evaluation.reports import services
from evaluation.reports.models import AnnualReportOutput, AnnualReportRun, RunState
from evaluation.reports.sections import compile_order
from evaluation.reports.tasks import compile_annual_report_run
from recovery_portal import celery_app
from recovery_portal.jobs import enqueue

from .test_documents import SECTION_TITLES

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
# A short lease, so that the reaper may hand a killed worker's run on within the test.
LEASE_SECONDS = 4


@pytest.fixture
def broker_url():
    url = os.environ.get("CELERY_BROKER_URL")
    # `make test` always provides a broker; without one this test must fail, never skip.
    assert url, "CELERY_BROKER_URL is not set: run the suite with `make test`"
    return url


def _forget_connections():
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def sending_to_broker(broker_url):
    """Send tasks to the real broker instead of running them in-process as the other tests do."""
    saved = (celery_app.conf.task_always_eager, celery_app.conf.broker_url)
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = broker_url
    _forget_connections()
    yield
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = saved
    _forget_connections()


@pytest.fixture
def start_worker(broker_url):
    """Start worker processes on the test database; each is stopped when the test ends."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "recovery_portal.settings.local",
        "DEBUG": "false",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": broker_url,
        "ANNUAL_REPORT_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    started = []

    def start():
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "recovery_portal", "worker", "--pool=solo",
             "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_for(predicate, *, timeout=120.0, worker=None, what="the run"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    log = ""
    if worker is not None:
        worker.terminate()
        log = worker.communicate(timeout=20)[0][-4000:]
    pytest.fail(f"{what} did not happen within {timeout:.0f} s\n{log}")


def pdf_text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def test_a_report_started_from_the_web_reaches_100_percent_and_its_pdf_holds_every_section(
    client, report_trust, evaluation, sending_to_broker, start_worker
):
    worker = start_worker()
    client.force_login(evaluation)

    response = client.post(reverse("reports:start"), {"year": "2025"})
    run = AnnualReportRun.objects.get()
    assert response.url == reverse("reports:run", args=[run.pk])

    seen = []

    def progress_reaches_100():
        fragment = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
        seen.append(int(re.search(r"(\d+)% done", fragment).group(1)))
        return seen[-1] == 100

    wait_for(progress_reaches_100, worker=worker, what="progress reaching 100%")
    assert seen == sorted(seen)
    page = client.get(response.url).content.decode()
    run.refresh_from_db()
    assert run.state == RunState.FINISHED, run.error
    assert "All 8 sections compiled" in page
    pdf = client.get(reverse("reports:run-pdf", args=[run.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    for title in SECTION_TITLES:
        assert title in text
    assert "People on caseloads in the year 15" in text
    assert "Local Partnerships Recovery Steering Group * * * *" in text
    assert evaluation.follow_up_tasks.filter(title__contains="is ready").count() == 1


@pytest.fixture
def hold_second_section():
    """From a connection of its own, start saving a run's second section and do not commit: the worker's
    save of that section then waits on it, after the first section has been committed. Released (rolled
    back) by the test, and at the latest when the test ends."""
    db = connection.settings_dict
    blocker = psycopg2.connect(dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"])

    def hold(run_id: int):
        with blocker.cursor() as cursor:
            cursor.execute(
                'INSERT INTO evaluation_annualreportsection (run_id, key, "order", figures, html, completed_at) '
                "VALUES (%s, %s, 1, '{}', '', now())",
                [run_id, compile_order()[1].key],
            )
        return blocker

    yield hold
    blocker.rollback()
    blocker.close()


def _waiting_backend() -> int | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
            "AND query LIKE 'INSERT INTO \"evaluation_annualreportsection\"%%'"
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _backend_alive(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone() is not None


def test_a_worker_killed_mid_run_leaves_a_run_that_a_new_worker_finishes_once(
    queued_run, sending_to_broker, start_worker, hold_second_section
):
    blocker = hold_second_section(queued_run.pk)
    first = start_worker()
    assert enqueue(compile_annual_report_run, queued_run.pk)

    # The first section is saved and the worker is stuck saving the second: kill it there.
    wait_for(lambda: _waiting_backend() is not None, worker=first, what="the first section being saved")
    backend = _waiting_backend()
    queued_run.refresh_from_db()
    assert queued_run.state == RunState.RUNNING and queued_run.sections_done == 1
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=20)
    blocker.rollback()
    # The killed worker's database session ends without committing the section it was saving.
    wait_for(lambda: not _backend_alive(backend), timeout=30, what="the killed worker's session ending")
    queued_run.refresh_from_db()
    assert queued_run.sections_done == 1 and queued_run.state == RunState.RUNNING
    first_section = queued_run.sections.get()

    # Once its lease has run out, the reaper hands the run to a new worker.
    time.sleep(LEASE_SECONDS + 0.5)
    assert services.annual_report_runs_reap() == [queued_run.pk]
    second = start_worker()
    wait_for(
        lambda: AnnualReportRun.objects.get(pk=queued_run.pk).state == RunState.FINISHED,
        worker=second,
        what="the run finishing on the new worker",
    )

    run = AnnualReportRun.objects.get(pk=queued_run.pk)
    assert run.attempts == 2 and run.sections_done == len(compile_order())
    assert AnnualReportOutput.objects.filter(run=run).count() == 1
    assert AnnualReportRun.objects.filter(state=RunState.FINISHED).count() == 1
    # The section saved before the kill was kept: the new worker carried on from the second.
    assert run.sections.get(key=first_section.key).completed_at == first_section.completed_at
    text = pdf_text(bytes(run.output.pdf))
    for title in SECTION_TITLES:
        assert title in text
