"""axe finds no WCAG 2.2 AA violations on the Trust structure pages and the error pages."""

import re

import pytest
from django.template.loader import render_to_string
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_trust_structure_pages(page: Page, live_server, personas, persona_team, sign_in, assert_accessible):
    sign_in(page, personas["clinician"].username)

    page.goto(f"{live_server.url}/teams/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=persona_team.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(persona_team.name)
    assert_accessible(page)

    page.goto(f"{live_server.url}/workstreams/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_error_pages(page: Page, live_server, personas, sign_in, assert_accessible):
    sign_in(page, personas["serviceuser"].username)

    response = page.goto(f"{live_server.url}/teams/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)

    response = page.goto(f"{live_server.url}/no-such-page/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)


@pytest.mark.parametrize(
    "template", ["errors/500.html", "errors/503.html", "errors/csrf.html", "errors/400.html"]
)
def test_error_pages_without_a_live_cause(page: Page, live_server, template, assert_accessible):
    # These cannot be provoked safely from a browser; their markup is rendered and checked in place.
    page.goto(f"{live_server.url}/health/")
    page.set_content(render_to_string(template, {"request_id": "0123abcd"}))

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_follow_up_tasks_from_home_to_done(page: Page, live_server, personas, sign_in, assert_accessible):
    from recovery_portal.services import follow_up_task_raise

    follow_up_task_raise(
        key="review:1", assignee=personas["clinician"], title="Review the crisis plan due soon"
    )
    sign_in(page, personas["clinician"].username)

    expect(page.get_by_role("heading", name="Your tasks")).to_be_visible()
    page.get_by_role("link", name="All your tasks").click()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"Mark as done.*Review the crisis plan due soon")).click()

    expect(page.get_by_role("alert", name="Success")).to_contain_text("Marked as done")
    expect(page.get_by_text("You have no open tasks.")).to_be_visible()
