"""FHIR JSON responses: resources, searchset Bundles and OperationOutcomes with the right status."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

FHIR_JSON = "application/fhir+json; charset=utf-8"

# OperationOutcome issue codes (http://hl7.org/fhir/issue-type) for each status the API answers with.
ISSUE_CODES = {400: "invalid", 401: "login", 403: "forbidden", 404: "not-found", 405: "not-supported",
               409: "duplicate", 410: "deleted", 413: "too-costly", 415: "not-supported", 422: "processing"}  # fmt: skip


class FhirError(Exception):
    """A request the API refuses: the HTTP status and the issues to answer with."""

    def __init__(self, status: int, diagnostics: str, *, expression: str | None = None, issues=None):
        super().__init__(diagnostics)
        self.status = status
        self.issues = issues or [issue(diagnostics, status=status, expression=expression)]


def issue(
    diagnostics: str, *, status: int = 400, expression: str | None = None, code: str | None = None
) -> dict:
    found = {
        "severity": "error",
        "code": code or ISSUE_CODES.get(status, "processing"),
        "diagnostics": diagnostics,
    }
    if expression:
        found["expression"] = [expression]
    return found


def operation_outcome(issues: list[dict]) -> dict:
    return {"resourceType": "OperationOutcome", "issue": issues}


def fhir_response(resource: dict, *, status: int = 200, headers: dict | None = None) -> HttpResponse:
    response = HttpResponse(
        json.dumps(resource, cls=DjangoJSONEncoder, separators=(",", ":")),
        status=status,
        content_type=FHIR_JSON,
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def error_response(error: FhirError) -> HttpResponse:
    headers = {"WWW-Authenticate": 'Bearer realm="fhir"'} if error.status == 401 else None
    return fhir_response(operation_outcome(error.issues), status=error.status, headers=headers)


def searchset(*, self_url: str, next_url: str | None, entries: list[tuple[str, dict]]) -> dict:
    links = [{"relation": "self", "url": self_url}]
    if next_url:
        links.append({"relation": "next", "url": next_url})
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "link": links,
        "entry": [
            {"fullUrl": url, "resource": resource, "search": {"mode": "match"}} for url, resource in entries
        ],
    }
