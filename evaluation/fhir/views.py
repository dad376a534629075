"""The FHIR API's endpoints: thin, each checking the bearer token and scope, then reading through the
selectors and answering in FHIR JSON. Every response about people is audited as a read of each of them,
as the client's service account; a refused request is audited too (ADR 0028)."""

import json
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse, JsonResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt

from evaluation.models import FhirExportStatus
from recovery_portal import audit
from recovery_portal.models import AuditAction

from . import auth, capability, export, intake, search, selectors
from .resources import SCORES, base_url
from .responses import FhirError, error_response, fhir_response, searchset


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def _audit(request, grant, *, people=(), reason: str, action=AuditAction.VIEW) -> None:
    audit.audit_record(
        actor=grant.client.user if grant else None,
        action=action,
        request=request,
        reason=reason,
        subjects=audit.people(people),
    )


def fhir_endpoint(methods: dict[str, tuple[str, str]]):
    """A FHIR endpoint for system clients: ``methods`` maps each HTTP method to the (resource type,
    interaction) its scope must allow. Refusals are OperationOutcomes; none is ever a sign-in page."""

    def decorate(view):
        @csrf_exempt
        @login_not_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in methods:
                response = error_response(FhirError(405, f"{request.method} is not supported here"))
                response["Allow"] = ", ".join(methods)
                return response
            grant = auth.grant_for(request.headers.get("Authorization", ""))
            try:
                if grant is None:
                    raise FhirError(
                        401, "Send a bearer token from the token endpoint (SMART Backend Services)"
                    )
                resource_type, interaction = methods[request.method]
                # None: the view checks the scopes itself (an export covers several resource types).
                if resource_type is not None and not grant.allows(resource_type, interaction):
                    raise FhirError(403, f"The token's scopes do not allow this on {resource_type}")
                return view(request, grant, *args, **kwargs)
            except FhirError as error:
                if grant is not None:
                    _audit(request, grant, reason=f"FHIR refused ({error.status}): {request.path}"[:200])
                return error_response(error)

        return wrapper

    return decorate


@login_not_required
def metadata(request):
    """The CapabilityStatement: what the API offers, public as FHIR requires."""
    if request.method != "GET":
        return error_response(FhirError(405, "Only GET is supported here"))
    return fhir_response(capability.capability_statement(_absolute(request, reverse("fhir:base"))))


@login_not_required
def smart_configuration(request):
    return JsonResponse(capability.smart_configuration(_absolute(request, reverse("fhir:token"))))


@csrf_exempt
@login_not_required
def token(request):
    """OAuth 2.0 client credentials with a signed JWT client assertion; answers a bearer token or an
    OAuth error (RFC 6749 section 5.2)."""
    if request.method != "POST":
        return JsonResponse(
            {"error": "invalid_request", "error_description": "POST a token request"}, status=405
        )
    audiences = [f"{base_url()}/token", _absolute(request, reverse("fhir:token"))]
    try:
        found = auth.issue_token(
            assertion=request.POST.get("client_assertion", ""),
            assertion_type=request.POST.get("client_assertion_type", ""),
            grant_type=request.POST.get("grant_type", ""),
            scope=request.POST.get("scope", ""),
            audiences=audiences,
        )
    except auth.TokenRefused as refused:
        # Refused assertions (expired, replayed, badly signed) are audited like failed sign-ins.
        audit.audit_record(
            actor=None,
            action=AuditAction.SIGN_IN_FAILED,
            request=request,
            reason=f"FHIR token refused: {refused.description}"[:200],
        )
        response = JsonResponse(
            {"error": refused.error, "error_description": refused.description}, status=refused.status
        )
        response["Cache-Control"] = "no-store"
        return response
    audit.audit_record(
        actor=found.pop("client").user,
        action=AuditAction.SIGN_IN,
        request=request,
        reason="FHIR token issued",
    )
    response = JsonResponse(found)
    response["Cache-Control"] = "no-store"
    return response


@fhir_endpoint({"GET": ("Questionnaire", "rs")})
def questionnaire_search(request, grant):
    entries = []
    wanted = request.GET.get("url")
    for name in request.GET:
        if name not in ("url", "_format"):
            raise FhirError(
                400, f"{name} is not a search parameter of Questionnaire; use url", expression=name
            )
    for instrument in selectors.instruments():
        resource = selectors.questionnaire_resource(instrument)
        if wanted and resource["url"] != wanted.partition("|")[0]:
            continue
        entries.append((_absolute(request, reverse("fhir:questionnaire", args=[resource["id"]])), resource))
    return fhir_response(searchset(self_url=request.build_absolute_uri(), next_url=None, entries=entries))


