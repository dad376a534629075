"""QuestionnaireResponses sent in by a system: scored and checked by exactly the rules of a file import,
all or nothing, written once however often they are sent, with each problem named by its item."""

from datetime import date

import pytest
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from careplans.tests.factories import CaseloadEntryFactory
from evaluation.fhir.resources import NHS_NUMBER
from evaluation.imports.follow_up import TITLE
from evaluation.models import Completion, PromReturn
from identity.models import IdentityLink, ProviderKind
from recovery_portal.models import AuditAction, AuditEvent, FollowUpTask

from .fhir_clients import bearer, register, rsa_key

pytestmark = pytest.mark.django_db
BASE = "http://testserver/fhir"


def response(
    person, *, code="swemwbs", version="7-item, 2008", answers=(3,) * 7, identifier="epr-1", **overrides
):
    resource = {
        "resourceType": "QuestionnaireResponse",
        "identifier": {"system": "https://epr.example.nhs.uk/assessments", "value": identifier},
        "questionnaire": f"{BASE}/Questionnaire/{code}|{version}",
        "status": "completed",
        "subject": {"identifier": {"system": NHS_NUMBER, "value": person.nhs_number}},
        "authored": "2025-06-02T10:30:00+01:00",
        "extension": [
            {"url": f"{BASE}/StructureDefinition/timepoint", "valueCode": "baseline"},
            {"url": f"{BASE}/StructureDefinition/context", "valueCode": "peer_worker"},
        ],
        "item": [
            {
                "linkId": str(n),
                "answer": [{"valueCoding": {"system": f"{BASE}/CodeSystem/{code}-answers", "code": str(v)}}],
            }
            for n, v in enumerate(answers, start=1)
            if v is not None
        ],
    }
    resource.update(overrides)
    return resource


def transaction(*resources):
    return {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {"resource": r, "request": {"method": "POST", "url": "QuestionnaireResponse"}} for r in resources
        ],
    }


def post(http, headers, body, url="/fhir/QuestionnaireResponse"):
    return http.post(url, body, content_type="application/fhir+json", **headers)


def test_a_response_is_written_scored_and_answered_with_its_location(
    client, team_headers, serviceuser_record, team_system
):
    sent = post(client, team_headers, response(serviceuser_record))

    assert sent.status_code == 201, sent.content
    written = PromReturn.objects.get()
    assert sent["Location"] == f"QuestionnaireResponse/{written.pk}"
    assert (written.person, written.completed_on, written.total) == (
        serviceuser_record,
        date(2025, 6, 2),
        19.25,
    )
    assert written.completion == Completion.IMPORTED and written.entered_by == team_system.user
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE,
        actor=team_system.user,
        subjects__contains=[f"careplans.serviceuser:{serviceuser_record.pk}"],
    ).exists()


def test_the_same_identifier_sent_again_writes_nothing_and_answers_the_same_return(
    client, team_headers, serviceuser_record
):
    first = post(client, team_headers, response(serviceuser_record))
    again = post(client, team_headers, response(serviceuser_record))

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert PromReturn.objects.count() == 1


def test_a_transaction_is_written_whole(client, team_headers, serviceuser_record):
    bundle = transaction(
        response(serviceuser_record, identifier="a"),
        response(
            serviceuser_record,
            identifier="b",
            code="reqol10",
            version="ReQoL-10 version 1",
            answers=(2,) * 10 + (None,),
        ),
    )

    sent = post(client, team_headers, bundle, url="/fhir/")

    assert sent.status_code == 200, sent.content
    assert sent.json()["type"] == "transaction-response"
    assert [e["response"]["status"] for e in sent.json()["entry"]] == ["201 Created", "201 Created"]
    assert PromReturn.objects.count() == 2


def test_a_transaction_with_one_bad_answer_writes_nothing_and_names_the_item(
    client, team_headers, serviceuser_record
):
    bundle = transaction(
        response(serviceuser_record, identifier="a"),
        response(serviceuser_record, identifier="b", answers=(3, 3, 9, 3, 3, 3, 3), authored="2025-06-09"),
    )

    sent = post(client, team_headers, bundle, url="/fhir/")

    assert sent.status_code == 422, sent.content
    issues = sent.json()["issue"]
    assert [i["expression"] for i in issues] == [["Bundle.entry[1].resource.item.where(linkId='3')"]]
    assert "9 is not an answer to SWEMWBS question 3" in issues[0]["diagnostics"]
    assert PromReturn.objects.count() == 0


def expression_of(sent, status):
    assert sent.status_code == status, sent.content
    assert sent["Content-Type"].startswith("application/fhir+json")
    return [e for i in sent.json()["issue"] for e in i.get("expression", [])]


