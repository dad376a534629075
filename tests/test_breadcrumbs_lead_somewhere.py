"""Every breadcrumb leads to a page the person can open: no crumb to a 403 or a 404 (issue 17).

Each page of the authorisation matrix is opened as every persona who may open it; each crumb of its
trail must resolve to a page of the portal that the same persona opens (200), with a label.
"""

from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.urls import Resolver404, resolve, reverse

# The matrix's rows build their URL arguments from these fixtures, so they are needed here too.
from tests.test_authorisation_matrix import MATRIX, PERSONAS, clinician_task  # noqa: F401

pytestmark = pytest.mark.django_db

OPENED_BY_SOMEONE = sorted(
    name
    for name, (_, expected) in MATRIX.items()
    if any(expected.get(persona, expected["*"]) == 200 for persona in PERSONAS if persona != "anonymous")
)


def _get(client, user, url):
    client.force_login(user)
    with transaction.atomic():
        response = client.get(url)
        transaction.set_rollback(True)
    return response


@pytest.mark.parametrize("url_name", OPENED_BY_SOMEONE)
def test_every_crumb_opens_for_the_person_who_sees_it(request, client, personas, url_name):
    build_args, expected = MATRIX[url_name]
    url = reverse(url_name, kwargs=build_args(request))
    dead_ends = []
    for persona in PERSONAS:
        if persona == "anonymous" or expected.get(persona, expected["*"]) != 200:
            continue
        page = _get(client, personas[persona], url)
        trail = (page.context or {}).get("breadcrumbs") or [] if page.status_code == 200 else []
        for crumb in trail:
            path = urlsplit(str(crumb["url"])).path
            try:
                resolve(path)
            except Resolver404:
                dead_ends.append(f"{persona}: {crumb['label']!r} → {path} is no page")
                continue
            status = _get(client, personas[persona], crumb["url"]).status_code
            if status != 200 or not str(crumb["label"]).strip():
                dead_ends.append(f"{persona}: {crumb['label']!r} → {path} answers {status}")
    assert not dead_ends, f"{url_name}: " + "; ".join(dead_ends)
