"""Plan and caseload measures for many units at once (teams, divisions, steering groups), for dashboards
and the annual report: the same measures as ``plan_measures``, grouped in the database.

A person on the caseloads of two teams counts once in each team, and once in a division or steering
group holding both. Counts are raw: whoever publishes them applies disclosure control. Each function runs
a fixed number of queries whatever the number of units or people.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from recovery_portal.financial_year import FinancialYear

from ..models import CaseloadEntry, Plan, PlanEntry, PlanStatus
from ..sections import PlanKind
from .metrics import PlanMeasures

# The field of a caseload entry holding its unit of each kind.
_UNIT = {
    "team": "team_id",
    "division": "team__division_id",
    "steering_group": "team__division__steering_group_id",
}


def _in_year_q(year: FinancialYear, prefix: str = "") -> Q:
    return Q(**{f"{prefix}start_date__lte": year.end}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": year.start})
    )


def _entries(year: FinancialYear, team_ids: Collection[int] | None):
    entries = CaseloadEntry.objects.filter(_in_year_q(year))
    return entries if team_ids is None else entries.filter(team_id__in=team_ids)


def _grouped(queryset, key: str | None, counts: dict) -> dict:
    if key is None:
        return {None: queryset.aggregate(**counts)}
    rows = queryset.values(unit=F(key)).annotate(**counts).order_by()
    return {row.pop("unit"): row for row in rows}


def plan_measures_grouped(
    *,
    year: FinancialYear,
    team_ids: Collection[int] | None = None,
    by: str | None = None,
    today: date | None = None,
) -> dict[int | None, PlanMeasures]:
    """``plan_measures`` for the people on the caseloads of ``team_ids`` (None: every team) at any time
    in ``year``, per unit of ``by`` ("team", "division" or "steering_group"; None: all of them together,
    keyed None). Two queries. Units with nobody on a caseload are left out.
    """
    cut_off = min(year.end, today or timezone.localdate())
    key = _UNIT[by] if by else None
    entries = _entries(year, team_ids)
    agreed = Plan.objects.filter(status=PlanStatus.AGREED, agreed_at__date__lte=cut_off)

    # Uncorrelated "IN (subquery)" rather than a correlated EXISTS: PostgreSQL hashes the subquery's
    # people once instead of probing the plans once for every caseload entry (about 10x faster at
    # Trust scale).
    def with_agreed(kind):
        return Count(
            "person_id",
            distinct=True,
            filter=Q(
                person_id__in=agreed.filter(kind=kind, created_at__date__lte=cut_off).values("person_id")
            ),
        )

    people = _grouped(
        entries,
        key,
        {
            "people": Count("person_id", distinct=True),
            "recovery": with_agreed(PlanKind.RECOVERY),
            "crisis": with_agreed(PlanKind.CRISIS),
            "safety": with_agreed(PlanKind.SAFETY),
        },
    )
    # As above: each set of plans is hashed once (uncorrelated IN) instead of probed per plan.
    own_words = Q(pk__in=PlanEntry.objects.filter(author_role="person").values("plan_id"))
    individual = Q(
        pk__in=PlanEntry.objects.filter(section__in=["refusals", "treatment_preferences"]).values("plan_id")
    )
    is_agreed = Q(status=PlanStatus.AGREED, agreed_at__date__lte=cut_off)
    counts = {
        "plans": Q(),
        "own_words": own_words,
        "crisis_plans": Q(kind=PlanKind.CRISIS),
        "crisis_individual": Q(kind=PlanKind.CRISIS) & individual,
        "agreed": is_agreed,
        "in_date": is_agreed & (Q(review_date__isnull=True) | Q(review_date__gte=cut_off)),
    }
    if key is None:
        # All units together: the plans of anyone on the caseloads, a semi-join, so each plan is one
        # row and needs no DISTINCT.
        plans = Plan.objects.filter(person_id__in=entries.values("person_id"), created_at__date__lte=cut_off)
        plan_counts = _grouped(
            plans, None, {name: Count("pk", filter=q or None) for name, q in counts.items()}
        )
    else:
        # Plans reached through their person's caseload entries, every condition on the entry in one
        # filter() so that the grouping below uses the same join: a plan counts once per unit.
        entry_q = _in_year_q(year, "person__caseload_entries__")
        if team_ids is not None:
            entry_q &= Q(person__caseload_entries__team_id__in=team_ids)
        plans = Plan.objects.filter(entry_q, created_at__date__lte=cut_off)
        plan_counts = _grouped(
            plans,
            f"person__caseload_entries__{key}",
            {name: Count("pk", distinct=True, filter=q or None) for name, q in counts.items()},
        )
    result = {}
    for unit, counts in people.items():
        if not counts["people"]:
            continue
        plan = plan_counts.get(unit) or dict.fromkeys(
            ["plans", "own_words", "crisis_plans", "crisis_individual", "agreed", "in_date"], 0
        )
        result[unit] = PlanMeasures(
            people=counts["people"],
            with_agreed_recovery_plan=counts["recovery"],
            with_agreed_crisis_plan=counts["crisis"],
            with_agreed_safety_plan=counts["safety"],
            agreed_plans=plan["agreed"],
            reviewed_in_date=plan["in_date"],
            plans=plan["plans"],
            plans_in_own_words=plan["own_words"],
            crisis_plans=plan["crisis_plans"],
            crisis_plans_individualised=plan["crisis_individual"],
        )
    return result


@dataclass(frozen=True)
class CaseloadPeerSupport:
    people: int  # on a caseload at any time in the year
    with_peer_support_worker: int  # of whom, named with a peer support worker on one of those entries


def caseload_peer_support(
    *, year: FinancialYear, team_ids: Collection[int] | None = None, by: str | None = None
) -> dict[int | None, CaseloadPeerSupport]:
    """People on the caseloads of ``team_ids`` in ``year`` and how many have a named peer support worker,
    per unit of ``by`` (None: all together, keyed None). One query.
    """
    counts = _grouped(
        _entries(year, team_ids),
        _UNIT[by] if by else None,
        {
            "people": Count("person_id", distinct=True),
            "named": Count("person_id", distinct=True, filter=Q(peer_support_worker__isnull=False)),
        },
    )
    return {
        unit: CaseloadPeerSupport(row["people"], row["named"])
        for unit, row in counts.items()
        if row["people"]
    }


def monthly_plans_agreed(
    *, year: FinancialYear, team_ids: Collection[int] | None = None
) -> list[tuple[date, int]]:
    """(first day of month, plans agreed that month) for the 12 months of ``year``, zeros included, for
    people on the caseloads of ``team_ids`` in the year. A plan counts in the month of its latest
    agreement. One query.
    """
    entry_q = _in_year_q(year, "person__caseload_entries__")
    if team_ids is not None:
        entry_q &= Q(person__caseload_entries__team_id__in=team_ids)
    rows = (
        Plan.objects.filter(entry_q, agreed_at__date__gte=year.start, agreed_at__date__lte=year.end)
        .annotate(month=TruncMonth("agreed_at"))
        .values("month")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    by_month = {timezone.localtime(row["month"]).date().replace(day=1): row["n"] for row in rows}
    return [(month, by_month.get(month, 0)) for month in months_of(year)]


def months_of(year: FinancialYear) -> list[date]:
    """The first day of each month of ``year``, April to March."""
    return [date(year.start_year + (m < 4), m, 1) for m in (*range(4, 13), 1, 2, 3)]
