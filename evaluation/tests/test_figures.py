"""Figures against a hand count of the small Trust in dashboard_trust.py."""

import pytest

from careplans import selectors as plan_selectors
from evaluation.figures import figures_for
from evaluation.scope import Scope, scope_get
from recovery_portal.financial_year import FinancialYear
from teams.models import Division, Team
from workstreams.models import SteeringGroup

from .dashboard_trust import build_small_trust, known_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_trust(persona_trust):
    with known_day():
        yield build_small_trust(persona_trust)


def _summary(section):
    return {figure.key: figure.value for figure in section.summary}


def test_trust_figures_match_a_hand_count_and_are_shown_as_they_are(small_trust):
    figures = figures_for(scope=Scope.trust(), year=small_trust.year)

    assert _summary(figures.personal_plans) == {
        "people": "17",
        "recovery": "9 (53%)",
        # One person with a crisis plan, in one team: its steering group's "*" beside the others' 0 would give
        # it away from the Trust's 1, so the Trust's figure is withheld too (ADR 0022).
        "crisis": "*",
        "safety": "0 (0%)",
        "in_date": "9 (90%)",  # 10 agreed plans; one of Broxtowe's reviews has passed
        "own_words": "0%",
    }
    assert _summary(figures.team_plans) == {
        "clinical_teams": "3",
        "agreed": "1 of 3 (33%)",
        "preparing": "1",
        "no_plan": "1",
        "actions": "4",
        "done": "1 of 4 (25%)",
        "overdue": "2",
    }
    # 3 workers and 6 people, each split over steering groups shown as "*": the Trust's exact figure would
    # narrow them below 1 to 7 by subtraction, so it is withheld as well (ADR 0022).
    assert _summary(figures.peer_support) == {
        "workers": "*",
        "teams_with_worker": "2 of 3 (67%)",
        "people_with_worker": "*",
    }
    assert _summary(figures.workstreams) == {
        "red": "1",
        "amber": "0",
        "green": "1",
        "not_rated": "0",
        "overdue": "1",
    }
    college = _summary(figures.college)
    assert (college["runs"], college["co_delivered"], college["places"], college["attendance"]) == (
        "1",
        "1 of 1 (100%)",
        "2",
        "75%",
    )
    # One learning plan reviewed (goals met) and one not yet; the year rated 11 of 14.
    assert (college["students"], college["ilp_met"], college["fidelity"]) == ("2", "100%", "11 out of 14")
    assert _summary(figures.measures) == {
        "prom_returns": "10",
        "prom_paired": "5",
        # 3 responses from one steering group: shown beside its "*", the Trust's 3 would give it away.
        "fft_responses": "*",
        "fft_positive": "*",
        "fft_negative": "*",
    }
    swemwbs = figures.table("prom-change").rows[0]
    assert swemwbs.label == "Short Warwick-Edinburgh Mental Wellbeing Scale"
    assert swemwbs.cells[:3] == ("10", "5", "5")
    assert swemwbs.cells[4] == "5"  # every pair a reliable improvement
    # By steering group: every cell is below Trust level, so under disclosure control.
    by_group = {row.label: row.cells for row in figures.table("personal-plans").rows}
    assert by_group == {
        "Local Partnerships Recovery Steering Group": ("10", "*", "*", "0%", "*"),
        # No crisis plan in Forensic, but the Trust's 1 is withheld, so a 0 below it is too (ADR 0022).
        "Forensic Services Recovery Steering Group": ("10", "*", "*", "0%", "*"),
    }


def test_monthly_plans_agreed_at_trust_level_are_exact(small_trust):
    figures = figures_for(scope=Scope.trust(), year=small_trust.year)

    series = figures.personal_plans.series[0]
    values = {v.month.strftime("%b"): v.shown for v in series.values}
    assert (values["May"], values["Jun"], values["Jul"]) == ("4", "6", "0")
    assert series.withheld == ""
    assert series.chart().svg is not None


