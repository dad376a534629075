"""A Friends and Family Test comment that staff flag as identifying: withheld from the team until reviewed.

Comments are shown only to the team the feedback is about (its comments page and its performance report).
A comment flagged as identifying someone (a person, a carer or a member of staff) is withheld from both
until one of the team's reviewers (``teams.policy.COMMENT_REVIEWERS``) decides to show it or keep it
withheld. A comment shown after review may be flagged again; every change is kept in the history.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from recovery_portal.access import PersonalData
from recovery_portal.text_limits import NOTE, BoundedTextField

from .returns import PremReturn


class CommentOutcome(models.TextChoices):
    AWAITING_REVIEW = "awaiting_review", "Withheld until reviewed"
    SHOW = "show", "Shown after review"
    KEEP_WITHHELD = "keep_withheld", "Kept withheld after review"


WITHHELD = (CommentOutcome.AWAITING_REVIEW, CommentOutcome.KEEP_WITHHELD)


class CommentFlagQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CommentFlagQuerySet":
        """Flags on the feedback the user may see: that of the teams they work in."""
        return self.filter(prem_return__in=PremReturn.objects.visible_to(user).values("pk"))


class CommentFlag(PersonalData, models.Model):
    """Staff's flag on one comment as identifying, and the review that decides whether the team sees it."""

    prem_return = models.OneToOneField(PremReturn, on_delete=models.PROTECT, related_name="comment_flag")
    outcome = models.CharField(
        max_length=16, choices=CommentOutcome.choices, default=CommentOutcome.AWAITING_REVIEW
    )
    reason = BoundedTextField(max_length=NOTE, help_text="Why the comment could identify someone.")
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    flagged_at = models.DateTimeField(default=timezone.now)
    review_note = BoundedTextField(blank=True, max_length=NOTE)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = CommentFlagQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "flag on a Friends and Family Test comment"

    def __str__(self) -> str:
        return f"Flag on a comment for {self.prem_return.team} ({self.get_outcome_display()})"

    @property
    def withholds(self) -> bool:
        return self.outcome in WITHHELD
