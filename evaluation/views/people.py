"""A person's measures: their trend page, recording a return with them (or by them), and one return."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from careplans.selectors import current_caseload_entries, own_record_for, person_detail_queryset
from recovery_portal.access import get_visible_or_404, require_permission
from recovery_portal.audit import audit_view
from recovery_portal.breadcrumbs import trail
from recovery_portal.form_flow import submit
from recovery_portal.submissions import AlreadyRecorded
from teams.policy import RETURN_WRITERS
from teams.selectors import memberships_for_user

from .. import selectors, services
from ..forms import PromReturnForm
from ..models import Completion, Instrument, ReturnContext, Timepoint
from ..presenters import score_text, trend_card


def _crumbs(request, url_name: str, person) -> list[dict]:
    """The trail of a page about ``person``'s measures, as staff or the person themself reads it."""
    return trail(url_name, person, viewer=request.user)


def _measures_page(request, person):
    own = person.user_id == request.user.pk
    trends = selectors.person_measures(person=person)
    whose = "Your" if own else f"{person.display_name}'s"
    cards = [trend_card(trend, whose=whose) for trend in trends]
    risk_returns = [prom_return for card in cards for prom_return in card["risk_returns"]]
    can_record = request.user.has_perm("evaluation.add_prom_return", person)
    entries = current_caseload_entries(person)
    return render(
        request,
        "evaluation/person_measures.html",
        {
            "person": person,
            "own": own,
            "cards": cards,
            "risk_returns": [] if own else risk_returns,
            "instruments": selectors.instruments_for_entry() if can_record else [],
            "feedback_teams": [entry.team for entry in entries] if own else [],
            "breadcrumbs": trail("measures:mine")
            if own
            else trail("measures:person", person, viewer=request.user),
        },
    )


@require_GET
def person_measures(request, pk: int):
    """A person's outcome measures: a trend chart and table per instrument, reliable change marked, and
    any answer that needs the care team's follow-up shown first."""
    person = get_visible_or_404(person_detail_queryset(user=request.user), pk=pk)
    audit_view(request, person, reason="outcome measures")
    return _measures_page(request, person)


@require_GET
def my_measures(request):
    """The person's own scores and the measures they can complete themself."""
    person = own_record_for(user=request.user)
    if person is None:
        raise Http404
    audit_view(request, person, reason="own outcome measures")
    return _measures_page(request, person)


def _teams_for(request, person, own: bool) -> list:
    entries = current_caseload_entries(person)
    if own:
        return [entry.team for entry in entries]
    roles = {membership.team_id: membership.role for membership in memberships_for_user(user=request.user)}
    return [entry.team for entry in entries if roles.get(entry.team_id) in RETURN_WRITERS]


@require_http_methods(["GET", "POST"])
def return_new(request, pk: int, code: str):
    """Record a return: staff with the person, or the person themself on their own login."""
    person = get_visible_or_404(person_detail_queryset(user=request.user), pk=pk)
    require_permission(request.user, "evaluation.add_prom_return", person)
    try:
        instrument = selectors.entry_instrument(code=code)
    except Instrument.DoesNotExist:
        raise Http404 from None
    own = person.user_id == request.user.pk
    teams = _teams_for(request, person, own)
    if not teams:
        raise PermissionDenied  # nobody can record a return without a caseload it belongs to
    form = PromReturnForm(request.POST or None, instrument=instrument, staff=not own, teams=teams)
    if request.method == "GET":
        audit_view(request, person, reason=f"recording {instrument.short_name}")

    def record(data):
        team_id = data.get("team") or teams[0].pk
        return services.prom_return_record(
            person=person,
            team=next(team for team in teams if team.pk == team_id),
            instrument=instrument,
            completed_on=data["completed_on"],
            timepoint=data.get("timepoint") or Timepoint.REVIEW,
            context=data.get("context") or ReturnContext.OTHER,
            answers=form.answers(),
            additional_help=form.additional_help(),
            completion=Completion.SELF if own else Completion.WITH_STAFF,
            by=request.user,
            submission_key=data["submission_key"],
        )

    try:
        outcome = submit(request, form, record, what="return")
    except AlreadyRecorded as already:
        # The same form sent twice: the first send was stored; show it rather than an error.
        messages.info(request, f"This {instrument.short_name} has already been recorded. It was saved once.")
        return redirect(already.result_url or reverse("measures:person", kwargs={"pk": person.pk}))
    if outcome.saved:
        prom_return = outcome.result
        messages.success(request, f"{instrument.short_name} saved: {score_text(prom_return.total)}.")
        return redirect("measures:return", pk=prom_return.pk)
    return render(
        request,
        "evaluation/return_form.html",
        {
            "form": form,
            "person": person,
            "own": own,
            "instrument": instrument,
            "breadcrumbs": _crumbs(request, "measures:return-new", person),
        },
    )


@require_GET
def return_detail(request, pk: int):
    """One return: the score, each answer, and what to do after a risk answer."""
    prom_return = get_visible_or_404(selectors.prom_return_detail_queryset(user=request.user), pk=pk)
    audit_view(request, prom_return, reason="outcome measure return")
    person = prom_return.person
    own = person.user_id == request.user.pk
    return render(
        request,
        "evaluation/return_detail.html",
        {
            "prom_return": prom_return,
            "instrument": prom_return.instrument,
            "person": person,
            "own": own,
            "score": score_text(prom_return.total),
            "raw": score_text(prom_return.raw),
            "life": score_text(prom_return.life_domain_mean),
            "treatment": score_text(prom_return.treatment_mean),
            "answers": selectors.answered_items(prom_return=prom_return),
            "breadcrumbs": _crumbs(request, "measures:return", person),
        },
    )
