"""Reads of annual report runs, for the pages and the command. The output (HTML and PDF) is read only
when it is downloaded, never with the list of runs.
"""

from django.db.models import QuerySet

from .models import AnnualReportOutput, AnnualReportRun, RunState


def run_list() -> QuerySet[AnnualReportRun]:
    """Every run, latest year first then latest request, with who asked (one query)."""
    return AnnualReportRun.objects.select_related("requested_by").order_by(
        "-financial_year", "-requested_at", "-pk"
    )


def run_detail_queryset() -> QuerySet[AnnualReportRun]:
    return AnnualReportRun.objects.select_related("requested_by")


def run_sections(*, run: AnnualReportRun) -> list[str]:
    """Keys of the sections saved on the run so far, in the order they were compiled."""
    return list(run.sections.order_by("order").values_list("key", flat=True))


def run_output(*, run: AnnualReportRun) -> AnnualReportOutput | None:
    """The finished report of a finished run; None for any other run, whatever is stored."""
    if run.state != RunState.FINISHED:
        return None
    return AnnualReportOutput.objects.filter(run=run).first()


def latest_finished_ids() -> set[int]:
    """The newest finished run of each year: the report that stands for that year (one query)."""
    latest = {}
    for pk, year in (
        AnnualReportRun.objects.filter(state=RunState.FINISHED)
        .order_by("financial_year", "finished_at", "pk")
        .values_list("pk", "financial_year")
    ):
        latest[year] = pk
    return set(latest.values())
