"""Given a persona, when they sign in with the keyboard or mouse, then they reach their own home."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.fixtures.second_factor import (
    pass_second_factor_in_browser,
    prepare_browser_sign_in,
    unused_code_for,
)

pytestmark = pytest.mark.django_db(transaction=True)

# What each persona's home shows that nobody else's does.
HOME_SIGNS = {
    "admin": "Administration",
    "teamlead": "Team manager",
    "clinician": "Clinician",
    "peerworker": "Peer support worker",
    "serviceuser": "Your plans",
    "carer": "Plans shared with you",
    "wslead": "Your workstreams",
    "steering": "Your steering groups",
    "college": "Recovery College team",
    "trainer": "Recovery College",
    "evaluation": "Recovery Evaluation Team",
    "outsider": "Clinician",
}


@pytest.mark.parametrize("persona", sorted(HOME_SIGNS))
def test_each_persona_signs_in_and_reaches_their_home(
    page: Page, live_server, personas, carer_supporter, sign_in, persona
):
    # carer_supporter puts serviceuser on a caseload with plans and makes carer their supporter.
    sign_in(page, personas[persona].username)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(personas[persona].display_name.split()[0])
    expect(page.get_by_role("main")).to_contain_text(HOME_SIGNS[persona])


def test_home_and_sign_in_pages_are_accessible(page: Page, live_server, personas, sign_in, assert_accessible):
    page.goto(f"{live_server.url}/sign-in/")
    assert_accessible(page)

    sign_in(page, personas["teamlead"].username)
    expect(page).to_have_url(f"{live_server.url}/")
    assert_accessible(page)


def test_a_wrong_password_shows_the_error_summary_linking_to_the_field(
    page: Page, live_server, personas, sign_in
):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_role("button", name="Sign in").click()

    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Enter your username").click()
    expect(page.get_by_label("Username")).to_be_focused()


def test_sign_in_works_with_the_keyboard_alone(page: Page, live_server, personas):
    prepare_browser_sign_in("peerworker")
    page.goto(f"{live_server.url}/sign-in/")

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.get_by_label("Username").focus()
    page.keyboard.type(personas["peerworker"].username)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password", exact=True)).to_be_focused()
    page.keyboard.type("persona-password-2026")
    page.keyboard.press("Enter")

    # Then the code from the authenticator app, typed and sent with the keyboard too.
    expect(page).to_have_url(re.compile(r"/sign-in/second-factor/"))
    page.get_by_label("Security code").focus()
    page.keyboard.type(unused_code_for(personas["peerworker"]))
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/")


def test_signing_out_ends_the_session(page: Page, live_server, personas, sign_in):
    sign_in(page, personas["clinician"].username)
    page.get_by_role("button", name="Sign out").click()

    expect(page).to_have_url(re.compile(r"/sign-in/"))
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/"))


def test_pages_work_without_javascript(browser, live_server, personas):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    prepare_browser_sign_in("teamlead")
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(personas["teamlead"].username)
    page.get_by_label("Password", exact=True).fill("persona-password-2026")
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor_in_browser(page, "teamlead")

    expect(page).to_have_url(f"{live_server.url}/")
    page.get_by_role("link", name="Teams").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    context.close()
