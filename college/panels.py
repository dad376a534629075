"""Home panels: a student's courses, a trainer's registers, and the college team's links."""

from recovery_portal.home import HomePanel, register_panel
from recovery_portal.rules import is_college_team

from . import selectors


def _student(user) -> dict | None:
    if selectors.student_for(user=user) is None:
        return None
    return {"enrolments": [e for e in selectors.student_enrolments(user=user) if not e.is_complete][:5]}


def _trainer(user) -> dict | None:
    if not user.is_authenticated:
        return None
    runs = list(selectors.trainer_runs(user=user))
    return {"runs": runs} if runs else None


def _college_team(user) -> dict | None:
    return {} if is_college_team(user) else None


def register() -> None:
    register_panel(HomePanel("college-student", "home/panels/college_student.html", _student, order=35))
    register_panel(HomePanel("college-trainer", "home/panels/college_trainer.html", _trainer, order=36))
    register_panel(HomePanel("college-team", "home/panels/college_team.html", _college_team, order=37))
