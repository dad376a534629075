"""Staff single sign-on through the local Trust identity service (tests/standins/oidc)."""

from urllib.parse import urlsplit

import pytest
import requests
from django.urls import reverse

from identity.models import IdentityLink, ProviderKind
from recovery_portal.models import AuditAction, AuditEvent, User
from teams.models import Membership
from tests.fixtures.identity_providers import STAFF_ACCOUNTS, sign_in_with, through_provider

pytestmark = pytest.mark.django_db

START = "/sign-in/trust/"


def oid(account: str) -> str:
    return STAFF_ACCOUNTS[account]["claims"]["oid"]


@pytest.fixture
def clinician_link(staff_idp, clinician):
    return IdentityLink.objects.create(
        user=clinician,
        provider=ProviderKind.STAFF,
        issuer=staff_idp.OIDC_STAFF_ISSUER,
        subject=oid("mohammed.iqbal"),
    )


def signed_in_user(client):
    return client.get(reverse("home")).wsgi_request.user


def test_the_sign_in_page_offers_the_trust_account_only_when_one_is_set_up(client, settings):
    settings.OIDC_STAFF_ISSUER = ""
    assert "Sign in with your Trust account" not in client.get(reverse("login")).text
    assert client.get(START).status_code == 404

    settings.OIDC_STAFF_ISSUER, settings.OIDC_STAFF_CLIENT_ID = "https://login.example.nhs.uk", "portal"
    assert "Sign in with your Trust account" in client.get(reverse("login")).text


def test_a_linked_clinician_signs_in_to_their_own_account_by_its_subject(client, clinician_link, clinician):
    response = sign_in_with(client, START, "mohammed.iqbal")

    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_user(client) == clinician
    # The identity service asserted a second factor (amr "mfa"): the portal asks for none (ADR 0026).
    assert client.session["portal_mfa_satisfied_by"] == "idp"
    event = AuditEvent.objects.filter(action=AuditAction.SIGN_IN, actor=clinician).get()
    assert event.reason == "Signed in with a Trust account"


def test_a_person_unknown_to_the_portal_gets_an_account_with_no_access(client, clinician_link, clinician):
    # Same name and email address as the clinician, but another identity: never matched to their account.
    users_before = User.objects.count()

    response = sign_in_with(client, START, "new.starter")

    # Only a password was used at the identity service, so the portal asks for its own second factor first.
    home = client.get(reverse("home"), follow=True)
    user = home.wsgi_request.user
    assert response.status_code == 302
    assert home.redirect_chain[-1][0].startswith(reverse("mfa-setup"))
    assert "once your team manager or the portal administrator adds you" in home.text
    assert user != clinician and User.objects.count() == users_before + 1
    assert user.is_trust_staff and not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    assert not user.groups.exists() and not user.is_staff and not user.is_superuser
    assert IdentityLink.objects.get(user=user).subject == oid("new.starter")
    # Only a password was used at the identity service: no second factor is taken as checked.
    assert "portal_mfa_satisfied_by" not in client.session
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, reason__contains="first Trust sign-in"
    ).exists()


def test_a_second_sign_in_reaches_the_same_account(client, staff_idp):
    sign_in_with(client, START, "new.starter")
    first = signed_in_user(client)
    client.logout()

    sign_in_with(client, START, "new.starter")

    assert signed_in_user(client) == first


def test_identity_service_groups_give_and_end_trust_roles_when_mapped(client, staff_idp, reference_data):
    group = STAFF_ACCOUNTS["nadia.kowalski"]["claims"]["groups"][0]
    staff_idp.OIDC_STAFF_GROUP_ROLES = {group: "Recovery Evaluation Team"}

    sign_in_with(client, START, "nadia.kowalski")
    user = signed_in_user(client)
    assert list(user.groups.values_list("name", flat=True)) == ["Recovery Evaluation Team"]

    client.logout()
    staff_idp.OIDC_STAFF_GROUP_ROLES = {"another-group": "Recovery Evaluation Team"}
    sign_in_with(client, START, "nadia.kowalski")

    assert not user.groups.exists()
    reasons = list(AuditEvent.objects.filter(action=AuditAction.UPDATE).values_list("reason", flat=True))
    assert any("given by the identity service" in r for r in reasons)
    assert any("ended by the identity service" in r for r in reasons)


