"""Builders of the FHIR R4 resources the portal serves: plain dicts, ready for JSON.

The builders take records already read (items, options and thresholds prefetched by the selectors) and
make no queries, so a page of a hundred returns, or an export of a million, costs the same per return.
UK Core's NHS number identifier names the person; nothing else about them (no name, no date of birth)
leaves in a response or an Observation (ADR 0028).
"""

from django.conf import settings

from ..scoring import ChangeCategory, Thresholds, classify_change, main_measure, rule_for
from .codes import SNOMED, codes_for

NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
UCUM = "http://unitsofmeasure.org"

# Which return score each Observation carries, by the part of the Observation's id after the return's.
SCORES = {"total": "total", "life": "life_domain_mean", "treatment": "treatment_mean"}
SCORE_NAMES = {"total": "total score", "life": "life domains mean", "treatment": "treatment aspects mean"}


def base_url() -> str:
    """The canonical base of everything the portal defines in FHIR: its questionnaires, code systems,
    identifiers and extensions."""
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}/fhir"


def questionnaire_url(code: str) -> str:
    return f"{base_url()}/Questionnaire/{code.lower()}"


def return_identifier_system() -> str:
    return f"{base_url()}/Id/prom-return"


def extension_url(name: str) -> str:
    return f"{base_url()}/StructureDefinition/{name}"


def answers_system(code: str) -> str:
    return f"{base_url()}/CodeSystem/{code.lower()}-answers"


def scores_system() -> str:
    return f"{base_url()}/CodeSystem/scores"


def items_system() -> str:
    return f"{base_url()}/CodeSystem/items"


def change_system() -> str:
    return f"{base_url()}/CodeSystem/reliable-change"


def nhs_number_reference(nhs_number: str) -> dict:
    return {"type": "Patient", "identifier": {"system": NHS_NUMBER, "value": nhs_number}}


def _options_by_item(instrument, items, options) -> dict[int, list]:
    shared = [option for option in options if option.item_id is None]
    own: dict[int, list] = {}
    for option in options:
        if option.item_id is not None:
            own.setdefault(option.item_id, []).append(option)
    return {item.pk: sorted(own.get(item.pk, shared), key=lambda o: o.order) for item in items}


def _scoring_note(instrument) -> str:
    rule = rule_for(instrument.code)
    parts = [f"{instrument.get_scoring_rule_display()}; answers are stored as {rule.low} to {rule.high}."]
    if rule.reverse:
        parts.append(f"Items {', '.join(map(str, sorted(rule.reverse)))} are reverse scored.")
    if rule.unscored:
        parts.append(f"Items {', '.join(map(str, sorted(rule.unscored)))} are not scored.")
    parts.append(
        f"Scores run from {instrument.score_min:g} to {instrument.score_max:g} ({instrument.score_label})."
    )
    return " ".join(parts)


def questionnaire(instrument, items, options) -> dict:
    """One instrument version as a Questionnaire: its items in form order, each with its answers and the
    values stored for them, with its scoring, licence and copyright."""
    codes = codes_for(instrument.code)
    by_item = _options_by_item(instrument, items, options)
    rule = rule_for(instrument.code)
    resource = {
        "resourceType": "Questionnaire",
        "id": instrument.code.lower(),
        "url": questionnaire_url(instrument.code),
        "version": instrument.version,
        "name": instrument.code,
        "title": instrument.name,
        "status": "active" if instrument.is_active else "retired",
        "subjectType": ["Patient"],
        "publisher": settings.TRUST_NAME,
        "description": f"{instrument.instructions} ({instrument.recall_period}). Scoring: {_scoring_note(instrument)}",
        "purpose": instrument.get_kind_display(),
        "copyright": f"{instrument.copyright_line}\n\nLicence: {instrument.licence}",
        "code": [{"system": scores_system(), "code": instrument.code, "display": instrument.name}],
        "item": [],
    }
    if codes.total is not None:
        resource["code"].append({"system": SNOMED, "code": codes.total.code, "display": codes.total.display})
    for item in items:
        entry = {
            "linkId": str(item.order),
            "code": [
                {
                    "system": items_system(),
                    "code": f"{instrument.code}-{item.order}",
                    "display": item.short_label,
                }
            ],
            "prefix": str(item.order),
            "text": item.wording,
            "type": "choice",
            "required": item.order not in rule.unscored,
            "answerOption": [
                {
                    "extension": [{"url": ORDINAL_VALUE, "valueDecimal": option.value}],
                    "valueCoding": {
                        "system": answers_system(instrument.code),
                        "code": str(option.value),
                        "display": option.label,
                    },
                }
                for option in by_item[item.pk]
            ],
        }
        resource["item"].append(entry)
    return resource


def _author(prom_return, nhs_number: str, entered_by_name: str) -> dict:
    """Who gave the answers, as recorded: the person themself, or the member of staff with them."""
    if prom_return.completion == "self":
        return nhs_number_reference(nhs_number)
    what = "Entered with" if prom_return.completion == "with_staff" else "Imported by"
    return {"type": "Practitioner", "display": f"{what} {entered_by_name or 'a member of staff'}"}


