from django.apps import AppConfig


class WorkstreamsConfig(AppConfig):
    """Workstreams, conversation domains, ImROC challenges and steering groups."""

    name = "workstreams"
    verbose_name = "Strategy workstreams and governance"

    def ready(self) -> None:
        from recovery_portal.navigation import NavLink, register_link

        from . import breadcrumbs, panels

        register_link(
            NavLink("Workstreams", "workstreams:list", permission="workstreams.view_workstream", order=10)
        )
        panels.register()
        breadcrumbs.register()
