"""SMART Backend Services: a client signs a JWT with its private key to get a short-lived bearer token.

The assertion must be signed with RS384 or ES384 by a key in the client's registered JWK Set, name the
client as ``iss`` and ``sub`` and the token endpoint as ``aud``, expire within five minutes, and carry a
``jti`` never used before by that client. The token is a random string; only its SHA-256 is stored.
There is no other way in, in any settings (ADR 0028).
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import FhirAccessToken, FhirClient, FhirClientAssertion

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ALGORITHMS = ["RS384", "ES384"]
MAX_ASSERTION_LIFETIME = timedelta(minutes=5)
LEEWAY = timedelta(seconds=30)


class TokenRefused(Exception):
    """The token request is refused; ``error`` is the OAuth 2.0 error code, ``status`` the HTTP status."""

    def __init__(self, error: str, description: str, status: int = 400):
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status


@dataclass(frozen=True)
class Grant:
    client: FhirClient
    scopes: frozenset[str]

    def allows(self, resource_type: str, interaction: str) -> bool:
        """``interaction`` is "rs" (read and search) or "c" (create); SMART v1 ``.read``/``.write`` and
        v2 sub-permissions both count."""
        for scope in self.scopes:
            kind, _, rest = scope.partition("/")
            resource, _, permissions = rest.partition(".")
            if kind != "system" or resource not in (resource_type, "*"):
                continue
            if permissions == "read" and interaction == "rs":
                return True
            if permissions == "write" and interaction == "c":
                return True
            if all(letter in permissions for letter in interaction) and set(permissions) <= set("cruds"):
                return True
        return False


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_lifetime() -> int:
    return int(getattr(settings, "FHIR_TOKEN_LIFETIME_SECONDS", 300))


def _client_for(assertion: str) -> FhirClient:
    try:
        claims = jwt.decode(assertion, options={"verify_signature": False})
        header = jwt.get_unverified_header(assertion)
    except jwt.PyJWTError:
        raise TokenRefused("invalid_client", "The client assertion is not a JWT.", 401) from None
    if header.get("alg") not in ALGORITHMS:
        raise TokenRefused("invalid_client", "Sign the client assertion with RS384 or ES384.", 401)
    client = FhirClient.objects.filter(client_id=str(claims.get("iss", "")), is_active=True).first()
    if client is None:
        raise TokenRefused("invalid_client", "No active client has this iss.", 401)
    return client


def _key_for(client: FhirClient, assertion: str):
    kid = jwt.get_unverified_header(assertion).get("kid")
    try:
        keys = jwt.PyJWKSet.from_dict(client.jwks).keys
    except jwt.PyJWTError:
        raise TokenRefused("invalid_client", "The client's registered JWK Set cannot be read.", 401) from None
    matching = [key for key in keys if kid is None or key.key_id == kid]
    if not matching:
        raise TokenRefused("invalid_client", "No registered key of the client has this kid.", 401)
    return matching


def verify_assertion(assertion: str, *, audiences: list[str]) -> tuple[FhirClient, dict]:
    """The client whose key signed ``assertion``, after every check; raises ``TokenRefused``."""
    client = _client_for(assertion)
    claims = None
    for key in _key_for(client, assertion):
        try:
            claims = jwt.decode(
                assertion,
                key=key.key,
                algorithms=ALGORITHMS,
                audience=audiences,
                issuer=client.client_id,
                leeway=LEEWAY,
                options={"require": ["exp", "iss", "sub", "aud", "jti"]},
            )
            break
        except jwt.ExpiredSignatureError:
            raise TokenRefused("invalid_client", "The client assertion has expired.", 401) from None
        except jwt.InvalidSignatureError:
            continue
        except jwt.PyJWTError as error:
            raise TokenRefused("invalid_client", f"The client assertion is refused: {error}.", 401) from None
    if claims is None:
        raise TokenRefused(
            "invalid_client", "The client assertion's signature does not match a registered key.", 401
        )
    if claims["sub"] != client.client_id:
        raise TokenRefused("invalid_client", "The client assertion's sub must be the client id.", 401)
    expires = datetime.fromtimestamp(claims["exp"], tz=UTC)
    if expires - timezone.now() > MAX_ASSERTION_LIFETIME + LEEWAY:
        raise TokenRefused("invalid_client", "The client assertion must expire within five minutes.", 401)
    try:
        with transaction.atomic():
            FhirClientAssertion.objects.create(client=client, jti=str(claims["jti"]), expires_at=expires)
    except IntegrityError:
        raise TokenRefused("invalid_client", "This client assertion (jti) was used before.", 401) from None
    return client, claims


def issue_token(
    *, assertion: str, assertion_type: str, grant_type: str, scope: str, audiences: list[str]
) -> dict:
    """Check a token request and issue a bearer token for the scopes asked for that the client has."""
    if grant_type != "client_credentials":
        raise TokenRefused("unsupported_grant_type", "Use grant_type=client_credentials.")
    if assertion_type != ASSERTION_TYPE or not assertion:
        raise TokenRefused("invalid_request", f"Send a client_assertion of type {ASSERTION_TYPE}.")
    client, _claims = verify_assertion(assertion, audiences=audiences)
    asked = set(scope.split())
    granted = asked & client.scope_set
    if not granted:
        raise TokenRefused("invalid_scope", "None of the scopes asked for is allowed to this client.")
    token = secrets.token_urlsafe(32)
    lifetime = token_lifetime()
    FhirAccessToken.objects.create(
        client=client,
        token_sha256=_sha256(token),
        scopes=" ".join(sorted(granted)),
        expires_at=timezone.now() + timedelta(seconds=lifetime),
    )
    # Used assertions are kept only while they could still be replayed.
    FhirClientAssertion.objects.filter(expires_at__lt=timezone.now() - LEEWAY).delete()
    return {
        "access_token": token,
        "token_type": "bearer",
        "expires_in": lifetime,
        "scope": " ".join(sorted(granted)),
        "client": client,  # for the caller's audit; not part of the answer
    }


def grant_for(authorization: str) -> Grant | None:
    """The grant of a live bearer token in an ``Authorization`` header, or None."""
    kind, _, token = authorization.partition(" ")
    if kind.lower() != "bearer" or not token.strip():
        return None
    found = (
        FhirAccessToken.objects.select_related("client", "client__user")
        .filter(token_sha256=_sha256(token.strip()), expires_at__gt=timezone.now(), client__is_active=True)
        .first()
    )
    if found is None:
        return None
    return Grant(found.client, frozenset(found.scopes.split()))
