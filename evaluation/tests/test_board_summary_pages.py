"""The board summary at the top of each dashboard level: the key measures of that level, each linking to a
chart or table on the same page, its figures the same (disclosure-controlled) figures as the page's."""

import re

import pytest
from django.urls import reverse

from recovery_portal.mdc_icons import VARIATION_TEXT, VariationIcon

from .dashboard_trust import build_small_trust, known_day
from .test_dashboard_pages import _pages, _people_cells, _small_counts

pytestmark = pytest.mark.django_db

EVERY_LEVEL = [
    "plans-agreed",
    "personal_plans-crisis",
    "measures-prom_paired",
    "prom-returns",
    "fft-positive",
    "team_plans-agreed",
]
TRUST_ONLY = ["college-completion", "workstreams-on-track"]


@pytest.fixture
def small_trust(persona_trust):
    with known_day():
        yield build_small_trust(persona_trust)


def _summary(html: str) -> str:
    start = html.index('id="board-summary"')
    return html[start : html.index("</section>", start)]


def _rows(summary: str) -> dict[str, str]:
    return dict(re.findall(r'<tr class="nhsuk-table__row" data-measure="([^"]+)">(.*?)</tr>', summary, re.S))


@pytest.mark.parametrize(
    ("level", "measures"),
    [
        ("trust", EVERY_LEVEL + TRUST_ONLY),
        ("steering_group", EVERY_LEVEL),
        ("division", EVERY_LEVEL),
        ("broxtowe", EVERY_LEVEL),
    ],
)
def test_each_level_opens_with_its_board_summary_linking_to_charts_and_tables_below(
    client, steering, small_trust, level, measures
):
    client.force_login(steering)
    with known_day():
        html = client.get(_pages(small_trust)[level]).content.decode()

    summary = _summary(html)
    # At the top: before the first section of figures.
    assert html.index('id="board-summary"') < html.index('id="workstreams"')
    rows = _rows(summary)
    assert sorted(rows) == sorted(measures)
    for key, row in rows.items():
        anchor = re.search(r'href="#([^"]+)"', row).group(1)
        assert f'id="{anchor}"' in html.replace(summary, ""), f"{key} links to #{anchor}, not on the page"
        # Both icons are images with their words, and the words are printed beside them.
        titles = re.findall(r"<svg[^>]*role=\"img\"[^>]*><title>([^<]+)</title>", row)
        assert len(titles) >= 2
        assert "variation" in row.lower() and "assurance" in row.lower()


def test_the_trust_summary_repeats_the_figures_of_the_sections(client, steering, small_trust):
    client.force_login(steering)
    with known_day():
        html = client.get(reverse("dashboards:trust")).content.decode()
    rows = _rows(_summary(html))

    crisis = re.search(r"With an agreed crisis plan</dt>\s*<dd[^>]*>([^<]+)</dd>", html).group(1)
    assert f">{crisis}</td>" in rows["personal_plans-crisis"]
    coverage = re.search(
        r"Teams with an agreed plan \(agreed or reviewed\)</dt>\s*<dd[^>]*>([^<]+)</dd>", html
    )
    assert f">{coverage.group(1)}</td>" in rows["team_plans-agreed"]
    # The small Trust's open actions: one red, one green (counts of actions, shown as they are).
    assert ">1 of 2 (50%)</td>" in rows["workstreams-on-track"]
    # The chart runs over the last 24 complete months (ADR 0021), so plans agreed each month (a count,
    # whose empty months are real zeros) has a baseline, and its row shows a variation icon in words.
    assert "No variation icon" not in rows["plans-agreed"]
    assert any(
        words in rows["plans-agreed"] for icon, words in VARIATION_TEXT.items() if icon != VariationIcon.NONE
    )
    assert "No assurance icon: no target set" in rows["plans-agreed"]


@pytest.mark.parametrize("unit_page", ["steering_group", "division", "broxtowe", "wathwood"])
def test_no_count_of_people_from_one_to_seven_is_shown_in_the_summary_below_trust_level(
    client, steering, small_trust, unit_page
):
    client.force_login(steering)
    with known_day():
        html = client.get(_pages(small_trust)[unit_page]).content.decode()
    summary = _summary(html)

    cells = _people_cells(summary)
    assert len(cells) >= 4  # the people figures of the summary were found
    assert _small_counts(cells) == []
    # Nothing in the sparklines' words either: they repeat only published figures.
    words = re.findall(r"<title>([^<]+)</title>", summary)
    assert _small_counts([re.sub(r"\d{4}|\d+ months with a figure", "", w) for w in words]) == []


