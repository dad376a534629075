"""Goals with measured progress: measurements recorded and corrected (history kept), bad input refused
with nothing saved, the portal's monthly measurement (idempotent), assurance, and the RAG rating that
follows from it unless the leads set their own with a reason."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from recovery_portal.celery import collect_beat_schedule
from workstreams import services, tasks
from workstreams.models import ComputedFigure, Goal, GoalMeasurement, MeasurementSource
from workstreams.progress import goal_progress
from workstreams.tests.factories import GoalFactory

from .test_goals_and_actions import goal_data

pytestmark = pytest.mark.django_db


def _month(n: int) -> date:
    """The n-th month from April 2025."""
    return date(2025 + (3 + n) // 12, (3 + n) % 12 + 1, 1)


def _measure(goal, values, by=None):
    for n, value in enumerate(values):
        services.goal_measurement_record(goal=goal, month=_month(n), value=Decimal(value), by=by)


def test_a_measurement_for_a_month_already_recorded_is_refused_and_nothing_saved(persona_trust, wslead):
    goal = GoalFactory()
    services.goal_measurement_record(goal=goal, month=date(2026, 3, 1), value=Decimal(50), by=wslead)

    with pytest.raises(ValidationError) as refused:
        services.goal_measurement_record(goal=goal, month=date(2026, 3, 17), value=Decimal(60), by=wslead)

    assert refused.value.message_dict["month"] == [
        "A measurement for March 2026 is already recorded. Change that measurement instead, or enter a "
        "different month"
    ]
    assert list(GoalMeasurement.objects.values_list("value", flat=True)) == [Decimal(50)]


def test_a_measurement_outside_the_measures_range_is_refused(persona_trust, wslead):
    goal = GoalFactory(unit="%")
    with pytest.raises(ValidationError) as refused:
        services.goal_measurement_record(goal=goal, month=date(2026, 3, 1), value=Decimal(140), by=wslead)
    assert refused.value.message_dict["value"] == ["Enter a measurement between 0 and 100%"]
    assert not GoalMeasurement.objects.exists()


def test_a_target_outside_the_measures_range_is_refused_with_an_nhs_error_and_nothing_saved(
    client, wslead, peer_support
):
    client.force_login(wslead)
    before = Goal.objects.count()
    response = client.post(
        reverse("workstreams:goal-create", args=[peer_support.slug]), goal_data(target="120")
    )

    page = response.content.decode()
    assert response.status_code == 200 and Goal.objects.count() == before
    assert "nhsuk-error-summary" in page
    assert "Enter a target between 0 and 100, the range of the measure" in page


def test_a_changed_measurement_keeps_its_history(persona_trust, wslead):
    goal = GoalFactory()
    measurement = services.goal_measurement_record(
        goal=goal, month=date(2026, 3, 1), value=Decimal(50), by=wslead
    )

    services.goal_measurement_change(
        measurement=measurement, value=Decimal(55), note="Two teams were missed", by=wslead
    )

    history = list(measurement.history.order_by("history_date").values_list("value", "note"))
    assert history == [(Decimal(50), ""), (Decimal(55), "Two teams were missed")]


@pytest.mark.parametrize(
    ("values", "target", "expected_rag", "assurance"),
    [
        ([80, 82] * 7, 50, "green", "consistently passing"),
        ([20, 22] * 7, 50, "red", "consistently failing"),
        ([48, 52] * 7, 50, "amber", "hit and miss"),
        ([48, 52] * 6, 50, "", "No assurance yet: 12 of the 13 months"),
    ],
)
def test_the_rag_rating_follows_from_assurance(
    persona_trust, wslead, values, target, expected_rag, assurance
):
    goal = GoalFactory(baseline=10, target=target, unit="%")
    _measure(goal, values, by=wslead)
    progress = goal_progress(goal, list(goal.measurements.all()))
    assert progress.rag == expected_rag and not progress.overridden
    assert assurance in progress.assurance_text


def test_the_leads_override_the_rating_with_a_reason_shown_on_the_goal_page(
    client, persona_trust, wslead, steering
):
    goal = GoalFactory(baseline=10, target=50, unit="%")
    _measure(goal, [20, 22] * 7, by=wslead)
    client.force_login(wslead)
    url = reverse("workstreams:goal-rag-edit", args=[goal.pk])

    refused = client.post(url, {"rag": "amber", "reason": ""})
    assert "Enter why the rating differs from the one assurance gives" in refused.content.decode()
    goal.refresh_from_db()
    assert goal.rag_override == ""

    client.post(url, {"rag": "amber", "reason": "Three teams agree their plans in April"})
    goal.refresh_from_db()
    assert goal.rag_override == "amber" and goal.history.first().rag_override_reason.startswith("Three teams")

    client.force_login(steering)  # any member of staff reads the goal page; only the leads change it
    page = client.get(reverse("workstreams:goal-detail", args=[goal.pk])).content.decode()
    assert "Three teams agree their plans in April" in page
    assert "Assurance: consistently failing the target" in page
    assert "Amber<span" in page and "Assurance alone would give: red" in page
    assert 'id="goal-run-chart"' in page and "target 50" in page
    assert client.post(url, {"rag": "green", "reason": "x"}).status_code == 403


def test_the_goal_page_form_refuses_a_second_measurement_for_a_month(client, persona_trust, wslead):
    goal = GoalFactory()
    services.goal_measurement_record(goal=goal, month=date(2026, 3, 1), value=Decimal(50), by=wslead)
    client.force_login(wslead)
    response = client.post(
        reverse("workstreams:goal-measurement-create", args=[goal.pk]),
        {"month_day": 9, "month_month": 3, "month_year": 2026, "value": "70"},
    )
    page = response.content.decode()
    assert "nhsuk-error-summary" in page and "A measurement for March 2026 is already recorded" in page
    assert GoalMeasurement.objects.get().value == Decimal(50)


def test_the_portal_measures_a_goal_tied_to_its_own_figure_each_month_once(
    persona_trust, wslead, django_capture_on_commit_callbacks
):
    goal = GoalFactory(computed_figure=ComputedFigure.TEAMS_WITH_AGREED_PLAN, baseline=0, target=100)
    other = GoalFactory()  # measured by hand: the job leaves it alone

    assert "workstream-goal-measurements" in collect_beat_schedule()
    with time_machine.travel(date(2026, 12, 1), tick=False):
        for _ in range(2):  # run twice (a retry, a second beat): still one measurement
            with django_capture_on_commit_callbacks(execute=True):
                assert tasks.take_goal_measurements() == 1

    taken = GoalMeasurement.objects.get(goal=goal)
    assert taken.month == date(2026, 11, 1) and taken.source == MeasurementSource.PORTAL
    assert Decimal(0) <= taken.value <= Decimal(100)
    assert not GoalMeasurement.objects.filter(goal=other).exists()


@pytest.mark.parametrize("months", [3, 14])
def test_the_goal_page_makes_the_same_number_of_queries_however_many_measurements(
    client, persona_trust, wslead, django_assert_num_queries, months
):
    goal = GoalFactory()
    _measure(goal, [50 + n % 3 for n in range(months)], by=wslead)
    client.force_login(wslead)
    # The session and user, the goal with its workstream and leads, its challenges, its measurements (one
    # query for all), the permission check and the session save: a fixed number, whatever the months.
    with django_assert_num_queries(GOAL_PAGE_QUERIES):
        assert client.get(reverse("workstreams:goal-detail", args=[goal.pk])).status_code == 200


GOAL_PAGE_QUERIES = 8
