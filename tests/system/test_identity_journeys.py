"""Signing in through the local identity providers (tests/standins/oidc) in Chromium: a clinician with
their Trust account; Dan, invited by his peer support worker, with NHS login; Margaret, invited by Dan,
who sees only what he shares until he stops it. axe checks every portal page on the way."""

from datetime import date
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from careplans import services as careplans_services
from careplans.models import AuthorRole
from careplans.sections import PlanKind
from careplans.tests.factories import CaseloadEntryFactory, ServiceUserFactory, plan_with_entries
from identity.models import IdentityLink, ProviderKind
from recovery_portal.models import Message
from tests.fixtures.identity_providers import NHS_ACCOUNTS, STAFF_ACCOUNTS
from tests.fixtures.personas import PERSONA_PASSWORD
from tests.fixtures.second_factor import pass_second_factor_in_browser, prepare_browser_sign_in

pytestmark = pytest.mark.django_db(transaction=True)

DAN = NHS_ACCOUNTS["dan"]["claims"]


@pytest.fixture
def portal_address(settings, live_server):
    settings.PORTAL_BASE_URL = live_server.url
    return live_server.url


def _password_sign_in(page: Page, base: str, username: str, password: str = PERSONA_PASSWORD) -> None:
    prepare_browser_sign_in(username)
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    pass_second_factor_in_browser(page, username)
    expect(page).to_have_url(f"{base}/")


def _at_the_provider(page: Page, account: str) -> None:
    page.get_by_label(account, exact=True).check()
    page.get_by_role("button", name="Sign in").click()


def _invitation_path(code: str) -> str:
    return urlsplit(Message.objects.filter(template__code=code).latest("id").personalisation["link"]).path


