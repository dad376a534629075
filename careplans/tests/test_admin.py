"""Admin: superusers only, every change view audited, stale plan saves refused."""

import pytest
from django.contrib.admin import site
from django.test import RequestFactory
from django.urls import reverse

from recovery_portal.models import AuditAction, AuditEvent

from ..admin import PlanAdmin
from ..models import Plan

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
