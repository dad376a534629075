"""Steering group dashboards: the Trust, each service-specific steering group, each division and each
team, for a financial year, with an XmR chart for each monthly series and a CSV of every table."""


def register() -> None:
    """The header link and home panel, registered by ``EvaluationConfig.ready``."""
    from recovery_portal.navigation import NavLink, register_link

    from . import panels, rules  # noqa: F401 (rules registers the permissions)

    register_link(
        NavLink("Dashboards", "dashboards:trust", permission="evaluation.view_dashboards", order=50)
    )
    panels.register()
