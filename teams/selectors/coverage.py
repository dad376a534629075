"""Trust-wide figures on Team Recovery Plans, for the coverage page, dashboards and the annual report.

Counts of teams, actions and ratings are not personal data. Each function reads a fixed number of
queries whatever the number of teams and actions.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import django_filters
from django.db.models import (
    Case,
    CharField,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from recovery_portal.ratings import OPEN_ACTION_STATUSES, ActionStatus
from workstreams.selectors import steering_group_list_service_specific

from ..models import ChallengeRating, ChallengeStage, Division, PlanStatus, Team, TeamAction, TeamRecoveryPlan


class Coverage:
    """Where a clinical team is with its plan for the year."""

    NO_PLAN = "no_plan"
    PREPARING = "preparing"
    AGREED = "agreed"
    REVIEWED = "reviewed"
    CHOICES = [(NO_PLAN, "No plan"), (PREPARING, "Preparing"), (AGREED, "Agreed"), (REVIEWED, "Reviewed")]
    LABELS = dict(CHOICES)


def _count(queryset) -> Subquery:
    return Coalesce(
        Subquery(queryset.order_by().values("plan__team").annotate(n=Count("pk")).values("n")[:1]),
        0,
        output_field=IntegerField(),
    )


def coverage_queryset(*, year: int) -> QuerySet[Team]:
    """Clinical teams in steering group, division and team order, each annotated with its plan for ``year``
    (``plan_pk``, ``plan_status``), its ``coverage`` (``Coverage``) and counts of ``open_actions`` and
    ``overdue_actions``: one query.
    """
    plans = TeamRecoveryPlan.objects.filter(team=OuterRef("pk"), year=year)
    actions = TeamAction.objects.filter(
        plan__team=OuterRef("pk"), plan__year=year, status__in=OPEN_ACTION_STATUSES
    )
    return (
        Team.objects.filter(is_clinical=True)
        .select_related("division__steering_group")
        .annotate(
            plan_pk=Subquery(plans.values("pk")[:1]),
            plan_status=Subquery(plans.values("status")[:1]),
            open_actions=_count(actions),
            overdue_actions=_count(actions.filter(due_date__lt=timezone.localdate())),
        )
        .annotate(
            coverage=Case(
                When(
                    plan_status__in=[PlanStatus.PREPARING, PlanStatus.AWAY_DAY_HELD],
                    then=Value(Coverage.PREPARING),
                ),
                When(plan_status=PlanStatus.AGREED, then=Value(Coverage.AGREED)),
                When(
                    plan_status__in=[PlanStatus.MID_YEAR_REVIEW, PlanStatus.CLOSED],
                    then=Value(Coverage.REVIEWED),
                ),
                default=Value(Coverage.NO_PLAN),
                output_field=CharField(),
            )
        )
        .order_by(
            "division__steering_group__order", "division__steering_group__name", "division__name", "name"
        )
    )


class CoverageFilter(django_filters.FilterSet):
    steering_group = django_filters.ModelChoiceFilter(
        label="Steering group",
        field_name="division__steering_group",
        queryset=steering_group_list_service_specific(),
        to_field_name="slug",
        empty_label="All steering groups",
    )
    division = django_filters.ModelChoiceFilter(
        queryset=Division.objects.order_by("name"), to_field_name="slug", empty_label="All divisions"
    )
    coverage = django_filters.ChoiceFilter(
        label="Plan status", choices=Coverage.CHOICES, empty_label="Any status"
    )
    overdue = django_filters.ChoiceFilter(
        label="Overdue actions",
        choices=[("yes", "Teams with overdue actions")],
        empty_label="All teams",
        method="filter_overdue",
    )

    class Meta:
        model = Team
        fields = ["steering_group", "division", "coverage", "overdue"]

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_actions__gt=0) if value == "yes" else queryset


def coverage_filtered(*, year: int, filters: Mapping[str, str] | None = None) -> CoverageFilter:
    """The coverage of ``year`` narrowed by ``filters`` (a query string); ``.qs`` and ``.form`` as usual."""
    return CoverageFilter(filters or None, queryset=coverage_queryset(year=year))


@dataclass
class CoverageCount:
    key: str
    label: str
    teams: int = 0
    no_plan: int = 0
    preparing: int = 0
    agreed: int = 0
    reviewed: int = 0
    overdue_actions: int = 0
    children: list = field(default_factory=list)

    def add(self, team) -> None:
        self.teams += 1
        setattr(self, team.coverage, getattr(self, team.coverage) + 1)
        self.overdue_actions += team.overdue_actions

    @property
    def with_agreed_plan(self) -> int:
        """Teams whose plan is agreed, reviewed or closed."""
        return self.agreed + self.reviewed


def _group_key(team, by: str) -> tuple[str, str]:
    if by == "team":
        return team.slug, team.name
    if by == "division":
        return team.division.slug, team.division.name
    if by == "steering_group":
        return team.division.steering_group.slug, team.division.steering_group.name
    return "trust", "Trust"


def coverage_counts(*, teams, by: str = "steering_group") -> list[CoverageCount]:
    """Counts of teams by coverage and of overdue actions, per ``by`` ("team", "division",
    "steering_group" or "trust"), from rows of ``coverage_queryset`` (no further query).
    """
    groups: dict[str, CoverageCount] = {}
    for team in teams:
        key, label = _group_key(team, by)
        groups.setdefault(key, CoverageCount(key, label)).add(team)
    return list(groups.values())


def coverage_tree(*, teams) -> list[CoverageCount]:
    """Steering groups, each with its divisions as ``children``, each holding its team rows as ``children``."""
    groups: dict[str, CoverageCount] = {}
    divisions: dict[str, CoverageCount] = {}
    for team in teams:
        group_key, group_label = _group_key(team, "steering_group")
        group = groups.setdefault(group_key, CoverageCount(group_key, group_label))
        division_key, division_label = _group_key(team, "division")
        if division_key not in divisions:
            divisions[division_key] = CoverageCount(division_key, division_label)
            group.children.append(divisions[division_key])
        group.add(team)
        divisions[division_key].add(team)
        divisions[division_key].children.append(team)
    return list(groups.values())


def plan_coverage(
    *, year: int, by: str = "steering_group", team_ids: Collection[int] | None = None
) -> list[CoverageCount]:
    """Coverage of ``year`` per team, division, steering group or the whole Trust (one query), of the teams
    ``team_ids`` (None: every team)."""
    teams = coverage_queryset(year=year)
    if team_ids is not None:
        teams = teams.filter(pk__in=list(team_ids))
    return coverage_counts(teams=teams, by=by)


_GROUP_FIELDS = {
    "team": ("team__slug", "team__name"),
    "division": ("team__division__slug", "team__division__name"),
    "steering_group": ("team__division__steering_group__slug", "team__division__steering_group__name"),
}


def _group_values(prefix: str, by: str) -> list[str]:
    return [f"{prefix}{name}" for name in _GROUP_FIELDS[by]] if by in _GROUP_FIELDS else []


@dataclass(frozen=True)
class ActionCompletion:
    key: str
    label: str
    total: int
    done: int
    open: int
    dropped: int
    overdue: int

    @property
    def percent_done(self) -> int | None:
        """Done as a share of actions not dropped, rounded; None when there are none."""
        counted = self.total - self.dropped
        return round(100 * self.done / counted) if counted else None


def action_completion(
    *, year: int, by: str = "steering_group", team_ids: Collection[int] | None = None
) -> list[ActionCompletion]:
    """Actions of ``year``'s plans per team, division, steering group or "trust": total, done, open,
    dropped and overdue (one query), of the teams ``team_ids`` (None: every team).
    """
    fields = _group_values("plan__", by)
    today = timezone.localdate()
    open_q = Q(status__in=OPEN_ACTION_STATUSES)
    counts = {
        "total": Count("pk"),
        "done": Count("pk", filter=Q(status=ActionStatus.DONE)),
        "open": Count("pk", filter=open_q),
        "dropped": Count("pk", filter=Q(status=ActionStatus.DROPPED)),
        "overdue": Count("pk", filter=open_q & Q(due_date__lt=today)),
    }
    actions = TeamAction.objects.filter(plan__year=year)
    if team_ids is not None:
        actions = actions.filter(plan__team_id__in=list(team_ids))
    if not fields:
        return [ActionCompletion(key="trust", label="Trust", **actions.aggregate(**counts))]
    rows = actions.values(*fields).annotate(**counts).order_by(*fields)
    return [
        ActionCompletion(key=row[fields[0]], label=row[fields[1]], **{name: row[name] for name in counts})
        for row in rows
    ]


# The stages in ImROC's order, worked out once: a Trust's rows make thousands of these counts, and an
# enum's ``values`` is rebuilt on every access.
_STAGES = tuple(ChallengeStage.values)


@dataclass
class ChallengeStageCounts:
    key: str
    label: str
    challenge_code: str
    challenge: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_STAGES, 0))
    unrated: int = 0


def challenge_ratings(
    *, year: int, by: str = "trust", team_ids: Collection[int] | None = None
) -> list[ChallengeStageCounts]:
    """How many plans of ``year`` put themselves at each ImROC stage, per challenge and per team, division,
    steering group or "trust" (one query), of the teams ``team_ids`` (None: every team). ``counts`` maps
    stage → plans; ``unrated`` counts blanks.
    """
    fields = _group_values("plan__", by)
    ratings = ChallengeRating.objects.filter(plan__year=year)
    if team_ids is not None:
        ratings = ratings.filter(plan__team_id__in=list(team_ids))
    rows = (
        ratings.values(*fields, "challenge__code", "challenge__title", "challenge__order", "stage")
        .annotate(n=Count("pk"))
        .order_by(*fields, "challenge__order", "challenge__code")
    )
    result: dict[tuple, ChallengeStageCounts] = {}
    for row in rows:
        key = (row[fields[0]] if fields else "trust", row["challenge__code"])
        if key not in result:
            result[key] = ChallengeStageCounts(
                key=key[0],
                label=row[fields[1]] if fields else "Trust",
                challenge_code=row["challenge__code"],
                challenge=row["challenge__title"],
            )
        if row["stage"]:
            result[key].counts[row["stage"]] += row["n"]
        else:
            result[key].unrated += row["n"]
    return list(result.values())


def agreed_plan_coverage_percent(month: date) -> Decimal | None:
    """Clinical teams with an agreed Team Recovery Plan for the financial year of ``month``, as a
    percentage of all of them (a workstream goal's computed figure), or None when there are no teams."""
    from recovery_portal.financial_year import FinancialYear

    year = FinancialYear.containing(month)
    rows = plan_coverage(year=year.start_year, by="trust")
    teams = sum(row.teams for row in rows)
    agreed = sum(row.with_agreed_plan for row in rows)
    return (Decimal(100) * agreed / teams).quantize(Decimal("0.01")) if teams else None
