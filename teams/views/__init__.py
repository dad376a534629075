"""Views of the teams app: the directory and team page, Team Recovery Plans, coverage, Triangle of Care."""

from .coverage import plan_coverage
from .plans import plan_agree, plan_detail, plan_history, plan_pdf, plan_print, plan_review, plan_start
from .steps import action_add, action_edit, plan_ratings, plan_section, priority_add, priority_edit
from .structure import team_detail, team_directory
from .triangle import triangle_of_care, triangle_of_care_trust

__all__ = [
    "action_add",
    "action_edit",
    "plan_agree",
    "plan_coverage",
    "plan_detail",
    "plan_history",
    "plan_pdf",
    "plan_print",
    "plan_ratings",
    "plan_review",
    "plan_section",
    "plan_start",
    "priority_add",
    "priority_edit",
    "team_detail",
    "team_directory",
    "triangle_of_care",
    "triangle_of_care_trust",
]
