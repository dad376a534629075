"""The import pages: all or nothing, preview first, never twice, every problem downloadable and audited."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from evaluation.imports import services
from evaluation.imports.follow_up import TITLE
from evaluation.models import PremReturn, PromReturn, ReturnImport
from evaluation.services import risk_follow_up_raise
from evaluation.tests.fixtures import returns_csv, stage_returns_file, swemwbs_row
from recovery_portal.models import AuditAction, AuditEvent, FollowUpTask

pytestmark = pytest.mark.django_db


def upload(client, rows, name="returns.csv"):
    return client.post(
        reverse("measure_imports:upload"), {"file": SimpleUploadedFile(name, returns_csv(rows))}
    )


def sha_of(response) -> str:
    return response.url.rstrip("/").split("/")[-2]


@pytest.fixture
def evaluation_client(client, evaluation):
    client.force_login(evaluation)
    return client


def test_a_file_with_one_bad_row_writes_nothing_and_names_that_row_and_column(
    evaluation_client, persona_team, serviceuser_record
):
    rows = [
        swemwbs_row(serviceuser_record, persona_team, completed_on=f"2025-0{month}-01")
        for month in (1, 2, 3, 4)
    ]
    rows[2]["item_5"] = "7"

    response = upload(evaluation_client, rows)
    page = evaluation_client.get(response.url)

    assert response.url == reverse("measure_imports:problems", args=[sha_of(response)])
    assert "Row 4, item_5: 7 is not an answer to SWEMWBS question 5" in page.content.decode()
    assert b"nhsuk-error-summary" in page.content
    # Confirming anyway imports nothing.
    refused = evaluation_client.post(reverse("measure_imports:confirm", args=[sha_of(response)]))
    assert refused.status_code == 302 and "/problems/" in refused.url
    assert not PromReturn.objects.exists() and not ReturnImport.objects.exists()


def test_a_valid_file_is_previewed_then_imported_exactly_once_even_when_uploaded_twice(
    evaluation_client, persona_team, serviceuser_record, evaluation
):
    rows = [
        swemwbs_row(serviceuser_record, persona_team),
        {"instrument": "FFT", "team_code": persona_team.slug, "completed_on": "2025-06-03", "fft_answer": "2",
         "free_text": "Listened to", "source_reference": "CARD-7"},
    ]  # fmt: skip

    first = upload(evaluation_client, rows)
    preview = evaluation_client.get(first.url)
    assert b"Import 2 returns" in preview.content and not PromReturn.objects.exists()
    done = evaluation_client.post(reverse("measure_imports:confirm", args=[sha_of(first)]))
    again = upload(evaluation_client, rows)  # the same file
    renamed = upload(evaluation_client, rows, name="copy.csv")  # the same bytes under another name
    edited = upload(evaluation_client, rows + [{}])  # different bytes, the same returns

    imported = ReturnImport.objects.get()
    assert done.url == reverse("measure_imports:detail", args=[imported.pk])
    assert (PromReturn.objects.count(), PremReturn.objects.count(), imported.rows_written) == (1, 1, 2)
    assert again.status_code == renamed.status_code == 200 and b"already imported" in again.content
    assert "/problems/" in edited.url
    assert evaluation_client.post(reverse("measure_imports:confirm", args=[sha_of(first)])).status_code == 404
    stored = PromReturn.objects.get()
    assert (stored.total, stored.raw, stored.completion, stored.entered_by, stored.return_import) == (
        19.25, 21.0, "imported", evaluation, imported,
    )  # fmt: skip
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(imported.pk)).count() == 1


def test_a_reqol_risk_answer_raises_the_care_teams_follow_up_tasks(
    evaluation_client, persona_team, serviceuser_record, clinician, peerworker
):
    answers = {f"item_{n}": "0" for n in range(1, 11)} | {"item_6": "3"}
    row = swemwbs_row(serviceuser_record, persona_team, instrument="REQOL10", **answers)

    response = upload(evaluation_client, [row])
    assert b"Follow-up needed" in evaluation_client.get(response.url).content
    evaluation_client.post(reverse("measure_imports:confirm", args=[sha_of(response)]))

    stored = PromReturn.objects.get()
    tasks = FollowUpTask.objects.filter(title=TITLE)
    assert stored.has_risk_answer
    assert sorted(task.assignee.username for task in tasks) == ["clinician", "peerworker"]
    assert {task.url for task in tasks} == {reverse("measures:person", kwargs={"pk": serviceuser_record.pk})}
    assert {task.due_date for task in tasks} == {timezone.localdate()}
    # The follow-up of an entered return has the same key: raising it for this return adds nothing.
    risk_follow_up_raise(prom_return=stored)
    assert FollowUpTask.objects.filter(key__startswith=f"measures:risk:{stored.pk}:").count() == 2


def test_a_risk_answer_whose_caseload_place_is_gone_at_import_still_raises_a_follow_up_for_the_importer(
    evaluation_client, evaluation, persona_team, serviceuser_record, monkeypatch
):
    """Who works with a person with a risk answer is read just after the caseloads are re-checked; if the
    person's place has gone in that moment, the follow-up is still raised, for whoever imported."""
    answers = {f"item_{n}": "0" for n in range(1, 11)} | {"item_6": "3"}
    response = upload(
        evaluation_client, [swemwbs_row(serviceuser_record, persona_team, instrument="REQOL10", **answers)]
    )
    monkeypatch.setattr(services, "caseload_places", lambda **_: {})

    evaluation_client.post(reverse("measure_imports:confirm", args=[sha_of(response)]))

    stored = PromReturn.objects.get()
    assert [task.assignee for task in FollowUpTask.objects.filter(title=TITLE)] == [evaluation]
    assert FollowUpTask.objects.get(title=TITLE).url == reverse(
        "measures:person", kwargs={"pk": stored.person_id}
    )


