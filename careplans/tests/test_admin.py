"""Admin: superusers only, every change view audited, stale plan saves refused, history never deleted,
and erasure under a legal request recorded and audited with its reason."""

import pytest
from django.contrib.admin import site
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from recovery_portal.models import AuditAction, AuditEvent

from .. import services
from ..admin import PlanAdmin
from ..models import Disagreement, Erasure, Plan, PlanEntry, PlanStatus, PlanVersion

pytestmark = pytest.mark.django_db


def _form(plan, version, facilitator):
    return {
        "expected_version": version,
        "review_date": "",
        "stage": plan.stage,
        "facilitator": facilitator,
        "people_present": "",
    }


def test_opening_a_plan_in_admin_is_audited(client, admin, safety_plan):
    client.force_login(admin)

    response = client.get(reverse("admin:careplans_plan_change", args=[safety_plan.pk]))

    assert response.status_code == 200
    event = AuditEvent.objects.filter(action=AuditAction.VIEW).first()
    assert (event.actor, event.object_id, event.reason) == (admin, str(safety_plan.pk), "admin")


def test_a_stale_admin_save_is_refused_and_nothing_is_lost(client, admin, crisis_plan):
    client.force_login(admin)
    url = reverse("admin:careplans_plan_change", args=[crisis_plan.pk])
    version = crisis_plan.version

    first = client.post(url, _form(crisis_plan, version, "Ann Lee"))
    second = client.post(url, _form(crisis_plan, version, "Bob Stone"))

    assert first.status_code == 302
    assert second.status_code == 200
    assert "Someone else changed this plan" in second.content.decode()
    plan = Plan.objects.get(pk=crisis_plan.pk)
    assert plan.facilitator == "Ann Lee" and plan.version == version + 1
    assert plan.versions.get(number=plan.version).content["details"]["facilitator"] == "Ann Lee"


def test_plans_are_not_started_in_admin(client, admin):
    client.force_login(admin)

    assert client.get(reverse("admin:careplans_plan_add")).status_code == 403


def test_only_superusers_have_the_careplans_admin(personas):
    request = RequestFactory().get("/admin/")
    request.user = personas["teamlead"]
    request.user.is_staff = True  # even with admin site access

    assert not PlanAdmin(Plan, site).has_module_permission(request)
    request.user = personas["admin"]
    assert PlanAdmin(Plan, site).has_module_permission(request)


# History is never deleted from admin (issue 15, point 4): versions, agreements, disagreements, entries.


@pytest.fixture
def agreed_safety_plan(safety_plan, personas):
    return services.plan_agree(
        plan=safety_plan, expected_version=safety_plan.version, by=personas["serviceuser"]
    )


@pytest.fixture
def disagreement(safety_entry, personas):
    return services.disagreement_record(entry=safety_entry, text="I sleep fine", by=personas["serviceuser"])


def _history_rows(plan, disagreement):
    return {
        "plan": plan,
        "planentry": plan.entries.first(),
        "planversion": plan.versions.first(),
        "disagreement": disagreement,
        "serviceuser": plan.person,
    }


