from django.conf import settings
from django.db import models
from django.utils import timezone


class FormSubmission(models.Model):
    """One sent form, by the key the server gave the form when it was shown (``recovery_portal.submissions``).

    The key is unique, so a form sent twice (a double click, or back and send again) is stored once:
    the second send finds this row and is told the answers are already recorded, and where they are.
    Holds no personal data: only who sent it, when, and the address of what it created.
    """

    key = models.CharField(max_length=64, unique=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    result_url = models.CharField(
        max_length=300, blank=True, help_text="Where the record the form created can be seen."
    )

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"Form sent {self.sent_at:%Y-%m-%d %H:%M}"
