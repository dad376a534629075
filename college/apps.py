from django.apps import AppConfig


class CollegeConfig(AppConfig):
    """Prospectus, courses, enrolment, attendance and learning plans."""

    name = "college"
    verbose_name = "Recovery College"

    def ready(self) -> None:
        from recovery_portal.navigation import NavLink, register_link

        from . import breadcrumbs, notifications, panels

        # The prospectus is public, so everyone signed in sees the link.
        register_link(NavLink("Recovery College", "college:prospectus", permission=None, order=40))
        panels.register()
        notifications.register()
        breadcrumbs.register()
