"""Instruments and returns as FHIR R4 resources, each parsed and validated by the R4B models of the
``fhir.resources`` package, and the SNOMED CT codes they carry checked digit by digit."""

import json
from datetime import date

import pytest
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from evaluation.fhir import selectors
from evaluation.fhir.codes import CODES, is_concept_id, verhoeff_valid
from evaluation.fhir.resources import NHS_NUMBER
from evaluation.models import ChangeThreshold, Instrument, PromReturn

from .factories import prom_return

pytestmark = pytest.mark.django_db


# Published SCTIDs with their check digits (SNOMED CT Technical Implementation Guide examples, and
# concepts from NHS England's MHSDS coded scored assessments list), and the same with one digit wrong.
VALID_SCTIDS = ["138875005", "404684003", "718466001", "718426000", "1091071000000100", "960481000000107"]
INVALID_SCTIDS = ["138875006", "404684004", "718466002", "1091071000000101", "0718466001", "12345"]


@pytest.mark.parametrize("sctid", VALID_SCTIDS)
def test_published_sctids_pass_the_check(sctid):
    assert is_concept_id(sctid)


@pytest.mark.parametrize("sctid", INVALID_SCTIDS)
def test_a_wrong_digit_fails_the_check(sctid):
    assert not is_concept_id(sctid)


def test_a_description_id_is_not_taken_for_a_concept():
    # "01" in the partition digits marks a description: a valid check digit, but not a concept.
    assert verhoeff_valid("751689013")
    assert not is_concept_id("751689013")


def test_every_sctid_in_the_instrument_data_is_a_concept_with_a_valid_check_digit_and_a_source():
    for code, codes in CODES.items():
        if codes.total is None:
            assert codes.note, f"{code}: say why there is no SNOMED CT code"
            continue
        assert is_concept_id(codes.total.code), code
        assert codes.total.source, code


def test_every_instrument_has_its_codes_recorded(measures_reference_data):
    assert set(Instrument.objects.values_list("code", flat=True)) <= set(CODES)


def test_each_outcome_measure_is_a_valid_questionnaire_with_values_licence_and_copyright(
    measures_reference_data,
):
    found = {
        instrument.code: selectors.questionnaire_resource(instrument)
        for instrument in selectors.instruments()
    }

    assert set(found) == {"SWEMWBS", "WEMWBS", "REQOL10", "QPR15", "DIALOG"}
    for code, resource in found.items():
        parsed = Questionnaire.model_validate(resource)
        assert parsed.url == f"http://testserver/fhir/Questionnaire/{code.lower()}"
        assert parsed.version
        assert "Licence" in parsed.copyright
    reqol = found["REQOL10"]
    assert len(reqol["item"]) == 11
    assert reqol["item"][10]["required"] is False  # physical health: asked, not scored
    assert [o["valueCoding"]["code"] for o in reqol["item"][0]["answerOption"]] == ["0", "1", "2", "3", "4"]
    assert {
        "system": "http://snomed.info/sct",
        "code": "1091071000000100",
        "display": "Recovering Quality of Life 10-item questionnaire score",
    } in reqol["code"]
    assert "reverse scored" in reqol["description"]


class _Client:
    trust_wide = True
    is_active = True


def _resources(returns):
    rows = list(
        selectors.return_rows(PromReturn.objects.filter(pk__in=[r.pk for r in returns]).order_by("pk"))
    )
    return selectors.bundle_resources(_Client(), rows)


def test_a_return_is_a_valid_response_with_the_nhs_number_and_who_answered(swemwbs_return, personas):
    response, observation = _resources([swemwbs_return])

    parsed = QuestionnaireResponse.model_validate(response)
    assert parsed.subject.identifier.system == NHS_NUMBER
    assert parsed.subject.identifier.value == swemwbs_return.person.nhs_number
    assert str(parsed.authored) == "2025-05-12"
    assert response["author"] == {
        "type": "Practitioner",
        "display": f"Entered with {personas['peerworker'].get_full_name()}",
    }
    assert [item["answer"][0]["valueCoding"]["code"] for item in response["item"]] == [
        "2",
        "3",
        "2",
        "3",
        "3",
        "2",
        "3",
    ]
    Observation.model_validate(observation)
    assert observation["valueQuantity"]["value"] == swemwbs_return.total
    assert observation["code"]["coding"][0] == {
        "system": "http://snomed.info/sct",
        "code": "718466001",
        "display": "Short Warwick-Edinburgh Mental Well-being Scale score",
    }


def test_a_self_completed_return_names_the_person_as_author(
    serviceuser_record, persona_team, measures_reference_data
):
    own = prom_return(person=serviceuser_record, team=persona_team, completion="self")

    response = _resources([own])[0]

    assert response["author"] == {
        "type": "Patient",
        "identifier": {"system": NHS_NUMBER, "value": serviceuser_record.nhs_number},
    }


