"""Pages about people: the caseload, a person's overview, their supporters, and the person's own pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from rules.contrib.views import permission_required

from recovery_portal.access import get_visible_or_404, require_permission
from recovery_portal.audit import audit_list, audit_record, audit_view, people
from recovery_portal.breadcrumbs import trail
from recovery_portal.form_flow import submit
from recovery_portal.models import AuditAction
from teams.policy import keeps_caseload
from teams.selectors import memberships_for_user

from .. import selectors, services
from ..forms import (
    CaseloadEndForm,
    CaseloadFilterForm,
    ConsentForm,
    KnownPersonForm,
    ServiceUserForm,
    SupporterForm,
)
from ..models import CaseloadEntry, ServiceUser
from ..selectors.who_viewed import describe_reads

# 25 people a page, as the prospectus shows 20 runs: a team's caseload is about 200 people, and each row
# (three plan tags and the next review) is most of what the page costs to make; search and filters find
# a person faster than paging.
PEOPLE_PER_PAGE = 25
VIEWS_PER_PAGE = 50


@permission_required("careplans.view_caseload", raise_exception=True)
def caseload(request):
    """People on the current caseloads of the user's teams, with each plan's status and next review."""
    memberships = list(memberships_for_user(user=request.user))
    teams = [membership.team for membership in memberships]
    form = CaseloadFilterForm(request.GET or None, teams=teams, needs=selectors.CaseloadNeed.CHOICES)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.caseload_for(
        user=request.user,
        team_ids={team.pk for team in teams},
        q=filters.get("q") or "",
        team=filters.get("team"),
        need=filters.get("need") or "",
    )
    page_obj = Paginator(entries, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = selectors.caseload_rows(page_obj.object_list)
    # One event for the page, naming everyone on it; a search is a read too (it can match an NHS number).
    audit_list(
        request,
        subjects=people(row["entry"].person_id for row in rows),
        reason="caseload search" if filters.get("q") else "caseload",
    )
    return render(
        request,
        "careplans/caseload.html",
        {
            "form": form,
            "page_obj": page_obj,
            "rows": rows,
            "query_string": query.urlencode(),
            "is_filtered": any(value for key, value in request.GET.items() if key != "page"),
            "can_add": request.user.has_perm("careplans.add_serviceuser"),
            "breadcrumbs": trail("careplans:caseload"),
        },
    )


@permission_required("careplans.add_serviceuser", raise_exception=True)
def person_new(request):
    """Record a person and put them on one of the user's teams' caseloads."""
    memberships = memberships_for_user(user=request.user)
    team_ids = [membership.team_id for membership in memberships if keeps_caseload(membership)]
    form = ServiceUserForm(
        request.POST or None,
        teams=selectors.teams_queryset(team_ids=team_ids),
        workers=selectors.workers_queryset(team_ids=team_ids),
    )
    outcome = submit(request, form, lambda data: services.service_user_register(**data, by=request.user))
    if outcome.saved:
        person = outcome.result
        messages.success(request, f"{person.display_name} is on the caseload of {form.cleaned_data['team']}.")
        return redirect("careplans:person", pk=person.pk)
    return render(
        request, "careplans/person_form.html", {"form": form, "breadcrumbs": trail("careplans:person-new")}
    )


@permission_required("careplans.add_serviceuser", raise_exception=True)
def person_known(request):
    """Put a person already known to the Trust on one of the user's caseloads, as an accepted referral.

    The NHS number and date of birth must both match; a mismatch and an unknown number get the same
    message, and every attempt is audited.
    """
    memberships = memberships_for_user(user=request.user)
    team_ids = [membership.team_id for membership in memberships if keeps_caseload(membership)]
    form = KnownPersonForm(
        request.POST or None,
        teams=selectors.teams_queryset(team_ids=team_ids),
        workers=selectors.workers_queryset(team_ids=team_ids),
    )

    def accept(data):
        try:
            return services.caseload_referral_accept(**data, by=request.user)
        except ValidationError:
            # The refusal is shown on the form; the attempt that matched no one is audited first.
            audit_record(
                actor=request.user,
                action=AuditAction.VIEW,
                request=request,
                reason=f"Add a known person to {data['team']}: no match for NHS number and date of birth",
            )
            raise

    outcome = submit(request, form, accept)
    if outcome.saved:
        entry, team = outcome.result, form.cleaned_data["team"]
        audit_record(
            actor=request.user,
            action=AuditAction.CREATE,
            obj=entry,
            request=request,
            reason=f"Referral accepted: added to {team} by NHS number and date of birth",
        )
        messages.success(request, f"{entry.person.display_name} is on the caseload of {team}.")
        return redirect("careplans:person", pk=entry.person_id)
    return render(
        request,
        "careplans/person_known_form.html",
        {"form": form, "breadcrumbs": trail("careplans:person-known")},
    )


def person_detail(request, pk: int):
    """A person's overview: details, caseloads and workers, supporters, plans and timeline."""
    person = get_visible_or_404(selectors.person_detail_queryset(user=request.user), pk=pk)
    audit_view(request, person, reason="person overview")
    if person.user_id == request.user.pk:
        return _own_page(request, person)
    current_entries = selectors.current_caseload_entries(person)
    return render(
        request,
        "careplans/person.html",
        {
            "person": person,
            "plans": selectors.person_plans(person),
            "current_entries": current_entries,
            "timeline": selectors.person_timeline(person),
            "contactability": selectors.contactability_of(person),
            "can_change_plans": request.user.has_perm("careplans.change_plan", person),
            # Only the entry's own team may record that the person has left its caseload.
            "endable_entry_ids": {
                entry.pk
                for entry in current_entries
                if request.user.has_perm("careplans.change_caseload", entry)
            },
            "breadcrumbs": trail("careplans:person", person, viewer=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def caseload_end(request, pk: int):
    """Take a person off a team's caseload; from the day after, that team no longer sees them."""
    entry = get_visible_or_404(
        CaseloadEntry.objects.visible_to(request.user).select_related("person", "team"), pk=pk
    )
    require_permission(request.user, "careplans.change_caseload", entry)
    form = CaseloadEndForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda data: services.caseload_entry_end(entry=entry, end_date=data["end_date"], by=request.user),
    )
    if outcome.saved:
        messages.success(request, f"{entry.person.display_name} has left the caseload of {entry.team.name}.")
        return redirect("careplans:caseload")
    audit_view(request, entry, reason="end a caseload entry")
    return render(
        request,
        "careplans/caseload_end.html",
        {
            "form": form,
            "entry": entry,
            "breadcrumbs": trail("careplans:caseload-end", entry, viewer=request.user),
        },
    )


def supporter_new(request, pk: int):
    """Record a carer, family member or friend of the person."""
    person = get_visible_or_404(ServiceUser.objects.visible_to(request.user), pk=pk)
    require_permission(request.user, "careplans.share_with_supporters", person)
    form = SupporterForm(request.POST or None)
    outcome = submit(
        request, form, lambda data: services.supporter_add(person=person, **data, by=request.user)
    )
    if outcome.saved:
        supporter = outcome.result
        messages.success(
            request, f"{supporter.name} is recorded as a supporter. They see nothing until it is shared."
        )
        return redirect("careplans:supporter-sharing", pk=supporter.pk)
    crumbs = trail("careplans:supporter-new", person, viewer=request.user)
    audit_view(request, person, reason="add a supporter")
    return render(
        request, "careplans/supporter_form.html", {"form": form, "person": person, "breadcrumbs": crumbs}
    )


def supporter_sharing(request, pk: int):
    """Choose, plan by plan and section by section, what one supporter may see."""
    supporter = get_visible_or_404(selectors.supporter_detail_queryset(user=request.user), pk=pk)
    person = supporter.person
    if supporter.user_id == request.user.pk and person.user_id != request.user.pk:
        raise Http404  # a supporter never sees the sharing choices about themself
    require_permission(request.user, "careplans.share_with_supporters", person)
    plans = selectors.plans_of(person=person)
    current = selectors.consents_of(supporter=supporter)
    own = person.user_id == request.user.pk
    form = ConsentForm(
        request.POST or None, plans=plans, current=current, own=own, person_name=person.display_name
    )
    if request.method == "POST" and form.is_valid():
        for plan, sections in form.choices_by_plan():
            services.supporter_consent_set(
                supporter=supporter,
                plan=plan,
                sections=sections,
                given_in_room=form.cleaned_data.get("given_in_room", ""),
                by=request.user,
            )
        messages.success(request, f"What {supporter.name} can see has been saved.")
        if own:
            return redirect("careplans:my-plans")
        return redirect("careplans:person", pk=person.pk)
    if request.method == "GET":
        audit_view(request, person, reason="supporter sharing choices")
    crumbs = trail("careplans:supporter-sharing", person, viewer=request.user)
    return render(
        request,
        "careplans/supporter_sharing.html",
        {
            "form": form,
            "supporter": supporter,
            "person": person,
            "own": own,
            "recorded_for_them": selectors.sharing_recorded_for(person=person, supporter=supporter),
            "breadcrumbs": crumbs,
        },
    )


def who_viewed(request, pk: int):
    """Who has read about the person (record, plans, outcome measures, college records, lists), what
    they looked at and their role; anyone may leave out their own reads."""
    person = get_visible_or_404(ServiceUser.objects.visible_to(request.user), pk=pk)
    audit_view(request, person, reason="who has viewed the plans")
    own = person.user_id == request.user.pk
    hide_own = request.GET.get("hide_own") == "1"
    events = selectors.reads_about(person, hiding=request.user if hide_own else None)
    page_obj = Paginator(events, VIEWS_PER_PAGE).get_page(request.GET.get("page"))
    crumbs = trail("careplans:who-viewed", person, viewer=request.user)
    return render(
        request,
        "careplans/who_viewed.html",
        {
            "person": person,
            "own": own,
            "hide_own": hide_own,
            "page_obj": page_obj,
            "reads": describe_reads(page_obj.object_list, person=person, reader=request.user),
            "breadcrumbs": crumbs,
        },
    )


def my_plans(request):
    """The person's own page: their plans in plain words, who they share them with, who has looked."""
    person = selectors.own_record_for(user=request.user)
    if person is None:
        raise Http404
    audit_view(request, person, reason="own plans")
    return _own_page(request, person)


def _own_page(request, person):
    return render(
        request,
        "careplans/my_plans.html",
        {
            "person": person,
            "plans": selectors.person_plans(person),
            "supporters": list(person.supporters.all()),
            # Every change to their sharing that a worker recorded for them, so nothing widens unseen.
            "recorded_for_them": selectors.sharing_recorded_for(person=person),
            "breadcrumbs": trail("careplans:my-plans"),
        },
    )


def shared_with_me(request, pk: int):
    """A supporter's view: only the sections of each plan the person has chosen to share with them."""
    supporter = get_visible_or_404(selectors.supporting_for(user=request.user), pk=pk)
    audit_view(request, supporter.person, reason="supporter view")
    return render(
        request,
        "careplans/shared.html",
        {
            "supporter": supporter,
            "person": supporter.person,
            "shared": selectors.supporter_shared_plans(supporter),
            "breadcrumbs": trail("careplans:shared"),
        },
    )
