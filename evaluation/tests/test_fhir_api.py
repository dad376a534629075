"""The FHIR read API as another system uses it: a signed client assertion for a token, then searches
followed page by page to the end, each response audited as a read of every person in it."""

from datetime import date

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.operationoutcome import OperationOutcome

from evaluation.fhir.resources import NHS_NUMBER
from recovery_portal.audit import subject_key
from recovery_portal.models import AuditAction, AuditEvent

from .factories import prom_return
from .fhir_clients import assertion, bearer, ec_key, register, rsa_key, token_request

pytestmark = pytest.mark.django_db


def fhir_get(http, url, headers, status=200):
    response = http.get(url, **headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/fhir+json")
    return response.json()


def outcome_of(response, status):
    assert response.status_code == status, response.content
    body = response.json()
    OperationOutcome.model_validate(body)
    return body


def test_the_capability_statement_is_public_and_valid(client):
    body = fhir_get(client, "/fhir/metadata", {})

    statement = CapabilityStatement.model_validate(body)
    assert statement.fhirVersion == "4.0.1"
    assert {r.type for r in statement.rest[0].resource} == {
        "Questionnaire",
        "QuestionnaireResponse",
        "Observation",
    }


# The token endpoint: real assertions, refused for every reason the standard gives.


@pytest.mark.parametrize("make_key", [rsa_key, ec_key], ids=["RS384", "ES384"])
def test_a_signed_assertion_gets_a_short_lived_token_with_the_scopes_allowed(
    client, persona_team, make_key, measures_reference_data
):
    key = make_key()
    system = register(client_id="epr", key=key, teams=[persona_team], scopes=["system/Observation.rs"])

    response = token_request(
        client, assertion("epr", key), "system/Observation.rs system/QuestionnaireResponse.c"
    )

    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["scope"] == "system/Observation.rs"  # only what the client was registered for
    assert 0 < body["expires_in"] <= 300
    headers = {"HTTP_AUTHORIZATION": f"Bearer {body['access_token']}"}
    assert client.get("/fhir/Observation", **headers).status_code == 200
    assert (
        outcome_of(client.get("/fhir/QuestionnaireResponse", **headers), 403)["issue"][0]["code"]
        == "forbidden"
    )
    assert system.is_active


def test_a_replayed_assertion_is_refused(client, team_system, warehouse_key):
    signed = assertion(team_system.client_id, warehouse_key, jti="once-only")
    assert token_request(client, signed).status_code == 200

    again = token_request(client, signed)

    assert again.status_code == 401
    assert again.json()["error"] == "invalid_client"
    assert "used before" in again.json()["error_description"]
    refused = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert "used before" in refused.reason
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN, actor=team_system.user).count() == 1


@pytest.mark.parametrize(
    "change, says",
    [
        ({"expires_in": -120}, "expired"),
        ({"expires_in": 3600}, "five minutes"),
        ({"aud": "https://elsewhere.example/token"}, "audience"),
        ({"sub": "someone-else"}, "sub"),
        ({"kid": "unknown-key"}, "kid"),
    ],
    ids=["expired", "too-long", "wrong-audience", "wrong-sub", "unknown-kid"],
)
def test_a_bad_assertion_is_refused(client, team_system, warehouse_key, change, says):
    response = token_request(client, assertion(team_system.client_id, warehouse_key, **change))

    assert response.status_code == 401
    assert says in response.json()["error_description"].lower()


def test_an_assertion_signed_by_another_key_is_refused(client, team_system):
    response = token_request(client, assertion(team_system.client_id, rsa_key()))

    assert response.status_code == 401
    assert "signature" in response.json()["error_description"]


def test_no_token_or_a_made_up_token_gets_401_and_never_a_sign_in_page(client, swemwbs_return):
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer made-up"}):
        body = outcome_of(client.get("/fhir/QuestionnaireResponse", **headers), 401)
        assert body["issue"][0]["code"] == "login"


def test_an_expired_token_is_refused(client, team_system, warehouse_key, time_machine):
    time_machine.move_to("2026-12-01 09:00 +0000")
    headers = bearer(client, team_system, warehouse_key)
    time_machine.move_to("2026-12-01 09:06 +0000")

    outcome_of(client.get("/fhir/QuestionnaireResponse", **headers), 401)


# Reading.


@pytest.fixture
def many_returns(serviceuser_record, persona_team):
    """Fifty-five SWEMWBS returns of Daniel Hughes, a week apart."""
    return [
        prom_return(
            person=serviceuser_record,
            team=persona_team,
            completed_on=date(2024, 1, 1).fromordinal(date(2024, 1, 1).toordinal() + 7 * n),
            answers=[2 + n % 3] * 7,
        )
        for n in range(55)
    ]


def follow(http, url, headers) -> list[dict]:
    """Every resource of a search, following each next link to the end."""
    found, pages = [], 0
    while url:
        body = fhir_get(http, url, headers)
        Bundle.model_validate(body)
        found.extend(entry["resource"] for entry in body.get("entry", []))
        url = next((link["url"] for link in body["link"] if link["relation"] == "next"), None)
        pages += 1
        assert pages < 100
    return found


def test_a_search_by_nhs_number_is_read_to_its_end_page_by_page(
    client, team_headers, many_returns, serviceuser_record, other_team_person
):
    number = serviceuser_record.nhs_number

    responses = follow(
        client,
        f"/fhir/QuestionnaireResponse?patient:identifier={NHS_NUMBER}|{number}&_count=10",
        team_headers,
    )

    assert sorted(int(r["id"]) for r in responses) == sorted(r.pk for r in many_returns)
    assert {r["subject"]["identifier"]["value"] for r in responses} == {number}
    reads = AuditEvent.objects.filter(
        actor__username="system-broxtowe-epr", reason="FHIR search QuestionnaireResponse"
    )
    assert reads.count() == 6  # one per page
    assert all(
        event.subjects == [subject_key("careplans.serviceuser", serviceuser_record.pk)] for event in reads
    )


