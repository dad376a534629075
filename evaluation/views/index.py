"""The measures the Trust uses, their wording and licence lines, and where staff record feedback."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from recovery_portal.breadcrumbs import trail
from recovery_portal.rules import is_evaluation_team
from teams.selectors import memberships_for_user

from .. import selectors


@require_GET
@permission_required("evaluation.open_measures", raise_exception=True)
def index(request):
    """Each instrument with its recall period, scoring and licence line; the user's teams for feedback.
    A person using services is taken to their own measures."""
    if not request.user.has_perm("evaluation.view_measures"):
        return redirect("measures:mine")
    return render(
        request,
        "evaluation/index.html",
        {
            "instruments": selectors.instrument_list(),
            "teams": [membership.team for membership in memberships_for_user(user=request.user)],
            "breadcrumbs": trail("measures:index"),
            # The role names are read once per request; a permission check here would ask the database
            # for every other user's model permissions too.
            "exports_mhsds": is_evaluation_team(request.user),
        },
    )
