"""The dashboard pages and their CSV downloads: who may see them, what they show, disclosure control in
every cell about people, charts with their data tables, and query counts that do not grow with the data."""

import csv
import io
import re

import pytest
from django.urls import reverse

from careplans import selectors as plan_selectors
from evaluation.figures import figures_for
from evaluation.scope import Scope, scope_get
from recovery_portal.financial_year import FinancialYear
from recovery_portal.models import AuditAction, AuditEvent

from .dashboard_trust import TODAY, build_small_trust, known_day

pytestmark = pytest.mark.django_db

GROUP, DIVISION = "local-partnerships", "adult-mental-health"


@pytest.fixture
def small_trust(persona_trust):
    with known_day():
        yield build_small_trust(persona_trust)


def _pages(trust):
    return {
        "trust": reverse("dashboards:trust"),
        "steering_group": reverse("dashboards:steering-group", args=[GROUP]),
        "forensic": reverse("dashboards:steering-group", args=["forensic-services"]),
        "division": reverse("dashboards:division", args=[DIVISION]),
        "broxtowe": reverse("dashboards:team", args=[trust.broxtowe.slug]),
        "rushcliffe": reverse("dashboards:team", args=[trust.rushcliffe.slug]),
        "wathwood": reverse("dashboards:team", args=[trust.wathwood.slug]),
    }


_HEADING = re.compile(r'<span class="nhsuk-table__heading"[^>]*>.*?</span>', re.S)
_PEOPLE_CELL = re.compile(r"<(dd|td)\b[^>]*\bdata-people\b[^>]*>(.*?)</\1>", re.S)
# A whole number that is not part of a percentage or a decimal: a count as published.
_COUNT = re.compile(r"(?<![\d.])(\d+)(?![\d.%])")


def _people_cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", _HEADING.sub("", cell)).strip() for _, cell in _PEOPLE_CELL.findall(html)]


def _small_counts(texts) -> list[str]:
    return [text for text in texts for n in _COUNT.findall(text) if 1 <= int(n) <= 7]


def test_the_small_trust_really_has_counts_of_one_to_seven_below_trust_level(small_trust):
    """Without this the disclosure tests below could pass on data that never needed control."""
    year = small_trust.year
    measures = plan_selectors.plan_measures(year=year, team=small_trust.broxtowe)
    assert 1 <= measures.people <= 7 and 1 <= measures.with_agreed_recovery_plan <= 7
    shown = figures_for(scope=scope_get(kind="team", slug=small_trust.broxtowe.slug), year=year)
    assert shown.personal_plans.figure("people").value == "*"


# Not "page": that name is the browser tests' Playwright page, and would make these browser tests too.
@pytest.mark.parametrize(
    "unit_page", ["steering_group", "forensic", "division", "broxtowe", "rushcliffe", "wathwood"]
)
def test_no_count_of_people_from_one_to_seven_is_shown_below_trust_level(
    client, steering, small_trust, unit_page
):
    client.force_login(steering)
    with known_day():
        html = client.get(_pages(small_trust)[unit_page]).content.decode()

    cells = _people_cells(html)
    assert len(cells) > 10  # the summary lists, tables and monthly data tables were all found
    assert _small_counts(cells) == []
    assert "*" in cells


def test_the_trust_page_shows_trust_figures_exactly_and_each_steering_group_under_control(
    client, steering, small_trust
):
    client.force_login(steering)
    with known_day():
        html = client.get(reverse("dashboards:trust")).content.decode()

    # Trust-level figures are exact (17 people), while the table by steering group is disclosed.
    assert re.search(r"People on caseloads in the year</dt>\s*<dd[^>]*>17</dd>", html)
    table = html[html.index('id="table-personal-plans"') :]
    table = table[: table.index("</table>")]
    assert _small_counts(_people_cells(table)) == []
    assert "Local Partnerships Recovery Steering Group" in table


