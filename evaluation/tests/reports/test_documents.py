"""What the finished report says: every section, figures matching the selectors, disclosure control,
and the command that writes it to a folder."""

import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from careplans.selectors import plan_measures
from evaluation.figures import figures_for
from evaluation.reports.compile import compile_run
from evaluation.reports.sections import display_order
from evaluation.reports.selectors import run_output
from evaluation.scope import Scope
from workstreams.selectors import workstream_annual_figures_all

pytestmark = pytest.mark.django_db

SECTION_TITLES = [
    "Executive summary",
    "Workstreams",
    "Team Recovery Plans",
    "Personal plans",
    "Recovery College",
    "Outcome and experience measures",
    "Peer support",
    "Method and data quality",
]


def pdf_text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def finished_run(queued_run):
    return compile_run(run_id=queued_run.pk)


def _table(run, key: str, caption_start: str) -> dict:
    figures = run.sections.get(key=key).figures
    return next(t for t in figures["tables"] if t["caption"].startswith(caption_start))


def test_the_report_holds_every_section_in_order_in_html_and_pdf(finished_run):
    output = run_output(run=finished_run)
    assert [section.title for section in display_order()] == SECTION_TITLES

    positions = [output.html.index(f">{title}</h2>") for title in SECTION_TITLES]
    assert positions == sorted(positions)
    text = pdf_text(bytes(output.pdf))
    for title in SECTION_TITLES:
        assert title in text
    assert "Annual Trust-wide evaluation report 2025/26" in text
    assert "1 to 7 is shown as *" in text  # the appendix states the disclosure rule


def test_the_report_figures_match_the_selectors_and_the_figures_layer(finished_run, report_year):
    peer_support = next(
        f
        for f in workstream_annual_figures_all(year=report_year.start_year)
        if f.workstream == "peer-support"
    )
    rows = _table(finished_run, "workstreams", "Each workstream's annual report")["rows"]
    row = next(row for row in rows if row[0].startswith("Peer Support"))
    assert row == [
        "Peer Support: transforming the workforce",
        f"{peer_support.goals_met} of {peer_support.goals}",
        str(peer_support.actions),
        str(peer_support.actions_done),
        str(peer_support.actions_dropped),
    ]
    assert row[1] == "1 of 2"

    trust = figures_for(
        scope=Scope.trust(), year=report_year, today=timezone.localdate(finished_run.requested_at)
    )
    for key in ["personal_plans", "team_plans", "college", "measures", "peer_support"]:
        saved = finished_run.sections.get(key=key).figures
        layer = getattr(trust, key)
        assert saved["summary"] == [[f.label, f.value] for f in layer.summary], key
        assert [t["rows"] for t in saved["tables"][: len(layer.tables)]] == [
            [[r.label, *r.cells] for r in t.rows] for t in layer.tables
        ], key
    assert trust.personal_plans.figure("people").value == str(plan_measures(year=report_year).people) == "15"

    text = pdf_text(bytes(run_output(run=finished_run).pdf))
    assert "Peer Support: transforming the workforce 1 of 2" in text
    assert "People on caseloads in the year 15" in text  # the executive summary repeats the headline
    assert "PROM returns each month" in text  # a monthly series, charted with its data
    # The Recovery College's students, learning plan goals, co-delivery and fidelity, each with its heading.
    for heading in [
        "Recovery College students by type",
        "Students with a place or waiting",
        "Individual Learning Plan goals",
        "ILP goals met or partly met",
        "Runs co-delivered",
        "RECOLLECT fidelity by component, 2025/26",
    ]:
        assert heading in text, heading
    assert "RECOLLECT fidelity self-rating 11 out of 14" in text
    assert "Co-production of the Recovery College 2" in text
    assert trust.college.figure("fidelity").value == "11 out of 14"
    summary = _table(finished_run, "executive_summary", "The year")["rows"]
    assert ["Recovery College", "RECOLLECT fidelity self-rating", "11 out of 14"] in summary


def test_no_count_of_1_to_7_people_below_trust_level_is_published(finished_run):
    people = _table(finished_run, "personal_plans", "Personal plans by steering group")
    by_group = {row[0]: row for row in people["rows"]}

    # Local Partnerships has 3 people on a caseload: withheld, and so are the shares of them.
    assert by_group["Local Partnerships Recovery Steering Group"][1:5] == ["*"] * 4
    # Forensic's 12 people would be 10 (8 to 12): beside the Trust's 15 that narrows Local Partnerships to 3 to 7,
    # so Forensic is withheld as well (ADR 0022).
    assert by_group["Forensic Services Recovery Steering Group"][1] == "*"
    for row in by_group.values():
        assert re.fullmatch(r"0|\*|\d*[05]", row[1]), row
    text = pdf_text(bytes(run_output(run=finished_run).pdf))
    assert "Local Partnerships Recovery Steering Group * * * *" in text


def test_the_method_note_names_each_measures_threshold_and_its_source(finished_run):
    """Issue 16: reliable change and cut-offs from published sources, and which measures are not classified."""
    notes = " ".join(finished_run.sections.get(key="measures").figures["notes"])
    assert "WEMWBS reliable change 9 points: NHS Digital" in notes and "8.55" in notes
    assert "SWEMWBS reliable change 3 points: NHS Digital" in notes and "2.87" in notes
    assert "ReQoL-10 scores below 24 in the clinical range: Franklin et al. 2021" in notes
    assert "QPR-15: Change is not classified" in notes and "Law et al. 2014" in notes
    assert "DIALOG: Change is not classified" in notes
    assert "ReQoL-10: Change is not classified" in notes and "reqol.org.uk" in notes
    assert "SWEMWBS: No meaningful change category: Shah et al. 2018" in notes
