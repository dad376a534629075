"""Large files and every XLSX are read and checked once, by a background job with a progress bar; the
person comes back to the problems or the preview, and the import uses the rows kept from that reading.

One test runs the job on a real Celery worker and Redis; the others run it in-process as the rest of the
suite runs jobs.
"""

import gc
import json
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from evaluation.imports import services, staging
from evaluation.imports.columns import HEADER
from evaluation.models import PromReturn, ReturnImport
from evaluation.tests.fixtures import returns_csv, returns_xlsx, swemwbs_row
from evaluation.tests.imports import hostile_files
from recovery_portal import celery_app

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_of(rows: list[dict]) -> bytes:
    """As typed into Excel here: answers as numbers, the NHS number and the date as text."""
    return returns_xlsx(rows, number_columns=frozenset(HEADER) - {"nhs_number"}, dates_as_text=True)


def monthly_rows(person, team, months: int) -> list[dict]:
    start = timezone.localdate().replace(day=1) - timedelta(days=31 * months)
    return [
        swemwbs_row(
            person, team, completed_on=(start + timedelta(days=31 * n)).isoformat(), timepoint="review"
        )
        for n in range(months)
    ]


def staged_of(user, sha256: str):
    return staging.staged_for(user=user, sha256=sha256)


class Progress:
    """Every progress report the check writes, as written (the real ``save_progress`` still runs)."""

    def __init__(self, monkeypatch):
        self.seen: list[tuple[str, int, int, bool]] = []
        real = staging.save_progress

        def recording(staged, **state):
            self.seen.append(
                (state["state"], state.get("rows_done", 0), state.get("rows_total", 0), gc.isenabled())
            )
            return real(staged, **state)

        monkeypatch.setattr(staging, "save_progress", recording)


# --- in-process ---------------------------------------------------------------------------------------


def test_an_xlsx_goes_through_the_check_and_its_progress_page_to_the_preview(
    client, evaluation, persona_team, serviceuser_record
):
    client.force_login(evaluation)
    rows = monthly_rows(serviceuser_record, persona_team, 3)

    response = client.post(
        reverse("measure_imports:upload"),
        {"file": SimpleUploadedFile("returns.xlsx", xlsx_of(rows), content_type=XLSX)},
    )
    sha256 = response.url.rstrip("/").split("/")[-2]
    checking = client.get(response.url)

    assert response.url == reverse("measure_imports:checking", args=[sha256])
    # Checked already (jobs run in-process here): the progress page moves on to the preview.
    assert checking.status_code == 302 and checking.url == reverse("measure_imports:preview", args=[sha256])
    # htmx polling the fragment is told to go there too.
    polled = client.get(response.url, headers={"HX-Request": "true"})
    assert polled.headers["HX-Redirect"] == reverse("measure_imports:preview", args=[sha256])
    staged, report = staged_of(evaluation, sha256)
    assert report["state"] == "checked" and report["returns"] == 3
    assert not staging.has_upload(staged)  # only the rows as read are kept


def test_the_progress_page_shows_how_far_the_check_has_got(
    client, evaluation, persona_team, serviceuser_record
):
    client.force_login(evaluation)
    upload = SimpleUploadedFile("big.csv", returns_csv([swemwbs_row(serviceuser_record, persona_team)]))
    staged, _content = staging.stage(upload=upload, user=evaluation)
    staging.save_progress(staged, state=staging.CHECKING, rows_done=40_000, rows_total=100_000)

    page = client.get(reverse("measure_imports:checking", args=[staged.sha256]))
    fragment = client.get(
        reverse("measure_imports:checking", args=[staged.sha256]), headers={"HX-Request": "true"}
    )

    assert page.status_code == 200
    text = page.content.decode()
    assert "40,000 of 100,000 rows checked." in text
    assert 'value="40"' in text and "40% done." in text
    assert f'hx-get="{reverse("measure_imports:checking", args=[staged.sha256])}"' in text
    assert fragment.status_code == 200 and b"<h1" not in fragment.content
    # The preview and the Import button wait for the check.
    preview = client.get(reverse("measure_imports:preview", args=[staged.sha256]))
    confirm = client.post(reverse("measure_imports:confirm", args=[staged.sha256]))
    assert preview.url == confirm.url == reverse("measure_imports:checking", args=[staged.sha256])
    assert not ReturnImport.objects.exists()


