"""The editing steps of a Team Recovery Plan, one short form each.

Each step posts back the version it was built on; a save on top of someone else's is refused with their
saved text shown beside what was typed, which stays in the form (ARCHITECTURE §4).
"""

from django.contrib import messages
from django.shortcuts import redirect, render

from recovery_portal.access import get_visible_or_404
from recovery_portal.breadcrumbs import trail
from recovery_portal.form_flow import submit

from .. import selectors, services
from ..forms import ActionForm, AwayDayForm, PriorityForm, RatingsForm, ReflectionForm, ResourcesForm
from ..models.plans import MAX_PRIORITIES
from ..services.plans import ACTION_FIELDS, SECTION_FIELDS
from ._editing import editable_plan

SECTIONS = {
    "resources": (
        ResourcesForm,
        "Team resources",
        "What the team brings: skills, interests and lived experience.",
    ),
    "away_day": (AwayDayForm, "Away day", "When it was, who facilitated it and who took part."),
    "reflection": (
        ReflectionForm,
        "Reflection",
        "Strengths, achievements, areas for development and ambitions.",
    ),
}


def _render_step(request, plan, form, *, title: str, lead: str = "", outcome=None, extra=None):
    context = {
        "plan": plan,
        "form": form,
        "title": title,
        "lead": lead,
        "breadcrumbs": trail("teams:plan-ratings", plan),
        **(outcome.context if outcome else {}),
    }
    status = outcome.status if outcome else 200
    return render(request, "teams/plan_step.html", {**context, **(extra or {})}, status=status)


def _done(request, plan, what: str):
    messages.success(request, f"{what} saved.")
    return redirect("teams:plan", pk=plan.pk)


def plan_section(request, pk: int, section: str):
    """Team resources, away day or reflection."""
    plan = editable_plan(request, pk)
    form_class, title, lead = SECTIONS[section]
    form = form_class(request.POST or None, instance=plan)
    outcome = submit(
        request,
        form,
        lambda data: services.plan_section_update(
            plan=plan,
            section=section,
            values=data,
            expected_version=data["version"],
            facilitators=data.get("facilitator_usernames"),
            by=request.user,
        ),
        what="plan",
        compare=SECTION_FIELDS[section],
    )
    if outcome.saved:
        return _done(request, plan, title)
    return _render_step(request, plan, form, title=title, lead=lead, outcome=outcome)


def plan_ratings(request, pk: int):
    """The team's stage and evidence on each of the ten ImROC challenges, beside last year's."""
    plan = editable_plan(request, pk)
    ratings = list(plan.ratings.select_related("challenge"))
    form = RatingsForm(request.POST or None, ratings=ratings, initial={"version": plan.version})

    def compare(current):
        typed = form.ratings_data()
        return [
            {
                "label": rating.challenge.title,
                "theirs": " – ".join(filter(None, [rating.get_stage_display(), rating.evidence])),
                "yours": " – ".join(
                    filter(
                        None,
                        [
                            dict(form.fields[f"stage_{rating.challenge_id}"].choices).get(
                                typed[rating.challenge_id][0], ""
                            ),
                            typed[rating.challenge_id][1],
                        ],
                    )
                ),
            }
            for rating in current.ratings.select_related("challenge")
        ]

    outcome = submit(
        request,
        form,
        lambda data: services.plan_ratings_update(
            plan=plan, ratings=form.ratings_data(), expected_version=data["version"], by=request.user
        ),
        what="plan",
        compare=compare,
    )
    if outcome.saved:
        return _done(request, plan, "Ratings")
    lead = "Where the team is on each of ImROC's ten organisational challenges: engagement, development or transformation."
    return _render_step(request, plan, form, title="ImROC challenge ratings", lead=lead, outcome=outcome)


def priority_add(request, pk: int):
    """Add one of at most three priorities."""
    plan = editable_plan(request, pk)
    form = PriorityForm(request.POST or None)
    outcome = submit(
        request,
        form,
        lambda data: services.priority_add(plan=plan, title=data["title"], why=data["why"], by=request.user),
    )
    if outcome.saved:
        return _done(request, plan, "Priority")
    full = plan.priorities.count() >= MAX_PRIORITIES
    lead = "A plan has at most three priorities, so the team can focus on what matters most."
    return _render_step(request, plan, form, title="Add a priority", lead=lead, extra={"full": full})


def priority_edit(request, pk: int):
    """Change the wording of a priority."""
    priority = get_visible_or_404(selectors.priority_queryset(), pk=pk)
    plan = editable_plan(request, priority.plan_id)
    form = PriorityForm(request.POST or None, instance=priority)
    outcome = submit(
        request,
        form,
        lambda data: services.priority_update(
            priority=priority,
            title=data["title"],
            why=data["why"],
            expected_version=data["version"],
            by=request.user,
        ),
        what="priority",
        compare=["title", "why"],
    )
    if outcome.saved:
        return _done(request, plan, "Priority")
    return _render_step(request, plan, form, title=f"Priority {priority.number}", outcome=outcome)


def action_add(request, pk: int):
    """Add an action under a priority: what, who, by when, workstream, domain and how success is seen."""
    priority = get_visible_or_404(selectors.priority_queryset(), pk=pk)
    plan = editable_plan(request, priority.plan_id)
    form = ActionForm(request.POST or None)
    outcome = submit(
        request, form, lambda data: services.action_add(priority=priority, values=data, by=request.user)
    )
    if outcome.saved:
        return _done(request, plan, "Action")
    return _render_step(
        request, plan, form, title=f"Add an action to priority {priority.number}", lead=priority.title
    )


def action_edit(request, pk: int):
    """Update an action's details, status and RAG rating, and add a dated progress note."""
    action = get_visible_or_404(selectors.action_queryset(), pk=pk)
    plan = editable_plan(request, action.plan_id)
    form = ActionForm(request.POST or None, instance=action)
    outcome = submit(
        request,
        form,
        lambda data: services.action_update(
            action=action,
            values=data,
            expected_version=data["version"],
            progress_note=data["progress_note"],
            by=request.user,
        ),
        what="action",
        compare=ACTION_FIELDS,
    )
    if outcome.saved:
        return _done(request, plan, "Action")
    return _render_step(
        request, plan, form, title="Update an action", lead=action.priority.title, outcome=outcome
    )
