"""Suite-wide pytest configuration: fixtures shared by every app, and the CI rule on skips."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM is still used synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = [
    "tests.fixtures.personas",
    "tests.fixtures.browser",
    "tests.fixtures.notify",
    # Each app's fixtures, so the authorisation matrix and browser tests can use them.
    "workstreams.tests.fixtures",
    "teams.tests.fixtures",
    "careplans.tests.fixtures",
    "college.tests.fixtures",
    "evaluation.tests.fixtures",
]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    """Under CI a skipped test, an expected failure, or an empty run is a failed run."""
    if os.environ.get("CI") != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    stats = reporter.stats if reporter else {}
    not_run = len(stats.get("skipped", [])) + len(stats.get("xfailed", []))
    if not_run:
        if reporter:
            reporter.write_line(
                f"CI=true: {not_run} test(s) skipped or xfailed; every test must run.", red=True
            )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    elif session.testscollected == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
