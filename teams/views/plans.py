"""The plan page, starting a plan, agreeing it, reviewing it, its history, print view and PDF."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from rules.contrib.views import permission_required

from recovery_portal.access import get_visible_or_404, require_permission
from recovery_portal.audit import audit_export
from recovery_portal.breadcrumbs import trail
from recovery_portal.financial_year import FinancialYear
from recovery_portal.form_flow import submit
from recovery_portal.pdf import pdf_response, render_pdf

from .. import selectors, services
from ..forms import AgreeForm, PlanStartForm, ReviewForm
from ..models import ReviewKind
from ..presenters import plan_document, plan_steps
from ._editing import editable_plan


@permission_required("teams.view_teamrecoveryplan", raise_exception=True)
def plan_detail(request, pk: int):
    """The whole plan, its status and the steps to complete it; every member of staff may read it."""
    plan = get_visible_or_404(selectors.plan_detail_queryset(), pk=pk)
    can_edit = request.user.has_perm("teams.change_teamrecoveryplan", plan)
    return render(
        request,
        "teams/plan_detail.html",
        {
            "plan": plan,
            "document": plan_document(plan),
            "steps": plan_steps(plan) if can_edit and not plan.is_closed else [],
            "can_edit": can_edit and not plan.is_closed,
            "can_agree": request.user.has_perm("teams.agree_teamrecoveryplan", plan),
            "can_review": can_edit and bool(services.plan_review_kinds_due(plan)),
            "breadcrumbs": trail("teams:plan", plan),
        },
    )


@permission_required("teams.view_teamrecoveryplan", raise_exception=True)
def plan_print(request, pk: int):
    """The plan laid out to print for the away day."""
    plan = get_visible_or_404(selectors.plan_detail_queryset(), pk=pk)
    return render(
        request,
        "teams/plan_print.html",
        {"plan": plan, "document": plan_document(plan), "breadcrumbs": trail("teams:plan-history", plan)},
    )


@permission_required("teams.view_teamrecoveryplan", raise_exception=True)
def plan_pdf(request, pk: int):
    """The plan as a PDF to share before and at the away day."""
    plan = get_visible_or_404(selectors.plan_detail_queryset(), pk=pk)
    pdf = render_pdf(
        "pdf/teams/plan.html",
        {
            "plan": plan,
            "document": plan_document(plan),
            "service_name": "Recovery Portal",
            "trust_name": settings.TRUST_NAME,
            "generated_at": timezone.now(),
            "generated_for": request.user.display_name,
        },
        request=request,
    )
    audit_export(request, plan, reason="Team Recovery Plan PDF")
    return pdf_response(pdf, filename=f"team-recovery-plan-{plan.team.slug}-{plan.financial_year}")


@permission_required("teams.view_teamrecoveryplan", raise_exception=True)
def plan_history(request, pk: int):
    """Every recorded change to the plan and its parts, newest first."""
    plan = get_visible_or_404(selectors.plan_queryset(), pk=pk)
    return render(
        request,
        "teams/plan_history.html",
        {
            "plan": plan,
            "entries": selectors.plan_change_history(plan=plan),
            "breadcrumbs": trail("teams:plan-history", plan),
        },
    )


@permission_required("teams.view_team", raise_exception=True)
def plan_start(request, slug: str):
    """Start the team's plan for this year or next, carrying forward the unfinished actions it chooses."""
    team = get_visible_or_404(selectors.team_queryset(), slug=slug)
    require_permission(request.user, "teams.start_teamrecoveryplan", team)
    taken = {plan.year for plan in selectors.team_plans(team=team).plans}
    current = FinancialYear.current()
    years = [year for year in (current, current.next()) if year.start_year not in taken]
    open_actions = (
        selectors.plan_actions_to_carry_forward(team=team, year=years[0].start_year)
        if years and team.is_clinical
        else []
    )
    form = PlanStartForm(request.POST or None, years=years, open_actions=open_actions)
    if years and team.is_clinical:
        outcome = submit(
            request,
            form,
            lambda data: services.plan_start(
                team=team,
                year=data["year"],
                carry_forward=form.chosen_actions(),
                new_due_dates=form.new_due_dates(),
                by=request.user,
            ),
        )
        if outcome.saved:
            plan = outcome.result
            messages.success(request, f"Plan for {plan.financial_year} started.")
            return redirect("teams:plan", pk=plan.pk)
    return render(
        request,
        "teams/plan_start.html",
        {"team": team, "form": form, "years": years, "breadcrumbs": trail("teams:plan-start", team)},
    )


def plan_agree(request, pk: int):
    """A team manager marks the plan agreed, tied to the version they read."""
    plan = get_visible_or_404(selectors.plan_detail_queryset(), pk=pk)
    require_permission(request.user, "teams.agree_teamrecoveryplan", plan)
    form = AgreeForm(request.POST or None, initial={"version": plan.version})
    outcome = submit(
        request,
        form,
        lambda data: services.plan_agree(plan=plan, expected_version=data["version"], by=request.user),
        what="plan",
        # Agreement is tied to the version read: the page shows the plan as it now is to agree again.
        compare=lambda current: [],
    )
    if outcome.saved:
        messages.success(request, "The plan is agreed.")
        return redirect("teams:plan", pk=plan.pk)
    if outcome.stale is not None:
        plan = get_visible_or_404(selectors.plan_detail_queryset(), pk=pk)
    return render(
        request,
        "teams/plan_agree.html",
        {
            "plan": plan,
            "form": form,
            "document": plan_document(plan),
            "problems": services.plan_agreement_problems(plan),
            "breadcrumbs": trail("teams:plan-history", plan),
        },
        status=outcome.status,
    )


def plan_review(request, pk: int):
    """Record the mid-year or the year-end review, with the challenges rated again."""
    plan = editable_plan(request, pk)
    ratings = list(plan.ratings.select_related("challenge"))
    kinds = services.plan_review_kinds_due(plan)
    form = ReviewForm(request.POST or None, ratings=ratings, kinds=kinds, initial={"version": plan.version})

    def compare(current):
        # The ratings the plan now has beside the stages typed in this review.
        typed = form.stages()
        return [
            {
                "label": rating.challenge.title,
                "theirs": rating.get_stage_display() or "Not rated",
                "yours": dict(form.fields[f"stage_{rating.challenge_id}"].choices).get(
                    typed.get(rating.challenge_id, ""), ""
                )
                or "Not rated again",
            }
            for rating in current.ratings.select_related("challenge")
        ]

    outcome = submit(
        request,
        form,
        lambda data: services.plan_review_record(
            plan=plan,
            kind=data["kind"],
            held_on=data["held_on"],
            progress=data["progress"],
            stages=form.stages(),
            expected_version=data["version"],
            by=request.user,
        ),
        what="plan",
        compare=compare,
    )
    if outcome.saved:
        messages.success(request, f"{ReviewKind(form.cleaned_data['kind']).label} recorded.")
        return redirect("teams:plan", pk=plan.pk)
    return render(
        request,
        "teams/plan_review.html",
        {
            "plan": plan,
            "form": form,
            "kinds": kinds,
            "breadcrumbs": trail("teams:plan-history", plan),
            **outcome.context,
        },
        status=outcome.status,
    )