def test_a_large_csv_is_checked_by_the_job_which_reports_progress_every_5000_rows(
    client, evaluation, persona_team, serviceuser_record, settings, monkeypatch
):
    settings.RETURN_IMPORT_IN_REQUEST_BYTES = 1_000
    progress = Progress(monkeypatch)
    client.force_login(evaluation)
    # The same return 12,000 times: every row after the first is a repeat, which is still a row to check.
    rows = [swemwbs_row(serviceuser_record, persona_team)] * 12_000

    response = client.post(
        reverse("measure_imports:upload"), {"file": SimpleUploadedFile("big.csv", returns_csv(rows))}
    )

    assert "/checking/" in response.url
    assert [(state, done, total) for state, done, total, _gc in progress.seen] == [
        ("queued", 0, 0),
        ("checking", 0, 0),
        ("checking", 0, 12_000),
        ("checking", 5_000, 12_000),
        ("checking", 10_000, 12_000),
    ]
    problems = client.get(client.get(response.url).url)
    assert b"Row 3 has the same person, measure, date and timepoint as row 2" in problems.content


def test_a_check_that_runs_past_its_time_is_stopped_and_the_person_told_what_to_do(
    client, evaluation, persona_team, serviceuser_record, settings
):
    settings.RETURN_IMPORT_JOB_SECONDS = 0
    client.force_login(evaluation)
    rows = monthly_rows(serviceuser_record, persona_team, 2)

    response = client.post(
        reverse("measure_imports:upload"),
        {"file": SimpleUploadedFile("slow.xlsx", xlsx_of(rows), content_type=XLSX)},
    )
    problems = client.get(client.get(response.url).url)

    assert problems.status_code == 200
    assert (
        b"The file took more than 1 minute to check, so it was stopped; split it into smaller files and upload "
        b"them one at a time"
    ) in problems.content
    assert not ReturnImport.objects.exists()


def test_the_penetration_tests_file_uploaded_is_refused_within_a_second(client, evaluation):
    client.force_login(evaluation)
    started = time.perf_counter()

    response = client.post(
        reverse("measure_imports:upload"),
        {"file": SimpleUploadedFile("pen.xlsx", hostile_files.pen_test_file(16_000), content_type=XLSX)},
    )
    problems = client.get(client.get(response.url).url)

    assert time.perf_counter() - started < 1.0
    assert b"The sheet has cells as far right as column XFD" in problems.content
    assert b"nhsuk-error-summary" in problems.content


def test_a_check_whose_worker_was_lost_is_started_again_from_its_progress_page(
    client, evaluation, persona_team, serviceuser_record
):
    client.force_login(evaluation)
    rows = monthly_rows(serviceuser_record, persona_team, 2)
    staged, _content = staging.stage(upload=SimpleUploadedFile("lost.xlsx", xlsx_of(rows)), user=evaluation)
    staging.save_progress(staged, state=staging.QUEUED)
    checking = reverse("measure_imports:checking", args=[staged.sha256])

    waiting = client.get(checking)  # queued a moment ago: left to its worker
    report = staged_of(evaluation, staged.sha256)[1]
    report_path = staged.report_path
    # Queued more than a minute ago with no worker picking it up: its message was lost.
    old = (timezone.now() - timedelta(minutes=2)).isoformat()
    staging._replace(report_path, staging.json.dumps({**report, "updated_at": old}).encode())
    resumed = client.get(checking)

    assert waiting.status_code == 200 and b"Waiting for the background service" in waiting.content
    assert resumed.status_code == 302 and resumed.url == reverse(
        "measure_imports:preview", args=[staged.sha256]
    )


