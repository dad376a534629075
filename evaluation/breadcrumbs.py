"""Where each evaluation page sits, for its breadcrumbs (recovery_portal.breadcrumbs).

A person's measures sit under their record for staff, and under "Your measures" for the person themself:
their parent is chosen by who reads (``by_viewer``), and the views ask with ``viewer=request.user``.
"""

from recovery_portal.breadcrumbs import by_viewer, page
from recovery_portal.rules import is_person_using_services


def _own_or(staff_parent: str):
    """Under "Your measures" when the person reads about themself, else under ``staff_parent``."""
    return by_viewer(lambda user, person: "measures:mine" if person.user_id == user.pk else staff_parent)


def _team(record):
    return record.team


def register() -> None:
    # A person's measures sit under their record, which careplans declares (careplans/breadcrumbs.py).

    page("measures:index", "Measures")
    page("measures:mhsds-extract", "MHSDS extract", parent="measures:index")
    page("measures:mine", "Your measures")
    # A person's measures, a return recorded with them and one return: the record is the person.
    page("measures:person", "Measures", parent="careplans:person", args=lambda person: [person.pk])
    for name in ("measures:return-new", "measures:return"):
        page(name, "Measures", parent=_own_or("measures:person"))
    # The Friends and Family Test: staff enter it from the measures, a person from their own measures.
    page("measures:feedback-new", "Friends and Family Test",
         parent=by_viewer(lambda user, _: "measures:mine" if is_person_using_services(user) else "measures:index"))  # fmt: skip
    # A team's comments sit under the team; the record is the team.
    page("measures:team-comments", "Friends and Family Test comments", parent="teams:detail",
         args=lambda team: [team.slug])  # fmt: skip
    page("measures:comment-review", "Review a comment", parent="measures:team-comments")

    # The steering group dashboards: every scope's page sits under the Trust's.
    page("dashboards:trust", "Trust dashboard")
    for name in ("steering-group", "division", "team"):
        page(f"dashboards:{name}", "Dashboard", parent="dashboards:trust")

    # Annual evaluation reports, and a team's performance report under its team (the record is the team).
    page("reports:list", "Annual evaluation reports")
    page("reports:run", "Annual evaluation report", parent="reports:list")
    page("reports:team", "Team performance report", parent="teams:detail")
