"""Security baseline: lockout with cool-off, session limits, CSP nonces, cache headers, passwords."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.fixtures.second_factor import sign_in_with_password

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("nurse", password=PASSWORD, first_name="Ada")


def sign_in(client, password=PASSWORD, username="nurse"):
    return sign_in_with_password(client, username, password)


def test_lockout_after_repeated_failures_holds_even_with_the_right_password_then_lifts(client, staff):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
            assert sign_in(client, password="not-the-password").status_code == 200
        # The failure that reaches the limit locks the account at once.
        assert sign_in(client, password="not-the-password").status_code == 429

        locked = sign_in(client)
        assert locked.status_code == 429
        assert "_auth_user_id" not in client.session
        assert b"locked" in locked.content.lower()

        clock.shift(timedelta(minutes=14))
        assert sign_in(client).status_code == 429

        clock.shift(timedelta(minutes=2))
        assert sign_in(client).status_code == 302
        assert client.session["_auth_user_id"] == str(staff.pk)


def test_lockout_counts_per_account_across_addresses(client, staff):
    for n in range(django_settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "nurse", "password": "nope"}, REMOTE_ADDR=f"10.0.0.{n}")

    assert client.post(reverse("login"), {"username": "nurse", "password": PASSWORD}).status_code == 429


def test_session_ends_after_thirty_idle_minutes(client, staff):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client)
        clock.shift(timedelta(minutes=29))
        assert client.get(reverse("home")).status_code == 200  # activity renews the session

        clock.shift(timedelta(minutes=29))
        assert client.get(reverse("home")).status_code == 200

        clock.shift(timedelta(minutes=31))
        response = client.get(reverse("home"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_session_ends_twelve_hours_after_sign_in_even_when_active(client, staff):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client)
        for _ in range(29):  # 29 x 25 minutes = 12h05m of steady use
            clock.shift(timedelta(minutes=25))
            response = client.get(reverse("home"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_signing_in_issues_a_new_session_key(client, staff):
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key

    sign_in(client)

    assert client.session.session_key != before


def test_next_parameter_cannot_send_people_off_site(client, staff):
    response = client.post(
        reverse("login") + "?next=https://evil.example/", {"username": "nurse", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("home")


def _script_tags(html: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", html)


@pytest.mark.parametrize("signed_in", [False, True])
def test_html_pages_carry_a_csp_nonce_used_by_every_inline_script(client, staff, signed_in):
    if signed_in:
        client.force_login(staff)
    response = client.get(reverse("home") if signed_in else reverse("login"))
    html = response.content.decode()

    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert "script-src 'self' 'nonce-" in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    tags = _script_tags(html)
    assert tags, "the layout loads the NHS.UK scripts"
    for tag in tags:
        assert f'nonce="{nonce}"' in tag, tag
    assert not re.search(r"\son[a-z]+=", html), "inline event handlers would be blocked by the policy"
    assert not re.search(r"\sstyle=", html), "inline styles would be blocked by the policy"


def test_each_response_gets_a_fresh_nonce(client):
    first = client.get(reverse("login"))["Content-Security-Policy"]
    second = client.get(reverse("login"))["Content-Security-Policy"]

    assert first != second


def test_signed_in_pages_are_not_cached(client, staff):
    client.force_login(staff)

    cache_control = client.get(reverse("home"))["Cache-Control"]

    assert "no-store" in cache_control and "private" in cache_control


def test_every_response_names_a_request_id_of_its_own(client):
    first = client.get(reverse("login"), headers={"X-Request-ID": "abcdef12-3456"})["X-Request-ID"]
    second = client.get(reverse("login"), headers={"X-Request-ID": "abcdef12-3456"})["X-Request-ID"]

    # Generated by the portal whatever the client sends: a chosen id could be made to collide.
    assert re.fullmatch(r"[0-9a-f]{32}", first) and re.fullmatch(r"[0-9a-f]{32}", second)
    assert first != second


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("elevenchars", False),
        ("twelve chars", True),
        ("x7" * 32, True),
        ("correct horse battery staple " * 5, False),  # over 128
        ("password1234", False),  # common
        ("123456789012", False),  # numeric
    ],
)
def test_password_rules(password, accepted):
    if accepted:
        validate_password(password)
    else:
        with pytest.raises(ValidationError):
            validate_password(password)


def test_passwords_are_hashed_with_argon2_outside_tests():
    from recovery_portal.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
