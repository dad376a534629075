"""Signing in with the Trust's identity service or NHS login, and signing out of both."""

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from recovery_portal import session_timeout

from . import invitations, oidc, services
from .models import ProviderKind
from .oidc import SignInRefused

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _provider(kind: str) -> oidc.ProviderConfig:
    provider = oidc.staff_provider() if kind == ProviderKind.STAFF else oidc.nhs_login_provider()
    if provider is None:
        raise Http404("This way of signing in is not set up")
    return provider


def _callback_uri(provider: oidc.ProviderConfig) -> str:
    # From the portal's own address, never the Host header of the request.
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(provider.callback_name)


def _safe_next(request, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return ""


def start(request, kind: str, *, next_url: str = "", extra: dict | None = None):
    provider = _provider(kind)
    try:
        url = oidc.authorization_url(
            request, provider, _callback_uri(provider), _safe_next(request, next_url), extra=extra
        )
    except (requests.RequestException, SignInRefused, ValueError):
        services.sign_in_refused(request, provider, SignInRefused("provider-unreachable"))
        return _refused(request, provider, "provider-unreachable", status=503)
    return redirect(url)


@login_not_required
@require_GET
def staff_start(request):
    return start(request, ProviderKind.STAFF, next_url=request.GET.get("next", ""))


@login_not_required
@require_GET
def nhs_login_start(request):
    return start(request, ProviderKind.NHS_LOGIN, next_url=request.GET.get("next", ""))


REFUSAL_TEMPLATES = {
    "proofing-level": "identity/refused_not_verified.html",
    "no-match": "identity/refused_speak_to_your_team.html",
}


def _refused(request, provider: oidc.ProviderConfig, code: str, *, status: int = 403, context=None):
    template = REFUSAL_TEMPLATES.get(code, "identity/refused.html")
    context = {
        "provider_kind": provider.kind,
        "provider_name": ProviderKind(provider.kind).label,
        "try_again_url": reverse(
            "identity:staff-start" if provider.kind == ProviderKind.STAFF else "identity:nhs-login-start"
        ),
        "unreachable": code == "provider-unreachable",
        **(context or {}),
    }
    return render(request, template, context, status=status)


def _sign_in(request, provider, user, claims: dict, method: str) -> None:
    request.sign_in_method = method
    login(request, user, backend=MODEL_BACKEND)
    request.session["identity_provider"] = provider.kind
    request.session["identity_id_token"] = claims["_id_token"]
    if services.second_factor_asserted(claims):
        # ADR 0026: the identity service checked a second factor, so the portal asks for none.
        request.session["portal_mfa_satisfied_by"] = "idp"


@login_not_required
@require_GET
def staff_callback(request):
    provider = _provider(ProviderKind.STAFF)
    try:
        claims, pending = oidc.complete(request, provider, _callback_uri(provider))
        user, created = services.staff_account_for(provider=provider, claims=claims, request=request)
    except SignInRefused as refusal:
        services.sign_in_refused(request, provider, refusal)
        return _refused(request, provider, refusal.code)
    except requests.RequestException:
        services.sign_in_refused(request, provider, SignInRefused("provider-unreachable"))
        return _refused(request, provider, "provider-unreachable", status=503)
    _sign_in(request, provider, user, claims, "Signed in with a Trust account")
    if created:
        messages.info(
            request,
            "Your account has been made. You will see people and teams once your team manager or the "
            "portal administrator adds you to your team.",
        )
    response = redirect(_safe_next(request, pending.get("next", "")) or settings.LOGIN_REDIRECT_URL)
    # As after a password: a form sent once the session has ended is kept for this account only.
    session_timeout.remember_user(response, user)
    return response


@login_not_required
@require_GET
def nhs_login_callback(request):
    provider = _provider(ProviderKind.NHS_LOGIN)
    try:
        claims, pending = oidc.complete(request, provider, _callback_uri(provider))
        if pending.get("invitation"):
            user = invitations.invitation_accept_with_nhs_login(
                invitation_id=pending["invitation"], provider=provider, claims=claims, request=request
            )
        else:
            user, _person = services.person_account_for(provider=provider, claims=claims, request=request)
    except SignInRefused as refusal:
        services.sign_in_refused(request, provider, refusal)
        return _refused(request, provider, refusal.code)
    except requests.RequestException:
        services.sign_in_refused(request, provider, SignInRefused("provider-unreachable"))
        return _refused(request, provider, "provider-unreachable", status=503)
    _sign_in(request, provider, user, claims, "Signed in with NHS login")
    response = redirect(_safe_next(request, pending.get("next", "")) or settings.LOGIN_REDIRECT_URL)
    # As after a password: a form sent once the session has ended is kept for this account only.
    session_timeout.remember_user(response, user)
    return response


@require_POST
def sign_out(request):
    """End the portal session; then offer the identity service's own sign-out, which the portal cannot
    end by itself."""
    kind = request.session.get("identity_provider")
    id_token = request.session.get("identity_id_token", "")
    provider = None
    if kind in ProviderKind.values:
        provider = oidc.staff_provider() if kind == ProviderKind.STAFF else oidc.nhs_login_provider()
    end_url = ""
    if provider is not None:
        end_url = oidc.end_session_url(
            provider,
            id_token=id_token,
            post_logout_redirect_uri=settings.PORTAL_BASE_URL.rstrip("/") + reverse("login"),
        )
    logout(request)
    if not end_url:
        return redirect(settings.LOGOUT_REDIRECT_URL)
    request.session["identity_end_session"] = {"url": end_url, "provider": kind}
    return redirect("identity:signed-out")


@login_not_required
@require_GET
def signed_out(request):
    ending = request.session.get("identity_end_session")
    if not ending:
        return redirect(settings.LOGOUT_REDIRECT_URL)
    return render(
        request,
        "identity/signed_out.html",
        {"end_session_url": ending["url"], "provider_name": ProviderKind(ending["provider"]).label},
    )
