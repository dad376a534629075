import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from workstreams import services
from workstreams.models import Workstream
from workstreams.reference import SteeringGroupSlug, WorkstreamSlug
from workstreams.rules import is_steering_group_chair, is_steering_group_member, is_workstream_lead
from workstreams.tests.factories import SteeringGroupMembershipFactory, service_steering_group

pytestmark = pytest.mark.django_db


def test_all_staff_may_view_workstreams_and_nobody_else(personas):
    for name, user in personas.items():
        expected = name not in {"serviceuser", "carer"}
        assert user.has_perm("workstreams.view_workstream") is expected, name
    assert not AnonymousUser().has_perm("workstreams.view_workstream")


def test_workstream_lead_leads_only_their_own_workstream(wslead, teamlead):
    peer_support = Workstream.objects.get(slug=WorkstreamSlug.PEER_SUPPORT)
    risk = Workstream.objects.get(slug=WorkstreamSlug.RISK)

    assert is_workstream_lead(wslead, peer_support)
    assert is_workstream_lead(peer_support.peer_lead, peer_support)
    assert not is_workstream_lead(wslead, risk)
    assert not is_workstream_lead(teamlead, peer_support)


def test_workstream_lead_without_a_workstream_means_of_any(wslead, teamlead):
    assert is_workstream_lead(wslead)
    assert not is_workstream_lead(teamlead)
    assert not is_workstream_lead(AnonymousUser())


def test_steering_group_members_and_chairs(steering, teamlead, wslead, admin):
    assert is_steering_group_member(steering)
    assert not is_steering_group_member(teamlead)
    assert not is_steering_group_member(AnonymousUser())

    local = service_steering_group(SteeringGroupSlug.LOCAL_PARTNERSHIPS)
    services.steering_group_set_chair(group=local, chair=wslead, by=admin)
    assert is_steering_group_chair(wslead)
    assert is_steering_group_member(wslead), "a chair is a member"
    assert not is_steering_group_chair(steering)


def test_ended_and_future_seats_do_not_count(teamlead, admin):
    today = timezone.localdate()
    seat = SteeringGroupMembershipFactory(user=teamlead, start_date=today - datetime.timedelta(days=400))
    assert is_steering_group_member(teamlead)

    services.steering_group_membership_end(
        membership=seat, end_date=today - datetime.timedelta(days=1), by=admin
    )
    assert not is_steering_group_member(teamlead)

    SteeringGroupMembershipFactory(user=teamlead, start_date=today + datetime.timedelta(days=30))
    assert not is_steering_group_member(teamlead)


def test_a_seat_ending_today_still_counts_today(teamlead):
    today = timezone.localdate()
    SteeringGroupMembershipFactory(
        user=teamlead, start_date=today - datetime.timedelta(days=10), end_date=today
    )

    assert is_steering_group_member(teamlead)
