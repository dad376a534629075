"""The SPC chart: accessible SVG, its data table, and the same drawing inside a PDF."""

import io
import re
from datetime import date
from xml.etree import ElementTree

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from evaluation.charts.spc import LimitChange, MonthlyValue, spc_chart, spc_chart_svg
from evaluation.spc import Better
from recovery_portal.pdf import render_pdf

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = [date(2025 + (4 + i - 1) // 12, (4 + i - 1) % 12 + 1, 1) for i in range(14)]
# Mean 183 / 14 = 13.07, mean moving range 78 / 13 = 6: upper limit 29.03, so November's 40 is outside it;
# April to October are seven in a row below the mean.
RETURNS = [10, 12, 10, 12, 10, 12, 10, 40, 11, 12, 10, 11, 12, 11]


def _series(values):
    return [MonthlyValue(month, value) for month, value in zip(MONTHS, values, strict=True)]


def test_the_svg_is_an_image_with_a_title_and_a_description_of_the_variation():
    svg = spc_chart_svg(_series(RETURNS), title="PROM returns each month", better=Better.HIGHER)

    root = ElementTree.fromstring(svg)  # noqa: S314 (drawn by the test itself)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "spc-prom-returns-each-month-title spc-prom-returns-each-month-desc"
    assert root.find(f"{SVG}title").text == "PROM returns each month"
    desc = root.find(f"{SVG}desc").text
    assert desc.startswith("PROM returns each month, April 2025 to May 2026, as an XmR chart.")
    assert "November 2025 (outside the process limits)" in desc
    assert "Higher is better." in desc
    # No inline style anywhere: the Content Security Policy refuses inline styles.
    assert "style=" not in svg and "<style" not in svg and "<script" not in svg


def test_special_cause_points_differ_by_shape_not_only_colour():
    chart = spc_chart(_series(RETURNS), title="Returns", better=Better.HIGHER)
    root = ElementTree.fromstring(chart.svg)  # noqa: S314 (drawn by the test itself)
    plotted = root.find(f"{SVG}g")
    squares = plotted.findall(f"{SVG}rect")
    diamonds = plotted.findall(f"{SVG}polygon")

    special = [row for row in chart.rows if row.special_cause]
    # November is outside the limits (an improvement: a square); the other points are common cause circles,
    # except April–October, seven in a row below the mean (concerns: diamonds). One of each in the legend.
    assert [row.month_label for row in special] == [
        "April 2025", "May 2025", "June 2025", "July 2025", "August 2025", "September 2025", "October 2025",
        "November 2025",
    ]  # fmt: skip
    assert len(squares) == 1 + 1
    assert len(diamonds) == 7 + 1
    assert {e.get("fill") for e in squares} == {"#005eb8"}


def test_the_data_table_lists_every_month_its_figure_and_whether_it_is_special_cause():
    series = _series(RETURNS)
    series[5] = MonthlyValue(MONTHS[5], None, "*")
    chart = spc_chart(series, title="Returns", better=Better.HIGHER)

    html = render_to_string("evaluation/includes/spc_chart.html", {"chart": chart})

    assert html.count("<svg") == 1
    rows = re.findall(r"<tr class=\"nhsuk-table__row\">(.*?)</tr>", html, re.S)
    cells = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S) for row in rows]
    assert cells[0] == ["Month", "Value", "Special cause"]
    assert cells[1][:2] == ["April 2025", "10"]
    assert cells[6][:3] == ["September 2025", "*", "No"]
    assert cells[8][2].startswith("Yes: improvement (outside the process limits")
    assert len(cells) == 15


def test_a_withheld_series_shows_its_table_and_the_reason_but_no_chart():
    chart = spc_chart(
        _series(RETURNS), title="Returns", withheld="Months with fewer than 8 people are withheld."
    )

    html = render_to_string("evaluation/includes/spc_chart.html", {"chart": chart})

    assert chart.svg is None
    assert "<svg" not in html
    assert "Months with fewer than 8 people are withheld." in html
    assert "April 2025" in html


def test_the_same_chart_renders_in_a_pdf_with_its_title_and_table():
    chart = spc_chart(_series(RETURNS), title="PROM returns each month", better=Better.HIGHER)

    pdf = render_pdf("pdf/evaluation/spc_charts.html", {"title": "Measures", "charts": [chart]})

    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "PROM returns each month" in text
    assert "November 2025 40 Yes: improvement (outside the process limits)" in text
    # Axis labels and the legend are drawn as text by the SVG, so they are in the PDF's text too.
    assert "Process limits" in text
    assert "Improvement" in text


def _limit_lines(svg):
    root = ElementTree.fromstring(svg)  # noqa: S314 (drawn by the test itself)
    return [e for e in root.iter(f"{SVG}line") if e.get("class") == "app-spc-chart__limit"], root


