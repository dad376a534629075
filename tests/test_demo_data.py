"""The demo Trust that ``seed_demo`` builds, checked app by app, and a second run that changes nothing.

Seeding takes a while, so the Trust is built once for this module (inside a transaction that is rolled
back at the end) and each test reads it inside its own savepoint, as every database test does.
"""

import io
import re
from statistics import mean

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from careplans.models import Plan, PlanStatus, ServiceUser, SupporterConsent
from college.models import Course, CourseRun, LearningPlan, Student
from evaluation.models import PromReturn
from evaluation.selectors import fft_summary, measure_change
from evaluation.tests.reports.test_documents import SECTION_TITLES, pdf_text
from recovery_portal.demo import DEMO_LOGINS
from recovery_portal.financial_year import FinancialYear
from recovery_portal.models import FollowUpTask, User
from teams.models import Membership, Team, TeamAction, TeamRecoveryPlan, TriangleOfCareAssessment
from teams.models import PlanStatus as TeamPlanStatus
from teams.rules import is_team_manager, is_team_member
from tests.fixtures.personas import PERSONA_NAMES
from tests.fixtures.reference_data import reload_reference_data
from tests.fixtures.second_factor import sign_in_with_password
from workstreams.models import (
    Action,
    Goal,
    ProgressUpdate,
    SteeringGroup,
    SteeringGroupMeeting,
    Workstream,
    WorkstreamAnnualReport,
)
from workstreams.reference import WorkstreamSlug
from workstreams.rules import is_steering_group_member, is_workstream_lead

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("recovery_portal", "workstreams", "teams", "careplans", "college", "evaluation")


