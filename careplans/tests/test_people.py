"""Adding people to caseloads and supporters: clear messages for bad input, nothing saved half-way."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ..models import CaseloadEntry, ServiceUser, Supporter

pytestmark = pytest.mark.django_db


def _form(persona_team, **overrides):
    data = {
        "given_name": "Aisha",
        "family_name": "Khan",
        "date_of_birth_day": "4",
        "date_of_birth_month": "11",
        "date_of_birth_year": "1990",
        "nhs_number": "943 476 5919",
        "team": persona_team.pk,
        "start_date_day": "1",
        "start_date_month": "4",
        "start_date_year": "2025",
    }
    return {**data, **overrides}


def test_a_clinician_adds_a_person_to_their_teams_caseload(client, personas, persona_team):
    client.force_login(personas["clinician"])

    response = client.post(
        reverse("careplans:person-new"), _form(persona_team, care_coordinator=personas["clinician"].pk)
    )

    person = ServiceUser.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "careplans:person", kwargs={"pk": person.pk}
    )
    assert person.nhs_number == "9434765919" and person.nhs_number_display == "943 476 5919"
    entry = CaseloadEntry.objects.get()
    assert (entry.team, entry.care_coordinator) == (persona_team, personas["clinician"])


@pytest.mark.parametrize(
    ("nhs_number", "message"),
    [
        ("943 476 591", "NHS number must be 10 digits"),
        ("943 476 5918", "This is not a valid NHS number"),
        ("abcdefghij", "NHS number must be 10 digits"),
    ],
)
def test_invalid_nhs_numbers_are_explained_and_nothing_is_saved(
    client, personas, persona_team, nhs_number, message
):
    client.force_login(personas["clinician"])

    response = client.post(reverse("careplans:person-new"), _form(persona_team, nhs_number=nhs_number))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "<title>Error:" in response.content.decode()
    assert not ServiceUser.objects.exists() and not CaseloadEntry.objects.exists()


def test_a_date_of_birth_in_the_future_is_refused(client, personas, persona_team):
    tomorrow = timezone.localdate() + timedelta(days=1)
    client.force_login(personas["clinician"])

    response = client.post(
        reverse("careplans:person-new"),
        _form(
            persona_team,
            date_of_birth_day=str(tomorrow.day),
            date_of_birth_month=str(tomorrow.month),
            date_of_birth_year=str(tomorrow.year),
        ),
    )

    assert "Date of birth must be today or in the past" in response.content.decode()
    assert not ServiceUser.objects.exists()


def test_the_same_nhs_number_is_not_recorded_twice(client, personas, persona_team, serviceuser_record):
    client.force_login(personas["clinician"])

    response = client.post(
        reverse("careplans:person-new"), _form(persona_team, nhs_number=serviceuser_record.nhs_number)
    )

    assert "cannot be used for a new record" in response.content.decode()
    assert ServiceUser.objects.count() == 1


def test_a_person_can_only_be_put_on_the_users_own_teams(client, personas, outsider_team):
    client.force_login(personas["clinician"])

    response = client.post(reverse("careplans:person-new"), _form(outsider_team))

    assert response.status_code == 200
    assert not ServiceUser.objects.exists()


def test_people_who_use_services_cannot_add_people(client, personas):
    client.force_login(personas["serviceuser"])

    assert client.get(reverse("careplans:person-new")).status_code == 403


def test_the_person_adds_a_supporter_who_sees_nothing_until_shared(client, personas, serviceuser_record):
    client.force_login(personas["serviceuser"])

    response = client.post(
        reverse("careplans:supporter-new", kwargs={"pk": serviceuser_record.pk}),
        {"name": "Sam Okafor", "relationship": "friend"},
    )

    supporter = Supporter.objects.get()
    assert response.url == reverse("careplans:supporter-sharing", kwargs={"pk": supporter.pk})
    assert not supporter.consents.exists()


def test_the_caseload_is_searchable_by_name_and_nhs_number(client, personas, serviceuser_record):
    client.force_login(personas["peerworker"])
    url = reverse("careplans:caseload")

    assert "Dan Hughes" in client.get(url, {"q": "hugh"}).content.decode()
    assert "Dan Hughes" in client.get(url, {"q": serviceuser_record.nhs_number_display}).content.decode()
    assert "Dan Hughes" not in client.get(url, {"q": "Nobody"}).content.decode()


def test_the_caseload_filters_by_what_people_need(client, personas, serviceuser_record, safety_plan):
    client.force_login(personas["peerworker"])
    url = reverse("careplans:caseload")

    assert "Dan Hughes" in client.get(url, {"need": "no_plan"}).content.decode()
    assert "Dan Hughes" in client.get(url, {"need": "draft"}).content.decode()
    assert "Dan Hughes" not in client.get(url, {"need": "review_overdue"}).content.decode()


def test_the_caseload_shows_each_plans_status(client, personas, safety_plan):
    safety_plan.status = "agreed"
    safety_plan.review_date = timezone.localdate() - timedelta(days=3)
    safety_plan.save()
    client.force_login(personas["clinician"])

    page = client.get(reverse("careplans:caseload"), {"need": "review_overdue"}).content.decode()

    assert "Dan Hughes" in page and "Review overdue" in page and "None" in page
