import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from recovery_portal.tests.factories import UserFactory
from teams.tests.factories import MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db


def _url(team) -> str:
    return reverse("teams:detail", args=[team.slug])


def test_members_are_grouped_by_role_in_the_trust_order(client, outsider, persona_team):
    MembershipFactory(team=persona_team, user=UserFactory(first_name="Aled", last_name="Jones"))
    client.force_login(outsider)

    response = client.get(_url(persona_team))

    assert response.status_code == 200
    roster = response.context["roster"]
    assert [group.heading for group in roster.groups] == ["Team manager", "Clinicians", "Peer support worker"]
    assert [m.user.username for m in roster.groups[0].memberships] == ["teamlead"]
    assert [m.user.last_name for m in roster.groups[1].memberships] == ["Iqbal", "Jones"]
    html = response.content.decode()
    assert html.index('id="role-team_manager"') < html.index('id="role-clinician"')
    assert html.index('id="role-clinician"') < html.index('id="role-peer_support_worker"')
    assert "Community Psychiatric Nurse" in html  # job titles are shown
    assert "Professional recovery champion" in html
    assert "Peer recovery champion" in html
    assert "Carer lead" in html


def test_champions_and_carer_lead_are_named_or_flagged(client, teamlead, persona_team, outsider_team):
    client.force_login(teamlead)

    html = client.get(_url(persona_team)).content.decode()
    summary = html.split("Recovery champions and carer lead")[1].split("Members (")[0]
    assert "Lucy Brennan" in summary
    assert "Joanne Clarke" in summary
    assert "Mohammed Iqbal" in summary
    assert "Not named" not in summary

    bare = TeamFactory()
    MembershipFactory(team=bare, manager=True)
    html = client.get(_url(bare)).content.decode()
    assert html.count("Not named") == 3


def test_past_members_are_listed_apart_in_a_details_component(client, teamlead, persona_team):
    left = timezone.localdate() - datetime.timedelta(days=30)
    MembershipFactory(
        team=persona_team,
        user=UserFactory(first_name="Zara", last_name="Leaver"),
        start_date=datetime.date(2020, 1, 6),
        end_date=left,
    )
    client.force_login(teamlead)

    response = client.get(_url(persona_team))

    roster = response.context["roster"]
    assert [m.user.last_name for m in roster.past] == ["Leaver"]
    assert "Leaver" not in [m.user.last_name for group in roster.groups for m in group.memberships]
    html = response.content.decode()
    details = re.search(r'<details class="nhsuk-details" id="past-members">.*?</details>', html, re.S).group(
        0
    )
    assert "Zara Leaver" in details
    assert "Past members (1)" in details
    assert html.count("Zara Leaver") == 1


def test_a_team_with_no_past_members_has_no_past_members_section(client, teamlead, persona_team):
    client.force_login(teamlead)

    assert "Past members" not in client.get(_url(persona_team)).content.decode()


def test_an_unknown_team_is_not_found(client, teamlead):
    client.force_login(teamlead)

    assert client.get(reverse("teams:detail", args=["no-such-team"])).status_code == 404


@pytest.mark.parametrize("persona", ["serviceuser", "carer"])
def test_people_who_are_not_staff_are_refused(client, personas, persona_team, persona):
    client.force_login(personas[persona])

    assert client.get(_url(persona_team)).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, persona_team):
    response = client.get(_url(persona_team))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_query_count_is_fixed_however_many_members(client, teamlead, persona_team, django_assert_num_queries):
    client.force_login(teamlead)
    # 1 session, 2 signed-in user, 3 the team with division and steering group (one join),
    # 4 every membership of the team with its person (one prefetch), 5 the team's Team Recovery Plans
    # with their counts, 6-8 savepoint, session save, release.
    with django_assert_num_queries(8):
        assert client.get(_url(persona_team)).status_code == 200

    for _ in range(20):
        MembershipFactory(team=persona_team)
    MembershipFactory.create_batch(5, team=persona_team, ended=True)
    MembershipFactory(team=persona_team, peer_champion=True, carer_lead=True)

    with django_assert_num_queries(8):
        response = client.get(_url(persona_team))
    assert response.context["roster"].member_count == 24
