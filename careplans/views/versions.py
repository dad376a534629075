"""Earlier versions of a plan, what changed between two of them, and the PDF copy."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from recovery_portal.access import get_visible_or_404
from recovery_portal.audit import audit_export, audit_view
from recovery_portal.pdf import pdf_response, render_pdf

from .. import selectors
from ..forms import CompareForm
from .plans import _crumbs, _is_own, _plan_title


def plan_history(request, pk: int):
    """Every saved version of the plan, newest first, and a form to compare two of them."""
    plan = get_visible_or_404(selectors.plan_queryset(user=request.user), pk=pk)
    audit_view(request, plan, reason="plan history")
    page_obj = Paginator(selectors.plan_versions(plan), selectors.VERSIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    own = _is_own(request, plan)
    responses = selectors.plan_responses(plan)
    for version in page_obj.object_list:
        version.responses = responses.get(version.number, [])
    return render(
        request,
        "careplans/plan_history.html",
        {
            "plan": plan,
            "own": own,
            "title": _plan_title(plan, own),
            "page_obj": page_obj,
            "versions": page_obj.object_list,
            "form": CompareForm(initial={"old": max(plan.version - 1, 1), "new": plan.version}),
            "breadcrumbs": _crumbs(request, "plan-history", plan),
        },
    )


def plan_version(request, pk: int, number: int):
    """One earlier version of the plan, exactly as it read when it was saved."""
    plan = get_visible_or_404(selectors.plan_queryset(user=request.user), pk=pk)
    try:
        version = selectors.plan_version_get(plan=plan, number=number)
    except plan.versions.model.DoesNotExist:
        raise Http404 from None
    audit_view(request, plan, reason=f"plan version {number}")
    own = _is_own(request, plan)
    return render(
        request,
        "careplans/plan_version.html",
        {
            "plan": plan,
            "own": own,
            "title": _plan_title(plan, own),
            "version": version,
            "responses": selectors.plan_responses(plan).get(version.number, []),
            "sections": selectors.snapshot_sections(plan, version.content),
            "details": version.content.get("details", {}),
            "breadcrumbs": _crumbs(request, "plan-version", plan),
        },
    )


def plan_compare(request, pk: int):
    """What changed between two versions: added words marked as inserted, removed words as deleted."""
    plan = get_visible_or_404(selectors.plan_queryset(user=request.user), pk=pk)
    audit_view(request, plan, reason="compare plan versions")
    form = CompareForm(request.GET or None, latest=plan.version)
    diff = old = new = None
    own = _is_own(request, plan)
    if form.is_valid():
        numbers = sorted([form.cleaned_data["old"], form.cleaned_data["new"]])
        versions = {
            v.number: v for v in plan.versions.select_related("created_by").filter(number__in=numbers)
        }
        if len(versions) == 2:
            old, new = versions[numbers[0]], versions[numbers[1]]
            diff = selectors.version_diff(plan=plan, old=old, new=new, own=own)
    return render(
        request,
        "careplans/plan_compare.html",
        {
            "plan": plan,
            "own": own,
            "title": _plan_title(plan, own),
            "form": form,
            "diff": diff,
            "old": old,
            "new": new,
            "breadcrumbs": _crumbs(request, "plan-compare", plan),
        },
    )


def plan_pdf(request, pk: int):
    """A PDF copy of the plan as it reads now, with whose words each entry is."""
    plan = get_visible_or_404(selectors.plan_detail_queryset(user=request.user), pk=pk)
    audit_export(request, obj=plan, reason="plan PDF")
    own = _is_own(request, plan)
    pdf = render_pdf(
        "pdf/careplans/plan.html",
        {
            "plan": plan,
            "person": plan.person,
            "title": _plan_title(plan, own),
            "own": own,
            "sections": selectors.plan_sections(plan),
            "generated_at": timezone.now(),
            "generated_for": request.user.display_name,
        },
        request=request,
    )
    # No name in the file name: downloads may sit on a shared device.
    return pdf_response(pdf, filename=f"{plan.get_kind_display()} {timezone.localdate():%Y-%m-%d}")
