"""What every persona gets from every named URL, and a check that no URL is left out.

Each row: URL name → how to build its arguments → expected status per persona on GET.
"*" is the default for signed-in personas; "anonymous" is a visitor who has not signed in.
Out of scope is 404, in scope but not allowed is 403, not signed in is a redirect to sign in.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous", "admin", "teamlead", "clinician", "peerworker", "serviceuser", "carer",
    "wslead", "steering", "college", "trainer", "evaluation", "outsider",
]  # fmt: skip
NOT_STAFF = {"serviceuser": 403, "carer": 403}
SIGN_IN = 302


def no_args(objects):
    return {}


MATRIX = {
    # Public pages.
    "login": (no_args, {"anonymous": 200, "*": 302}),  # signed-in people go straight home
    "health": (no_args, {"anonymous": 200, "*": 200}),
    "accessibility-statement": (no_args, {"anonymous": 200, "*": 200}),
    "privacy-notice": (no_args, {"anonymous": 200, "*": 200}),
    "password_reset": (no_args, {"anonymous": 200, "*": 200}),
    "password_reset_done": (no_args, {"anonymous": 200, "*": 200}),
    "password_reset_confirm": (
        lambda o: {"uidb64": "MQ", "token": "set-password"},
        {"anonymous": 200, "*": 200},  # an invalid link says so
    ),
    "password_reset_complete": (no_args, {"anonymous": 200, "*": 200}),
    # Signed in.
    "home": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    "logout": (no_args, {"anonymous": SIGN_IN, "*": 405}),  # sign-out is a POST
    "password_change": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    "password_change_done": (no_args, {"anonymous": SIGN_IN, "*": 200}),
    "system-status": (no_args, {"anonymous": SIGN_IN, "admin": 200, "*": 403}),
    "admin:index": (no_args, {"anonymous": SIGN_IN, "admin": 200, "*": SIGN_IN}),
    # Trust structure: every member of staff may read it; people using services and carers may not.
    "workstreams:list": (no_args, {"anonymous": SIGN_IN, **NOT_STAFF, "*": 200}),
    "teams:directory": (no_args, {"anonymous": SIGN_IN, **NOT_STAFF, "*": 200}),
    "teams:detail": (
        lambda o: {"slug": o["persona_team"].slug},
        {"anonymous": SIGN_IN, **NOT_STAFF, "*": 200},
    ),
}

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


def test_every_row_covers_anonymous_and_signed_in_people():
    for name, (_, expected) in MATRIX.items():
        assert "anonymous" in expected and "*" in expected, name


CASES = [(name, persona) for name in MATRIX for persona in PERSONAS]


@pytest.mark.parametrize(("url_name", "persona"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_authorisation(client, personas, persona_team, outsider_team, url_name, persona):
    build_args, expected = MATRIX[url_name]
    objects = {"persona_team": persona_team, "outsider_team": outsider_team}
    if persona != "anonymous":
        client.force_login(personas[persona])

    response = client.get(reverse(url_name, kwargs=build_args(objects)))

    want = expected.get(persona, expected["*"])
    assert response.status_code == want, f"{persona} on {url_name}"
    if want == SIGN_IN and persona == "anonymous":
        assert "/sign-in/" in response.url or "/admin/login/" in response.url


# Writes: who may POST to each URL that changes something (no form data: the check comes first).
POST_MATRIX = {
    "logout": {"anonymous": SIGN_IN, "*": 302},
    "system-status": {"anonymous": SIGN_IN, "admin": 302, "*": 403},
}
POST_CASES = [(name, persona) for name in POST_MATRIX for persona in PERSONAS]


@pytest.mark.parametrize(("url_name", "persona"), POST_CASES, ids=[f"{n}-{p}" for n, p in POST_CASES])
def test_authorisation_of_writes(client, personas, url_name, persona):
    if persona != "anonymous":
        client.force_login(personas[persona])

    response = client.post(reverse(url_name))

    expected = POST_MATRIX[url_name]
    assert response.status_code == expected.get(persona, expected["*"]), f"{persona} posting to {url_name}"


@pytest.mark.parametrize("url_name", sorted(POST_MATRIX))
def test_writes_without_a_csrf_token_are_refused(personas, url_name):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas["admin"])

    response = client.post(reverse(url_name))

    assert response.status_code == 403
    assert b"expired" in response.content.lower() or b"try again" in response.content.lower()