def test_the_problem_report_downloads_as_csv_with_formula_cells_neutralised_and_audited(
    evaluation_client, persona_team, serviceuser_record
):
    rows = [swemwbs_row(serviceuser_record, persona_team, instrument='=HYPERLINK("http://x")', item_1="-1")]
    response = upload(evaluation_client, rows)

    download = evaluation_client.get(reverse("measure_imports:problems-csv", args=[sha_of(response)]))

    lines = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert lines[0] == ["Row", "Column", "Spreadsheet column", "Problem"]
    assert lines[1][:3] == ["2", "instrument", "A"]
    assert lines[1][3].startswith("'=HYPERLINK")
    assert (
        AuditEvent.objects.filter(action=AuditAction.EXPORT, reason__startswith="import problems").count()
        == 1
    )


def test_the_preview_runs_the_same_queries_whatever_the_size_of_the_file(
    client, evaluation, persona_team, serviceuser_record, django_assert_num_queries
):
    small = stage_returns_file(user=evaluation, rows=[swemwbs_row(serviceuser_record, persona_team)])
    large = stage_returns_file(
        user=evaluation,
        rows=[
            swemwbs_row(serviceuser_record, persona_team, completed_on=f"2024-{month:02d}-{day:02d}")
            for month in range(1, 13)
            for day in range(1, 29)
        ],
    )
    client.force_login(evaluation)

    for sha in (small, large):
        # Session, user, trust roles, the audit event, and the session's idle-timeout stamp (in a savepoint).
        with django_assert_num_queries(7):
            assert client.get(reverse("measure_imports:preview", args=[sha])).status_code == 200


def test_a_staged_file_is_only_for_whoever_uploaded_it(client, clinician, outsider, import_staged):
    for user in (clinician, outsider):
        client.force_login(user)
        assert client.get(reverse("measure_imports:preview", args=[import_staged])).status_code == 404
        assert client.post(reverse("measure_imports:confirm", args=[import_staged])).status_code == 404
    assert not PromReturn.objects.exists()


def test_people_who_do_not_record_returns_are_refused(client, teamlead, serviceuser, steering):
    for user in (teamlead, serviceuser, steering):
        client.force_login(user)
        assert client.get(reverse("measure_imports:upload")).status_code == 403


def test_a_file_of_the_wrong_type_is_refused_before_it_is_read(evaluation_client):
    response = evaluation_client.post(
        reverse("measure_imports:upload"), {"file": SimpleUploadedFile("returns.pdf", b"%PDF-1.7 ...")}
    )

    assert response.status_code == 200
    assert b"The selected file must be a CSV, XLSX" in response.content


def test_the_templates_download_with_every_column(evaluation_client):
    from openpyxl import load_workbook

    from evaluation.imports.columns import HEADER

    csv_template = evaluation_client.get(reverse("measure_imports:template", args=["csv"]))
    xlsx_template = evaluation_client.get(reverse("measure_imports:template", args=["xlsx"]))

    assert csv_template.content.decode("utf-8-sig").strip().split(",") == list(HEADER)
    workbook = load_workbook(io.BytesIO(xlsx_template.content), read_only=True)
    assert workbook.sheetnames == ["Returns", "Columns", "Answer values"]
    assert next(workbook["Returns"].iter_rows(values_only=True)) == HEADER


def test_a_return_stored_between_preview_and_import_stops_the_import_and_is_named(
    evaluation_client, evaluation, persona_team, serviceuser_record
):
    from datetime import date

    from evaluation.tests.factories import prom_return

    rows = [
        swemwbs_row(serviceuser_record, persona_team, completed_on="2025-05-01"),
        swemwbs_row(serviceuser_record, persona_team),
    ]
    sha = sha_of(upload(evaluation_client, rows))
    prom_return(
        person=serviceuser_record, team=persona_team, completed_on=date(2025, 6, 2), timepoint="baseline"
    )

    response = evaluation_client.post(reverse("measure_imports:confirm", args=[sha]), follow=True)

    assert (
        "Row 3, completed_on: A SWEMWBS return for this person at baseline on 2 June 2025 is already in the portal"
        in (response.content.decode())
    )
    assert PromReturn.objects.count() == 1 and not ReturnImport.objects.exists()


def test_the_history_and_an_import_run_the_same_queries_however_many_imports_and_returns(
    client, evaluation, persona_team, serviceuser_record, return_import_done, django_assert_num_queries
):
    from evaluation.imports import services
    from evaluation.imports.selectors import import_scope

    client.force_login(evaluation)
    # Session, user, trust roles, the page's count and rows, and the session's idle-timeout stamp.
    for month in ("07", "08"):
        with django_assert_num_queries(8):
            assert client.get(reverse("measure_imports:history")).status_code == 200
        rows = [
            swemwbs_row(serviceuser_record, persona_team, completed_on=f"2024-{month}-{day:02d}")
            for day in range(1, 21)
        ]
        latest = services.returns_import(
            content=returns_csv(rows), scope=import_scope(user=evaluation), file_name=f"{month}.csv",
            sha256=month * 32, kind="csv", by=evaluation,
        ).return_import  # fmt: skip
    # As above, with the import and its counts of PROM and FFT returns instead of the page.
    with django_assert_num_queries(9):
        assert client.get(reverse("measure_imports:detail", args=[return_import_done.pk])).status_code == 200
    with django_assert_num_queries(9):
        assert client.get(reverse("measure_imports:detail", args=[latest.pk])).status_code == 200
