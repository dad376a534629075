"""The idle timeout (WCAG 2.2.1, ADR 0027): a person is warned in a dialog and can stay signed in; a
peer worker whose session ended while she wrote loses nothing: after signing in again she saves it."""

import re

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import Page, expect

from tests.fixtures.personas import PERSONA_PASSWORD
from tests.fixtures.second_factor import pass_second_factor_in_browser, prepare_browser_sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_person_is_warned_before_the_timeout_and_stays_signed_in(
    page: Page, live_server, personas, sign_in, settings, assert_accessible
):
    # A short idle timeout, so the warning comes four seconds after the page loads.
    settings.SESSION_COOKIE_AGE = 40
    settings.SESSION_TIMEOUT_WARNING_SECONDS = 36
    sign_in(page, "serviceuser")
    page.goto(f"{live_server.url}/account/contact/")

    dialog = page.get_by_role("dialog", name="You will be signed out soon")
    expect(dialog).to_be_visible(timeout=15000)
    expect(dialog.get_by_role("button", name="Stay signed in")).to_be_focused()
    assert_accessible(page)

    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    # The extension renewed the session: a page well after the first warning still opens signed in.
    page.wait_for_timeout(3000)
    page.goto(f"{live_server.url}/account/contact/")
    expect(page).to_have_url(f"{live_server.url}/account/contact/")


def test_an_entry_written_as_the_session_ended_is_saved_after_signing_in_again(
    page: Page, live_server, safety_plan, sign_in, assert_accessible
):
    base = live_server.url
    sign_in(page, "peerworker")
    page.goto(f"{base}/people/plans/{safety_plan.pk}/sections/coping/add/")
    words = "Drumming along to old records, loud, with the window open. " * 5
    page.get_by_label("Step 2: Things to do alone").fill(words)
    page.get_by_label("Their words, said here with me", exact=False).check()

    Session.objects.all().delete()  # thirty idle minutes, as the server sees them
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/account/kept/"))
    expect(page.get_by_text("Sign in again and you can save what you wrote")).to_be_visible()
    prepare_browser_sign_in("peerworker")
    page.get_by_label("Username").fill("peerworker")
    page.get_by_label("Password", exact=True).fill(PERSONA_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor_in_browser(page, "peerworker")

    expect(page.get_by_role("heading", level=1)).to_have_text("Save what you wrote")
    expect(page.get_by_text(words.strip()[:40])).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save what you wrote").click()
    expect(page.get_by_text("Drumming along to old records").first).to_be_visible()
    assert "/account/kept/" not in page.url