def test_below_trust_level_people_are_disclosed_and_small_months_are_not_charted(small_trust):
    group = scope_get(kind="steering_group", slug="local-partnerships")
    figures = figures_for(scope=group, year=small_trust.year)

    assert _summary(figures.personal_plans)["people"] == "10"  # 8 people
    assert _summary(figures.personal_plans)["recovery"] == "*"  # 3 people
    assert _summary(figures.peer_support)["people_with_worker"] == "*"  # 4 people
    assert _summary(figures.peer_support)["workers"] == "*"  # 2 peer support workers
    assert _summary(figures.measures)["prom_returns"] == "10"
    assert _summary(figures.measures)["prom_paired"] == "*"  # 5 people
    assert figures.table("prom-change").rows[0].cells[0] == "*"  # a mean of 5 people's change
    # Counts of teams and actions are not about people: shown as they are.
    assert _summary(figures.team_plans)["clinical_teams"] == "2"
    assert _summary(figures.team_plans)["actions"] == "3"
    # Its months of plans agreed include 1 to 7: not charted, no month (ADR 0022).
    series = figures.personal_plans.series[0]
    assert series.values == () and series.withheld.startswith("Not charted")
    assert series.chart().svg is None and series.table().rows == ()
    # The change table by measure shows no counts below Trust level: the mean and share only.
    assert figures.table("prom-change").columns == ("Mean change", "Share reliably improved")
    assert not figures.workstreams.applies and not figures.college.applies


def test_a_team_shows_its_own_figures_only(small_trust):
    team = scope_get(kind="team", slug=small_trust.wathwood.slug)
    figures = figures_for(scope=team, year=small_trust.year)

    assert _summary(figures.personal_plans)["people"] == "10"  # 9 people
    assert _summary(figures.team_plans)["clinical_teams"] == "1"
    assert _summary(figures.team_plans)["overdue"] == "1"
    assert _summary(figures.measures)["fft_responses"] == "*"  # 3 responses
    assert _summary(figures.measures)["fft_positive"] == "*"
    assert figures.children == ()
    assert figures.table("personal-plans") is None


@pytest.mark.parametrize("by", ["team", "division", "steering_group"])
def test_grouped_plan_measures_agree_with_plan_measures(small_trust, by):
    year = small_trust.year
    grouped = plan_selectors.plan_measures_grouped(year=year, by=by)
    model = {"team": Team, "division": Division, "steering_group": SteeringGroup}[by]
    units = [unit for unit in model.objects.all() if unit.pk in grouped]
    assert len(units) == len(grouped) - 1 >= 2  # every unit with people on a caseload, and the whole
    for unit in units:
        assert grouped[unit.pk] == plan_selectors.plan_measures(year=year, **{by: unit}), unit
    whole = plan_selectors.plan_measures(year=year)
    assert grouped[None] == whole == plan_selectors.plan_measures_grouped(year=year)[None]
    assert whole.people and whole.plans and whole.agreed_plans  # the data exercises every count


def test_a_past_year_has_no_plans_and_workstreams_at_its_end(small_trust):
    figures = figures_for(scope=Scope.trust(), year=FinancialYear(2025))

    assert _summary(figures.team_plans)["clinical_teams"] == "3"
    assert _summary(figures.team_plans)["agreed"] == "0 of 3 (0%)"
    assert figures.workstreams.note.startswith("Open actions at the end of 2025/26")


def test_the_college_section_lists_every_student_type_learning_plan_outcome_and_fidelity_component(
    small_trust,
):
    figures = figures_for(scope=Scope.trust(), year=small_trust.year)

    students = {row.label: row.cells for row in figures.table("college-students").rows}
    assert students == {
        "Someone who uses mental health services": ("0",),
        "A carer, family member or friend": ("0",),
        "Trust staff": ("0",),
        "A member of the community": ("2",),
    }
    goals = {row.label: row.cells for row in figures.table("college-learning-plans").rows}
    assert goals == {
        "Goals met": ("1",),
        "Goals partly met": ("0",),
        "Goals not met": ("0",),
        "Not yet reviewed": ("1",),
    }
    fidelity = figures.table("college-fidelity")
    assert [(row.label, row.cells) for row in fidelity.rows] == [
        ("Valuing Equality", ("2",)),
        ("Learning", ("2",)),
        ("Tailored to the Student", ("1",)),
        ("Co-production of the Recovery College", ("2",)),
        ("Social Connectedness", ("1",)),
        ("Community Focus", ("1",)),
        ("Commitment to Recovery", ("2",)),
    ]
    assert fidelity.people_columns == frozenset()  # the college's own rating, not about people
    assert figures.table("college-students").people_columns == frozenset({0})
    # The year before has no terms, plans or rating of its own.
    before = figures_for(scope=Scope.trust(), year=small_trust.year.previous())
    assert _summary(before.college)["fidelity"] == "Not rated"
    assert _summary(before.college)["ilp_met"] == "–"
    assert before.table("college-fidelity").rows == ()
