from django.conf import settings
from django.db import models
from django.utils import timezone

from ..access import PersonalData


class FollowUpTaskQuerySet(models.QuerySet):
    def visible_to(self, user) -> "FollowUpTaskQuerySet":
        """A task is seen by the person it is for; it may name someone they work with."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(assignee=user)

    def open(self) -> "FollowUpTaskQuerySet":
        return self.filter(completed_at__isnull=True)


class FollowUpTask(PersonalData, models.Model):
    """Something a member of staff has been asked to follow up: a review falling due, a missed session.

    Raised by services and jobs, never typed in. ``key`` makes raising idempotent: the same key never
    creates a second task. The title says what to do without clinical detail; the link leads to the
    record, which applies its own access rules.
    """

    key = models.CharField(max_length=200, unique=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_up_tasks"
    )
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True, help_text="Where in the portal to act on it.")
    due_date = models.DateField(null=True, blank=True)
    raised_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = FollowUpTaskQuerySet.as_manager()

    class Meta:
        ordering = ["completed_at", "due_date", "raised_at"]
        indexes = [models.Index(fields=["assignee", "completed_at", "due_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return (
            self.completed_at is None and self.due_date is not None and self.due_date < timezone.localdate()
        )
