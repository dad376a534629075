from django.apps import AppConfig


class TeamsConfig(AppConfig):
    """Divisions, teams and team memberships."""

    name = "teams"
    verbose_name = "Teams and Team Recovery Plans"

    def ready(self) -> None:
        from recovery_portal.navigation import NavLink, register_link

        from . import breadcrumbs, panels

        register_link(NavLink("Teams", "teams:directory", permission="teams.view_team", order=20))
        panels.register()
        breadcrumbs.register()
        # Workstream goals can be measured by Team Recovery Plan coverage, worked out here.
        from recovery_portal.computed_figures import register_computed_figure

        from .selectors import agreed_plan_coverage_percent

        register_computed_figure("teams_with_agreed_plan", agreed_plan_coverage_percent)
