"""Progress updates: who may add them, inline (htmx) and without JavaScript, and what is refused."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from workstreams import services
from workstreams.models import ProgressUpdate

pytestmark = pytest.mark.django_db


def update_data(**overrides) -> dict:
    day = overrides.pop("day", timezone.localdate())
    data = {
        "date_day": day.day,
        "date_month": day.month,
        "date_year": day.year,
        "narrative": "Supervision groups now run in all four localities.",
        "rag": "green",
        "status": "in_progress",
    }
    data.update(overrides)
    return data


def _url(action) -> str:
    return reverse("workstreams:progress-update-create", args=[action.pk])


@pytest.mark.parametrize("persona", ["teamlead", "outsider", "steering", "clinician"])
def test_someone_who_neither_owns_nor_leads_the_action_cannot_add_an_update(
    client, personas, persona, ws_action
):
    client.force_login(personas[persona])

    response = client.post(_url(ws_action), update_data())

    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()
    page = client.get(reverse("workstreams:action-detail", args=[ws_action.pk])).content.decode()
    assert "Add a progress update" not in page


def test_the_owner_adds_an_update_without_javascript_and_it_joins_the_timeline(client, peerworker, ws_action):
    client.force_login(peerworker)

    response = client.post(_url(ws_action), update_data(rag="amber"))

    assert response.status_code == 302
    assert response["Location"] == reverse("workstreams:action-detail", args=[ws_action.pk])
    ws_action.refresh_from_db()
    assert (ws_action.rag, ws_action.status) == ("amber", "in_progress")
    html = client.get(response["Location"]).content.decode()
    assert "Progress update added" in html
    assert "Supervision groups now run in all four localities." in html
    assert html.index("Progress so far") < html.index("Supervision groups now run")


def test_an_inline_update_returns_only_the_progress_section(client, peerworker, ws_action):
    client.force_login(peerworker)

    response = client.post(_url(ws_action), update_data(rag="red"), headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="action-progress">')
    assert "<html" not in html
    assert "Progress update added" in html and "Red" in html


def test_an_inline_update_with_mistakes_shows_them_in_place(client, peerworker, ws_action):
    client.force_login(peerworker)

    response = client.post(
        _url(ws_action), update_data(status="dropped", rag=""), headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert "There is a problem" in html and "Select a RAG rating" in html
    assert not ProgressUpdate.objects.exists()


def test_the_co_owner_and_the_leads_may_add_updates(client, ws_action, wslead, teamlead, peer_support):
    ws_action.co_owner = teamlead
    ws_action.save()
    for person in (teamlead, wslead, peer_support.peer_lead):
        client.force_login(person)
        assert client.post(_url(ws_action), update_data()).status_code == 302
    assert ProgressUpdate.objects.count() == 3


def test_dropping_needs_a_reason(client, peerworker, ws_action):
    client.force_login(peerworker)

    response = client.post(_url(ws_action), update_data(status="dropped"))

    assert "Enter why the action was dropped" in response.content.decode()
    response = client.post(
        _url(ws_action), update_data(status="dropped", dropped_reason="Merged with the IPS action")
    )
    assert response.status_code == 302
    ws_action.refresh_from_db()
    assert (ws_action.status, ws_action.dropped_on, ws_action.dropped_reason) == (
        "dropped",
        timezone.localdate(),
        "Merged with the IPS action",
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("minutes.exe", b"MZ\x90\x00", "The selected file must be a PDF"),
        ("minutes.pdf", b"<html>not a pdf</html>", "The selected file is not a real PDF file"),
        ("minutes.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "The selected file must be smaller than 10"),
    ],
)
def test_evidence_of_the_wrong_type_or_size_is_refused(client, peerworker, ws_action, name, content, message):
    client.force_login(peerworker)

    response = client.post(
        _url(ws_action), {**update_data(), "evidence_file": SimpleUploadedFile(name, content)}
    )

    assert message in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_evidence_is_downloaded_through_the_portal(client, teamlead, ws_update_with_evidence):
    client.force_login(teamlead)

    response = client.get(reverse("workstreams:progress-evidence", args=[ws_update_with_evidence.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="supervision-notes')
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_updates_stay_in_date_order_and_not_in_the_future(client, peerworker, ws_action):
    services.progress_update_add(
        action=ws_action,
        date=date(2025, 9, 1),
        narrative="x",
        rag="green",
        status="in_progress",
        by=peerworker,
    )
    client.force_login(peerworker)

    earlier = client.post(_url(ws_action), update_data(day=date(2025, 8, 31))).content.decode()
    future = client.post(
        _url(ws_action), update_data(day=timezone.localdate() + timedelta(days=1))
    ).content.decode()

    assert "must be the same as or after 1 September 2025, the date of the last update" in earlier
    assert "must be today or in the past" in future
    assert ProgressUpdate.objects.count() == 1


def test_done_records_the_day_and_reopening_clears_it(peerworker, ws_action):
    services.progress_update_add(
        action=ws_action, date=date(2025, 9, 1), narrative="Done", rag="green", status="done", by=peerworker
    )
    ws_action.refresh_from_db()
    assert (ws_action.status, ws_action.completed_on, ws_action.is_overdue) == (
        "done",
        date(2025, 9, 1),
        False,
    )

    services.progress_update_add(
        action=ws_action,
        date=date(2025, 9, 2),
        narrative="Reopened",
        rag="amber",
        status="in_progress",
        by=peerworker,
    )
    ws_action.refresh_from_db()
    assert (ws_action.status, ws_action.completed_on, ws_action.rag) == ("in_progress", None, "amber")
