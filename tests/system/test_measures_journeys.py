"""Given a peer worker with Dan, when they record a SWEMWBS together, then Dan's metric score and trend
show; given Dan on his phone, he completes a ReQoL-10 himself at 320 pixels wide without scrolling
sideways; and the entry, error and trend pages are accessible."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from evaluation.tests.factories import prom_return
from tests.fixtures.personas import PERSONA_PASSWORD
from tests.fixtures.second_factor import pass_second_factor_in_browser, prepare_browser_sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SOME_OF_THE_TIME = "Some of the time"
FITS_THE_SCREEN = "document.documentElement.scrollWidth <= window.innerWidth"


def _sign_in(page: Page, base: str, username: str) -> None:
    prepare_browser_sign_in(username)
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PERSONA_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor_in_browser(page, username)
    expect(page).to_have_url(f"{base}/")


def _answer(page: Page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


@pytest.fixture
def earlier_swemwbs(measures_reference_data, serviceuser_record, persona_team):
    # Dan's baseline last spring: raw 14, metric 15.32.
    return prom_return(
        person=serviceuser_record,
        team=persona_team,
        answers=[2] * 7,
        completed_on=date(2025, 4, 7),
        timepoint="baseline",
    )


def test_a_peer_worker_records_a_swemwbs_with_dan_and_sees_the_score_and_trend(
    page: Page, live_server, earlier_swemwbs, assert_accessible
):
    base = live_server.url
    _sign_in(page, base, "peerworker")
    page.get_by_role("link", name="Caseload").first.click()
    page.get_by_role("link", name="Dan Hughes").click()
    page.get_by_role("link", name="Outcome measures for Dan Hughes").click()
    page.get_by_role("link", name="Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)").click()
    expect(page.get_by_text("Recall period: over the last 2 weeks.")).to_be_visible()
    assert_accessible(page)

    # Saving with a question unanswered shows the error summary and keeps what was chosen.
    _answer(page, "Timepoint", "Review")
    _answer(page, "Where it was completed", "Routine measurement by a peer worker")
    for number in range(1, 7):
        question = page.locator("legend").filter(has_text=f"{number}. I").first.inner_text().strip()
        _answer(page, question, SOME_OF_THE_TIME)
    page.get_by_role("button", name="Save SWEMWBS").click()
    expect(page.get_by_role("alert")).to_contain_text("Select an answer to question 7")
    assert_accessible(page)

    _answer(page, "7. I've been able to make up my own mind about things", "Often")
    page.get_by_role("button", name="Save SWEMWBS").click()
    expect(page.get_by_text("SWEMWBS saved: 19.98.")).to_be_visible()
    expect(page.get_by_role("heading", name="Metric score: 19.98")).to_be_visible()

    page.get_by_role("link", name="See Dan Hughes's measures and trend").click()
    chart = page.get_by_role("img", name="Dan Hughes's SWEMWBS metric score over time")
    expect(chart).to_be_visible()
    expect(page.get_by_text("Change from the first: +4.66, reliable improvement")).to_be_visible()
    expect(page.get_by_role("table").first).to_contain_text("+4.66: Reliable improvement")
    assert_accessible(page)


def test_dan_completes_a_reqol_himself_on_a_320_pixel_screen(
    browser, live_server, measures_reference_data, serviceuser_record, assert_accessible
):
    base = live_server.url
    context = browser.new_context(viewport={"width": 320, "height": 640})
    phone = context.new_page()
    _sign_in(phone, base, "serviceuser")
    phone.goto(f"{base}/measures/mine/")
    phone.get_by_role("link", name="Recovering Quality of Life (ReQoL-10)").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Recovering Quality of Life")
    assert phone.evaluate(FITS_THE_SCREEN), "the questionnaire scrolls sideways at 320 pixels"
    assert_accessible(phone)

    legends = phone.locator("legend").filter(has_text=re.compile(r"^\s*\d+\. "))
    for index in range(10):
        _answer(phone, legends.nth(index).inner_text().strip(), "Often")
    phone.get_by_role("button", name="Save ReQoL-10").click()

    # All "often": six positive items score 3, the four negative ones 1: 22.
    expect(phone.get_by_role("heading", name="Total score: 22")).to_be_visible()
    assert phone.evaluate(FITS_THE_SCREEN)
    expect(phone.get_by_text("Your care team will be in touch")).to_be_visible()  # "often" to item 6
    phone.get_by_role("link", name="See all your measures").click()
    expect(phone.get_by_role("img", name="Your ReQoL-10 total score over time")).to_be_visible()
    assert phone.evaluate(FITS_THE_SCREEN), "the trend page scrolls sideways at 320 pixels"
    assert_accessible(phone)
    context.close()
