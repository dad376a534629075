from django.conf import settings
from django.db import models


class WorkerHeartbeat(models.Model):
    """A request for a background worker to answer, so staff can see that jobs are running."""

    requested_at = models.DateTimeField(auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"Heartbeat {self.pk} requested {self.requested_at:%Y-%m-%d %H:%M}"
