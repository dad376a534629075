"""Fixtures of the teams app, shared with the authorisation matrix and the browser tests."""

import datetime

import pytest
from django.utils import timezone

from recovery_portal.financial_year import FinancialYear
from teams import services
from workstreams.models import ImrocChallenge
from workstreams.reference import ChallengeCode


@pytest.fixture
def imroc_challenges(db) -> list[ImrocChallenge]:
    """The ten ImROC challenges, recreated where a browser test has flushed the reference data."""
    for order, code in enumerate(ChallengeCode, start=1):
        ImrocChallenge.objects.get_or_create(
            code=code.value,
            defaults={"title": code.value.replace("-", " ").capitalize(), "description": "", "order": order},
        )
    return list(ImrocChallenge.objects.order_by("order", "code"))


@pytest.fixture
def persona_plan(persona_team, teamlead, imroc_challenges):
    """Broxtowe CMHT's plan for this financial year, just started."""
    return services.plan_start(team=persona_team, year=FinancialYear.current().start_year, by=teamlead)


@pytest.fixture
def persona_priority(persona_plan, teamlead):
    return services.priority_add(
        plan=persona_plan, title="Recovery stories in every team meeting", by=teamlead
    )


@pytest.fixture
def persona_action(persona_priority, teamlead):
    return services.action_add(
        priority=persona_priority,
        values={
            "what": "Invite people using the service to co-facilitate the weekly group",
            "who": "Lucy Brennan with the group facilitators",
            "due_date": timezone.localdate() + datetime.timedelta(days=60),
            "workstream": None,
            "domain": None,
            "success_measure": "Every weekly group co-facilitated by someone with lived experience",
            "status": "in_progress",
            "rag": "green",
        },
        by=teamlead,
    )
