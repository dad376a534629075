"""The invitation pages read a fixed number of queries however many supporters and invitations a person
has: the person's list of who can see their record, inviting a supporter or the person, and the page an
invitation's link opens."""

import pytest
from django.urls import reverse

from careplans import services as careplans_services
from careplans.tests.factories import CaseloadEntryFactory, ServiceUserFactory
from identity import invitations

pytestmark = pytest.mark.django_db


def _supporters(person, by, count: int) -> list:
    """``count`` supporters of ``person``, each with an invitation still open."""
    found = []
    for number in range(count):
        supporter = careplans_services.supporter_add(
            person=person, name=f"Supporter {number}", relationship="friend", by=by
        )
        invitations.supporter_invite(
            supporter=supporter, channel="email", address=f"supporter{number}@example.com", by=by
        )
        found.append(supporter)
    return found


@pytest.mark.parametrize(("page", "queries"), [("access", 11), ("supporter-invite", 10)])
def test_the_persons_invitation_pages_read_the_same_however_many_supporters(
    client, personas, serviceuser_record, django_assert_num_queries, page, queries
):
    dan = personas["serviceuser"]
    first = _supporters(serviceuser_record, dan, 1)[0]
    url = reverse(f"identity:{page}", args=[first.pk] if page != "access" else [])
    client.force_login(dan)

    client.get(url)  # fills the content-type cache, as any earlier page would

    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200

    _supporters(serviceuser_record, dan, 8)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_inviting_a_person_reads_the_same_however_many_invitations_they_had(
    client, personas, persona_team, django_assert_num_queries
):
    peerworker = personas["peerworker"]
    person = ServiceUserFactory(user=None, email="dan.hughes@example.com")
    CaseloadEntryFactory(person=person, team=persona_team, peer_support_worker=peerworker)
    url = reverse("identity:person-invite", args=[person.pk])
    client.force_login(peerworker)

    client.get(url)  # fills the content-type cache, as any earlier page would

    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200

    for number in range(5):
        invitations.person_invite(
            person=person, channel="email", address=f"dan{number}@example.com", by=peerworker
        )
    for number in range(5):
        careplans_services.supporter_add(
            person=person, name=f"Supporter {number}", relationship="friend", by=peerworker
        )
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200


def test_an_invitations_page_reads_the_same_however_many_invitations_there_are(
    client, personas, serviceuser_record, django_assert_num_queries
):
    dan = personas["serviceuser"]
    supporter = careplans_services.supporter_add(
        person=serviceuser_record, name="Margaret Hughes", relationship="carer", by=dan
    )
    _, token = invitations.supporter_invite(
        supporter=supporter, channel="email", address="margaret@example.com", by=dan
    )
    url = reverse("identity:invitation", args=[token])

    client.get(url)  # fills the content-type cache, as any earlier page would

    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200

    _supporters(serviceuser_record, dan, 8)
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200
