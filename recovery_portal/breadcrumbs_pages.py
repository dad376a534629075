"""Where the core app's own pages sit, for their breadcrumbs (recovery_portal.breadcrumbs)."""

from .breadcrumbs import page


def register() -> None:
    page("tasks", "Follow-up tasks")
