"""Rows of the authorisation matrix for the FHIR API (see tests/test_authorisation_matrix.py).

The API is for other systems, which authenticate with a bearer token from the token endpoint, never a
session: a signed-in person without a token gets the same 401 OperationOutcome as anyone else. The
CapabilityStatement and SMART configuration are public, as FHIR and SMART require. The endpoints that
take a POST are listed as TOKEN_AUTHENTICATED in the matrix (no CSRF token); their own tests
(evaluation/tests/test_fhir_api.py, test_fhir_intake.py) show every wrong token refused.
"""


def no_args(r):
    return {}


def one(resource_id):
    return lambda r: {"resource_id": resource_id}


PUBLIC = {"anonymous": 200, "*": 200}
TOKEN_ONLY = {"anonymous": 401, "*": 401}
POST_ONLY = {"anonymous": 405, "*": 405}

GET_ROWS = {
    "fhir:metadata": (no_args, PUBLIC),
    "fhir:smart-configuration": (no_args, PUBLIC),
    "fhir:token": (no_args, POST_ONLY),
    "fhir:base": (no_args, POST_ONLY),  # a transaction Bundle is POSTed to the base
    "fhir:questionnaires": (no_args, TOKEN_ONLY),
    "fhir:questionnaire": (one("swemwbs"), TOKEN_ONLY),
    "fhir:questionnaire-responses": (no_args, TOKEN_ONLY),
    "fhir:questionnaire-response": (one("1"), TOKEN_ONLY),
    "fhir:observations": (no_args, TOKEN_ONLY),
    "fhir:observation": (one("1-total"), TOKEN_ONLY),
    "fhir:export": (no_args, TOKEN_ONLY),
    "fhir:export-status": (lambda r: {"export_id": 1}, TOKEN_ONLY),
    "fhir:export-file": (lambda r: {"export_id": 1, "resource_type": "Observation"}, TOKEN_ONLY),
}

POST_ROWS = {
    # A token request with nothing in it: unsupported_grant_type, whoever sends it.
    "fhir:token": (no_args, {"anonymous": 400, "*": 400}),
    "fhir:base": (no_args, TOKEN_ONLY),
    "fhir:questionnaire-responses": (no_args, TOKEN_ONLY),
}
