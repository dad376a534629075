"""Synthetic strategy governance for ``generate_dataset``: steering groups and their members, workstream
leads, goals, actions with progress updates, and meetings (see ``recovery_portal.synthetic``)."""

from datetime import timedelta

from recovery_portal import synthetic
from recovery_portal.ratings import RAG, ActionStatus

from .models import (
    Action,
    Goal,
    GoalStatus,
    ImrocChallenge,
    ProgressUpdate,
    SteeringGroup,
    SteeringGroupLevel,
    SteeringGroupMeeting,
    SteeringGroupMembership,
    Workstream,
)

AREAS = [
    "North",
    "South",
    "East",
    "West",
    "City",
    "County",
    "Coast",
    "Valleys",
    "Forest",
    "Moor",
    "Vale",
    "Peaks",
]
GOALS = [
    "Every team has a Team Recovery Plan co-produced with people using the service",
    "Peer support workers in every community team",
    "People on caseloads have a recovery plan in their own words",
    "Recovery College courses reach every locality",
    "Carers are identified at first contact",
    "Staff wellbeing conversations in every supervision",
    "Positive risk-taking training for all clinical staff",
    "More people in paid work, volunteering or education",
]
ACTIONS = [
    "Run a co-produced away day with the team",
    "Recruit and induct two peer support workers",
    "Publish the spring prospectus with community partners",
    "Train staff in shared decision-making",
    "Audit crisis plans for the person's own words",
    "Set up a carers' drop-in at the team base",
    "Hold a recovery stories session in the team meeting",
    "Agree employment support referrals with the local IPS service",
]
UPDATES = [
    "On track: first sessions held and feedback collected.",
    "Delayed by staffing; new date agreed with the team.",
    "Completed and shared at the steering group.",
    "Planning meeting held with people who use services.",
]


def generate(data: synthetic.Generation) -> dict[str, int]:
    rng = data.random("workstreams")
    scale, counts = data.scale, {}
    trust = SteeringGroup.objects.get(level=SteeringGroupLevel.TRUST)

    existing = list(SteeringGroup.objects.filter(level=SteeringGroupLevel.SERVICE).order_by("order", "pk"))
    wanted = max(len(existing), scale.teams // 50)
    extra = data.bulk(
        [
            SteeringGroup(
                name=f"{AREAS[index % len(AREAS)]} Services Recovery Steering Group",
                slug=f"synthetic-services-{index + 1}",
                level=SteeringGroupLevel.SERVICE,
                parent=trust,
                order=10 + index,
            )
            for index in range(wanted - len(existing))
        ]
    )
    counts.update(synthetic.count(extra))
    groups = [trust, *existing, *extra]
    data.shared["service_group_ids"] = [group.pk for group in [*existing, *extra]]

    people = synthetic.users(
        data, rng, prefix="governance", number=len(groups) * 8 + 14, job_title="Recovery Lead"
    )
    counts["recovery_portal.User"] = counts.get("recovery_portal.User", 0) + len(people)
    leads, members = people[:14], people[14:]

    workstreams = list(Workstream.objects.order_by("order", "pk"))
    for index, workstream in enumerate(workstreams):
        workstream.professional_lead, workstream.peer_lead = (
            leads[2 * index % 14],
            leads[(2 * index + 1) % 14],
        )
    Workstream.objects.bulk_update(workstreams, ["professional_lead", "peer_lead"])
    data.shared["workstream_ids"] = [workstream.pk for workstream in workstreams]

    seats = []
    for index, group in enumerate(groups):
        seated = members[index * 8 : index * 8 + 8]
        group.chair = seated[0]
        seats += [
            SteeringGroupMembership(group=group, user=user, role="Member", start_date=data.day(-400))
            for user in seated
        ]
    SteeringGroup.objects.bulk_update(groups, ["chair"])
    # Load-test steering group members, who may open the dashboards.
    testers = synthetic.users(
        data, rng, prefix="steering", number=max(1, scale.loadtest_users // 10), loadtest=True
    )
    counts["recovery_portal.User"] += len(testers)
    seats += [
        SteeringGroupMembership(group=trust, user=user, role="Member", start_date=data.day(-400))
        for user in testers
    ]
    counts.update(synthetic.count(data.bulk(seats)))

    meetings = [
        SteeringGroupMeeting(
            group=group, date=data.day(-60 * number), minutes="Minutes agreed.", decisions=""
        )
        for group in groups
        for number in range(6)
    ]
    counts.update(synthetic.count(data.bulk(meetings)))

    challenges = list(ImrocChallenge.objects.order_by("order"))
    goals = data.bulk(
        [
            Goal(
                workstream=workstream,
                title=f"{rng.choice(GOALS)} ({number + 1})",
                domain_id=workstream.domain_id,
                measure="Share of teams, from the portal's own figures",
                baseline=rng.randint(10, 50),
                target=rng.randint(60, 100),
                unit="%",
                start_date=data.day(-365),
                target_date=data.day(rng.randint(30, 1000)),
                status=rng.choice([GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS, GoalStatus.IN_PROGRESS]),
            )
            for workstream in workstreams
            for number in range(scale.goals_per_workstream)
        ]
    )
    counts.update(synthetic.count(goals))
    links = [
        Goal.challenges.through(goal_id=goal.pk, imrocchallenge_id=challenge.pk)
        for goal in goals
        for challenge in rng.sample(challenges, 2)
    ]
    counts.update(synthetic.count(data.bulk(links)))

    owners = leads + members
    actions = []
    for goal in goals:
        for _ in range(scale.actions_per_goal):
            start = data.day(rng.randint(-365, 0))
            status = rng.choice(
                [
                    ActionStatus.NOT_STARTED,
                    ActionStatus.IN_PROGRESS,
                    ActionStatus.IN_PROGRESS,
                    ActionStatus.DONE,
                ]
            )
            actions.append(
                Action(
                    goal=goal,
                    description=rng.choice(ACTIONS),
                    owner=rng.choice(owners),
                    start_date=start,
                    due_date=start + timedelta(days=rng.randint(30, 400)),
                    status=status,
                    rag=rng.choice(list(RAG)),
                    completed_on=start + timedelta(days=20) if status == ActionStatus.DONE else None,
                    co_produced=rng.random() < 0.4,
                )
            )
    actions = data.bulk(actions)
    counts.update(synthetic.count(actions))
    updates = [
        ProgressUpdate(
            action=action,
            date=action.start_date + timedelta(days=10 * (number + 1)),
            narrative=rng.choice(UPDATES),
            rag=action.rag,
            status=action.status,
            author=action.owner,
            created_at=data.moment((action.start_date - data.anchor).days + 10 * (number + 1)),
        )
        for action in actions
        for number in range(2)
    ]
    counts.update(synthetic.count(data.bulk(updates)))
    return counts