@pytest.mark.parametrize(
    ("url_name", "args", "table"),
    [
        ("dashboards:steering-group-csv", [GROUP], "personal-plans"),
        ("dashboards:steering-group-csv", [GROUP], "peer-support"),
        ("dashboards:division-csv", [DIVISION], "measures"),
        ("dashboards:division-csv", [DIVISION], "plans-agreed"),
        ("dashboards:team-csv", None, "prom-change"),
        ("dashboards:team-csv", None, "prom-returns"),
    ],
)
def test_csv_downloads_are_under_the_same_disclosure_control_and_audited(
    client, steering, small_trust, url_name, args, table
):
    client.force_login(steering)
    url = reverse(url_name, args=[*(args or [small_trust.broxtowe.slug]), table])
    with known_day():
        response = client.post(url, {"year": small_trust.year.label})
        scope_kind = url_name.split(":")[1].removesuffix("-csv").replace("-", "_")
        slug = args[0] if args else small_trust.broxtowe.slug
        expected = figures_for(scope=scope_get(kind=scope_kind, slug=slug), year=small_trust.year).table(
            table
        )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == [
        "Financial year",
        scope_get(kind=scope_kind, slug=slug).kind_label,
        expected.first_column,
    ]
    assert [row[3:] for row in rows[1:]] == [list(row.cells) for row in expected.rows]
    people = [row[3 + i] for row in rows[1:] for i in sorted(expected.people_columns)]
    if table in ("plans-agreed", "prom-returns"):
        # The small Trust's units have months of 1 to 7 plans agreed and returns, so none of them is charted
        # (ADR 0022): no month below the Trust.
        assert rows[1:] == [] and expected.rows == ()
    else:
        assert people and _small_counts(people) == []
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor == steering and expected.caption in event.reason


def test_an_unknown_table_or_unit_is_not_found(client, steering, small_trust):
    client.force_login(steering)

    assert client.post(reverse("dashboards:trust-csv", args=["no-such-table"])).status_code == 404
    assert client.get(reverse("dashboards:division", args=["no-such-division"])).status_code == 404
    # The Trust-wide steering group's dashboard is the Trust's own.
    assert client.get(reverse("dashboards:steering-group", args=["trust-wide"])).status_code == 404


def test_the_trust_page_draws_each_monthly_series_with_a_title_description_and_data_table(
    client, evaluation, small_trust
):
    client.force_login(evaluation)
    with known_day():
        html = client.get(reverse("dashboards:trust")).content.decode()

    for key in ("plans-agreed", "college-attendance", "prom-returns", "fft-positive"):
        figure = html[html.index(f'<figure class="app-spc-chart" id="spc-{key}">') :]
        figure = figure[: figure.index("</figure>")]
        if key == "fft-positive":
            # 3 responses in the whole Trust: the tree withholds the Trust's total, and so its months, which
            # would add up to it (ADR 0022).
            assert figure.count('<tr class="nhsuk-table__row">') == 1 and "total is withheld" in figure
            continue
        # Header, the 24 complete months before today's and the month so far; nothing after today.
        assert figure.count('<tr class="nhsuk-table__row">') == 1 + 24 + 1
        assert f"{TODAY:%B %Y} (month so far)" in figure
        # Registers fall in one month only: a table, but nothing to chart yet.
        if key == "college-attendance":
            assert "<svg" not in figure and "Fewer than two months have a figure" in figure
            continue
        assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in figure
        assert f'<title id="spc-{key}-title">' in figure
        assert f'<desc id="spc-{key}-desc">' in figure
    assert html.count("Download (CSV)") == len(
        figures_for(scope=scope_get_trust(), year=small_trust.year).tables()
    )


def scope_get_trust():

    return Scope.trust()


def test_changing_the_year_and_drilling_down(client, wslead, small_trust):
    client.force_login(wslead)
    with known_day():
        this_year = client.get(reverse("dashboards:trust"))
        last_year = client.get(reverse("dashboards:trust"), {"year": FinancialYear(2025).label})
        group = client.get(reverse("dashboards:steering-group", args=[GROUP]), {"year": "2026/27"})

    assert this_year.context["year"] == FinancialYear(2026)
    assert this_year.context["figures"].personal_plans.figure("people").value == "17"
    assert last_year.context["year"] == FinancialYear(2025)
    # The same people were on the caseloads last year, but no plan was agreed then.
    assert last_year.context["figures"].personal_plans.figure("recovery").value == "0 (0%)"
    html = group.content.decode()
    # The steering group links down to its division, and the division to its teams.
    assert f'href="/dashboards/divisions/{DIVISION}/?year=2026/27"' in html.replace("%2F", "/")
    division = client.get(reverse("dashboards:division", args=[DIVISION])).content.decode()
    assert f'href="/dashboards/teams/{small_trust.broxtowe.slug}/' in division


def test_a_team_dashboard_shows_that_team_only(client, steering, small_trust):
    client.force_login(steering)
    with known_day():
        response = client.get(reverse("dashboards:team", args=[small_trust.wathwood.slug]))

    figures = response.context["figures"]
    assert figures.scope.label == "Wathwood Hospital: Ward 2"
    assert figures.team_plans.figure("clinical_teams").value == "1"
    assert "Broxtowe" not in response.content.decode().split("<main", 1)[1]


