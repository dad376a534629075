"""Who may read and start the annual evaluation report, and read a team performance report.

Annual reports go to the steering groups: their members, the workstream leads, the evaluation team
and administrators read them (ARCHITECTURE §3); steering group members, the evaluation team and
administrators start one. A team performance report holds only disclosure-controlled aggregates of
one team, so all staff may read it.
"""

import rules

from recovery_portal.rules import is_administrator, is_evaluation_team, is_trust_staff
from workstreams.rules import is_steering_group_member, is_workstream_lead

can_start_annual_report = is_steering_group_member | is_evaluation_team | is_administrator
can_view_annual_report = can_start_annual_report | is_workstream_lead

rules.add_perm("evaluation.view_annualreportrun", can_view_annual_report)
rules.add_perm("evaluation.add_annualreportrun", can_start_annual_report)
# A run that stopped is restarted by the Recovery Evaluation Team, who look after the reports.
rules.add_perm("evaluation.restart_annualreportrun", is_evaluation_team | is_administrator)
rules.add_perm("evaluation.view_team_performance_report", is_trust_staff)
