import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from recovery_portal.concurrency import StaleEdit
from recovery_portal.financial_year import FinancialYear
from teams import services
from teams.models import ChallengeStage, PlanStatus, Priority, ReviewKind, TeamAction, TeamRecoveryPlan
from teams.tests.factories import PriorityFactory, TeamActionFactory

pytestmark = pytest.mark.django_db

YEAR = FinancialYear.current().start_year
TODAY = timezone.localdate()


def _rate_all(plan, by, stage=ChallengeStage.ENGAGEMENT):
    """Rate every ImROC challenge: a plan is agreed only with a full self-assessment."""
    plan.refresh_from_db()
    return services.plan_ratings_update(
        plan=plan,
        ratings={rating.challenge_id: (stage, "") for rating in plan.ratings.all()},
        expected_version=plan.version,
        by=by,
    )


def _away_day(plan, by, *, service_users=0, reason=""):
    values = {
        "away_day_date": TODAY - datetime.timedelta(days=3),
        "away_day_facilitator": "Amira Shah, Recovery College",
        "attended_staff": 9,
        "attended_peer_workers": 2,
        "attended_people_using_service": service_users,
        "attended_carers": 1,
        "no_service_user_reason": reason,
    }
    return services.plan_section_update(
        plan=plan, section="away_day", values=values, expected_version=plan.version, by=by
    )


def test_starting_a_plan_rates_every_challenge_blank(persona_plan, imroc_challenges):
    assert persona_plan.status == PlanStatus.PREPARING
    assert persona_plan.ratings.count() == len(imroc_challenges) == 10
    assert not persona_plan.ratings.exclude(stage="").exists()


def test_a_second_plan_for_the_same_year_is_refused(persona_plan, persona_team, teamlead):
    with pytest.raises(ValidationError, match="already has a plan"):
        services.plan_start(team=persona_team, year=YEAR, by=teamlead)


def test_a_fourth_priority_is_refused(persona_plan, teamlead):
    for title in ("Recovery stories", "Co-produced groups", "Peer-led welcome"):
        services.priority_add(plan=persona_plan, title=title, by=teamlead)

    with pytest.raises(ValidationError, match="at most three priorities"):
        services.priority_add(plan=persona_plan, title="A fourth", by=teamlead)

    assert list(persona_plan.priorities.values_list("number", flat=True)) == [1, 2, 3]


