"""Compiling one run of the annual report, section by section; the Celery task and the command share it.

A run resumes where it stopped: sections already saved on the run are kept and only the rest are
compiled. The HTML and PDF are put together from the saved sections, so a resumed run gives the same
document as one that never stopped. The fingerprint is a hash of the figures alone (never of times), so
compiling twice over unchanged data gives the same fingerprint.
"""

import hashlib
import json
import logging
import os
import socket
import traceback
import uuid

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from recovery_portal.financial_year import FinancialYear
from recovery_portal.pdf import render_pdf

from .. import summary
from . import services
from .contents import Source
from .models import AnnualReportRun
from .sections import DISCLOSURE_RULE, display_order, monthly_series
from .sections import compile_order as sections_to_compile

logger = logging.getLogger(__name__)

REPORT_TITLE = "Annual Trust-wide evaluation report"


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def fingerprint(figures_by_key: dict[str, dict]) -> str:
    """SHA-256 of the figures of every section, in a canonical JSON form."""
    canonical = json.dumps(figures_by_key, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def render_section(*, key: str, title: str, figures: dict) -> str:
    """A section's HTML, the same in the web page and the PDF, with its monthly series as SVG charts."""
    charts = [monthly_series(series).chart() for series in figures.get("series", [])]
    board = [summary.summary_row(summary.MeasureInput.from_data(m)) for m in figures.get("board_summary", [])]
    return render_to_string(
        "evaluation/reports/section.html",
        {"key": key, "title": title, "figures": figures, "charts": charts, "board_summary": board},
    ).strip()


def _document_context(run: AnnualReportRun, sections: list) -> dict:
    return {
        "title": REPORT_TITLE,
        "year": run.year,
        "sections": sections,
        "disclosure_rule": DISCLOSURE_RULE,
        "trust_name": settings.TRUST_NAME,
        "compiled_at": timezone.localtime(),
        "run": run,
    }


def render_documents(run: AnnualReportRun) -> tuple[str, bytes]:
    """The report as a stand-alone web page and as a PDF, from the run's saved sections."""
    saved = {section.key: section for section in run.sections.all()}
    sections = [saved[section.key] for section in display_order() if section.key in saved]
    titles = {section.key: section.title for section in display_order()}
    items = [{"key": s.key, "title": titles.get(s.key, s.key), "html": s.html} for s in sections]
    context = _document_context(run, items)
    html = render_to_string("evaluation/reports/annual_report_document.html", context)
    pdf = render_pdf("pdf/evaluation/annual_report.html", context)
    return html, pdf


def compile_run(*, run_id: int, worker: str | None = None) -> AnnualReportRun | None:
    """Compile the run if it is this worker's to compile; None when there was nothing to do.

    An error is recorded on the run (queued again, or failed after the third attempt) and raised.
    """
    worker = worker or worker_name()
    run = services.annual_report_claim(run_id=run_id, worker=worker)
    if run is None:
        return None
    try:
        # Figures are "as at" the day the report was asked for, on every attempt, so a run resumed
        # another day still holds one day's figures.
        source = Source(year=FinancialYear(run.financial_year), today=timezone.localdate(run.requested_at))
        done = {section.key: section.figures for section in run.sections.all()}
        for order, section in enumerate(sections_to_compile()):
            if section.key in done:
                continue
            figures = section.compute(source, done)
            # Round-trip through JSON now, so the figures a section is rendered from are exactly the
            # figures saved (and fingerprinted), whether the run stops here or not.
            figures = json.loads(json.dumps(figures))
            html = render_section(key=section.key, title=section.title, figures=figures)
            run = services.annual_report_section_save(
                run=run, worker=worker, key=section.key, order=order, figures=figures, html=html
            )
            done[section.key] = figures
        services.annual_report_heartbeat(run=run, worker=worker)
        html, pdf = render_documents(run)
        return services.annual_report_finish(
            run=run, worker=worker, fingerprint=fingerprint(done), html=html, pdf=pdf
        )
    except services.LeaseLost:
        return None
    except Exception:
        # The whole traceback goes to the logs and error reports, under the reference the page shows.
        logger.exception(
            "The annual report run %s failed on attempt %s",
            run.pk,
            run.attempts,
            extra={"reference": run.failure_reference},
        )
        services.annual_report_attempt_failed(run=run, worker=worker, error=traceback.format_exc())
        raise
