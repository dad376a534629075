"""Pages of the annual evaluation report (runs, progress, downloads) and the team performance report."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from recovery_portal.access import get_visible_or_404, require_permission
from recovery_portal.audit import audit_export, audit_list, subjects_of_rows
from recovery_portal.breadcrumbs import trail
from recovery_portal.confirm import confirm_page
from recovery_portal.financial_year import FinancialYear
from recovery_portal.pdf import pdf_response, render_pdf
from teams.selectors import team_queryset

from .. import selectors as measure_selectors
from ..models import PremReturn
from . import rules as _rules  # noqa: F401  (registers the permissions below)
from . import selectors, services
from .forms import StartReportForm
from .sections import display_order
from .team_report import team_performance_report

VIEW = "evaluation.view_annualreportrun"
RESTART = "evaluation.restart_annualreportrun"
START = "evaluation.add_annualreportrun"
VIEW_TEAM = "evaluation.view_team_performance_report"
VIEW_COMMENTS = "evaluation.view_team_comments"


def _list_page(request, form, *, status=200):
    runs = list(selectors.run_list())
    return render(
        request,
        "evaluation/reports/run_list.html",
        {
            "runs": runs,
            "latest": selectors.latest_finished_ids(),
            "form": form,
            "breadcrumbs": trail("reports:list"),
        },
        status=status,
    )


@require_GET
def run_list(request):
    """Every annual report run by year, who asked and when; a form to start one for those who may."""
    require_permission(request.user, VIEW)
    form = StartReportForm() if request.user.has_perm(START) else None
    return _list_page(request, form)


@require_POST
def run_start(request):
    require_permission(request.user, START)
    form = StartReportForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form)
    run, created = services.annual_report_start(
        year=FinancialYear(form.cleaned_data["year"]), by=request.user
    )
    if not created:
        messages.info(
            request, f"A report for {run.year.label} is already being compiled: this is its progress."
        )
    return redirect("reports:run", pk=run.pk)


def _progress_context(run, user) -> dict:
    done = set(selectors.run_sections(run=run))
    return {
        "run": run,
        "sections": [{"title": s.title, "done": s.key in done or run.is_finished} for s in display_order()],
        "can_restart": run.has_stopped() and user.has_perm(RESTART),
    }


@require_GET
def run_detail(request, pk: int):
    """A run: its progress section by section (refreshed by htmx while it runs), then its downloads."""
    require_permission(request.user, VIEW)
    run = get_visible_or_404(selectors.run_detail_queryset(), pk=pk)
    context = _progress_context(run, request.user)
    if request.htmx:
        return render(request, "evaluation/reports/_progress.html", context)
    context["breadcrumbs"] = trail("reports:run")
    return render(request, "evaluation/reports/run_detail.html", context)


def run_restart(request, pk: int):
    """Restart a run that stopped, after confirming on this page; it carries on from where it stopped."""
    require_permission(request.user, RESTART)
    run = get_visible_or_404(selectors.run_detail_queryset(), pk=pk)
    if not run.has_stopped():
        messages.info(request, "This report has not stopped, so there is nothing to restart.")
        return redirect("reports:run", pk=run.pk)
    if request.method == "POST":
        try:
            services.annual_report_restart(run=run, by=request.user)
        except services.RunNotStopped:
            messages.info(request, "This report is already being compiled again: this is its progress.")
        else:
            messages.success(request, f"The report for {run.year.label} has been restarted.")
        return redirect("reports:run", pk=run.pk)
    return confirm_page(
        request,
        caption=f"Annual evaluation report {run.year.label}",
        heading="Restart this report?",
        paragraphs=[
            f"{run.sections_done} of {run.sections_total} sections were compiled before it stopped. They are "
            "kept: the report carries on from where it stopped.",
            "It gets three more attempts. If it stops again, contact the portal administrator.",
        ],
        confirm_label="Restart the report",
        keep_label="No, go back to the report",
        back_url=reverse("reports:run", args=[run.pk]),
    )


def _finished_output(request, pk: int):
    require_permission(request.user, VIEW)
    run = get_visible_or_404(selectors.run_detail_queryset(), pk=pk)
    output = selectors.run_output(run=run)
    if output is None:
        # Only a finished run has a report; nothing half-written is ever offered.
        raise Http404
    return run, output


@require_GET
def run_download_pdf(request, pk: int):
    run, output = _finished_output(request, pk)
    audit_export(request, run, reason=f"annual evaluation report {run.year.label} PDF")
    return pdf_response(bytes(output.pdf), filename=f"annual-evaluation-report-{run.year.label}-run-{run.pk}")


@require_GET
def run_download_html(request, pk: int):
    run, output = _finished_output(request, pk)
    audit_export(request, run, reason=f"annual evaluation report {run.year.label} HTML")
    response = HttpResponse(output.html, content_type="text/html; charset=utf-8")
    name = f"annual-evaluation-report-{run.year.start_year}-{run.year.start_year + 1}-run-{run.pk}.html"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _team_context(request, slug: str, year: int) -> dict:
    require_permission(request.user, VIEW_TEAM)
    team = get_visible_or_404(team_queryset(), slug=slug)
    if not 2000 <= year <= 2100:
        raise Http404
    financial_year = FinancialYear(year)
    return {
        "team": team,
        "year": financial_year,
        "sections": team_performance_report(team=team, year=financial_year),
        "comments": _team_comments(request, team, financial_year),
        "breadcrumbs": trail("reports:team", team),
    }


def _team_comments(request, team, year: FinancialYear):
    """The team's Friends and Family Test comments for its own staff; anyone else's copy has none."""
    if not request.user.has_perm(VIEW_COMMENTS, team):
        return None
    comments = measure_selectors.team_comments(team=team, user=request.user, year=year)
    audit_list(
        request,
        subjects=subjects_of_rows(PremReturn, comments.rows),
        reason=f"Friends and Family Test comments in the team performance report of {team.name} {year.label}",
    )
    return comments


@require_GET
def team_report(request, slug: str, year: int):
    """A team's performance report for a year: printable, with a PDF."""
    return render(request, "evaluation/reports/team_report.html", _team_context(request, slug, year))


@require_GET
def team_report_pdf(request, slug: str, year: int):
    context = _team_context(request, slug, year)
    context.update(generated_at=timezone.localtime(), generated_for=request.user.display_name)
    pdf = render_pdf("pdf/evaluation/team_report.html", context, request=request)
    audit_export(request, context["team"], reason=f"team performance report {context['year'].label} PDF")
    return pdf_response(pdf, filename=f"team-performance-report-{slug}-{year}")
