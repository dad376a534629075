"""Reads of Team Recovery Plans for the plan pages. Each page makes a fixed number of queries, whatever the
number of teams, priorities, actions and notes (pinned in the tests).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from recovery_portal.financial_year import FinancialYear
from recovery_portal.ratings import OPEN_ACTION_STATUSES, ActionStatus

from ..models import (
    ActionProgressNote,
    ChallengeRating,
    PlanReview,
    Priority,
    ReviewRating,
    Team,
    TeamAction,
    TeamRecoveryPlan,
    TriangleOfCareAssessment,
)


def team_queryset() -> QuerySet[Team]:
    """Teams with division and steering group joined."""
    return Team.objects.select_related("division__steering_group")


def plan_queryset() -> QuerySet[TeamRecoveryPlan]:
    """Plans with team, division and steering group joined: enough for the editing steps."""
    return TeamRecoveryPlan.objects.select_related("team__division__steering_group")


def plan_detail_queryset() -> QuerySet[TeamRecoveryPlan]:
    """Plans with everything the plan page, print view and PDF show, in 8 queries for one plan: the plan
    (team, division, group, agreer), facilitators, ratings (challenge), priorities, actions (workstream,
    domain), progress notes (author), reviews (author) and their re-ratings (challenge).
    """
    actions = TeamAction.objects.select_related(
        "workstream", "domain", "carried_from__plan"
    ).prefetch_related(
        Prefetch("progress_notes", queryset=ActionProgressNote.objects.select_related("recorded_by"))
    )
    return (
        plan_queryset()
        .select_related("agreed_by")
        .prefetch_related(
            "facilitators",
            Prefetch("ratings", queryset=ChallengeRating.objects.select_related("challenge")),
            Prefetch(
                "priorities",
                queryset=Priority.objects.prefetch_related(Prefetch("actions", queryset=actions)),
            ),
            Prefetch(
                "reviews",
                queryset=PlanReview.objects.select_related("recorded_by").prefetch_related(
                    Prefetch("ratings", queryset=ReviewRating.objects.select_related("challenge"))
                ),
            ),
        )
    )


def priority_queryset() -> QuerySet[Priority]:
    return Priority.objects.select_related("plan__team__division")


def action_queryset() -> QuerySet[TeamAction]:
    return TeamAction.objects.select_related("plan__team__division", "priority")


def _with_action_counts(plans: QuerySet[TeamRecoveryPlan]) -> QuerySet[TeamRecoveryPlan]:
    today = timezone.localdate()
    open_actions = Q(actions__status__in=OPEN_ACTION_STATUSES)
    return plans.annotate(
        priority_count=Count("priorities", distinct=True),
        action_count=Count("actions", distinct=True),
        done_count=Count("actions", filter=Q(actions__status=ActionStatus.DONE), distinct=True),
        overdue_count=Count("actions", filter=open_actions & Q(actions__due_date__lt=today), distinct=True),
    )


@dataclass(frozen=True)
class TeamPlans:
    year: FinancialYear
    current: TeamRecoveryPlan | None
    plans: list[TeamRecoveryPlan]


def team_plans(*, team: Team, year: FinancialYear | None = None) -> TeamPlans:
    """Every plan of ``team``, latest year first, with counts of priorities, actions, done and overdue
    actions (one query); ``current`` is the plan for ``year`` (this financial year by default).
    """
    year = year or FinancialYear.current()
    plans = list(_with_action_counts(TeamRecoveryPlan.objects.filter(team=team)).order_by("-year"))
    current = next((plan for plan in plans if plan.year == year.start_year), None)
    return TeamPlans(year=year, current=current, plans=plans)


def plan_actions_to_carry_forward(*, team: Team, year: int) -> list[TeamAction]:
    """The unfinished actions of the team's latest plan before ``year``, with their priorities."""
    previous = TeamRecoveryPlan.objects.filter(team=team, year__lt=year).order_by("-year").first()
    if previous is None:
        return []
    return list(
        TeamAction.objects.filter(plan=previous, status__in=OPEN_ACTION_STATUSES)
        .select_related("priority", "plan")
        .order_by("priority__number", "due_date", "pk")
    )


def triangle_of_care_queryset() -> QuerySet[TriangleOfCareAssessment]:
    return TriangleOfCareAssessment.objects.select_related("team__division").prefetch_related("standards")


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    subject: str
    change: str
    fields: list[str] = field(default_factory=list)


_CHANGE = {"+": "Added", "~": "Changed", "-": "Removed"}
_UNTRACKED = {
    "history_id",
    "history_date",
    "history_user",
    "history_change_reason",
    "history_type",
    "changed_at",
}
HISTORY_LIMIT = 300


def _entries(records, subject) -> list[HistoryEntry]:
    """One entry per historical record, naming the fields that differ from the record before it."""
    entries = []
    previous: dict[int, object] = {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        before = previous.get(record.id)
        changed = []
        if before is not None and record.history_type == "~":
            for model_field in record.instance_type._meta.concrete_fields:
                name = model_field.attname
                if name in _UNTRACKED or name in ("version", "changed_by_id", "id"):
                    continue
                if getattr(before, name, None) != getattr(record, name, None):
                    changed.append(str(model_field.verbose_name))
        previous[record.id] = record
        user = record.history_user
        change = _CHANGE[record.history_type]
        # An agreement is said as one, against the version agreed; each stays in the history when the plan
        # is agreed again.
        agreed_at = getattr(record, "agreed_at", None)
        if agreed_at and (before is None or before.agreed_at != agreed_at):
            change, changed = "Agreed", [f"version {record.agreed_version}"]
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=user.display_name if user else "The portal",
                subject=subject(record),
                change=change,
                fields=changed,
            )
        )
    return entries


def plan_change_history(*, plan: TeamRecoveryPlan) -> list[HistoryEntry]:
    """Every recorded change to the plan and its parts, latest first (at most ``HISTORY_LIMIT`` of each
    kind; 6 queries whatever the length of the history).
    """

    def recent(queryset):
        return list(queryset.select_related("history_user").order_by("-history_date")[:HISTORY_LIMIT])

    entries = _entries(recent(TeamRecoveryPlan.history.filter(id=plan.pk)), lambda r: "The plan")
    entries += _entries(
        recent(Priority.history.filter(plan_id=plan.pk)), lambda r: f"Priority {r.number}: {r.title}"
    )
    entries += _entries(recent(TeamAction.history.filter(plan_id=plan.pk)), lambda r: f"Action: {r.what}")
    ratings = recent(ChallengeRating.history.filter(plan_id=plan.pk).select_related("challenge"))
    entries += _entries(ratings, lambda r: f"Rating: {r.challenge.title}")
    entries += _entries(
        recent(PlanReview.history.filter(plan_id=plan.pk)),
        lambda r: dict(PlanReview._meta.get_field("kind").choices)[r.kind],
    )
    notes = recent(ActionProgressNote.history.filter(action__plan_id=plan.pk).select_related("action"))
    entries += _entries(
        notes, lambda r: f"Progress note on: {r.action.what if r.action else 'a removed action'}"
    )
    return sorted(entries, key=lambda e: e.when, reverse=True)
