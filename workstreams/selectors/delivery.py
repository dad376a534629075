"""Reads of goals, actions and progress updates, and of what they looked like on a past date.

What an action looked like on day D is read from its progress updates: the status and RAG rating of its
latest update dated on or before D (none yet: not started and not rated). An action is in the plan on D
when its start date is on or before D, open when that status is "not started" or "in progress", and
overdue when open and due before D, whatever its RAG rating.
"""

from collections.abc import Mapping
from datetime import date

from django.db.models import CharField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from recovery_portal.ratings import OPEN_ACTION_STATUSES, ActionStatus

from ..filters import ActionFilter
from ..models import Action, Goal, ProgressUpdate, Workstream
from .structure import workstream_list


def as_of(day: date | None, field: str, default: str):
    """An annotation: ``field`` ("status" or "rag") of the action's latest update dated on or before ``day``."""
    if day is None:
        return Value(default, output_field=CharField())
    latest = (
        ProgressUpdate.objects.filter(action=OuterRef("pk"), date__lte=day)
        .order_by("-date", "-created_at", "-pk")
        .values(field)[:1]
    )
    return Coalesce(Subquery(latest), Value(default), output_field=CharField())


def status_as_of(day: date | None):
    return as_of(day, "status", ActionStatus.NOT_STARTED)


def rag_as_of(day: date | None):
    return as_of(day, "rag", "")


def is_open(status: str) -> bool:
    return status in OPEN_ACTION_STATUSES


def workstream_detail_queryset() -> QuerySet[Workstream]:
    """Workstreams with domain, leads and challenges, each goal (domain and challenges) with its actions
    and their owners, and the annual reports: a fixed number of queries however many goals and actions."""
    actions = Action.objects.select_related("owner", "co_owner")
    goals = Goal.objects.select_related("domain").prefetch_related(
        "challenges", Prefetch("actions", queryset=actions)
    )
    return workstream_list().prefetch_related(Prefetch("goals", queryset=goals), "annual_reports")


def goal_queryset() -> QuerySet[Goal]:
    """Goals with their workstream (and its leads) joined and challenges prefetched."""
    return Goal.objects.select_related(
        "workstream__professional_lead", "workstream__peer_lead"
    ).prefetch_related("challenges")


def action_list() -> QuerySet[Action]:
    """Every action with its goal, workstream, domain, owner and co-owner joined (one query a page)."""
    return Action.objects.select_related("goal__workstream", "goal__domain", "owner", "co_owner").order_by(
        "due_date", "goal__workstream__order", "pk"
    )


def action_directory(*, filters: Mapping[str, str] | None = None) -> ActionFilter:
    """The Trust's actions narrowed by ``filters`` (the action list's query string). ``.qs`` holds the
    matching actions of ``action_list``; ``.form`` is the filter form. Filters that do not validate are
    ignored."""
    return ActionFilter(filters or None, queryset=action_list())


def action_detail_queryset() -> QuerySet[Action]:
    """Actions with goal, workstream (and leads), owners joined, and every update with its author,
    latest first: the action's timeline."""
    updates = ProgressUpdate.objects.select_related("author").order_by("-date", "-created_at", "-pk")
    return Action.objects.select_related(
        "goal__workstream__professional_lead",
        "goal__workstream__peer_lead",
        "goal__domain",
        "owner",
        "co_owner",
    ).prefetch_related(Prefetch("updates", queryset=updates))


def progress_update_queryset() -> QuerySet[ProgressUpdate]:
    return ProgressUpdate.objects.select_related("action")


def actions_for_user(*, user, limit: int | None = None) -> QuerySet[Action]:
    """The open actions ``user`` owns or co-owns, soonest due first, with goal and workstream joined."""
    if not user.is_authenticated:
        return Action.objects.none()
    actions = (
        Action.objects.filter(Q(owner=user) | Q(co_owner=user), status__in=OPEN_ACTION_STATUSES)
        .select_related("goal__workstream")
        .order_by("due_date", "pk")
    )
    return actions[:limit] if limit else actions
