"""What every persona gets from every named URL, and a check that no URL is left out.

Each row: URL name → a function building its arguments from pytest's ``request`` (so a row can use any
fixture, e.g. ``r.getfixturevalue("persona_team")``) → the expected status per persona on GET.
"*" is the default for signed-in personas; "anonymous" is a visitor who has not signed in.
Out of scope is 404, in scope but not allowed is 403, not signed in is a redirect to sign in.

The core rows are here; each app adds its own in ``<app>/tests/authorisation.py`` (and, for a large
app, ``authorisation_<part>.py`` modules beside it) as ``GET_ROWS`` and ``POST_ROWS`` (POST: the same
shape, the request sent with no form data).
"""

import importlib
import pkgutil

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous", "admin", "teamlead", "clinician", "peerworker", "serviceuser", "carer",
    "wslead", "steering", "college", "trainer", "evaluation", "outsider",
]  # fmt: skip
NOT_STAFF = {"serviceuser": 403, "carer": 403}
SIGN_IN = 302
APPS = ["workstreams", "teams", "careplans", "college", "evaluation", "identity"]


def no_args(request):
    return {}


CORE_GET_ROWS = {
    # Public pages.
    "login": (no_args, {"anonymous": 200, "*": 302}),  # signed-in people go straight home
    "health": (no_args, {"anonymous": 200, "*": 200}),
    # Readiness, for load balancers and monitoring: no sign-in, no personal data (jobs run in-process here).
    "health-ready": (no_args, {"anonymous": 200, "*": 200}),
    "accessibility-statement": (no_args, {"anonymous": 200, "*": 200}),
    "privacy-notice": (no_args, {"anonymous": 200, "*": 200}),
    "password_reset": (no_args, {"anonymous": 200, "*": 200}),
    "password_reset_done": (no_args, {"anonymous": 200, "*": 200}),
    "password_reset_confirm": (
        lambda r: {"uidb64": "MQ", "token": "set-password"},
        {"anonymous": 200, "*": 200},  # an invalid link says so
    ),
    "password_reset_complete": (no_args, {"anonymous": 200, "*": 200}),
    # Signed in.
    "home": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    "logout": (no_args, {"anonymous": SIGN_IN, "*": 405}),  # sign-out is a POST
    "password_change": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    "password_change_done": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    "tasks": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    "task-complete": (
        lambda r: {"pk": r.getfixturevalue("clinician_task").pk},
        {"anonymous": SIGN_IN, "*": 405},
    ),
    "system-status": (no_args, {"anonymous": SIGN_IN, "admin": 200, "*": 403}),
    # Each person's own contact settings; staff have none to set, but the page shows their messages.
    "contact-settings": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    # GOV.UK Notify's delivery receipts: a POST with Notify's bearer token, never a page.
    "notify-callback": (no_args, {"anonymous": 405, "*": 405}),
    "admin:index": (no_args, {"anonymous": SIGN_IN, "admin": 200, "*": SIGN_IN}),
    # Each person's own second factors (ADR 0027); the test client's staff have passed theirs.
    "mfa-setup": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    "mfa-setup-app": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    "mfa-setup-passkey": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    "mfa-passkey-register-options": (no_args, {"anonymous": SIGN_IN, "*": 405}),
    "mfa-recovery-codes": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    # Only one's own device: another person's is not found.
    "mfa-device-remove": (
        lambda r: {"persistent_id": _app_of(r.getfixturevalue("clinician")).persistent_id},
        {"anonymous": SIGN_IN, "clinician": 200, "*": 404},
    ),
    # People with no second factor are sent to set one up.
    "mfa-verify": (no_args, {"anonymous": SIGN_IN, "serviceuser": 302, "carer": 302, "*": 200}),
    "mfa-passkey-options": (no_args, {"anonymous": SIGN_IN, "*": 405}),
    "mfa-recover": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    # The idle-timeout warning's "Stay signed in" is a POST; a kept entry is shown only to its writer.
    "session-extend": (no_args, {"anonymous": SIGN_IN, "*": 405}),
    "kept-entry": (lambda r: {"key": "nothing-kept-under-this-key"}, {"anonymous": SIGN_IN, "*": 404}),
    # An administrator's reset of someone's second factors; anyone else is not told the page exists.
    "mfa-admin-reset": (
        lambda r: {"user_id": r.getfixturevalue("clinician").pk},
        {"anonymous": SIGN_IN, "admin": 200, "*": 404},
    ),
}

CORE_POST_ROWS = {
    "logout": (no_args, {"anonymous": SIGN_IN, "*": 302}),
    # Without GOV.UK Notify's bearer token a receipt is refused, whoever sends it.
    "notify-callback": (no_args, {"anonymous": 401, "*": 401}),
    # An empty form is shown again with its errors; nothing is saved.
    "contact-settings": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    "system-status": (no_args, {"anonymous": SIGN_IN, "admin": 302, "*": 403}),
    # A task is seen only by the person it is for: anyone else gets 404.
    "task-complete": (
        lambda r: {"pk": r.getfixturevalue("clinician_task").pk},
        {"anonymous": SIGN_IN, "clinician": 302, "*": 404},
    ),
    "mfa-passkey-register-options": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    "mfa-passkey-options": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    "session-extend": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    # Posting asks for new recovery codes, which replace the old ones.
    "mfa-recovery-codes": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    "mfa-device-remove": (
        lambda r: {"persistent_id": _app_of(r.getfixturevalue("clinician")).persistent_id},
        {"anonymous": SIGN_IN, "clinician": 302, "*": 404},
    ),
    # An empty form is shown again with its errors.
    "mfa-setup-app": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    "mfa-setup-passkey": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    "mfa-verify": (no_args, {"anonymous": SIGN_IN, "serviceuser": 302, "carer": 302, "*": 200}),
    "mfa-recover": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    "mfa-admin-reset": (
        lambda r: {"user_id": r.getfixturevalue("clinician").pk},
        {"anonymous": SIGN_IN, "admin": 200, "*": 404},
    ),
}


