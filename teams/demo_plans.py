"""Two years of Team Recovery Plans for the demo Trust, in every state of the lifecycle.

Last year's plans are mostly closed after their year-end review; this year's run from "no plan yet"
to reviewed, so the coverage page and dashboards have something to show. A team's plans are written
only when it has none for that year, so the demo can be seeded again without change.
"""

import datetime
import random

from django.utils import timezone

from recovery_portal.financial_year import FinancialYear
from recovery_portal.ratings import RAG, ActionStatus
from workstreams.selectors import challenge_list, conversation_domain_list, workstream_list

from . import services
from .models import ChallengeStage, Membership, PlanStatus, ReviewKind, Team, TeamRecoveryPlan, TeamRole

# This year's state for each clinical team, in the order of ``demo.TEAMS`` (the college is not clinical).
THIS_YEAR = [
    PlanStatus.AGREED,  # Broxtowe, the personas' team
    PlanStatus.MID_YEAR_REVIEW,
    PlanStatus.PREPARING,
    PlanStatus.AWAY_DAY_HELD,
    PlanStatus.AGREED,
    None,  # no plan yet
    PlanStatus.MID_YEAR_REVIEW,
    PlanStatus.AGREED,
    PlanStatus.PREPARING,
    PlanStatus.CLOSED,
    PlanStatus.AGREED,
    None,
    PlanStatus.MID_YEAR_REVIEW,
    PlanStatus.AWAY_DAY_HELD,
    PlanStatus.AGREED,
    PlanStatus.PREPARING,
    PlanStatus.AGREED,
    None,
    PlanStatus.MID_YEAR_REVIEW,
]
# Teams whose plan last year stopped at the mid-year review; every other team closed its plan.
LAST_YEAR_NOT_CLOSED = {"mansfield-cmht", "hmp-nottingham"}

PRIORITIES = [
    ("Recovery stories in every team meeting", "Hope grows when people hear how others have moved on."),
    (
        "Co-produce our groups with people who use the service",
        "Groups designed with people are groups people come to.",
    ),
    ("Welcome carers from the first contact", "Carers told us they heard about the team too late."),
    ("Shared decisions about medication", "People want to talk through choices, not be told."),
    ("From risk to safety planning", "Safety plans written with the person, not risk scores about them."),
    ("Links with community groups and employment support", "Life beyond illness happens outside the team."),
    ("Look after each other at work", "Staff wellbeing came out lowest in our survey."),
]
ACTIONS = [
    ("Start each team meeting with a recovery story", "Peer support worker and team manager"),
    (
        "Co-facilitate the weekly group with someone who uses the service",
        "Occupational therapist and peer worker",
    ),
    ("Send every new carer the carers' welcome pack within a week", "Carer lead"),
    ("Offer a decision aid at every medication review", "Consultant psychiatrist"),
    ("Write safety plans with the person at their first review", "Named nurses"),
    ("Invite the Individual Placement and Support worker to the team each month", "Team manager"),
    ("Hold a monthly reflective practice session", "Clinical psychologist"),
    ("Put Recovery College courses on the welcome leaflet", "Team administrator"),
    ("Ask people using the service to join interview panels", "Team manager and peer worker"),
]
STRENGTHS = [
    "A warm welcome and people who know each other well.",
    "Quick to respond when someone is in crisis.",
    "Peer support workers valued by everyone in the team.",
]


