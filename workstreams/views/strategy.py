"""The strategy overview, a workstream's page, its goals and its annual reports."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from rules.contrib.views import permission_required

from recovery_portal.access import get_visible_or_404, require_permission
from recovery_portal.breadcrumbs import trail
from recovery_portal.financial_year import FinancialYear
from recovery_portal.form_flow import submit

from .. import selectors, services
from ..forms import AnnualReportForm, GoalForm


@permission_required("workstreams.view_workstream", raise_exception=True)
def workstream_list(request):
    """The strategy overview: the seven workstreams under their conversation domains, with their leads,
    ImROC challenges and a RAG summary of their open actions."""
    return render(
        request,
        "workstreams/list.html",
        {"domains": selectors.workstream_list_by_domain(), "breadcrumbs": trail("workstreams:list")},
    )


@permission_required("workstreams.view_workstream", raise_exception=True)
def workstream_detail(request, slug: str):
    """One workstream: its leads, goals (with measures) and their actions, and its annual reports."""
    workstream = get_visible_or_404(selectors.workstream_detail_queryset(), slug=slug)
    return render(
        request,
        "workstreams/detail.html",
        {
            "workstream": workstream,
            "can_edit": request.user.has_perm("workstreams.change_workstream", workstream),
            "current_year": FinancialYear.current(),
            "breadcrumbs": trail("workstreams:detail", workstream),
        },
    )


def _goal_page(request, form, workstream, goal=None, outcome=None):
    return render(
        request,
        "workstreams/goal_form.html",
        {
            "form": form,
            "workstream": workstream,
            "goal": goal,
            "breadcrumbs": trail("workstreams:goal-create", workstream),
            **(outcome.context if outcome else {}),
        },
        status=outcome.status if outcome else 200,
    )


def _goal_values(form) -> dict:
    values = dict(form.cleaned_data)
    values.pop("version", None)
    return {"challenges": values.pop("challenges"), **values}


def goal_create(request, slug: str):
    workstream = get_visible_or_404(selectors.workstream_list(), slug=slug)
    require_permission(request.user, "workstreams.change_workstream", workstream)
    if request.method == "POST":
        form = GoalForm(request.POST)
    else:
        form = GoalForm(
            initial={"domain": workstream.domain, "challenges": list(workstream.challenges.all())}
        )
    outcome = submit(
        request,
        form,
        lambda data: services.goal_create(workstream=workstream, by=request.user, **_goal_values(form)),
        what="goal",
    )
    if outcome.saved:
        goal = outcome.result
        messages.success(request, f"Goal added: {goal.title}")
        return redirect(f"{reverse('workstreams:detail', args=[slug])}#goal-{goal.pk}")
    return _goal_page(request, form, workstream)


def goal_edit(request, pk: int):
    goal = get_visible_or_404(selectors.goal_queryset(), pk=pk)
    workstream = goal.workstream
    require_permission(request.user, "workstreams.change_workstream", workstream)
    form = GoalForm(
        request.POST or None,
        initial={
            **{name: getattr(goal, name) for name in GoalForm.base_fields if name != "challenges"},
            "challenges": list(goal.challenges.all()),
        },
    )
    outcome = submit(
        request,
        form,
        lambda data: services.goal_update(
            goal=goal, by=request.user, expected_version=data["version"], **_goal_values(form)
        ),
        what="goal",
    )
    if outcome.saved:
        messages.success(request, f"Goal updated: {goal.title}")
        return redirect(f"{reverse('workstreams:detail', args=[workstream.slug])}#goal-{goal.pk}")
    return _goal_page(request, form, workstream, goal, outcome=outcome)


def _report_year(year: int) -> FinancialYear:
    if not 2000 <= year <= 2100:
        raise Http404
    return FinancialYear(year)


@permission_required("workstreams.view_workstream", raise_exception=True)
def annual_report(request, slug: str, year: int):
    """A workstream's annual report: the leads' narrative and the figures the portal computes."""
    financial_year = _report_year(year)
    workstream = get_visible_or_404(selectors.workstream_list(), slug=slug)
    return render(
        request,
        "workstreams/annual_report.html",
        {
            "workstream": workstream,
            "year": financial_year,
            "report": selectors.workstream_annual_report_get(workstream=workstream, year=year),
            "figures": selectors.workstream_annual_figures(workstream=workstream, year=year),
            "can_edit": request.user.has_perm("workstreams.change_workstream", workstream),
            "breadcrumbs": trail("workstreams:annual-report", workstream),
        },
    )


REPORT_FIELDS = ("achievements", "challenges", "priorities_next_year")


def annual_report_edit(request, slug: str, year: int):
    """Write or revise the narrative. A save built on an older version is refused and both texts shown."""
    financial_year = _report_year(year)
    workstream = get_visible_or_404(selectors.workstream_list(), slug=slug)
    require_permission(request.user, "workstreams.change_workstream", workstream)
    report = selectors.workstream_annual_report_get(workstream=workstream, year=year)
    initial = {"version": report.version if report else 1}
    if report:
        initial |= {name: getattr(report, name) for name in REPORT_FIELDS}
    form = AnnualReportForm(request.POST or None, initial=initial)
    outcome = submit(
        request,
        form,
        lambda data: services.workstream_annual_report_save(
            workstream=workstream,
            year=year,
            expected_version=data["version"],
            by=request.user,
            **{name: data[name] for name in REPORT_FIELDS},
        ),
        what="report",
        compare=REPORT_FIELDS,
    )
    if outcome.saved:
        messages.success(request, f"Annual report {financial_year} saved")
        return redirect("workstreams:annual-report", slug=slug, year=year)
    return render(
        request,
        "workstreams/annual_report_form.html",
        {
            "form": form,
            "workstream": workstream,
            "year": financial_year,
            **outcome.context,
            "breadcrumbs": trail(
                "workstreams:annual-report-edit",
                workstream,
                (
                    f"Annual report {financial_year}",
                    reverse("workstreams:annual-report", args=[workstream.slug, year]),
                ),
            ),
        },
        status=outcome.status,
    )