def _app_of(user):
    from tests.fixtures.second_factor import app_for

    return app_for(user)


def _row_modules():
    """Each app's ``tests/authorisation.py`` and any ``tests/authorisation_<part>.py`` beside it."""
    for app in APPS:
        tests = importlib.import_module(f"{app}.tests")
        names = sorted(
            info.name
            for info in pkgutil.iter_modules(tests.__path__)
            if info.name == "authorisation" or info.name.startswith("authorisation_")
        )
        for name in names:
            yield f"{app}.tests.{name}", importlib.import_module(f"{app}.tests.{name}")


def _app_rows(attribute: str) -> dict:
    rows = {}
    for name, module in _row_modules():
        duplicated = rows.keys() & getattr(module, attribute, {}).keys()
        assert not duplicated, f"{name} repeats rows {duplicated}"
        rows.update(getattr(module, attribute, {}))
    return rows


MATRIX = {**CORE_GET_ROWS, **_app_rows("GET_ROWS")}
POST_MATRIX = {**CORE_POST_ROWS, **_app_rows("POST_ROWS")}


@pytest.fixture
def clinician_task(clinician):
    from recovery_portal.services import follow_up_task_raise

    task, _ = follow_up_task_raise(key="matrix-task", assignee=clinician, title="Review due", url="/")
    return task


# Django admin guards its own pages (staff only); its index stands for them in the matrix.
EXCLUDED_NAMESPACES = {"admin"}


def all_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= all_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_named_url_is_in_the_matrix():
    names = {n for n in all_url_names() if n.split(":")[0] not in EXCLUDED_NAMESPACES}

    missing = sorted(names - MATRIX.keys())
    assert not missing, f"add these URLs to the authorisation matrix: {missing}"
    assert not sorted(MATRIX.keys() - names - {"admin:index"}), "the matrix lists URLs that no longer exist"


def test_every_post_only_url_has_a_row_for_its_writes():
    post_only = {name for name, (_, expected) in MATRIX.items() if expected["*"] == 405}

    assert not sorted(post_only - POST_MATRIX.keys()), "add these URLs to a POST_ROWS table"


def test_every_row_covers_anonymous_and_signed_in_people():
    for name, (_, expected) in [*MATRIX.items(), *POST_MATRIX.items()]:
        assert "anonymous" in expected and "*" in expected, name


def _status_as(client, personas, persona: str, method: str, url: str):
    """One request as ``persona``, inside a savepoint rolled back afterwards, so nothing one persona's
    request writes can change what the next persona gets."""
    client.logout()
    if persona != "anonymous":
        client.force_login(personas[persona])
    with transaction.atomic():
        response = getattr(client, method)(url)
        transaction.set_rollback(True)
    return response


def _check_every_persona(client, personas, table: dict, url_name: str, method: str, request) -> None:
    build_args, expected = table[url_name]
    url = reverse(url_name, kwargs=build_args(request))
    wrong = {}
    for persona in PERSONAS:
        response = _status_as(client, personas, persona, method, url)
        want = expected.get(persona, expected["*"])
        if response.status_code != want:
            wrong[persona] = f"got {response.status_code}, expected {want}"
        elif (
            want == SIGN_IN
            and persona == "anonymous"
            and not response.url.startswith(("/sign-in/", "/admin/login/"))
        ):
            wrong[persona] = f"redirected to {response.url}, not to sign in"
    assert not wrong, f"{method.upper()} {url_name}: {wrong}"


# One test per URL, checking every persona: the persona Trust is built once per URL, not per persona.
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_authorisation(request, client, personas, url_name):
    _check_every_persona(client, personas, MATRIX, url_name, "get", request)


@pytest.mark.parametrize("url_name", sorted(POST_MATRIX))
def test_authorisation_of_writes(request, client, personas, url_name):
    _check_every_persona(client, personas, POST_MATRIX, url_name, "post", request)


# Endpoints for other systems, which authenticate by a bearer token instead of a session and CSRF token;
# their own tests show a wrong token is refused.
TOKEN_AUTHENTICATED = {
    "notify-callback",
    # The FHIR API (ADR 0028): a SMART Backend Services bearer token, or a signed client assertion.
    "fhir:base",
    "fhir:token",
    "fhir:questionnaire-responses",
}


@pytest.mark.parametrize("url_name", sorted(set(POST_MATRIX) - TOKEN_AUTHENTICATED))
def test_writes_without_a_csrf_token_are_refused(request, personas, url_name):
    from django.test import Client

    build_args, expected = POST_MATRIX[url_name]
    # Someone allowed to make this write, so only the missing token can be the reason for refusal.
    allowed = next(p for p in PERSONAS[1:] if expected.get(p, expected["*"]) in (200, 302))
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas[allowed])

    response = client.post(reverse(url_name, kwargs=build_args(request)))

    assert response.status_code == 403
    assert b"expired" in response.content.lower() or b"try again" in response.content.lower()
