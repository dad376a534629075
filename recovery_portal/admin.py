from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import AuditEvent, FollowUpTask, User, WorkerHeartbeat


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "kind", "job_title", "is_active", "is_superuser"]
    list_filter = ["kind", "is_active", "is_superuser", "groups"]
    search_fields = ["username", "first_name", "last_name", "preferred_name", "email"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Recovery Portal", {"fields": ("kind", "preferred_name", "job_title")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        ("Recovery Portal", {"fields": ("kind", "first_name", "last_name", "email")}),
    )


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail, readable by superusers and never editable (the database refuses too)."""

    list_display = ["occurred_at", "actor", "action", "object_type", "object_id", "reason", "request_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "request_id", "actor__username"]
    date_hierarchy = "occurred_at"
    list_select_related = ["actor", "object_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["requested_at", "requested_by", "answered_at", "worker"]
    list_filter = ["requested_at", "answered_at"]
    search_fields = ["worker", "requested_by__username"]
    readonly_fields = ["requested_at", "requested_by", "answered_at", "worker"]


@admin.register(FollowUpTask)
class FollowUpTaskAdmin(admin.ModelAdmin):
    """Follow-up tasks, to see what is waiting on whom. Raised by services and jobs, so never typed in here."""

    list_display = ["title", "assignee", "due_date", "raised_at", "completed_at", "completed_by"]
    list_filter = ["completed_at", "due_date"]
    search_fields = ["title", "key", "assignee__username", "assignee__last_name"]
    list_select_related = ["assignee", "completed_by"]
    readonly_fields = [field.name for field in FollowUpTask._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
