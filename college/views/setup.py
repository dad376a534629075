"""The college team sets up courses and their runs, and the terms and venues runs need."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from rules.contrib.views import permission_required

from recovery_portal.breadcrumbs import trail
from recovery_portal.form_flow import submit

from .. import selectors, services
from ..models import Course, Term, Venue
from ..setup_forms import CourseForm, RunForm, TermForm, VenueForm
from .common import posted

COURSES_PER_PAGE = 50

manage_college = permission_required("college.manage_college", raise_exception=True)


@manage_college
def course_list(request):
    """Every course, including those never run, with its number of runs; and the terms and venues."""
    page_obj = Paginator(selectors.setup_courses(), COURSES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "college/setup/course_list.html",
        {
            "page_obj": page_obj,
            "courses": page_obj.object_list,
            "breadcrumbs": trail("college:setup-courses"),
        },
    )


@manage_college
def course_create(request):
    form = CourseForm(posted(request))
    course = submit(request, form, lambda data: services.course_create(by=request.user, **data)).result
    if course:
        messages.success(request, f"{course.title} is set up. Add a run of it when you are ready.")
        return redirect("college:setup-course", pk=course.pk)
    return render(
        request,
        "college/setup/course_form.html",
        {"form": form, "course": None, "breadcrumbs": trail("college:setup-course-new")},
    )


@manage_college
def course_edit(request, pk: int):
    """Change a course; its runs are listed below, each with a link to its students and registers."""
    course = get_object_or_404(Course, pk=pk)
    form = CourseForm(posted(request), instance=course)
    changed = submit(
        request,
        form,
        lambda data: services.course_save(
            course=course, by=request.user, **{name: data[name] for name in form.changed_data}
        ),
    ).result
    if changed:
        messages.success(request, f"{changed.title} is saved.")
        return redirect("college:setup-course", pk=changed.pk)
    return render(
        request,
        "college/setup/course_form.html",
        {
            "form": form,
            "course": course,
            "runs": selectors.setup_course_runs(course=course),
            "breadcrumbs": trail("college:setup-course", course),
        },
    )


@manage_college
def run_create(request, pk: int):
    """A new draft run of a course; its sessions come next."""
    course = get_object_or_404(Course, pk=pk)
    form = RunForm(posted(request), course=course, initial={"offer_hours": 48})
    run = submit(
        request, form, lambda data: services.run_create(course=course, by=request.user, **data)
    ).result
    if run:
        messages.success(request, f"A draft run of {course.title} is set up. Now add its sessions.")
        return redirect("college:setup-sessions", pk=run.pk)
    return render(
        request,
        "college/setup/run_form.html",
        {
            "form": form,
            "course": course,
            "run": None,
            "breadcrumbs": trail("college:setup-run-new", course),
        },
    )


@manage_college
def run_edit(request, pk: int):
    """Change a run's course, term, venue and places; publishing stays on the students page."""
    run = get_object_or_404(selectors.setup_run_queryset(), pk=pk)
    started = run.first_session_at is not None and run.first_session_at <= timezone.now()
    form = RunForm(posted(request), initial=RunForm.initial_for(run), started=started)
    changed = submit(
        request,
        form,
        lambda data: services.run_save(
            run=run, by=request.user, **{name: data[name] for name in form.changed_data}
        ),
    ).result
    if changed:
        messages.success(request, f"The run of {changed.course.title} is saved.")
        return redirect("college:run-students", pk=run.pk)
    return render(
        request,
        "college/setup/run_form.html",
        {"form": form, "course": run.course, "run": run, "breadcrumbs": run_crumbs("setup-run", run)},
    )


def run_crumbs(url_name: str, run) -> list[dict]:
    """A set-up page of a run: under its course, then the run's students page, named by term and venue."""
    students_page = (f"{run.term.name}, {run.venue.name}", reverse("college:run-students", args=[run.pk]))
    return trail(f"college:{url_name}", run, students_page)


@manage_college
def term_list(request):
    return render(
        request,
        "college/setup/term_list.html",
        {"terms": Term.objects.order_by("-start_date"), "breadcrumbs": trail("college:setup-terms")},
    )


def _thing_form(request, *, form, write, noun: str, template: str, list_url: str, thing=None):
    """A term's or venue's form page: saved through ``write``, then back to the list."""
    result = submit(request, form, write).result
    if result:
        messages.success(request, f"{result.name} is saved.")
        return redirect(list_url)
    return render(
        request,
        template,
        {
            "form": form,
            "thing": thing,
            "noun": noun,
            # This page's own url name: a term's or a venue's, new or changed.
            "breadcrumbs": trail(request.resolver_match.view_name),
        },
    )


@manage_college
def term_create(request):
    form = TermForm(posted(request))
    return _thing_form(
        request,
        form=form,
        write=lambda data: services.term_create(by=request.user, **data),
        noun="term",
        template="college/setup/term_form.html",
        list_url="college:setup-terms",
    )


@manage_college
def term_edit(request, pk: int):
    term = get_object_or_404(Term, pk=pk)
    form = TermForm(posted(request), instance=term)
    return _thing_form(
        request,
        form=form,
        write=lambda data: services.term_save(
            term=term, by=request.user, **{name: data[name] for name in form.changed_data}
        ),
        noun="term",
        template="college/setup/term_form.html",
        list_url="college:setup-terms",
        thing=term,
    )


@manage_college
def venue_list(request):
    return render(
        request,
        "college/setup/venue_list.html",
        {"venues": Venue.objects.order_by("name"), "breadcrumbs": trail("college:setup-venues")},
    )


@manage_college
def venue_create(request):
    form = VenueForm(posted(request))
    return _thing_form(
        request,
        form=form,
        write=lambda data: services.venue_create(by=request.user, **data),
        noun="venue",
        template="college/setup/venue_form.html",
        list_url="college:setup-venues",
    )


@manage_college
def venue_edit(request, pk: int):
    venue = get_object_or_404(Venue, pk=pk)
    form = VenueForm(posted(request), instance=venue)
    return _thing_form(
        request,
        form=form,
        write=lambda data: services.venue_save(
            venue=venue, by=request.user, **{name: data[name] for name in form.changed_data}
        ),
        noun="venue",
        template="college/setup/venue_form.html",
        list_url="college:setup-venues",
        thing=venue,
    )
