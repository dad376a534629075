import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_workstream_lead_sees_their_workstream(client, wslead):
    html = _home(client, wslead)

    assert "Your workstreams" in html
    assert "Peer Support: transforming the workforce" in html
    assert "Professional lead" in html


def test_a_steering_group_member_sees_their_group_and_role(client, steering):
    html = _home(client, steering)

    assert "Your steering groups" in html
    assert "Trust Recovery Steering Group" in html
    assert "Trust-wide Recovery Lead" in html
    assert "Your workstreams" not in html


@pytest.mark.parametrize("persona", ["teamlead", "peerworker", "serviceuser", "carer", "outsider"])
def test_others_see_neither_panel(client, personas, persona):
    html = _home(client, personas[persona])

    assert "Your workstreams" not in html
    assert "Your steering groups" not in html


def test_the_header_links_to_workstreams_and_teams_for_staff_only(client, teamlead, serviceuser):
    client.force_login(teamlead)
    staff_links = [link["label"] for link in client.get(reverse("home")).context["primary_navigation"]]
    client.force_login(serviceuser)
    person_links = [link["label"] for link in client.get(reverse("home")).context["primary_navigation"]]

    assert staff_links[:2] == ["Workstreams", "Teams"]
    assert "Workstreams" not in person_links
    assert "Teams" not in person_links
