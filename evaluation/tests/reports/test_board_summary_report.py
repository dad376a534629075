"""The annual report holds the dashboard's board summary: the same measures, figures and icons' words, in
its web page and as text in its PDF."""

import pytest

from evaluation import summary
from evaluation.figures import figures_for
from evaluation.reports.selectors import run_output
from evaluation.scope import Scope

from .test_documents import finished_run, pdf_text  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_the_report_pdf_holds_the_board_summary_of_the_trust_dashboard(finished_run):  # noqa: F811
    output = run_output(run=finished_run)
    saved = finished_run.sections.get(key="executive_summary").figures["board_summary"]
    expected = summary.board_measures(figures_for(scope=Scope.trust(), year=finished_run.year))

    assert [m["label"] for m in saved] == [m.label for m in expected]
    assert [m["latest"] for m in saved] == [m.latest for m in expected]
    text = pdf_text(bytes(output.pdf))
    assert "Board summary" in text
    start = text.index("Board summary")
    for row in (summary.summary_row(summary.MeasureInput.from_data(m)) for m in saved):
        position = text.index(row.label[:40], start)
        assert row.variation_text in text[position:] and row.assurance_text in text[position:]
    # In the web page each icon is an image with its words, and each measure links to its section.
    html = output.html[output.html.index('id="board-summary"') :]
    assert "<title>No assurance icon: no target set</title>" in html
    assert 'href="#section-personal_plans"' in html and 'id="section-personal_plans"' in output.html
