"""Pages of trainers and the college team: a run's students, publishing, registers, dashboard, fidelity."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from recovery_portal.access import get_visible_or_404, require_permission
from recovery_portal.audit import audit_list, audit_view, students
from recovery_portal.breadcrumbs import trail
from recovery_portal.form_flow import submit

from .. import selectors, services
from ..forms import FidelityRatingForm, SessionRegisterForm
from ..models import RECOLLECT_COMPONENTS, RECOLLECT_URL, Term, Venue
from .common import posted


def run_students(request, pk: int):
    """A run's places, offers and waiting list in order, and its sessions' registers."""
    run = get_visible_or_404(selectors.run_detail_queryset(user=request.user), pk=pk)
    require_permission(request.user, "college.view_run_students", run)
    roster = selectors.run_roster(run=run)
    shown = [e.student_id for group in ("holding", "waiting", "withdrawn") for e in roster[group]]
    audit_view(request, run, reason="Recovery College run students", subjects=students(shown))
    return render(
        request,
        "college/run_students.html",
        {
            "run": run,
            "roster": roster,
            "can_publish": request.user.has_perm("college.publish_run") and run.status == "draft",
            "can_manage": request.user.has_perm("college.manage_college"),
            "now": timezone.now(),
            "breadcrumbs": trail("college:run-students", run),
        },
    )


@require_POST
def run_publish(request, pk: int):
    run = get_visible_or_404(selectors.run_detail_queryset(user=request.user), pk=pk)
    require_permission(request.user, "college.publish_run", run)
    try:
        services.run_publish(run=run, by=request.user)
    except ValidationError as problem:
        messages.error(request, problem.messages[0])
    else:
        messages.success(request, f"{run.course.title} is in the prospectus.")
    return redirect("college:run-students", pk=run.pk)


def session_register(request, pk: int):
    """The register of one session: present or absent for each student with a place."""
    session = get_visible_or_404(selectors.session_queryset(user=request.user), pk=pk)
    require_permission(request.user, "college.take_register", session.run)
    rows = selectors.session_register(session=session)
    form = SessionRegisterForm(posted(request), rows=rows)
    outcome = submit(
        request,
        form,
        lambda data: services.attendance_record(session=session, marks=form.marks(), by=request.user),
    )
    if outcome.saved:
        messages.success(
            request, f"Register saved for session {session.number} of {session.run.course.title}."
        )
        return redirect("college:register", pk=session.pk)
    audit_list(
        request, subjects=students(e.student_id for e in rows), reason="Recovery College session register"
    )
    return render(
        request,
        "college/session_register.html",
        {
            "session": session,
            "rows": rows,
            "form": form,
            "in_future": session.starts_at > timezone.now(),
            "breadcrumbs": trail("college:register", session),
        },
    )


@permission_required("college.view_dashboard", raise_exception=True)
def dashboard(request):
    """The college's figures by term and by venue, for the college team."""
    term = Term.objects.filter(slug=request.GET.get("term") or "").first()
    venue = Venue.objects.filter(slug=request.GET.get("venue") or "").first()
    return render(
        request,
        "college/dashboard.html",
        {
            "figures": selectors.college_figures(term=term, venue=venue),
            "by_term": selectors.college_figures_by_term(venue=venue),
            "by_venue": selectors.college_figures_by_venue(term=term),
            "terms": Term.objects.order_by("start_date"),
            "venues": Venue.objects.order_by("name"),
            "term": term,
            "venue": venue,
            "breadcrumbs": trail("college:dashboard"),
        },
    )


@permission_required("college.rate_fidelity", raise_exception=True)
def fidelity(request):
    """The yearly RECOLLECT fidelity self-rating: scores stored here, the measure itself linked."""
    form = FidelityRatingForm(posted(request))
    outcome = submit(
        request,
        form,
        lambda data: services.fidelity_rating_save(
            year=data["year"],
            scores={name: data[name] for name, _ in RECOLLECT_COMPONENTS},
            notes=data["notes"],
            by=request.user,
        ),
    )
    if outcome.saved:
        rating = outcome.result
        messages.success(request, f"RECOLLECT fidelity for {rating.year} saved: {rating.total} out of 14.")
        return redirect("college:fidelity")
    return render(
        request,
        "college/fidelity.html",
        {
            "form": form,
            "ratings": selectors.fidelity_ratings(),
            "recollect_url": RECOLLECT_URL,
            "breadcrumbs": trail("college:fidelity"),
        },
    )


@permission_required("college.view_learning_plan_list", raise_exception=True)
def learning_plans(request):
    """The learning plans of the students a tutor teaches (every student's for the college team), with
    whether each term has been reviewed."""
    plans = selectors.learning_plan_list(user=request.user)
    audit_list(
        request,
        subjects=students(sorted({plan.student_id for plan in plans})),
        reason="Recovery College learning plans",
    )
    today = timezone.localdate()
    for plan in plans:
        plan.review_due = not plan.review_outcome and plan.term.end_date < today
    return render(
        request,
        "college/learning_plans.html",
        {"plans": plans, "breadcrumbs": trail("college:learning-plans")},
    )
