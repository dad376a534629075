from django.conf import settings
from django.db import models


class ChangeTracked(models.Model):
    """When a record was last changed and by whom; services set ``changed_by`` on every write."""

    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True
