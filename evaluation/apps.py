from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """Outcome measures, dashboards and the annual evaluation report."""

    name = "evaluation"
    verbose_name = "Evaluation"

    def ready(self) -> None:
        from recovery_portal.navigation import NavLink, register_link

        from . import breadcrumbs, dashboards, reports

        breadcrumbs.register()
        dashboards.register()
        reports.register()

        # One link for staff and people alike: a permission the rules grant to every staff member keeps
        # the header from falling back to Django's permission tables (two queries on every page).
        register_link(NavLink("Measures", "measures:index", permission="evaluation.open_measures", order=35))
