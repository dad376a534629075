import csv
import io

import pytest
from django.urls import reverse

from recovery_portal.financial_year import FinancialYear
from teams import selectors
from teams.models import ChallengeRating, ChallengeStage, PlanStatus
from teams.tests.factories import (
    DivisionFactory,
    PriorityFactory,
    TeamActionFactory,
    TeamFactory,
    TeamRecoveryPlanFactory,
)
from workstreams.reference import SteeringGroupSlug
from workstreams.tests.factories import service_steering_group

pytestmark = pytest.mark.django_db

YEAR = FinancialYear.current().start_year
URL = reverse("teams:coverage")


@pytest.fixture
def coverage_trust(persona_trust, imroc_challenges):
    """Persona teams plus six teams whose plans for this year are in every state.

    Local Partnerships: Broxtowe (no plan), Adult A (preparing, 1 overdue of 2 open), Adult B (away day held),
    Older C (agreed, 2 overdue), Older D (closed, 1 done).
    Forensic Services: Wathwood (mid-year review, 1 overdue), Forensic E (no plan, but a plan last year).
    The Recovery College is not clinical and is not counted.
    """
    adult = DivisionFactory(slug="adult-mental-health")
    older = DivisionFactory(
        slug="mhsop",
        name="Mental Health Services for Older People",
        steering_group=service_steering_group(SteeringGroupSlug.LOCAL_PARTNERSHIPS),
    )
    secure = DivisionFactory(slug="medium-low-secure")

    def plan(team, status, year=YEAR):
        return TeamRecoveryPlanFactory(team=team, status=status, year=year)

    preparing = plan(TeamFactory(name="Adult A", division=adult), PlanStatus.PREPARING)
    priority = PriorityFactory(plan=preparing)
    TeamActionFactory(priority=priority, overdue=True)
    TeamActionFactory(priority=priority)
    plan(TeamFactory(name="Adult B", division=adult), PlanStatus.AWAY_DAY_HELD)
    agreed = plan(TeamFactory(name="Older C", division=older), PlanStatus.AGREED)
    TeamActionFactory.create_batch(2, priority=PriorityFactory(plan=agreed), overdue=True)
    closed = plan(TeamFactory(name="Older D", division=older), PlanStatus.CLOSED)
    TeamActionFactory(priority=PriorityFactory(plan=closed), done=True)
    reviewed = plan(persona_trust.outsider_team, PlanStatus.MID_YEAR_REVIEW)
    TeamActionFactory(priority=PriorityFactory(plan=reviewed), overdue=True)
    last_year = plan(TeamFactory(name="Forensic E", division=secure), PlanStatus.CLOSED, year=YEAR - 1)
    TeamActionFactory(priority=PriorityFactory(plan=last_year), overdue=True)  # not this year's
    ChallengeRating.objects.create(
        plan=agreed, challenge=imroc_challenges[0], stage=ChallengeStage.DEVELOPMENT
    )
    ChallengeRating.objects.create(
        plan=closed, challenge=imroc_challenges[0], stage=ChallengeStage.DEVELOPMENT
    )
    ChallengeRating.objects.create(
        plan=reviewed, challenge=imroc_challenges[0], stage=ChallengeStage.ENGAGEMENT
    )
    ChallengeRating.objects.create(plan=preparing, challenge=imroc_challenges[0])


def _counts(rows):
    return {
        row.label: (row.teams, row.no_plan, row.preparing, row.agreed, row.reviewed, row.overdue_actions)
        for row in rows
    }


def test_coverage_figures_match_a_hand_count(coverage_trust):
    assert _counts(selectors.plan_coverage(year=YEAR, by="steering_group")) == {
        "Local Partnerships Recovery Steering Group": (5, 1, 2, 1, 1, 3),
        "Forensic Services Recovery Steering Group": (2, 1, 0, 0, 1, 1),
    }
    divisions = _counts(selectors.plan_coverage(year=YEAR, by="division"))
    assert divisions["Mental Health Services for Older People"] == (2, 0, 0, 1, 1, 2)
    assert divisions["Adult Mental Health"] == (3, 1, 2, 0, 0, 1)
    assert _counts(selectors.plan_coverage(year=YEAR, by="trust")) == {"Trust": (7, 2, 2, 1, 2, 4)}
    assert _counts(selectors.plan_coverage(year=YEAR - 1, by="trust")) == {"Trust": (7, 6, 0, 0, 1, 1)}


