from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from ..access import PersonalData


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed"
    EXPORT = "export", "Exported"
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    DELETE = "delete", "Deleted"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGN_OUT = "sign_out", "Signed out"
    SECOND_FACTOR_ADDED = "second_factor_added", "Second factor added"
    SECOND_FACTOR_REMOVED = "second_factor_removed", "Second factor removed"
    SECOND_FACTOR_VERIFIED = "second_factor_verified", "Second factor verified"
    SECOND_FACTOR_FAILED = "second_factor_failed", "Second factor failed"
    SECOND_FACTOR_RESET = "second_factor_reset", "Second factors reset by an administrator"
    RECOVERY_CODES_ISSUED = "recovery_codes_issued", "Recovery codes issued"
    RECOVERY_CODE_USED = "recovery_code_used", "Recovery code used"
    ACCOUNT_DISABLED = "account_disabled", "Account disabled"


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Audit events are append-only")

    def delete(self):
        raise PermissionError("Audit events are append-only")

    def visible_to(self, user) -> "AuditEventQuerySet":
        # Who read whose record is itself sensitive: administrators only.
        return self if user.is_active and user.is_superuser else self.none()


class AuditEvent(PersonalData, models.Model):
    """One row per read of a person's record, export, or security event. Never changed or removed.

    The row holds references, never the content read, so the trail itself carries no health data.
    On PostgreSQL a trigger refuses UPDATE and DELETE (migration 0002), whatever the client.
    """

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    # No database constraint: deleting a user must neither fail nor rewrite the trail.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(max_length=32, choices=AuditAction.choices)
    object_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=200, blank=True, help_text="Why, e.g. the page or export used.")
    request_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    # The people the page was about, as "careplans.serviceuser:12" or "college.student:4": one event for a
    # list names everyone shown on it, so "who viewed my plan" finds lists and records alike. JSON, so
    # `make run` on SQLite works; on PostgreSQL a GIN index (migration 0005) serves `about_any`.
    subjects = models.JSONField(default=list, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_type_id}:{self.object_id} at {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionError("Audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only")
