"""``generate_dataset`` builds the same synthetic Trust every time, at the sizes of its scale, with
load-test logins only, and never by accident on a deployment."""

from dataclasses import replace
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction

from careplans.models import Plan, PlanVersion, ServiceUser
from college.models import CourseRun, Enrolment, EnrolmentStatus
from college.selectors import prospectus
from recovery_portal import synthetic
from recovery_portal.models import User
from teams.models import Membership, Team, TeamRecoveryPlan

PROJECT_APPS = ("recovery_portal", "workstreams", "teams", "careplans", "college", "evaluation")


@pytest.fixture
def small(monkeypatch):
    """The small scale cut to a tenth of its teams and volumes, so two runs take seconds; every generator
    still runs, and the proportions are the small scale's."""
    scale = replace(
        synthetic.SCALES["small"], teams=3, people_per_team=20, plan_versions=100, enrolments=120,
        returns=600, goals_per_workstream=1, actions_per_goal=2, loadtest_users=2,
    )  # fmt: skip
    monkeypatch.setitem(synthetic.SCALES, "small", scale)
    return scale


def _generate_and_describe() -> dict:
    with transaction.atomic():
        call_command("generate_dataset", scale="small", force=True, stdout=StringIO())
        description = {
            "counts": {
                model._meta.label: model.objects.count()
                for app in PROJECT_APPS
                for model in apps.get_app_config(app).get_models()
            },
            "teams": list(Team.objects.order_by("slug").values_list("slug", "name", "service_type")),
            "people": list(
                ServiceUser.objects.order_by("nhs_number").values_list(
                    "nhs_number", "given_name", "family_name", "date_of_birth"
                )[:20]
            ),
            "plans": list(
                Plan.objects.order_by("person__nhs_number", "kind").values_list(
                    "person__nhs_number", "kind", "version", "status", "review_date"
                )[:20]
            ),
            "enrolments": list(
                Enrolment.objects.order_by(
                    "student__user__username", "run__course__slug", "requested_at"
                ).values_list(
                    "student__user__username", "run__course__slug", "status", "place_number", "requested_at"
                )[:20]
            ),
            "members": list(
                Membership.objects.order_by("user__username", "team__slug").values_list(
                    "user__username", "team__slug", "role", "start_date"
                )[:20]
            ),
        }
        transaction.set_rollback(True)
    return description


@pytest.mark.django_db
def test_two_runs_give_the_same_trust_at_the_sizes_of_the_scale(small):
    first = _generate_and_describe()
    second = _generate_and_describe()

    assert first == second
    counts = first["counts"]
    assert counts["teams.Team"] == small.teams + 1  # and the Recovery College
    assert counts["careplans.ServiceUser"] == small.teams * small.people_per_team
    assert abs(counts["careplans.PlanVersion"] - small.plan_versions) <= small.plan_versions // 10
    assert counts["teams.TeamRecoveryPlan"] == small.teams * 3
    assert abs(counts["college.Enrolment"] - small.enrolments) < 12
    assert counts["college.Attendance"] > 0 and counts["workstreams.ProgressUpdate"] > 0
    assert counts["evaluation.PromReturn"] + counts["evaluation.PremReturn"] == small.returns


@pytest.mark.django_db
def test_prom_returns_come_in_series_that_pair_a_first_and_a_latest_return(small):
    from django.db.models import Count

    from evaluation.models import PromReturn, Timepoint

    call_command("generate_dataset", scale="small", force=True, stdout=StringIO())

    series = PromReturn.objects.values("person", "instrument").annotate(n=Count("id"))
    assert series.count() == small.teams * small.people_per_team * 2
    assert min(row["n"] for row in series) >= 2
    assert PromReturn.objects.filter(timepoint=Timepoint.BASELINE).count() == series.count()
    assert not PromReturn.objects.filter(total__isnull=True).exists()


@pytest.mark.django_db
def test_only_load_test_accounts_can_sign_in_and_plans_point_at_real_versions(small):
    call_command("generate_dataset", scale="small", force=True, stdout=StringIO())

    testers = User.objects.filter(username__startswith=synthetic.LOADTEST_PREFIX)
    assert {user.username for user in testers} == {
        "loadtest-clinician01", "loadtest-clinician02", "loadtest-steering01", "loadtest-student01",
        "loadtest-student02",
    }  # fmt: skip
    assert all(user.check_password(settings.LOADTEST_PASSWORD) for user in testers)
    others = User.objects.exclude(username__startswith=synthetic.LOADTEST_PREFIX)
    assert others.exists() and not any(user.has_usable_password() for user in others)

    clinician = testers.get(username="loadtest-clinician01")
    assert ServiceUser.objects.visible_to(clinician).count() == small.people_per_team
    agreed = Plan.objects.filter(status="agreed")
    assert agreed.exists() and not agreed.filter(agreed_version__isnull=True).exists()
    assert all(plan.agreed_version.number == plan.version for plan in agreed.select_related("agreed_version"))
    assert PlanVersion.objects.filter(plan__in=agreed).count() >= agreed.count()
    for run in CourseRun.objects.all():
        assert run.enrolments.filter(status=EnrolmentStatus.ENROLLED).count() <= run.capacity
    assert TeamRecoveryPlan.objects.filter(previous__isnull=False).count() == small.teams * 2


@pytest.mark.django_db
def test_students_find_runs_on_offer_whenever_in_the_year_the_trust_is_generated(small):
    """The load test's students ask for places on runs the prospectus offers: the current term must hold
    today, late in the financial year as much as early in it."""
    with time_machine.travel(datetime(2027, 2, 20, 9, tzinfo=ZoneInfo("Europe/London")), tick=False):
        call_command("generate_dataset", scale="small", force=True, stdout=StringIO())
        assert prospectus(filters={}).qs.exists()


@pytest.mark.django_db
def test_refuses_without_debug_and_on_a_database_that_has_a_trust(small, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("generate_dataset", scale="small", stdout=StringIO())

    call_command("generate_dataset", scale="small", force=True, stdout=StringIO())
    with pytest.raises(CommandError, match="empty database"):
        call_command("generate_dataset", scale="small", force=True, stdout=StringIO())
