"""Builders of the FHIR R4 resources the portal serves: plain dicts, ready for JSON.

The builders take records already read (items, options and thresholds prefetched by the selectors) and
make no queries, so a page of a hundred returns, or an export of a million, costs the same per return.
UK Core's NHS number identifier names the person; nothing else about them (no name, no date of birth)
leaves in a response or an Observation (ADR 0028).
"""

import json

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


def help_link_id(order: int) -> str:
    """The linkId of DIALOG's "additional help" question after item ``order``: a child of that item."""
    return f"{order}.help"


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
        if item.asks_follow_up and instrument.follow_up_question:
            entry["item"] = [
                {
                    "linkId": help_link_id(item.order),
                    "text": instrument.follow_up_question,
                    "type": "boolean",
                    "required": False,
                }
            ]
        resource["item"].append(entry)
    return resource


def _author_display(completion: str, entered_by_name: str) -> str:
    what = "Entered with" if completion == "with_staff" else "Imported by"
    return f"{what} {entered_by_name or 'a member of staff'}"


class _InstrumentParts:
    """What every resource of one instrument repeats, built once: its canonical, its answers' codings
    (one dict per item, answer and "additional help" answer, shared by every response that gives it) and
    each score's code and cut-off interpretations."""

    def __init__(self, instrument, thresholds: dict, remember):
        self._remember = remember
        self.code = instrument.code
        self.canonical = f"{questionnaire_url(instrument.code)}|{instrument.version}"
        self.answers_system = answers_system(instrument.code)
        self._items: dict[tuple[int, int, bool | None], dict] = {}
        codes = codes_for(instrument.code)
        self.scores = []
        for measure, field in SCORES.items():
            if measure == "total" and main_measure(instrument.code) == "life":
                continue  # DIALOG's total is its life domains mean, given once as "life"
            text = f"{instrument.short_name} {SCORE_NAMES[measure]}"
            coding = [{"system": scores_system(), "code": f"{instrument.code}-{measure}", "display": text}]
            if measure == "total" and codes.total is not None:
                coding.insert(0, {"system": SNOMED, "code": codes.total.code, "display": codes.total.display})
            found = thresholds.get(measure, Thresholds())
            cut_offs = {}
            if found.cut_off is not None:
                for below in (True, False):
                    label = f"In the {found.range_label}" if below else f"Not in the {found.range_label}"
                    cut_offs[below] = {
                        "coding": [
                            {
                                "system": INTERPRETATION,
                                "code": "L" if below else "N",
                                "display": "Low" if below else "Normal",
                            }
                        ],
                        "text": f"{label} (cut-off {found.cut_off:g})",
                    }
            code = remember({"coding": coding, "text": text})
            self.scores.append((measure, field, code, found, cut_offs))

    def item(self, order: int, value: int, wants_help: bool | None) -> dict:
        key = (order, value, wants_help)
        found = self._items.get(key)
        if found is None:
            answer = {"valueCoding": {"system": self.answers_system, "code": str(value)}}
            if wants_help is not None:
                # DIALOG's "do you want additional help in this area?", a child of the item it follows.
                answer["item"] = [{"linkId": help_link_id(order), "answer": [{"valueBoolean": wants_help}]}]
            found = self._items[key] = self._remember({"linkId": str(order), "answer": [answer]})
        return found