def test_running_the_check_again_changes_nothing(evaluation, persona_team, serviceuser_record):
    rows = monthly_rows(serviceuser_record, persona_team, 2)
    staged, _content = staging.stage(upload=SimpleUploadedFile("twice.xlsx", xlsx_of(rows)), user=evaluation)
    staging.save_progress(staged, state=staging.QUEUED)

    services.staged_file_check_job(user_id=evaluation.pk, sha256=staged.sha256, in_worker=False)
    first = staged_of(evaluation, staged.sha256)[1]
    services.staged_file_check_job(user_id=evaluation.pk, sha256=staged.sha256, in_worker=False)

    assert staged_of(evaluation, staged.sha256)[1] == first
    assert first["state"] == "checked" and first["returns"] == 2


def test_the_import_uses_the_rows_kept_from_the_check_and_never_the_file(
    client, evaluation, persona_team, serviceuser_record
):
    client.force_login(evaluation)
    rows = monthly_rows(serviceuser_record, persona_team, 4)
    response = client.post(
        reverse("measure_imports:upload"),
        {"file": SimpleUploadedFile("returns.xlsx", xlsx_of(rows), content_type=XLSX)},
    )
    sha256 = response.url.rstrip("/").split("/")[-2]
    staged = staged_of(evaluation, sha256)[0]

    assert not staging.has_upload(staged)  # the file is gone: only the rows as checked remain
    imported = client.post(reverse("measure_imports:confirm", args=[sha256]))

    assert imported.status_code == 302
    assert ReturnImport.objects.get().rows_written == 4 and PromReturn.objects.count() == 4
    assert staged_of(evaluation, sha256) is None  # rows and report deleted once imported


def _uploaded(client, evaluation, person, team) -> tuple[str, staging.Staged]:
    """A one-row CSV uploaded and checked: its SHA-256 and where it is staged."""
    client.force_login(evaluation)
    response = client.post(
        reverse("measure_imports:upload"),
        {"file": SimpleUploadedFile("r.csv", returns_csv(monthly_rows(person, team, 1)))},
    )
    sha256 = response.url.rstrip("/").split("/")[-2]
    return sha256, staged_of(evaluation, sha256)[0]


def test_rows_no_longer_kept_import_nothing_and_say_to_upload_again(
    client, evaluation, persona_team, serviceuser_record
):
    sha256, staged = _uploaded(client, evaluation, serviceuser_record, persona_team)
    staging.default_storage.delete(staged.rows_path)

    refused = client.post(reverse("measure_imports:confirm", args=[sha256]), follow=True)

    assert b"r.csv is no longer kept, so nothing was imported. Upload it again." in refused.content
    assert not ReturnImport.objects.exists()


def test_rows_kept_by_an_earlier_release_are_not_imported_and_the_file_is_asked_for_again(
    client, evaluation, persona_team, serviceuser_record
):
    """A file checked before an upgrade keeps its rows in the layout of the release that checked it;
    they are never read as this release's (the whole JSON of release 2 here)."""
    sha256, staged = _uploaded(client, evaluation, serviceuser_record, persona_team)
    kept = staging.staged_checked(staged)
    earlier = json.dumps({**kept.__dict__, "format": 2}).encode()
    staging.default_storage.delete(staged.rows_path)
    staging.default_storage.save(staged.rows_path, ContentFile(earlier))

    refused = client.post(reverse("measure_imports:confirm", args=[sha256]), follow=True)

    assert b"r.csv is no longer kept, so nothing was imported. Upload it again." in refused.content
    assert not ReturnImport.objects.exists() and not PromReturn.objects.exists()


# --- the garbage collector ---------------------------------------------------------------------------


