"""Pages of one plan: reading it, writing entries, agreeing, disagreeing, its versions and its PDF."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from recovery_portal.access import get_visible_or_404, require_permission
from recovery_portal.audit import audit_view
from recovery_portal.breadcrumbs import trail
from recovery_portal.form_flow import submit

from .. import selectors, services
from ..forms import AgreeForm, DisagreementForm, EntryForm, PlanDetailsForm, VersionForm
from ..models import ServiceUser
from ..sections import OWN_TITLES, PlanKind, section_for
from ..services.plans import author_role_for


def _is_own(request, plan) -> bool:
    return plan.person.user_id == request.user.pk


def _plan_title(plan, own: bool) -> str:
    return OWN_TITLES[plan.kind] if own else plan.get_kind_display()


def _crumbs(request, url_name: str, plan) -> list[dict]:
    return trail(f"careplans:{url_name}", plan, viewer=request.user)


def _stale_message(current) -> str:
    by = current.changed_by.display_name if current.changed_by else "someone else"
    when = timezone.localtime(current.changed_at)
    return (
        f"{by} saved this plan at {when:%H:%M} on {when:%-d %B %Y} while you were writing. Nothing of yours has "
        "been saved yet: your words are kept below, with what is now in the plan beside them. "
        "Check both, then save again."
    )


@require_POST
def plan_start(request, pk: int, kind: str):
    """Start the person's plan of this kind (or open it, if it exists)."""
    person = get_visible_or_404(ServiceUser.objects.visible_to(request.user), pk=pk)
    if kind not in PlanKind.values:
        raise Http404
    require_permission(request.user, "careplans.write_own_words", person)
    plan = services.plan_start(person=person, kind=kind, by=request.user)
    return redirect("careplans:plan", pk=plan.pk)


def plan_detail(request, pk: int):
    """The plan as it reads now, section by section, with whose words each entry is and any disagreement."""
    plan = get_visible_or_404(selectors.plan_detail_queryset(user=request.user), pk=pk)
    audit_view(request, plan, reason="plan")
    own = _is_own(request, plan)
    return render(
        request,
        "careplans/plan.html",
        {
            "plan": plan,
            "person": plan.person,
            "own": own,
            "title": _plan_title(plan, own),
            "sections": selectors.plan_sections(plan),
            "can_change_plan": request.user.has_perm("careplans.change_plan", plan),
            "can_write": request.user.has_perm("careplans.write_own_words", plan),
            "can_agree": request.user.has_perm("careplans.agree_plan", plan),
            "breadcrumbs": _crumbs(request, "plan", plan),
        },
    )


def _entry_form_page(request, *, plan, section, form, entry=None, outcome=None):
    own = _is_own(request, plan)
    return render(
        request,
        "careplans/entry_form.html",
        {
            "plan": plan,
            "section": section,
            "form": form,
            "entry": entry,
            "own": own,
            "title": _plan_title(plan, own),
            "breadcrumbs": _crumbs(request, "entry-add", plan),
            # Someone saved the plan meanwhile: what it says now beside what was typed (ADR 0031).
            **(outcome.context if outcome else {}),
        },
        status=outcome.status if outcome else 200,
    )


def _entry_words(entry) -> str:
    words = [entry.text]
    if entry.alternative:
        words.append(f"Acceptable alternative: {entry.alternative}")
    if entry.phone:
        words.append(f"Phone: {entry.phone}")
    return "\n".join(words)


def _comparison(section, form, current_entries, entry) -> list[dict]:
    if current_entries:
        theirs = "\n\n".join(_entry_words(current) for current in current_entries)
    else:
        theirs = "This entry has been removed from the plan." if entry else "Nothing in this section yet."
    return [{"label": section.title, "theirs": theirs, "yours": form.data.get("text", "")}]


def _optional_entry_fields(data: dict) -> dict:
    """The fields only some sections have (refusals, contacts, life areas), blank where absent."""
    return {
        "alternative": data.get("alternative", ""),
        "no_alternative": data.get("no_alternative", False),
        "phone": data.get("phone", ""),
        "life_area": data.get("life_area", ""),
    }


