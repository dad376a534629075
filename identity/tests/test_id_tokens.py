"""ID tokens issued by the local Trust identity service, checked by the portal: only an untouched, current
token for the portal, from the configured issuer, with the nonce of this sign-in, is believed."""

import base64
import dataclasses
import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from identity import oidc
from identity.oidc import SignInRefused
from tests.fixtures.identity_providers import sign_in_with

pytestmark = pytest.mark.django_db


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


@pytest.fixture
def issued(client, staff_idp):
    """A real ID token from the local identity service, its nonce and the portal's provider settings."""
    sign_in_with(client, "/sign-in/trust/", "new.starter")
    token = client.session["identity_id_token"]
    return token, _claims(token)["nonce"], oidc.staff_provider()


def test_an_untouched_token_is_believed(issued):
    token, nonce, provider = issued
    assert oidc.verify_id_token(provider, token, nonce=nonce)["aud"] == provider.client_id


def test_a_changed_claim_breaks_the_signature(issued):
    token, nonce, provider = issued
    header, _payload, signature = token.split(".")
    forged = ".".join([header, _b64({**_claims(token), "oid": "someone-else"}), signature])
    with pytest.raises(SignInRefused) as refused:
        oidc.verify_id_token(provider, forged, nonce=nonce)
    assert refused.value.code == "id-token"


def test_an_unsigned_token_is_refused(issued):
    token, nonce, provider = issued
    unsigned = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{token.split('.')[1]}."
    with pytest.raises(SignInRefused):
        oidc.verify_id_token(provider, unsigned, nonce=nonce)


def test_an_expired_token_is_refused(issued):
    token, nonce, provider = issued
    with time_machine.travel(timezone.now() + timedelta(hours=1)), pytest.raises(SignInRefused):
        oidc.verify_id_token(provider, token, nonce=nonce)


def test_a_token_for_another_application_is_refused(issued):
    token, nonce, provider = issued
    with pytest.raises(SignInRefused):
        oidc.verify_id_token(dataclasses.replace(provider, client_id="another-trust-app"), token, nonce=nonce)


def test_a_token_from_another_issuer_is_refused(issued, nhs_login_idp):
    token, nonce, provider = issued
    with pytest.raises(SignInRefused):
        oidc.verify_id_token(oidc.nhs_login_provider(), token, nonce=nonce)


def test_a_token_with_the_nonce_of_another_sign_in_is_refused(issued):
    token, _nonce, provider = issued
    with pytest.raises(SignInRefused):
        oidc.verify_id_token(provider, token, nonce="the-nonce-of-another-sign-in")
