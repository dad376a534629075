"""Where each teams page sits, for its breadcrumbs (recovery_portal.breadcrumbs)."""

from recovery_portal.breadcrumbs import page

# The steps and pages of a Team Recovery Plan: the record is the plan, and each sits under it.
PLAN_PAGES = (
    "plan-resources", "plan-away-day", "plan-reflection", "plan-ratings", "plan-priority-add",
    "priority-edit", "action-add", "action-edit", "plan-agree", "plan-review", "plan-history", "plan-print",
)  # fmt: skip


def register() -> None:
    page("teams:directory", "Teams")
    page("teams:coverage", "Team Recovery Plan coverage", parent="teams:directory")
    page("teams:detail", lambda team: team.name, parent="teams:directory", args=lambda team: [team.slug])
    page("teams:plan-start", "Start a Team Recovery Plan", parent="teams:detail")  # record: the team
    page("teams:triangle-of-care", "Triangle of Care", parent="teams:detail")  # record: the team
    page("teams:triangle-of-care-trust", "Triangle of Care across the Trust", parent="teams:directory")
    page("teams:plan", lambda plan: f"Plan {plan.financial_year}", parent="teams:detail",
         up=lambda plan: plan.team, args=lambda plan: [plan.pk])  # fmt: skip
    for name in PLAN_PAGES:
        page(f"teams:{name}", "Team Recovery Plan", parent="teams:plan")