@fhir_endpoint({"GET": ("Questionnaire", "rs")})
def questionnaire_read(request, grant, resource_id):
    instrument = selectors.questionnaire_by_id(resource_id)
    if instrument is None:
        raise FhirError(404, f"No Questionnaire has the id {resource_id}")
    return fhir_response(selectors.questionnaire_resource(instrument))


def _search(request, grant, resource_type: str) -> HttpResponse:
    found = search.parse(resource_type, request.GET)
    page = list(
        selectors.return_rows(
            selectors.search_returns(
                grant.client,
                nhs_number=found.nhs_number,
                since=found.since,
                until=found.until,
                instrument_codes=found.instrument_codes,
                after_id=found.after_id,
            )
        )[: found.count + 1]
    )
    more, page = len(page) > found.count, page[: found.count]
    resources = selectors.bundle_resources(
        grant.client,
        page,
        with_responses=resource_type == "QuestionnaireResponse",
        with_observations=resource_type == "Observation",
    )
    path = request.path
    next_url = None
    if more:
        next_url = _absolute(request, f"{path}?{urlencode([*found.kept, ('_page_after', page[-1]['id'])])}")
    list_name = (
        "fhir:questionnaire-response" if resource_type == "QuestionnaireResponse" else "fhir:observation"
    )
    entries = [(_absolute(request, reverse(list_name, args=[r["id"]])), r) for r in resources]
    _audit(request, grant, people=[r["person_id"] for r in page], reason=f"FHIR search {resource_type}")
    return fhir_response(searchset(self_url=request.build_absolute_uri(), next_url=next_url, entries=entries))


@fhir_endpoint({"GET": ("QuestionnaireResponse", "rs"), "POST": ("QuestionnaireResponse", "c")})
def questionnaire_response_list(request, grant):
    if request.method == "POST":
        return _create(request, grant)
    return _search(request, grant, "QuestionnaireResponse")


@fhir_endpoint({"GET": ("Observation", "rs")})
def observation_search(request, grant):
    return _search(request, grant, "Observation")


def _return_in_scope(grant, resource_id: str):
    prom_return = (
        selectors.return_rows(selectors.returns_in_scope(grant.client).filter(pk=int(resource_id))).first()
        if resource_id.isdigit()
        else None
    )
    if prom_return is None:
        # Out of scope and not there at all answer the same, so an id says nothing about anyone.
        raise FhirError(404, f"No resource has the id {resource_id}")
    return prom_return


@fhir_endpoint({"GET": ("QuestionnaireResponse", "rs")})
def questionnaire_response_read(request, grant, resource_id):
    prom_return = _return_in_scope(grant, resource_id)
    (resource,) = selectors.bundle_resources(grant.client, [prom_return], with_observations=False)
    _audit(
        request,
        grant,
        people=[prom_return["person_id"]],
        reason=f"FHIR read QuestionnaireResponse/{resource_id}",
    )
    return fhir_response(resource)


@fhir_endpoint({"GET": ("Observation", "rs")})
def observation_read(request, grant, resource_id):
    return_id, _, measure = resource_id.partition("-")
    if measure not in SCORES:
        raise FhirError(404, f"No resource has the id {resource_id}")
    prom_return = _return_in_scope(grant, return_id)
    found = [
        r
        for r in selectors.bundle_resources(grant.client, [prom_return], with_responses=False)
        if r["id"] == resource_id
    ]
    if not found:
        raise FhirError(404, f"No resource has the id {resource_id}")
    _audit(request, grant, people=[prom_return["person_id"]], reason=f"FHIR read Observation/{resource_id}")
    return fhir_response(found[0])


def _create(request, grant) -> HttpResponse:
    try:
        body = json.loads(request.body or b"null")
    except ValueError:
        raise FhirError(400, "The body is not JSON") from None
    result = intake.accept(body, grant=grant, request=request)
    return fhir_response(result.body, status=result.status, headers=result.headers)


@fhir_endpoint({"POST": ("QuestionnaireResponse", "c")})
def transaction(request, grant):
    """A transaction Bundle of QuestionnaireResponses, all written or none."""
    return _create(request, grant)


# Bulk export (FHIR Bulk Data Access): kick-off, status, files.

NDJSON = ("application/fhir+ndjson", "application/ndjson", "ndjson")
EXPORT_PARAMETERS = ("_type", "_since", "_outputFormat", "_typeFilter")


