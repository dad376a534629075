"""Plan and caseload measures for many units at once (teams, divisions, steering groups), for dashboards
and the annual report: the same measures as ``plan_measures``, grouped in the database.

A person on the caseloads of two teams counts once in each team, and once in a division or steering
group holding both. Counts are raw: whoever publishes them applies disclosure control. Each function runs
a fixed number of queries whatever the number of units or people.
"""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connections
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from recovery_portal.chart_months import ChartMonths
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


def _before_day_after(day: date) -> datetime:
    """The first moment after ``day`` in the Trust's time zone: ``at__lt=`` this is ``at__date__lte=day``,
    but compares the column itself, so PostgreSQL need not convert every row's time to a local date."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


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


def _compiled(queryset) -> tuple[str, tuple]:
    """The SQL and parameters of ``queryset`` as Django would run it, to be used inside a larger statement."""
    return queryset.query.get_compiler(using=queryset.db).as_sql()


def _as_bool(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


_PLAN_COUNTS = ("plans", "own_words", "crisis_plans", "crisis_individual", "agreed", "in_date")
_PEOPLE_COUNTS = ("people", "recovery", "crisis", "safety")


def plan_measures_grouped(
    *,
    year: FinancialYear,
    team_ids: Collection[int] | None = None,
    by: str | None = None,
    today: date | None = None,
) -> dict[int | None, PlanMeasures]:
    """``plan_measures`` for the people on the caseloads of ``team_ids`` (None: every team) at any time
    in ``year``: all of them together, keyed None, and, with ``by`` ("team", "division" or
    "steering_group"), each unit of that kind, keyed by its id. One query. Units with nobody on a
    caseload are left out, and so is the key None when nobody is on one.
    """
    cut_off = min(year.end, today or timezone.localdate())
    until = _before_day_after(cut_off)
    scoped = _entries(year, team_ids).order_by()
    # Each person once per unit, so that a plan joined to them counts once per unit without DISTINCT.
    entries = scoped.values("person_id", unit=F(_UNIT[by])) if by else scoped.values("person_id")
    is_agreed = Q(status=PlanStatus.AGREED, agreed_at__lt=until)
    # One row per plan of anyone on the caseloads, with what the measures ask of it. The entries'
    # sets are uncorrelated "IN (subquery)" so that PostgreSQL hashes each once instead of probing
    # the entries once for every plan.
    plans = (
        Plan.objects.filter(person_id__in=scoped.values("person_id"), created_at__lt=until)
        .order_by()
        .values(
            "person_id",
            "kind",
            agreed=_as_bool(is_agreed),
            in_date=_as_bool(is_agreed & (Q(review_date__isnull=True) | Q(review_date__gte=cut_off))),
            own_words=_as_bool(Q(pk__in=PlanEntry.objects.filter(author_role="person").values("plan_id"))),
            individualised=_as_bool(
                Q(kind=PlanKind.CRISIS)
                & Q(
                    pk__in=PlanEntry.objects.filter(section__in=["refusals", "treatment_preferences"]).values(
                        "plan_id"
                    )
                )
            ),
        )
    )
    entries_sql, entries_params = _compiled(entries.distinct())
    plans_sql, plans_params = _compiled(plans)
    kinds = (PlanKind.RECOVERY, PlanKind.CRISIS, PlanKind.SAFETY)
    # The ORM has no common table expressions or UNION of grouped and ungrouped rows: the statement
    # below shares the entries and the plans between the whole scope and its units, where separate
    # querysets would find both twice. The parts inside it are the ORM's own, scoped querysets.
    people = """
        SELECT 'people', {unit}, count(*), count(*) FILTER (WHERE pp.recovery = 1),
               count(*) FILTER (WHERE pp.crisis = 1), count(*) FILTER (WHERE pp.safety = 1), 0, 0
        FROM {people} e LEFT JOIN people pp ON pp.person_id = e.person_id {group}"""
    plan_counts = """
        SELECT 'plans', {unit}, count(*), count(*) FILTER (WHERE p.own_words),
               count(*) FILTER (WHERE p.kind = %s), count(*) FILTER (WHERE p.individualised),
               count(*) FILTER (WHERE p.agreed), count(*) FILTER (WHERE p.in_date)
        FROM plans p {join} {group}"""
    parts = [
        people.format(
            unit="CAST(NULL AS BIGINT)", people="(SELECT DISTINCT person_id FROM entries)", group=""
        ),
        plan_counts.format(unit="CAST(NULL AS BIGINT)", join="", group=""),
    ]
    parts_params = [PlanKind.CRISIS]
    if by:
        parts += [
            people.format(unit="e.unit", people="entries", group="GROUP BY e.unit"),
            plan_counts.format(
                unit="e.unit", join="JOIN entries e ON e.person_id = p.person_id", group="GROUP BY e.unit"
            ),
        ]
        parts_params += [PlanKind.CRISIS]
    statement = f"""
        WITH entries AS ({entries_sql}),
        plans AS ({plans_sql}),
        people AS (
            SELECT person_id, max(CASE WHEN agreed AND kind = %s THEN 1 ELSE 0 END) AS recovery,
                   max(CASE WHEN agreed AND kind = %s THEN 1 ELSE 0 END) AS crisis,
                   max(CASE WHEN agreed AND kind = %s THEN 1 ELSE 0 END) AS safety
            FROM plans GROUP BY person_id
        )
        {" UNION ALL ".join(parts)}"""  # noqa: S608 (built from this function's constants; values are parameters)
    with connections[plans.db].cursor() as cursor:
        cursor.execute(statement, (*entries_params, *plans_params, *kinds, *parts_params))
        rows = cursor.fetchall()
    found: dict[int | None, dict] = defaultdict(dict)
    for part, unit, *counts in rows:
        names = _PEOPLE_COUNTS if part == "people" else _PLAN_COUNTS
        found[unit] |= dict(zip(names, counts, strict=False))
    return {
        unit: PlanMeasures(
            people=counts["people"],
            with_agreed_recovery_plan=counts["recovery"],
            with_agreed_crisis_plan=counts["crisis"],
            with_agreed_safety_plan=counts["safety"],
            agreed_plans=counts.get("agreed", 0),
            reviewed_in_date=counts.get("in_date", 0),
            plans=counts.get("plans", 0),
            plans_in_own_words=counts.get("own_words", 0),
            crisis_plans=counts.get("crisis_plans", 0),
            crisis_plans_individualised=counts.get("crisis_individual", 0),
        )
        for unit, counts in found.items()
        if counts.get("people")
    }


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
    *,
    year: FinancialYear | None = None,
    team_ids: Collection[int] | None = None,
    months: ChartMonths | None = None,
) -> list[tuple[date, int]]:
    """(first day of month, plans agreed that month) for the 12 months of ``year``, or for the chart's
    ``months`` (none after today), zeros included, for people on the caseloads of ``team_ids`` in that
    time. A plan counts in the month of its latest agreement. One query.
    """
    if months is not None:
        start, end, month_list = months.start, months.end, list(months.months)
    else:
        start, end, month_list = year.start, year.end, months_of(year)
    entry_q = Q(person__caseload_entries__start_date__lte=end) & (
        Q(person__caseload_entries__end_date__isnull=True) | Q(person__caseload_entries__end_date__gte=start)
    )
    if team_ids is not None:
        entry_q &= Q(person__caseload_entries__team_id__in=team_ids)
    rows = (
        Plan.objects.filter(entry_q, agreed_at__date__gte=start, agreed_at__date__lte=end)
        .annotate(month=TruncMonth("agreed_at"))
        .values("month")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    by_month = {timezone.localtime(row["month"]).date().replace(day=1): row["n"] for row in rows}
    return [(month, by_month.get(month, 0)) for month in month_list]


def monthly_plans_agreed_by_unit(*, months: ChartMonths) -> dict[tuple[str, int], tuple[int, ...]]:
    """Plans agreed in each of the chart's ``months`` for every team, division and steering group of the
    Trust, keyed (kind, id), units without any left out: each unit's ``monthly_plans_agreed`` (the same plans,
    counted once per unit), for deciding which units' charts are published. One query.
    """
    in_window = Q(person__caseload_entries__start_date__lte=months.end) & (
        Q(person__caseload_entries__end_date__isnull=True)
        | Q(person__caseload_entries__end_date__gte=months.start)
    )
    # One row per plan and caseload entry in the chart's time, with the entry's units: a plan counts once in
    # a unit holding two of the person's entries, as ``monthly_plans_agreed`` counts it for that unit.
    rows = (
        Plan.objects.filter(in_window, agreed_at__date__gte=months.start, agreed_at__date__lte=months.end)
        .order_by()
        .values(
            plan=F("pk"),
            month=TruncMonth("agreed_at"),
            team=F("person__caseload_entries__team_id"),
            division=F("person__caseload_entries__team__division_id"),
            steering_group=F("person__caseload_entries__team__division__steering_group_id"),
        )
    )
    rows_sql, rows_params = _compiled(rows)
    per_kind = """
        SELECT '{kind}', {kind}, month, count(DISTINCT plan) FROM agreed
        WHERE {kind} IS NOT NULL GROUP BY {kind}, month"""
    # The ORM cannot group one set of rows three ways in one statement; the rows are the ORM's own queryset.
    statement = f"""
        WITH agreed AS ({rows_sql})
        {" UNION ALL ".join(per_kind.format(kind=kind) for kind in _UNIT)}"""
    with connections[rows.db].cursor() as cursor:
        cursor.execute(statement, rows_params)
        found = cursor.fetchall()
    by_unit: dict[tuple[str, int], dict[date, int]] = defaultdict(dict)
    for kind, unit, month, n in found:
        by_unit[(kind, unit)][_month_of(month)] = n
    return {key: tuple(counts.get(month, 0) for month in months.months) for key, counts in by_unit.items()}


def _month_of(value) -> date:
    """The first day of a month truncated in the database, as a raw cursor returns it: a local date and
    time (PostgreSQL truncates in the Trust's time zone), or its text (SQLite)."""
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return value


def first_plan_agreed_on(*, team_ids: Collection[int] | None) -> date | None:
    """The day of the earliest agreement among plans now agreed, of people who have been on the caseloads
    of ``team_ids`` (None: every team); None when no plan is agreed: where the plans-agreed chart starts.
    One query."""
    plans = Plan.objects.filter(agreed_at__isnull=False)
    if team_ids is not None:
        plans = plans.filter(person__caseload_entries__team_id__in=team_ids)
    first = plans.aggregate(first=Min("agreed_at"))["first"]
    return timezone.localtime(first).date() if first else None


def months_of(year: FinancialYear) -> list[date]:
    """The first day of each month of ``year``, April to March."""
    return [date(year.start_year + (m < 4), m, 1) for m in (*range(4, 13), 1, 2, 3)]
