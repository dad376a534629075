"""Breadcrumbs computed in one place: each page's parent declared once, the trail built from the page up
to Home, in the Trust's words."""

import pytest
from django.urls import reverse

from recovery_portal.breadcrumbs import trail

pytestmark = pytest.mark.django_db


def _labels(crumbs):
    return [crumb["label"] for crumb in crumbs]


def test_a_plan_step_leads_up_through_the_plan_its_team_and_the_teams(persona_plan):
    team = persona_plan.team

    crumbs = trail("teams:plan-ratings", persona_plan)

    assert _labels(crumbs) == ["Home", "Teams", team.name, f"Plan {persona_plan.financial_year}"]
    assert [crumb["url"] for crumb in crumbs] == [
        reverse("home"),
        reverse("teams:directory"),
        reverse("teams:detail", args=[team.slug]),
        reverse("teams:plan", args=[persona_plan.pk]),
    ]


def test_an_action_leads_to_its_goal_on_the_workstreams_page(ws_action):
    workstream = ws_action.goal.workstream

    crumbs = trail("workstreams:action-detail", ws_action)

    assert _labels(crumbs) == ["Home", "Workstreams", workstream.name]
    assert (
        crumbs[-1]["url"]
        == f"{reverse('workstreams:detail', args=[workstream.slug])}#goal-{ws_action.goal_id}"
    )


def test_a_page_at_the_top_has_only_home_and_a_page_may_add_steps_of_its_own(peer_support):
    assert _labels(trail("teams:directory")) == ["Home"]
    crumbs = trail("workstreams:annual-report-edit", peer_support, ("Annual report 2026/27", "/report/"))
    assert _labels(crumbs) == ["Home", "Workstreams", peer_support.name, "Annual report 2026/27"]


def test_a_page_may_sit_and_be_named_differently_for_different_readers(monkeypatch, peer_support):
    """A person reaches their own record from "Your plans"; staff reach it from their caseload."""
    from recovery_portal import breadcrumbs

    monkeypatch.setattr(breadcrumbs, "PAGES", dict(breadcrumbs.PAGES))
    breadcrumbs.page("careplans:my-plans", "Your plans")
    breadcrumbs.page("careplans:caseload", "Caseload")
    breadcrumbs.page(
        "workstreams:detail",
        breadcrumbs.by_viewer(lambda user, workstream: "Yours" if user == "owner" else workstream.name),
        parent=breadcrumbs.by_viewer(
            lambda user, _workstream: "careplans:my-plans" if user == "owner" else "careplans:caseload"
        ),
        args=lambda workstream: [workstream.slug],
    )
    breadcrumbs.page("workstreams:annual-report", "Annual report", parent="workstreams:detail")

    as_owner = trail("workstreams:annual-report", peer_support, viewer="owner")
    as_staff = trail("workstreams:annual-report", peer_support, viewer="staff")

    assert _labels(as_owner) == ["Home", "Your plans", "Yours"]
    assert as_owner[1]["url"] == reverse("careplans:my-plans")
    assert _labels(as_staff) == ["Home", "Caseload", peer_support.name]
    assert as_staff[1]["url"] == reverse("careplans:caseload")
    with pytest.raises(TypeError, match="viewer=request.user"):
        trail("workstreams:annual-report", peer_support)