def test_below_thirteen_months_the_chart_shows_points_and_mean_but_no_limits_or_special_cause():
    chart = spc_chart(_series(RETURNS)[:12], title="Returns", better=Better.HIGHER)

    limits, root = _limit_lines(chart.svg)
    assert limits == []
    assert [e.get("class") for e in root.iter(f"{SVG}line") if e.get("class")] == ["app-spc-chart__mean"]
    plotted = root.find(f"{SVG}g")
    assert plotted.findall(f"{SVG}rect") == [] and plotted.findall(f"{SVG}polygon") == []  # no icons
    assert len(plotted.findall(f"{SVG}circle")) == 12
    assert "Not enough months yet for process limits" in chart.svg
    html = render_to_string("evaluation/includes/spc_chart.html", {"chart": chart})
    assert "Not enough months yet for process limits (12 of 13 months)." in html
    assert "Special cause variation" not in html
    assert not any(row.special_cause for row in chart.rows)


def test_the_month_so_far_is_hollow_labelled_and_left_out_of_the_limits():
    series = _series(RETURNS)
    series.append(MonthlyValue(date(2026, 6, 1), 95, part=True))  # far above the limits, but not judged
    chart = spc_chart(series, title="Returns", better=Better.HIGHER)

    root = ElementTree.fromstring(chart.svg)  # noqa: S314 (drawn by the test itself)
    hollow = [e for e in root.iter(f"{SVG}circle") if e.get("class") == "app-spc-chart__part-month"]
    assert len(hollow) == 2  # the month and its legend entry
    assert hollow[0].get("fill") == "#ffffff"
    assert "month so far" in chart.svg
    assert chart.analysis.mean == pytest.approx(183 / 14)  # 95 is not in the mean
    assert chart.analysis.points[-1].value is None
    assert chart.rows[-1].month_label == "June 2026 (month so far)"
    assert chart.rows[-1].special_cause_label == "Not judged yet"
    assert "June 2026 is the month so far (95), left out of the limits and rules." in chart.description


def test_limits_are_clipped_to_the_natural_range_and_both_drawn():
    shares = [99, 100, 97, 100, 92, 100, 99, 98, 100, 96, 100, 99, 97, 100]
    chart = spc_chart(
        [MonthlyValue(m, v) for m, v in zip(MONTHS, shares, strict=True)], title="Share", unit="%"
    )
    limits, root = _limit_lines(chart.svg)
    assert chart.analysis.upper_limit > 100
    assert len(limits) == 2
    top_of_axis = max(float(t.text.rstrip("%")) for t in root.iter(f"{SVG}text") if t.text.endswith("%"))
    assert top_of_axis == 100
    assert "process limits" in chart.summary and "to 100%" in chart.summary

    counts = [3, 5, 2, 6, 4, 3, 5, 2, 6, 4, 3, 5, 0, 4]
    chart = spc_chart([MonthlyValue(m, v) for m, v in zip(MONTHS, counts, strict=True)], title="Counts")
    limits, _ = _limit_lines(chart.svg)
    assert chart.analysis.lower_limit < 0
    assert len(limits) == 2
    # Mean 52 / 14 = 3.71, mean moving range 35 / 13 = 2.69: limits −3.45 to 10.88, drawn from 0.
    assert chart.summary.endswith("process limits 0 to 10.9.")


def test_an_all_zero_series_does_not_draw_an_axis_below_zero():
    chart = spc_chart([MonthlyValue(m, 0) for m in MONTHS], title="Returns")
    root = ElementTree.fromstring(chart.svg)  # noqa: S314 (drawn by the test itself)
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert ticks[0] == "0" and "-1" not in ticks
    assert "process limits 0 to 0" not in chart.description
    assert "no variation to set process limits from" in chart.description


def test_limits_recalculated_from_a_recorded_change_show_its_reason():
    before, after = [50, 52, 49, 51, 50, 53, 48, 50, 52, 49, 51, 50, 52, 51], [60, 62, 59, 61] * 4
    months = [date(2024 + (i + 3) // 12, (i + 3) % 12 + 1, 1) for i in range(30)]
    change = LimitChange(months[14], "New self-referral route opened")
    chart = spc_chart(
        [MonthlyValue(m, v) for m, v in zip(months, before + after, strict=True)],
        title="Referrals",
        limit_changes=[change],
    )

    assert [p.start for p in chart.analysis.periods] == [0, 14]
    assert chart.limit_notes == ("Limits recalculated from June 2025: New self-referral route opened",)
    assert "New self-referral route opened" in chart.description
    html = render_to_string("evaluation/includes/spc_chart.html", {"chart": chart})
    assert "Limits recalculated from June 2025: New self-referral route opened" in html
    limits, _ = _limit_lines(chart.svg)
    assert len(limits) == 4  # each period's two limits