def test_bad_input_gets_the_right_status_names_where_and_writes_nothing(
    client, team_headers, serviceuser_record, other_team_person
):
    def sent(body, url="/fhir/QuestionnaireResponse"):
        return post(client, team_headers, body, url)

    assert expression_of(sent({"resourceType": "Patient"}), 400) == ["resourceType"]
    assert expression_of(sent(response(serviceuser_record, code="phq9")), 400) == [
        "QuestionnaireResponse.questionnaire"
    ]
    assert expression_of(sent(response(serviceuser_record, version="2099")), 400) == [
        "QuestionnaireResponse.questionnaire"
    ]
    assert expression_of(sent(response(serviceuser_record, answers=(3, 3, 3, 3, 3, 3, None))), 422) == [
        "QuestionnaireResponse.item.where(linkId='7')"
    ]
    assert expression_of(sent(response(serviceuser_record, answers=(3, 3, 3, 3, 3, 3, 6))), 422) == [
        "QuestionnaireResponse.item.where(linkId='7')"
    ]
    assert expression_of(sent(response(other_team_person)), 422) == [
        "QuestionnaireResponse.subject.identifier"
    ]
    twice = transaction(
        response(serviceuser_record, identifier="x"),
        response(serviceuser_record, identifier="x", authored="2025-06-03"),
    )
    assert expression_of(sent(twice, "/fhir/"), 400) == ["Bundle.entry[1].resource.identifier"]
    assert expression_of(sent(response(serviceuser_record, identifier=None) | {"identifier": None}), 400) == [
        "QuestionnaireResponse.identifier"
    ]
    assert PromReturn.objects.exclude(person=other_team_person).count() == 0  # theirs is the fixture's own
    assert AuditEvent.objects.filter(reason__startswith="FHIR refused").count() == 8


def test_a_return_already_in_the_portal_under_another_identifier_is_refused(
    client, team_headers, serviceuser_record
):
    assert post(client, team_headers, response(serviceuser_record, identifier="first")).status_code == 201

    sent = post(client, team_headers, response(serviceuser_record, identifier="second"))

    assert sent.status_code == 422
    assert "already" in sent.json()["issue"][0]["diagnostics"]
    assert PromReturn.objects.count() == 1


def test_a_risk_answer_raises_the_same_follow_up_as_an_import(
    client, team_headers, serviceuser_record, personas
):
    risky = response(
        serviceuser_record,
        code="reqol10",
        version="ReQoL-10 version 1",
        answers=(2, 2, 2, 2, 2, 3, 2, 2, 2, 2, 1),
    )

    assert post(client, team_headers, risky).status_code == 201

    tasks = FollowUpTask.objects.filter(title=TITLE)
    assert {t.assignee for t in tasks} == {personas["clinician"], personas["peerworker"]}


def test_a_client_without_the_create_scope_cannot_write(
    client, persona_team, serviceuser_record, measures_reference_data
):
    key = rsa_key()
    reader = register(
        client_id="reader", key=key, teams=[persona_team], scopes=["system/QuestionnaireResponse.rs"]
    )

    sent = post(
        client, bearer(client, reader, key, "system/QuestionnaireResponse.rs"), response(serviceuser_record)
    )

    assert sent.status_code == 403
    assert PromReturn.objects.count() == 0


def test_a_trust_wide_client_names_the_care_team(
    client, serviceuser_record, persona_team, outsider_team, measures_reference_data
):
    CaseloadEntryFactory(person=serviceuser_record, team=outsider_team)
    key = rsa_key()
    system = register(client_id="warehouse", key=key, trust_wide=True)
    headers = bearer(client, system, key)
    team = {"url": f"{BASE}/StructureDefinition/care-team", "valueString": outsider_team.slug}

    unnamed = post(client, headers, response(serviceuser_record))
    named = response(serviceuser_record)
    named["extension"].append(team)

    assert expression_of(unnamed, 422) == [
        f"QuestionnaireResponse.extension('{BASE}/StructureDefinition/care-team')"
    ]
    assert post(client, headers, named).status_code == 201
    assert PromReturn.objects.get().team == outsider_team


def test_an_identifier_another_system_gave_is_refused(
    client, team_headers, serviceuser_record, persona_team, measures_reference_data
):
    assert post(client, team_headers, response(serviceuser_record, identifier="shared")).status_code == 201
    key = rsa_key()
    other = bearer(client, register(client_id="other-epr", key=key, teams=[persona_team]), key)

    sent = post(client, other, response(serviceuser_record, identifier="shared", authored="2025-06-05"))

    assert expression_of(sent, 409) == ["QuestionnaireResponse.identifier"]
    assert PromReturn.objects.count() == 1


def dialog_response(person, helps: dict[str, bool], **overrides):
    """A DIALOG return with "do you want additional help in this area?" answered after some items."""
    resource = response(person, code="dialog", version="11-item", answers=(3,) * 8 + (5,) * 3, **overrides)
    for item in resource["item"]:
        if item["linkId"] in helps:
            item["answer"][0]["item"] = [
                {"linkId": f"{item['linkId']}.help", "answer": [{"valueBoolean": helps[item["linkId"]]}]}
            ]
    return resource