@require_http_methods(["GET", "POST"])
def entry_add(request, pk: int, section: str):
    """Add an entry to a section. The person's own login always writes in their own words."""
    plan = get_visible_or_404(selectors.plan_detail_queryset(user=request.user), pk=pk)
    found = section_for(plan.kind, section)
    if found is None:
        raise Http404
    require_permission(request.user, "careplans.write_own_words", plan)
    own = _is_own(request, plan)
    initial = {"version": plan.version, "author_role": author_role_for(plan=plan, by=request.user)}
    form = EntryForm(request.POST or None, initial=initial, section=found, own=own)

    def now_in_the_section(_current_plan) -> list[dict]:
        fresh = get_visible_or_404(selectors.plan_detail_queryset(user=request.user), pk=pk)
        entries = next(view for view in selectors.plan_sections(fresh) if view.code == section).entries
        audit_view(request, plan, reason="plan section, after a conflicting save")
        return _comparison(found, form, entries, None)

    outcome = submit(
        request,
        form,
        lambda data: services.plan_entry_add(
            plan=plan,
            expected_version=data["version"],
            section=section,
            text=data["text"],
            author_role=initial["author_role"] if own else data["author_role"],
            **_optional_entry_fields(data),
            by=request.user,
        ),
        what="plan",
        compare=now_in_the_section,
        message=_stale_message,
    )
    if outcome.saved:
        messages.success(request, f"Saved to {found.own_title if own else found.title}.")
        return redirect(f"{reverse('careplans:plan', kwargs={'pk': plan.pk})}#section-{section}")
    if outcome.stale is None:
        audit_view(request, plan, reason="plan section")
    return _entry_form_page(request, plan=plan, section=found, form=form, outcome=outcome)


@require_http_methods(["GET", "POST"])
def entry_change(request, pk: int):
    """Change an entry. If someone saved the plan meanwhile, both texts are shown and nothing is lost."""
    entry = get_visible_or_404(selectors.entry_queryset(user=request.user), pk=pk)
    plan = entry.plan
    require_permission(request.user, "careplans.change_entry", entry)
    found = section_for(plan.kind, entry.section)
    own = _is_own(request, plan)
    initial = {
        "version": plan.version,
        "text": entry.text,
        "alternative": entry.alternative,
        "no_alternative": entry.no_alternative,
        "phone": entry.phone,
        "life_area": entry.life_area,
        "author_role": entry.author_role,
    }
    form = EntryForm(request.POST or None, initial=initial, section=found, own=own)

    def the_entry_now(_current_plan) -> list[dict]:
        current = selectors.entry_queryset(user=request.user).filter(pk=pk).first()
        audit_view(request, plan, reason="plan entry, after a conflicting save")
        return _comparison(found, form, [current] if current else [], entry)

    outcome = submit(
        request,
        form,
        lambda data: services.plan_entry_change(
            entry=entry,
            expected_version=data["version"],
            text=data["text"],
            author_role=None if own else data["author_role"],
            **_optional_entry_fields(data),
            by=request.user,
        ),
        what="plan",
        compare=the_entry_now,
        message=_stale_message,
    )
    if outcome.saved:
        messages.success(request, "Your change has been saved." if own else "The entry has been changed.")
        return redirect(f"{reverse('careplans:plan', kwargs={'pk': plan.pk})}#section-{entry.section}")
    if outcome.stale is None:
        audit_view(request, plan, reason="plan entry")
    return _entry_form_page(request, plan=plan, section=found, form=form, entry=entry, outcome=outcome)


@require_http_methods(["GET", "POST"])
def entry_remove(request, pk: int):
    """Remove an entry from the plan; it stays in the earlier versions."""
    entry = get_visible_or_404(selectors.entry_queryset(user=request.user), pk=pk)
    plan = entry.plan
    require_permission(request.user, "careplans.change_entry", entry)
    form = _version_form(request, plan)
    outcome = submit(
        request,
        form,
        lambda data: services.plan_entry_remove(
            entry=entry, expected_version=data["version"], by=request.user
        ),
        what="plan",
        compare=lambda _current_plan: [],  # removing has nothing typed to compare
        message=_stale_message,
    )
    if outcome.saved:
        messages.success(request, "The entry has been removed. Earlier versions of the plan still show it.")
        return redirect("careplans:plan", pk=plan.pk)
    audit_view(request, plan, reason="plan entry")
    return render(
        request,
        "careplans/entry_remove.html",
        {
            "plan": plan,
            "entry": entry,
            "form": form,
            "section": section_for(plan.kind, entry.section),
            "breadcrumbs": _crumbs(request, "entry-remove", plan),
        },
        status=outcome.status,
    )


