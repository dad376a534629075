"""Fixtures of the workstreams app, shared with the authorisation matrix and the browser tests.

Built on the personas: ``wslead`` is the professional lead of Peer Support, whose peer lead is
``peer_lead`` (a known password, for browser journeys). ``peerworker`` owns ``ws_action``.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.fixtures.personas import PERSONA_PASSWORD
from workstreams import services
from workstreams.models import Workstream
from workstreams.reference import WorkstreamSlug
from workstreams.tests.factories import (
    ActionFactory,
    GoalFactory,
    MeetingFollowUpFactory,
    SteeringGroupMeetingFactory,
)

PEER_LEAD_USERNAME = "tom.agbaje"


@pytest.fixture
def peer_support(persona_trust) -> Workstream:
    return Workstream.objects.select_related("professional_lead", "peer_lead").get(
        slug=WorkstreamSlug.PEER_SUPPORT
    )


@pytest.fixture
def peer_lead(peer_support):
    """The peer lead of Peer Support (``wslead``'s workstream), who signs in with the persona password."""
    lead = peer_support.peer_lead
    lead.username, lead.first_name, lead.last_name = PEER_LEAD_USERNAME, "Tom", "Agbaje"
    lead.set_password(PERSONA_PASSWORD)
    lead.save()
    return lead


@pytest.fixture
def ws_goal(peer_support):
    return GoalFactory(workstream=peer_support, title="Peer support workers employed in every community team")


@pytest.fixture
def ws_measurement(ws_goal):
    return services.goal_measurement_record(
        goal=ws_goal, month=datetime.date(2026, 3, 1), value=60, by=ws_goal.workstream.professional_lead
    )


@pytest.fixture
def ws_action(ws_goal, peerworker):
    return ActionFactory(
        goal=ws_goal,
        owner=peerworker,
        description="Set up peer supervision groups in each locality",
        due_date=datetime.date(2027, 3, 31),
    )


@pytest.fixture
def ws_update_with_evidence(ws_action, peerworker):
    return services.progress_update_add(
        action=ws_action,
        date=datetime.date(2025, 6, 1),
        narrative="Two supervision groups are running.",
        rag="green",
        status="in_progress",
        evidence_file=SimpleUploadedFile("supervision-notes.pdf", b"%PDF-1.7 supervision notes"),
        by=peerworker,
    )


@pytest.fixture
def ws_meeting(persona_trust):
    return SteeringGroupMeetingFactory(date=datetime.date(2025, 5, 14))


@pytest.fixture
def ws_follow_up(ws_meeting, steering):
    return MeetingFollowUpFactory(meeting=ws_meeting, owner=steering)


@pytest.fixture
def peer_lead_journey(peer_lead, ws_goal, persona_trust):
    """An overdue action owned by the peer lead, rated amber a while ago, and two meetings of the Local
    Partnerships group: one in the past and the next one today."""
    from django.utils import timezone

    from workstreams.reference import SteeringGroupSlug
    from workstreams.tests.factories import service_steering_group

    today = timezone.localdate()
    action = ActionFactory(
        goal=ws_goal,
        owner=peer_lead,
        description="Publish the peer support worker career pathway",
        start_date=today - datetime.timedelta(days=200),
        due_date=today - datetime.timedelta(days=10),
    )
    services.progress_update_add(
        action=action,
        date=today - datetime.timedelta(days=90),
        narrative="Draft pathway shared with the peer support workers' forum.",
        rag="amber",
        status="in_progress",
        by=peer_lead,
    )
    group = service_steering_group(SteeringGroupSlug.LOCAL_PARTNERSHIPS)
    SteeringGroupMeetingFactory(group=group, date=today - datetime.timedelta(days=60))
    next_meeting = SteeringGroupMeetingFactory(group=group, date=today)
    return {"action": action, "meeting": next_meeting}
