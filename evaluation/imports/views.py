"""Pages of the return import: upload, problems, preview, import, and the imports done before.

Upload keeps the file server-side (``staging``) and checks every row: a small CSV at once, a larger file
or any XLSX in a background job while the person watches its progress (ADR 0029). The person then sees
either every problem (nothing can be imported until the file is right) or a preview, and only then
imports. The import writes the returns kept, checked and scored, from that one reading, after checking
again what may have changed since the preview (caseloads, the importer's teams, returns stored
meanwhile); the file is not read again.
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect
from rules.contrib.views import permission_required

from recovery_portal.access import get_visible_or_404
from recovery_portal.audit import audit_record
from recovery_portal.exports import csv_response
from recovery_portal.jobs import enqueue
from recovery_portal.models import AuditAction

from . import (
    rules,  # noqa: F401  (registers evaluation.import_returns)
    selectors,
    services,
    staging,
    tasks,
)
from .columns import COLUMNS, NEEDED_FOR
from .forms import ReturnFileForm
from .template import template_csv, template_xlsx

PERMISSION = "evaluation.import_returns"
PROBLEMS_SHOWN = 500
IMPORTS_PER_PAGE = 50
ERROR_HEADER = ["Row", "Column", "Spreadsheet column", "Problem"]


def _crumbs(*more) -> list[dict]:
    return [
        {"label": "Home", "url": reverse("home")},
        {"label": "Import returns", "url": reverse("measure_imports:upload")},
        *more,
    ]


def _staged_or_404(request, sha256: str):
    found = staging.staged_for(user=request.user, sha256=sha256)
    if found is None:
        raise Http404
    return found


def _checked_or_progress(request, sha256: str):
    """The staged file and its report once checked; else, the redirect to the check's progress."""
    staged, report = _staged_or_404(request, sha256)
    if report.get("state", staging.CHECKED) != staging.CHECKED:
        return staged, report, redirect("measure_imports:checking", sha256=sha256)
    return staged, report, None


def _after_check(report: dict, sha256: str) -> str:
    target = "measure_imports:problems" if report["problems"] else "measure_imports:preview"
    return reverse(target, args=[sha256])


def _upload_page(request, form, *, earlier=None, status=200):
    scope = selectors.import_scope(user=request.user)
    return render(
        request,
        "evaluation/imports/upload.html",
        {
            "form": form,
            "earlier": earlier,
            "columns": COLUMNS,
            "needed_for": NEEDED_FOR,
            "answer_values": selectors.answer_values(),
            "all_teams": scope.all_teams,
            "breadcrumbs": _crumbs()[:1],
        },
        status=status,
    )


@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def upload(request):
    """The template, how to fill it in, and the upload form."""
    form = ReturnFileForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _upload_page(request, form)
    staged, content = staging.stage(upload=form.cleaned_data["file"], user=request.user)
    earlier = selectors.import_of_file(sha256=staged.sha256)
    if earlier is not None:
        staging.discard(staged)
        return _upload_page(request, ReturnFileForm(), earlier=earlier)
    if staged.kind == "csv" and len(content) <= settings.RETURN_IMPORT_IN_REQUEST_BYTES:
        # A small CSV is checked in a moment: no need for the person to wait on a job.
        report = services.staged_file_check(staged=staged, user=request.user)
        return redirect(_after_check(report, staged.sha256))
    staging.save_progress(staged, state=staging.QUEUED)
    enqueue(tasks.check_staged_returns_file, request.user.pk, staged.sha256)
    return redirect("measure_imports:checking", sha256=staged.sha256)


@permission_required(PERMISSION, raise_exception=True)
@require_GET
def checking(request, sha256: str):
    """The check of a large file as it goes (refreshed by htmx); then on to its problems or preview. A
    check whose worker or message was lost is started again from here."""
    staged, report = _staged_or_404(request, sha256)
    if report.get("state") in (staging.QUEUED, staging.CHECKING) and services.check_is_stale(report):
        staging.save_progress(staged, state=staging.QUEUED)
        enqueue(tasks.check_staged_returns_file, request.user.pk, sha256)
        staged, report = _staged_or_404(request, sha256)
    if report.get("state", staging.CHECKED) == staging.CHECKED:
        target = _after_check(report, sha256)
        return HttpResponseClientRedirect(target) if request.htmx else redirect(target)
    total = report.get("rows_total") or 0
    context = {
        "staged": staged,
        "report": report,
        "percent": int(100 * report.get("rows_done", 0) / total) if total else 0,
        "refresh_seconds": 2,
    }
    if request.htmx:
        return render(request, "evaluation/imports/_checking.html", context)
    context["breadcrumbs"] = _crumbs()
    return render(request, "evaluation/imports/checking.html", context)


