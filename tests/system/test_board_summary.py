"""A steering group member opens the Trust dashboard, reads the board summary (each icon an image with
its words), follows one measure to its chart below, and opens the measured goal's own page."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from evaluation.tests.dashboard_trust import known_day
from workstreams import services
from workstreams.tests.factories import GoalFactory

from .test_dashboards import dashboard_trust  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def measured_goal(dashboard_trust):  # noqa: F811
    goal = GoalFactory(title="Peer support workers in every community team", baseline=40, target=50, unit="%")
    for n, value in enumerate([79, 81] * 7):  # April 2025 to May 2026, well above the target
        month = date(2025 + (3 + n) // 12, (3 + n) % 12 + 1, 1)
        services.goal_measurement_record(goal=goal, month=month, value=Decimal(value), by=None)
    return goal


def test_a_steering_group_member_reads_the_board_summary_and_follows_a_measure_to_its_chart(
    page: Page, live_server, measured_goal, sign_in, assert_accessible
):
    with known_day():
        sign_in(page, "steering")
        page.get_by_role("link", name="Trust dashboard").click()

        summary = page.locator("#board-summary")
        expect(summary.get_by_role("heading", name="Board summary")).to_be_visible()
        row = summary.locator(f'tr[data-measure="goal-{measured_goal.pk}"]')
        # The icons are images a screen reader names, with the same words printed beside them.
        expect(row.get_by_role("img", name="Common cause variation")).to_be_visible()
        expect(row.get_by_role("img", name="Assurance: consistently passing the target")).to_be_visible()
        expect(row).to_contain_text("Assurance: consistently passing the target")
        expect(row).to_contain_text("50%")
        # 3 FFT responses in the whole Trust: its total is withheld, and so are its months (ADR 0022).
        fft = summary.locator('tr[data-measure="fft-positive"]')
        expect(fft.get_by_role("img", name="No variation icon: no monthly figures")).to_be_visible()
        expect(fft).to_contain_text("total is withheld")
        assert_accessible(page)

        # Following a measure leads to its chart below.
        row.get_by_role("link", name="Goal: Peer support workers in every community team").click()
        expect(page).to_have_url(f"{live_server.url}/dashboards/#spc-goal-{measured_goal.pk}")
        chart = page.locator(f"#spc-goal-{measured_goal.pk}")
        expect(chart).to_be_in_viewport()
        expect(chart.get_by_role("heading", level=3)).to_have_text(measured_goal.title)

        # The goal's own page shows its run chart with the target, its assurance and RAG rating.
        page.goto(f"{live_server.url}/workstreams/goals/{measured_goal.pk}/")
        expect(page.get_by_role("heading", level=1)).to_contain_text(measured_goal.title)
        expect(page.locator("#goal-run-chart").get_by_role("img").last).to_be_visible()
        expect(page.locator("#goal-assurance")).to_contain_text("Assurance: consistently passing the target")
        expect(page.locator("#goal-rag")).to_contain_text("Green")
        assert_accessible(page)
