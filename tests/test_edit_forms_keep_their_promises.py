"""Every edit page (issue 17, points 2 and 13):

- submitted unchanged, with the values it was given, it saves (the college session form once refused its
  own "10:00:00");
- a record two people can edit refuses a save built on an older version: 409, the other person's words
  stay saved, both texts are on the page and what was typed stays in the form.
"""

import pytest
from django.urls import reverse

from teams.tests.factories import TeamActionFactory
from tests.page_forms import form_on_page
from workstreams.reference import WorkstreamSlug

pytestmark = pytest.mark.django_db

REPORT_YEAR = 2025

# name → (URL name, fixture giving the object (or None), fixture giving the editor, two editors?)
EDIT_PAGES = {
    "learning plan": ("college:learning-plan-edit", "serviceuser_plan", "serviceuser", True),
    "learning plan, by the tutor": ("college:learning-plan-edit", "serviceuser_plan", "college", True),
    "college session": ("college:setup-session", "college_session", "college", False),
    "college course": ("college:setup-course", "college_course", "college", False),
    "college run": ("college:setup-run", "college_run", "college", False),
    "college term": ("college:setup-term", "college_term", "college", False),
    "college venue": ("college:setup-venue", "college_venue", "college", False),
    "workstream goal": ("workstreams:goal-edit", "ws_goal", "wslead", True),
    "workstream action": ("workstreams:action-edit", "ws_action", "wslead", True),
    "steering group meeting": ("workstreams:meeting-edit", "ws_meeting", "admin", True),
    "workstream annual report": ("workstreams:annual-report-edit", "peer_support_report", "wslead", True),
    "team plan resources": ("teams:plan-resources", "persona_plan", "teamlead", True),
    "team plan reflection": ("teams:plan-reflection", "persona_plan", "teamlead", True),
    "team plan priority": ("teams:priority-edit", "persona_priority", "teamlead", True),
    "team plan action": ("teams:action-edit", "persona_team_action", "teamlead", True),
    "safety plan entry": ("careplans:entry-change", "clinician_entry", "clinician", True),
}


@pytest.fixture
def college_course(college_run):
    return college_run.course


@pytest.fixture
def college_term(college_run):
    return college_run.term


@pytest.fixture
def college_venue(college_run):
    return college_run.venue


@pytest.fixture
def peer_support_report(peer_support):
    return (WorkstreamSlug.PEER_SUPPORT, REPORT_YEAR)


@pytest.fixture
def persona_team_action(persona_priority):
    return TeamActionFactory(priority=persona_priority, plan=persona_priority.plan)


def _url(request, page):
    url_name, object_fixture, _, _ = EDIT_PAGES[page]
    target = request.getfixturevalue(object_fixture)
    args = list(target) if isinstance(target, tuple) else [target.pk]
    return reverse(url_name, args=args)


@pytest.mark.parametrize("page", EDIT_PAGES)
def test_an_edit_form_submitted_unchanged_saves(client, request, page):
    url = _url(request, page)
    client.force_login(request.getfixturevalue(EDIT_PAGES[page][2]))
    shown = client.get(url)
    assert shown.status_code == 200
    data, _ = form_on_page(shown.content.decode())

    response = client.post(url, data)

    assert response.status_code == 302, [
        line for line in response.content.decode().splitlines() if "error" in line
    ]


@pytest.mark.parametrize("page", [name for name, (*_, two) in EDIT_PAGES.items() if two])
def test_a_stale_save_keeps_both_peoples_words(client, request, page):
    url = _url(request, page)
    client.force_login(request.getfixturevalue(EDIT_PAGES[page][2]))
    opened, text_fields = form_on_page(client.get(url).content.decode())
    assert "version" in opened, "a record two people edit carries the version it was opened on"
    field = text_fields[0]

    first = {**opened, field: ["The words the first person saved"]}
    assert client.post(url, first).status_code == 302
    second = {**opened, field: ["The words the second person typed"]}
    response = client.post(url, second)

    assert response.status_code == 409
    html = response.content.decode()
    comparison = html.split('id="stale-comparison"')[1].split("</table>")[0]
    assert "The words the first person saved" in comparison
    assert "The words the second person typed" in comparison
    form_html = html.split('id="stale-comparison"')[1]
    assert "The words the second person typed" in form_html.split("</table>", 1)[1]  # still in the form
    again, _ = form_on_page(client.get(url).content.decode())
    assert again[field] == ["The words the first person saved"]  # nothing was overwritten unseen

    resubmitted, _ = form_on_page(html)
    assert client.post(url, resubmitted).status_code == 302  # saving again is then a deliberate choice


def test_the_college_session_form_accepts_its_own_times(client, college, college_session):
    url = reverse("college:setup-session", args=[college_session.pk])
    client.force_login(college)
    data, _ = form_on_page(client.get(url).content.decode())
    assert all(len(value) == 5 for value in data["starts"] + data["ends"]), data  # "10:00", not "10:00:00"
