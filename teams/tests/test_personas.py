"""The personas hold the roles the demo logins hold, so tests and the demo tell the same story."""

import pytest
from django.urls import reverse

from teams.rules import is_team_manager, is_team_member
from tests.fixtures.personas import PERSONA_NAMES, PERSONA_PASSWORD
from workstreams.rules import is_steering_group_member, is_workstream_lead

pytestmark = pytest.mark.django_db


def test_every_persona_exists_and_signs_in_with_the_persona_password(client, personas):
    assert tuple(personas) == PERSONA_NAMES
    for name, user in personas.items():
        assert user.username == name
        client.logout()
        response = client.post(reverse("login"), {"username": name, "password": PERSONA_PASSWORD})
        assert response.status_code == 302, name
        assert client.session["_auth_user_id"] == str(user.pk)


def test_who_works_where(personas, persona_team, outsider_team):
    assert {u.username for u in personas.values() if is_team_member(u, persona_team)} == {
        "teamlead",
        "clinician",
        "peerworker",
    }
    assert {u.username for u in personas.values() if is_team_member(u, outsider_team)} == {"outsider"}
    assert outsider_team.division.steering_group.slug == "forensic-services"
    assert is_team_manager(personas["teamlead"], persona_team)


def test_trust_roles(personas):
    assert personas["admin"].is_superuser
    assert personas["serviceuser"].kind == "person"
    assert personas["carer"].kind == "supporter"
    assert is_workstream_lead(personas["wslead"])
    assert is_steering_group_member(personas["steering"])
    assert personas["college"].groups.filter(name="Recovery College team").exists()
    assert personas["evaluation"].groups.filter(name="Recovery Evaluation Team").exists()
    assert personas["trainer"].team_memberships.get().team.name == "Recovery College"
