"""Who may set goals and actions, and how bad input is refused."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recovery_portal.tests.factories import UserFactory
from workstreams import services
from workstreams.models import Action, Goal, Workstream
from workstreams.reference import ChallengeCode, SteeringGroupSlug, WorkstreamSlug
from workstreams.tests.factories import GoalFactory, service_steering_group

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def goal_data(**overrides) -> dict:
    from workstreams.models import ConversationDomain, ImrocChallenge

    data = {
        "title": "Carer Lead identified in every team",
        "domain": ConversationDomain.objects.get(code="services_users").pk,
        "challenges": [ImrocChallenge.objects.get(code=ChallengeCode.INVOLVEMENT).pk],
        "measure": "Clinical teams with a named carer lead",
        "baseline": "62",
        "target": "100",
        "unit": "%",
        "status": "in_progress",
        **_date("start_date", date(2026, 4, 1)),
        **_date("target_date", date(2027, 3, 31)),
    }
    data.update(overrides)
    return data


@pytest.fixture
def risk(persona_trust, admin):
    risk = Workstream.objects.get(slug=WorkstreamSlug.RISK)
    services.workstream_set_leads(
        workstream=risk, professional_lead=UserFactory(), peer_lead=UserFactory(), by=admin
    )
    return risk


def test_a_lead_adds_a_goal_to_their_own_workstream(client, wslead, peer_support):
    client.force_login(wslead)

    response = client.post(reverse("workstreams:goal-create", args=[peer_support.slug]), goal_data())

    goal = Goal.objects.get()
    assert response.status_code == 302
    assert (goal.workstream, goal.changed_by, goal.target) == (peer_support, wslead, 100)
    assert [c.code for c in goal.challenges.all()] == ["involvement"]
    assert goal.history.count() == 1


def test_a_lead_of_one_workstream_cannot_edit_anothers_goals(client, wslead, risk):
    goal = GoalFactory(workstream=risk)
    action = Action.objects.create(
        goal=goal,
        description="x",
        owner=risk.professional_lead,
        start_date=goal.start_date,
        due_date=goal.target_date,
    )
    client.force_login(wslead)

    assert client.get(reverse("workstreams:goal-edit", args=[goal.pk])).status_code == 403
    assert client.post(reverse("workstreams:goal-edit", args=[goal.pk]), goal_data()).status_code == 403
    assert client.post(reverse("workstreams:goal-create", args=[risk.slug]), goal_data()).status_code == 403
    assert client.post(reverse("workstreams:action-create", args=[goal.pk]), {}).status_code == 403
    assert client.post(reverse("workstreams:action-edit", args=[action.pk]), {}).status_code == 403
    goal.refresh_from_db()
    assert goal.title != "Carer Lead identified in every team"


def test_a_chair_of_any_steering_group_edits_any_workstreams_goals(client, risk, outsider, admin):
    services.steering_group_set_chair(
        group=service_steering_group(SteeringGroupSlug.FORENSIC_SERVICES), chair=outsider, by=admin
    )
    goal = GoalFactory(workstream=risk)
    client.force_login(outsider)

    response = client.post(
        reverse("workstreams:goal-edit", args=[goal.pk]), goal_data(title="Safety plans for all")
    )

    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Safety plans for all"


def test_a_goal_cannot_be_created_while_either_lead_is_missing(client, admin, persona_trust):
    families = Workstream.objects.get(slug=WorkstreamSlug.FAMILIES_AND_FRIENDS)
    families.professional_lead = UserFactory()
    families.save()
    client.force_login(admin)
    url = reverse("workstreams:goal-create", args=[families.slug])

    page = client.get(url).content.decode()
    response = client.post(url, goal_data())

    message = "needs both a professional lead and a peer lead before it can have goals"
    # No goal form (the page's only forms are the session-timeout dialog's, after the main content).
    assert message in page and "<form" not in page.split("</header>")[1].split("</main>")[0]
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Goal.objects.exists()


def test_dates_out_of_order_are_refused_with_a_clear_message(client, wslead, peer_support, ws_goal):
    client.force_login(wslead)

    goal_page = client.post(
        reverse("workstreams:goal-create", args=[peer_support.slug]),
        goal_data(**_date("target_date", date(2026, 3, 31))),
    )
    action_page = client.post(
        reverse("workstreams:action-create", args=[ws_goal.pk]),
        {
            "description": "Carers' network in each locality",
            "owner": wslead.pk,
            **_date("start_date", date(2026, 6, 1)),
            **_date("due_date", date(2026, 5, 31)),
        },
    )

    assert "The target date must be the same as or after the start date" in goal_page.content.decode()
    assert "The due date must be the same as or after the start date" in action_page.content.decode()
    assert Goal.objects.count() == 1 and not Action.objects.exists()


def test_other_goal_and_action_mistakes_are_named(wslead, peer_support, ws_goal, serviceuser):
    from workstreams.models import ConversationDomain

    values = {
        "title": "Employment specialists",
        "domain": ConversationDomain.objects.first(),
        "measure": "IPS specialists in post",
        "start_date": date(2026, 4, 1),
        "target_date": date(2027, 3, 31),
        "status": "met",
    }
    with pytest.raises(ValidationError) as goal_error:
        services.goal_create(workstream=peer_support, challenges=[], by=wslead, **values)
    with pytest.raises(ValidationError) as action_error:
        services.action_create(
            goal=ws_goal,
            description="Co-produce the carers' welcome pack",
            owner=wslead,
            co_owner=serviceuser,
            start_date=date(2026, 4, 1),
            due_date=date(2026, 9, 30),
            co_produced=True,
            co_produced_with="",
            by=wslead,
        )

    assert set(goal_error.value.message_dict) == {"met_on", "challenges"}
    assert set(action_error.value.message_dict) == {"co_owner", "co_produced_with"}


def test_an_action_is_added_co_produced_and_shown_on_the_workstream_page(
    client, wslead, peer_support, ws_goal, peerworker
):
    client.force_login(wslead)

    response = client.post(
        reverse("workstreams:action-create", args=[ws_goal.pk]),
        {
            "description": "Co-produce the peer support worker induction with the Co-production Support Group",
            "owner": peerworker.pk,
            "co_owner": wslead.pk,
            **_date("start_date", date(2026, 4, 1)),
            **_date("due_date", date(2026, 9, 30)),
            "co_produced": "on",
            "co_produced_with": "Co-production Support Group; two peer support workers",
        },
    )

    action = Action.objects.get()
    assert response.status_code == 302
    assert (action.owner, action.co_owner, action.status, action.rag) == (
        peerworker,
        wslead,
        "not_started",
        "",
    )
    page = client.get(reverse("workstreams:detail", args=[peer_support.slug])).content.decode()
    assert "Co-produce the peer support worker induction" in page
    assert "Co-produced" in page