def test_a_disabled_account_is_refused(client, clinician_link, clinician):
    clinician.is_active = False
    clinician.save()

    response = sign_in_with(client, START, "mohammed.iqbal")

    assert response.status_code == 403 and "You could not be signed in" in response.text
    assert not signed_in_user(client).is_authenticated


def test_a_replayed_callback_is_refused_and_audited(client, clinician_link):
    callback = through_provider(client.get(START), "mohammed.iqbal")
    assert client.get(callback).status_code == 302
    client.logout()

    replayed = client.get(callback)

    assert replayed.status_code == 403
    assert "<title>Error: You could not be signed in" in replayed.text
    assert not signed_in_user(client).is_authenticated
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_IN_FAILED, reason__endswith="refused: state"
    ).exists()


def test_a_changed_state_is_refused_and_creates_nothing(client, staff_idp):
    callback = through_provider(client.get(START), "new.starter")
    users_before = User.objects.count()

    response = client.get(callback.replace("state=", "state=x"))

    assert response.status_code == 403 and User.objects.count() == users_before
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED).count() == 1


def test_a_response_naming_another_issuer_is_refused(client, staff_idp):
    callback = through_provider(client.get(START), "new.starter")
    users_before = User.objects.count()

    response = client.get(callback.replace("iss=http%3A%2F%2F127.0.0.1", "iss=http%3A%2F%2Flocalhost"))

    assert response.status_code == 403 and User.objects.count() == users_before
    assert AuditEvent.objects.filter(reason__endswith="refused: issuer").exists()


def test_a_refusal_from_the_identity_service_is_shown_and_audited(client, staff_idp):
    client.get(START)
    state = client.session["identity_pending_sign_in"]["state"]

    response = client.get("/sign-in/trust/callback/", {"state": state, "error": "access_denied"})

    assert response.status_code == 403 and "Try signing in again" in response.text
    assert AuditEvent.objects.filter(reason__endswith="refused: provider-error").exists()


def test_a_wrong_client_secret_is_refused_at_the_token_endpoint(client, staff_idp):
    staff_idp.OIDC_STAFF_CLIENT_SECRET = "not-the-secret"
    users_before = User.objects.count()

    response = sign_in_with(client, START, "new.starter")

    assert response.status_code == 403 and User.objects.count() == users_before
    assert AuditEvent.objects.filter(reason__endswith="refused: token-endpoint").exists()


def test_signing_out_ends_the_portal_session_and_offers_the_identity_services_sign_out(
    client, clinician_link, clinician
):
    sign_in_with(client, START, "mohammed.iqbal")
    id_token = client.session["identity_id_token"]
    assert 'action="/sign-out/everywhere/"' in client.get(reverse("home")).text

    response = client.post(reverse("identity:sign-out"), follow=True)

    assert "You have signed out of the Recovery Portal" in response.text
    assert f"{clinician_link.issuer}/session/end?" in response.text and id_token in response.text
    assert client.get(reverse("home")).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_OUT, actor=clinician).exists()


def test_a_cis2_client_signs_in_with_a_signed_request_object_and_a_signed_client_assertion(
    client, cis2_idp, clinician
):
    """CIS2's profile: the authorisation request travels as a JWT signed with the portal's key, and the
    token endpoint accepts only private_key_jwt. The local provider refuses anything else for this client."""
    IdentityLink.objects.create(
        user=clinician,
        provider=ProviderKind.STAFF,
        issuer=cis2_idp.OIDC_STAFF_ISSUER,
        subject=oid("mohammed.iqbal"),
    )
    started = client.get(START)
    assert "request=" in started["Location"]

    response = client.get(through_provider(started, "mohammed.iqbal"))

    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_user(client) == clinician


def test_a_cis2_client_without_its_signed_request_object_is_refused_by_the_provider(client, cis2_idp):
    cis2_idp.OIDC_STAFF_SIGNED_REQUEST_OBJECT = False
    started = client.get(START)

    sent_back = requests.get(started["Location"], allow_redirects=False, timeout=10).headers["Location"]
    assert "Request+Object+must+be+used+by+this+client" in sent_back
    refused = client.get(urlsplit(sent_back).path + "?" + urlsplit(sent_back).query)

    assert refused.status_code == 403
    assert not User.objects.filter(identity_links__isnull=False).exists()
