"""Another system reading the FHIR API over HTTP from a running server, as a third party would: a plain
HTTP client (httpx), a signed client assertion, every search and export page followed to its end."""

import json
import time
from datetime import date

import httpx
import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from evaluation.fhir.resources import NHS_NUMBER
from evaluation.fhir.search import PATIENT

from .factories import prom_return
from .fhir_clients import assertion, register, rsa_key

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def live_system(live_server, persona_team, serviceuser_record, measures_reference_data):
    key = rsa_key()
    register(client_id="live-epr", key=key, teams=[persona_team])
    for n in range(37):
        prom_return(
            person=serviceuser_record,
            team=persona_team,
            completed_on=date.fromordinal(date(2024, 1, 1).toordinal() + 7 * n),
        )
    http = httpx.Client(base_url=f"{live_server.url}/fhir", timeout=30)
    token = http.post(
        "/token",
        data={
            "grant_type": "client_credentials",
            "scope": "system/QuestionnaireResponse.rs system/Observation.rs",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": assertion("live-epr", key, aud=f"{live_server.url}/fhir/token"),
        },
    )
    assert token.status_code == 200, token.text
    http.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    http.headers["Accept"] = "application/fhir+json"
    yield http
    http.close()


def test_a_third_party_reads_every_page_of_a_persons_responses(live_system, serviceuser_record):
    url = f"/QuestionnaireResponse?{PATIENT[0]}={NHS_NUMBER}|{serviceuser_record.nhs_number}&_count=10"
    found, pages = [], 0
    while url:
        response = live_system.get(url)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/fhir+json")
        bundle = Bundle.model_validate(response.json())
        found.extend(
            QuestionnaireResponse.model_validate(entry.resource.model_dump()) for entry in bundle.entry or []
        )
        url = next((link.url for link in bundle.link if link.relation == "next"), None)
        pages += 1

    assert pages == 4
    assert len(found) == 37
    assert len({r.id for r in found}) == 37


def test_a_third_party_exports_and_fetches_every_file(live_system):
    kick_off = live_system.get("/$export", headers={"Prefer": "respond-async"})
    assert kick_off.status_code == 202, kick_off.text
    status_url = kick_off.headers["Content-Location"]
    for _ in range(50):
        status = live_system.get(status_url)
        if status.status_code == 200:
            break
        assert status.status_code == 202
        time.sleep(0.2)
    manifest = status.json()

    counts = {}
    for output in manifest["output"]:
        with live_system.stream("GET", output["url"]) as fetched:
            assert fetched.status_code == 200
            counts[output["type"]] = sum(1 for line in fetched.iter_lines() if json.loads(line))

    assert counts == {"QuestionnaireResponse": 37, "Observation": 37}
