"""Given the evaluation team with a spreadsheet of returns, when the file has a mistake, then every problem
is shown by row and column and nothing is saved; once corrected, it is previewed and imported, and every
page is accessible (axe), the page of problems included."""

import importlib

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import Page, expect

from evaluation.models import PromReturn
from evaluation.tests.fixtures import returns_csv, swemwbs_row

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def instruments():
    """Browser tests empty the database, instruments included: load them as migration 0002 does."""
    importlib.import_module("evaluation.migrations.0002_instrument_definitions").load(django_apps, None)


def test_the_evaluation_team_corrects_a_file_then_imports_it(
    page: Page,
    live_server,
    sign_in,
    instruments,
    persona_team,
    serviceuser_record,
    assert_accessible,
    tmp_path,
):
    rows = [
        swemwbs_row(serviceuser_record, persona_team),
        swemwbs_row(
            serviceuser_record, persona_team, completed_on="2025-07-01", timepoint="review", item_3="6"
        ),
    ]
    wrong = tmp_path / "june-returns.csv"
    wrong.write_bytes(returns_csv(rows))
    rows[1]["item_3"] = "4"
    right = tmp_path / "june-returns-corrected.csv"
    right.write_bytes(returns_csv(rows))

    sign_in(page, "evaluation")
    page.goto(f"{live_server.url}/measures/imports/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import outcome and experience measures")
    assert_accessible(page)

    page.locator("input[type=file]").set_input_files(str(wrong))
    page.get_by_role("button", name="Check the file").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Row 3, item_3: 6 is not an answer to SWEMWBS question 3")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nothing was imported")
    expect(page.get_by_role("row").filter(has_text="item_3 (column I)")).to_contain_text("6 is not an answer")
    assert_accessible(page)
    assert not PromReturn.objects.exists()

    page.get_by_role("link", name="Upload a corrected file").click()
    page.locator("input[type=file]").set_input_files(str(right))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check before importing")
    expect(page.get_by_role("table", name="Returns per measure")).to_contain_text("SWEMWBS")
    assert_accessible(page)

    page.get_by_role("button", name="Import 2 returns").click()
    expect(page.get_by_text("2 returns imported")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("june-returns-corrected.csv")
    assert_accessible(page)
    assert PromReturn.objects.count() == 2
