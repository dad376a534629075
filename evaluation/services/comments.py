"""Flagging a Friends and Family Test comment as identifying, and reviewing the flag."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from recovery_portal.audit import audit_record
from recovery_portal.models import AuditAction

from ..models import CommentFlag, CommentOutcome


@transaction.atomic
def comment_flag(*, prem_return, reason: str, by, request=None) -> CommentFlag:
    """Withhold ``prem_return``'s comment from the team until it is reviewed.

    A comment shown after an earlier review is flagged again on the same record; the history keeps both.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError("Enter why the comment could identify someone")
    flag = CommentFlag.objects.select_for_update().filter(prem_return=prem_return).first()
    if flag is not None and flag.withholds:
        raise ValidationError("This comment is already withheld")
    if flag is None:
        flag = CommentFlag(prem_return=prem_return)
    flag.outcome = CommentOutcome.AWAITING_REVIEW
    flag.reason = reason
    flag.flagged_by = by
    flag.flagged_at = timezone.now()
    flag.review_note = ""
    flag.reviewed_by = None
    flag.reviewed_at = None
    flag._change_reason = "Flagged as identifying"
    flag.save()
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        obj=flag,
        request=request,
        reason=f"Friends and Family Test comment flagged as identifying: {reason}",
    )
    return flag


@transaction.atomic
def comment_review(*, flag: CommentFlag, outcome: str, note: str = "", by, request=None) -> CommentFlag:
    """Decide a flagged comment: ``show`` it to the team or ``keep_withheld``."""
    if outcome not in (CommentOutcome.SHOW, CommentOutcome.KEEP_WITHHELD):
        raise ValidationError("Select whether to show the comment or keep it withheld")
    flag = CommentFlag.objects.select_for_update().get(pk=flag.pk)
    if flag.outcome != CommentOutcome.AWAITING_REVIEW:
        raise ValidationError("This comment has already been reviewed")
    flag.outcome = outcome
    flag.review_note = note.strip()
    flag.reviewed_by = by
    flag.reviewed_at = timezone.now()
    flag._change_reason = f"Reviewed: {flag.get_outcome_display()}"
    flag.save()
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        obj=flag,
        request=request,
        reason=f"Friends and Family Test comment reviewed: {flag.get_outcome_display()}",
    )
    return flag
