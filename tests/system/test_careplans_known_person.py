"""A team accepts a referral for a person already known to another team: NHS number and date of birth."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_clinician_adds_a_known_person_and_a_mismatch_reveals_nothing(
    page: Page, live_server, persona_team, outsider_person, sign_in, assert_accessible
):
    born = outsider_person.date_of_birth
    sign_in(page, "clinician")
    page.goto(f"{live_server.url}/people/")
    page.get_by_role("link", name="Add someone already known to the Trust").click()
    assert_accessible(page)

    def fill(year: int) -> None:
        page.get_by_label("NHS number").fill(outsider_person.nhs_number_display)
        page.get_by_label("Day").first.fill(str(born.day))
        page.get_by_label("Month").first.fill(str(born.month))
        page.get_by_label("Year").first.fill(str(year))
        page.get_by_label("Day").nth(1).fill("1")
        page.get_by_label("Month").nth(1).fill("4")
        page.get_by_label("Year").nth(1).fill("2025")
        page.get_by_role("button", name="Add to the caseload").click()

    # A wrong date of birth: the same answer as for a number nobody has, and no name.
    fill(born.year - 1)
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "We could not find a person with this NHS number and date of birth"
    )
    expect(page.get_by_text("Kerry")).to_have_count(0)
    assert_accessible(page)

    # Both right: the person is on the team's caseload.
    fill(born.year)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kerry Walsh")
    assert_accessible(page)
