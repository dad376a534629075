"""Who may see the dashboards (ARCHITECTURE §3): steering group members, workstream leads, the Recovery
Evaluation Team and administrators. Everyone else gets 403.
"""

import rules

from recovery_portal.rules import is_trust_staff
from teams.policy import sees_trust_figures

sees_dashboards = sees_trust_figures


rules.add_perm("evaluation.view_dashboards", sees_dashboards)
# The header link is shown to all staff, as the Caseload link is: a header link whose permission is false
# falls through to Django's model permissions, two more queries on every page for every member of staff
# without a dashboard role. The home panel is shown only to those who may see the dashboards.
rules.add_perm("evaluation.view_dashboards_link", is_trust_staff)
