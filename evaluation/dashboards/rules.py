"""Who may see the dashboards (ARCHITECTURE §3): steering group members, workstream leads, the Recovery
Evaluation Team and administrators. Everyone else gets 403.
"""

import rules

from teams.policy import sees_trust_figures

sees_dashboards = sees_trust_figures


rules.add_perm("evaluation.view_dashboards", sees_dashboards)
