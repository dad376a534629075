"""Plan measures for the Trust's evaluation, per team, division, steering group and financial year.

Counts come with their denominators so the report can apply disclosure control before publishing.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from recovery_portal.financial_year import FinancialYear

from ..models import CaseloadEntry, Plan, PlanEntry, PlanStatus, ServiceUser
from ..sections import PlanKind


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class PlanMeasures:
    people: int
    with_agreed_recovery_plan: int
    with_agreed_crisis_plan: int
    with_agreed_safety_plan: int
    agreed_plans: int
    reviewed_in_date: int
    plans: int
    plans_in_own_words: int
    crisis_plans: int
    crisis_plans_individualised: int

    @property
    def recovery_plan_percent(self) -> float | None:
        return _percent(self.with_agreed_recovery_plan, self.people)

    @property
    def crisis_plan_percent(self) -> float | None:
        return _percent(self.with_agreed_crisis_plan, self.people)

    @property
    def safety_plan_percent(self) -> float | None:
        return _percent(self.with_agreed_safety_plan, self.people)

    @property
    def reviewed_in_date_percent(self) -> float | None:
        return _percent(self.reviewed_in_date, self.agreed_plans)

    @property
    def own_words_percent(self) -> float | None:
        return _percent(self.plans_in_own_words, self.plans)

    @property
    def crisis_individualised_percent(self) -> float | None:
        return _percent(self.crisis_plans_individualised, self.crisis_plans)


def plan_measures(
    *, year: FinancialYear, team=None, division=None, steering_group=None, today: date | None = None
) -> PlanMeasures:
    """Measures for people on a caseload at any time in ``year``, narrowed to a team, a division or the
    divisions a steering group oversees (the Trust-wide group: every team).

    - agreed plan: agreed on or before the end of the year (or today, if sooner);
    - reviewed in date: agreed plans whose review date had not passed by then;
    - own words: plans with at least one entry in the person's words;
    - individualised crisis plan: records a refusal or a treatment preference.
    """
    cut_off = min(year.end, today or timezone.localdate())
    entries = CaseloadEntry.objects.filter(start_date__lte=year.end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=year.start)
    )
    if team is not None:
        entries = entries.filter(team=team)
    if division is not None:
        entries = entries.filter(team__division=division)
    if steering_group is not None and steering_group.parent_id is not None:
        entries = entries.filter(team__division__steering_group=steering_group)
    people = ServiceUser.objects.filter(pk__in=entries.values("person_id"))
    plans = Plan.objects.filter(person__in=people, created_at__date__lte=cut_off)
    agreed = plans.filter(status=PlanStatus.AGREED, agreed_at__date__lte=cut_off)

    def agreed_kind(kind):
        return Exists(agreed.filter(person=OuterRef("pk"), kind=kind))

    counts = people.aggregate(
        people=_count(),
        recovery=_count(agreed_kind(PlanKind.RECOVERY)),
        crisis=_count(agreed_kind(PlanKind.CRISIS)),
        safety=_count(agreed_kind(PlanKind.SAFETY)),
    )
    own_words = Exists(PlanEntry.objects.filter(plan=OuterRef("pk"), author_role="person"))
    individual = Exists(
        PlanEntry.objects.filter(plan=OuterRef("pk"), section__in=["refusals", "treatment_preferences"])
    )
    plan_counts = plans.aggregate(
        plans=_count(),
        own_words=_count(own_words),
        crisis=_count(Q(kind=PlanKind.CRISIS)),
        crisis_individual=_count(Q(kind=PlanKind.CRISIS) & individual),
        agreed=_count(Q(status=PlanStatus.AGREED, agreed_at__date__lte=cut_off)),
        in_date=_count(
            Q(status=PlanStatus.AGREED, agreed_at__date__lte=cut_off)
            & (Q(review_date__isnull=True) | Q(review_date__gte=cut_off))
        ),
    )
    return PlanMeasures(
        people=counts["people"],
        with_agreed_recovery_plan=counts["recovery"],
        with_agreed_crisis_plan=counts["crisis"],
        with_agreed_safety_plan=counts["safety"],
        agreed_plans=plan_counts["agreed"],
        reviewed_in_date=plan_counts["in_date"],
        plans=plan_counts["plans"],
        plans_in_own_words=plan_counts["own_words"],
        crisis_plans=plan_counts["crisis"],
        crisis_plans_individualised=plan_counts["crisis_individual"],
    )


def _count(condition=None):
    return Count("pk", filter=condition) if condition is not None else Count("pk")
