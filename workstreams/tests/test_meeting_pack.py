"""The meeting pack lists exactly the changes of its period (previous meeting, this meeting]."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from workstreams import selectors, services
from workstreams.reference import SteeringGroupSlug
from workstreams.tests.factories import (
    ActionFactory,
    GoalFactory,
    SteeringGroupMeetingFactory,
    service_steering_group,
)

pytestmark = pytest.mark.django_db

PREVIOUS, MEETING = date(2025, 5, 14), date(2025, 7, 9)
LATER = date(2026, 3, 31)


def _update(action, day, rag, status="in_progress", **extra):
    services.progress_update_add(
        action=action, date=day, narrative="Progress.", rag=rag, status=status, by=action.owner, **extra
    )


@pytest.fixture
def meetings(persona_trust):
    group = service_steering_group(SteeringGroupSlug.LOCAL_PARTNERSHIPS)
    first = SteeringGroupMeetingFactory(group=group, date=PREVIOUS)
    second = SteeringGroupMeetingFactory(group=group, date=MEETING)
    # Another group's meeting in between does not move this group's period.
    SteeringGroupMeetingFactory(
        group=service_steering_group(SteeringGroupSlug.FORENSIC_SERVICES), date=date(2025, 6, 1)
    )
    return first, second


def _section(pack, workstream):
    return next(section for section in pack.sections if section.workstream == workstream)


def _names(actions):
    return sorted(action.description for action in actions)


@pytest.fixture
def dated_actions(peer_support):
    calm = GoalFactory(workstream=peer_support, title="Calm goal")
    made = {}

    def action(name, goal=calm, due=LATER, start=date(2025, 1, 6)):
        made[name] = ActionFactory(goal=goal, description=name, start_date=start, due_date=due)
        return made[name]

    # Completed: the boundaries of the period.
    _update(action("done on the previous meeting day"), PREVIOUS, "green", "done")
    _update(action("done the day after"), date(2025, 5, 15), "green", "done")
    _update(action("done on the meeting day"), MEETING, "green", "done")
    _update(action("done the day after the meeting"), date(2025, 7, 10), "green", "done")

    # Overdue: an action is overdue on a day when it is open and due before that day.
    late = GoalFactory(workstream=peer_support, title="Goal with late actions")
    action("due the day before the previous meeting", goal=late, due=date(2025, 5, 13))
    action("due on the previous meeting day", goal=late, due=PREVIOUS)
    action("due the day before the meeting", goal=late, due=date(2025, 7, 8))
    action("due on the meeting day", due=MEETING)
    _update(
        action("due in the period but done first", due=date(2025, 6, 1)), date(2025, 5, 30), "green", "done"
    )

    # RAG changes, compared at the start and the end of the period.
    risky = GoalFactory(workstream=peer_support, title="Goal with a red action")
    worse = action("amber to red", goal=risky)
    _update(worse, date(2025, 5, 1), "amber")
    _update(worse, date(2025, 6, 10), "red")
    steady = action("green all along")
    _update(steady, PREVIOUS, "green")
    _update(steady, date(2025, 6, 1), "green")
    first = action("first rated in the period")
    _update(first, date(2025, 5, 20), "red")
    _update(first, date(2025, 6, 20), "amber")
    _update(action("rated after the meeting"), date(2025, 7, 10), "amber")
    swung = action("red and back to green within the period")
    _update(swung, date(2025, 5, 1), "green")
    _update(swung, date(2025, 5, 20), "red")
    _update(swung, date(2025, 6, 20), "green")

    # Not yet in the plan on the meeting day: never in the pack.
    action("starts after the meeting", due=date(2025, 7, 20), start=date(2025, 7, 10))
    return made


def test_the_pack_lists_exactly_the_changes_of_its_period(meetings, dated_actions, peer_support):
    pack = selectors.meeting_pack(meeting=meetings[1])

    assert (pack.period_start, pack.period_end) == (PREVIOUS, MEETING)
    section = _section(pack, peer_support)
    assert _names(section.completed) == [
        "done on the meeting day",
        "done the day after",
        "due in the period but done first",
    ]
    assert _names(section.newly_overdue) == [
        "due on the previous meeting day",
        "due the day before the meeting",
    ]
    changes = sorted((c.action.description, c.before_label, c.after_label) for c in section.rag_changes)
    assert changes == [
        ("amber to red", "Amber", "Red"),
        ("done on the meeting day", "Not rated", "Green"),
        ("done the day after", "Not rated", "Green"),
        ("due in the period but done first", "Not rated", "Green"),
        ("first rated in the period", "Not rated", "Amber"),
    ]
    at_risk = {
        risk.goal.title: (_names(risk.red_actions), _names(risk.overdue_actions))
        for risk in section.goals_at_risk
    }
    assert at_risk == {
        "Goal with a red action": (["amber to red"], []),
        "Goal with late actions": (
            [],
            [
                "due on the previous meeting day",
                "due the day before the meeting",
                "due the day before the previous meeting",
            ],
        ),
    }
    assert all(other.is_quiet for other in pack.sections if other.workstream != peer_support)


def test_the_previous_pack_holds_what_happened_up_to_its_own_day(meetings, dated_actions, peer_support):
    pack = selectors.meeting_pack(meeting=meetings[0])

    assert pack.previous is None and pack.period_start is None
    section = _section(pack, peer_support)
    assert _names(section.completed) == ["done on the previous meeting day"]
    assert _names(section.newly_overdue) == ["due the day before the previous meeting"]
    assert "green all along" in [change.action.description for change in section.rag_changes]


def test_the_pack_reads_the_past_not_todays_state(meetings, dated_actions, peer_support):
    # Completing an overdue action today does not rewrite what the July pack says.
    late = dated_actions["due the day before the meeting"]
    _update(late, date(2025, 9, 1), "green", "done")

    section = _section(selectors.meeting_pack(meeting=meetings[1]), peer_support)

    assert late in section.newly_overdue


def test_the_pack_page_and_pdf_show_the_changes(
    client, steering, meetings, dated_actions, django_assert_num_queries
):
    client.force_login(steering)
    url = reverse("workstreams:meeting-pack", args=[meetings[1].pk])

    # 1 session, 2 user, 3 the meeting with group and chair, 4 attendees, 5 follow-ups, 6 previous meeting,
    # 7 workstreams with leads, 8 actions with their ratings and statuses on both days, 9-11 savepoint,
    # session save, release.
    with django_assert_num_queries(11):
        response = client.get(url)

    html = response.content.decode()
    assert "<strong>Amber to Red</strong>" in html
    assert "Newly overdue" in html and "Goals at risk" in html
    assert "14 May 2025" in html

    pdf = client.get(reverse("workstreams:meeting-pack-pdf", args=[meetings[1].pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Meeting pack for 9 July 2025" in text
    assert "due the day before the meeting" in text