def test_a_clinician_signs_in_with_their_trust_account(
    page: Page, staff_idp, portal_address, clinician, assert_accessible
):
    IdentityLink.objects.create(
        user=clinician,
        provider=ProviderKind.STAFF,
        issuer=staff_idp.OIDC_STAFF_ISSUER,
        subject=STAFF_ACCOUNTS["mohammed.iqbal"]["claims"]["oid"],
    )
    page.goto(f"{portal_address}/sign-in/")
    assert_accessible(page)
    page.get_by_role("link", name="Sign in with your Trust account").click()

    _at_the_provider(page, "mohammed.iqbal")

    expect(page).to_have_url(f"{portal_address}/")
    expect(page.get_by_role("link", name="Caseload").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out of the Recovery Portal")
    assert_accessible(page)
    page.get_by_role("link", name="Sign out of your Trust account").click()
    page.get_by_role("button", name="Yes, sign me out").click()
    expect(page).to_have_url(f"{portal_address}/sign-in/", timeout=10000)


@pytest.fixture
def dan_without_a_login(persona_team, personas):
    person = ServiceUserFactory(
        given_name="Daniel",
        family_name="Hughes",
        preferred_name="Dan",
        nhs_number=DAN["nhs_number"],
        date_of_birth=date.fromisoformat(DAN["birthdate"]),
        email="dan.hughes@example.com",
        user=None,
    )
    CaseloadEntryFactory(person=person, team=persona_team, peer_support_worker=personas["peerworker"])
    plan_with_entries(
        person=person,
        kind=PlanKind.SAFETY,
        by=personas["peerworker"],
        entries=[("warning_signs", "Not sleeping, pacing at night", AuthorRole.PEER_WORKER)],
    )
    return person


def test_a_peer_worker_invites_dan_who_accepts_with_nhs_login_and_sees_his_plan(
    browser, nhs_login_idp, portal_address, dan_without_a_login, assert_accessible
):
    worker = browser.new_context().new_page()
    _password_sign_in(worker, portal_address, "peerworker")
    worker.goto(f"{portal_address}/people/{dan_without_a_login.pk}/")
    worker.get_by_role("link", name="Invite Dan Hughes to see their plans online").click()
    assert_accessible(worker)
    worker.get_by_label("Email address").fill("dan.hughes@")
    worker.get_by_role("button", name="Send the invitation").click()
    expect(worker.get_by_text("Enter an email address in the correct format").first).to_be_visible()
    assert worker.title().startswith("Error:")
    assert_accessible(worker)
    worker.get_by_label("Email address").fill("dan.hughes@example.com")
    worker.get_by_role("button", name="Send the invitation").click()
    expect(worker.get_by_text("Dan Hughes has been sent an invitation.")).to_be_visible()

    dan = browser.new_context().new_page()
    dan.goto(portal_address + _invitation_path("invitation-person"))
    assert_accessible(dan)
    dan.get_by_role("link", name="Continue to NHS login").click()
    _at_the_provider(dan, "dan")

    expect(dan).to_have_url(f"{portal_address}/")
    dan.goto(f"{portal_address}/people/my-plans/")
    expect(dan.get_by_role("link", name="Your safety plan").first).to_be_visible()
    assert_accessible(dan)


@pytest.fixture
def margaret_without_a_login(serviceuser_record, safety_plan, personas):
    supporter = careplans_services.supporter_add(
        person=serviceuser_record, name="Margaret Hughes", relationship="carer", by=personas["serviceuser"]
    )
    careplans_services.supporter_consent_set(
        supporter=supporter, plan=safety_plan, sections=["warning_signs"], by=personas["serviceuser"]
    )
    return supporter


def test_dan_invites_margaret_who_sees_only_what_he_shares_until_he_stops_it(
    browser, portal_address, margaret_without_a_login, assert_accessible
):
    dan = browser.new_context().new_page()
    _password_sign_in(dan, portal_address, "serviceuser")
    dan.goto(f"{portal_address}/people/my-plans/")
    dan.get_by_role("link", name="Who can sign in to see your plans").click()
    assert_accessible(dan)
    dan.get_by_role("link", name="Invite them to sign in (Margaret Hughes)").click()
    dan.get_by_label("Text message").check()
    dan.get_by_label("UK mobile phone number").fill("07700 900123")
    dan.get_by_role("button", name="Send the invitation").click()
    expect(dan.get_by_text("Margaret Hughes has been sent an invitation.")).to_be_visible()
    expect(dan.get_by_role("cell", name="Invited, until", exact=False)).to_be_visible()

    margaret = browser.new_context().new_page()
    margaret.goto(portal_address + _invitation_path("invitation-supporter"))
    assert_accessible(margaret)
    margaret.get_by_label("Choose a username").fill("margaret.h")
    margaret.get_by_label("New password", exact=True).fill("a-long-and-unusual-passphrase-41")
    margaret.get_by_label("New password confirmation").fill("a-long-and-unusual-passphrase-41")
    margaret.get_by_role("button", name="Create your account").click()
    # A second factor is offered to a supporter, not required.
    expect(margaret).to_have_url(f"{portal_address}/account/second-factor/")
    assert_accessible(margaret)
    margaret.get_by_role("link", name="Not now, continue to the portal").click()
    expect(margaret).to_have_url(f"{portal_address}/")
    shared = f"{portal_address}/people/shared/{margaret_without_a_login.pk}/"
    margaret.goto(shared)
    expect(margaret.get_by_text("Not sleeping, pacing at night")).to_be_visible()
    expect(margaret.get_by_text("Walk the dog round the park")).to_have_count(0)
    assert_accessible(margaret)

    dan.reload()
    dan.get_by_role("link", name="Stop their access (Margaret Hughes)").click()
    assert_accessible(dan)
    dan.get_by_role("button", name="Yes, stop their access").click()
    expect(dan.get_by_text("Margaret Hughes can no longer see your plans.")).to_be_visible()

    margaret.goto(shared)
    expect(margaret.get_by_text("Not sleeping, pacing at night")).to_have_count(0)
    expect(margaret.get_by_role("heading", level=1)).to_contain_text("not found", ignore_case=True)
