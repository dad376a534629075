import pytest
from django.urls import reverse
from django.utils import timezone

from teams import services

pytestmark = pytest.mark.django_db


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_team_members_see_their_team_role_and_recovery_roles(client, peerworker, persona_team):
    html = _home(client, peerworker)

    assert "Your teams" in html
    assert reverse("teams:detail", args=[persona_team.slug]) in html
    assert "Peer support worker" in html
    assert "Peer recovery champion" in html


def test_the_team_manager_sees_their_role(client, teamlead):
    html = _home(client, teamlead)

    assert "Your teams" in html
    assert "Team manager" in html
    assert "Professional recovery champion" in html


def test_the_peer_trainer_sees_the_recovery_college_team(client, trainer):
    html = _home(client, trainer)

    assert "Your teams" in html
    assert "Recovery College" in html


@pytest.mark.parametrize("persona", ["serviceuser", "carer", "wslead", "steering", "evaluation"])
def test_people_without_a_team_see_no_teams_panel(client, personas, persona):
    assert "Your teams" not in _home(client, personas[persona])


def test_a_past_member_no_longer_sees_the_team(client, admin, outsider):
    membership = outsider.team_memberships.get()
    services.membership_end(membership=membership, end_date=membership.start_date, by=admin)
    assert membership.end_date < timezone.localdate()

    assert "Your teams" not in _home(client, outsider)
