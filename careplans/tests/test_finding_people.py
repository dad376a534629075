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


def _known(person, team, **overrides):
    born = person.date_of_birth
    data = {
        "nhs_number": person.nhs_number_display,
        "date_of_birth_day": str(born.day),
        "date_of_birth_month": str(born.month),
        "date_of_birth_year": str(born.year),
        "team": team.pk,
        "start_date_day": "1",
        "start_date_month": "4",
        "start_date_year": "2025",
    }
    return {**data, **overrides}


def _main(response) -> str:
    # The page without its per-request tokens, to compare two refusals word for word.
    import re

    text = response.content.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
    text = re.sub(r'nonce="[^"]*"', "", text)
    text = re.sub(r'value="[^"]*"', "", text)  # what was typed differs; the answer must not
    return text[text.index("<main") : text.index("</main>")]


def test_a_team_adds_a_person_known_to_another_team_by_nhs_number_and_date_of_birth(
    client, personas, persona_team, outsider_person
):
    from careplans.models import CaseloadEntry
    from recovery_portal.models import AuditAction, AuditEvent

    client.force_login(personas["clinician"])

    response = client.post(reverse("careplans:person-known"), _known(outsider_person, persona_team))

    assert response.status_code == 302
    assert response.url == reverse("careplans:person", args=[outsider_person.pk])
    assert CaseloadEntry.objects.filter(person=outsider_person, team=persona_team, end_date=None).exists()
    # The other team keeps them too: a second caseload, not a move.
    assert CaseloadEntry.objects.filter(person=outsider_person, end_date=None).count() == 2
    event = AuditEvent.objects.get(action=AuditAction.CREATE, actor=personas["clinician"])
    assert "Referral accepted" in event.reason
    assert client.get(reverse("careplans:person", args=[outsider_person.pk])).status_code == 200


def test_a_wrong_date_of_birth_and_an_unknown_number_get_the_same_answer(
    client, personas, persona_team, outsider_person
):
    from careplans.models import CaseloadEntry
    from recovery_portal.models import AuditEvent

    client.force_login(personas["clinician"])
    url = reverse("careplans:person-known")

    wrong_birthday = client.post(url, _known(outsider_person, persona_team, date_of_birth_year="1950"))
    unknown_number = client.post(url, _known(outsider_person, persona_team, nhs_number="401 023 2137"))

    assert wrong_birthday.status_code == unknown_number.status_code == 200
    assert (
        "We could not find a person with this NHS number and date of birth" in wrong_birthday.content.decode()
    )
    assert _main(wrong_birthday) == _main(unknown_number)
    assert "Kerry" not in wrong_birthday.content.decode()
    assert not CaseloadEntry.objects.filter(person=outsider_person, team=persona_team).exists()
    # Each attempt is on the audit trail, so fishing for people can be seen.
    assert AuditEvent.objects.filter(actor=personas["clinician"], reason__contains="no match").count() == 2


def test_registering_a_known_nhs_number_again_does_not_say_who_has_it(
    client, personas, persona_team, outsider_person
):
    client.force_login(personas["clinician"])

    page = client.post(
        reverse("careplans:person-new"),
        {
            "given_name": "Aisha",
            "family_name": "Khan",
            "date_of_birth_day": "4",
            "date_of_birth_month": "11",
            "date_of_birth_year": "1990",
            "nhs_number": outsider_person.nhs_number_display,
            "team": persona_team.pk,
            "start_date_day": "1",
            "start_date_month": "4",
            "start_date_year": "2025",
        },
    ).content.decode()

    assert "already recorded" not in page
    assert "add them with their NHS number and date of birth" in page
