import pytest
from django.urls import reverse

from recovery_portal.financial_year import FinancialYear
from teams.models import TriangleOfCareAssessment

pytestmark = pytest.mark.django_db

YEAR = FinancialYear.current().start_year


def _url(team):
    return reverse("teams:triangle-of-care", args=[team.slug, YEAR])


def _standards(version, **overrides):
    data = {"version": version}
    for number in range(1, 7):
        data |= {
            f"rating_{number}": "met",
            f"evidence_{number}": "Seen in the carers' survey",
            f"action_{number}": "",
        }
    return data | overrides


def test_a_member_rates_the_six_standards_and_needs_an_action_where_one_is_not_met(
    client, clinician, persona_team
):
    client.force_login(clinician)
    assert (
        "Standard 6: A range of carer support services is available"
        in client.get(_url(persona_team)).content.decode()
    )

    refused = client.post(_url(persona_team), _standards(1, rating_4="not_met"))
    assert refused.status_code == 200
    assert "Say what the team will do to meet this standard" in refused.content.decode()

    saved = client.post(
        _url(persona_team), _standards(1, rating_4="not_met", action_4="Name a carer lead per shift")
    )
    assert saved.status_code == 302
    assessment = TriangleOfCareAssessment.objects.get(team=persona_team, year=YEAR)
    assert assessment.standards.get(standard=4).action == "Name a carer lead per shift"
    assert assessment.standards.filter(rating="met").count() == 5


def test_an_outsider_reads_the_assessment_but_cannot_change_it(client, clinician, outsider, persona_team):
    client.force_login(clinician)
    client.post(_url(persona_team), _standards(1))
    client.force_login(outsider)

    response = client.get(_url(persona_team))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "Seen in the carers" in response.content.decode()
    assert (
        client.post(_url(persona_team), _standards(2, evidence_1="Changed by someone else")).status_code
        == 403
    )


def test_a_stale_assessment_save_is_refused_with_both_versions(client, clinician, peerworker, persona_team):
    client.force_login(clinician)
    client.post(_url(persona_team), _standards(1, evidence_2="Half the team trained"))
    client.force_login(peerworker)

    response = client.post(_url(persona_team), _standards(1, evidence_2="Everyone trained this spring"))

    html = response.content.decode()
    assert "Someone else changed this self-assessment since you opened it" in html
    assert "Half the team trained" in html and "Everyone trained this spring" in html
    assessment = TriangleOfCareAssessment.objects.get(team=persona_team, year=YEAR)
    assert assessment.standards.get(standard=2).evidence == "Half the team trained"


def test_an_invalid_post_writes_nothing(client, clinician, persona_team):
    client.force_login(clinician)

    form_error = client.post(_url(persona_team), {"version": "1", "rating_1": "not a rating"})
    service_refusal = client.post(_url(persona_team), _standards(1, rating_4="not_met"))

    assert form_error.status_code == service_refusal.status_code == 200
    assert not TriangleOfCareAssessment.objects.filter(team=persona_team).exists()


@pytest.mark.parametrize("year", [99999, 1999, YEAR + 2])
def test_no_form_for_an_absurd_year(client, clinician, persona_team, year):
    client.force_login(clinician)
    url = reverse("teams:triangle-of-care", args=[persona_team.slug, year])

    assert client.get(url).status_code == 404
    assert client.post(url, _standards(1)).status_code == 404
    assert not TriangleOfCareAssessment.objects.exists()
