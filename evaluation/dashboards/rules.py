"""Who may see the dashboards (ARCHITECTURE §3): steering group members, workstream leads, the Recovery
Evaluation Team and administrators. Everyone else gets 403.
"""

import rules

from recovery_portal.rules import is_administrator, is_evaluation_team, is_trust_staff
from workstreams.rules import is_steering_group_member, is_workstream_lead


@rules.predicate
def sees_dashboards(user) -> bool:
    return bool(
        is_administrator(user)
        or (
            is_trust_staff(user)
            and (is_evaluation_team(user) or is_steering_group_member(user) or is_workstream_lead(user))
        )
    )


rules.add_perm("evaluation.view_dashboards", sees_dashboards)
# The header link is shown to all staff, as the Caseload link is: a header link whose permission is false
# falls through to Django's model permissions, two more queries on every page for every member of staff
# without a dashboard role. The home panel is shown only to those who may see the dashboards.
rules.add_perm("evaluation.view_dashboards_link", is_trust_staff)
