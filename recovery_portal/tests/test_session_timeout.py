"""The idle-timeout warning and entries kept when a session has ended (WCAG 2.2.1, ADR 0027)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from recovery_portal.models import User
from recovery_portal.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "seven otters crossing the Tyne"
ENTRY = {"contact_by": "text", "email": "", "mobile_number": "07700 900 982"}


@pytest.fixture
def dan():
    return UserFactory(username="dan", password=PASSWORD, person=True)


def token_of(browser, url) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', browser.get(url).content.decode()).group(
        1
    )


def signed_in(username="dan", **client_options) -> Client:
    browser = Client(**client_options)
    credentials = {"username": username, "password": PASSWORD}
    if client_options.get("enforce_csrf_checks"):
        credentials["csrfmiddlewaretoken"] = token_of(browser, reverse("login"))
    assert browser.post(reverse("login"), credentials).status_code == 302
    return browser


def session_ends() -> None:
    # What thirty idle minutes do to the session on the server.
    Session.objects.all().delete()


def test_signed_in_pages_carry_the_warning_dialog_and_its_script_with_the_nonce(dan):
    html = signed_in().get(reverse("home")).content.decode()

    assert '<dialog id="session-timeout-dialog"' in html
    assert 'data-seconds="1800"' in html and 'data-warning="120"' in html
    script = re.search(r'<script src="[^"]*session-timeout\.js" nonce="([^"]+)"', html)
    assert script is not None
    assert "session-timeout-dialog" not in Client().get(reverse("login")).content.decode()


def test_staying_signed_in_renews_the_idle_timeout(dan):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        browser = signed_in()
        clock.shift(timedelta(minutes=29))
        assert browser.post(reverse("session-extend")).json() == {"seconds": 1800}
        clock.shift(timedelta(minutes=29))
        assert browser.get(reverse("home")).status_code == 200


def test_an_entry_sent_after_the_session_ended_is_saved_after_signing_in_again(dan):
    browser = signed_in(enforce_csrf_checks=True)
    page = browser.get(reverse("contact-settings")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    session_ends()

    sent = browser.post(reverse("contact-settings"), {**ENTRY, "csrfmiddlewaretoken": token})
    assert sent.status_code == 302 and sent.url.startswith(reverse("login"))
    kept_url = re.search(r"next=([^&]+)", sent.url).group(1).replace("%2F", "/")
    assert "signed out because you had not done anything" in browser.get(sent.url).content.decode()

    signed = browser.post(
        sent.url,
        {
            "username": "dan",
            "password": PASSWORD,
            "next": kept_url,
            "csrfmiddlewaretoken": token_of(browser, sent.url),
        },
    )
    assert signed.status_code == 302 and signed.url == kept_url
    kept = browser.get(kept_url).content.decode()
    assert "Save what you wrote" in kept and "07700 900 982" in kept
    fresh_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', kept).group(1)
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', kept))
    fields.pop("csrfmiddlewaretoken")
    assert fields == ENTRY

    saved = browser.post(reverse("contact-settings"), {**fields, "csrfmiddlewaretoken": fresh_token})
    assert saved.status_code == 302
    assert User.objects.get(pk=dan.pk).mobile_number.replace(" ", "") == "07700900982"
    # Taken once: the kept entry is gone.
    assert browser.get(kept_url).status_code == 404


def test_a_kept_entry_is_shown_to_nobody_but_its_writer(dan):
    UserFactory(username="margaret", password=PASSWORD, supporter=True)
    browser = signed_in()
    session_ends()
    sent = browser.post(reverse("contact-settings"), ENTRY)
    kept_url = re.search(r"next=([^&]+)", sent.url).group(1).replace("%2F", "/")

    # Someone else signing in on the same computer does not get it.
    assert browser.post(reverse("login"), {"username": "margaret", "password": PASSWORD}).status_code == 302
    assert browser.get(kept_url).status_code == 404


def test_a_kept_entry_lasts_only_its_minutes(dan, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        browser = signed_in()
        session_ends()
        sent = browser.post(reverse("contact-settings"), ENTRY)
        kept_url = re.search(r"next=([^&]+)", sent.url).group(1).replace("%2F", "/")
        clock.shift(timedelta(minutes=settings.KEPT_ENTRY_MINUTES + 1))
        browser.post(reverse("login"), {"username": "dan", "password": PASSWORD})
        assert browser.get(kept_url).status_code == 404


def test_a_forged_cross_site_post_is_refused_before_anything_is_kept(dan):
    browser = signed_in(enforce_csrf_checks=True)
    session_ends()

    forged = browser.post(reverse("contact-settings"), ENTRY)

    assert forged.status_code == 403


def test_a_browser_nobody_signed_in_on_keeps_nothing():
    sent = Client().post(reverse("contact-settings"), ENTRY)

    assert sent.status_code == 302 and "next=/account/contact/" in sent.url