def _version_form(request, plan):
    return VersionForm(request.POST or None, initial={"version": plan.version})


@require_http_methods(["GET", "POST"])
def plan_details(request, pk: int):
    """The review date and, for a crisis plan, the stage, facilitator and people present."""
    plan = get_visible_or_404(selectors.plan_queryset(user=request.user), pk=pk)
    require_permission(request.user, "careplans.change_plan", plan)
    crisis = plan.kind == PlanKind.CRISIS
    initial = {
        "version": plan.version,
        "review_date": plan.review_date,
        "stage": plan.stage,
        "facilitator": plan.facilitator,
        "people_present": plan.people_present,
        "person_at_meeting": plan.person_at_meeting,
    }
    form = PlanDetailsForm(request.POST or None, initial=initial, crisis=crisis)
    outcome = submit(
        request,
        form,
        lambda data: services.plan_details_change(
            plan=plan,
            expected_version=data["version"],
            review_date=data["review_date"],
            stage=data.get("stage", ""),
            facilitator=data.get("facilitator", ""),
            people_present=data.get("people_present", ""),
            person_at_meeting=data.get("person_at_meeting", False),
            by=request.user,
        ),
        what="plan",
        message=_stale_message,
    )
    if outcome.saved:
        messages.success(request, "The plan's details have been saved.")
        return redirect("careplans:plan", pk=plan.pk)
    audit_view(request, plan, reason="plan details")
    return render(
        request,
        "careplans/plan_details.html",
        {
            "plan": plan,
            "form": form,
            "breadcrumbs": _crumbs(request, "plan-details", plan),
            **outcome.context,
        },
        status=outcome.status,
    )


@require_http_methods(["GET", "POST"])
def plan_agree(request, pk: int):
    """The person agrees the plan as it reads now; the agreement is tied to this version."""
    plan = get_visible_or_404(selectors.plan_detail_queryset(user=request.user), pk=pk)
    require_permission(request.user, "careplans.agree_plan", plan)
    own = _is_own(request, plan)
    form = AgreeForm(request.POST or None, initial={"version": plan.version}, own=own)
    outcome = submit(
        request,
        form,
        lambda data: services.plan_agree(
            plan=plan, expected_version=data["version"], in_person=not own, by=request.user
        ),
        what="plan",
        compare=lambda _current_plan: [],  # agreeing has nothing typed to compare
        message=lambda _current_plan: (
            "The plan has changed since this page was shown. Read it again, then agree it if you still do."
        ),
    )
    if outcome.saved:
        messages.success(request, "You have agreed this plan." if own else "The agreement has been recorded.")
        return redirect("careplans:plan", pk=plan.pk)
    if outcome.stale is not None:
        # The page shows the plan as it now reads, so that what is agreed is what was read.
        plan = get_visible_or_404(selectors.plan_detail_queryset(user=request.user), pk=pk)
    audit_view(request, plan, reason="agree plan")
    return render(
        request,
        "careplans/plan_agree.html",
        {
            "plan": plan,
            "form": form,
            "own": own,
            "title": _plan_title(plan, own),
            "sections": selectors.plan_sections(plan),
            "breadcrumbs": _crumbs(request, "plan-agree", plan),
        },
        status=outcome.status,
    )


@require_http_methods(["GET", "POST"])
def entry_disagree(request, pk: int):
    """Record that the person disagrees with an entry; the disagreement stays beside it."""
    entry = get_visible_or_404(selectors.entry_queryset(user=request.user), pk=pk)
    plan = entry.plan
    require_permission(request.user, "careplans.agree_plan", plan)
    form = DisagreementForm(request.POST or None)
    if submit(
        request,
        form,
        lambda data: services.disagreement_record(entry=entry, text=data["text"], by=request.user),
    ).saved:
        messages.success(request, "The disagreement has been recorded beside the entry.")
        return redirect(f"{reverse('careplans:plan', kwargs={'pk': plan.pk})}#section-{entry.section}")
    audit_view(request, plan, reason="disagree with an entry")
    return render(
        request,
        "careplans/entry_disagree.html",
        {
            "plan": plan,
            "entry": entry,
            "form": form,
            "own": _is_own(request, plan),
            "breadcrumbs": _crumbs(request, "entry-disagree", plan),
        },
    )
