import re

import pytest
from django.urls import reverse

from recovery_portal.tests.factories import UserFactory
from workstreams import services
from workstreams.models import Workstream
from workstreams.reference import WorkstreamSlug
from workstreams.tests.factories import ImrocChallengeFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db

URL = reverse("workstreams:list")


def _card(html: str, slug: str) -> str:
    match = re.search(rf'id="workstream-{slug}".*?(?=id="workstream-|</main>)', html, re.S)
    assert match, slug
    return match.group(0)


def test_staff_see_the_workstreams_under_their_domains_with_leads_and_challenges(client, teamlead, wslead):
    client.force_login(teamlead)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="nhsuk-card"') == 7
    assert html.count("Changing the conversation between") == 3
    card = _card(html, WorkstreamSlug.PEER_SUPPORT)
    assert "Gemma Riley" in card
    assert "Consultant Nurse, Peer Support Development" in card
    assert "Transforming the workforce" in card
    assert "Redefining service user involvement" in card
    assert "Peer lead not named" not in card


def test_a_workstream_without_a_peer_lead_is_flagged(client, steering):
    risk = Workstream.objects.get(slug=WorkstreamSlug.RISK)
    risk.professional_lead = UserFactory(first_name="Martin", last_name="Keane")
    risk.save()
    client.force_login(steering)

    html = client.get(URL).content.decode()

    card = _card(html, WorkstreamSlug.RISK)
    assert "Martin Keane" in card
    assert "Peer lead not named" in card
    assert "Professional lead not named" not in card
    # Peer Support has both leads; the other five have neither.
    assert html.count("Peer lead not named") == 6


@pytest.mark.parametrize("persona", ["serviceuser", "carer"])
def test_people_who_are_not_staff_are_refused(client, personas, persona):
    client.force_login(personas[persona])

    assert client.get(URL).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_query_count_is_fixed_however_many_workstreams_leads_and_challenges(
    client, teamlead, admin, django_assert_num_queries
):
    client.force_login(teamlead)
    # 1 session, 2 signed-in user, 3 workstreams with domain and both leads (one join),
    # 4 challenges of all workstreams (one prefetch), 5-7 savepoint, session save, release.
    with django_assert_num_queries(7):
        assert client.get(URL).status_code == 200

    for workstream in Workstream.objects.all():
        services.workstream_set_leads(
            workstream=workstream, professional_lead=UserFactory(), peer_lead=UserFactory(), by=admin
        )
    for _ in range(5):
        WorkstreamFactory(challenges=[ImrocChallengeFactory(), ImrocChallengeFactory()])

    with django_assert_num_queries(7):
        response = client.get(URL)
    assert response.content.decode().count('class="nhsuk-card"') == 12
