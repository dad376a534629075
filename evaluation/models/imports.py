"""A file of returns loaded in one go. The importer fills it; returns point back to it."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportFileKind(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (XLSX)"


class ReturnImport(models.Model):
    """Who loaded which file (by its SHA-256), when, for which teams, and how many rows it wrote."""

    file_name = models.CharField(max_length=255)
    sha256 = models.CharField("SHA-256 of the file", max_length=64, db_index=True)
    kind = models.CharField(max_length=8, choices=ImportFileKind.choices)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="return_imports"
    )
    imported_at = models.DateTimeField(default=timezone.now)
    rows_written = models.PositiveIntegerField(default=0)
    teams = models.ManyToManyField(
        "teams.Team", blank=True, related_name="return_imports", help_text="The teams the file was for."
    )

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%d %b %Y})"