def test_a_search_sees_only_the_clients_teams(client, team_headers, many_returns, other_team_person):
    responses = follow(client, "/fhir/QuestionnaireResponse?_count=100", team_headers)

    assert other_team_person.nhs_number not in {r["subject"]["identifier"]["value"] for r in responses}
    assert len(responses) == 55


def test_a_trust_wide_client_sees_every_team(
    client, many_returns, other_team_person, measures_reference_data
):
    key = rsa_key()
    system = register(client_id="warehouse", key=key, trust_wide=True)

    responses = follow(client, "/fhir/QuestionnaireResponse?_count=100", bearer(client, system, key))

    assert len(responses) == 56


def test_observations_by_date_range_carry_scores_and_interpretation(client, team_headers, many_returns):
    observations = follow(
        client,
        "/fhir/Observation?date=ge2024-03-01&date=le2024-03-31&code=http://snomed.info/sct|718466001",
        team_headers,
    )

    assert {o["effectiveDateTime"][:7] for o in observations} == {"2024-03"}
    assert len(observations) == 4  # the Mondays of March 2024
    assert all(o["code"]["coding"][0]["code"] == "718466001" for o in observations)
    assert all(
        any(i["coding"][0]["code"] in ("B", "W", "no-reliable-change") for i in o["interpretation"])
        for o in observations
    )


def test_a_read_out_of_scope_is_the_same_404_as_no_such_resource(
    client, team_headers, other_team_person, swemwbs_return
):
    theirs = other_team_person.prom_returns.get()

    hidden = outcome_of(client.get(f"/fhir/QuestionnaireResponse/{theirs.pk}", **team_headers), 404)
    missing = outcome_of(client.get("/fhir/QuestionnaireResponse/999999", **team_headers), 404)

    assert hidden["issue"][0]["diagnostics"].replace(str(theirs.pk), "N") == missing["issue"][0][
        "diagnostics"
    ].replace("999999", "N")
    ours = fhir_get(client, f"/fhir/QuestionnaireResponse/{swemwbs_return.pk}", team_headers)
    assert ours["subject"]["identifier"]["value"] == swemwbs_return.person.nhs_number
    assert (
        fhir_get(client, f"/fhir/Observation/{swemwbs_return.pk}-total", team_headers)["valueQuantity"][
            "value"
        ]
        == swemwbs_return.total
    )
    refused = AuditEvent.objects.filter(reason__startswith="FHIR refused (404)")
    assert refused.count() == 2


@pytest.mark.parametrize(
    "query, expression",
    [
        ("_count=100000", "_count"),
        ("_count=0", "_count"),
        ("patient=123", "patient"),
        ("patient:identifier=1234567890", "patient:identifier"),
        ("authored=yesterday", "authored"),
    ],
)
def test_a_bad_search_is_a_400_naming_the_parameter(client, team_headers, swemwbs_return, query, expression):
    body = outcome_of(client.get(f"/fhir/QuestionnaireResponse?{query}", **team_headers), 400)

    assert body["issue"][0]["expression"] == [expression]


def test_questionnaires_are_read_by_id_and_searched_by_url(client, team_headers):
    bundle = fhir_get(client, "/fhir/Questionnaire", team_headers)
    assert len(bundle["entry"]) == 5
    swemwbs = fhir_get(client, "/fhir/Questionnaire/swemwbs", team_headers)
    found = fhir_get(client, f"/fhir/Questionnaire?url={swemwbs['url']}", team_headers)
    assert [e["resource"]["id"] for e in found["entry"]] == ["swemwbs"]
    outcome_of(client.get("/fhir/Questionnaire/phq9", **team_headers), 404)


def test_an_inactive_client_is_refused_at_once(client, team_system, team_headers):
    team_system.is_active = False
    team_system.save()

    outcome_of(client.get("/fhir/QuestionnaireResponse", **team_headers), 401)


# A search page: the token with its client (one), the page of returns with each person's NHS number,
# team and who entered it (one), the instruments (one), and the audit row (one); Observations add the
# thresholds and each person's first scores (two).
SEARCH_QUERIES = {"QuestionnaireResponse": 4, "Observation": 6}


def _returns_of_three_measures(person, team, how_many: int) -> None:
    for n in range(how_many):
        day = date(2024, 1, 1).fromordinal(date(2024, 1, 1).toordinal() + 7 * n)
        prom_return(person=person, team=team, completed_on=day, answers=[2 + n % 3] * 7)
        prom_return(person=person, team=team, completed_on=day, code="REQOL10", answers=[n % 5] * 10 + [1])
        prom_return(
            person=person, team=team, completed_on=day, code="DIALOG", answers=[n % 7 + 1] * 11,
            additional_help=[n % 2 == 0] + [None] * 10,
        )  # fmt: skip


@pytest.mark.parametrize("resource_type", ["QuestionnaireResponse", "Observation"])
@pytest.mark.parametrize("how_many", [2, 30])
def test_a_search_page_costs_the_same_queries_whatever_the_number_of_returns(
    client, team_headers, serviceuser_record, persona_team, django_assert_num_queries, resource_type, how_many
):
    _returns_of_three_measures(serviceuser_record, persona_team, how_many)
    url = f"/fhir/{resource_type}?_count=50"

    pages = 0
    while url:
        with django_assert_num_queries(SEARCH_QUERIES[resource_type]):
            body = fhir_get(client, url, team_headers)
        url = next((link["url"] for link in body["link"] if link["relation"] == "next"), None)
        pages += 1

    assert pages == (1 if how_many == 2 else 2)
