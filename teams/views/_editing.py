"""What every editing step shares: reaching the plan it may change. Saving goes through
``recovery_portal.form_flow`` (one form flow, stale saves refused with both texts kept)."""

from recovery_portal.access import get_visible_or_404, require_permission

from .. import selectors


def editable_plan(request, pk: int):
    """The plan, if the signed-in person may change it: 404 if there is none, 403 if not theirs to edit."""
    plan = get_visible_or_404(selectors.plan_queryset(), pk=pk)
    require_permission(request.user, "teams.change_teamrecoveryplan", plan)
    return plan