def questionnaire_response(prom_return, *, instrument, nhs_number: str, entered_by_name: str = "") -> dict:
    """One return as a QuestionnaireResponse: the person by NHS number, the day, who answered, each answer."""
    items = []
    for order, value in enumerate(prom_return.answers, start=1):
        if value is None:
            continue  # an unscored item left unanswered
        items.append(
            {
                "linkId": str(order),
                "answer": [{"valueCoding": {"system": answers_system(instrument.code), "code": str(value)}}],
            }
        )
    return {
        "resourceType": "QuestionnaireResponse",
        "id": str(prom_return.pk),
        "identifier": {"system": return_identifier_system(), "value": str(prom_return.pk)},
        "extension": [
            {"url": extension_url("timepoint"), "valueCode": prom_return.timepoint},
            {"url": extension_url("context"), "valueCode": prom_return.context},
            {"url": extension_url("completion"), "valueCode": prom_return.completion},
        ],
        "questionnaire": f"{questionnaire_url(instrument.code)}|{instrument.version}",
        "status": "completed",
        "subject": nhs_number_reference(nhs_number),
        "authored": prom_return.completed_on.isoformat(),
        "author": _author(prom_return, nhs_number, entered_by_name),
        "source": nhs_number_reference(nhs_number),
        "item": items,
    }


def _interpretation(code: str, measure: str, value: float, baseline: float | None, thresholds: Thresholds):
    """Interpretation codes of one score: which side of the cut-off it is, and the reliable change since
    the person's first score on the measure, by the thresholds active when it is read (HAZ-074)."""
    found, notes = [], []
    if thresholds.cut_off is not None:
        below = thresholds.in_range_below(value)
        found.append(
            {
                "coding": [
                    {
                        "system": INTERPRETATION,
                        "code": "L" if below else "N",
                        "display": "Low" if below else "Normal",
                    }
                ],
                "text": (
                    f"In the {thresholds.range_label}" if below else f"Not in the {thresholds.range_label}"
                )
                + f" (cut-off {thresholds.cut_off:g})",
            }
        )
    if baseline is not None and thresholds.reliable_change is not None:
        change = classify_change(code, baseline, value, thresholds=thresholds, measure=measure)
        coding = {
            ChangeCategory.IMPROVEMENT: {"system": INTERPRETATION, "code": "B", "display": "Better"},
            ChangeCategory.DETERIORATION: {"system": INTERPRETATION, "code": "W", "display": "Worse"},
            ChangeCategory.NO_CHANGE: {
                "system": change_system(),
                "code": "no-reliable-change",
                "display": "No reliable change",
            },
        }[change.category]
        found.append(
            {
                "coding": [coding],
                "text": f"{change.label} since the first score ({change.change:+g}; threshold {thresholds.reliable_change:g})",
            }
        )
        notes.append(f"Change {change.change:+g} from the first score of {baseline:g}.")
    return found, notes


def observations(prom_return, *, instrument, nhs_number: str, baseline: dict, thresholds: dict) -> list[dict]:
    """The score Observations of one return: the total, and DIALOG's two means.

    ``baseline`` maps a measure (``total``, ``life``, ``treatment``) to the person's first score on the
    instrument, when this return is not that first one; ``thresholds`` maps a measure to the instrument's
    active ``Thresholds`` for it.
    """
    codes = codes_for(instrument.code)
    found = []
    for measure, field in SCORES.items():
        value = getattr(prom_return, field)
        if value is None:
            continue
        if measure == "total" and main_measure(instrument.code) == "life":
            continue  # DIALOG's total is its life domains mean, given once as "life"
        coding = [
            {
                "system": scores_system(),
                "code": f"{instrument.code}-{measure}",
                "display": f"{instrument.short_name} {SCORE_NAMES[measure]}",
            }
        ]
        if measure == "total" and codes.total is not None:
            coding.insert(0, {"system": SNOMED, "code": codes.total.code, "display": codes.total.display})
        interpretation, notes = _interpretation(
            instrument.code, measure, value, baseline.get(measure), thresholds.get(measure, Thresholds())
        )
        observation = {
            "resourceType": "Observation",
            "id": f"{prom_return.pk}-{measure}",
            "status": "final",
            "category": [
                {"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}
            ],
            "code": {"coding": coding, "text": f"{instrument.short_name} {SCORE_NAMES[measure]}"},
            "subject": nhs_number_reference(nhs_number),
            "effectiveDateTime": prom_return.completed_on.isoformat(),
            "valueQuantity": {"value": value, "unit": "score", "system": UCUM, "code": "{score}"},
            "derivedFrom": [{"reference": f"QuestionnaireResponse/{prom_return.pk}"}],
        }
        if interpretation:
            observation["interpretation"] = interpretation
        if notes:
            observation["note"] = [{"text": " ".join(notes)}]
        found.append(observation)
    return found