class ResourceBuilder:
    """Builds the QuestionnaireResponse and score Observations of returns read as rows
    (``selectors.return_rows``), with every URL, coding and cut-off interpretation worked out once per
    builder rather than once per return: an export of half a million returns builds only what differs."""

    def __init__(self, instruments, *, thresholds: dict | None = None, staff_identifiers: dict | None = None):
        thresholds = thresholds or {}
        by_code: dict[str, dict] = {}
        for (code, measure), found in thresholds.items():
            by_code.setdefault(code, {})[measure] = found
        self._encode = json.JSONEncoder(separators=(",", ":"), check_circular=False).encode
        self._json: dict[int, str] = {}
        self._survey = self._remember(SURVEY)
        self._instruments = {
            i.pk: _InstrumentParts(i, by_code.get(i.code, {}), self._remember) for i in instruments
        }
        self._identifier_system = return_identifier_system()
        self._extensions: dict[tuple, list] = {}
        self._staff_identifiers = staff_identifiers or {}
        self._change_system = change_system()

    def _remember(self, part):
        """Keep the JSON of a part many resources share (``line`` writes it as it is)."""
        self._json[id(part)] = self._encode(part)
        return part

    def _extension(self, row) -> list:
        """The portal's extensions of a response: timepoint, context, how it was completed, care team."""
        key = (row["timepoint"], row["context"], row["completion"], row["team_slug"])
        found = self._extensions.get(key)
        if found is None:
            found = self._extensions[key] = self._remember(
                [
                    {"url": extension_url(name), "valueCode": value}
                    for name, value in zip(
                        ("timepoint", "context", "completion", "care-team"), key, strict=True
                    )
                ]
            )
        return found

    def _json_of(self, part) -> str:
        found = self._json.get(id(part))
        if found is not None:
            return found
        if isinstance(part, list):
            known = self._json.get
            return f"[{','.join([known(id(p)) or self._json_of(p) for p in part])}]"
        return self._encode(part)

    def line(self, resource: dict) -> str:
        """One resource as one line of NDJSON: the JSON ``json.dumps`` gives with compact separators,
        except that the parts it shares with other resources (its answers, extensions and score code),
        which the resources keep last, are written from their JSON made once. Half the time of an
        export of every return was spent encoding the same answers again and again."""
        head = {key: value for key, value in resource.items() if key not in SHARED}
        tail = ",".join(f'"{key}":{self._json_of(resource[key])}' for key in SHARED if key in resource)
        return f"{self._encode(head)[:-1]},{tail}}}"

    @staticmethod
    def person(row) -> dict:
        return {"type": "Patient", "identifier": {"system": NHS_NUMBER, "value": row["nhs_number"]}}

    def _author(self, row, person: dict) -> dict:
        """Who gave the answers, as recorded: the person themself, or the member of staff with them,
        named by the identifier the portal holds for them where it holds one."""
        if row["completion"] == "self":
            return person
        name = f"{row['entered_by_first'] or ''} {row['entered_by_last'] or ''}".strip()
        author = {"type": "Practitioner"}
        identifier = (
            self._staff_identifiers.get(row["entered_by_id"]) if row["completion"] == "with_staff" else None
        )
        if identifier is not None:
            author["identifier"] = {"system": identifier[0], "value": identifier[1]}
        author["display"] = _author_display(row["completion"], name)
        return author

    def questionnaire_response(self, row, person: dict | None = None) -> dict:
        """One return as a QuestionnaireResponse: the person by NHS number, the day, who answered, each
        answer (with DIALOG's "additional help" answer after each item that asks it)."""
        parts = self._instruments[row["instrument_id"]]
        person = person or self.person(row)
        helps = row["additional_help"]
        item = parts.item
        if helps:
            helps = [*helps, *[None] * (len(row["answers"]) - len(helps))]
            items = [
                item(order, value, wants_help)
                for order, (value, wants_help) in enumerate(zip(row["answers"], helps, strict=False), start=1)
                if value is not None  # an unscored item left unanswered
            ]
        else:
            items = [
                item(order, value, None)
                for order, value in enumerate(row["answers"], start=1)
                if value is not None
            ]
        return {
            "resourceType": "QuestionnaireResponse",
            "id": str(row["id"]),
            "identifier": {"system": self._identifier_system, "value": str(row["id"])},
            "questionnaire": parts.canonical,
            "status": "completed",
            "subject": person,
            "authored": row["completed_on"].isoformat(),
            "author": self._author(row, person),
            "source": person,
            # The parts shared with other responses come last (``line``).
            "extension": self._extension(row),
            "item": items,
        }

    def observations(self, row, person: dict | None = None, baseline: dict | None = None) -> list[dict]:
        """The score Observations of one return: the total, and DIALOG's two means.

        ``baseline`` maps a score field (``total``, ``life_domain_mean``, ``treatment_mean``) to the
        person's first score on the instrument, when this return is not that first one.
        """
        parts = self._instruments[row["instrument_id"]]
        person = person or self.person(row)
        found = []
        pk = row["id"]
        for measure, field, code, thresholds, cut_offs in parts.scores:
            value = row[field]
            if value is None:
                continue
            observation = {
                "resourceType": "Observation",
                "id": f"{pk}-{measure}",
                "status": "final",
                "subject": person,
                "effectiveDateTime": row["completed_on"].isoformat(),
                "valueQuantity": {"value": value, "unit": "score", "system": UCUM, "code": "{score}"},
                "derivedFrom": [{"reference": f"QuestionnaireResponse/{pk}"}],
            }
            interpretation = []
            if cut_offs:
                interpretation.append(cut_offs[thresholds.in_range_below(value)])
            first = baseline.get(field) if baseline else None
            if first is not None and thresholds.reliable_change is not None:
                change = self._change(parts.code, measure, first, value, thresholds)
                interpretation.append(change[0])
                observation["interpretation"] = interpretation
                observation["note"] = [{"text": change[1]}]
            elif interpretation:
                observation["interpretation"] = interpretation
            # The parts shared with other Observations come last (``line``).
            observation["category"] = self._survey
            observation["code"] = code
            found.append(observation)
        return found

    def _change(self, code: str, measure: str, first: float, value: float, thresholds: Thresholds):
        """Reliable change since the person's first score, by the portal's one rule and the thresholds
        active when it is read (HAZ-074): the interpretation and the note saying by how much."""
        change = classify_change(code, first, value, thresholds=thresholds, measure=measure)
        coding = {
            ChangeCategory.IMPROVEMENT: {"system": INTERPRETATION, "code": "B", "display": "Better"},
            ChangeCategory.DETERIORATION: {"system": INTERPRETATION, "code": "W", "display": "Worse"},
            ChangeCategory.NO_CHANGE: {
                "system": self._change_system,
                "code": "no-reliable-change",
                "display": "No reliable change",
            },
        }[change.category]
        return (
            {
                "coding": [coding],
                "text": f"{change.label} since the first score ({change.change:+g}; threshold {thresholds.reliable_change:g})",
            },
            f"Change {change.change:+g} from the first score of {first:g}.",
        )


# The keys whose values resources share, in the order they end each resource (``ResourceBuilder.line``).
SHARED = ("extension", "item", "category", "code")
SURVEY = [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}]