def test_web_requests_never_switch_off_the_garbage_collector(
    client, evaluation, persona_team, serviceuser_record, monkeypatch, settings
):
    """The switch is process-wide: in a web process, other threads' requests would run without it."""
    settings.RETURN_IMPORT_IN_REQUEST_BYTES = 1_000  # the job path too (in-process, as without a broker)
    progress = Progress(monkeypatch)
    collections = []
    callback = lambda phase, info: collections.append(phase)  # noqa: E731
    gc.callbacks.append(callback)
    client.force_login(evaluation)
    try:
        rows = [swemwbs_row(serviceuser_record, persona_team)] * 6_000
        small = client.post(
            reverse("measure_imports:upload"),
            {"file": SimpleUploadedFile("small.csv", returns_csv(rows[:1]))},
        )
        large = client.post(
            reverse("measure_imports:upload"), {"file": SimpleUploadedFile("large.csv", returns_csv(rows))}
        )
    finally:
        gc.callbacks.remove(callback)

    assert small.status_code == large.status_code == 302
    assert gc.isenabled()
    assert progress.seen and all(enabled for *_state, enabled in progress.seen)
    assert collections  # the collector ran while the file was checked


def test_a_worker_process_checks_with_the_collector_paused_and_turns_it_back_on(
    evaluation, persona_team, serviceuser_record, monkeypatch
):
    progress = Progress(monkeypatch)
    rows = [swemwbs_row(serviceuser_record, persona_team)] * 6_000
    staged, _content = staging.stage(upload=SimpleUploadedFile("w.csv", returns_csv(rows)), user=evaluation)
    staging.save_progress(staged, state=staging.QUEUED)
    progress.seen.clear()

    services.staged_file_check_job(user_id=evaluation.pk, sha256=staged.sha256, in_worker=True)

    assert progress.seen and not any(enabled for *_state, enabled in progress.seen)
    assert gc.isenabled()


# --- a real worker -----------------------------------------------------------------------------------


@pytest.fixture
def broker_url():
    url = os.environ.get("CELERY_BROKER_URL")
    # `make test` always provides a broker; without one this test must fail, never skip.
    assert url, "CELERY_BROKER_URL is not set: run the suite with `make test`"
    return url


@pytest.fixture
def sending_to_broker(broker_url):
    saved = (celery_app.conf.task_always_eager, celery_app.conf.broker_url)
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = broker_url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    yield
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = saved
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def worker(broker_url, settings):
    """A worker process on the test database and the test's media folder; stopped when the test ends."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "recovery_portal.settings.local",
        "DEBUG": "false",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": broker_url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "recovery_portal", "worker", "--pool=solo", "--loglevel=INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_checks_an_xlsx_with_progress_and_the_person_imports_it_from_the_preview(
    client,
    evaluation,
    persona_team,
    serviceuser_record,
    settings,
    sending_to_broker,
    worker,
    measures_reference_data,
):
    client.force_login(evaluation)
    # A queued file waits for the worker: the progress page says so rather than failing.
    rows = monthly_rows(serviceuser_record, persona_team, 6)
    response = client.post(
        reverse("measure_imports:upload"),
        {"file": SimpleUploadedFile("returns.xlsx", xlsx_of(rows), content_type=XLSX)},
    )
    sha256 = response.url.rstrip("/").split("/")[-2]
    first = client.get(response.url)
    assert first.status_code in (200, 302)

    deadline = time.monotonic() + 90
    page = first
    while page.status_code == 200 and time.monotonic() < deadline:
        assert b'<progress class="app-progress"' in page.content
        time.sleep(0.3)
        page = client.get(response.url)
    if page.status_code != 302:
        worker.terminate()
        pytest.fail(f"the worker did not check the file: {worker.communicate(timeout=20)[0][-3000:]}")

    assert page.url == reverse("measure_imports:preview", args=[sha256])
    preview = client.get(page.url)
    assert preview.status_code == 200 and b"Check before importing" in preview.content
    staged = staged_of(evaluation, sha256)[0]
    assert not staging.has_upload(staged)
    imported = client.post(reverse("measure_imports:confirm", args=[sha256]))
    assert imported.status_code == 302
    assert ReturnImport.objects.get().rows_written == 6
