"""Synthetic Trust structure for ``generate_dataset``: divisions, teams, their staff and memberships,
and Team Recovery Plans over three financial years (see ``recovery_portal.synthetic``)."""

from datetime import timedelta

from recovery_portal import synthetic
from recovery_portal.financial_year import FinancialYear
from recovery_portal.ratings import RAG, ActionStatus
from workstreams.models import ImrocChallenge

from .models import (
    ChallengeRating,
    ChallengeStage,
    Division,
    Membership,
    PlanStatus,
    Priority,
    RecoveryChampion,
    ServiceType,
    Team,
    TeamAction,
    TeamRecoveryPlan,
    TeamRole,
)

CLINICAL_TYPES = [
    ServiceType.ADULT_COMMUNITY,
    ServiceType.ADULT_COMMUNITY,
    ServiceType.ADULT_INPATIENT,
    ServiceType.CRISIS,
    ServiceType.EARLY_INTERVENTION,
    ServiceType.OLDER_PEOPLE,
    ServiceType.REHABILITATION,
    ServiceType.FORENSIC_MEDIUM,
    ServiceType.COMMUNITY_FORENSIC,
    ServiceType.SPECIALIST,
]
TOWNS = [
    "Ashfield", "Bassetlaw", "Beeston", "Bulwell", "Carlton", "Clifton", "Eastwood", "Gedling", "Hucknall",
    "Kirkby", "Mansfield", "Newark", "Retford", "Rushcliffe", "Southwell", "Sutton", "Worksop", "Arnold",
]  # fmt: skip
PRIORITIES = [
    "Recovery stories in every team meeting",
    "Co-produce care plans in the person's own words",
    "Involve carers from first contact",
    "Peer support for everyone who wants it",
    "Links with the Recovery College",
]
TEAM_ACTIONS = [
    "Invite people using the service to co-facilitate the weekly group",
    "Book the team on the shared decision-making course",
    "Start a carers' drop-in",
    "Review every crisis plan with the person",
]


def _plans(data, rng, teams, managers, year: int, previous: dict[int, TeamRecoveryPlan], current: bool):
    fy = FinancialYear(year)
    plans = []
    for team in teams:
        status = (
            rng.choice([PlanStatus.PREPARING, PlanStatus.AGREED, PlanStatus.MID_YEAR_REVIEW])
            if current
            else PlanStatus.CLOSED
        )
        agreed = status != PlanStatus.PREPARING
        plans.append(
            TeamRecoveryPlan(
                team=team,
                year=year,
                status=status,
                previous=previous.get(team.pk),
                resources_staff="Nurses, OTs and a psychologist with lived experience",
                away_day_date=fy.start + timedelta(days=rng.randint(20, 60)),
                away_day_facilitator="Recovery College trainers",
                attended_staff=rng.randint(5, 15),
                attended_peer_workers=rng.randint(1, 3),
                attended_people_using_service=rng.randint(1, 6),
                attended_carers=rng.randint(0, 3),
                strengths="A team that listens",
                ambitions="Everyone on our caseload has a plan in their own words",
                agreed_at=data.moment((fy.start - data.anchor).days + 70) if agreed else None,
                agreed_by_id=managers[team.pk] if agreed else None,
                agreed_version=1 if agreed else None,
            )
        )
    return data.bulk(plans)


