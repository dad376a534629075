from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """Outcome measures, dashboards and the annual evaluation report."""

    name = "evaluation"
    verbose_name = "Evaluation"

    def ready(self) -> None:
        from recovery_portal.navigation import NavLink, register_link

        register_link(NavLink("Measures", "measures:index", permission="evaluation.view_measures", order=35))
        register_link(
            NavLink("Your measures", "measures:mine", permission="evaluation.view_own_measures", order=35)
        )
