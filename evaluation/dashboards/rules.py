"""Who may see the dashboards (ARCHITECTURE §3): steering group members, workstream leads, the Recovery
Evaluation Team and administrators. Everyone else gets 403.
"""

import rules
from django.core.cache import cache

from recovery_portal.rules import is_administrator, is_evaluation_team, is_trust_staff
from workstreams.rules import is_steering_group_member, is_workstream_lead

LINK_CACHE_SECONDS = 5 * 60


@rules.predicate
def sees_dashboards(user) -> bool:
    return bool(
        is_administrator(user)
        or (
            is_trust_staff(user)
            and (is_evaluation_team(user) or is_steering_group_member(user) or is_workstream_lead(user))
        )
    )


def _link_key(user) -> str:
    return f"dashboards-link:{user.pk}"


def remember_at_sign_in(sender, request, user, **kwargs) -> None:
    """Work out at sign-in whether the header shows the Dashboards link, so pages need no query for it."""
    cache.set(_link_key(user), sees_dashboards(user), LINK_CACHE_SECONDS)


@rules.predicate
def shows_dashboards_link(user) -> bool:
    """The header link, from the answer kept at sign-in (at most five minutes old). It only hides or shows
    a link: the dashboards themselves check ``sees_dashboards`` on every request."""
    if not (user.is_authenticated and is_trust_staff(user)):
        return False
    shown = cache.get(_link_key(user))
    if shown is None:
        shown = sees_dashboards(user)
        cache.set(_link_key(user), shown, LINK_CACHE_SECONDS)
    return shown


rules.add_perm("evaluation.view_dashboards", sees_dashboards)
rules.add_perm("evaluation.view_dashboards_link", shows_dashboards_link)
