"""Uploaded files of returns hold NHS numbers and risk answers: one never imported is not kept for ever.

It is deleted at once when the person discards it, and by a scheduled job once the configured hours have
passed since it was last used (RETURN_IMPORT_STAGING_HOURS, 24 by default).
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from evaluation.imports import staging
from evaluation.imports.tasks import delete_expired_staged_files
from evaluation.models import PromReturn
from evaluation.schedule import BEAT_SCHEDULE
from evaluation.tests.fixtures import stage_returns_file, swemwbs_row
from recovery_portal.celery import app

pytestmark = pytest.mark.django_db


def _staged_files(user) -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / staging.FOLDER / str(user.pk)
    return sorted(folder.iterdir()) if folder.exists() else []


def _age(user, sha256: str, hours: float) -> None:
    """Make the staged file and its report look as if last written ``hours`` ago."""
    moment = (timezone.now() - timedelta(hours=hours)).timestamp()
    for path in _staged_files(user):
        if path.name.startswith(sha256):
            os.utime(path, (moment, moment))


def test_the_default_is_24_hours_and_the_job_is_in_the_beat_schedule():
    assert settings.RETURN_IMPORT_STAGING_HOURS == 24
    entry = BEAT_SCHEDULE["return-import-staged-files-expiry"]
    assert entry["task"] == "evaluation.imports.tasks.delete_expired_staged_files"
    assert entry["task"] in app.tasks
    assert app.conf.beat_schedule["return-import-staged-files-expiry"] == entry


def test_a_file_never_imported_is_deleted_by_the_scheduled_job_once_its_hours_are_up(
    personas, persona_team, serviceuser_record
):
    user = personas["evaluation"]
    old = stage_returns_file(user=user, rows=[swemwbs_row(serviceuser_record, persona_team)], name="may.csv")
    recent = stage_returns_file(
        user=user,
        rows=[swemwbs_row(serviceuser_record, persona_team, completed_on="2025-06-09")],
        name="june.csv",
    )
    _age(user, old, hours=25)
    _age(user, recent, hours=23)

    deleted = delete_expired_staged_files.delay().get()

    assert deleted == 2  # the file and its report
    assert [path.name.split(".")[0] for path in _staged_files(user)] == [recent, recent]
    assert staging.staged_for(user=user, sha256=old) is None
    assert staging.staged_for(user=user, sha256=recent) is not None


def test_the_hours_kept_follow_the_setting(settings, personas, persona_team, serviceuser_record):
    settings.RETURN_IMPORT_STAGING_HOURS = 2
    user = personas["evaluation"]
    sha256 = stage_returns_file(user=user, rows=[swemwbs_row(serviceuser_record, persona_team)])
    _age(user, sha256, hours=3)
    assert staging.discard_expired() == 2
    assert _staged_files(user) == []


def test_the_job_with_nothing_staged_deletes_nothing():
    assert staging.discard_expired() == 0


def test_discarding_a_file_deletes_it_at_once_and_imports_nothing(client, personas, import_staged):
    user = personas["evaluation"]
    client.force_login(user)
    preview = client.get(reverse("measure_imports:preview", args=[import_staged])).content.decode()
    assert "Delete this file without importing it" in preview
    assert len(_staged_files(user)) == 2

    response = client.post(reverse("measure_imports:discard", args=[import_staged]), follow=True)

    assert _staged_files(user) == []
    assert "returns.csv has been deleted. Nothing was imported." in response.content.decode()
    assert not PromReturn.objects.exists()
    assert client.get(reverse("measure_imports:preview", args=[import_staged])).status_code == 404


def test_a_file_with_problems_can_be_discarded_too(client, personas, import_staged_with_problems):
    client.force_login(personas["evaluation"])
    page = client.get(
        reverse("measure_imports:problems", args=[import_staged_with_problems])
    ).content.decode()
    assert "Delete this file without importing it" in page
    client.post(reverse("measure_imports:discard", args=[import_staged_with_problems]))
    assert _staged_files(personas["evaluation"]) == []


def test_nobody_else_can_discard_someone_elses_file(client, personas, import_staged):
    client.force_login(personas["clinician"])
    assert client.post(reverse("measure_imports:discard", args=[import_staged])).status_code == 404
    assert len(_staged_files(personas["evaluation"])) == 2


def test_an_imported_file_is_deleted_at_once(client, personas, import_staged):
    client.force_login(personas["evaluation"])
    response = client.post(reverse("measure_imports:confirm", args=[import_staged]))
    assert response.status_code == 302 and PromReturn.objects.count() == 1
    assert _staged_files(personas["evaluation"]) == []
