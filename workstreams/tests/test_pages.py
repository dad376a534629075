"""The overview, workstream page, action list and export, action and meeting pages, and "My actions".

Each list and detail page makes a fixed number of queries however many goals, actions and updates
there are (the counts are pinned with the reason for each query).
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from recovery_portal.tests.factories import UserFactory
from workstreams import services
from workstreams.models import Workstream
from workstreams.reference import WorkstreamSlug
from workstreams.tests.factories import ActionFactory, GoalFactory, MeetingFollowUpFactory

pytestmark = pytest.mark.django_db

FUTURE = date(2030, 3, 31)


def _rate(action, rag, status="in_progress", day=date(2025, 6, 1)):
    services.progress_update_add(
        action=action, date=day, narrative="Progress.", rag=rag, status=status, by=action.owner
    )


def _add_work(workstream, goals=3, actions_each=3):
    for _ in range(goals):
        goal = GoalFactory(workstream=workstream)
        for index in range(actions_each):
            action = ActionFactory(goal=goal, owner=UserFactory(), co_owner=UserFactory(), due_date=FUTURE)
            _rate(action, ["red", "amber", "green"][index % 3])


def test_the_overview_shows_each_workstreams_rag_summary(client, teamlead, peer_support):
    goal = GoalFactory(workstream=peer_support)
    _rate(ActionFactory(goal=goal, due_date=FUTURE), "red")
    _rate(ActionFactory(goal=goal, due_date=FUTURE), "green")
    ActionFactory(goal=goal, due_date=date(2025, 1, 31))  # overdue, not rated
    _rate(ActionFactory(goal=goal, due_date=FUTURE), "red", status="done")  # closed: not counted
    client.force_login(teamlead)

    html = client.get(reverse("workstreams:list")).content.decode()

    card = html.split('id="workstream-peer-support"')[1].split('class="nhsuk-card"')[0]
    for text in ("1 red", "0 amber", "1 green", "1 not rated", "1 overdue"):
        assert text in card
    assert reverse("workstreams:detail", args=["peer-support"]) in card
    assert html.count("No open actions") == 6


def test_overview_query_count_does_not_grow_with_actions(
    client, teamlead, peer_support, django_assert_num_queries
):
    client.force_login(teamlead)
    # 1 session, 2 user, 3 workstreams with domain, leads and RAG counts, 4 challenges, 5-7 savepoint,
    # session save, release.
    with django_assert_num_queries(7):
        client.get(reverse("workstreams:list"))
    _add_work(peer_support)
    _add_work(Workstream.objects.get(slug=WorkstreamSlug.RISK))
    with django_assert_num_queries(7):
        assert client.get(reverse("workstreams:list")).status_code == 200


def test_workstream_page_query_count_is_fixed(client, outsider, peer_support, django_assert_num_queries):
    client.force_login(outsider)
    url = reverse("workstreams:detail", args=[peer_support.slug])
    _add_work(peer_support, goals=1, actions_each=1)
    # 1 session, 2 user, 3 the workstream with domain and leads, 4 its challenges, 5 goals with domain,
    # 6 goal challenges, 7 actions with owners, 8 annual reports, 9 steering groups the user chairs
    # (may they edit?), 10-12 savepoint, session save, release.
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200
    _add_work(peer_support, goals=4, actions_each=5)
    with django_assert_num_queries(12):
        html = client.get(url).content.decode()
    assert html.count('id="goal-') >= 5
    assert "Add a goal" not in html


def test_action_list_filters(client, teamlead, peer_support, peerworker):
    goal = GoalFactory(workstream=peer_support)
    mine = ActionFactory(
        goal=goal, owner=peerworker, description="Mine and overdue", due_date=date(2025, 1, 31)
    )
    _rate(ActionFactory(goal=goal, description="Red and later", due_date=FUTURE), "red")
    risk_goal = GoalFactory(workstream=Workstream.objects.get(slug=WorkstreamSlug.RISK))
    ActionFactory(goal=risk_goal, description="Risk action", co_owner=peerworker, due_date=date(2029, 1, 1))
    client.force_login(teamlead)
    url = reverse("workstreams:actions")

    def names(query):
        return [action.description for action in client.get(url, query).context["actions"]]

    assert names({}) == ["Mine and overdue", "Risk action", "Red and later"]
    assert names({"workstream": "risk"}) == ["Risk action"]
    assert names({"owner": peerworker.pk}) == ["Mine and overdue", "Risk action"]
    assert names({"overdue": "yes"}) == ["Mine and overdue"]
    assert names({"rag": "red"}) == ["Red and later"]
    assert names({"rag": "none", "overdue": "no"}) == ["Risk action"]
    assert names({"status": "in_progress"}) == ["Red and later"]
    assert names({"domain": peer_support.domain.code, "challenge": "workforce"}) == [
        "Mine and overdue",
        "Red and later",
    ]
    assert names({"due_before": "2029-01-01"}) == ["Mine and overdue"]
    assert mine.is_overdue


def test_action_list_query_count_is_fixed(client, teamlead, peer_support, django_assert_num_queries):
    client.force_login(teamlead)
    url = reverse("workstreams:actions")
    # 1 session, 2 user, 3 count for the paginator, 4 the page of actions with goal, workstream, domain and
    # owners joined, 5-8 choices of the workstream, domain, challenge and owner filters, 9-11 savepoint,
    # session save, release.
    _add_work(peer_support, goals=1, actions_each=1)
    with django_assert_num_queries(11):
        client.get(url)
    _add_work(peer_support, goals=4, actions_each=6)
    with django_assert_num_queries(11):
        assert len(client.get(url).context["actions"]) == 25


def test_the_export_is_the_filtered_list_and_is_audited(client, teamlead, peer_support, peerworker):
    from recovery_portal.models import AuditAction, AuditEvent

    goal = GoalFactory(workstream=peer_support)
    ActionFactory(goal=goal, owner=peerworker, description="=HYPERLINK(evil)", due_date=FUTURE)
    ActionFactory(goal=goal, description="Someone else's", due_date=FUTURE)
    client.force_login(teamlead)

    response = client.get(reverse("workstreams:action-export"), {"owner": peerworker.pk})

    lines = response.content.decode("utf-8-sig").splitlines()
    assert response["Content-Type"].startswith("text/csv")
    assert lines[0].startswith("Workstream,Conversation domain,Goal,Action,Owner")
    assert len(lines) == 2 and "'=HYPERLINK(evil)" in lines[1] and "Lucy Brennan" in lines[1]
    assert AuditEvent.objects.get(action=AuditAction.EXPORT).reason == "workstream action list"


def test_action_page_query_count_is_fixed(client, peerworker, ws_action, django_assert_num_queries):
    client.force_login(peerworker)
    url = reverse("workstreams:action-detail", args=[ws_action.pk])
    _rate(ws_action, "green", day=date(2025, 1, 1))
    # 1 session, 2 user, 3 the action with goal, workstream, leads and owners, 4 its updates with authors,
    # 5 steering groups the user chairs (may they edit?), 6-8 savepoint, session save, release.
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200
    for day in range(2, 12):
        _rate(ws_action, "amber", day=date(2025, 1, day))
    with django_assert_num_queries(8):
        html = client.get(url).content.decode()
    assert html.count("nhsuk-inset-text") == 11
    assert "Add a progress update" in html


def test_meeting_page_query_count_is_fixed(client, outsider, ws_meeting, steering, django_assert_num_queries):
    client.force_login(outsider)
    url = reverse("workstreams:meeting-detail", args=[ws_meeting.pk])
    MeetingFollowUpFactory(meeting=ws_meeting, owner=steering)
    # 1 session, 2 user, 3 the meeting with group and chair, 4 attendees, 5 follow-ups with owners,
    # 6-8 savepoint, session save, release.
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200
    ws_meeting.attendees.set(UserFactory.create_batch(5))
    MeetingFollowUpFactory.create_batch(5, meeting=ws_meeting)
    with django_assert_num_queries(8):
        html = client.get(url).content.decode()
    assert "Circulate the peer support recruitment figures" in html
    assert "Record a meeting" not in html and "Mark as done" not in html


def test_meeting_list_query_count_is_fixed(client, outsider, ws_meeting, django_assert_num_queries):
    from workstreams.tests.factories import SteeringGroupMeetingFactory

    client.force_login(outsider)
    # 1 session, 2 user, 3 groups with chairs, 4 their meetings, 5-7 savepoint, session save, release.
    with django_assert_num_queries(7):
        client.get(reverse("workstreams:meetings"))
    for weeks in range(1, 6):
        SteeringGroupMeetingFactory(date=ws_meeting.date + timedelta(weeks=8 * weeks))
    with django_assert_num_queries(7):
        assert client.get(reverse("workstreams:meetings")).content.decode().count("meeting pack<") == 6


def test_the_chair_records_a_meeting_and_its_follow_up_becomes_a_task(client, admin, steering, persona_trust):
    from recovery_portal.models import FollowUpTask
    from workstreams.models import SteeringGroupMeeting
    from workstreams.tests.factories import trust_steering_group

    group = trust_steering_group()
    client.force_login(group.chair)
    response = client.post(
        reverse("workstreams:meeting-create", args=[group.slug]),
        {
            "date_day": 9,
            "date_month": 7,
            "date_year": 2025,
            "attendees": [steering.pk],
            "minutes": "Peer support and IPS workstreams reported.",
            "decisions": "Agreed to fund two more employment specialists.",
        },
    )
    meeting = SteeringGroupMeeting.objects.get()
    assert response.status_code == 302 and list(meeting.attendees.all()) == [steering]

    due = timezone.localdate() + timedelta(days=30)
    response = client.post(
        reverse("workstreams:follow-up-create", args=[meeting.pk]),
        {"description": "Draft the IPS business case", "owner": steering.pk, **_due(due)},
    )
    task = FollowUpTask.objects.get()
    assert (task.assignee, task.due_date) == (steering, due)

    early = client.post(
        reverse("workstreams:follow-up-create", args=[meeting.pk]),
        {"description": "Too early", "owner": steering.pk, **_due(date(2025, 7, 8))},
    )
    assert "The due date must be the same as or after the meeting date" in early.content.decode()

    client.force_login(steering)
    client.post(reverse("workstreams:follow-up-done", args=[meeting.follow_ups.get().pk]))
    task.refresh_from_db()
    assert task.completed_at is not None


def _due(day):
    return {"due_date_day": day.day, "due_date_month": day.month, "due_date_year": day.year}


def test_my_actions_on_the_home_page(client, peerworker, ws_goal, django_assert_num_queries):
    ActionFactory(
        goal=ws_goal, owner=peerworker, description="Run the peer supervision pilot", due_date=FUTURE
    )
    done = ActionFactory(goal=ws_goal, owner=peerworker, description="Finished work", due_date=FUTURE)
    _rate(done, "green", status="done")
    client.force_login(peerworker)

    html = client.get(reverse("home")).content.decode()

    assert "My actions" in html
    assert "Run the peer supervision pilot" in html
    assert "Finished work" not in html


def test_no_my_actions_panel_without_actions(client, teamlead):
    client.force_login(teamlead)

    assert "My actions" not in client.get(reverse("home")).content.decode()
