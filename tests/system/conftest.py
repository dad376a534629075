"""Browser tests: a live server on loopback, the system Chromium, and axe on every page visited."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.fixtures.personas import PERSONA_PASSWORD
from tests.fixtures.second_factor import pass_second_factor_in_browser, prepare_browser_sign_in

# WCAG 2.2 AA, which includes A and the 2.0/2.1 criteria.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/system/" in str(item.fspath):
            item.add_marker(pytest.mark.system)


@pytest.fixture
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    def check(page: Page) -> None:
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check


@pytest.fixture
def sign_in(live_server):
    def go(page: Page, username: str, password: str = PERSONA_PASSWORD) -> None:
        prepare_browser_sign_in(username)
        page.goto(f"{live_server.url}/sign-in/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password", exact=True).fill(password)
        page.get_by_role("button", name="Sign in").click()
        # Staff then type the code from their authenticator app, as they would in the Trust.
        pass_second_factor_in_browser(page, username)

    return go