def test_the_database_holds_no_fourth_priority(persona_plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Priority.objects.create(plan=persona_plan, number=4, title="Slipped past the service")


def test_agreeing_without_people_using_the_service_and_without_a_reason_is_refused(
    persona_plan, persona_priority, teamlead
):
    plan = _away_day(persona_plan, teamlead)
    assert plan.status == PlanStatus.AWAY_DAY_HELD

    with pytest.raises(ValidationError, match="No one using the service took part"):
        services.plan_agree(plan=plan, expected_version=plan.version, by=teamlead)

    plan.refresh_from_db()
    assert plan.status == PlanStatus.AWAY_DAY_HELD
    assert plan.agreed_at is None


def test_a_recorded_reason_lets_the_manager_agree(persona_plan, persona_priority, teamlead):
    plan = _away_day(
        persona_plan, teamlead, reason="The ward's community meeting chose the priorities instead."
    )
    plan = _rate_all(plan, teamlead)

    plan = services.plan_agree(plan=plan, expected_version=plan.version, by=teamlead)

    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED
    assert plan.agreed_by == teamlead
    assert plan.agreed_version == plan.version


def test_only_a_team_manager_agrees(persona_plan, persona_priority, teamlead, clinician):
    plan = _away_day(persona_plan, teamlead, service_users=3)

    with pytest.raises(PermissionDenied):
        services.plan_agree(plan=plan, expected_version=plan.version, by=clinician)


def test_a_plan_is_agreed_after_its_away_day(persona_plan, persona_priority, teamlead):
    with pytest.raises(ValidationError, match="Record the away day first"):
        services.plan_agree(plan=persona_plan, expected_version=persona_plan.version, by=teamlead)


def test_a_stale_save_is_refused_and_changes_nothing(persona_plan, teamlead, clinician):
    opened = persona_plan.version
    first = TeamRecoveryPlan.objects.get(pk=persona_plan.pk)
    values = {"strengths": "Warm welcome", "achievements": "", "areas_for_development": "", "ambitions": ""}
    services.plan_section_update(
        plan=first, section="reflection", values=values, expected_version=opened, by=teamlead
    )

    second = TeamRecoveryPlan.objects.get(pk=persona_plan.pk)
    with pytest.raises(StaleEdit) as refused:
        services.plan_section_update(
            plan=second,
            section="reflection",
            values={**values, "strengths": "Quick to respond in crisis"},
            expected_version=opened,
            by=clinician,
        )

    assert refused.value.current.strengths == "Warm welcome"
    assert TeamRecoveryPlan.objects.get(pk=persona_plan.pk).strengths == "Warm welcome"


def test_every_save_is_in_the_history(persona_plan, teamlead):
    values = {"strengths": "Warm welcome", "achievements": "", "areas_for_development": "", "ambitions": ""}
    services.plan_section_update(
        plan=persona_plan,
        section="reflection",
        values=values,
        expected_version=persona_plan.version,
        by=teamlead,
    )

    latest = persona_plan.history.order_by("-history_date").first()
    assert latest.strengths == "Warm welcome"
    assert latest.history_user == teamlead
    assert latest.version == 2


def _previous_plan(team, by, imroc_challenges):
    previous = services.plan_start(team=team, year=YEAR - 1, by=by)
    previous.ratings.filter(challenge=imroc_challenges[0]).update(stage=ChallengeStage.DEVELOPMENT)
    first = PriorityFactory(plan=previous, number=1, title="Recovery stories")
    second = PriorityFactory(plan=previous, number=2, title="Carers' evening")
    return previous, {
        "chosen": TeamActionFactory(priority=first, what="Chosen and open"),
        "left": TeamActionFactory(priority=first, what="Open but left behind"),
        "chosen too": TeamActionFactory(priority=second, what="Chosen, not started", status="not_started"),
        "done": TeamActionFactory(priority=second, what="Finished", done=True),
    }


def test_carry_forward_copies_only_the_chosen_actions(persona_team, teamlead, imroc_challenges):
    previous, actions = _previous_plan(persona_team, teamlead, imroc_challenges)

    plan = services.plan_start(
        team=persona_team, year=YEAR, carry_forward=[actions["chosen"], actions["chosen too"]], by=teamlead
    )

    copied = TeamAction.objects.filter(plan=plan).select_related("priority", "carried_from")
    assert sorted(a.what for a in copied) == ["Chosen and open", "Chosen, not started"]
    assert {a.carried_from for a in copied} == {actions["chosen"], actions["chosen too"]}
    assert sorted(p.title for p in plan.priorities.all()) == ["Carers' evening", "Recovery stories"]
    assert plan.previous == previous
    # Last year's ratings come along for comparison; this year's are the team's to give.
    rating = plan.ratings.get(challenge=imroc_challenges[0])
    assert (rating.previous_stage, rating.stage) == (ChallengeStage.DEVELOPMENT, "")
    assert TeamAction.objects.filter(plan=previous).count() == 4


def test_finished_actions_cannot_be_carried_forward(persona_team, teamlead, imroc_challenges):
    _, actions = _previous_plan(persona_team, teamlead, imroc_challenges)

    with pytest.raises(ValidationError, match="finished"):
        services.plan_start(team=persona_team, year=YEAR, carry_forward=[actions["done"]], by=teamlead)
    assert not TeamRecoveryPlan.objects.filter(team=persona_team, year=YEAR).exists()


def test_reviews_move_the_plan_on_and_the_year_end_closes_it(
    persona_plan, persona_priority, teamlead, imroc_challenges
):
    plan = _rate_all(_away_day(persona_plan, teamlead, service_users=2), teamlead)
    plan = services.plan_agree(plan=plan, expected_version=plan.version, by=teamlead)
    stages = {imroc_challenges[0].pk: ChallengeStage.TRANSFORMATION}

    services.plan_review_record(
        plan=plan, kind=ReviewKind.MID_YEAR, held_on=TODAY, progress="Half way.", stages=stages,
        expected_version=plan.version, by=teamlead,
    )  # fmt: skip
    plan.refresh_from_db()
    assert plan.status == PlanStatus.MID_YEAR_REVIEW
    services.plan_review_record(
        plan=plan, kind=ReviewKind.YEAR_END, held_on=TODAY, progress="Done.", stages=stages,
        expected_version=plan.version, by=teamlead,
    )  # fmt: skip
    plan.refresh_from_db()

    assert plan.status == PlanStatus.CLOSED
    assert plan.reviews.get(kind=ReviewKind.YEAR_END).ratings.get().stage == ChallengeStage.TRANSFORMATION
    with pytest.raises(ValidationError, match="closed"):
        services.priority_add(plan=plan, title="Too late", by=teamlead)


def test_next_years_plan_compares_with_the_year_end_rating(persona_team, teamlead, imroc_challenges):
    previous, _ = _previous_plan(persona_team, teamlead, imroc_challenges)
    previous.status = PlanStatus.AGREED
    previous.save()
    services.plan_review_record(
        plan=previous, kind=ReviewKind.YEAR_END, held_on=TODAY, progress="Year done.",
        stages={imroc_challenges[0].pk: ChallengeStage.TRANSFORMATION}, expected_version=previous.version, by=teamlead,
    )  # fmt: skip

    plan = services.plan_start(team=persona_team, year=YEAR, by=teamlead)

    assert plan.ratings.get(challenge=imroc_challenges[0]).previous_stage == ChallengeStage.TRANSFORMATION


def test_triangle_of_care_needs_an_action_where_a_standard_is_not_met(persona_team, clinician):
    assessment = services.triangle_of_care_start(team=persona_team, year=YEAR, by=clinician)
    assert assessment.standards.count() == 6

    with pytest.raises(ValidationError) as refused:
        services.triangle_of_care_update(
            assessment=assessment,
            standards={4: ("not_met", "No named carer post yet", "")},
            expected_version=assessment.version,
            by=clinician,
        )
    assert "action_4" in refused.value.message_dict

    services.triangle_of_care_update(
        assessment=assessment,
        standards={4: ("not_met", "No named carer post yet", "Name a carer lead on each shift")},
        expected_version=assessment.version,
        by=clinician,
    )
    assert assessment.standards.get(standard=4).action == "Name a carer lead on each shift"


# A Team Recovery Plan is not agreed hollow, and does not stay agreed after it changes.


def test_a_plan_with_challenges_left_unrated_is_not_agreed(persona_plan, persona_priority, teamlead):
    plan = _away_day(persona_plan, teamlead, service_users=2)
    ratings = list(plan.ratings.all())
    half = {r.challenge_id: (ChallengeStage.DEVELOPMENT, "") for r in ratings[: len(ratings) // 2]}
    plan = services.plan_ratings_update(plan=plan, ratings=half, expected_version=plan.version, by=teamlead)

    with pytest.raises(ValidationError, match="Rate every ImROC challenge") as refused:
        services.plan_agree(plan=plan, expected_version=plan.version, by=teamlead)

    assert f"{len(ratings) - len(half)} not rated" in str(refused.value)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AWAY_DAY_HELD


def test_a_reason_recorded_for_each_missing_rating_lets_the_plan_be_agreed(
    persona_plan, persona_priority, teamlead
):
    plan = _away_day(persona_plan, teamlead, service_users=2)
    ratings = list(plan.ratings.all())
    values = {r.challenge_id: (ChallengeStage.DEVELOPMENT, "") for r in ratings[1:]}
    values[ratings[0].challenge_id] = ("", "Not rated: the team had no evidence yet; to rate at mid-year.")
    plan = services.plan_ratings_update(plan=plan, ratings=values, expected_version=plan.version, by=teamlead)

    plan = services.plan_agree(plan=plan, expected_version=plan.version, by=teamlead)

    assert plan.status == PlanStatus.AGREED


def test_a_change_after_agreement_and_review_asks_the_team_to_agree_again(
    persona_plan, persona_priority, teamlead, imroc_challenges
):
    plan = _rate_all(_away_day(persona_plan, teamlead, service_users=2), teamlead)
    plan = services.plan_agree(plan=plan, expected_version=plan.version, by=teamlead)
    services.plan_review_record(
        plan=plan, kind=ReviewKind.MID_YEAR, held_on=TODAY, progress="Half way.", stages={},
        expected_version=plan.version, by=teamlead,
    )  # fmt: skip
    plan.refresh_from_db()
    assert not plan.changed_since_agreement

    values = {
        name: getattr(plan, name)
        for name in ("strengths", "achievements", "areas_for_development", "ambitions")
    }
    values["ambitions"] = "A peer worker on every shift."
    services.plan_section_update(
        plan=plan, section="reflection", values=values, expected_version=plan.version, by=teamlead
    )

    plan.refresh_from_db()
    assert plan.changed_since_agreement
    plan = services.plan_agree(plan=plan, expected_version=plan.version, by=teamlead)
    assert not plan.changed_since_agreement
    assert plan.status == PlanStatus.MID_YEAR_REVIEW  # agreed again; its review is kept


def test_the_plan_page_says_changed_since_it_was_agreed(client, persona_plan, persona_priority, teamlead):
    from django.urls import reverse

    plan = _rate_all(_away_day(persona_plan, teamlead, service_users=2), teamlead)
    plan = services.plan_agree(plan=plan, expected_version=plan.version, by=teamlead)
    services.priority_update(
        priority=persona_priority, title="Recovery stories at every handover", why="",
        expected_version=persona_priority.version, by=teamlead,
    )  # fmt: skip
    client.force_login(teamlead)

    page = client.get(reverse("teams:plan", args=[plan.pk])).content.decode()

    assert "Changed since it was agreed" in page and "Agree the plan again" in page


def test_a_carried_forward_action_past_due_is_marked_overdue_from_last_year(
    client, persona_team, teamlead, imroc_challenges
):
    from django.urls import reverse

    previous, actions = _previous_plan(persona_team, teamlead, imroc_challenges)
    open_action = actions["chosen"]
    TeamAction.objects.filter(pk=open_action.pk).update(
        due_date=previous.financial_year.start + datetime.timedelta(days=60)
    )
    open_action.refresh_from_db()
    plan = services.plan_start(team=persona_team, year=YEAR, carry_forward=[open_action], by=teamlead)
    carried = plan.actions.get()
    assert carried.due_date < plan.financial_year.start
    client.force_login(teamlead)

    page = client.get(reverse("teams:plan", args=[plan.pk])).content.decode()

    assert "overdue from last year" in page


def test_every_agreement_stays_in_the_plans_history_against_its_version(
    client, persona_plan, persona_priority, teamlead
):
    from django.urls import reverse

    plan = _rate_all(_away_day(persona_plan, teamlead, service_users=2), teamlead)
    plan = services.plan_agree(plan=plan, expected_version=plan.version, by=teamlead)
    first = plan.agreed_version
    services.priority_update(
        priority=persona_priority, title="Recovery stories at every handover", why="",
        expected_version=persona_priority.version, by=teamlead,
    )  # fmt: skip
    plan.refresh_from_db()
    plan = services.plan_agree(plan=plan, expected_version=plan.version, by=teamlead)
    client.force_login(teamlead)

    entries = client.get(reverse("teams:plan-history", args=[plan.pk])).context["entries"]

    agreed = [(e.who, e.fields) for e in entries if e.change == "Agreed"]
    assert agreed == [
        ("Joanne Clarke", [f"version {plan.agreed_version}"]),
        ("Joanne Clarke", [f"version {first}"]),
    ]
    assert first != plan.agreed_version
