"""OpenID Connect sign-in, one provider at a time: the Trust's staff identity service (Entra ID or CIS2)
and NHS login. authlib makes the requests (PKCE, client authentication by secret or ``private_key_jwt``);
its JOSE library, joserfc, checks the ID token. Nothing about a person is believed until the ID token's
signature, issuer, audience, expiry and nonce have been checked here.
"""

import hmac
import json
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from django.conf import settings
from django.core.cache import cache
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, RSAKey

from .models import ProviderKind

# Asymmetric algorithms only: an ID token signed with "none" or a shared secret is never accepted.
ID_TOKEN_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384"]
HTTP_TIMEOUT = 10
METADATA_SECONDS = 60 * 60
PENDING_KEY = "identity_pending_sign_in"


class SignInRefused(Exception):
    """A sign-in that must not go ahead; ``code`` goes to the audit trail, never to the page."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class ProviderConfig:
    kind: str
    issuer: str
    client_id: str
    client_auth: str  # client_secret_basic, client_secret_post or private_key_jwt
    client_secret: str = ""
    private_key_file: str = ""
    signing_alg: str = "RS256"
    signed_request_object: bool = False
    scopes: str = "openid profile email"
    extra_authorize_params: dict = field(default_factory=dict)

    @property
    def callback_name(self) -> str:
        return "identity:staff-callback" if self.kind == ProviderKind.STAFF else "identity:nhs-login-callback"

    def private_key(self) -> RSAKey:
        return RSAKey.import_key(Path(self.private_key_file).read_text())


def staff_provider() -> ProviderConfig | None:
    """The Trust's staff identity service, or None when the portal has none (password sign-in only)."""
    if not (settings.OIDC_STAFF_ISSUER and settings.OIDC_STAFF_CLIENT_ID):
        return None
    return ProviderConfig(
        kind=ProviderKind.STAFF,
        issuer=settings.OIDC_STAFF_ISSUER.rstrip("/"),
        client_id=settings.OIDC_STAFF_CLIENT_ID,
        client_auth=settings.OIDC_STAFF_CLIENT_AUTH,
        client_secret=settings.OIDC_STAFF_CLIENT_SECRET,
        private_key_file=settings.OIDC_STAFF_PRIVATE_KEY_FILE,
        signing_alg=settings.OIDC_STAFF_SIGNING_ALG,
        signed_request_object=settings.OIDC_STAFF_SIGNED_REQUEST_OBJECT,
        scopes=settings.OIDC_STAFF_SCOPES,
    )


def nhs_login_provider() -> ProviderConfig | None:
    """NHS login: ``private_key_jwt`` only, RS512, and a request for a verified identity (``vtr``)."""
    if not (settings.NHS_LOGIN_ISSUER and settings.NHS_LOGIN_CLIENT_ID):
        return None
    return ProviderConfig(
        kind=ProviderKind.NHS_LOGIN,
        issuer=settings.NHS_LOGIN_ISSUER.rstrip("/"),
        client_id=settings.NHS_LOGIN_CLIENT_ID,
        client_auth="private_key_jwt",
        private_key_file=settings.NHS_LOGIN_PRIVATE_KEY_FILE,
        signing_alg="RS512",
        scopes=settings.NHS_LOGIN_SCOPES,
        extra_authorize_params={"vtr": settings.NHS_LOGIN_VTR},
    )


def _get_json(url: str) -> dict:
    response = requests.get(url, timeout=HTTP_TIMEOUT)
    response.raise_for_status()
    return response.json()


def metadata(provider: ProviderConfig) -> dict:
    """The provider's discovery document, kept for an hour; its issuer must be the one configured."""
    key = f"identity:metadata:{provider.issuer}"
    found = cache.get(key)
    if found is None:
        found = _get_json(f"{provider.issuer}/.well-known/openid-configuration")
        if found.get("issuer", "").rstrip("/") != provider.issuer:
            raise SignInRefused("metadata", "discovery document names another issuer")
        cache.set(key, found, METADATA_SECONDS)
    return found


def _key_set(provider: ProviderConfig, *, refresh: bool = False) -> KeySet:
    key = f"identity:jwks:{provider.issuer}"
    found = None if refresh else cache.get(key)
    if found is None:
        found = _get_json(metadata(provider)["jwks_uri"])
        cache.set(key, found, METADATA_SECONDS)
    return KeySet.import_key_set(found)


def _session(provider: ProviderConfig, redirect_uri: str) -> OAuth2Session:
    if provider.client_auth == "private_key_jwt":
        session = OAuth2Session(
            provider.client_id,
            provider.private_key(),
            token_endpoint_auth_method="private_key_jwt",  # noqa: S106 - a method name, not a secret
            redirect_uri=redirect_uri,
            scope=provider.scopes,
            code_challenge_method="S256",
        )
        session.register_client_auth_method(
            PrivateKeyJWT(metadata(provider)["token_endpoint"], alg=provider.signing_alg)
        )
        return session
    return OAuth2Session(
        provider.client_id,
        provider.client_secret,
        token_endpoint_auth_method=provider.client_auth,
        redirect_uri=redirect_uri,
        scope=provider.scopes,
        code_challenge_method="S256",
    )


