from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """Outcome measures, dashboards and the annual evaluation report."""

    name = "evaluation"
    verbose_name = "Evaluation"

    def ready(self) -> None:
        from . import dashboards

        dashboards.register()