def _export_request(request, grant) -> dict:
    """The export asked for, every parameter checked; raises FhirError naming a bad one."""
    for name in request.GET:
        if name not in EXPORT_PARAMETERS:
            raise FhirError(
                400,
                f"{name} is not an $export parameter; use {', '.join(EXPORT_PARAMETERS)}",
                expression=name,
            )
    if "respond-async" not in request.headers.get("Prefer", ""):
        raise FhirError(400, "Send the header Prefer: respond-async", expression="Prefer")
    if request.GET.get("_outputFormat", NDJSON[0]) not in NDJSON:
        raise FhirError(400, "The only output format is application/fhir+ndjson", expression="_outputFormat")
    types = [t for t in ",".join(request.GET.getlist("_type")).split(",") if t] or list(export.TYPES)
    for kind in types:
        if kind not in export.TYPES:
            raise FhirError(
                400, f"{kind} cannot be exported; use {' or '.join(export.TYPES)}", expression="_type"
            )
        if not grant.allows(kind, "rs"):
            raise FhirError(403, f"The token's scopes do not allow reading {kind}", expression="_type")
    recorded_since = None
    if request.GET.get("_since"):
        recorded_since = parse_datetime(request.GET["_since"])
        if recorded_since is None or timezone.is_naive(recorded_since):
            raise FhirError(
                400,
                "_since must be an instant with a time zone, e.g. 2025-01-01T00:00:00Z",
                expression="_since",
            )
    since = until = None
    for type_filter in request.GET.getlist("_typeFilter"):
        kind, _, query = type_filter.partition("?")
        if kind not in export.TYPES:
            raise FhirError(400, f"{kind} cannot be exported", expression="_typeFilter")
        found = search.parse(kind, QueryDict(query))
        if (
            found.nhs_number
            or found.instrument_codes is not None
            or found.kept != [(k, v) for k, v in found.kept if k in ("authored", "date")]
        ):
            raise FhirError(
                400, "_typeFilter takes only a date range (authored or date)", expression="_typeFilter"
            )
        since, until = found.since, found.until
    return {"types": types, "since": since, "until": until, "recorded_since": recorded_since}


@fhir_endpoint({"GET": (None, "rs")})
def export_kickoff(request, grant):
    asked = _export_request(request, grant)
    started = export.export_start(client=grant.client, request_url=request.build_absolute_uri(), **asked)
    _audit(request, grant, reason=f"FHIR $export {started.pk} started", action=AuditAction.EXPORT)
    status_url = _absolute(request, reverse("fhir:export-status", args=[started.pk]))
    return HttpResponse(status=202, headers={"Content-Location": status_url})


def _export_for(grant, export_id: int):
    found = export.export_of(grant.client, export_id)
    if found is None:
        raise FhirError(404, f"No export has the id {export_id}")
    return found


@fhir_endpoint({"GET": (None, "rs"), "DELETE": (None, "rs")})
def export_status(request, grant, export_id):
    found = _export_for(grant, export_id)
    if request.method == "DELETE":
        export.export_cancel(found)
        return HttpResponse(status=202)
    if found.status in (FhirExportStatus.QUEUED, FhirExportStatus.RUNNING):
        progress = f"{found.returns_done} of {found.returns_total} returns"
        return HttpResponse(status=202, headers={"X-Progress": progress, "Retry-After": "2"})
    if found.status == FhirExportStatus.FAILED:
        raise FhirError(500, found.error or "The export failed")
    if found.status == FhirExportStatus.CANCELLED:
        raise FhirError(404, f"Export {export_id} was cancelled")
    if not found.output or found.expires_at <= timezone.now():
        raise FhirError(404, f"The files of export {export_id} have expired; start it again")
    manifest = {
        "transactionTime": found.created_at.isoformat(),
        "request": found.request_url,
        "requiresAccessToken": True,
        "output": [
            {
                "type": entry["type"],
                "url": _absolute(request, reverse("fhir:export-file", args=[found.pk, entry["type"]])),
                "count": entry["count"],
            }
            for entry in found.output
        ],
        "error": [],
    }
    return JsonResponse(manifest, headers={"Expires": found.expires_at.strftime("%a, %d %b %Y %H:%M:%S GMT")})


@fhir_endpoint({"GET": (None, "rs")})
def export_file(request, grant, export_id, resource_type):
    found = _export_for(grant, export_id)
    entry = next((e for e in found.output if e["type"] == resource_type), None)
    if entry is None or found.status != FhirExportStatus.DONE or found.expires_at <= timezone.now():
        raise FhirError(404, f"Export {export_id} has no {resource_type} file, or it has expired")
    if not grant.allows(resource_type, "rs"):
        raise FhirError(403, f"The token's scopes do not allow reading {resource_type}")
    _audit(
        request,
        grant,
        people=found.people,
        reason=f"FHIR $export {found.pk} {resource_type} file",
        action=AuditAction.EXPORT,
    )
    # Streamed from storage in chunks, never read whole into memory.
    return FileResponse(default_storage.open(entry["path"], "rb"), content_type="application/fhir+ndjson")
