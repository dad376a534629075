from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .admin_audit import AuditedAdmin
from .admin_read_only import ReadOnlyAdmin
from .models import AuditEvent, FollowUpTask, Message, MessageTemplate, User, WorkerHeartbeat


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "kind", "job_title", "is_active", "is_superuser"]
    list_filter = ["kind", "is_active", "is_superuser", "groups"]
    search_fields = ["username", "first_name", "last_name", "preferred_name", "email"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Recovery Portal", {"fields": ("kind", "preferred_name", "job_title")}),
        # Set by the person on their "How we contact you" page; shown here, not changed here.
        ("How they are contacted", {"fields": ("contact_by", "mobile_number")}),
    )
    readonly_fields = ["contact_by", "mobile_number"]
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        ("Recovery Portal", {"fields": ("kind", "first_name", "last_name", "email")}),
    )


@admin.register(AuditEvent)
class AuditEventAdmin(AuditedAdmin, ReadOnlyAdmin, admin.ModelAdmin):
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


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["requested_at", "requested_by", "answered_at", "worker"]
    list_filter = ["requested_at", "answered_at"]
    search_fields = ["worker", "requested_by__username"]
    readonly_fields = ["requested_at", "requested_by", "answered_at", "worker"]


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    """The messages the portal can send. The wording for people lives in GOV.UK Notify under the
    template id; ``body`` is kept in step with it here for reading, and is what staff email says."""

    list_display = ["code", "channel", "audience", "notify_template_id", "description"]
    list_filter = ["channel", "audience"]
    search_fields = ["code", "description"]

    def has_delete_permission(self, request, obj=None):
        # Messages sent keep their template.
        return False


class MessageFailedFilter(admin.SimpleListFilter):
    title = "delivery"
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [("failed", "Not delivered"), ("waiting", "Waiting or sending")]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.failed()
        if self.value() == "waiting":
            return queryset.filter(status__in=["created", "sending"])
        return queryset


@admin.register(Message)
class MessageAdmin(AuditedAdmin, ReadOnlyAdmin, admin.ModelAdmin):
    """Every message sent and what became of it; delivery failures under "Not delivered". Read only:
    a message is a record of what was sent."""

    list_display = ["created_at", "template", "recipient", "channel", "status", "attempts", "problem"]
    list_filter = [MessageFailedFilter, "status", "channel", "template__code"]
    search_fields = ["recipient__username", "notify_id", "reference"]
    date_hierarchy = "created_at"
    list_select_related = ["template", "recipient"]


@admin.register(FollowUpTask)
class FollowUpTaskAdmin(AuditedAdmin, ReadOnlyAdmin, admin.ModelAdmin):
    """Follow-up tasks, to see what is waiting on whom. Raised by services and jobs, so never typed in here."""

    list_display = ["title", "assignee", "due_date", "raised_at", "completed_at", "completed_by"]
    list_filter = ["completed_at", "due_date"]
    search_fields = ["title", "key", "assignee__username", "assignee__last_name"]
    list_select_related = ["assignee", "completed_by"]
    readonly_fields = [field.name for field in FollowUpTask._meta.fields]
