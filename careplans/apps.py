from django.apps import AppConfig


class CareplansConfig(AppConfig):
    """People who use services and their co-produced plans."""

    name = "careplans"
    verbose_name = "Personal plans"

    def ready(self) -> None:
        from recovery_portal.navigation import NavLink, register_link

        from . import breadcrumbs, panels

        register_link(
            NavLink("Caseload", "careplans:caseload", permission="careplans.view_caseload", order=30)
        )
        # People who use services reach their own plans from every page.
        register_link(
            NavLink("Your plans", "careplans:my-plans", permission="careplans.view_own_plans", order=5)
        )
        panels.register()
        breadcrumbs.register()
