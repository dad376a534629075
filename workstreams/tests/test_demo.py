"""seed_demo gives the demo Trust a strategy in delivery, and running it again changes nothing."""

import pytest
from django.core.management import call_command

from workstreams.models import (
    Action,
    Goal,
    MeetingFollowUp,
    ProgressUpdate,
    SteeringGroupMeeting,
    WorkstreamAnnualReport,
)
from workstreams.reference import WorkstreamSlug

pytestmark = pytest.mark.django_db


def _counts():
    models = (Goal, Action, ProgressUpdate, SteeringGroupMeeting, MeetingFollowUp, WorkstreamAnnualReport)
    return {model.__name__: model.objects.count() for model in models}


def test_the_demo_strategy_is_believable_and_seeding_twice_adds_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = _counts()
    call_command("seed_demo", verbosity=0)

    assert _counts() == first
    assert first["SteeringGroupMeeting"] == 4
    assert first["WorkstreamAnnualReport"] == 3
    assert first["ProgressUpdate"] >= 3 * first["Action"] - 10
    # Every workstream has goals, and the strategies' own words are there.
    assert set(Goal.objects.values_list("workstream__slug", flat=True)) == {
        slug.value for slug in WorkstreamSlug
    }
    titles = set(Goal.objects.values_list("title", flat=True))
    assert "Carer Lead identified in every team" in titles
    assert any("Joint Crisis Plans available for everyone" in title for title in titles)
    assert Action.objects.filter(description__icontains="IPS employment specialists").exists()
    # Progress spans a year, and every action's rating is that of its latest update.
    dates = ProgressUpdate.objects.values_list("date", flat=True)
    assert (max(dates) - min(dates)).days >= 300
    for action in Action.objects.prefetch_related("updates"):
        latest = action.updates.all()[0]
        assert (action.rag, action.status) == (latest.rag, latest.status)
    # wslead, the professional lead of Peer Support, carries an open action.
    assert Action.objects.filter(owner__username="wslead", status="in_progress").exists()
