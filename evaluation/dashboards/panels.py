"""The home panel of people who may see the dashboards."""

from recovery_portal.home import HomePanel, register_panel


def _dashboards(user) -> dict | None:
    return {} if user.is_authenticated and user.has_perm("evaluation.view_dashboards") else None


def register() -> None:
    register_panel(HomePanel("dashboards", "home/panels/dashboards.html", _dashboards, order=45))
