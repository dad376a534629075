"""Steering group meetings, their follow-up actions and meeting packs."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from recovery_portal.access import get_visible_or_404, require_permission
from recovery_portal.audit import audit_export
from recovery_portal.breadcrumbs import trail
from recovery_portal.form_flow import submit
from recovery_portal.pdf import pdf_response, render_pdf

from .. import selectors, services
from ..forms import MeetingFollowUpForm, MeetingForm


def _posted(request):
    return request.POST if request.method == "POST" else None


@permission_required("workstreams.view_workstream", raise_exception=True)
def meeting_list(request):
    """Each steering group with its meetings, latest first."""
    groups = selectors.meeting_list_by_group()
    return render(
        request,
        "workstreams/meeting_list.html",
        {
            "groups": [
                {"group": group, "can_edit": request.user.has_perm("workstreams.change_steeringgroup", group)}
                for group in groups
            ],
            "breadcrumbs": trail("workstreams:meetings"),
        },
    )


def meeting_create(request, slug: str):
    group = get_visible_or_404(selectors.meeting_list_by_group(), slug=slug)
    require_permission(request.user, "workstreams.change_steeringgroup", group)
    form = MeetingForm(_posted(request), attendee_choices=selectors.steering_group_people(group=group))
    outcome = submit(
        request,
        form,
        lambda data: services.meeting_create(group=group, by=request.user, **data),
        what="meeting record",
    )
    if outcome.saved:
        messages.success(request, "Meeting recorded")
        return redirect("workstreams:meeting-detail", pk=outcome.result.pk)
    return render(
        request,
        "workstreams/meeting_form.html",
        {"form": form, "group": group, "meeting": None, "breadcrumbs": trail("workstreams:meeting-create")},
    )


def meeting_edit(request, pk: int):
    meeting = get_visible_or_404(selectors.meeting_detail_queryset(), pk=pk)
    require_permission(request.user, "workstreams.change_steeringgroup", meeting.group)
    initial = {
        "date": meeting.date,
        "attendees": list(meeting.attendees.all()),
        "other_attendees": meeting.other_attendees,
        "minutes": meeting.minutes,
        "decisions": meeting.decisions,
        "version": meeting.version,
    }
    form = MeetingForm(
        _posted(request),
        initial=initial,
        attendee_choices=selectors.steering_group_people(group=meeting.group),
    )
    outcome = submit(
        request,
        form,
        lambda data: services.meeting_update(
            meeting=meeting,
            by=request.user,
            expected_version=data["version"],
            **{name: value for name, value in data.items() if name != "version"},
        ),
        what="meeting record",
    )
    if outcome.saved:
        messages.success(request, "Meeting updated")
        return redirect("workstreams:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "workstreams/meeting_form.html",
        {
            "form": form,
            "group": meeting.group,
            "meeting": meeting,
            "breadcrumbs": trail("workstreams:meeting-edit", meeting),
            **outcome.context,
        },
        status=outcome.status,
    )


@permission_required("workstreams.view_workstream", raise_exception=True)
def meeting_detail(request, pk: int):
    """A meeting: date, attendees, minutes, decisions and follow-up actions, with a link to its pack."""
    meeting = get_visible_or_404(selectors.meeting_detail_queryset(), pk=pk)
    return render(
        request,
        "workstreams/meeting_detail.html",
        {
            "meeting": meeting,
            "can_edit": request.user.has_perm("workstreams.change_steeringgroup", meeting.group),
            "today": timezone.localdate(),
            "breadcrumbs": trail("workstreams:meeting-detail", meeting),
        },
    )


def follow_up_create(request, pk: int):
    meeting = get_visible_or_404(selectors.meeting_detail_queryset(), pk=pk)
    require_permission(request.user, "workstreams.change_steeringgroup", meeting.group)
    form = MeetingFollowUpForm(_posted(request))
    outcome = submit(
        request,
        form,
        lambda data: services.meeting_follow_up_add(meeting=meeting, by=request.user, **data),
        what="follow-up action",
    )
    if outcome.saved:
        messages.success(request, "Follow-up action added")
        return redirect("workstreams:meeting-detail", pk=meeting.pk)
    return render(
        request,
        "workstreams/follow_up_form.html",
        {"form": form, "meeting": meeting, "breadcrumbs": trail("workstreams:meeting-edit", meeting)},
    )


@require_POST
def follow_up_done(request, pk: int):
    follow_up = get_visible_or_404(selectors.meeting_follow_up_queryset(), pk=pk)
    meeting = follow_up.meeting
    require_permission(request.user, "workstreams.change_meetingfollowup", follow_up)
    services.meeting_follow_up_mark_done(follow_up=follow_up, by=request.user)
    messages.success(request, "Follow-up action marked as done")
    return redirect("workstreams:meeting-detail", pk=meeting.pk)


def _pack_context(request, meeting) -> dict:
    return {
        "pack": selectors.meeting_pack(meeting=meeting),
        "meeting": meeting,
        "breadcrumbs": trail("workstreams:meeting-edit", meeting),
    }


@permission_required("workstreams.view_workstream", raise_exception=True)
def meeting_pack(request, pk: int):
    """The meeting pack: per workstream, what changed since the group's previous meeting. Printable."""
    meeting = get_visible_or_404(selectors.meeting_detail_queryset(), pk=pk)
    return render(request, "workstreams/meeting_pack.html", _pack_context(request, meeting))


@permission_required("workstreams.view_workstream", raise_exception=True)
def meeting_pack_pdf(request, pk: int):
    """The meeting pack as a PDF download (an export, so audited)."""
    meeting = get_visible_or_404(selectors.meeting_detail_queryset(), pk=pk)
    context = {
        **_pack_context(request, meeting),
        "generated_at": timezone.localtime(),
        "generated_for": request.user.display_name,
    }
    pdf = render_pdf("pdf/workstreams/meeting_pack.html", context, request=request)
    audit_export(request, meeting, reason="meeting pack PDF")
    return pdf_response(pdf, filename=f"meeting-pack-{meeting.group.slug}-{meeting.date:%Y-%m-%d}")
