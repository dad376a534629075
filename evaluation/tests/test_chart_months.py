"""The months the dashboard charts show: 24 complete months, the month so far hollow, nothing after today."""

from datetime import date
from xml.etree import ElementTree

import pytest
import time_machine

from careplans.tests.factories import ServiceUserFactory
from evaluation.figures import figures_for
from evaluation.scope import Scope
from recovery_portal.chart_months import chart_months
from recovery_portal.financial_year import FinancialYear

from .factories import prem_return, prom_return

SVG = "{http://www.w3.org/2000/svg}"
TODAY = date(2026, 12, 6)  # December of 2026/27: January to March 2027 have not happened


def test_a_running_year_charts_the_24_months_before_this_one_and_the_month_so_far():
    months = chart_months(year=FinancialYear(2026), today=TODAY)

    assert months.months[0] == date(2024, 12, 1)
    assert months.complete_months[-1] == date(2026, 11, 1)
    assert len(months.complete_months) == 24
    assert months.part_month == months.months[-1] == date(2026, 12, 1)
    assert months.end == TODAY


def test_a_past_year_charts_the_24_months_to_its_end_with_no_month_so_far():
    months = chart_months(year=FinancialYear(2024), today=TODAY)

    assert (months.months[0], months.months[-1]) == (date(2023, 4, 1), date(2025, 3, 1))
    assert months.part_month is None
    assert months.end == date(2025, 3, 31)


@pytest.mark.django_db
@time_machine.travel(date(2026, 12, 6), tick=False)
def test_the_current_years_charts_have_no_future_month_and_a_hollow_month_so_far(persona_team):
    person = ServiceUserFactory()
    for month in range(1, 13):  # a return in every month of 2026, and one dated after today
        prom_return(person=person, team=persona_team, completed_on=date(2026, month, 2))
    prom_return(person=person, team=persona_team, completed_on=date(2027, 1, 5))
    # Ten more in May 2025, so that 2025/26's returns (the chart's months up to March 2026) are not so few
    # that the Trust's figure for that year is withheld: its months would add up to it (ADR 0022).
    for day in range(2, 12):
        prom_return(person=person, team=persona_team, completed_on=date(2025, 5, day))
    # Ten responses, so that the Trust's year of responses is shown and its months with it (ADR 0022).
    for _ in range(10):
        prem_return(team=persona_team, answer=1, completed_on=date(2026, 10, 3))

    figures = figures_for(scope=Scope.trust(), year=FinancialYear(2026))
    returns = next(s for s in figures.measures.series if s.key == "prom-returns")

    months = [v.month for v in returns.values]
    assert months[0] == date(2024, 12, 1) and months[-1] == date(2026, 12, 1)
    assert all(month <= date(2026, 12, 1) for month in months)
    assert [v.month for v in returns.values if v.part] == [date(2026, 12, 1)]
    # The other months of 2025 have no return: real zeros; the January 2027 return is not counted anywhere.
    assert [v.value for v in returns.values][-12:] == [1] * 12
    assert {v.month: v.value for v in returns.values}[date(2025, 5, 1)] == 10
    assert sum(v.value for v in returns.values) == 22

    chart = returns.chart()
    root = ElementTree.fromstring(chart.svg)  # noqa: S314 (drawn by the portal under test)
    hollow = [e for e in root.iter(f"{SVG}circle") if e.get("class") == "app-spc-chart__part-month"]
    assert hollow and hollow[0].get("fill") == "#ffffff"
    assert "month so far" in chart.svg
    assert chart.rows[-1].month_label == "December 2026 (month so far)"
    assert "January 2027" not in chart.description and "2027" not in "".join(
        r.month_label for r in chart.rows
    )

    # A share needs responses: a month with none is a gap, not 0%.
    fft = next(s for s in figures.measures.series if s.key == "fft-positive")
    by_month = {v.month: v.value for v in fft.values}
    assert by_month[date(2026, 10, 1)] == 100
    assert by_month[date(2026, 9, 1)] is None


def test_below_trust_level_no_month_is_published_and_the_trust_month_so_far_is_hollow():
    """A chart published for the whole Trust only (``charted`` None) shows no unit a month, not even one
    over 8 (ADR 0022); the Trust's months are shown as they are."""
    from evaluation.figures.types import TRUST_ONLY, people_series

    team = Scope("team", 1, "A team")
    months = chart_months(year=FinancialYear(2026), today=TODAY)
    counts = [(month, 20) for month in months.complete_months] + [(months.part_month, 3)]

    series = people_series("plans-agreed", "Plans agreed", counts, team, part_month=months.part_month)
    assert series.values == () and series.withheld == TRUST_ONLY
    assert series.chart().svg is None and series.chart().not_charted_reason == TRUST_ONLY

    trust = people_series("plans-agreed", "Plans agreed", counts, Scope.trust(), part_month=months.part_month)
    assert trust.withheld == "" and trust.values[-1].shown == "3" and trust.values[-1].part
    assert "December 2026 (month so far)" in [row.month_label for row in trust.chart().rows]


def test_below_trust_level_a_charted_unit_shows_each_month_rounded_and_an_uncharted_one_says_why():
    from evaluation.figures.types import NOT_CHARTED_HERE, people_percent_series, people_series

    team = Scope("team", 1, "A team")
    months = chart_months(year=FinancialYear(2026), today=TODAY)
    counts = [(month, 22) for month in months.complete_months] + [(months.part_month, 9)]

    series = people_series(
        "prom-returns", "Returns", counts, team, part_month=months.part_month, charted=True
    )
    assert [v.shown for v in series.values] == ["20"] * 24 + ["10"]
    assert [v.value for v in series.values] == [20] * 24 + [10]  # the chart draws the rounded months
    assert series.values[-1].part
    withheld = people_series("prom-returns", "Returns", counts, team, charted=False)
    assert withheld.values == () and withheld.withheld == NOT_CHARTED_HERE

    shares = people_percent_series(
        "fft-positive", "FFT", [(months.start, 17, 22), (months.months[1], 0, 0)], team, charted=True
    )
    assert [(v.value, v.shown) for v in shares.values] == [(75.0, "75%"), (None, "–")]  # 15 of 20
