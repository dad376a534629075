import pytest
from django.forms import modelform_factory
from django.urls import reverse

from teams.admin import VersionCheckedForm
from teams.models import TeamRecoveryPlan

pytestmark = pytest.mark.django_db


def test_the_admin_lists_plans_and_shows_their_history(client, admin, persona_plan):
    client.force_login(admin)

    assert client.get(reverse("admin:teams_teamrecoveryplan_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:teams_teamrecoveryplan_change", args=[persona_plan.pk])).status_code == 200
    )
    history = client.get(reverse("admin:teams_teamrecoveryplan_history", args=[persona_plan.pk]))
    assert history.status_code == 200


def test_the_admin_refuses_a_stale_save(persona_plan):
    form_class = modelform_factory(TeamRecoveryPlan, form=VersionCheckedForm, fields=["strengths"])
    TeamRecoveryPlan.objects.filter(pk=persona_plan.pk).update(version=persona_plan.version + 1)

    form = form_class(
        {"strengths": "Edited in admin", "opened_version": persona_plan.version}, instance=persona_plan
    )

    assert not form.is_valid()
    assert "Someone else changed this record since you opened it" in str(form.non_field_errors())
