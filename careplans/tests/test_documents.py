"""Documents kept with a plan: checked before anything is saved, served only to those who see the plan."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recovery_portal.models import AuditAction, AuditEvent

from ..models import PlanDocument
from ..services.plans import PLAN_DOCUMENT_MAX_BYTES
from .fixtures import PDF_BYTES

pytestmark = pytest.mark.django_db


def _post(client, plan, upload, title="Advance decision"):
    return client.post(
        reverse("careplans:document-add", kwargs={"pk": plan.pk}), {"title": title, "file": upload}
    )


def test_a_file_over_the_limit_is_refused_with_a_clear_message(client, personas, crisis_plan):
    client.force_login(personas["clinician"])
    too_big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * PLAN_DOCUMENT_MAX_BYTES)

    response = _post(client, crisis_plan, too_big)

    assert response.status_code == 200
    assert "The selected file must be smaller than 5.0" in response.content.decode()
    assert not PlanDocument.objects.exists()


def test_a_file_that_is_not_what_it_says_is_refused(client, personas, crisis_plan):
    client.force_login(personas["serviceuser"])

    response = _post(client, crisis_plan, SimpleUploadedFile("letter.pdf", b"MZ not a pdf"))

    assert "The selected file is not a real PDF file" in response.content.decode()
    assert not PlanDocument.objects.exists()


def test_a_document_is_kept_and_downloaded_with_an_audit_row(client, personas, crisis_plan):
    client.force_login(personas["serviceuser"])

    assert _post(client, crisis_plan, SimpleUploadedFile("decision.pdf", PDF_BYTES)).status_code == 302
    document = PlanDocument.objects.get()
    assert "decision" not in document.file.name  # stored under a random name
    response = client.get(reverse("careplans:document", kwargs={"pk": document.pk}))

    assert b"".join(response.streaming_content) == PDF_BYTES
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).get()
    assert event.object_id == str(crisis_plan.pk)


def test_the_outsider_cannot_download_a_document(client, personas, plan_document):
    client.force_login(personas["outsider"])

    assert client.get(reverse("careplans:document", kwargs={"pk": plan_document.pk})).status_code == 404
