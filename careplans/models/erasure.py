"""Erasure under a legal request: the one way words leave a plan's history, and it is recorded."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from recovery_portal.access import PersonalData
from recovery_portal.text_limits import NOTE, BoundedTextField

from .plans import Plan


class Erasure(PersonalData, models.Model):
    """A plan entry removed under a legal request (such as a court order or words about someone else
    written in the wrong record): who removed it, when, why, and which saved versions now read
    "Removed …" where the words were. Never changed or removed."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="erasures")
    entry_id = models.PositiveIntegerField(help_text="The entry removed; it no longer exists.")
    section = models.CharField(max_length=40)
    reason = BoundedTextField(
        max_length=NOTE, help_text="The legal request this answers, with its reference."
    )
    versions_changed = models.JSONField(default=list, help_text="Numbers of the saved versions changed.")
    agreed_version_changed = models.BooleanField(
        default=False, help_text="The version the person had agreed read differently before this removal."
    )
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    erased_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-erased_at", "-id"]

    def __str__(self) -> str:
        return f"Removed from {self.plan} on {self.erased_at:%d %B %Y}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("An erasure is kept as it was recorded")
        super().save(*args, **kwargs)