def authorization_url(
    request, provider: ProviderConfig, redirect_uri: str, next_url: str = "", extra: dict | None = None
) -> str:
    """Where to send the browser to sign in. The state, nonce and PKCE verifier are kept in the session
    for the one callback that may use them."""
    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    request.session[PENDING_KEY] = {
        "provider": provider.kind,
        "state": state,
        "nonce": nonce,
        "verifier": verifier,
        "next": next_url,
        "started": int(time.time()),
        **(extra or {}),
    }
    endpoint = metadata(provider)["authorization_endpoint"]
    session = _session(provider, redirect_uri)
    params = {"nonce": nonce, **provider.extra_authorize_params}
    url, _ = session.create_authorization_url(endpoint, state=state, code_verifier=verifier, **params)
    if not provider.signed_request_object:
        return url
    # CIS2's profile: the authorisation parameters also travel as a JWT signed with the client's key.
    from urllib.parse import parse_qsl, urlsplit

    query = dict(parse_qsl(urlsplit(url).query))
    now = int(time.time())
    claims = {**query, "iss": provider.client_id, "aud": provider.issuer, "iat": now, "exp": now + 300}
    claims["jti"] = secrets.token_urlsafe(16)
    request_object = jwt.encode(
        {"alg": provider.signing_alg}, claims, provider.private_key(), algorithms=[provider.signing_alg]
    )
    required = {k: query[k] for k in ("client_id", "response_type", "scope", "redirect_uri") if k in query}
    return f"{endpoint}?{urlencode({**required, 'request': request_object})}"


def _pending(request, provider: ProviderConfig, state: str) -> dict:
    # Taken out of the session whatever happens next: a callback URL works once.
    pending = request.session.pop(PENDING_KEY, None)
    if not pending or pending.get("provider") != provider.kind:
        raise SignInRefused("state", "no sign-in was started in this browser, or it was already used")
    if not state or not hmac.compare_digest(pending["state"], state):
        raise SignInRefused("state", "the state did not match the sign-in started")
    if time.time() - pending["started"] > settings.OIDC_SIGN_IN_MINUTES * 60:
        raise SignInRefused("state", "the sign-in was started too long ago")
    return pending


def verify_id_token(provider: ProviderConfig, id_token: str, *, nonce: str) -> dict:
    """The ID token's claims, once its signature, issuer, audience, times and nonce are right."""
    algorithms = [
        alg
        for alg in metadata(provider).get("id_token_signing_alg_values_supported", ["RS256"])
        if alg in ID_TOKEN_ALGORITHMS
    ]
    try:
        try:
            token = jwt.decode(id_token, _key_set(provider), algorithms=algorithms)
        except (JoseError, ValueError) as first:
            if "key" not in str(first).lower():
                raise
            # The provider may have rolled its keys over: read them again, once.
            token = jwt.decode(id_token, _key_set(provider, refresh=True), algorithms=algorithms)
        registry = jwt.JWTClaimsRegistry(
            leeway=settings.OIDC_CLOCK_SKEW_SECONDS,
            iss={"essential": True, "value": provider.issuer},
            aud={"essential": True, "value": provider.client_id},
            sub={"essential": True},
            exp={"essential": True},
            iat={"essential": True},
            nonce={"essential": True, "value": nonce},
        )
        registry.validate(token.claims)
    except (JoseError, ValueError) as error:
        raise SignInRefused("id-token", f"{type(error).__name__}: {error}"[:150]) from error
    claims = token.claims
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != provider.client_id:
        raise SignInRefused("id-token", "several audiences and the portal is not the authorised party")
    return claims


def complete(request, provider: ProviderConfig, redirect_uri: str) -> tuple[dict, dict]:
    """Finish a sign-in from the provider's redirect: (verified ID token claims, pending sign-in)."""
    params = request.GET
    pending = _pending(request, provider, params.get("state", ""))
    if params.get("error"):
        raise SignInRefused("provider-error", params["error"][:60])
    # RFC 9207: a response naming another issuer is a mix-up attack, or a misconfiguration.
    if "iss" in params and params["iss"].rstrip("/") != provider.issuer:
        raise SignInRefused("issuer", "the response came from another issuer")
    code = params.get("code", "")
    if not code:
        raise SignInRefused("no-code")
    session = _session(provider, redirect_uri)
    try:
        tokens = session.fetch_token(
            metadata(provider)["token_endpoint"],
            grant_type="authorization_code",
            code=code,
            code_verifier=pending["verifier"],
            timeout=HTTP_TIMEOUT,
        )
    except Exception as error:  # every failure of the exchange is a refused sign-in
        raise SignInRefused("token-endpoint", f"{type(error).__name__}: {error}"[:150]) from error
    if "id_token" not in tokens:
        raise SignInRefused("id-token", "the token response had no ID token")
    claims = verify_id_token(provider, tokens["id_token"], nonce=pending["nonce"])
    if provider.kind == ProviderKind.NHS_LOGIN and tokens.get("access_token"):
        claims = {**_userinfo(provider, tokens["access_token"], claims["sub"]), **claims}
    return {**claims, "_id_token": tokens["id_token"]}, pending


def _userinfo(provider: ProviderConfig, access_token: str, subject: str) -> dict:
    """NHS login gives some claims only from its user info endpoint; they must be about the same person."""
    endpoint = metadata(provider).get("userinfo_endpoint")
    if not endpoint:
        return {}
    response = requests.get(
        endpoint, headers={"Authorization": f"Bearer {access_token}"}, timeout=HTTP_TIMEOUT
    )
    if response.status_code != 200:
        raise SignInRefused("userinfo", f"status {response.status_code}")
    info = response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
    if info.get("sub") != subject:
        raise SignInRefused("userinfo", "the user info was about another subject")
    return info


def end_session_url(provider: ProviderConfig, *, id_token: str, post_logout_redirect_uri: str) -> str:
    """The provider's own sign-out, if it has one."""
    try:
        endpoint = metadata(provider).get("end_session_endpoint")
    except (requests.RequestException, SignInRefused, json.JSONDecodeError):
        return ""
    if not endpoint:
        return ""
    query = {"client_id": provider.client_id, "post_logout_redirect_uri": post_logout_redirect_uri}
    if id_token:
        query["id_token_hint"] = id_token
    return f"{endpoint}?{urlencode(query)}"
