import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from recovery_portal.financial_year import FinancialYear
from recovery_portal.models import AuditEvent
from teams import services
from teams.models import PlanStatus, TeamRecoveryPlan
from teams.tests.factories import PriorityFactory, TeamActionFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _resources(version, staff="", peers=""):
    return {
        "version": version,
        "resources_staff": staff,
        "resources_peer_workers": peers,
        "resources_people_using_service": "",
        "resources_carers": "",
    }


def test_a_stale_edit_is_refused_with_both_versions_shown_and_nothing_lost(
    client, django_user_model, persona_plan, teamlead, clinician
):
    url = reverse("teams:plan-resources", args=[persona_plan.pk])
    opened = persona_plan.version
    client.force_login(teamlead)
    assert client.post(url, _resources(opened, staff="Two nurses trained in DIALOG+")).status_code == 302

    client.force_login(clinician)
    response = client.post(url, _resources(opened, staff="A psychologist who runs hearing voices groups"))

    assert response.status_code == 409  # a conflict, answered as one
    html = response.content.decode()
    assert "Someone else changed this plan since you opened it" in html
    comparison = html.split('id="stale-comparison"')[1].split("</table>")[0]
    assert "Two nurses trained in DIALOG+" in comparison  # their saved text
    assert "A psychologist who runs hearing voices groups" in comparison  # what this person typed
    form_html = html.split('<form method="post" novalidate>')[1]
    assert "A psychologist who runs hearing voices groups</textarea>" in form_html  # still in the form
    assert f'name="version" value="{opened + 1}"' in form_html  # saving again is a deliberate choice
    assert TeamRecoveryPlan.objects.get(pk=persona_plan.pk).resources_staff == "Two nurses trained in DIALOG+"

    again = client.post(
        url, _resources(opened + 1, staff="Both: nurses trained in DIALOG+ and a psychologist")
    )
    assert again.status_code == 302
    assert TeamRecoveryPlan.objects.get(pk=persona_plan.pk).version == opened + 2


