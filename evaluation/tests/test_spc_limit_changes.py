"""The evaluation team records a change of a measure's SPC limits in admin; the chart recalculates its
limits from that month and shows why. Bad input is refused with a message that says what to do."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from careplans.models import Plan
from careplans.sections import PlanKind
from careplans.services import plan_start
from careplans.tests.factories import CaseloadEntryFactory, ServiceUserFactory
from college.models import Attendance
from college.tests.factories import CourseRunFactory, EnrolmentFactory
from evaluation.figures import figures_for
from evaluation.models import SpcLimitChange, SpcMeasure
from evaluation.scope import TEAM, TRUST, Scope
from evaluation.services.spc_limits import limit_change_errors
from recovery_portal.financial_year import FinancialYear

from .factories import prom_return

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 6)
ADD = "admin:evaluation_spclimitchange_add"


@pytest.fixture
def returns_since_2025(persona_team):
    """PROM returns each month from January 2025: 3 a month to May 2025, then 6 a month."""
    for month in range(23):
        year, number = 2025 + month // 12, month % 12 + 1
        for _ in range(3 if month < 5 else 6):
            prom_return(person=ServiceUserFactory(), team=persona_team, completed_on=date(year, number, 3))


def _post(client, **changes):
    data = {
        "measure": "prom-returns",
        "unit_kind": "trust",
        "unit_slug": "",
        "starts": "2025-06-01",
        "reason": "Returns offered at every review from June 2025",
        "baseline_months": "",
    } | changes
    return client.post(reverse(ADD), data)


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("changes", "field_message"),
    [
        ({"starts": "2027-01-01"}, "The date the limits change from must be today or in the past"),
        (
            {"starts": "2024-11-01"},
            "The date the limits change from must be in or after January 2025, the first month with figures",
        ),
        ({"reason": " "}, "Enter why the limits change, for example a new service or a new way of counting"),
        (
            {"baseline_months": "6"},
            "Baseline months must be 13 or more, or leave it blank to use every month",
        ),
        (
            {"unit_kind": "team", "unit_slug": "no-such-team"},
            "Enter the short name of a unit of the kind chosen",
        ),
    ],
)
def test_a_wrong_limit_change_is_refused_with_a_clear_message_and_nothing_saved(
    client, admin, returns_since_2025, changes, field_message
):
    client.force_login(admin)

    response = _post(client, **changes)

    assert response.status_code == 200  # the form again, with the message
    assert field_message in response.content.decode()
    assert not SpcLimitChange.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_a_recorded_change_recalculates_the_limits_and_the_chart_says_why(client, admin, returns_since_2025):
    client.force_login(admin)

    response = _post(client)

    assert response.status_code == 302
    change = SpcLimitChange.objects.get()
    assert (change.starts, change.recorded_by) == (date(2025, 6, 1), admin)
    chart = next(
        s
        for s in figures_for(scope=Scope.trust(), year=FinancialYear(2026)).measures.series
        if s.key == "prom-returns"
    ).chart()
    # The chart starts in December 2024 (no returns: 0), so the first period is December to May, the second
    # June 2025 to November 2026, 6 every month: its mean is 6.
    assert [p.start for p in chart.analysis.periods] == [0, 6]
    assert chart.analysis.mean == 6
    assert chart.limit_notes == (
        "Limits recalculated from June 2025: Returns offered at every review from June 2025",
    )
    assert "Returns offered at every review from June 2025" in chart.description
    # Recorded changes are history: they cannot be edited or deleted in admin.
    assert client.get(reverse("admin:evaluation_spclimitchange_delete", args=[change.pk])).status_code == 403


def test_only_the_evaluation_team_and_administrators_record_limit_changes(client, personas):
    evaluation, steering = personas["evaluation"], personas["steering"]
    for user, allowed in ((evaluation, True), (steering, False)):
        user.is_staff = True  # admin sign-in needs a staff account; the rule is the Trust role
        user.save(update_fields=["is_staff"])
        client.force_login(user)
        assert (client.get(reverse(ADD)).status_code == 200) is allowed


def _plan_agreed(*, team, at: datetime, by) -> None:
    person = ServiceUserFactory()
    CaseloadEntryFactory(person=person, team=team)
    plan = plan_start(person=person, kind=PlanKind.RECOVERY, by=by)
    Plan.objects.filter(pk=plan.pk).update(agreed_at=at)


def _starts_refusal(*, measure, unit_kind=TRUST, unit_slug="", starts: date) -> str | None:
    return limit_change_errors(
        measure=measure,
        unit_kind=unit_kind,
        unit_slug=unit_slug,
        starts=starts,
        reason="A new service",
        baseline_months=None,
    ).get("starts")


@time_machine.travel(TODAY, tick=False)
def test_plans_agreed_begin_in_the_uk_month_of_the_units_first_agreed_plan(persona_trust, admin):
    # 23:30 on 31 May 2025 in UTC is 00:30 on 1 June in the UK (summer time): the June figures.
    _plan_agreed(team=persona_trust.persona_team, at=datetime(2025, 5, 31, 23, 30, tzinfo=UTC), by=admin)
    _plan_agreed(team=persona_trust.outsider_team, at=datetime(2025, 2, 10, 12, tzinfo=UTC), by=admin)
    team = {"unit_kind": TEAM, "unit_slug": persona_trust.persona_team.slug}

    assert "in or after June 2025" in _starts_refusal(
        measure=SpcMeasure.PLANS_AGREED, starts=date(2025, 5, 1), **team
    )
    assert _starts_refusal(measure=SpcMeasure.PLANS_AGREED, starts=date(2025, 6, 1), **team) is None
    assert "in or after February 2025" in _starts_refusal(
        measure=SpcMeasure.PLANS_AGREED, starts=date(2025, 1, 1)
    )


@time_machine.travel(TODAY, tick=False)
def test_college_attendance_begins_in_the_uk_month_of_the_first_register_marked(admin):
    assert "no figures" in _starts_refusal(measure=SpcMeasure.COLLEGE_ATTENDANCE, starts=date(2025, 10, 1))
    # 23:30 on 30 September 2025 in UTC is 00:30 on 1 October in the UK (summer time).
    enrolment = EnrolmentFactory(run=CourseRunFactory(sessions=None))
    session = enrolment.run.sessions.first()
    session.starts_at = datetime(2025, 9, 30, 23, 30, tzinfo=UTC)
    session.ends_at = session.starts_at + timedelta(hours=2)
    session.save()
    Attendance.objects.create(session=session, enrolment=enrolment, present=False, recorded_by=admin)

    assert "in or after October 2025" in _starts_refusal(
        measure=SpcMeasure.COLLEGE_ATTENDANCE, starts=date(2025, 9, 1)
    )
    assert _starts_refusal(measure=SpcMeasure.COLLEGE_ATTENDANCE, starts=date(2025, 10, 1)) is None
