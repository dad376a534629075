"""Plans whose review is due soon or overdue, for the daily reminders."""

from datetime import date, timedelta

from django.db.models import Prefetch, QuerySet

from ..models import CaseloadEntry, Plan
from ..models.people import current_caseload_q

REMINDER_DAYS = 14


def plans_due_for_review(*, today: date) -> QuerySet[Plan]:
    """Plans with a review date on or before ``today`` + 14 days, each with the person's current
    caseload entries (and their allocated workers) prefetched."""
    current = CaseloadEntry.objects.filter(current_caseload_q(today)).select_related(
        "care_coordinator", "peer_support_worker"
    )
    return (
        Plan.objects.filter(review_date__isnull=False, review_date__lte=today + timedelta(days=REMINDER_DAYS))
        .select_related("person")
        .prefetch_related(Prefetch("person__caseload_entries", queryset=current, to_attr="current_entries"))
        .order_by("review_date", "pk")
    )
