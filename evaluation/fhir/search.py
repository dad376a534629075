"""Search parameters of the read API, checked strictly: a parameter the API does not know is refused
rather than ignored, so that a mistyped ``patient`` never returns everyone's returns."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings

from recovery_portal.nhs_number import is_valid_nhs_number, normalise_nhs_number

from .codes import CODES, SNOMED
from .resources import NHS_NUMBER, questionnaire_url, scores_system
from .responses import FhirError

PATIENT = ("patient:identifier", "subject:identifier", "patient.identifier", "subject.identifier")
PAGING = ("_count", "_page_after", "_format")
DATE_PARAMETER = {"QuestionnaireResponse": "authored", "Observation": "date"}


def max_page() -> int:
    return int(getattr(settings, "FHIR_MAX_PAGE_SIZE", 100))


@dataclass
class Search:
    nhs_number: str | None = None
    since: date | None = None
    until: date | None = None
    instrument_codes: set[str] | None = None
    count: int = 20
    after_id: int = 0
    kept: list[tuple[str, str]] = field(default_factory=list)  # the parameters to repeat in a next link


def _nhs_number(name: str, value: str) -> str:
    system, bar, number = value.rpartition("|")
    if bar and system != NHS_NUMBER:
        raise FhirError(400, f"Search by NHS number: {name}={NHS_NUMBER}|<ten digits>", expression=name)
    digits = normalise_nhs_number(number)
    if not is_valid_nhs_number(digits):
        raise FhirError(400, f"{number} is not a valid NHS number", expression=name)
    return digits


def _date_bounds(name: str, value: str, search: Search) -> None:
    prefix, text = (value[:2], value[2:]) if value[:2].isalpha() else ("eq", value)
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        raise FhirError(400, f"{value} is not a date; use e.g. ge2025-01-01", expression=name) from None
    if prefix in ("ge", "eq"):
        search.since = max(filter(None, [search.since, day]))
    if prefix in ("le", "eq"):
        search.until = min(filter(None, [search.until, day]))
    if prefix == "gt":
        search.since = max(filter(None, [search.since, day + timedelta(days=1)]))
    if prefix == "lt":
        search.until = min(filter(None, [search.until, day - timedelta(days=1)]))
    if prefix not in ("ge", "le", "gt", "lt", "eq"):
        raise FhirError(400, f"{prefix} is not a date prefix here; use ge, le, gt, lt or eq", expression=name)


def _questionnaires(value: str) -> set[str]:
    found = set()
    for canonical in value.split(","):
        url = canonical.partition("|")[0]
        found |= {code for code in CODES if questionnaire_url(code) == url}
    return found


def _score_codes(value: str) -> set[str]:
    found = set()
    for token in value.split(","):
        system, _, code = token.rpartition("|")
        for instrument, codes in CODES.items():
            if system in ("", SNOMED) and codes.total is not None and codes.total.code == code:
                found.add(instrument)
            if system in ("", scores_system()) and code.partition("-")[0] == instrument:
                found.add(instrument)
    return found


def parse(resource_type: str, params) -> Search:
    """The search asked for in ``params`` (a QueryDict); raises ``FhirError`` naming a bad parameter."""
    search = Search()
    allowed = {*PATIENT, *PAGING, DATE_PARAMETER[resource_type]}
    allowed.add("questionnaire" if resource_type == "QuestionnaireResponse" else "code")
    for name, values in params.lists():
        if name not in allowed:
            raise FhirError(
                400,
                f"{name} is not a search parameter of {resource_type}; use one of {', '.join(sorted(allowed))}",
                expression=name,
            )
        for value in values:
            if name in PATIENT:
                number = _nhs_number(name, value)
                if search.nhs_number not in (None, number):
                    raise FhirError(400, "Search for one NHS number at a time", expression=name)
                search.nhs_number = number
            elif name == DATE_PARAMETER[resource_type]:
                _date_bounds(name, value, search)
            elif name == "questionnaire":
                search.instrument_codes = (
                    search.instrument_codes or _questionnaires(value)
                ) & _questionnaires(value)
            elif name == "code":
                search.instrument_codes = (search.instrument_codes or _score_codes(value)) & _score_codes(
                    value
                )
            elif name == "_count":
                if not value.isdigit() or not 1 <= int(value) <= max_page():
                    raise FhirError(
                        400, f"_count must be a whole number from 1 to {max_page()}", expression="_count"
                    )
                search.count = int(value)
            elif name == "_page_after":
                if not value.isdigit():
                    raise FhirError(400, "Follow the next link as given", expression="_page_after")
                search.after_id = int(value)
            elif name == "_format" and value not in ("json", "application/fhir+json", "application/json"):
                raise FhirError(415, "The API answers in JSON only", expression="_format")
            if name not in ("_page_after",):
                search.kept.append((name, value))
    return search
