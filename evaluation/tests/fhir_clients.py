"""FHIR API clients for tests: real key pairs, registered as an administrator would, and real signed
client assertions exchanged at the token endpoint for bearer tokens (nothing is bypassed)."""

import json
import time
import uuid

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from careplans.tests.factories import CaseloadEntryFactory, ServiceUserFactory
from recovery_portal.tests.factories import UserFactory

from ..models import FhirClient
from ..models.fhir import SCOPES
from .factories import prom_return

TOKEN_URL = "http://testserver/fhir/token"


def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def ec_key():
    return ec.generate_private_key(ec.SECP384R1())


def public_jwks(*keys_with_ids) -> dict:
    found = []
    for kid, key in keys_with_ids:
        if isinstance(key, rsa.RSAPrivateKey):
            jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
            jwk["alg"] = "RS384"
        else:
            jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(key.public_key()))
            jwk["alg"] = "ES384"
        jwk["kid"] = kid
        found.append(jwk)
    return {"keys": found}


def assertion(client_id: str, key, *, kid="key-1", aud=TOKEN_URL, expires_in=120, jti=None, sub=None) -> str:
    alg = "RS384" if isinstance(key, rsa.RSAPrivateKey) else "ES384"
    now = int(time.time())
    claims = {
        "iss": client_id,
        "sub": sub or client_id,
        "aud": aud,
        "exp": now + expires_in,
        "jti": jti or uuid.uuid4().hex,
    }
    return jwt.encode(claims, key, algorithm=alg, headers={"kid": kid})


def token_request(http, signed: str, scope: str = " ".join(SCOPES)):
    return http.post(
        "/fhir/token",
        {
            "grant_type": "client_credentials",
            "scope": scope,
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": signed,
        },
    )


def register(*, client_id: str, key, teams=(), trust_wide=False, scopes=SCOPES, kid="key-1") -> FhirClient:
    account = UserFactory(username=f"system-{client_id}", first_name="System", last_name=client_id)
    client = FhirClient.objects.create(
        name=f"System {client_id}",
        client_id=client_id,
        jwks=public_jwks((kid, key)),
        scopes=" ".join(scopes),
        trust_wide=trust_wide,
        user=account,
    )
    client.teams.set(teams)
    return client


def bearer(http, client: FhirClient, key, scope: str = " ".join(SCOPES)) -> dict:
    response = token_request(http, assertion(client.client_id, key), scope)
    assert response.status_code == 200, response.content
    return {"HTTP_AUTHORIZATION": f"Bearer {response.json()['access_token']}"}


@pytest.fixture(scope="module")
def warehouse_key():
    return rsa_key()


@pytest.fixture
def team_system(persona_team, warehouse_key, measures_reference_data):
    """A system allowed the persona team's returns (Broxtowe CMHT)."""
    return register(client_id="broxtowe-epr", key=warehouse_key, teams=[persona_team])


@pytest.fixture
def team_headers(client, team_system, warehouse_key):
    return bearer(client, team_system, warehouse_key)


@pytest.fixture
def other_team_person(outsider_team, personas, measures_reference_data):
    """Someone on Wathwood Ward 2's caseload only, with one return there."""
    person = ServiceUserFactory(given_name="Mina", family_name="Osei")
    CaseloadEntryFactory(person=person, team=outsider_team, care_coordinator=personas["outsider"])
    prom_return(person=person, team=outsider_team)
    return person
