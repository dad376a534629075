"""A student's own pages: joining, enrolling, their courses, certificates, feedback and learning plans."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from recovery_portal import rate_limits
from recovery_portal.access import get_visible_or_404, require_permission
from recovery_portal.audit import audit_export, audit_view
from recovery_portal.breadcrumbs import trail
from recovery_portal.confirm import confirm_page
from recovery_portal.form_flow import submit
from recovery_portal.pdf import pdf_response, render_pdf

from .. import selectors, services
from ..forms import (
    FeedbackForm,
    JoinForm,
    LearningPlanForm,
    LearningPlanStartForm,
    LearningPlanTutorForm,
    WithdrawForm,
)
from ..models import EnrolmentStatus, RunStatus
from .common import posted, safe_next


def _first_message(problem: ValidationError) -> str:
    return problem.messages[0]


def join(request):
    """A signed-in person (staff, or someone with a care record) becomes a student with their own login."""
    if selectors.student_for(user=request.user) is not None:
        return redirect("college:my-courses")
    form = JoinForm(posted(request))
    if submit(
        request, form, lambda data: services.student_join(user=request.user, phone=data["phone"])
    ).saved:
        messages.success(request, "You are now a Recovery College student.")
        return redirect(safe_next(request) or "college:prospectus")
    return render(request, "college/join.html", {"form": form, "breadcrumbs": trail("college:join")})


@require_POST
def enrol(request, pk: int):
    """Ask for a place: enrolled while places remain, otherwise on the waiting list."""
    run = get_visible_or_404(
        selectors.run_detail_queryset(user=request.user), pk=pk, status=RunStatus.PUBLISHED
    )
    if rate_limits.limited(request, "enrolment", account=request.user.get_username()):
        return rate_limits.too_many(request, wait_minutes=60)
    student = selectors.student_for(user=request.user)
    if student is None:
        messages.info(request, "Join the Recovery College first, then ask for your place.")
        return redirect(f"{reverse('college:join')}?next={reverse('college:run', args=[run.pk])}")
    try:
        enrolment = services.enrolment_request(student=student, run=run, by=request.user)
    except ValidationError as problem:
        messages.error(request, _first_message(problem))
    else:
        if enrolment.status == "enrolled":
            messages.success(request, f"You have a place on {run.course.title}.")
        else:
            position = selectors.waiting_position(enrolment=enrolment)
            messages.success(
                request,
                f"The course is full, so you are number {position} on the waiting list. "
                "We will email you if a place comes free.",
            )
    return redirect("college:run", pk=run.pk)


def my_courses(request):
    """The signed-in student's courses: places, offers, waiting list positions and sessions attended."""
    student = selectors.student_for(user=request.user)
    plans = (
        list(selectors.learning_plan_queryset(user=request.user).filter(student=student)) if student else []
    )
    if student is not None:
        audit_view(request, student, reason="own Recovery College courses")
    return render(
        request,
        "college/my_courses.html",
        {
            "student": student,
            "enrolments": selectors.student_enrolments(user=request.user) if student else [],
            "plans": plans,
            # This term's plan, and a later term's where the student has a course, when there is none yet.
            "plans_to_start": selectors.learning_plan_terms(student=student) if student else [],
            "breadcrumbs": trail("college:my-courses"),
        },
    )


def _after_change(request, enrolment) -> str:
    if enrolment.student.user_id == request.user.pk:
        return reverse("college:my-courses")
    return reverse("college:run-students", args=[enrolment.run_id])


def enrolment_cancel(request, pk: int):
    """Give up a place, an offer or a place on the waiting list, after confirming on a page of its own."""
    enrolment = get_visible_or_404(selectors.enrolment_queryset(user=request.user), pk=pk)
    require_permission(request.user, "college.change_enrolment", enrolment)
    back_url = _after_change(request, enrolment)
    if refusal := services.enrolment_cancel_refusal(enrolment=enrolment):
        messages.error(request, refusal)
        return redirect(back_url)
    title = enrolment.run.course.title
    own = enrolment.student.user_id == request.user.pk
    if request.method == "POST":
        try:
            services.enrolment_cancel(
                enrolment=enrolment, by=request.user, reason="Cancelled by the student or college"
            )
        except ValidationError as problem:
            messages.error(request, _first_message(problem))
        else:
            messages.success(request, f"Cancelled: {title}. The place goes to the next person waiting.")
        return redirect(back_url)
    waiting = enrolment.status == EnrolmentStatus.WAITING
    if own:
        heading = (
            f"Are you sure you want to leave the waiting list for {title}?"
            if waiting
            else f"Are you sure you want to give up your place on {title}?"
        )
        warning = "You cannot undo this. If you change your mind you will need to ask for a place again."
        confirm_label = "Yes, leave the waiting list" if waiting else "Yes, give up my place"
        keep_label = "No, keep my place"
    else:
        who = enrolment.student.user.display_name
        heading = (
            f"Remove {who} from the waiting list for {title}?"
            if waiting
            else f"Cancel {who}'s place on {title}?"
        )
        warning = "The place will be offered to the next person on the waiting list. You cannot undo this."
        confirm_label = "Yes, remove them" if waiting else "Yes, cancel the place"
        keep_label = "No, go back"
    return confirm_page(
        request,
        heading=heading,
        caption=enrolment.run.term.name,
        warning=warning,
        confirm_label=confirm_label,
        keep_label=keep_label,
        back_url=back_url,
    )


