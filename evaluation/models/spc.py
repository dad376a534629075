"""Recorded changes of SPC process limits ("rebases"), set by the evaluation team per measure and unit.

A change says from which month a measure's limits are worked out afresh, and why (a new service, a new
way of counting); optionally on how many months (a baseline) the new limits are fixed. The charts draw
each period's own limits and show the reason (ADR 0021). History is kept: a change is never edited away,
only added to.
"""

from django.conf import settings
from django.db import models

from recovery_portal import text_limits
from recovery_portal.text_limits import BoundedTextField

from ..scope import KIND_LABELS


class SpcMeasure(models.TextChoices):
    """The monthly series the dashboards chart (``MonthlySeries.key``)."""

    PLANS_AGREED = "plans-agreed", "Plans agreed each month"
    COLLEGE_ATTENDANCE = "college-attendance", "Recovery College attendance each month"
    PROM_RETURNS = "prom-returns", "PROM returns each month"
    FFT_POSITIVE = "fft-positive", "Friends and Family Test: share very good or good each month"


class SpcLimitChange(models.Model):
    measure = models.CharField(max_length=40, choices=SpcMeasure.choices)
    unit_kind = models.CharField("Unit", max_length=20, choices=list(KIND_LABELS.items()))
    unit_slug = models.SlugField(
        "Unit short name", max_length=100, blank=True, help_text="Leave blank for the whole Trust."
    )
    starts = models.DateField(
        "Limits recalculated from", help_text="The first month of the new limits (any day in it)."
    )
    reason = BoundedTextField(
        "Why the limits change", max_length=text_limits.NOTE, help_text="Shown on the chart."
    )
    baseline_months = models.PositiveSmallIntegerField(
        "Baseline months",
        null=True,
        blank=True,
        help_text="Fix the new limits on this many months from the change (13 or more). Leave blank to use "
        "every month from the change.",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "SPC limit change"
        ordering = ["measure", "unit_kind", "unit_slug", "starts"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "unit_kind", "unit_slug", "starts"], name="one_spc_limit_change_a_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()}: limits from {self.starts:%B %Y}"
