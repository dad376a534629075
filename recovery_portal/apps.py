from django.apps import AppConfig


class RecoveryPortalConfig(AppConfig):
    name = "recovery_portal"
    verbose_name = "Recovery Portal core"

    def ready(self) -> None:
        from . import breadcrumbs_pages, panels, signals  # noqa: F401  (signals: audit of sign-in and sign-out)

        panels.register()
        breadcrumbs_pages.register()
