"""Second factors (ADR 0027): who must have one, setting one up, passing one at sign-in, recovery codes,
a lost device, an administrator's reset, and every bad input refused and audited."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from recovery_portal.models import AuditAction, AuditEvent, Passkey
from recovery_portal.second_factor import SATISFIED_BY_IDP, SATISFIED_BY_SESSION_KEY
from recovery_portal.tests.factories import UserFactory
from tests.fixtures.second_factor import app_for, code_for

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password-2026"


@pytest.fixture
def nurse():
    return UserFactory(username="nurse", password=PASSWORD)


@pytest.fixture
def administrator():
    return UserFactory(username="sysadmin", password=PASSWORD, superuser=True)


def password_only(username: str) -> Client:
    """A browser that has typed the right password and nothing more."""
    browser = Client()
    response = browser.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def actions(user=None) -> list[str]:
    events = AuditEvent.objects.order_by("id")
    if user is not None:
        events = events.filter(actor=user)
    return list(events.values_list("action", flat=True))


def test_staff_with_a_password_only_reach_nothing_but_setting_up_a_second_factor(nurse):
    browser = password_only("nurse")

    for url in (reverse("home"), reverse("tasks"), reverse("teams:directory"), reverse("contact-settings")):
        response = browser.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("mfa-setup")), url
    assert browser.get(reverse("mfa-setup")).status_code == 200
    assert browser.post(reverse("logout")).status_code == 302


def test_staff_who_have_an_app_are_asked_for_its_code_and_go_on_where_they_were_going(nurse):
    device = app_for(nurse)
    browser = password_only("nurse")

    response = browser.get(reverse("tasks"))
    assert response.url == f"{reverse('mfa-verify')}?next=%2Ftasks%2F"

    passed = browser.post(reverse("mfa-verify"), {"code": code_for(device), "next": reverse("tasks")})
    assert passed.status_code == 302 and passed.url == reverse("tasks")
    assert browser.get(reverse("tasks")).status_code == 200
    assert AuditAction.SECOND_FACTOR_VERIFIED in actions(nurse)


def test_setting_up_an_authenticator_app_shows_an_inline_qr_code_and_the_key_then_recovery_codes(nurse):
    browser = password_only("nurse")

    page = browser.get(reverse("mfa-setup-app"))
    html = page.content.decode()
    assert "<svg" in html and "<img" not in html.split("<main", 1)[1]
    assert 'role="img"' in html
    device = TOTPDevice.objects.get(user=nurse, confirmed=False)
    key = re.search(r'<code id="setup-key">([A-Z2-7 ]+)</code>', html).group(1)
    assert len(key.replace(" ", "")) >= 32

    wrong = browser.post(
        reverse("mfa-setup-app"), {"code": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 200
    assert "Error: Set up an authenticator app" in wrong.content.decode()
    assert "The code is not right" in wrong.content.decode()
    assert browser.get(reverse("home")).status_code == 302

    # A wrong code makes the next one wait a moment (django-otp's throttling), then the right one works.
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        done = browser.post(reverse("mfa-setup-app"), {"code": code_for(device)})
    html = done.content.decode()
    assert done.status_code == 200 and "Save your recovery codes" in html
    assert len(re.findall(r"<code>[a-z2-9]{5}-[a-z2-9]{5}</code>", html)) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert browser.get(reverse("home")).status_code == 200
    assert actions(nurse)[-3:] == [
        AuditAction.SECOND_FACTOR_ADDED,
        AuditAction.RECOVERY_CODES_ISSUED,
        AuditAction.VIEW,
    ] or actions(nurse)[-2:] == [AuditAction.SECOND_FACTOR_ADDED, AuditAction.RECOVERY_CODES_ISSUED]
    assert AuditAction.SECOND_FACTOR_FAILED in actions(nurse)


def test_a_code_replayed_in_the_same_time_step_is_refused_and_audited(nurse):
    device = app_for(nurse)
    with time_machine.travel(timezone.now(), tick=False):
        code = code_for(device)
        first = password_only("nurse")
        assert first.post(reverse("mfa-verify"), {"code": code}).status_code == 302

        second = password_only("nurse")
        replay = second.post(reverse("mfa-verify"), {"code": code})
        assert replay.status_code == 200
        assert "already been used" in replay.content.decode()
        assert "Error: Confirm it is you" in replay.content.decode()
        assert second.get(reverse("home")).status_code == 302
    assert actions(nurse).count(AuditAction.SECOND_FACTOR_FAILED) == 1


@pytest.mark.parametrize("code", ["123", "abcdef", "", "9" * 12])
def test_wrong_codes_are_refused_with_a_message_and_audited(nurse, code):
    device = app_for(nurse)
    browser = password_only("nurse")
    if code == code_for(device):
        code = "000001"

    response = browser.post(reverse("mfa-verify"), {"code": code})

    assert response.status_code == 200
    assert "Error: Confirm it is you" in response.content.decode()
    assert browser.get(reverse("home")).status_code == 302
    if code:
        assert AuditAction.SECOND_FACTOR_FAILED in actions(nurse)


def test_wrong_codes_slow_the_next_attempt_down_but_never_lock_the_owner_out(nurse):
    device = app_for(nurse)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        browser = password_only("nurse")
        for _ in range(3):
            browser.post(
                reverse("mfa-verify"), {"code": "000000" if code_for(device) != "000000" else "111111"}
            )
        # Straight after three wrong codes even the right one waits (4 seconds after the third).
        assert browser.post(reverse("mfa-verify"), {"code": code_for(device)}).status_code == 200
        clock.shift(60)
        assert browser.post(reverse("mfa-verify"), {"code": code_for(device)}).status_code == 302


def test_a_recovery_code_works_once_and_a_reused_one_is_refused(nurse):
    app_for(nurse)
    browser = password_only("nurse")
    browser.post(reverse("mfa-verify"), {"code": code_for(app_for(nurse))})
    codes = re.findall(
        r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>",
        browser.post(reverse("mfa-recovery-codes")).content.decode(),
    )
    assert len(codes) == 10

    lost_phone = password_only("nurse")
    used = lost_phone.post(reverse("mfa-recover"), {"code": codes[0]})
    assert used.status_code == 302 and used.url == reverse("mfa-setup")
    assert "You have 9 left" in lost_phone.get(reverse("mfa-setup")).content.decode()

    again = password_only("nurse")
    reused = again.post(reverse("mfa-recover"), {"code": codes[0]})
    assert reused.status_code == 200
    assert "already been used" in reused.content.decode()
    assert again.get(reverse("home")).status_code == 302
    assert AuditAction.RECOVERY_CODE_USED in actions(nurse)
    assert actions(nurse)[-1] == AuditAction.SECOND_FACTOR_FAILED


def test_new_recovery_codes_replace_the_old_ones(nurse, client):
    client.force_login(nurse)
    old = re.findall(
        r"<code>([a-z2-9-]{11})</code>", client.post(reverse("mfa-recovery-codes")).content.decode()
    )
    client.post(reverse("mfa-recovery-codes"))

    browser = password_only("nurse")
    assert browser.post(reverse("mfa-recover"), {"code": old[0]}).status_code == 200
    assert StaticToken.objects.filter(device__user=nurse).count() == 10


def test_a_lost_device_is_removed_after_a_recovery_code_then_a_new_one_is_set_up(nurse, client):
    client.force_login(nurse)
    codes = re.findall(
        r"<code>([a-z2-9-]{11})</code>", client.post(reverse("mfa-recovery-codes")).content.decode()
    )
    lost = TOTPDevice.objects.get(user=nurse)

    browser = password_only("nurse")
    browser.post(reverse("mfa-recover"), {"code": codes[1]})
    remove_url = reverse("mfa-device-remove", args=[lost.persistent_id])
    assert remove_url in browser.get(reverse("mfa-setup")).content.decode()
    confirm = browser.get(remove_url)
    assert confirm.status_code == 200 and "Remove Authenticator app?" in confirm.content.decode()
    assert browser.post(remove_url).status_code == 302
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
    assert AuditAction.SECOND_FACTOR_REMOVED in actions(nurse)

    # Verified by the recovery code: a new app can be set up at once.
    browser.get(reverse("mfa-setup-app"))
    new = TOTPDevice.objects.get(user=nurse, confirmed=False)
    assert browser.post(reverse("mfa-setup-app"), {"code": code_for(new)}).status_code == 302


def test_someone_with_only_the_password_cannot_add_their_own_second_factor(nurse):
    app_for(nurse)
    browser = password_only("nurse")

    for url in (reverse("mfa-setup-app"), reverse("mfa-setup-passkey")):
        response = browser.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("mfa-verify")), url
    assert browser.post(reverse("mfa-passkey-register-options")).status_code == 403
    assert not TOTPDevice.objects.filter(user=nurse, confirmed=False).exists()


def test_another_persons_device_cannot_be_removed(nurse, client):
    other = UserFactory()
    theirs = app_for(other)
    client.force_login(nurse)

    assert client.get(reverse("mfa-device-remove", args=[theirs.persistent_id])).status_code == 404
    assert client.post(reverse("mfa-device-remove", args=[theirs.persistent_id])).status_code == 404
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()


def test_admin_needs_a_verified_second_factor(administrator):
    browser = password_only("sysadmin")
    response = browser.get(reverse("admin:index"))
    assert response.status_code == 302
    assert not response.url.startswith(reverse("admin:index"))

    verified = Client()
    verified.force_login(administrator)
    assert verified.get(reverse("admin:index")).status_code == 200


def test_demo_logins_are_exempt_only_with_debug_on_and_never_in_admin(settings):
    demo_admin = UserFactory(username="admin", password=PASSWORD, superuser=True)
    settings.DEBUG = True
    browser = password_only("admin")
    assert browser.get(reverse("home")).status_code == 200
    admin_page = browser.get(reverse("admin:index"), follow=True)
    assert admin_page.redirect_chain[-1][0].startswith(reverse("mfa-setup"))

    settings.DEBUG = False
    assert browser.get(reverse("home")).status_code == 302
    assert demo_admin.is_superuser


def test_a_session_whose_identity_provider_asserted_a_second_factor_counts_as_verified(nurse):
    browser = password_only("nurse")
    session = browser.session
    session[SATISFIED_BY_SESSION_KEY] = SATISFIED_BY_IDP
    session.save()

    assert browser.get(reverse("home")).status_code == 200


def test_people_who_use_services_are_offered_a_second_factor_not_made_to(client):
    UserFactory(username="dan", password=PASSWORD, person=True)
    browser = password_only("dan")

    assert browser.get(reverse("home")).status_code == 200
    page = browser.get(reverse("mfa-setup")).content.decode()
    assert "You can choose to set one up" in page
    assert reverse("mfa-setup-app") in page


def test_an_administrator_resets_a_second_factor_with_a_reason_on_a_confirmation_page(
    nurse, administrator, client
):
    app_for(nurse)
    client.force_login(administrator)
    url = reverse("mfa-admin-reset", args=[nurse.pk])

    page = client.get(url)
    assert page.status_code == 200 and "Reset second factors for" in page.content.decode()
    missing = client.post(url, {"reason": ""})
    assert missing.status_code == 200
    assert "Enter why you are resetting" in missing.content.decode()
    assert TOTPDevice.objects.filter(user=nurse).exists()

    done = client.post(url, {"reason": "Lost phone, confirmed with her team manager"})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=nurse).exists()
    event = AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR_RESET).get()
    assert event.actor == administrator
    assert "Lost phone, confirmed with her team manager" in event.reason


def test_only_administrators_may_reset_a_second_factor(nurse, client):
    other = UserFactory()
    app_for(other)
    client.force_login(nurse)

    assert client.post(reverse("mfa-admin-reset", args=[other.pk]), {"reason": "x"}).status_code == 404
    assert TOTPDevice.objects.filter(user=other).exists()


@pytest.mark.parametrize(
    "credential",
    ["{}", "not json", '{"id": "AAAA", "rawId": "AAAA", "type": "public-key", "response": {}}'],
)
def test_a_forged_or_broken_passkey_answer_is_refused_and_audited(nurse, credential):
    Passkey.objects.create(user=nurse, name="Laptop", confirmed=True, credential_id="AAAA", public_key=b"x")
    browser = password_only("nurse")
    browser.post(reverse("mfa-passkey-options"))

    response = browser.post(reverse("mfa-verify"), {"passkey-credential": credential})

    assert response.status_code == 200
    assert "Your passkey could not be checked" in response.content.decode()
    assert browser.get(reverse("home")).status_code == 302
    assert actions(nurse)[-1] == AuditAction.SECOND_FACTOR_FAILED


def test_a_passkey_answer_without_a_challenge_of_this_session_is_refused(nurse):
    Passkey.objects.create(user=nurse, name="Laptop", confirmed=True, credential_id="AAAA", public_key=b"x")
    browser = password_only("nurse")

    response = browser.post(reverse("mfa-verify"), {"passkey-credential": '{"id": "AAAA"}'})

    assert "Your passkey could not be checked" in response.content.decode()
    assert "no challenge" in AuditEvent.objects.filter(actor=nurse).order_by("id").last().reason


def test_setting_up_a_second_factor_is_rate_limited_per_account(nurse, settings):
    _, per_account = (n for n, _ in settings.RATE_LIMITS["second-factor-setup"])
    browser = password_only("nurse")
    browser.get(reverse("mfa-setup-app"))

    answers = [
        browser.post(reverse("mfa-setup-app"), {"code": "000000"}, REMOTE_ADDR=f"10.6.0.{n}").status_code
        for n in range(per_account + 1)
    ]

    assert answers[-1] == 429 and 429 not in answers[:-1]
