"""Who may see the dashboards (ARCHITECTURE §3): steering group members, workstream leads, the Recovery
Evaluation Team and administrators. Everyone else gets 403.
"""

import rules

from teams.policy import sees_trust_figures

# Who reads the Trust's figures is defined once, with the other role sets (ADR 0032).
sees_dashboards = sees_trust_figures


rules.add_perm("evaluation.view_dashboards", sees_dashboards)
