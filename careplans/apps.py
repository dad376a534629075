from django.apps import AppConfig


class CareplansConfig(AppConfig):
    """People who use services and their co-produced plans."""

    name = "careplans"
    verbose_name = "Personal plans"
