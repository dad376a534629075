"""PDFs, safe CSV exports, optimistic concurrency, upload checks and follow-up tasks."""

import io
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.test import RequestFactory
from django.test.utils import isolate_apps
from django.utils import timezone
from pypdf import PdfReader

from recovery_portal.concurrency import StaleEdit, Versioned, save_versioned
from recovery_portal.exports import csv_response, spreadsheet_safe
from recovery_portal.models import AuditAction, AuditEvent, FollowUpTask
from recovery_portal.pdf import render_pdf
from recovery_portal.selectors import follow_up_tasks_open_for
from recovery_portal.services import follow_up_task_complete, follow_up_task_raise
from recovery_portal.uploads import validate_upload

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_pdf_carries_the_text_of_its_template(tmp_path, settings):
    (tmp_path / "letter.html").write_text(
        '{% extends "pdf/base.html" %}{% block title %}Letter{% endblock %}'
        "{% block content %}<h1>My safety plan</h1><p>{{ words }}</p>{% endblock %}"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]

    pdf = render_pdf(
        "letter.html", {"words": "Walk the dog <b>every</b> morning", "service_name": "Recovery Portal"}
    )

    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "My safety plan" in text and "Walk the dog <b>every</b> morning" in text


def test_a_pdf_is_laid_out_by_the_print_stylesheet(tmp_path, settings):
    # The stylesheet numbers pages in the footer; without it the text would hold no "Page 1 of 1".
    (tmp_path / "short.html").write_text(
        '{% extends "pdf/base.html" %}{% block content %}<p>One page</p>{% endblock %}'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]

    assert "Page 1 of 1" in pdf_text(render_pdf("short.html", {}))


def _images_in(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_pdf_cannot_fetch_files_or_addresses_outside_the_static_files(tmp_path, settings):
    icon = finders.find("nhsuk/assets/images/nhsuk-icon-180.png")
    outside = tmp_path / "private.png"
    outside.write_bytes(open(icon, "rb").read())
    templates = {
        "outside.html": f'<img alt="" src="file://{outside}"><img alt="" src="http://127.0.0.1:9/x.png">',
        "inside.html": '{% load static %}<img alt="" src="{% static "nhsuk/assets/images/nhsuk-icon-180.png" %}">',
    }
    for name, body in templates.items():
        (tmp_path / name).write_text(
            '{% extends "pdf/base.html" %}{% block content %}' + body + "<p>done</p>{% endblock %}"
        )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]

    refused, allowed = render_pdf("outside.html", {}), render_pdf("inside.html", {})

    assert "done" in pdf_text(refused)
    assert _images_in(refused) == 0
    assert _images_in(allowed) == 1


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+44", "'+44"),
        ("-1", "'-1"),
        ("@sum", "'@sum"),
        ("plain", "plain"),
        (None, ""),
    ],
)
def test_cells_that_spreadsheets_would_run_are_neutralised(value, written):
    assert spreadsheet_safe(value) == written


def test_a_csv_export_is_written_and_audited(django_user_model):
    request = RequestFactory().get("/teams/?format=csv")
    request.user = django_user_model.objects.create_user("lead")
    request.request_id = "req-csv-0001"

    response = csv_response(
        request,
        name="Team directory",
        header=["Team", "Note"],
        rows=[["Ward 2", "=cmd"]],
        reason="team directory",
    )

    body = response.content.decode("utf-8-sig")
    assert body.splitlines() == ["Team,Note", "Ward 2,'=cmd"]
    assert response["Content-Disposition"].startswith('attachment; filename="team-directory-')
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.reason) == (AuditAction.EXPORT, request.user, "team directory")


@pytest.fixture
def draft_model():
    """A versioned table made for this test only (PostgreSQL creates it inside the test transaction)."""
    with isolate_apps("recovery_portal"):

        class Draft(Versioned):
            words = models.TextField()
            changed_at = models.DateTimeField(auto_now=True)

            class Meta:
                app_label = "recovery_portal"

        with connection.schema_editor() as editor:
            editor.create_model(Draft)
        yield Draft


def test_a_save_built_on_an_old_version_is_refused_and_nothing_is_lost(draft_model):
    draft = draft_model.objects.create(words="first words")
    mine, theirs = draft_model.objects.get(pk=draft.pk), draft_model.objects.get(pk=draft.pk)

    theirs.words = "their words"
    save_versioned(theirs, expected_version=1, fields=["words"])
    mine.words = "my words"
    with pytest.raises(StaleEdit) as refused:
        save_versioned(mine, expected_version=1, fields=["words"])

    assert refused.value.current.words == "their words"  # shown beside mine, which the form keeps
    assert refused.value.current.version == 2
    stored = draft_model.objects.get(pk=draft.pk)
    assert (stored.words, stored.version) == ("their words", 2)


def test_a_save_on_the_current_version_bumps_it_and_updates_auto_now(draft_model):
    draft = draft_model.objects.create(words="first")
    before = draft.changed_at

    draft.words = "second"
    save_versioned(draft, expected_version=1, fields=["words"])

    stored = draft_model.objects.get(pk=draft.pk)
    assert (stored.words, stored.version, draft.version) == ("second", 2, 2)
    assert stored.changed_at > before


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.exe", b"MZ\x90\x00", "must be a PDF"),
        ("minutes.pdf", b"<html>not a pdf</html>", "not a real PDF"),
        ("photo.png", b"\xff\xd8\xff\xe0jpeg-really", "not a real PNG"),
        ("empty.pdf", b"", "is empty"),
        ("huge.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "smaller than 10"),
    ],
)
def test_uploads_of_the_wrong_type_or_size_are_refused_with_a_reason(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_upload(_upload(name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("minutes.pdf", b"%PDF-1.7 ..."),
        ("photo.JPG", b"\xff\xd8\xff\xe0..."),
        ("plan.docx", b"PK\x03\x04..."),
    ],
)
def test_genuine_evidence_files_are_accepted(name, content):
    validate_upload(_upload(name, content))


def test_raising_a_task_twice_with_one_key_makes_one_task(django_user_model):
    worker = django_user_model.objects.create_user("worker")

    first, created = follow_up_task_raise(key="review:plan:7:2026-12-01", assignee=worker, title="Review due")
    again, created_again = follow_up_task_raise(
        key="review:plan:7:2026-12-01", assignee=worker, title="Review due"
    )

    assert created and not created_again and first == again
    assert FollowUpTask.objects.count() == 1


def test_open_tasks_are_the_assignees_own_soonest_first(django_user_model):
    worker, other = (
        django_user_model.objects.create_user("worker"),
        django_user_model.objects.create_user("other"),
    )
    later, _ = follow_up_task_raise(
        key="a", assignee=worker, title="Later", due_date=timezone.localdate() + timedelta(days=9)
    )
    sooner, _ = follow_up_task_raise(
        key="b", assignee=worker, title="Sooner", due_date=timezone.localdate() - timedelta(days=1)
    )
    follow_up_task_raise(key="c", assignee=other, title="Not theirs")
    done, _ = follow_up_task_raise(key="d", assignee=worker, title="Done")
    follow_up_task_complete(task=done, by=worker)

    assert list(follow_up_tasks_open_for(user=worker)) == [sooner, later]
    assert sooner.is_overdue and not later.is_overdue


def test_the_beat_schedule_gathers_every_apps_jobs():
    from recovery_portal.celery import app

    assert app.conf.beat_schedule["worker-heartbeat"]["task"] == "recovery_portal.tasks.worker_heartbeat_beat"
