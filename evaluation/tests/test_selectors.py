"""The measures figures against a small Trust counted by hand, and their query counts pinned."""

from datetime import date

import pytest

from careplans.tests.factories import ServiceUserFactory
from evaluation.models import ChangeThreshold, Instrument
from evaluation.selectors import (
    FftSummary,
    fft_summary,
    fft_summary_by_team,
    measure_change,
    measure_change_by_team,
    measure_figures,
    monthly_fft,
    monthly_returns,
)
from recovery_portal.financial_year import FinancialYear

from .factories import prem_return, prom_return

pytestmark = pytest.mark.django_db

YEAR = FinancialYear(2025)  # 1 April 2025 to 31 March 2026
ALL_2, ALL_3, ALL_4 = [2] * 7, [3] * 7, [4] * 7  # SWEMWBS raw 14 (15.32), 21 (19.25), 28 (25.03)


@pytest.fixture
def counted_trust(persona_team, outsider_team):
    """Team A is the persona team, team B the outsider team. Expected figures are in the tests."""
    p1, p2, p3, p4, p5, p6 = ServiceUserFactory.create_batch(6)
    a, b = persona_team, outsider_team
    # P1: 15.32 -> 19.25 -> 21.54 (raw 24): first to latest +6.22, reliable improvement.
    prom_return(person=p1, team=a, answers=ALL_2, completed_on=date(2025, 4, 10), timepoint="baseline")
    prom_return(person=p1, team=a, answers=ALL_3, completed_on=date(2025, 9, 1))
    prom_return(person=p1, team=a, answers=[4, 4, 4, 3, 3, 3, 3], completed_on=date(2026, 3, 20))
    # P2: 19.25 -> 19.98 (+0.73), no reliable change.
    prom_return(person=p2, team=a, answers=ALL_3, completed_on=date(2025, 5, 1))
    prom_return(person=p2, team=a, answers=[3, 3, 3, 3, 3, 3, 4], completed_on=date(2025, 11, 1))
    # P3: 25.03 -> 19.25 (-5.78), reliable deterioration.
    prom_return(person=p3, team=a, answers=ALL_4, completed_on=date(2025, 6, 1))
    prom_return(person=p3, team=a, answers=ALL_3, completed_on=date(2026, 1, 10))
    # P4: one return only. P5: one before the year began (not counted) and one in it: not paired.
    prom_return(person=p4, team=a, completed_on=date(2025, 7, 1))
    prom_return(person=p5, team=a, answers=ALL_2, completed_on=date(2025, 3, 31))
    prom_return(person=p5, team=a, answers=ALL_4, completed_on=date(2025, 4, 1))
    # P1 ReQoL-10: 16 -> 24, +8 (threshold 5) and out of the clinical range (below 24).
    prom_return(person=p1, team=a, code="REQOL10", answers=[0] * 10, completed_on=date(2025, 4, 15))
    prom_return(person=p1, team=a, code="REQOL10", answers=[4] * 10, completed_on=date(2025, 12, 15))
    # P6 on team B: SWEMWBS 19.25 -> 22.35 (raw 25), +3.10, improvement; DIALOG life 3.5 -> 4.5.
    prom_return(person=p6, team=b, answers=ALL_3, completed_on=date(2025, 8, 1))
    prom_return(person=p6, team=b, answers=[4, 4, 4, 4, 3, 3, 3], completed_on=date(2025, 10, 1))
    prom_return(
        person=p6, team=b, code="DIALOG", answers=[3, 4] * 4 + [5] * 3, completed_on=date(2025, 8, 15)
    )
    prom_return(
        person=p6, team=b, code="DIALOG", answers=[4, 5] * 4 + [5] * 3, completed_on=date(2025, 10, 15)
    )
    # FFT: team A six in the year, one after it; team B one.
    for answer, day in [(1, date(2025, 4, 5)), (2, date(2025, 4, 20)), (4, date(2025, 5, 1)),
                        (3, date(2025, 6, 1)), (6, date(2025, 7, 1)), (5, date(2026, 3, 31)), (2, date(2026, 4, 1))]:  # fmt: skip
        prem_return(team=a, answer=answer, completed_on=day)
    prem_return(team=b, answer=1, completed_on=date(2025, 4, 10))
    return a, b


def by_code(rows):
    return {row.code: row for row in rows}


def test_measure_change_trust_wide_matches_the_hand_count(counted_trust):
    rows = measure_change(year=YEAR)
    assert [row.code for row in rows] == ["SWEMWBS", "WEMWBS", "REQOL10", "QPR15", "DIALOG"]
    swemwbs = by_code(rows)["SWEMWBS"]
    assert (swemwbs.returns, swemwbs.people, swemwbs.people_paired) == (11, 6, 4)
    assert sorted(round(change, 2) for change in swemwbs.changes) == [-5.78, 0.73, 3.1, 6.22]
    assert (swemwbs.reliable_improvement, swemwbs.no_reliable_change, swemwbs.reliable_deterioration) == (
        2,
        1,
        1,
    )
    assert swemwbs.threshold == 3.0 and swemwbs.name == "Short Warwick-Edinburgh Mental Wellbeing Scale"


def test_measure_change_for_one_team(counted_trust):
    team_a, _ = counted_trust
    swemwbs = by_code(measure_change(year=YEAR, team_ids=[team_a.pk]))["SWEMWBS"]
    assert (swemwbs.returns, swemwbs.people, swemwbs.people_paired) == (9, 5, 3)
    assert (swemwbs.reliable_improvement, swemwbs.no_reliable_change, swemwbs.reliable_deterioration) == (
        1,
        1,
        1,
    )


