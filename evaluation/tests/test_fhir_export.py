"""Bulk export ($export) as a warehouse uses it: kick-off, status polled until done, the manifest's
NDJSON files fetched with the same client's token, each line a valid resource; files expire."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from evaluation.fhir.export import exports_expire
from evaluation.models import FhirExport
from recovery_portal.models import AuditAction, AuditEvent

from .factories import prom_return
from .fhir_clients import bearer, register, rsa_key

pytestmark = pytest.mark.django_db
ASYNC = {"HTTP_PREFER": "respond-async"}


@pytest.fixture
def year_of_returns(serviceuser_record, persona_team):
    return [
        prom_return(
            person=serviceuser_record,
            team=persona_team,
            completed_on=date(2025, month, 3),
            answers=[2 + month % 3] * 7,
        )
        for month in range(1, 13)
    ]


def kick_off(http, headers, query="", capture=None):
    with capture(execute=True):
        response = http.get(f"/fhir/$export{query}", **headers, **ASYNC)
    assert response.status_code == 202, response.content
    return response["Content-Location"]


def test_an_export_runs_as_a_job_and_its_files_are_fetched_with_the_same_clients_token(
    client, team_headers, year_of_returns, other_team_person, django_capture_on_commit_callbacks, team_system
):
    status_url = kick_off(
        client,
        team_headers,
        "?_typeFilter=QuestionnaireResponse%3Fauthored%3Dge2025-04-01%26authored%3Dle2025-09-30",
        django_capture_on_commit_callbacks,
    )

    status = client.get(status_url, **team_headers)
    assert status.status_code == 200, status.content
    manifest = status.json()
    assert manifest["requiresAccessToken"] is True
    assert {o["type"]: o["count"] for o in manifest["output"]} == {
        "QuestionnaireResponse": 6,
        "Observation": 6,
    }
    lines = {}
    for output in manifest["output"]:
        fetched = client.get(output["url"], **team_headers)
        assert fetched.status_code == 200
        assert fetched["Content-Type"] == "application/fhir+ndjson"
        lines[output["type"]] = [
            json.loads(line) for line in b"".join(fetched.streaming_content).splitlines()
        ]
    for resource in lines["QuestionnaireResponse"]:
        QuestionnaireResponse.model_validate(resource)
    for resource in lines["Observation"]:
        Observation.model_validate(resource)
    assert sorted(r["authored"] for r in lines["QuestionnaireResponse"]) == [
        f"2025-{m:02d}-03" for m in range(4, 10)
    ]
    assert other_team_person.nhs_number not in json.dumps(lines)
    downloads = AuditEvent.objects.filter(
        action=AuditAction.EXPORT, actor=team_system.user, reason__contains="file"
    )
    assert downloads.count() == 2
    assert all(
        event.subjects == [f"careplans.serviceuser:{year_of_returns[0].person_id}"] for event in downloads
    )


def test_progress_is_reported_while_the_job_has_not_finished(
    client, team_headers, year_of_returns, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        response = client.get("/fhir/$export", **team_headers, **ASYNC)

    status = client.get(response["Content-Location"], **team_headers)

    assert status.status_code == 202
    assert status["X-Progress"] == "0 of 0 returns"


def test_another_client_cannot_see_or_fetch_the_export(
    client,
    team_headers,
    year_of_returns,
    persona_team,
    django_capture_on_commit_callbacks,
    measures_reference_data,
):
    status_url = kick_off(client, team_headers, "", django_capture_on_commit_callbacks)
    manifest = client.get(status_url, **team_headers).json()
    key = rsa_key()
    other = bearer(client, register(client_id="another", key=key, teams=[persona_team]), key)

    assert client.get(status_url, **other).status_code == 404
    assert client.get(manifest["output"][0]["url"], **other).status_code == 404
    assert client.get(manifest["output"][0]["url"]).status_code == 401


def test_files_expire(client, team_headers, year_of_returns, django_capture_on_commit_callbacks):
    status_url = kick_off(client, team_headers, "", django_capture_on_commit_callbacks)
    url = client.get(status_url, **team_headers).json()["output"][0]["url"]

    assert exports_expire(now=timezone.now() + timedelta(hours=25)) == 1

    assert client.get(url, **team_headers).status_code == 404
    assert client.get(status_url, **team_headers).status_code == 404
    assert FhirExport.objects.get().output == []


@pytest.mark.parametrize(
    "query, headers, expression",
    [
        ("", {}, "Prefer"),
        ("?_type=Patient", ASYNC, "_type"),
        ("?_outputFormat=text/csv", ASYNC, "_outputFormat"),
        ("?_since=yesterday", ASYNC, "_since"),
        ("?_elements=id", ASYNC, "_elements"),
    ],
)
def test_a_bad_kick_off_is_refused_and_starts_nothing(client, team_headers, query, headers, expression):
    response = client.get(f"/fhir/$export{query}", **team_headers, **headers)

    assert response.status_code == 400
    assert response.json()["issue"][0]["expression"] == [expression]
    assert not FhirExport.objects.exists()


def test_a_cancelled_export_keeps_no_files(
    client, team_headers, year_of_returns, django_capture_on_commit_callbacks
):
    status_url = kick_off(client, team_headers, "", django_capture_on_commit_callbacks)

    assert client.delete(status_url, **team_headers).status_code == 202

    assert client.get(status_url, **team_headers).status_code == 404
    assert FhirExport.objects.get().output == []
