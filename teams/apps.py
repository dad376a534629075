from django.apps import AppConfig


class TeamsConfig(AppConfig):
    """Divisions, teams and team memberships."""

    name = "teams"
    verbose_name = "Teams and Team Recovery Plans"