def test_reqol_change_and_crossing_out_of_the_clinical_range(counted_trust):
    reqol = by_code(measure_change(year=YEAR))["REQOL10"]
    assert (reqol.returns, reqol.people_paired, reqol.changes) == (2, 1, (8.0,))
    # No reliable change value with a checked source is configured for ReQoL-10 (migration 0028): not classified.
    assert not reqol.classified and reqol.reliable_improvement == 0
    assert (reqol.moved_out_of_range, reqol.moved_into_range) == (1, 0)
    assert reqol.range_label == "clinical range"


def test_reqol_change_is_classified_once_the_evaluation_team_enters_a_sourced_value(counted_trust):
    ChangeThreshold.objects.create(
        instrument=Instrument.objects.get(code="REQOL10"), kind="reliable_change", value=5.0, direction="both",
        source="Entered by the Recovery Evaluation Team from the ReQoL scoring guidance (test value).",
    )  # fmt: skip
    reqol = by_code(measure_change(year=YEAR))["REQOL10"]
    assert reqol.classified and reqol.reliable_improvement == 1


def test_dialog_is_paired_on_its_life_domains_mean_but_not_classified_without_a_threshold(counted_trust):
    dialog = by_code(measure_change(year=YEAR))["DIALOG"]
    assert (dialog.people_paired, dialog.changes) == (1, (1.0,))
    assert not dialog.classified
    assert (dialog.reliable_improvement, dialog.no_reliable_change, dialog.reliable_deterioration) == (
        0,
        0,
        0,
    )
    assert dialog.moved_out_of_range == 1  # 3.5 (dissatisfied) to 4.5


def test_instruments_without_returns_are_listed_with_zeros(counted_trust):
    wemwbs = by_code(measure_change(year=YEAR))["WEMWBS"]
    assert (wemwbs.returns, wemwbs.people, wemwbs.people_paired, wemwbs.changes) == (0, 0, 0, ())


def test_measure_change_by_team_pairs_within_each_team(counted_trust):
    team_a, team_b = counted_trust
    by_team = measure_change_by_team(year=YEAR)
    assert set(by_team) == {team_a.pk, team_b.pk}
    assert by_code(by_team[team_a.pk])["SWEMWBS"].people_paired == 3
    assert by_code(by_team[team_b.pk])["SWEMWBS"].reliable_improvement == 1
    assert by_code(by_team[team_b.pk])["REQOL10"].returns == 0


def test_fft_summary_matches_the_hand_count(counted_trust):
    team_a, team_b = counted_trust
    assert fft_summary(year=YEAR) == FftSummary(responses=7, positive=3, negative=2, neutral=1, dont_know=1)
    assert fft_summary(year=YEAR, team_ids=[team_a.pk]) == FftSummary(6, 2, 2, 1, 1)
    assert fft_summary(year=YEAR, team_ids=[]) == FftSummary(0, 0, 0, 0, 0)
    assert fft_summary_by_team(year=YEAR)[team_b.pk] == FftSummary(1, 1, 0, 0, 0)


def test_monthly_returns_cover_april_to_march_with_zeros(counted_trust):
    months = monthly_returns(year=YEAR)
    assert [month for month, _ in months][0] == date(2025, 4, 1)
    assert [month for month, _ in months][-1] == date(2026, 3, 1)
    assert [n for _, n in months] == [3, 1, 1, 1, 2, 1, 2, 1, 1, 1, 0, 1]


def test_monthly_fft_counts_responses_and_positive(counted_trust):
    months = {month: (n, positive) for month, n, positive in monthly_fft(year=YEAR)}
    assert len(months) == 12
    assert months[date(2025, 4, 1)] == (3, 3)
    assert months[date(2025, 5, 1)] == (1, 0)
    assert months[date(2026, 2, 1)] == (0, 0)
    assert months[date(2026, 3, 1)] == (1, 0)


def test_measure_figures_gathers_the_issues_figures(counted_trust):
    figures = measure_figures(year=YEAR)
    assert figures.returns == 15
    assert figures.fft.positive == 3
    assert by_code(figures.instruments)["SWEMWBS"].people_paired == 4


def _more_returns(team, how_many: int) -> None:
    for person in ServiceUserFactory.create_batch(how_many):
        prom_return(person=person, team=team, completed_on=date(2025, 5, 1))
        prom_return(person=person, team=team, answers=ALL_4, completed_on=date(2025, 9, 1))
        prem_return(team=team, answer=2, completed_on=date(2025, 9, 1))


@pytest.mark.parametrize(
    ("select", "queries"),
    [
        (lambda: measure_change(year=YEAR), 4),
        (lambda: measure_change_by_team(year=YEAR), 4),
        (lambda: measure_figures(year=YEAR), 5),
        (lambda: fft_summary(year=YEAR), 1),
        (lambda: fft_summary_by_team(year=YEAR), 1),
        (lambda: monthly_returns(year=YEAR), 1),
        (lambda: monthly_fft(year=YEAR), 1),
    ],
)
def test_each_selector_runs_a_fixed_number_of_queries_whatever_the_volume(
    counted_trust, django_assert_num_queries, select, queries
):
    team_a, _ = counted_trust
    with django_assert_num_queries(queries):
        select()
    _more_returns(team_a, 25)
    with django_assert_num_queries(queries):
        select()
    assert by_code(measure_change(year=YEAR))["SWEMWBS"].people_paired == 29
