"""A review saved on top of someone else's change to the plan is refused with both versions shown, and
saving again then succeeds (it used to be refused for ever)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from teams import services
from teams.models import ChallengeStage, PlanReview, PlanStatus, TeamRecoveryPlan

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def agreed_plan(persona_plan, persona_priority, teamlead):
    plan = services.plan_section_update(
        plan=persona_plan,
        section="away_day",
        values={
            "away_day_date": TODAY - datetime.timedelta(days=3),
            "away_day_facilitator": "Amira Shah, Recovery College",
            "attended_staff": 9,
            "attended_peer_workers": 2,
            "attended_people_using_service": 2,
            "attended_carers": 1,
            "no_service_user_reason": "",
        },
        expected_version=persona_plan.version,
        by=teamlead,
    )
    plan.refresh_from_db()
    plan = services.plan_ratings_update(
        plan=plan,
        ratings={r.challenge_id: (ChallengeStage.ENGAGEMENT, "") for r in plan.ratings.all()},
        expected_version=plan.version,
        by=teamlead,
    )
    return services.plan_agree(plan=plan, expected_version=plan.version, by=teamlead)


def _review(plan, version, challenge_id, stage):
    return {
        "version": version,
        "kind": "mid_year",
        "held_on_day": TODAY.day,
        "held_on_month": TODAY.month,
        "held_on_year": TODAY.year,
        "progress": "Recovery stories now open every team meeting.",
        f"stage_{challenge_id}": stage,
    }


def test_a_stale_review_shows_both_versions_and_saving_again_succeeds(
    client, agreed_plan, teamlead, clinician
):
    plan = TeamRecoveryPlan.objects.get(pk=agreed_plan.pk)
    opened = plan.version
    challenge = plan.ratings.select_related("challenge").first().challenge
    # Someone else re-rates a challenge after the review page was opened.
    services.plan_ratings_update(
        plan=plan,
        ratings={challenge.pk: (ChallengeStage.DEVELOPMENT, "Peer workers in every team")},
        expected_version=opened,
        by=clinician,
    )
    client.force_login(teamlead)
    url = reverse("teams:plan-review", args=[plan.pk])

    response = client.post(url, _review(plan, opened, challenge.pk, ChallengeStage.TRANSFORMATION))

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this plan since you opened it" in html
    comparison = html.split('id="stale-comparison"')[1].split("</table>")[0]
    assert "Development" in comparison  # their saved rating
    assert "Transformation" in comparison  # what this person chose
    assert "Recovery stories now open every team meeting.</textarea>" in html  # nothing typed is lost
    assert f'name="version" value="{opened + 1}"' in html
    assert not PlanReview.objects.filter(plan=plan).exists()

    again = client.post(url, _review(plan, opened + 1, challenge.pk, ChallengeStage.TRANSFORMATION))

    assert again.status_code == 302
    assert PlanReview.objects.filter(plan=plan, kind="mid_year").exists()
    assert TeamRecoveryPlan.objects.get(pk=plan.pk).status == PlanStatus.MID_YEAR_REVIEW
