"""Abuse controls from the penetration test (ADR 0027): sign-in slows guessing by address and account but
cannot be used to keep an owner out; rate limits on password reset; password rules; reset links last an
hour. Registration and the bot finding are in college/tests/test_registration.py."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from recovery_portal.models import AuditAction, AuditEvent
from recovery_portal.passwords import breached_passwords
from recovery_portal.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "seven otters crossing the Tyne"


@pytest.fixture
def nurse():
    return UserFactory(username="nurse", password=PASSWORD, email="nurse@example.nhs.uk", person=True)


def attempt(client, password, username="nurse", address="10.1.1.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_stranger_failing_on_purpose_cannot_keep_the_owner_out(nurse):
    owners_browser = Client()
    assert attempt(owners_browser, PASSWORD, address="10.9.9.9").status_code == 302
    owners_browser.post(reverse("logout"))

    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        attacker = Client()
        for n in range(100):
            clock.shift(timedelta(seconds=61))  # as slowly as it takes to be let through each time
            attempt(attacker, "not-the-password", address=f"10.2.{n // 250}.{n % 250}")
        # A new browser of the owner's waits at most the ceiling, never a lock.
        elsewhere = Client()
        held = attempt(elsewhere, PASSWORD, address="10.8.8.8")
        assert held.status_code == 429
        assert "Your account is not locked" in held.content.decode()

        # The browser the owner used before is not slowed by anyone else's failures at all.
        assert attempt(owners_browser, PASSWORD, address="10.9.9.9").status_code == 302

        clock.shift(timedelta(seconds=django_settings.SIGN_IN_MAX_DELAY_SECONDS))
        assert attempt(elsewhere, PASSWORD, address="10.8.8.8").status_code == 302


def test_failures_to_one_account_slow_each_next_attempt_twice_as_long(nurse):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(django_settings.SIGN_IN_SLOW_AFTER):
            assert attempt(Client(), "wrong-password-here").status_code == 200
        # Five failures: the next attempt waits a second, then two, then four.
        for wait in (1, 2, 4):
            slowed = attempt(Client(), "wrong-password-here")
            assert slowed.status_code == 429
            assert f"wait {wait} second" in slowed.content.decode()
            clock.shift(timedelta(seconds=wait))
            assert attempt(Client(), "wrong-password-here").status_code == 200
        # Slowed attempts check nothing and are in the audit trail.
        assert (
            AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED, reason="account slowed").count() == 3
        )


def test_an_address_spraying_passwords_across_accounts_is_made_to_wait(nurse):
    for n in range(django_settings.SIGN_IN_ADDRESS_FAILURE_LIMIT):
        assert attempt(Client(), "wrong-password-here", username=f"staff{n}").status_code == 200

    assert attempt(Client(), PASSWORD).status_code == 429
    # Another address, and the account itself, are untouched.
    assert attempt(Client(), PASSWORD, address="10.1.1.2").status_code == 302


def test_every_failed_sign_in_is_audited_without_the_username(nurse):
    attempt(Client(), "wrong-password-here")

    event = AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED).get()
    assert event.actor is None and "nurse" not in event.reason


def test_password_reset_is_limited_per_e_mail_address_and_per_address(nurse):
    url = reverse("password_reset")
    limit_address, limit_account = (n for n, _ in django_settings.RATE_LIMITS["password-reset"])

    for n in range(limit_account):
        assert Client().post(url, {"email": nurse.email}, REMOTE_ADDR=f"10.3.0.{n}").status_code == 302
    held = Client().post(url, {"email": nurse.email}, REMOTE_ADDR="10.3.1.1")
    assert held.status_code == 429
    assert len(mail.outbox) == limit_account

    for n in range(limit_address):
        Client().post(url, {"email": f"someone{n}@example.org"}, REMOTE_ADDR="10.4.0.1")
    assert Client().post(url, {"email": "another@example.org"}, REMOTE_ADDR="10.4.0.1").status_code == 429
    assert Client().post(url, {"email": "another@example.org"}, REMOTE_ADDR="10.4.0.2").status_code == 302


def test_a_reset_link_older_than_an_hour_is_refused(nurse):
    assert django_settings.PASSWORD_RESET_TIMEOUT <= 3600
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        Client().post(reverse("password_reset"), {"email": nurse.email})
        link = re.search(r"https?://\S+/account/password-reset/\S+/", mail.outbox[0].body).group(0)
        path = link.split("testserver", 1)[1]

        clock.shift(timedelta(minutes=61))
        stale = Client()
        page = stale.get(path, follow=True)
        assert (
            "The password reset link was invalid" in page.content.decode()
            or page.context["validlink"] is False
        )

        clock.shift(timedelta(minutes=-2))  # 59 minutes: still good
        fresh = Client().get(path, follow=True)
        assert fresh.context["validlink"] is True


# Passwords found in breaches, from the list shipped with the portal (recovery_portal/data/README.md):
# entries of Openwall's password.lst as they are and with digits or symbols added.
BREACHED = [
    "123456789012",
    "qwertyuiop12",
    "iloveyou2026!",
    "sunshine12345",
    "letmein123456",
    "monkey123456789",
]


@pytest.mark.parametrize("password", BREACHED)
def test_passwords_in_the_shipped_breach_list_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_the_breach_list_is_the_one_shipped_with_its_source():
    words = breached_passwords()
    assert len(words) == 3410  # its 3,546 entries, once case is ignored
    assert {"123456", "password", "iloveyou", "sunshine"} <= words


@pytest.mark.parametrize(
    ("password", "word"),
    [
        ("my recovery journey 2026", "recovery"),
        ("NHS-is-great-1948", "nhs"),
        ("Sherwood walks on Sunday", "sherwood"),
    ],
)
def test_passwords_built_on_the_services_words_are_refused(settings, password, word):
    settings.TRUST_NAME = "Sherwood Valley NHS Foundation Trust"

    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert word in " ".join(refused.value.messages).lower()


@pytest.mark.parametrize(
    "password", ["aaaaaaaaaaaaaa", "abcabcabcabcabc", "zx9zx9zx9zx9", "1212121212121212"]
)
def test_repetitive_passwords_are_refused(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any("repeat" in m or "common" in m or "numeric" in m for m in refused.value.messages)


def test_a_good_password_is_accepted():
    validate_password("seven otters crossing the Tyne")