def test_a_measured_goal_has_its_row_with_target_and_both_icons_and_its_chart_below(
    client, steering, wslead, small_trust
):
    from datetime import date
    from decimal import Decimal

    from workstreams import services
    from workstreams.tests.factories import GoalFactory

    goal = GoalFactory(title="Peer support workers in every community team", baseline=40, target=50, unit="%")
    # Fourteen months around 80% (well above the target), April 2025 to May 2026.
    for n, value in enumerate([79, 81] * 7):
        month = date(2025 + (3 + n) // 12, (3 + n) % 12 + 1, 1)
        services.goal_measurement_record(goal=goal, month=month, value=Decimal(value), by=wslead)
    client.force_login(steering)
    with known_day():
        html = client.get(reverse("dashboards:trust")).content.decode()

    row = _rows(_summary(html))[f"goal-{goal.pk}"]
    assert f'href="#spc-goal-{goal.pk}"' in row and f'id="spc-goal-{goal.pk}"' in html
    assert "Goal: Peer support workers in every community team" in row
    assert ">81% in May 2026</td>" in row
    assert ">50%</td>" in row
    assert "<title>Common cause variation</title>" in row
    assert "<title>Assurance: consistently passing the target</title>" in row


def test_below_the_trust_a_charted_unit_has_its_chart_sparkline_and_variation_icon(
    client, steering, persona_trust
):
    """Every team with PROM returns has at least 8 in every month and no year's figure is withheld: the
    steering groups, divisions and teams get their monthly chart of returns back, each month rounded, and
    the board summary its sparkline and variation icon (ADR 0022, monthly charts below Trust level). So
    with plans agreed: each team has 9 agreed in May and none in any other month."""
    from datetime import timedelta

    from careplans.sections import PlanKind
    from careplans.tests.factories import ServiceUserFactory
    from recovery_portal.chart_months import chart_months
    from recovery_portal.financial_year import FinancialYear

    from .dashboard_trust import TODAY, _person
    from .factories import prom_return

    today = TODAY.date()
    teams = (persona_trust.persona_team, persona_trust.outsider_team)
    people = {team: [ServiceUserFactory() for _ in range(12)] for team in teams}
    months = chart_months(year=FinancialYear.containing(today), today=today)
    for n, month in enumerate(months.months):
        day = min(month + timedelta(days=1), today)
        for team, count in zip(teams, (9 + n % 3, 12), strict=True):
            for person in people[team][:count]:
                prom_return(person=person, team=team, completed_on=day)
    year = FinancialYear.containing(today)
    may = year.start + timedelta(days=40)
    for team in teams:
        for _ in range(9):
            _person(team, year, plans=[(PlanKind.RECOVERY, may, None)])
    client.force_login(steering)
    with known_day():
        for page in (
            reverse("dashboards:steering-group", args=["local-partnerships"]),
            reverse("dashboards:division", args=["adult-mental-health"]),
            reverse("dashboards:team", args=[persona_trust.persona_team.slug]),
        ):
            html = client.get(page).content.decode()
            row = _rows(_summary(html))["prom-returns"]
            assert "<svg" in row and "No variation icon" not in row, page
            assert any(words in row for icon, words in VARIATION_TEXT.items() if icon != VariationIcon.NONE)
            figure = html[html.index('<figure class="app-spc-chart" id="spc-prom-returns">') :]
            figure = figure[: figure.index("</figure>")]
            assert "<svg" in figure and "Not charted" not in figure
            # The months as published: 9 to 11 returns are 10, the month so far's figure as well.
            cells = re.findall(r"<td [^>]*data-people[^>]*>([^<]*)</td>", figure)
            assert len(cells) == 25 and set(cells) <= {"10", "20", "25"}, (page, cells)
            row = _rows(_summary(html))["plans-agreed"]
            assert "<svg" in row and "No variation icon" not in row, page
            figure = html[html.index('<figure class="app-spc-chart" id="spc-plans-agreed">') :]
            figure = figure[: figure.index("</figure>")]
            assert "<svg" in figure and "Not charted" not in figure
            # 9 plans agreed in May are published as 10; every other month as 0.
            cells = re.findall(r"<td [^>]*data-people[^>]*>([^<]*)</td>", figure)
            assert len(cells) == 25 and sorted(set(cells)) == ["0", "10"], (page, cells)

        # The team's away-day pack follows the same decision: its chart of returns is drawn, from the same
        # rounded months, and the pack does not list it as withheld.
        from evaluation.reports.team_report import team_performance_report

        sections = team_performance_report(
            team=persona_trust.persona_team, year=FinancialYear.containing(today)
        )
    measures = next(section for section in sections if section.key == "measures")
    chart = next(chart for chart in measures.charts if chart.chart_id == "spc-prom-returns")
    assert chart.svg is not None and {row.shown for row in chart.rows} <= {"10"}
    method = next(section for section in sections if section.key == "method")
    assert "the chart of PROM returns" not in " ".join(method.figures["notes"])
    personal = next(section for section in sections if section.key == "personal_plans")
    chart = next(chart for chart in personal.charts if chart.chart_id == "spc-plans-agreed")
    assert chart.svg is not None and {row.shown for row in chart.rows} == {"0", "10"}
    assert "the chart of plans agreed" not in " ".join(method.figures["notes"]).lower()