def test_dialogs_additional_help_answers_are_taken_in_and_read_back_the_same_way(
    client, team_headers, serviceuser_record
):
    sent = post(client, team_headers, dialog_response(serviceuser_record, {"2": True, "9": False}))

    assert sent.status_code == 201, sent.content
    written = PromReturn.objects.get()
    assert written.additional_help == [None, True, None, None, None, None, None, None, False, None, None]
    read = client.get(f"/fhir/QuestionnaireResponse/{written.pk}", **team_headers).json()
    QuestionnaireResponse.model_validate(read)
    assert {i["linkId"]: i["answer"][0]["item"] for i in read["item"] if "item" in i["answer"][0]} == {
        "2": [{"linkId": "2.help", "answer": [{"valueBoolean": True}]}],
        "9": [{"linkId": "9.help", "answer": [{"valueBoolean": False}]}],
    }


@pytest.mark.parametrize(
    "child, status, expression",
    [
        # Only DIALOG asks it: the import's own rule, named at the question.
        (
            {"linkId": "1.help", "answer": [{"valueBoolean": True}]},
            422,
            "QuestionnaireResponse.item.where(linkId='1').answer.item.where(linkId='1.help')",
        ),
        (
            {"linkId": "1.help", "answer": [{"valueString": "yes"}]},
            400,
            "QuestionnaireResponse.item.where(linkId='1').answer.item.where(linkId='1.help')",
        ),
        (
            {"linkId": "2.help", "answer": [{"valueBoolean": True}]},
            400,
            "QuestionnaireResponse.item.where(linkId='1').answer.item",
        ),
    ],
)
def test_a_bad_additional_help_answer_is_refused_at_its_question(
    client, team_headers, serviceuser_record, child, status, expression
):
    resource = response(serviceuser_record)
    resource["item"][0]["answer"][0]["item"] = [child]

    assert expression_of(post(client, team_headers, resource), status) == [expression]
    assert not PromReturn.objects.exists()


STAFF_ISSUER = "https://sso.example.nhs.uk"


@pytest.fixture
def staff_identity(settings, personas):
    """The peer worker as the Trust's staff identity service knows them."""
    settings.OIDC_STAFF_ISSUER = STAFF_ISSUER
    return IdentityLink.objects.create(
        user=personas["peerworker"], provider=ProviderKind.STAFF, issuer=STAFF_ISSUER, subject="peer-7f3a"
    )


def test_a_response_the_person_answered_themself_is_recorded_and_read_back_as_theirs(
    client, team_headers, serviceuser_record
):
    person = {"type": "Patient", "identifier": {"system": NHS_NUMBER, "value": serviceuser_record.nhs_number}}

    sent = post(client, team_headers, response(serviceuser_record, author=person))

    assert sent.status_code == 201, sent.content
    assert PromReturn.objects.get().completion == Completion.SELF
    assert sent.json()["author"] == person


def test_a_response_answered_with_a_member_of_staff_the_portal_knows_is_recorded_as_theirs(
    client, team_headers, serviceuser_record, staff_identity, personas
):
    staff = {"type": "Practitioner", "identifier": {"system": STAFF_ISSUER, "value": "peer-7f3a"}}

    sent = post(client, team_headers, response(serviceuser_record, author=staff))

    assert sent.status_code == 201, sent.content
    written = PromReturn.objects.get()
    assert (written.completion, written.entered_by) == (Completion.WITH_STAFF, personas["peerworker"])
    assert sent.json()["author"] == {
        **staff,
        "display": f"Entered with {personas['peerworker'].get_full_name()}",
    }


def test_an_author_the_portal_does_not_know_leaves_the_sending_system_as_the_recorder(
    client, team_headers, serviceuser_record, staff_identity, team_system
):
    stranger = {"type": "Practitioner", "identifier": {"system": STAFF_ISSUER, "value": "someone-else"}}

    sent = post(client, team_headers, response(serviceuser_record, author=stranger))

    assert sent.status_code == 201, sent.content
    written = PromReturn.objects.get()
    assert (written.completion, written.entered_by) == (Completion.IMPORTED, team_system.user)
    assert sent.json()["author"]["display"].startswith("Imported by")
    assert "identifier" not in sent.json()["author"]


def test_another_persons_nhs_number_as_author_is_refused(
    client, team_headers, serviceuser_record, other_team_person
):
    other = {"type": "Patient", "identifier": {"system": NHS_NUMBER, "value": other_team_person.nhs_number}}

    sent = post(client, team_headers, response(serviceuser_record, author=other))

    assert expression_of(sent, 400) == ["QuestionnaireResponse.author.identifier"]
    assert not PromReturn.objects.filter(person=serviceuser_record).exists()
