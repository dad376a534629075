"""Who may import returns (django-rules; loaded by the import views).

The Recovery Evaluation Team imports for every team. Clinicians and peer support workers, who record
returns with people (ARCHITECTURE §3), import for the current caseloads of their own teams. Everyone
else is refused (403).
"""

import rules

from recovery_portal.rules import is_evaluation_team, is_trust_staff
from teams.policy import RETURN_WRITERS


def writer_team_ids(user) -> frozenset[int]:
    """Teams in which ``user`` records returns today; cached on the user for the request."""
    if not hasattr(user, "_return_writer_team_ids"):
        from teams.selectors import memberships_for_user

        user._return_writer_team_ids = frozenset(
            membership.team_id
            for membership in memberships_for_user(user=user)
            if membership.role in RETURN_WRITERS
        )
    return user._return_writer_team_ids


@rules.predicate
def records_returns_for_a_team(user) -> bool:
    return bool(is_trust_staff(user) and writer_team_ids(user))


rules.add_perm(
    "evaluation.import_returns", is_trust_staff & (is_evaluation_team | records_returns_for_a_team)
)
