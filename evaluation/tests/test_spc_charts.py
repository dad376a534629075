"""The SPC chart: accessible SVG, its data table, and the same drawing inside a PDF."""

import io
import re
from datetime import date
from xml.etree import ElementTree

from django.template.loader import render_to_string
from pypdf import PdfReader

from evaluation.charts.spc import MonthlyValue, spc_chart, spc_chart_svg
from evaluation.spc import Better
from recovery_portal.pdf import render_pdf

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = [date(2025 + (4 + i - 1) // 12, (4 + i - 1) % 12 + 1, 1) for i in range(12)]
# Hand-worked in test_spc.py: June–December below the mean in a run of seven... here April–October.
RETURNS = [10, 12, 10, 12, 10, 12, 10, 40, 11, 12, 10, 11]


def _series(values):
    return [MonthlyValue(month, value) for month, value in zip(MONTHS, values, strict=True)]


def test_the_svg_is_an_image_with_a_title_and_a_description_of_the_variation():
    svg = spc_chart_svg(_series(RETURNS), title="PROM returns each month", better=Better.HIGHER)

    root = ElementTree.fromstring(svg)  # noqa: S314 (drawn by the test itself)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "spc-prom-returns-each-month-title spc-prom-returns-each-month-desc"
    assert root.find(f"{SVG}title").text == "PROM returns each month"
    desc = root.find(f"{SVG}desc").text
    assert desc.startswith("PROM returns each month, April 2025 to March 2026, as an XmR chart.")
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
    assert len(cells) == 13


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
