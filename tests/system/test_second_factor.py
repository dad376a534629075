"""Second factors in the browser (ADR 0027): an administrator sets up a passkey, on Chromium's virtual
authenticator through the DevTools WebAuthn domain, and reaches Django admin only with it; a member of
staff sets up an authenticator app by its setup key. Every page is checked with axe."""

import re

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from recovery_portal.models import AuditAction, AuditEvent, Passkey
from tests.fixtures.personas import PERSONA_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _password(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PERSONA_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _virtual_authenticator(page: Page) -> None:
    """A platform passkey authenticator inside Chromium, which answers as a person touching it would."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def test_an_administrator_sets_up_a_passkey_and_reaches_admin_only_with_it(
    page: Page, live_server, personas, assert_accessible
):
    base = live_server.url
    _virtual_authenticator(page)
    _password(page, base, "admin")

    # With the password alone, admin and every other page lead to setting up a second factor.
    page.goto(f"{base}/admin/")
    expect(page).to_have_url(re.compile(r"/account/second-factor/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your second factors")
    assert_accessible(page)

    page.get_by_role("link", name="Set up a passkey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up a passkey")
    assert_accessible(page)
    page.get_by_label("Name this passkey").fill("Work laptop")
    page.get_by_role("button", name="Create a passkey").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Save your recovery codes")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="I have saved my recovery codes").click()
    expect(page).to_have_url(f"{base}/admin/")
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    assert Passkey.objects.filter(user=personas["admin"], name="Work laptop").count() == 1

    # Next time: the password, then the passkey, and only then admin.
    page.goto(f"{base}/")
    page.get_by_role("button", name="Sign out").click()
    _password(page, base, "admin")
    page.goto(f"{base}/admin/")
    expect(page).to_have_url(re.compile(r"/sign-in/second-factor/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    assert_accessible(page)
    page.get_by_role("button", name="Use your passkey").click()
    expect(page).to_have_url(f"{base}/admin/")
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    actions = set(AuditEvent.objects.filter(actor=personas["admin"]).values_list("action", flat=True))
    assert {AuditAction.SECOND_FACTOR_ADDED, AuditAction.SECOND_FACTOR_VERIFIED} <= actions


def test_a_member_of_staff_sets_up_an_authenticator_app_with_its_setup_key(
    page: Page, live_server, personas, assert_accessible
):
    import base64

    base = live_server.url
    _password(page, base, "clinician")
    page.get_by_role("link", name="Set up an authenticator app").click()
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    assert_accessible(page)

    # What a phone's app does with the key typed in: RFC 6238 codes, 30-second steps, 6 digits.
    key = page.locator("#setup-key").inner_text().replace(" ", "")
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    page.get_by_label("Security code").fill("12345")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)

    page.wait_for_timeout(1100)  # a wrong code makes the next one wait a second
    page.get_by_label("Security code").fill(f"{TOTP(secret).token():06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Save your recovery codes")
    page.get_by_role("link", name="I have saved my recovery codes").click()
    expect(page).to_have_url(f"{base}/")
