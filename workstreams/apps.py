from django.apps import AppConfig


class WorkstreamsConfig(AppConfig):
    """Workstreams, conversation domains, ImROC challenges and steering groups."""

    name = "workstreams"
    verbose_name = "Strategy workstreams and governance"