def test_scores_carry_their_cut_off_and_reliable_change_as_interpretation(
    serviceuser_record, persona_team, measures_reference_data
):
    # ReQoL-10 has no reliable change until one with a checked source is entered (evaluation 0028).
    ChangeThreshold.objects.create(
        instrument=Instrument.objects.get(code="REQOL10"), kind="reliable_change", value=5.0, direction="both",
        source="Entered by the Recovery Evaluation Team from the ReQoL scoring guidance (test value).",
    )  # fmt: skip
    first = prom_return(
        person=serviceuser_record,
        team=persona_team,
        code="REQOL10",
        answers=[2] * 10 + [1],
        completed_on=date(2025, 1, 6),
    )
    later = prom_return(
        person=serviceuser_record,
        team=persona_team,
        code="REQOL10",
        answers=[4, 0, 4, 0, 0, 4, 0, 0, 4, 0, None],
        completed_on=date(2025, 4, 7),
    )
    dialog = prom_return(
        person=serviceuser_record, team=persona_team, code="DIALOG", answers=[3] * 8 + [5] * 3
    )

    resources = _resources([first, later, dialog])
    for resource in resources:
        (
            QuestionnaireResponse if resource["resourceType"] == "QuestionnaireResponse" else Observation
        ).model_validate(resource)
    observations = {r["id"]: r for r in resources if r["resourceType"] == "Observation"}

    baseline = observations[f"{first.pk}-total"]
    assert baseline["valueQuantity"]["value"] == 20
    assert [c["coding"][0]["code"] for c in baseline["interpretation"]] == ["L"]  # below 24: clinical range
    improved = observations[f"{later.pk}-total"]
    assert improved["valueQuantity"]["value"] == 0  # every item at its worst, reversed where the rule says
    assert [c["coding"][0]["code"] for c in improved["interpretation"]] == ["L", "W"]
    assert "-20" in improved["interpretation"][1]["text"]
    assert observations[f"{dialog.pk}-life"]["interpretation"][0]["coding"][0]["code"] == "L"
    assert observations[f"{dialog.pk}-treatment"]["interpretation"][0]["coding"][0]["code"] == "N"
    assert f"{dialog.pk}-total" not in observations  # DIALOG's total is its life domains mean
    response = next(r for r in resources if r["id"] == str(later.pk))
    assert [item["linkId"] for item in response["item"]] == [
        str(n) for n in range(1, 11)
    ]  # item 11 unanswered


def test_dialog_asks_about_additional_help_after_each_item_as_a_yes_or_no_child_question(
    measures_reference_data,
):
    dialog = selectors.questionnaire_resource(selectors.questionnaire_by_id("dialog"))

    Questionnaire.model_validate(dialog)
    assert len(dialog["item"]) == 11
    for item in dialog["item"]:
        assert item["item"] == [
            {
                "linkId": f"{item['linkId']}.help",
                "text": "Do you want additional help in this area?",
                "type": "boolean",
                "required": False,
            }
        ]
    swemwbs = selectors.questionnaire_resource(selectors.questionnaire_by_id("swemwbs"))
    assert not any("item" in item for item in swemwbs["item"])


def test_a_stored_additional_help_answer_follows_its_item(
    serviceuser_record, persona_team, measures_reference_data
):
    dialog = prom_return(
        person=serviceuser_record,
        team=persona_team,
        code="DIALOG",
        answers=[3] * 8 + [5] * 3,
        additional_help=[True, None, False] + [None] * 8,
    )

    response = _resources([dialog])[0]

    QuestionnaireResponse.model_validate(response)
    assert [i["answer"][0].get("item") for i in response["item"][:4]] == [
        [{"linkId": "1.help", "answer": [{"valueBoolean": True}]}],
        None,
        [{"linkId": "3.help", "answer": [{"valueBoolean": False}]}],
        None,
    ]


def test_each_export_line_is_the_resource_the_api_serves(
    serviceuser_record, persona_team, measures_reference_data, personas
):
    """The export writes the JSON of shared parts made once (``ResourceBuilder.line``): every line must
    still read back as exactly the resource, for every kind of return."""
    returns = [
        prom_return(person=serviceuser_record, team=persona_team, completion="self"),
        prom_return(
            person=serviceuser_record, team=persona_team, completion="with_staff",
            entered_by=personas["peerworker"], completed_on=date(2025, 7, 1),
        ),
        prom_return(
            person=serviceuser_record, team=persona_team, code="DIALOG", answers=[3] * 8 + [5] * 3,
            additional_help=[True, None, False] + [None] * 8,
        ),
        prom_return(
            person=serviceuser_record, team=persona_team, code="REQOL10", answers=[2] * 10 + [None],
            completion="imported",
        ),
    ]  # fmt: skip
    rows = list(
        selectors.return_rows(PromReturn.objects.filter(pk__in=[r.pk for r in returns]).order_by("pk"))
    )
    build = selectors.builder(with_observations=True)
    resources = list(
        selectors.resources_of(build, _Client(), rows, with_responses=True, with_observations=True)
    )

    assert len(resources) == 9  # four responses, a total score for three of them and DIALOG's two means
    for resource in resources:
        line = build.line(resource)
        assert "\n" not in line
        assert json.loads(line) == resource
