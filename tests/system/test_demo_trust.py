"""The demo Trust that `make run` serves: every demo login reaches its home page."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)

# Data that migrations load into a fresh database; earlier browser tests empty the database between tests.
REFERENCE_DATA_MIGRATIONS = [
    ("recovery_portal", "0003_trust_role_groups", "create_groups"),
    ("workstreams", "0002_reference_data", "load"),
]


def reload_reference_data():
    for app, migration, loader in REFERENCE_DATA_MIGRATIONS:
        getattr(importlib.import_module(f"{app}.migrations.{migration}"), loader)(django_apps, None)


DEMO_LOGINS = [
    "admin", "teamlead", "clinician", "peerworker", "serviceuser", "carer",
    "wslead", "steering", "college", "trainer", "evaluation", "outsider",
]  # fmt: skip


@pytest.fixture
def demo_trust(settings):
    reload_reference_data()
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    return settings.DEMO_PASSWORD


def test_every_demo_login_reaches_its_home(page: Page, live_server, demo_trust):
    for username in DEMO_LOGINS:
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/sign-in/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password", exact=True).fill(demo_trust)
        page.get_by_role("button", name="Sign in").click()

        expect(page, f"{username} should reach home").to_have_url(f"{live_server.url}/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
