"""The Friends and Family Test for a team: given by someone on its caseload, or entered by its staff."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from careplans.selectors import own_record_for
from recovery_portal.access import require_permission
from recovery_portal.breadcrumbs import trail
from recovery_portal.form_flow import submit
from recovery_portal.rules import is_person_using_services
from recovery_portal.submissions import AlreadyRecorded
from teams.selectors import team_get

from .. import selectors, services
from ..forms import FeedbackForm
from ..models import Completion, MeasureKind


@require_http_methods(["GET", "POST"])
def feedback_new(request, slug: str):
    """Record one Friends and Family Test response for a team; anonymous unless the person says so."""
    try:
        team = team_get(slug=slug)
        instrument = selectors.entry_instrument(code="FFT", kind=MeasureKind.PREM)
    except ObjectDoesNotExist:  # no such team, or no Friends and Family Test
        raise Http404 from None
    require_permission(request.user, "evaluation.add_team_feedback", team)
    own = is_person_using_services(request.user)
    form = FeedbackForm(request.POST or None, instrument=instrument, own=own)

    def record(data):
        person = own_record_for(user=request.user) if own and data.get("give_name") == "yes" else None
        return services.prem_return_record(
            team=team,
            instrument=instrument,
            completed_on=data["completed_on"],
            answer=data["answer"],
            free_text=data["free_text"],
            person=person,
            completion=Completion.SELF if own else Completion.WITH_STAFF,
            by=request.user,
            submission_key=data["submission_key"],
        )

    try:
        outcome = submit(request, form, record, what="feedback")
    except AlreadyRecorded:
        # The same form sent twice: the first send was stored; say so rather than store it again.
        messages.info(request, "This feedback has already been recorded. It was saved once.")
        return redirect(
            "measures:mine" if own else reverse("measures:feedback-new", kwargs={"slug": team.slug})
        )
    if outcome.saved:
        if own:
            messages.success(request, f"Thank you. Your feedback has been sent to {team.name}.")
            return redirect("measures:mine")
        messages.success(request, f"Feedback for {team.name} saved. You can enter another below.")
        return redirect("measures:feedback-new", slug=team.slug)
    return render(
        request,
        "evaluation/feedback_form.html",
        {
            "form": form,
            "team": team,
            "instrument": instrument,
            "own": own,
            "breadcrumbs": trail("measures:feedback-new", viewer=request.user),
        },
    )
