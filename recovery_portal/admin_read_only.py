"""Admin for records the portal writes itself (audit events, messages, tasks, report runs, goal
measurements): administrators read them there, and nobody adds, changes or deletes them in admin."""


class ReadOnlyAdmin:
    """Mix in first, before ``admin.ModelAdmin`` and any mixin that grants permissions."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
