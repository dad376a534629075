import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from teams import services
from teams.rules import is_team_manager, is_team_member
from teams.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_all_staff_may_view_teams_and_nobody_else(personas):
    for name, user in personas.items():
        expected = name not in {"serviceuser", "carer"}
        assert user.has_perm("teams.view_team") is expected, name
    assert not AnonymousUser().has_perm("teams.view_team")


def test_team_members_belong_to_their_own_team_only(teamlead, clinician, peerworker, outsider, persona_team):
    for member in (teamlead, clinician, peerworker):
        assert is_team_member(member, persona_team)
    assert not is_team_member(outsider, persona_team)
    assert not is_team_member(AnonymousUser(), persona_team)
    assert not is_team_member(teamlead, None)


def test_only_the_team_manager_manages_the_team(teamlead, clinician, peerworker, persona_team, outsider_team):
    assert is_team_manager(teamlead, persona_team)
    assert not is_team_manager(clinician, persona_team)
    assert not is_team_manager(peerworker, persona_team)
    assert not is_team_manager(teamlead, outsider_team)


def test_an_ended_membership_holds_no_role(teamlead, admin, persona_team):
    membership = teamlead.team_memberships.get(team=persona_team)

    services.membership_end(
        membership=membership, end_date=timezone.localdate() - datetime.timedelta(days=1), by=admin
    )

    assert not is_team_member(teamlead, persona_team)
    assert not is_team_manager(teamlead, persona_team)


def test_a_membership_that_has_not_started_holds_no_role(outsider_team):
    future = MembershipFactory(
        team=outsider_team, manager=True, start_date=timezone.localdate() + datetime.timedelta(days=7)
    )

    assert not is_team_member(future.user, outsider_team)
    assert not is_team_manager(future.user, outsider_team)


def test_a_membership_ending_today_still_counts_today(outsider_team):
    today = timezone.localdate()
    leaving = MembershipFactory(
        team=outsider_team, start_date=today - datetime.timedelta(days=90), end_date=today
    )

    assert is_team_member(leaving.user, outsider_team)
