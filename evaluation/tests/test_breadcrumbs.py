"""The breadcrumbs of the measures pages, as each reader sees them: staff come from the person's record
on their caseload, the person from their own measures (ADR 0031, breadcrumbs computed in one place)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _crumbs(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return [(crumb["label"], crumb["url"]) for crumb in response.context["breadcrumbs"]]


def test_staff_reach_a_persons_measures_from_the_person_on_their_caseload(
    client, personas, swemwbs_return, serviceuser_record
):
    person = serviceuser_record
    caseload = [
        ("Home", reverse("home")),
        ("Caseload", reverse("careplans:caseload")),
        (person.display_name, reverse("careplans:person", args=[person.pk])),
    ]
    measures = ("Measures", reverse("measures:person", args=[person.pk]))

    assert _crumbs(client, personas["teamlead"], reverse("measures:person", args=[person.pk])) == caseload
    new_return = reverse("measures:return-new", args=[person.pk, "SWEMWBS"])
    assert _crumbs(client, personas["clinician"], new_return) == [*caseload, measures]
    one_return = reverse("measures:return", args=[swemwbs_return.pk])
    assert _crumbs(client, personas["peerworker"], one_return) == [*caseload, measures]


def test_a_person_reaches_their_returns_from_their_own_measures(client, personas, swemwbs_return):
    home = ("Home", reverse("home"))
    serviceuser = personas["serviceuser"]

    assert _crumbs(client, serviceuser, reverse("measures:mine")) == [home]
    one_return = reverse("measures:return", args=[swemwbs_return.pk])
    assert _crumbs(client, serviceuser, one_return) == [home, ("Your measures", reverse("measures:mine"))]


def test_a_teams_dashboard_leads_up_to_the_trusts_and_tasks_to_home(client, personas, persona_team):
    home = ("Home", reverse("home"))
    team_dashboard = reverse("dashboards:team", args=[persona_team.slug])

    assert _crumbs(client, personas["steering"], reverse("dashboards:trust")) == [home]
    assert _crumbs(client, personas["steering"], team_dashboard) == [
        home,
        ("Trust dashboard", reverse("dashboards:trust")),
    ]
    assert _crumbs(client, personas["teamlead"], reverse("tasks")) == [home]


def test_a_teams_comments_and_performance_report_sit_under_the_team_like_its_other_pages(
    client, personas, persona_team
):
    under_the_team = [
        ("Home", reverse("home")),
        ("Teams", reverse("teams:directory")),
        (persona_team.name, reverse("teams:detail", args=[persona_team.slug])),
    ]

    comments = reverse("measures:team-comments", args=[persona_team.slug])
    assert _crumbs(client, personas["teamlead"], comments) == under_the_team
    report = reverse("reports:team", args=[persona_team.slug, 2025])
    assert _crumbs(client, personas["teamlead"], report) == under_the_team