@permission_required(PERMISSION, raise_exception=True)
@require_GET
def template(request, kind: str):
    """The empty template, with the columns explained (XLSX) or as a heading row (CSV)."""
    if kind == "csv":
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    elif kind == "xlsx":
        response = HttpResponse(
            template_xlsx(selectors.answer_values()),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="returns-import-template.{kind}"'
    return response


@permission_required(PERMISSION, raise_exception=True)
@require_GET
def problems(request, sha256: str):
    """Every problem in the file, row by row; nothing has been imported."""
    staged, report, waiting = _checked_or_progress(request, sha256)
    if waiting:
        return waiting
    if not report["problems"]:
        return redirect("measure_imports:preview", sha256=sha256)
    found = report["problems"]
    shown = [
        {"row": row, "column": column, "letter": letter, "message": message}
        for row, column, letter, message in found[:PROBLEMS_SHOWN]
    ]
    for number, problem in enumerate(shown, start=1):
        problem["anchor"] = f"problem-{number}"
    rows_with_problems = len({row for row, *_ in found})
    # The problems quote the file's cells, NHS numbers among them.
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        request=request,
        reason=f"import problems of {staged.file_name} ({sha256[:12]})",
    )
    return render(
        request,
        "evaluation/imports/problems.html",
        {
            "staged": staged,
            "report": report,
            "problems": shown,
            "problem_count": len(found),
            "rows_with_problems": rows_with_problems,
            "more": max(0, len(found) - PROBLEMS_SHOWN),
            "error_items": [
                {"text": f"Row {p['row']}, {p['column']}: {p['message']}", "href": f"#{p['anchor']}"}
                for p in shown[:10]
            ],
            "breadcrumbs": _crumbs(),
        },
    )


@permission_required(PERMISSION, raise_exception=True)
@require_GET
def problems_csv(request, sha256: str):
    """Every problem as a CSV to work through in the spreadsheet (audited; cells made safe for Excel)."""
    staged, report, waiting = _checked_or_progress(request, sha256)
    if waiting:
        return waiting
    return csv_response(
        request,
        name="Import problems",
        header=ERROR_HEADER,
        rows=report["problems"],
        reason=f"import problems of {staged.file_name} ({sha256[:12]})",
    )


@permission_required(PERMISSION, raise_exception=True)
@require_GET
def preview(request, sha256: str):
    """What the file will add, per measure and team, and its first rows, before anything is written."""
    staged, report, waiting = _checked_or_progress(request, sha256)
    if waiting:
        return waiting
    if report["problems"]:
        return redirect("measure_imports:problems", sha256=sha256)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        request=request,
        reason=f"import preview of {staged.file_name} ({sha256[:12]})",
    )
    measures: dict[str, int] = {}
    teams: dict[str, int] = {}
    for measure, team, count in report["counts"]:
        measures[measure] = measures.get(measure, 0) + count
        teams[team] = teams.get(team, 0) + count
    return render(
        request,
        "evaluation/imports/preview.html",
        {
            "staged": staged,
            "report": report,
            "measures": sorted(measures.items()),
            "teams": sorted(teams.items()),
            "breadcrumbs": _crumbs(),
        },
    )


@require_POST
@permission_required(PERMISSION, raise_exception=True)
def confirm(request, sha256: str):
    """Check what may have changed since the preview and import every return kept, or none."""
    staged, report, waiting = _checked_or_progress(request, sha256)
    if waiting:
        return waiting
    if report["problems"]:
        return redirect("measure_imports:problems", sha256=sha256)
    checked = staging.staged_checked(staged)
    if checked is None:
        staging.discard(staged)
        messages.warning(
            request, f"{staged.file_name} is no longer kept, so nothing was imported. Upload it again."
        )
        return redirect("measure_imports:upload")
    try:
        result = services.staged_returns_import(
            checked=checked,
            scope=selectors.import_scope(user=request.user),
            file_name=staged.file_name,
            sha256=sha256,
            by=request.user,
        )
    except services.AlreadyImported as already:
        staging.discard(staged)
        messages.info(
            request,
            f"This file was already imported on {already.earlier.imported_at:%-d %B %Y}. Nothing new was added.",
        )
        return redirect("measure_imports:history")
    except IntegrityError:
        messages.warning(
            request,
            "Some of these returns were saved by someone else a moment ago, so nothing was imported. "
            "Upload the file again to see which.",
        )
        return redirect("measure_imports:upload")
    if result.return_import is None:
        staging.save_report(staged, result.outcome)
        messages.warning(request, "The file no longer passes the checks, so nothing was imported.")
        return redirect("measure_imports:problems", sha256=sha256)
    return_import = result.return_import
    audit_record(
        actor=request.user,
        action=AuditAction.CREATE,
        obj=return_import,
        request=request,
        reason=f"imported {return_import.rows_written} returns from {staged.file_name}",
    )
    staging.discard(staged)
    messages.success(request, f"{return_import.rows_written:,} returns imported")
    return redirect("measure_imports:detail", pk=return_import.pk)


@require_POST
@permission_required(PERMISSION, raise_exception=True)
def discard(request, sha256: str):
    """Delete the uploaded file and its report now, without importing anything (it holds NHS numbers)."""
    staged, _report = _staged_or_404(request, sha256)
    staging.discard(staged)
    messages.success(request, f"{staged.file_name} has been deleted. Nothing was imported.")
    return redirect("measure_imports:upload")


@permission_required(PERMISSION, raise_exception=True)
@require_GET
def detail(request, pk: int):
    """One import: who, when, which file, and how many returns per measure and team."""
    return_import = get_visible_or_404(selectors.imports_visible_to(user=request.user), pk=pk)
    return render(
        request,
        "evaluation/imports/detail.html",
        {
            "return_import": return_import,
            "counts": selectors.import_counts(return_import),
            "breadcrumbs": _crumbs({"label": "Imports", "url": reverse("measure_imports:history")}),
        },
    )


@permission_required(PERMISSION, raise_exception=True)
@require_GET
def history(request):
    """Imports done before, newest first: the evaluation team sees all, others their own."""
    page_obj = Paginator(selectors.imports_visible_to(user=request.user), IMPORTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "evaluation/imports/history.html", {"page_obj": page_obj, "breadcrumbs": _crumbs()}
    )
