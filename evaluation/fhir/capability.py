"""What the API offers, for clients to discover: the CapabilityStatement and SMART configuration."""

from django.conf import settings

from .auth import ALGORITHMS
from .search import DATE_PARAMETER, PATIENT

UK_CORE = "https://fhir.hl7.org.uk/StructureDefinition/"


def _search_params(resource_type: str) -> list[dict]:
    params = [
        {
            "name": name,
            "type": "token",
            "documentation": "NHS number: https://fhir.nhs.uk/Id/nhs-number|<ten digits>",
        }
        for name in PATIENT[:2]
    ]
    params.append(
        {
            "name": DATE_PARAMETER[resource_type],
            "type": "date",
            "documentation": "ge, le, gt, lt or eq a date",
        }
    )
    if resource_type == "QuestionnaireResponse":
        params.append(
            {
                "name": "questionnaire",
                "type": "reference",
                "documentation": "the Questionnaire's canonical URL",
            }
        )
    else:
        params.append(
            {"name": "code", "type": "token", "documentation": "a score's SNOMED CT or portal code"}
        )
    params.append({"name": "_count", "type": "number", "documentation": "page size, at most 100"})
    return params


def capability_statement(base: str) -> dict:
    security = {
        "service": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/restful-security-service",
                        "code": "SMART-on-FHIR",
                    }
                ]
            }
        ],
        "description": "SMART Backend Services: client credentials with a JWT client assertion signed with "
        + " or ".join(ALGORITHMS)
        + "; scopes system/<resource>.rs (read and search) and system/QuestionnaireResponse.c (create).",
    }
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-12-01",
        "publisher": settings.TRUST_NAME,
        "kind": "instance",
        "software": {"name": "Recovery Portal"},
        "implementation": {"description": "Outcome measures of the Recovery Portal", "url": base},
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json"],
        "rest": [
            {
                "mode": "server",
                "security": security,
                "interaction": [{"code": "transaction"}],
                "operation": [
                    {
                        "name": "export",
                        "definition": "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export",
                    }
                ],
                "resource": [
                    {
                        "type": "Questionnaire",
                        "interaction": [{"code": "read"}, {"code": "search-type"}],
                        "searchParam": [{"name": "url", "type": "uri"}],
                    },
                    {
                        "type": "QuestionnaireResponse",
                        "supportedProfile": [f"{UK_CORE}UKCore-QuestionnaireResponse"],
                        "interaction": [{"code": "read"}, {"code": "search-type"}, {"code": "create"}],
                        "searchParam": _search_params("QuestionnaireResponse"),
                    },
                    {
                        "type": "Observation",
                        "supportedProfile": [f"{UK_CORE}UKCore-Observation"],
                        "interaction": [{"code": "read"}, {"code": "search-type"}],
                        "searchParam": _search_params("Observation"),
                    },
                ],
            }
        ],
    }


def smart_configuration(token_endpoint: str) -> dict:
    return {
        "token_endpoint": token_endpoint,
        "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": ALGORITHMS,
        "grant_types_supported": ["client_credentials"],
        "scopes_supported": [
            "system/Questionnaire.rs",
            "system/QuestionnaireResponse.rs",
            "system/Observation.rs",
            "system/QuestionnaireResponse.c",
        ],
        "capabilities": ["client-confidential-asymmetric"],
    }