def test_an_outsider_reads_the_plan_but_cannot_edit_it(client, outsider, persona_plan):
    client.force_login(outsider)

    assert client.get(reverse("teams:plan", args=[persona_plan.pk])).status_code == 200
    url = reverse("teams:plan-resources", args=[persona_plan.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _resources(persona_plan.version, staff="Not my team's")).status_code == 403
    assert TeamRecoveryPlan.objects.get(pk=persona_plan.pk).resources_staff == ""


def test_a_named_facilitator_may_edit_without_being_in_the_team(client, outsider, teamlead, persona_plan):
    persona_plan.facilitators.add(outsider)
    client.force_login(outsider)

    response = client.post(
        reverse("teams:plan-resources", args=[persona_plan.pk]),
        _resources(persona_plan.version, staff="Facilitated"),
    )

    assert response.status_code == 302
    assert TeamRecoveryPlan.objects.get(pk=persona_plan.pk).resources_staff == "Facilitated"


def test_the_away_day_step_names_facilitators_by_username(client, teamlead, outsider, persona_plan):
    client.force_login(teamlead)
    data = {
        "version": persona_plan.version,
        "away_day_date_day": "2",
        "away_day_date_month": str((TODAY - datetime.timedelta(days=40)).month),
        "away_day_date_year": str((TODAY - datetime.timedelta(days=40)).year),
        "away_day_facilitator": "Amira Shah, Recovery College",
        "facilitator_usernames": "outsider",
        "attended_staff": "8",
        "attended_peer_workers": "2",
        "attended_people_using_service": "3",
        "attended_carers": "1",
        "no_service_user_reason": "",
    }

    response = client.post(reverse("teams:plan-away-day", args=[persona_plan.pk]), data)

    assert response.status_code == 302
    plan = TeamRecoveryPlan.objects.get(pk=persona_plan.pk)
    assert list(plan.facilitators.all()) == [outsider]
    assert plan.attended_people_using_service == 3


def test_the_team_manager_sees_why_a_plan_cannot_be_agreed(client, teamlead, persona_plan):
    client.force_login(teamlead)

    response = client.post(
        reverse("teams:plan-agree", args=[persona_plan.pk]), {"version": persona_plan.version}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Record the away day first" in html
    assert "No one using the service took part" in html
    assert TeamRecoveryPlan.objects.get(pk=persona_plan.pk).status == PlanStatus.PREPARING


def test_the_plan_page_shows_steps_to_members_and_not_to_others(client, teamlead, outsider, persona_plan):
    client.force_login(teamlead)
    assert 'id="plan-steps"' in client.get(reverse("teams:plan", args=[persona_plan.pk])).content.decode()

    client.force_login(outsider)
    html = client.get(reverse("teams:plan", args=[persona_plan.pk])).content.decode()
    assert 'id="plan-steps"' not in html
    assert "Team resources" in html


def test_starting_next_years_plan_carries_forward_the_chosen_actions(
    client, teamlead, persona_team, imroc_challenges
):
    year = FinancialYear.current()
    previous = services.plan_start(team=persona_team, year=year.previous().start_year, by=teamlead)
    priority = PriorityFactory(plan=previous)
    kept, dropped = TeamActionFactory(priority=priority), TeamActionFactory(priority=priority)
    TeamActionFactory(priority=priority, done=True)
    client.force_login(teamlead)

    form = client.get(reverse("teams:plan-start", args=[persona_team.slug])).context["form"]
    assert {int(pk) for pk, _ in form.fields["carry_forward"].choices} == {kept.pk, dropped.pk}
    response = client.post(
        reverse("teams:plan-start", args=[persona_team.slug]),
        {"year": year.start_year, "carry_forward": [kept.pk]},
    )

    plan = TeamRecoveryPlan.objects.get(team=persona_team, year=year.start_year)
    assert response["Location"] == reverse("teams:plan", args=[plan.pk])
    assert [a.carried_from_id for a in plan.actions.all()] == [kept.pk]


def test_the_pdf_holds_every_section_of_the_plan(client, outsider, persona_plan, persona_action, teamlead):
    services.plan_section_update(
        plan=persona_plan,
        section="reflection",
        values={
            "strengths": "A warm welcome at the front desk",
            "achievements": "Hearing voices group running weekly",
            "areas_for_development": "Carers feel left out of reviews",
            "ambitions": "Every plan written with the person",
        },
        expected_version=persona_plan.version,
        by=teamlead,
    )
    client.force_login(outsider)

    response = client.get(reverse("teams:plan-pdf", args=[persona_plan.pk]))

    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split()
    )
    for expected in [
        "Team Recovery Plan",
        "Broxtowe Community Mental Health Team",
        "Team resources",
        "Away day",
        "Who took part",
        "Reflection",
        "A warm welcome at the front desk",
        "Carers feel left out of reviews",
        "ImROC challenge ratings",
        "Priorities and actions",
        "Recovery stories in every team meeting",
        "Invite people using the service to co-facilitate the weekly group",
        "Lucy Brennan with the group facilitators",
        "How we will see success",
        "Reviews",
    ]:
        assert expected in text, expected
    assert AuditEvent.objects.filter(actor=outsider, action="export").count() == 1


def test_the_history_page_lists_every_change(client, outsider, persona_plan, persona_action, teamlead):
    services.action_update(
        action=persona_action,
        values={**{f: getattr(persona_action, f) for f in ["what", "who", "due_date", "workstream", "domain",
                                                           "success_measure", "rag"]}, "status": "done"},
        expected_version=persona_action.version,
        progress_note="All groups co-facilitated since June.",
        by=teamlead,
    )  # fmt: skip
    client.force_login(outsider)

    response = client.get(reverse("teams:plan-history", args=[persona_plan.pk]))

    subjects = [(entry.subject, entry.change, entry.fields) for entry in response.context["entries"]]
    assert ("Action: " + persona_action.what, "Changed", ["status"]) in subjects
    assert ("Priority 1: Recovery stories in every team meeting", "Added", []) in subjects
    assert any(subject.startswith("Progress note on") for subject, _, _ in subjects)
    assert "Joanne Clarke" in response.content.decode()


def test_the_team_page_shows_the_current_plan_with_a_fixed_number_of_queries(
    client, teamlead, persona_team, persona_plan, django_assert_num_queries
):
    client.force_login(teamlead)
    url = reverse("teams:detail", args=[persona_team.slug])
    # 1 session, 2 user, 3 team (division, group), 4 memberships with people,
    # 5 the team's plans with counts of priorities and actions, 6-8 savepoint, session save, release.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.context["plans"].current == persona_plan
    assert "Start a new plan" in response.content.decode()

    services.plan_start(team=persona_team, year=persona_plan.year - 1, by=teamlead)
    for number in (1, 2, 3):
        priority = PriorityFactory(plan=persona_plan, number=number)
        TeamActionFactory.create_batch(3, priority=priority)
        TeamActionFactory(priority=priority, overdue=True)
    with django_assert_num_queries(8):
        response = client.get(url)
    current = response.context["plans"].current
    assert (current.priority_count, current.action_count, current.overdue_count) == (3, 12, 3)
    assert len(response.context["plans"].plans) == 2


def _note(action, by):
    fields = ["what", "who", "due_date", "workstream", "domain", "success_measure", "status", "rag"]
    services.action_update(
        action=action,
        values={name: getattr(action, name) for name in fields},
        expected_version=action.version,
        progress_note="Going well.",
        by=by,
    )


def test_the_plan_page_makes_a_fixed_number_of_queries(
    client, teamlead, persona_plan, django_assert_num_queries
):
    _note(TeamActionFactory(priority=PriorityFactory(plan=persona_plan, number=1)), teamlead)
    client.force_login(teamlead)
    url = reverse("teams:plan", args=[persona_plan.pk])
    # 1 session, 2 user, 3 plan (team, division, group, agreer), 4 facilitators, 5 ratings (challenges),
    # 6 priorities, 7 actions (workstream, domain, carried from), 8 progress notes (authors), 9 reviews,
    # 10 may this person edit (a member: membership), 11 may they agree (team manager),
    # 12-14 savepoint, session save, release.
    with django_assert_num_queries(14):
        client.get(url)

    for number in (2, 3):
        priority = PriorityFactory(plan=persona_plan, number=number)
        for action in TeamActionFactory.create_batch(4, priority=priority):
            _note(action, teamlead)
    with django_assert_num_queries(14):
        response = client.get(url)
    assert len(response.context["document"]["priorities"]) == 3


def test_a_stale_action_update_keeps_both_peoples_words(client, teamlead, peerworker, persona_action):
    url = reverse("teams:action-edit", args=[persona_action.pk])
    data = {
        "version": persona_action.version,
        "what": persona_action.what,
        "who": persona_action.who,
        "due_date_day": persona_action.due_date.day,
        "due_date_month": persona_action.due_date.month,
        "due_date_year": persona_action.due_date.year,
        "workstream": "",
        "domain": "",
        "success_measure": "",
        "status": "in_progress",
        "rag": "amber",
        "progress_note": "",
    }
    client.force_login(teamlead)
    assert client.post(url, {**data, "success_measure": "Groups full every week"}).status_code == 302

    client.force_login(peerworker)
    response = client.post(
        url, {**data, "success_measure": "People ask to co-facilitate", "progress_note": "Two asked"}
    )

    html = response.content.decode()
    assert "Someone else changed this action since you opened it" in html
    comparison = html.split('id="stale-comparison"')[1].split("</table>")[0]
    assert "Groups full every week" in comparison and "People ask to co-facilitate" in comparison
    assert "Two asked</textarea>" in html
    persona_action.refresh_from_db()
    assert persona_action.success_measure == "Groups full every week"
    assert not persona_action.progress_notes.exists()


def test_a_carried_forward_action_gets_its_new_due_date_and_a_date_beyond_the_year_is_refused(
    client, teamlead, persona_team, imroc_challenges
):
    year = FinancialYear.current()
    previous = services.plan_start(team=persona_team, year=year.previous().start_year, by=teamlead)
    priority = PriorityFactory(plan=previous)
    action = TeamActionFactory(priority=priority, due_date=year.previous().start)
    url = reverse("teams:plan-start", args=[persona_team.slug])
    client.force_login(teamlead)

    def _due(day):
        return {
            f"due_{action.pk}_day": day.day,
            f"due_{action.pk}_month": day.month,
            f"due_{action.pk}_year": day.year,
        }

    beyond = year.end + datetime.timedelta(days=1)
    refused = client.post(url, {"year": year.start_year, "carry_forward": [action.pk], **_due(beyond)})
    assert refused.status_code == 200
    assert "must be the same as or before" in refused.content.decode()
    assert not TeamRecoveryPlan.objects.filter(team=persona_team, year=year.start_year).exists()

    new_due = timezone.localdate()
    client.post(url, {"year": year.start_year, "carry_forward": [action.pk], **_due(new_due)})

    plan = TeamRecoveryPlan.objects.get(team=persona_team, year=year.start_year)
    carried = plan.actions.get()
    assert carried.due_date == new_due and carried.carried_from_id == action.pk
    assert "overdue from last year" not in client.get(reverse("teams:plan", args=[plan.pk])).content.decode()


def test_a_carried_forward_action_with_no_new_date_shows_as_overdue_from_last_year(
    client, teamlead, persona_team, imroc_challenges
):
    year = FinancialYear.current()
    previous = services.plan_start(team=persona_team, year=year.previous().start_year, by=teamlead)
    action = TeamActionFactory(priority=PriorityFactory(plan=previous), due_date=year.previous().start)
    client.force_login(teamlead)

    page = client.get(reverse("teams:plan-start", args=[persona_team.slug])).content.decode()
    assert "Leave it blank to keep that date" in page
    client.post(
        reverse("teams:plan-start", args=[persona_team.slug]),
        {"year": year.start_year, "carry_forward": [action.pk]},
    )

    plan = TeamRecoveryPlan.objects.get(team=persona_team, year=year.start_year)
    assert plan.actions.get().due_date == action.due_date
    assert "overdue from last year" in client.get(reverse("teams:plan", args=[plan.pk])).content.decode()