def generate(data: synthetic.Generation) -> dict[str, int]:
    rng = data.random("teams")
    scale, counts = data.scale, {}
    groups = data.shared["service_group_ids"]

    divisions = data.bulk(
        [
            Division(name=f"{TOWNS[index % len(TOWNS)]} Division {index + 1}", slug=f"synthetic-division-{index + 1}",
                     steering_group_id=groups[index % len(groups)])
            for index in range(len(groups) * 2)
        ]
    )  # fmt: skip
    counts.update(synthetic.count(divisions))

    teams = [
        Team(
            name=f"{TOWNS[index % len(TOWNS)]} {service_type.label} Team {index + 1}",
            slug=f"synthetic-team-{index + 1:03d}",
            division=divisions[index % len(divisions)],
            service_type=service_type,
            location=TOWNS[index % len(TOWNS)],
            email=f"team{index + 1}@synthetic.example.nhs.uk",
        )
        for index in range(scale.teams)
        for service_type in [CLINICAL_TYPES[index % len(CLINICAL_TYPES)]]
    ]
    college = Team(name="Recovery College", slug="synthetic-recovery-college", division=divisions[0],
                   is_clinical=False, service_type=ServiceType.RECOVERY_COLLEGE)  # fmt: skip
    teams = data.bulk([*teams, college])
    counts.update(synthetic.count(teams))
    clinical = teams[:-1]
    data.shared["clinical_team_ids"] = [team.pk for team in clinical]
    data.shared["college_team_id"] = college.pk

    staff = synthetic.users(data, rng, prefix="staff", number=len(clinical) * scale.staff_per_team)
    testers = synthetic.users(data, rng, prefix="clinician", number=scale.loadtest_users, loadtest=True)
    counts["recovery_portal.User"] = len(staff) + len(testers)

    memberships, team_staff, managers = [], {}, {}
    for index, team in enumerate(clinical):
        own = staff[index * scale.staff_per_team : (index + 1) * scale.staff_per_team]
        roles = [TeamRole.TEAM_MANAGER, TeamRole.PEER_SUPPORT_WORKER, TeamRole.PEER_SUPPORT_WORKER]
        roles += [TeamRole.CLINICIAN] * (len(own) - len(roles))
        for number, (user, role) in enumerate(zip(own, roles, strict=True)):
            champion = (
                RecoveryChampion.PROFESSIONAL
                if number == 3
                else RecoveryChampion.PEER
                if number == 1
                else RecoveryChampion.NONE
            )
            memberships.append(Membership(user=user, team=team, role=role, recovery_champion=champion,
                                          carer_lead=number == 4, start_date=data.day(-rng.randint(30, 2000))))  # fmt: skip
        team_staff[team.pk] = {
            "manager": own[0].pk,
            "peer_workers": [user.pk for user, role in zip(own, roles, strict=True) if role == TeamRole.PEER_SUPPORT_WORKER],
            "clinicians": [user.pk for user, role in zip(own, roles, strict=True) if role == TeamRole.CLINICIAN],
        }  # fmt: skip
        managers[team.pk] = own[0].pk
        # Someone who has moved on: a past membership, shown on the team page's history.
        if index % 3 == 0:
            memberships.append(Membership(user=staff[(index + 1) * scale.staff_per_team % len(staff)], team=team,
                                          role=TeamRole.CLINICIAN, start_date=data.day(-900), end_date=data.day(-200)))  # fmt: skip
    # Load-test clinicians each join one team, so their caseload holds a team's people.
    for index, user in enumerate(testers):
        team = clinical[index % len(clinical)]
        memberships.append(
            Membership(user=user, team=team, role=TeamRole.CLINICIAN, start_date=data.day(-365))
        )
        team_staff[team.pk]["clinicians"].append(user.pk)
    counts.update(synthetic.count(data.bulk(memberships)))
    data.shared["team_staff"] = team_staff

    challenges = list(ImrocChallenge.objects.order_by("order"))
    stages = list(ChallengeStage)
    current_year = FinancialYear.containing(data.anchor).start_year
    previous: dict[int, TeamRecoveryPlan] = {}
    plans = []
    for year in (current_year - 2, current_year - 1, current_year):
        made = _plans(data, rng, clinical, managers, year, previous, current=year == current_year)
        previous = {plan.team_id: plan for plan in made}
        plans += made
    counts.update(synthetic.count(plans))
    ratings = [
        ChallengeRating(plan=plan, challenge=challenge, stage=rng.choice(stages), previous_stage=rng.choice(stages),
                        evidence="Seen in the team's own audit")
        for plan in plans
        for challenge in challenges
    ]  # fmt: skip
    counts.update(synthetic.count(data.bulk(ratings)))
    priorities = data.bulk(
        [
            Priority(
                plan=plan,
                number=number,
                title=rng.choice(PRIORITIES),
                why="The team chose it at the away day",
            )
            for plan in plans
            for number in (1, 2, 3)
        ]
    )
    counts.update(synthetic.count(priorities))
    workstreams = data.shared["workstream_ids"]
    actions = [
        TeamAction(
            plan_id=priority.plan_id,
            priority=priority,
            what=rng.choice(TEAM_ACTIONS),
            who="Team manager and peer support workers",
            due_date=FinancialYear(priority.plan.year).start + timedelta(days=rng.randint(60, 360)),
            workstream_id=rng.choice(workstreams),
            status=rng.choice(list(ActionStatus)[:3]),
            rag=rng.choice(list(RAG)),
        )
        for priority in priorities
        for _ in range(2)
    ]
    counts.update(synthetic.count(data.bulk(actions)))
    return counts
