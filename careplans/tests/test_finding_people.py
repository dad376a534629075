"""Finding a person on the caseload, and adding a person already known to another team's caseload."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("q", ["Daniel Hughes", "daniel hughes", "Dan Hughes", "Hughes Daniel", "  Hughes  "])
def test_the_caseload_finds_a_person_by_their_full_name(client, personas, serviceuser_record, q):
    client.force_login(personas["peerworker"])

    page = client.get(reverse("careplans:caseload"), {"q": q}).content.decode()

    assert "Dan Hughes" in page


def test_every_word_must_match_so_another_persons_first_name_does_not_find_him(
    client, personas, serviceuser_record
):
    client.force_login(personas["peerworker"])

    page = client.get(reverse("careplans:caseload"), {"q": "Kerry Hughes"}).content.decode()

    assert "Dan Hughes" not in page