def test_action_completion_and_challenge_ratings_match_a_hand_count(coverage_trust, imroc_challenges):
    trust = selectors.action_completion(year=YEAR, by="trust")[0]
    assert (trust.total, trust.done, trust.open, trust.overdue, trust.percent_done) == (6, 1, 5, 4, 17)
    by_team = {
        row.label: (row.total, row.overdue) for row in selectors.action_completion(year=YEAR, by="team")
    }
    assert by_team == {
        "Adult A": (2, 1),
        "Older C": (2, 2),
        "Older D": (1, 0),
        "Wathwood Hospital: Ward 2": (1, 1),
    }

    ratings = selectors.challenge_ratings(year=YEAR, by="trust")
    assert len(ratings) == 1
    assert ratings[0].counts == {"engagement": 1, "development": 2, "transformation": 0}
    assert ratings[0].unrated == 1
    groups = {
        row.label: row.counts["development"]
        for row in selectors.challenge_ratings(year=YEAR, by="steering_group")
    }
    assert groups == {
        "Local Partnerships Recovery Steering Group": 2,
        "Forensic Services Recovery Steering Group": 0,
    }


def test_the_coverage_page_groups_teams_and_filters(client, outsider, coverage_trust):
    client.force_login(outsider)

    response = client.get(URL)
    assert response.status_code == 200
    tree = {
        group.label: [division.label for division in group.children] for group in response.context["tree"]
    }
    assert tree == {
        "Local Partnerships Recovery Steering Group": [
            "Adult Mental Health",
            "Mental Health Services for Older People",
        ],
        "Forensic Services Recovery Steering Group": ["Medium and Low Secure Services"],
    }
    totals = response.context["totals"]
    assert (totals.teams, totals.no_plan, totals.with_agreed_plan, totals.overdue_actions) == (7, 2, 3, 4)

    filtered = client.get(URL, {"steering_group": "forensic-services", "coverage": "no_plan"})
    assert [team.name for team in filtered.context["filter"].qs] == ["Forensic E"]
    overdue = client.get(URL, {"overdue": "yes"})
    assert sorted(team.name for team in overdue.context["filter"].qs) == [
        "Adult A",
        "Older C",
        "Wathwood Hospital: Ward 2",
    ]
    last_year = client.get(URL, {"year": FinancialYear(YEAR - 1).label})
    assert last_year.context["totals"].reviewed == 1


def test_the_coverage_csv_has_a_row_per_team(client, steering, coverage_trust):
    client.force_login(steering)

    response = client.get(URL, {"format": "csv", "division": "mhsop"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Financial year", "Steering group", "Division", "Team", "Plan status"]
    assert [row[3:] for row in rows[1:]] == [
        ["Older C", "Agreed", "2", "2"],
        ["Older D", "Reviewed", "0", "0"],
    ]


def test_the_coverage_page_makes_a_fixed_number_of_queries(
    client, steering, coverage_trust, django_assert_num_queries
):
    client.force_login(steering)
    # 1 session, 2 user, 3 teams with division, group, plan status and action counts (subqueries),
    # 4 steering groups and 5 divisions for the filter form, 6-8 savepoint, session save, release.
    with django_assert_num_queries(8):
        client.get(URL)

    division = DivisionFactory()
    for index in range(15):
        plan = TeamRecoveryPlanFactory(team=TeamFactory(division=division), status=PlanStatus.AGREED)
        TeamActionFactory.create_batch(3, priority=PriorityFactory(plan=plan), overdue=index % 2 == 0)
    with django_assert_num_queries(8):
        response = client.get(URL)
    assert response.context["totals"].teams == 22


@pytest.mark.parametrize("persona", ["serviceuser", "carer"])
def test_people_who_are_not_staff_cannot_see_coverage(client, personas, persona):
    client.force_login(personas[persona])

    assert client.get(URL).status_code == 403
