"""NHS login through the local NHS login stand-in (tests/standins/oidc): private_key_jwt, RS512, P9."""

from datetime import date

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse

from careplans.tests.factories import ServiceUserFactory
from identity.models import IdentityLink
from recovery_portal.models import AuditAction, AuditEvent, User
from tests.fixtures.identity_providers import NHS_ACCOUNTS, sign_in_with

pytestmark = pytest.mark.django_db

START = "/sign-in/nhs-login/"
DAN = NHS_ACCOUNTS["dan"]["claims"]


@pytest.fixture
def dans_record(nhs_login_idp, persona_team):
    """Dan's record as his team holds it, with no login of his own yet."""
    return ServiceUserFactory(
        given_name="Daniel",
        family_name="Hughes",
        preferred_name="Dan",
        nhs_number=DAN["nhs_number"],
        date_of_birth=date.fromisoformat(DAN["birthdate"]),
        user=None,
    )


def nothing_created(before: dict) -> bool:
    return before == {"users": User.objects.count(), "links": IdentityLink.objects.count()}


def counts() -> dict:
    return {"users": User.objects.count(), "links": IdentityLink.objects.count()}


def test_a_verified_nhs_login_links_to_the_persons_record_by_nhs_number_and_date_of_birth(
    client, dans_record
):
    response = sign_in_with(client, START, "dan")

    assert response.status_code == 302
    dans_record.refresh_from_db()
    user = client.get(reverse("home")).wsgi_request.user
    assert dans_record.user == user and not user.is_trust_staff and not user.has_usable_password()
    assert client.get(reverse("careplans:my-plans")).status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_IN, actor=user, reason="Signed in with NHS login"
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, reason__startswith="NHS login linked"
    ).exists()

    client.logout()
    sign_in_with(client, START, "dan")
    assert client.get(reverse("home")).wsgi_request.user == user
    assert User.objects.filter(service_user=dans_record).count() == 1


def test_an_existing_login_of_the_person_is_kept(client, dans_record, serviceuser):
    dans_record.user = serviceuser
    dans_record.save()

    sign_in_with(client, START, "dan")

    assert client.get(reverse("home")).wsgi_request.user == serviceuser


def test_nhs_login_below_p9_is_refused_with_what_to_do_and_creates_nothing(client, dans_record):
    before = counts()

    response = sign_in_with(client, START, "dan-low-proofing")

    assert response.status_code == 403
    assert "<title>Error: You need to prove who you are in NHS login" in response.text
    assert nothing_created(before)
    dans_record.refresh_from_db()
    assert dans_record.user is None
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_IN_FAILED, reason="NHS login refused: proofing-level"
    )


def test_no_record_and_a_different_date_of_birth_get_the_same_answer(client, dans_record):
    """Nothing tells anyone whether the Trust holds a record with this NHS number (HAZ-067)."""
    before = counts()

    wrong_birthdate = sign_in_with(client, START, "dan-other-birthdate")
    no_record = sign_in_with(client, START, "no-record")

    assert wrong_birthdate.status_code == no_record.status_code == 403
    assert "Speak to your care team" in no_record.text
    strip = lambda text: text.split("<main", 1)[1].split("</main>", 1)[0]  # noqa: E731
    assert strip(wrong_birthdate.text) == strip(no_record.text)
    assert nothing_created(before)
    dans_record.refresh_from_db()
    assert dans_record.user is None
    assert AuditEvent.objects.filter(reason="NHS login refused: no-match").count() == 2


def test_a_record_with_another_nhs_login_is_not_reached_by_a_second_one(client, dans_record, nhs_login_idp):
    sign_in_with(client, START, "dan")
    client.logout()
    # Someone else's NHS login with Dan's NHS number and date of birth (a duplicate account).
    IdentityLink.objects.filter(user=dans_record.__class__.objects.get(pk=dans_record.pk).user).update(
        subject="another-subject"
    )
    other = User.objects.create(username="someone-else")
    IdentityLink.objects.create(
        user=other, provider="nhs_login", issuer=nhs_login_idp.NHS_LOGIN_ISSUER, subject=DAN["sub"]
    )

    response = sign_in_with(client, START, "dan")

    assert response.status_code == 403 and not client.get(reverse("home")).wsgi_request.user.is_authenticated


def test_a_key_nhs_login_does_not_know_is_refused_at_the_token_endpoint(client, dans_record, tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = tmp_path / "wrong.pem"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    from django.conf import settings

    settings.NHS_LOGIN_PRIVATE_KEY_FILE = str(path)
    before = counts()

    response = sign_in_with(client, START, "dan")

    assert response.status_code == 403 and nothing_created(before)
    assert AuditEvent.objects.filter(reason="NHS login refused: token-endpoint").exists()


def test_the_sign_in_page_offers_nhs_login_when_set_up(client, nhs_login_idp):
    assert "Continue to NHS login" in client.get(reverse("login")).text
    redirect = client.get(START)["Location"]
    assert "vtr=" in redirect and "P9.Cp.Cd" in redirect.replace("%22", "").replace("%2C", ",")
    assert "code_challenge_method=S256" in redirect and "nonce=" in redirect
