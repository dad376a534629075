"""Public pages: the prospectus, courses, runs, the calendar feed and registering as a student."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from recovery_portal import rate_limits
from recovery_portal.access import get_visible_or_404
from recovery_portal.breadcrumbs import trail
from recovery_portal.form_flow import submit

from .. import selectors, services
from ..forms import StudentRegistrationForm
from ..ical import sessions_calendar
from ..models import EnrolmentStatus
from .common import posted, safe_next

RUNS_PER_PAGE = 20


@login_not_required
@require_GET
def prospectus(request):
    """This year's courses, for anyone: search and filter by term, subject, venue, in person or online."""
    found = selectors.prospectus(filters=request.GET)
    page_obj = Paginator(found.qs, RUNS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "college/prospectus.html",
        {
            "filter": found,
            "page_obj": page_obj,
            "runs": page_obj.object_list,
            "query_string": query.urlencode(),
            "is_filtered": any(value for key, value in request.GET.items() if key != "page"),
            "breadcrumbs": trail("college:prospectus"),
        },
    )


@login_not_required
@require_GET
def course_detail(request, slug: str):
    course = selectors.course_detail(slug=slug)
    if course is None:
        raise Http404
    return render(
        request,
        "college/course_detail.html",
        {"course": course, "breadcrumbs": trail("college:course", course)},
    )


@login_not_required
@require_GET
def run_detail(request, pk: int):
    """A run: sessions, venue, trainers, places; and, for a signed-in student, where they stand."""
    run = get_visible_or_404(selectors.run_detail_queryset(user=request.user), pk=pk)
    student = selectors.student_for(user=request.user)
    enrolment = None
    if student is not None:
        enrolment = next(
            (e for e in student.enrolments.exclude(status=EnrolmentStatus.CANCELLED).filter(run=run)), None
        )
    return render(
        request,
        "college/run_detail.html",
        {
            "run": run,
            "student": student,
            "enrolment": enrolment,
            "waiting_position": selectors.waiting_position(enrolment=enrolment) if enrolment else None,
            "can_see_students": request.user.has_perm("college.view_run_students", run),
            "has_started": run.first_session_at is not None and run.first_session_at <= timezone.now(),
            "breadcrumbs": trail("college:run", run),
        },
    )


@login_not_required
@require_GET
def calendar_feed(request):
    """Every published session from the past month on, as an iCalendar feed to subscribe to; a cancelled
    run's sessions stay in it, marked cancelled. Event UIDs use the configured domain, not the Host header."""
    text = sessions_calendar(selectors.calendar_sessions())
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="recovery-college.ics"'
    return response


@login_not_required
def register(request):
    """Register as a student with an e-mail address, confirmed by a link before the account can sign in
    and enrol. The answer is the same whether or not the address already has an account (ADR 0027)."""
    if request.user.is_authenticated:
        return redirect("college:join")
    form = StudentRegistrationForm(posted(request))
    # Counted before the service is called, as every valid attempt is, whatever its answer.
    if request.method == "POST" and form.is_valid():
        if rate_limits.limited(request, "registration", account=form.cleaned_data["email"]):
            return rate_limits.too_many(request, wait_minutes=60)
    outcome = submit(
        request,
        form,
        lambda data: services.student_register(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            password=data["password1"],
            student_type=data["student_type"],
            phone=data["phone"],
        ),
    )
    if outcome.saved:
        email, student = form.cleaned_data["email"], outcome.result
        confirm_url = ""
        if student is not None:
            token = services.email_confirmation_token(student.user)
            confirm_url = request.build_absolute_uri(reverse("college:confirm-email", args=[token]))
        services.student_registration_email(email=email, student=student, confirm_url=confirm_url)
        return render(
            request,
            "college/register_check_email.html",
            {"email": email, "breadcrumbs": trail("college:register-student")},
        )
    return render(
        request,
        "college/register.html",
        {"form": form, "next": safe_next(request), "breadcrumbs": trail("college:register-student")},
    )


@login_not_required
def confirm_email(request, token: str):
    """The link from the registration e-mail: confirms the address once, then the student signs in."""
    user = services.student_email_confirm(token=token)
    if user is None:
        return render(
            request,
            "college/confirm_email_failed.html",
            {"breadcrumbs": trail("college:confirm-email")},
            status=400,
        )
    messages.success(request, "Your email address is confirmed. Sign in with it to choose your courses.")
    return redirect(f"{reverse('login')}?next={reverse('college:prospectus')}")
