from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .admin_audit import AuditedAdmin
from .models import AuditEvent, User, WorkerHeartbeat


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
class AuditEventAdmin(AuditedAdmin, admin.ModelAdmin):
    """The audit trail, readable by superusers and never editable (the database refuses too). Who read
    whose record is itself personal data, so reading the trail is audited like any other list."""

    list_display = ["occurred_at", "actor", "action", "object_type", "object_id", "reason", "request_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "request_id", "actor__username"]
    date_hierarchy = "occurred_at"
    list_select_related = ["actor", "object_type"]

    def audit_subjects(self, rows) -> list[str]:
        # The trail names the people each event was about; reading a page of it reads about them all.
        return list(dict.fromkeys(key for row in rows for key in row.subjects))

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