@pytest.mark.parametrize("persona", ["outsider", "clinician", "teamlead", "peerworker", "college", "trainer"])
def test_staff_without_a_dashboard_role_are_refused(client, personas, small_trust, persona):
    client.force_login(personas[persona])

    for url in _pages(small_trust).values():
        assert client.get(url).status_code == 403
    assert client.post(reverse("dashboards:trust-csv", args=["team-plans"])).status_code == 403


def test_the_pages_do_not_accept_posts(client, steering, outsider, small_trust):
    client.force_login(steering)
    assert client.post(reverse("dashboards:trust")).status_code == 405
    client.force_login(outsider)
    assert client.post(reverse("dashboards:trust")).status_code == 403


def test_a_home_panel_for_those_who_may_see_them_and_a_header_link_for_staff(
    client, steering, outsider, serviceuser
):
    client.force_login(steering)
    home = client.get(reverse("home")).content.decode()
    assert "Recovery Strategy dashboards" in home
    assert '<a class="nhsuk-header__navigation-link" href="/dashboards/"' in home

    client.force_login(outsider)
    home = client.get(reverse("home")).content.decode()
    assert "Recovery Strategy dashboards" not in home

    client.force_login(serviceuser)
    assert 'href="/dashboards/"' not in client.get(reverse("home")).content.decode()


# Each page: session 1, user 1, the permission (Trust roles 1, steering group seat 1), the figures, the
# scope's unit 1 below Trust level, and the session save in its savepoint 3. The figures: for a team,
# units 1, plan coverage 1, action completion 1, ImROC ratings 1, plan measures 2, plans agreed by month 1,
# peer support workforce 2, caseload peer support 1, outcome measures 7 (change 4, FFT 1, two monthly
# series 2): 17. A steering group or division adds figures by unit one level down: plan measures 2, peer
# support 3, and for measures PROM returns by team 1 and FFT by team 1 (the breakdown shows only how many
# returns each unit has, so no pairing of scores team by team, which took 4): 7. The Trust adds workstreams
# (2, with their challenges) and the college (terms 1, figures by term 6, attendance by month 1, students
# by type 1, learning plans by review outcome 1, the year's fidelity rating 1), and the workstream goals'
# measurements for the board summary and the goals' charts (1, all goals and months together).
# Since counts of people are published for the whole Trust's tree at once (ADR 0022), every page reads them
# for every unit of the Trust: the unit tree 1, plan measures by steering group, division and team 3 (each
# with the Trust's totals), peer support workforce for the Trust and each kind of unit 8 and caseload peer
# support 4, PROM returns and FFT by team across the Trust 2 (in place of the FFT summary), and the measures'
# thresholds with their sources for the method note 2; and, to decide which units' monthly charts of PROM
# returns and the FFT are published, each team's months of both 2 and each team's returns and FFT answers
# in each other financial year the charts' 24 months touch 2 each (on the tests' day, in December, two
# other years: 4), and for the chart of plans agreed every unit's months 1 and plan measures by steering
# group, division and team in each other financial year the chart touches 3 each (on the tests' day: 6).
# Every page adds 1: the limit changes the evaluation
# team recorded for the unit (all its charts in one query). The same count on every page below the Trust.
# These are the counts with the Trust's published counts worked out for the page itself, as the tests'
# settings do (PUBLISHED_COUNTS_CACHE_SECONDS=0); the dashboards keep them for every page, which saves
# those 31 queries (evaluation/tests/test_dashboard_cache.py).
PAGE_QUERIES = {"trust": 66, "steering_group": 53, "division": 53, "team": 53}


@pytest.mark.parametrize("copies", [1, 2])
def test_every_dashboard_page_makes_a_fixed_number_of_queries(
    client, persona_trust, steering, django_assert_num_queries, copies
):
    with known_day():
        trust = build_small_trust(persona_trust, copies=copies)
        pages = _pages(trust)
        client.force_login(steering)
        for kind, page in [
            ("trust", "trust"),
            ("steering_group", "steering_group"),
            ("division", "division"),
            ("team", "broxtowe"),
        ]:
            with django_assert_num_queries(PAGE_QUERIES[kind]):
                response = client.get(pages[page])
            assert response.status_code == 200


def test_the_trust_page_names_steering_groups_in_plain_words(client, steering, small_trust):
    client.force_login(steering)
    with known_day():
        html = client.get(reverse("dashboards:trust")).content.decode()

    assert "steeringgroup" not in html
    assert "Figures about people for each steering group follow" in html