def _seed() -> str:
    out = io.StringIO()
    with override_settings(DEBUG=True):  # seed_demo refuses to run otherwise
        call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seed_output(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            reload_reference_data()  # as the migrations left it, where a browser test has emptied the database
            yield _seed()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(seed_output, db):
    return seed_output


def _row_counts() -> dict[str, int]:
    counts = {"auth.Group": apps.get_model("auth", "Group").objects.count()}
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            counts[model._meta.label] = model._default_manager.count()
            for m2m in model._meta.local_many_to_many:
                through = m2m.remote_field.through
                counts[through._meta.label] = through._default_manager.count()
    return counts


def test_running_the_seed_again_changes_nothing(demo):
    first = _row_counts()
    changed = {m.pk: m.changed_at for m in Membership.objects.all()}
    plans = sorted(TeamRecoveryPlan.objects.values_list("team__slug", "year", "status", "version"))

    _seed()

    assert _row_counts() == first
    assert {m.pk: m.changed_at for m in Membership.objects.all()} == changed
    assert sorted(TeamRecoveryPlan.objects.values_list("team__slug", "year", "status", "version")) == plans


# The Trust, its logins and their roles.


def _signs_in(client, username: str, password: str) -> bool:
    client.logout()
    # Staff pass a second factor too: the demo logins are exempt only with DEBUG on (make run).
    response = sign_in_with_password(client, username, password)
    return response.status_code == 302 and client.session.get("_auth_user_id") is not None


def test_every_demo_login_signs_in_with_the_demo_password(demo, client, settings):
    assert "The demo Trust is ready" in demo

    for username in DEMO_LOGINS:
        assert _signs_in(client, username, settings.DEMO_PASSWORD), username
        # ...and reaches a home page of their own, not an error or the sign-in page again.
        home = client.get(reverse("home"))
        assert home.status_code == 200 and b"<h1" in home.content, username
        assert home.context["user"].username == username
    assert not _signs_in(client, "teamlead", "not-the-demo-password")
    assert set(DEMO_LOGINS) == set(PERSONA_NAMES)  # the logins the tests' personas stand for
    # Generated staff have no usable password: only the fixed logins can sign in.
    assert User.objects.filter(password__startswith="!").count() == User.objects.count() - len(DEMO_LOGINS)


def test_the_demo_trust_has_its_structure(demo):
    assert SteeringGroup.objects.count() == 3
    assert all(group.chair_id for group in SteeringGroup.objects.all())
    assert 18 <= Team.objects.count() <= 24
    assert all(workstream.leads_named for workstream in Workstream.objects.all())
    assert Workstream.objects.count() == 7
    for team in Team.objects.filter(is_clinical=True):
        current = Membership.objects.current().filter(team=team)
        assert 6 <= current.count() <= 12, team.name
        assert current.filter(role="team_manager").exists(), team.name
    assert Membership.objects.past().exists()


def test_the_demo_logins_hold_their_roles(demo):
    users = {user.username: user for user in User.objects.filter(username__in=DEMO_LOGINS)}
    broxtowe = Team.objects.get(slug="broxtowe-cmht")
    outsider_team = Team.objects.get(memberships__user=users["outsider"])

    assert is_team_manager(users["teamlead"], broxtowe)
    assert is_team_member(users["clinician"], broxtowe)
    assert is_team_member(users["peerworker"], broxtowe)
    assert outsider_team.division.steering_group.slug == "forensic-services"
    assert not is_team_member(users["outsider"], broxtowe)
    assert is_team_member(users["trainer"], Team.objects.get(slug="recovery-college"))
    assert is_workstream_lead(users["wslead"], Workstream.objects.get(slug="peer-support"))
    assert is_steering_group_member(users["steering"])
    assert users["admin"].is_superuser
    assert users["serviceuser"].kind == "person"
    assert users["carer"].kind == "supporter"
    assert users["college"].groups.filter(name="Recovery College team").exists()
    assert users["evaluation"].groups.filter(name="Recovery Evaluation Team").exists()


# Workstreams.


def test_the_demo_strategy_is_believable(demo):
    assert SteeringGroupMeeting.objects.count() == 4
    assert WorkstreamAnnualReport.objects.count() == 3
    assert ProgressUpdate.objects.count() >= 3 * Action.objects.count() - 10
    # Every workstream has goals, and the strategies' own words are there.
    assert set(Goal.objects.values_list("workstream__slug", flat=True)) == {
        slug.value for slug in WorkstreamSlug
    }
    titles = set(Goal.objects.values_list("title", flat=True))
    assert "Carer Lead identified in every team" in titles
    assert any("Joint Crisis Plans available for everyone" in title for title in titles)
    assert Action.objects.filter(description__icontains="IPS employment specialists").exists()
    # Progress spans a year, and every action's rating is that of its latest update.
    dates = ProgressUpdate.objects.values_list("date", flat=True)
    assert (max(dates) - min(dates)).days >= 300
    for action in Action.objects.prefetch_related("updates"):
        latest = action.updates.all()[0]
        assert (action.rag, action.status) == (latest.rag, latest.status)
    # wslead, the professional lead of Peer Support, carries an open action.
    assert Action.objects.filter(owner__username="wslead", status="in_progress").exists()


# Team Recovery Plans.


def test_the_demo_has_two_years_of_team_plans_in_every_state(demo):
    plans = list(TeamRecoveryPlan.objects.values_list("year", "status"))
    this_year = FinancialYear.current().start_year
    assert {year for year, _ in plans} == {this_year - 1, this_year}
    assert {status for _, status in plans} == set(TeamPlanStatus.values)
    broxtowe = TeamRecoveryPlan.objects.get(team__slug="broxtowe-cmht", year=this_year)
    assert broxtowe.status == TeamPlanStatus.AGREED
    assert broxtowe.priorities.count() == 3
    assert TeamAction.objects.filter(plan__year=this_year, carried_from__isnull=False).exists()
    triangle = TriangleOfCareAssessment.objects.get(team__slug="broxtowe-cmht", year=this_year)
    assert triangle.standards.count() == 6


# Personal plans.


def test_the_serviceuser_login_has_three_plans_with_history(demo):
    daniel = ServiceUser.objects.get(user__username="serviceuser")
    plans = {plan.kind: plan for plan in daniel.plans.all()}

    assert set(plans) == {"recovery", "crisis", "safety"}
    assert all(plan.versions.count() > 5 for plan in plans.values())
    assert plans["safety"].status == PlanStatus.AGREED
    assert plans["crisis"].entries.filter(section="refusals").exclude(alternative="").exists()
    assert plans["recovery"].disagreements.exists()
    assert daniel.caseload_entries.get().team.slug == "broxtowe-cmht"
    assert ServiceUser.objects.count() > 20 and Plan.objects.count() > 20


def test_the_carer_sees_part_of_the_plans(demo):
    consents = SupporterConsent.objects.filter(supporter__user__username="carer")

    shared = {consent.plan.kind: consent.sections for consent in consents}
    assert "reasons_for_living" not in shared["safety"]
    assert "refusals" not in shared["crisis"]


# The Recovery College.


def test_the_demo_college_has_courses_students_of_every_kind_and_the_logins(demo):
    assert Course.objects.count() == 30
    assert set(Student.objects.values_list("student_type", flat=True)) == {
        "person",
        "supporter",
        "staff",
        "community",
    }
    assert Student.objects.filter(user__username="serviceuser").exists()
    assert CourseRun.objects.filter(trainers__user__username="trainer").exists()
    assert LearningPlan.objects.filter(student__user__username="serviceuser").exists()


# Outcome and experience measures.


def test_the_demo_measures_look_like_a_trusts(demo):
    current = FinancialYear.current()
    for year in (current.previous(), current):
        swemwbs = measure_change(year=year)[0]
        assert swemwbs.code == "SWEMWBS" and swemwbs.returns > 20 and swemwbs.people_paired > 3

    # SWEMWBS starts near 19 (a clinical sample) and rises by 2 to 5 metric points.
    by_person: dict[int, list[float]] = {}
    for prom_return in PromReturn.objects.filter(instrument__code="SWEMWBS").order_by("completed_on", "id"):
        by_person.setdefault(prom_return.person_id, []).append(prom_return.total)
    assert 17 <= mean(scores[0] for scores in by_person.values()) <= 21
    assert 2 <= mean(scores[-1] - scores[0] for scores in by_person.values() if len(scores) > 1) <= 5

    # Daniel (the serviceuser login) has returns on four instruments, one completed himself.
    daniel = PromReturn.objects.filter(person__user__username="serviceuser")
    assert set(daniel.values_list("instrument__code", flat=True)) == {"SWEMWBS", "REQOL10", "DIALOG", "QPR15"}
    assert daniel.filter(completion="self").exists()

    summary = fft_summary(year=current.previous())
    assert 0.80 <= summary.positive / summary.responses <= 0.95

    risky = PromReturn.objects.get(has_risk_answer=True)
    assert FollowUpTask.objects.filter(key__startswith=f"measures:risk:{risky.pk}:").exists()


# The annual evaluation report of the demo Trust.


def test_the_command_writes_the_pdf_and_web_page_of_the_demo_trust(demo, tmp_path):
    out = io.StringIO()

    call_command(
        "compile_annual_report", "--year", "2025/26", "--output", str(tmp_path / "report"), stdout=out
    )

    html = (tmp_path / "report" / "report.html").read_text()
    text = pdf_text((tmp_path / "report" / "report.pdf").read_bytes())
    for title in SECTION_TITLES:
        assert f">{title}</h2>" in html and title in text
    assert "written to" in out.getvalue()


def test_the_persona_team_holds_a_community_caseload_and_its_pack_shows_figures_and_comments(demo, client):
    from careplans.models import CaseloadEntry
    from evaluation.demo import IDENTIFYING_COMMENT

    broxtowe = Team.objects.get(slug="broxtowe-cmht")
    assert CaseloadEntry.objects.current().filter(team=broxtowe).count() >= 250
    client.force_login(User.objects.get(username="clinician"))

    year = FinancialYear.current().previous()
    page = client.get(reverse("reports:team", args=[broxtowe.slug, year.start_year])).content.decode()

    # A few hundred people: the caseload figure is published, not withheld.
    assert re.search(
        r"People on caseloads in the year</dt>\s*<dd class=\"nhsuk-summary-list__value\">[0-9]{3}</dd>", page
    )
    # Monthly counts of people are charted below the Trust only where no withheld figure of the Trust could
    # be worked out from them (ADR 0022), which the demo Trust's small steering group does not allow, so
    # the pack draws the charts of what is not a count of people: at least one besides the NHS logo.
    assert page.count("<svg") >= 2
    assert "Lucy really listened" in page or "I felt like a person" in page
    # The demo's flagged comment (this year) awaits the team manager's review: not in the pack, but on
    # the team manager's list to review.
    this_year = client.get(reverse("reports:team", args=[broxtowe.slug, FinancialYear.current().start_year]))
    assert "1 comment withheld" in this_year.content.decode()
    assert IDENTIFYING_COMMENT not in this_year.content.decode()
    client.force_login(User.objects.get(username="teamlead"))
    comments = client.get(reverse("measures:team-comments", args=[broxtowe.slug])).content.decode()
    assert "Review the comment of" in comments
