"""The FHIR API's endpoints: thin, each checking the bearer token and scope, then reading through the
selectors and answering in FHIR JSON. Every response about people is audited as a read of each of them,
as the client's service account; a refused request is audited too (ADR 0028)."""

import json
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from recovery_portal import audit
from recovery_portal.models import AuditAction

from . import auth, capability, intake, search, selectors
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
                if not grant.allows(resource_type, interaction):
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
        response = JsonResponse(
            {"error": refused.error, "error_description": refused.description}, status=refused.status
        )
        response["Cache-Control"] = "no-store"
        return response
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
        selectors.search_returns(
            grant.client,
            nhs_number=found.nhs_number,
            since=found.since,
            until=found.until,
            instrument_codes=found.instrument_codes,
            after_id=found.after_id,
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
        next_url = _absolute(request, f"{path}?{urlencode([*found.kept, ('_page_after', page[-1].pk)])}")
    list_name = (
        "fhir:questionnaire-response" if resource_type == "QuestionnaireResponse" else "fhir:observation"
    )
    entries = [(_absolute(request, reverse(list_name, args=[r["id"]])), r) for r in resources]
    _audit(request, grant, people=[r.person_id for r in page], reason=f"FHIR search {resource_type}")
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
        selectors.returns_in_scope(grant.client).filter(pk=int(resource_id)).first()
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
        people=[prom_return.person_id],
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
    _audit(request, grant, people=[prom_return.person_id], reason=f"FHIR read Observation/{resource_id}")
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