def _manager(team: Team):
    membership = (
        Membership.objects.current()
        .filter(team=team, role=TeamRole.TEAM_MANAGER)
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


def _away_day(plan, rng: random.Random, *, held_on: datetime.date, by) -> TeamRecoveryPlan:
    service_users = 0 if rng.random() < 0.15 else rng.randint(2, 6)
    values = {
        "away_day_date": held_on,
        "away_day_facilitator": rng.choice(
            ["Amira Shah, Recovery College", "ImROC consultant", "Trust recovery lead"]
        ),
        "attended_staff": rng.randint(6, 14),
        "attended_peer_workers": rng.randint(1, 3),
        "attended_people_using_service": service_users,
        "attended_carers": rng.randint(0, 3),
        "no_service_user_reason": ""
        if service_users
        else "The away day clashed with the ward's community meeting; "
        "people who use the service chose the priorities there the week before.",
    }
    plan = services.plan_section_update(
        plan=plan, section="away_day", values=values, expected_version=plan.version, by=by
    )
    plan = services.plan_section_update(
        plan=plan,
        section="resources",
        values={
            "resources_staff": "Nurses trained in DIALOG+, an occupational therapist who runs an allotment group.",
            "resources_peer_workers": "Two peer support workers drawing on their own experience of recovery.",
            "resources_people_using_service": "People who can teach art, cooking and music; a volunteer gardener.",
            "resources_carers": "A carers' group that meets monthly and wants to help shape the service.",
        },
        expected_version=plan.version,
        by=by,
    )
    return services.plan_section_update(
        plan=plan,
        section="reflection",
        values={
            "strengths": rng.choice(STRENGTHS),
            "achievements": "Hearing voices group running every week; fewer people waiting for a first appointment.",
            "areas_for_development": "Carers are not always invited to reviews.",
            "ambitions": "Every plan written with the person, in their words.",
        },
        expected_version=plan.version,
        by=by,
    )


def _ratings(plan, rng: random.Random, by) -> TeamRecoveryPlan:
    stages = ChallengeStage.values
    ratings = {
        rating.challenge_id: (
            rng.choice(stages),
            "Seen in our case notes audit and what people told us at the away day.",
        )
        for rating in plan.ratings.all()
    }
    return services.plan_ratings_update(plan=plan, ratings=ratings, expected_version=plan.version, by=by)


def _priorities(plan, rng: random.Random, year: FinancialYear, by, *, finished: bool) -> None:
    workstreams, domains = list(workstream_list()), list(conversation_domain_list())
    existing = plan.priorities.count()
    for title, why in rng.sample(PRIORITIES, 3 - existing):
        priority = services.priority_add(plan=plan, title=title, why=why, by=by)
        for what, who in rng.sample(ACTIONS, rng.randint(1, 3)):
            status = rng.choice(
                [ActionStatus.DONE, ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.DROPPED]
                if finished
                else [
                    ActionStatus.NOT_STARTED,
                    ActionStatus.IN_PROGRESS,
                    ActionStatus.IN_PROGRESS,
                    ActionStatus.DONE,
                ]
            )
            services.action_add(
                priority=priority,
                values={
                    "what": what,
                    "who": who,
                    "due_date": year.start + datetime.timedelta(days=rng.randrange(90, 330)),
                    "workstream": rng.choice(workstreams) if workstreams else None,
                    "domain": rng.choice(domains) if domains else None,
                    "success_measure": "People tell us at the mid-year review that it made a difference.",
                    "status": status,
                    "rag": rng.choice(RAG.values) if status != ActionStatus.DONE else RAG.GREEN,
                },
                by=by,
            )


def _review(plan, kind, rng: random.Random, held_on: datetime.date, by) -> TeamRecoveryPlan:
    plan.refresh_from_db()
    stages = {challenge.pk: rng.choice(ChallengeStage.values) for challenge in challenge_list()}
    services.plan_review_record(
        plan=plan,
        kind=kind,
        held_on=held_on,
        progress="Most actions are on track; the carers' welcome pack has been slower than hoped.",
        stages=stages,
        expected_version=plan.version,
        by=by,
    )
    plan.refresh_from_db()
    return plan


def _plan(team: Team, year: FinancialYear, target: PlanStatus, by) -> None:
    if TeamRecoveryPlan.objects.filter(team=team, year=year.start_year).exists():
        return
    rng = random.Random(f"{team.slug}-{year.start_year}")  # noqa: S311 (demo data, not security)
    previous = TeamRecoveryPlan.objects.filter(team=team, year=year.start_year - 1).first()
    carry = [a for a in previous.actions.select_related("priority") if a.is_open][:1] if previous else []
    plan = services.plan_start(team=team, year=year.start_year, carry_forward=carry, by=by)
    if target == PlanStatus.PREPARING:
        return
    # Dates are kept in the past, whenever in the year the demo is seeded.
    today = timezone.localdate()
    plan = _away_day(
        plan, rng, held_on=min(today, year.start + datetime.timedelta(days=rng.randrange(20, 50))), by=by
    )
    plan = _ratings(plan, rng, by)
    _priorities(plan, rng, year, by, finished=target == PlanStatus.CLOSED)
    if target == PlanStatus.AWAY_DAY_HELD:
        return
    plan = services.plan_agree(plan=plan, expected_version=plan.version, by=by)
    if target in (PlanStatus.MID_YEAR_REVIEW, PlanStatus.CLOSED):
        plan = _review(
            plan, ReviewKind.MID_YEAR, rng, min(today, year.start + datetime.timedelta(days=183)), by
        )
    if target == PlanStatus.CLOSED:
        _review(plan, ReviewKind.YEAR_END, rng, min(year.end, today), by)


def seed_plans(*, teams: list[Team], stdout) -> None:
    """Last year's and this year's plans for the clinical ``teams`` (in ``demo.TEAMS`` order)."""
    this_year = FinancialYear.current()
    clinical = [team for team in teams if team.is_clinical]
    for index, team in enumerate(clinical):
        manager = _manager(team)
        if manager is None:
            continue
        last_state = PlanStatus.MID_YEAR_REVIEW if team.slug in LAST_YEAR_NOT_CLOSED else PlanStatus.CLOSED
        _plan(team, this_year.previous(), last_state, manager)
        state = THIS_YEAR[index % len(THIS_YEAR)]
        if state is not None:
            _plan(team, this_year, state, manager)
    broxtowe = next((team for team in clinical if team.slug == "broxtowe-cmht"), None)
    if broxtowe is not None and _manager(broxtowe) is not None:
        assessment = services.triangle_of_care_start(
            team=broxtowe, year=this_year.start_year, by=_manager(broxtowe)
        )
        if assessment.version == 1:
            services.triangle_of_care_update(
                assessment=assessment,
                standards={
                    1: ("met", "Carers are asked about at every first assessment.", ""),
                    2: (
                        "partly_met",
                        "Half the team has done carer awareness training.",
                        "Book the rest on the spring course.",
                    ),
                    3: ("met", "The Trust's information-sharing guide is used in reviews.", ""),
                    4: ("met", "Mohammed Iqbal is the team's carer lead.", ""),
                    5: (
                        "partly_met",
                        "A welcome pack exists but is not sent every time.",
                        "Send it within a week.",
                    ),
                    6: ("met", "Monthly carers' group with the local carers' centre.", ""),
                },
                expected_version=1,
                by=_manager(broxtowe),
            )
    stdout.write(f"Team Recovery Plans: {TeamRecoveryPlan.objects.count()} across two years.")
