"""Given a peer support worker and the person, each signed in, when they write a safety plan together,
then the person's own words are theirs, the agreed PDF holds them, and every page is accessible."""

import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.fixtures.personas import PERSONA_PASSWORD
from tests.fixtures.second_factor import pass_second_factor_in_browser, prepare_browser_sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page: Page, base: str, username: str) -> None:
    prepare_browser_sign_in(username)
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PERSONA_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor_in_browser(page, username)
    expect(page).to_have_url(f"{base}/")


def test_a_peer_worker_and_the_person_co_produce_a_safety_plan(
    browser, live_server, serviceuser_record, assert_accessible
):
    worker = browser.new_context().new_page()
    person = browser.new_context().new_page()
    base = live_server.url

    # The peer support worker starts the plan and drafts a warning sign with Dan.
    _sign_in(worker, base, "peerworker")
    worker.get_by_role("link", name="Caseload").first.click()
    worker.get_by_role("link", name="Dan Hughes").click()
    worker.get_by_role("button", name="Start a safety plan").click()
    expect(worker.get_by_role("heading", level=1)).to_contain_text("Safety plan")
    worker.get_by_role("link", name="Step 1: Warning signs").click()
    worker.get_by_label("Step 1: Warning signs").fill("Pacing at night")
    worker.get_by_role("button", name="Save").click()
    expect(worker.get_by_text("Pacing at night", exact=True)).to_be_visible()
    worker.get_by_role("link", name="Step 5: Professionals and services").click()
    worker.get_by_label("Step 5: Professionals and services").fill("Crisis line")
    worker.get_by_label("Phone number (optional)").fill("0300 555 0730")
    worker.get_by_role("button", name="Save").click()
    expect(worker.get_by_role("link", name="Call 0300 555 0730")).to_have_attribute("href", "tel:03005550730")

    # Dan, in his own login, writes his reasons for living in his own words and agrees the plan.
    _sign_in(person, base, "serviceuser")
    person.get_by_role("link", name="Your safety plan").first.click()
    expect(person.get_by_role("heading", level=1)).to_have_text("Your safety plan")
    person.get_by_role("link", name="My reasons for living").click()
    expect(person.get_by_text("Whose words are these?")).to_have_count(0)
    person.get_by_label("My reasons for living").fill("Bess and my nephew Alfie")
    person.get_by_role("button", name="Save").click()
    expect(person.get_by_text("Bess and my nephew Alfie", exact=True)).to_be_visible()
    expect(person.get_by_text("In your own words")).to_be_visible()
    person.get_by_role("link", name="Agree this plan").click()
    person.get_by_role("button", name="I agree this plan").click()
    expect(person.get_by_text("You agreed this version")).to_be_visible()

    # The agreed PDF holds his words.
    with person.expect_download() as download:
        person.get_by_role("link", name="Download a PDF copy").click()
    with open(download.value.path(), "rb") as handle:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    assert "Bess and my nephew Alfie" in text
    assert "Agreed by you" in text  # his own copy speaks to him

    # The worker sees the agreement and whose words are whose.
    worker.reload()
    expect(worker.get_by_text("Dan Hughes agreed this version")).to_be_visible()
    expect(worker.get_by_text("In their own words")).to_be_visible()


def test_staff_pages_are_accessible(
    page: Page, live_server, sign_in, personas, safety_plan, crisis_plan, recovery_plan, assert_accessible
):
    sign_in(page, "clinician")
    base = live_server.url
    person = safety_plan.person
    for path in [
        "/people/",
        f"/people/{person.pk}/",
        f"/people/plans/{safety_plan.pk}/",
        f"/people/plans/{crisis_plan.pk}/",
        f"/people/plans/{recovery_plan.pk}/",
        f"/people/plans/{safety_plan.pk}/history/",
        f"/people/plans/{safety_plan.pk}/compare/?old=2&new=3",
        f"/people/plans/{safety_plan.pk}/history/2/",
        f"/people/plans/{crisis_plan.pk}/sections/refusals/add/",
        f"/people/plans/{crisis_plan.pk}/details/",
        "/people/new/",
    ]:
        page.goto(base + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)

    # A form with errors: a refusal without an alternative.
    page.goto(f"{base}/people/plans/{crisis_plan.pk}/sections/refusals/add/")
    page.get_by_label("Refusal").fill("Being restrained face down")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Add an acceptable alternative for this refusal"
    )
    assert_accessible(page)


def test_the_persons_own_pages_are_accessible_and_fit_a_320_pixel_screen(
    browser, live_server, safety_plan, crisis_plan, recovery_plan, carer_supporter, assert_accessible
):
    page = browser.new_context(viewport={"width": 320, "height": 640}).new_page()
    base = live_server.url
    _sign_in(page, base, "serviceuser")
    person = safety_plan.person
    paths = [
        "/people/my-plans/",
        f"/people/plans/{safety_plan.pk}/",
        f"/people/plans/{crisis_plan.pk}/",
        f"/people/plans/{recovery_plan.pk}/",
        f"/people/plans/{safety_plan.pk}/history/",
        f"/people/plans/{safety_plan.pk}/agree/",
        f"/people/plans/{safety_plan.pk}/sections/coping/add/",
        f"/people/{person.pk}/viewed/",
        f"/people/supporters/{carer_supporter.pk}/sharing/",
    ]
    for path in paths:
        page.goto(base + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= 320"), f"{path} scrolls sideways"
        assert_accessible(page)


def test_the_carers_view_is_accessible(page: Page, live_server, sign_in, carer_supporter, assert_accessible):
    sign_in(page, "carer")

    page.get_by_role("link", name="What Dan Hughes has shared with you").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Dan Hughes")
    expect(page.get_by_text("Not sleeping, pacing at night")).to_be_visible()
    expect(page.get_by_text("Walk the dog")).to_have_count(0)
    assert_accessible(page)
