"""A steering group member compiles the annual evaluation report, sees its progress and downloads it.

axe finds no WCAG 2.2 AA violations on the list of reports or on the run page with its progress bar.
"""

import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from evaluation.tests.reports.fixtures import report_trust  # noqa: F401  (a fixture, used below)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("report_trust")]


def test_a_steering_group_member_compiles_the_annual_report_and_downloads_it(
    page: Page, live_server, sign_in, assert_accessible, steering
):
    # Given a member of the Trust Recovery Steering Group on the reports page
    sign_in(page, steering.username)
    page.goto(f"{live_server.url}/reports/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual evaluation reports")
    expect(page.get_by_text("No report has been compiled yet.")).to_be_visible()
    assert_accessible(page)

    # When they start the report for 2025/26 (compiled in-process here, as with no broker configured)
    page.get_by_label("Financial year").select_option(label="2025/26")
    page.get_by_role("button", name="Start compiling the report").click()

    # Then its page shows every section compiled and a full progress bar
    expect(page.get_by_role("heading", level=1)).to_contain_text("2025/26")
    expect(page.get_by_text("All 8 sections compiled. The report is ready.")).to_be_visible()
    progress = page.get_by_role("progressbar")
    expect(progress).to_have_attribute("value", "8")
    expect(progress).to_have_accessible_name("All 8 sections compiled. The report is ready.")
    assert_accessible(page)

    # And the PDF downloads, holding every section
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the report (PDF)").click()
    pdf = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))
    text = " ".join(p.extract_text() for p in pdf.pages)
    for title in [
        "Executive summary",
        "Workstreams",
        "Outcome and experience measures",
        "Method and data quality",
    ]:
        assert title in text
