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


def test_next_year_has_no_form_yet(client, clinician, persona_team):
    client.force_login(clinician)
    url = reverse("teams:triangle-of-care", args=[persona_team.slug, YEAR + 1])

    assert client.get(url).status_code == 404
    assert client.post(url, _standards(1)).status_code == 404


def test_a_past_year_is_read_as_the_team_left_it(client, clinician, persona_team):
    last_year = _assess(persona_team, YEAR - 1, clinician, {4: ("not_met", "", "Name a carer lead")})
    client.force_login(clinician)
    url = reverse("teams:triangle-of-care", args=[persona_team.slug, YEAR - 1])

    page = client.get(url)
    assert page.status_code == 200 and page.context["form"] is None
    assert "Name a carer lead" in page.content.decode()
    assert client.post(url, _standards(1, rating_4="met")).status_code == 403
    assert last_year.standards.get(standard=4).rating == "not_met"


def test_this_year_is_shown_beside_last_year(client, clinician, persona_team):
    _assess(persona_team, YEAR - 1, clinician, {4: ("not_met", "", "Name a carer lead")})
    _assess(persona_team, YEAR, clinician, {4: ("met", "A carer lead on every shift", "")})
    client.force_login(clinician)

    page = client.get(_url(persona_team))

    rows = {row.number: (row.last_year, row.this_year) for row in page.context["comparison"]}
    assert rows[4] == ("Not met", "Met")
    html = page.content.decode()
    assert f"{FinancialYear(YEAR)} beside {FinancialYear(YEAR - 1)}" in html


def test_no_comparison_without_last_years_assessment(client, clinician, persona_team):
    client.force_login(clinician)

    assert client.get(_url(persona_team)).context["comparison"] == []


def test_the_trust_summary_counts_teams_by_standard_and_rating(
    client, personas, clinician, persona_team, outsider_team
):
    _assess(persona_team, YEAR, clinician, {4: ("not_met", "", "Name a carer lead")})
    _assess(outsider_team, YEAR, clinician, {4: ("partly_met", "", "Train the night staff")})
    url = reverse("teams:triangle-of-care-trust", args=[YEAR])

    client.force_login(personas["evaluation"])
    summary = client.get(url).context["summary"]
    standard_4 = summary.standards[3]
    assert (standard_4.met, standard_4.partly_met, standard_4.not_met) == (0, 1, 1)
    assert summary.standards[0].met == 2
    assert summary.assessed_teams == 2

    client.force_login(clinician)
    assert client.get(url).status_code == 403
    assert (
        reverse("teams:triangle-of-care-trust", args=[YEAR])
        not in client.get(_url(persona_team)).content.decode()
    )


def test_no_trust_summary_for_a_year_not_begun(client, personas):
    client.force_login(personas["evaluation"])

    assert client.get(reverse("teams:triangle-of-care-trust", args=[YEAR + 1])).status_code == 404


def _assess(team, year, by, overrides):
    from teams import services

    assessment = services.triangle_of_care_start(team=team, year=year, by=by)
    standards = dict.fromkeys(range(1, 7), ("met", "", "")) | overrides
    return services.triangle_of_care_update(
        assessment=assessment, standards=standards, expected_version=assessment.version, by=by
    )
