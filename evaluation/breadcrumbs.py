"""Where each evaluation page sits, for its breadcrumbs (recovery_portal.breadcrumbs).

A person's measures sit under their record for staff, and under "Your measures" for the person themself:
such a page is declared twice, the person's own reading under ``own(url_name)``, and the view asks for the
trail of the one its reader sees.
"""

from recovery_portal.breadcrumbs import page


def own(url_name: str) -> str:
    """The name under which a page is declared as the person whose measures it shows reads it."""
    return f"{url_name}:own"


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
        page(name, "Measures", parent="measures:person")
        page(own(name), "Your measures", parent="measures:mine")
    # The Friends and Family Test: staff enter it from the measures, a person from their own measures.
    page("measures:feedback-new", "Friends and Family Test", parent="measures:index")
    page(own("measures:feedback-new"), "Friends and Family Test", parent="measures:mine")
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
