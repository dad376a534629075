"""Request ids and client addresses on audit rows come from the portal and its own proxies, never the client."""

import pytest
from django.urls import reverse

from recovery_portal.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def _sign_in_failure(client, **headers_and_meta):
    client.post(
        reverse("login"), {"username": "nobody", "password": "wrong-password-here"}, **headers_and_meta
    )
    return AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED).latest("id")


def test_an_audit_row_keeps_the_portals_request_id_not_the_clients(client):
    response = client.post(
        reverse("login"),
        {"username": "nobody", "password": "wrong-password-here"},
        headers={"X-Request-ID": "forged-id-0001"},
    )
    event = AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED).latest("id")

    assert event.request_id == response["X-Request-ID"]
    assert event.request_id != "forged-id-0001"


def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(client, settings):
    settings.TRUSTED_PROXY_IP_HEADER = ""

    event = _sign_in_failure(client, REMOTE_ADDR="10.9.8.7", headers={"X-Forwarded-For": "203.0.113.66"})

    assert event.ip_address == "10.9.8.7"


@pytest.mark.parametrize(
    ("forwarded_for", "proxies", "expected"),
    [
        # The one trusted proxy appended the address it saw; the client wrote the first entry itself.
        ("203.0.113.66, 198.51.100.20", 1, "198.51.100.20"),
        ("198.51.100.20", 1, "198.51.100.20"),
        # Two proxies: the second-last entry is the address the outer proxy saw.
        ("203.0.113.66, 198.51.100.20, 10.0.0.5", 2, "198.51.100.20"),
        # Fewer entries than proxies: the request did not come through them all; the connection is all we know.
        ("198.51.100.20", 2, "10.9.8.7"),
        # Not an address at all.
        ("203.0.113.66, not-an-address", 1, "10.9.8.7"),
        ("", 1, "10.9.8.7"),
    ],
)
def test_behind_trusted_proxies_only_their_entries_are_believed(
    client, settings, forwarded_for, proxies, expected
):
    settings.TRUSTED_PROXY_IP_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = proxies

    event = _sign_in_failure(client, REMOTE_ADDR="10.9.8.7", headers={"X-Forwarded-For": forwarded_for})

    assert event.ip_address == expected


def test_a_spoofed_header_other_than_the_configured_one_is_ignored(client, settings):
    settings.TRUSTED_PROXY_IP_HEADER = "X-Real-IP"
    settings.TRUSTED_PROXY_COUNT = 1

    event = _sign_in_failure(
        client,
        REMOTE_ADDR="10.9.8.7",
        headers={"X-Forwarded-For": "203.0.113.66", "X-Real-IP": "198.51.100.20"},
    )

    assert event.ip_address == "198.51.100.20"