@pytest.mark.parametrize("model", ["plan", "planentry", "planversion", "disagreement", "serviceuser"])
def test_a_superuser_cannot_delete_history_in_admin(client, admin, agreed_safety_plan, disagreement, model):
    client.force_login(admin)
    row = _history_rows(agreed_safety_plan, disagreement)[model]
    counts = (PlanEntry.objects.count(), PlanVersion.objects.count(), Disagreement.objects.count())

    response = client.post(reverse(f"admin:careplans_{model}_delete", args=[row.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert (PlanEntry.objects.count(), PlanVersion.objects.count(), Disagreement.objects.count()) == counts
    assert Plan.objects.get(pk=agreed_safety_plan.pk).status == PlanStatus.AGREED


@pytest.mark.parametrize("model", ["plan", "planentry", "planversion", "disagreement", "supporterconsent"])
def test_no_bulk_delete_on_history_lists(
    client, admin, agreed_safety_plan, disagreement, carer_supporter, model
):
    client.force_login(admin)

    response = client.get(reverse(f"admin:careplans_{model}_changelist"))

    assert response.status_code == 200
    assert "delete_selected" not in response.content.decode()


def test_a_superuser_cannot_edit_an_entry_in_admin(client, admin, agreed_safety_plan):
    client.force_login(admin)
    entry = agreed_safety_plan.entries.get(section="coping")

    response = client.post(reverse("admin:careplans_planentry_change", args=[entry.pk]), {"text": "Changed"})

    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.text == "Walk the dog round the park"
    assert Plan.objects.get(pk=agreed_safety_plan.pk).version == agreed_safety_plan.version


def test_erasure_asks_for_a_reason_and_changes_nothing_without_one(client, admin, agreed_safety_plan):
    client.force_login(admin)
    entry = agreed_safety_plan.entries.get(section="coping")
    url = reverse("admin:careplans_planentry_erase", args=[entry.pk])

    page = client.get(url).content.decode()
    response = client.post(url, {"reason": "  "})

    assert "The version the person agreed holds these words" in page
    assert "Enter the legal request this removal answers" in response.content.decode()
    assert PlanEntry.objects.filter(pk=entry.pk).exists()
    assert not Erasure.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.DELETE).exists()


def test_erasure_is_recorded_audited_and_never_silent_about_the_agreed_version(
    client, admin, agreed_safety_plan, personas
):
    client.force_login(admin)
    plan = agreed_safety_plan
    entry = plan.entries.get(section="coping")
    disagreement = services.disagreement_record(
        entry=entry, text="I never said that", by=personas["serviceuser"]
    )
    agreed_number = plan.agreed_version.number

    response = client.post(
        reverse("admin:careplans_planentry_erase", args=[entry.pk]),
        {"reason": "Court order 2026/114: words about a third party"},
    )

    assert response.status_code == 302
    erasure = Erasure.objects.get()
    assert (erasure.plan, erasure.entry_id, erasure.erased_by) == (plan, entry.pk, admin)
    assert erasure.reason == "Court order 2026/114: words about a third party"
    assert erasure.agreed_version_changed and agreed_number in erasure.versions_changed
    texts = [item["text"] for version in plan.versions.all() for item in version.content["entries"]]
    assert "Walk the dog round the park" not in texts
    assert any(text.startswith("Removed on ") and text.endswith("under a legal request") for text in texts)
    disagreement.refresh_from_db()
    assert disagreement.entry_text.startswith("Removed on ") and disagreement.text == "I never said that"
    plan.refresh_from_db()
    # Not silent: a new version says what happened, and the person is asked to agree the plan again.
    assert plan.status == PlanStatus.DRAFT
    assert plan.versions.get(number=plan.version).summary.endswith("under a legal request")
    event = AuditEvent.objects.get(action=AuditAction.DELETE)
    assert (event.actor, event.object_id) == (admin, str(plan.pk))
    assert event.reason == "erasure: Court order 2026/114: words about a third party"
    assert event.subjects == [f"careplans.serviceuser:{plan.person_id}"]


def test_only_a_superuser_may_erase(agreed_safety_plan, personas):
    entry = agreed_safety_plan.entries.get(section="coping")

    with pytest.raises(PermissionDenied):
        services.plan_entry_erase(entry=entry, reason="Court order", by=personas["teamlead"])

    assert PlanEntry.objects.filter(pk=entry.pk).exists()


def test_an_erasure_is_never_changed_or_deleted_in_admin(client, admin, agreed_safety_plan):
    entry = agreed_safety_plan.entries.get(section="coping")
    erasure = services.plan_entry_erase(entry=entry, reason="Court order", by=admin)
    client.force_login(admin)

    assert (
        client.post(reverse("admin:careplans_erasure_delete", args=[erasure.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert (
        client.post(reverse("admin:careplans_erasure_change", args=[erasure.pk]), {"reason": "x"}).status_code
        == 403
    )
    with pytest.raises(PermissionError):
        erasure.save()
