"""A steering group member reads the Trust dashboard, looks at last year, drills down to a team and
downloads one of its tables."""

import csv
import io
import re

import pytest
from playwright.sync_api import Page, expect

from evaluation.tests.dashboard_trust import build_small_trust, known_day
from tests.fixtures.personas import build_personas

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dashboard_trust(reference_data):
    # Earlier browser tests empty the database, reference data included (tests/fixtures/reference_data.py).
    with known_day():
        yield build_small_trust(build_personas())


def test_a_steering_group_member_reads_the_dashboards(
    page: Page, live_server, dashboard_trust, sign_in, assert_accessible
):
    with known_day():
        sign_in(page, "steering")

        # Given the home page offers the dashboards, the Trust's opens on this year.
        page.get_by_role("link", name="Trust dashboard").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("2026/27")
        expect(page.get_by_role("heading", level=1)).to_contain_text("The Trust")
        expect(page.locator("svg[role=img]").first).to_be_visible()
        assert_accessible(page)

        # When they choose last year, the figures are last year's.
        page.get_by_label("Financial year").select_option("2025/26")
        page.get_by_role("button", name="Show this year").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("2025/26")
        page.get_by_label("Financial year").select_option("2026/27")
        page.get_by_role("button", name="Show this year").click()

        # and drill down: steering group, division, team.
        page.locator("#drill-down").get_by_role(
            "link", name="Local Partnerships Recovery Steering Group"
        ).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Local Partnerships")
        assert_accessible(page)
        page.locator("#drill-down").get_by_role("link", name="Adult Mental Health").click()
        assert_accessible(page)
        page.locator("#drill-down").get_by_role("link", name=dashboard_trust.broxtowe.name).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(dashboard_trust.broxtowe.name)
        assert_accessible(page)

        # Then the team's figures about people are under disclosure control (5 people: "*"),
        people = page.get_by_role("term").filter(has_text="People on caseloads in the year")
        expect(people.locator("xpath=following-sibling::dd")).to_have_text("*")

        # and its PROM change table downloads as CSV with the same figures.
        with page.expect_download() as download:
            page.get_by_role(
                "button", name=re.compile(r"Download \(CSV\).*Change in outcome measures")
            ).click()
        content = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:3] == ["Financial year", "Team", "Measure"]
    swemwbs = next(row for row in rows if row[2] == "Short Warwick-Edinburgh Mental Wellbeing Scale")
    # Below Trust level no count by measure is published (ADR 0022): 5 people paired, so the mean change and
    # the share reliably improved are withheld.
    assert rows[0][3:] == ["Mean change", "Share reliably improved"]
    assert swemwbs[3:] == ["*", "*"]