def enrolment_withdraw(request, pk: int):
    """The college team withdraws a student from a course that has started, with a reason.

    Their attendance stays on record; the place is not offered to anyone else.
    """
    enrolment = get_visible_or_404(selectors.enrolment_queryset(user=request.user), pk=pk)
    require_permission(request.user, "college.manage_college", enrolment)
    back_url = reverse("college:run-students", args=[enrolment.run_id])
    if refusal := services.enrolment_withdraw_refusal(enrolment=enrolment):
        messages.error(request, refusal)
        return redirect(back_url)
    form = WithdrawForm(posted(request))
    if submit(
        request,
        form,
        lambda data: services.enrolment_withdraw(enrolment=enrolment, by=request.user, reason=data["reason"]),
    ).saved:
        messages.success(
            request,
            f"{enrolment.student.user.display_name} is withdrawn from {enrolment.run.course.title}. "
            "Their attendance is kept.",
        )
        return redirect(back_url)
    audit_view(request, enrolment, reason="withdrawing a student")
    return confirm_page(
        request,
        heading=f"Withdraw {enrolment.student.user.display_name} from {enrolment.run.course.title}?",
        caption=enrolment.run.term.name,
        paragraphs=[
            "The sessions they attended stay on their record. Their place is not offered to anyone else, "
            "because the course has started."
        ],
        confirm_label="Withdraw the student",
        back_url=back_url,
        form=form,
    )


@require_POST
def offer_accept(request, pk: int):
    enrolment = get_visible_or_404(selectors.enrolment_queryset(user=request.user), pk=pk)
    require_permission(request.user, "college.change_enrolment", enrolment)
    try:
        services.enrolment_offer_accept(enrolment=enrolment, by=request.user)
    except ValidationError as problem:
        messages.error(request, _first_message(problem))
    else:
        messages.success(request, f"You have a place on {enrolment.run.course.title}.")
    return redirect("college:my-courses")


def certificate(request, pk: int):
    """A certificate of completion, for a completed course, to the student or the college team."""
    enrolment = get_visible_or_404(selectors.enrolment_queryset(user=request.user), pk=pk)
    require_permission(request.user, "college.download_certificate", enrolment)
    if not selectors.enrolment_is_complete(enrolment=enrolment):
        raise Http404("The course is not completed yet")
    audit_export(request, enrolment, reason="Recovery College certificate")
    pdf = render_pdf(
        "pdf/college/certificate.html",
        {
            "enrolment": enrolment,
            "service_name": "Recovery College",
            "generated_at": timezone.now(),
            "generated_for": enrolment.student.user.display_name,
        },
        request=request,
    )
    return pdf_response(pdf, filename=f"certificate {enrolment.run.course.title}")


def feedback(request, pk: int):
    enrolment = get_visible_or_404(selectors.enrolment_queryset(user=request.user), pk=pk)
    require_permission(request.user, "college.give_feedback", enrolment)
    form = FeedbackForm(posted(request))
    if submit(
        request, form, lambda data: services.feedback_give(enrolment=enrolment, by=request.user, **data)
    ).saved:
        messages.success(request, "Thank you for your feedback.")
        return redirect("college:my-courses")
    audit_view(request, enrolment, reason="Recovery College feedback")
    return render(
        request,
        "college/feedback.html",
        {"form": form, "enrolment": enrolment, "breadcrumbs": trail("college:feedback", enrolment)},
    )


def learning_plan_start(request):
    """Start the student's learning plan for the current term, or (``?term=``) a later term they have a
    course in."""
    student = selectors.student_for(user=request.user)
    if student is None:
        raise Http404
    chosen = request.GET.get("term")
    if chosen:
        term = next((t for t in selectors.learning_plan_terms(student=student) if str(t.pk) == chosen), None)
    else:
        term = selectors.current_term()
    if term is None:
        raise Http404
    form = LearningPlanStartForm(posted(request))
    outcome = submit(
        request,
        form,
        lambda data: services.learning_plan_start(student=student, term=term, by=request.user, **data),
    )
    if outcome.saved:
        messages.success(request, f"Your learning plan for {term.name} is saved.")
        return redirect("college:learning-plan", pk=outcome.result.pk)
    return render(
        request,
        "college/learning_plan_start.html",
        {"form": form, "term": term, "breadcrumbs": trail("college:learning-plan-start")},
    )


def learning_plan_detail(request, pk: int):
    plan = get_visible_or_404(selectors.learning_plan_queryset(user=request.user), pk=pk)
    audit_view(request, plan, reason="Recovery College learning plan")
    return render(
        request,
        "college/learning_plan_detail.html",
        {
            "plan": plan,
            "courses": selectors.learning_plan_courses(plan=plan),
            "can_change": request.user.has_perm("college.change_learning_plan", plan),
            "breadcrumbs": trail("college:learning-plan", plan, viewer=request.user),
        },
    )


def learning_plan_edit(request, pk: int):
    plan = get_visible_or_404(selectors.learning_plan_queryset(user=request.user), pk=pk)
    require_permission(request.user, "college.change_learning_plan", plan)
    form_class = (
        LearningPlanTutorForm if request.user.has_perm("college.choose_personal_tutor") else LearningPlanForm
    )
    form = form_class(posted(request), instance=plan)
    outcome = submit(
        request,
        form,
        lambda data: services.learning_plan_save(
            plan=plan,
            by=request.user,
            expected_version=data["version"],
            **{name: data[name] for name in form.changed_data if name != "version"},
        ),
        what="learning plan",
        compare=[name for name in form.fields if name != "version"],
    )
    if outcome.saved:
        messages.success(request, "The learning plan is saved.")
        return redirect("college:learning-plan", pk=plan.pk)
    audit_view(request, plan, reason="Recovery College learning plan, to change")
    return render(
        request,
        "college/learning_plan_edit.html",
        {
            "form": form,
            "plan": plan,
            "breadcrumbs": trail("college:learning-plan-edit", plan, viewer=request.user),
            **outcome.context,
        },
        status=outcome.status,
    )
