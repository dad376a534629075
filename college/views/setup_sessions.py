"""The college team sets up a run's sessions and trainers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from recovery_portal.confirm import confirm_page
from recovery_portal.form_flow import submit

from .. import selectors, services
from ..models import RunStatus
from ..setup_forms import SessionForm, TrainerForm, WeeklySessionsForm
from .common import posted
from .setup import manage_college, run_crumbs


def _sessions_page(request, run, *, form, weekly):
    sessions = list(selectors.setup_sessions(run=run))
    return render(
        request,
        "college/setup/sessions.html",
        {
            "run": run,
            "sessions": sessions,
            "room": run.course.session_count - len(sessions),
            "published": run.status == RunStatus.PUBLISHED,
            "form": form,
            "weekly": weekly,
            "breadcrumbs": run_crumbs("setup-sessions", run),
        },
    )


@manage_college
def run_sessions(request, pk: int):
    """A run's sessions in order, with adding one (or several weekly), changing and removing."""
    run = get_object_or_404(selectors.setup_run_queryset(), pk=pk)
    form = SessionForm(posted(request))
    session = submit(
        request, form, lambda data: services.session_add(run=run, by=request.user, **data)
    ).result
    if session:
        messages.success(request, f"Session {session.number} of {run.course.title} is added.")
        return redirect("college:setup-sessions", pk=run.pk)
    return _sessions_page(request, run, form=form, weekly=WeeklySessionsForm())


@require_POST
@manage_college
def run_sessions_weekly(request, pk: int):
    run = get_object_or_404(selectors.setup_run_queryset(), pk=pk)
    weekly = WeeklySessionsForm(request.POST)
    created = submit(
        request, weekly, lambda data: services.sessions_add_weekly(run=run, by=request.user, **data)
    ).result
    if created:
        messages.success(request, f"{len(created)} weekly sessions of {run.course.title} are added.")
        return redirect("college:setup-sessions", pk=run.pk)
    return _sessions_page(request, run, form=SessionForm(), weekly=weekly)


@manage_college
def session_edit(request, pk: int):
    session = get_object_or_404(selectors.setup_session_queryset(), pk=pk)
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    form = SessionForm(
        posted(request),
        initial={"on": starts.date(), "starts": starts.time(), "ends": ends.time(), "topic": session.topic},
    )
    changed = submit(
        request, form, lambda data: services.session_change(session=session, by=request.user, **data)
    ).result
    if changed:
        messages.success(request, f"Session {changed.number} is saved.")
        return redirect("college:setup-sessions", pk=session.run_id)
    return render(
        request,
        "college/setup/session_form.html",
        {
            "form": form,
            "session": session,
            "run": session.run,
            "breadcrumbs": run_crumbs("setup-session", session.run),
        },
    )


@require_http_methods(["GET", "POST"])
@manage_college
def session_remove(request, pk: int):
    """Remove a session, after confirming on its own page (the others are numbered again)."""
    session = get_object_or_404(selectors.setup_session_queryset(), pk=pk)
    back_url = reverse("college:setup-sessions", args=[session.run_id])
    if request.method == "GET":
        return confirm_page(
            request,
            heading=f"Remove session {session.number}?",
            caption=session.run.course.title,
            paragraphs=[
                f"{timezone.localtime(session.starts_at):%A %-d %B %Y, %H:%M}. "
                "The sessions after it are numbered again."
            ],
            confirm_label="Yes, remove this session",
            keep_label="No, keep it",
            back_url=back_url,
        )
    try:
        services.session_remove(session=session, by=request.user)
    except ValidationError as problem:
        messages.error(request, problem.messages[0])
    else:
        messages.success(request, f"Session {session.number} is removed; the others are numbered again.")
    return redirect("college:setup-sessions", pk=session.run_id)


@manage_college
def run_trainers(request, pk: int):
    """A run's trainers, peer trainers first, with adding and removing them."""
    run = get_object_or_404(selectors.setup_run_queryset(), pk=pk)
    form = TrainerForm(posted(request), run=run)
    trainer = submit(
        request, form, lambda data: services.run_trainer_add(run=run, by=request.user, **data)
    ).result
    if trainer:
        messages.success(request, f"{trainer.user.display_name} is a trainer of this run.")
        return redirect("college:setup-trainers", pk=run.pk)
    trainers = list(selectors.setup_trainers(run=run))
    return render(
        request,
        "college/setup/trainers.html",
        {
            "run": run,
            "trainers": trainers,
            "co_delivered": {True, False} <= {t.is_peer_trainer for t in trainers},
            "published": run.status == RunStatus.PUBLISHED,
            "form": form,
            "breadcrumbs": run_crumbs("setup-trainers", run),
        },
    )


@require_http_methods(["GET", "POST"])
@manage_college
def trainer_remove(request, pk: int):
    """Remove a trainer from a run, after confirming on its own page."""
    trainer = get_object_or_404(selectors.setup_trainer_queryset(), pk=pk)
    if request.method == "GET":
        return confirm_page(
            request,
            heading=f"Remove {trainer.user.display_name} as a trainer?",
            caption=trainer.run.course.title,
            paragraphs=["They will no longer be a trainer of this run."],
            confirm_label="Yes, remove this trainer",
            keep_label="No, keep them",
            back_url=reverse("college:setup-trainers", args=[trainer.run_id]),
        )
    try:
        services.run_trainer_remove(trainer=trainer, by=request.user)
    except ValidationError as problem:
        messages.error(request, problem.messages[0])
    else:
        messages.success(request, f"{trainer.user.display_name} is no longer a trainer of this run.")
    return redirect("college:setup-trainers", pk=trainer.run_id)
