"""Reads about people: the caseload, a person's page and timeline, and supporters."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from recovery_portal.nhs_number import normalise_nhs_number

from ..models import (
    CaseloadEntry,
    Disagreement,
    Plan,
    PlanStatus,
    PlanVersion,
    ServiceUser,
    Supporter,
    SupporterConsent,
)
from ..sections import PlanKind

REVIEW_SOON_DAYS = 14


class CaseloadNeed:
    NO_PLAN = "no_plan"
    DRAFT = "draft"
    REVIEW_OVERDUE = "review_overdue"
    REVIEW_SOON = "review_soon"

    CHOICES = [
        ("", "Everyone"),
        (NO_PLAN, "Missing a plan"),
        (DRAFT, "A plan waiting to be agreed"),
        (REVIEW_OVERDUE, "A review overdue"),
        (REVIEW_SOON, f"A review due in the next {REVIEW_SOON_DAYS} days"),
    ]


_KIND_LABELS = {value: str(label) for value, label in PlanKind.choices}


@dataclass(frozen=True)
class PlanCell:
    kind: str
    plan: Plan | None
    # Worked out once: the caseload's template reads each of them more than once, for 150 cells a page.
    label: str = field(init=False)
    colour: str = field(init=False)
    kind_label: str = field(init=False)  # "Crisis plan": the plan's kind as get_kind_display() gives it

    def __post_init__(self):
        label = self.plan.status_label if self.plan else "None"
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "colour", self.plan.colour_of(label) if self.plan else "grey")
        object.__setattr__(self, "kind_label", _KIND_LABELS.get(self.kind, self.kind))


def _person_plans(person: ServiceUser) -> list[PlanCell]:
    by_kind = {plan.kind: plan for plan in person.plans.all()}
    return [PlanCell(kind, by_kind.get(kind)) for kind in PlanKind]


def caseload_for(
    *, user, team_ids: set[int], q: str = "", team: int | None = None, need: str = ""
) -> QuerySet[CaseloadEntry]:
    """People on the current caseloads of ``team_ids`` (the user's teams), one row per person and team,
    with person, team and allocated workers joined and each person's plans prefetched (three queries).

    ``q`` searches names and NHS number; ``need`` narrows to people missing a plan, with a draft, or
    with a review overdue or due soon.
    """
    today = timezone.localdate()
    entries = CaseloadEntry.objects.current(today).filter(team_id__in=team_ids)
    if team:
        entries = entries.filter(team_id=team)
    if q.strip():
        digits = normalise_nhs_number(q)
        # Every word must match one of the names, so "Daniel Hughes" finds him as "Hughes" does.
        match = Q()
        for word in q.split():
            match &= (
                Q(person__given_name__icontains=word)
                | Q(person__family_name__icontains=word)
                | Q(person__preferred_name__icontains=word)
            )
        if digits.isdigit():
            match |= Q(person__nhs_number__startswith=digits)
        entries = entries.filter(match)
    plans = Plan.objects.filter(person=OuterRef("person"))
    if need == CaseloadNeed.NO_PLAN:
        for kind in PlanKind:
            entries = entries.annotate(**{f"has_{kind}": Exists(plans.filter(kind=kind))})
        entries = entries.filter(Q(has_recovery=False) | Q(has_crisis=False) | Q(has_safety=False))
    elif need == CaseloadNeed.DRAFT:
        entries = entries.filter(Exists(plans.filter(status=PlanStatus.DRAFT)))
    elif need == CaseloadNeed.REVIEW_OVERDUE:
        entries = entries.filter(Exists(plans.filter(status=PlanStatus.AGREED, review_date__lt=today)))
    elif need == CaseloadNeed.REVIEW_SOON:
        soon = today + timedelta(days=REVIEW_SOON_DAYS)
        entries = entries.filter(Exists(plans.filter(review_date__gte=today, review_date__lte=soon)))
    return (
        entries.select_related("person", "team", "care_coordinator", "peer_support_worker")
        .prefetch_related(Prefetch("person__plans", queryset=Plan.objects.order_by("kind")))
        .order_by("person__family_name", "person__given_name", "person_id", "team__name")
    )


def caseload_rows(entries) -> list[dict]:
    """Each caseload entry with its person's three plan statuses and the next review date."""
    rows = []
    for entry in entries:
        cells = _person_plans(entry.person)
        reviews = [cell.plan.review_date for cell in cells if cell.plan and cell.plan.review_date]
        rows.append({"entry": entry, "plans": cells, "next_review": min(reviews) if reviews else None})
    return rows


def person_detail_queryset(*, user) -> QuerySet[ServiceUser]:
    """People ``user`` may see, with caseload entries (team, workers), plans and supporters prefetched."""
    entries = CaseloadEntry.objects.select_related(
        "team", "care_coordinator", "peer_support_worker"
    ).order_by("-start_date")
    return ServiceUser.objects.visible_to(user).prefetch_related(
        Prefetch("caseload_entries", queryset=entries),
        Prefetch("plans", queryset=Plan.objects.select_related("agreed_version").order_by("kind")),
        Prefetch("supporters", queryset=Supporter.objects.filter(is_active=True).select_related("user")),
    )


def person_plans(person: ServiceUser) -> list[PlanCell]:
    """The three plan kinds in order, each with the person's plan or None (uses prefetched plans)."""
    return _person_plans(person)


def current_caseload_entries(person: ServiceUser) -> list[CaseloadEntry]:
    today = timezone.localdate()
    return [entry for entry in person.caseload_entries.all() if entry.is_current(today)]


@dataclass(frozen=True)
class TimelineItem:
    when: datetime | date
    text: str
    by: str = ""


TIMELINE_LENGTH = 25


def person_timeline(person: ServiceUser) -> list[TimelineItem]:
    """The latest events for a person, newest first: plan versions, agreements, disagreements, caseload
    changes (two queries whatever the number of versions)."""
    items: list[TimelineItem] = []
    versions = (
        PlanVersion.objects.filter(plan__person=person)
        .select_related("plan", "created_by")
        .order_by("-created_at", "-id")[:TIMELINE_LENGTH]
    )
    for version in versions:
        items.append(
            TimelineItem(
                version.created_at,
                f"{version.plan.get_kind_display()} version {version.number}: {version.summary}",
                version.created_by.display_name if version.created_by else "",
            )
        )
    for plan in person.plans.all():
        if plan.agreed_at:
            items.append(TimelineItem(plan.agreed_at, f"{plan.get_kind_display()} agreed"))
    disagreements = Disagreement.objects.filter(plan__person=person).select_related("plan")
    for disagreement in disagreements.order_by("-created_at")[:TIMELINE_LENGTH]:
        items.append(
            TimelineItem(
                disagreement.created_at,
                f"Disagreement recorded on the {disagreement.plan.get_kind_display().lower()}",
            )
        )
    for entry in person.caseload_entries.all():
        start = timezone.make_aware(datetime.combine(entry.start_date, datetime.min.time()))
        items.append(TimelineItem(start, f"On the caseload of {entry.team.name}"))
        if entry.end_date:
            end = timezone.make_aware(datetime.combine(entry.end_date, datetime.max.time()))
            items.append(TimelineItem(end, f"Left the caseload of {entry.team.name}"))
    items.sort(key=lambda item: item.when, reverse=True)
    return items[:TIMELINE_LENGTH]


def people_visible_to(user) -> QuerySet[ServiceUser]:
    """The people ``user`` may see (for other apps' ``visible_to``)."""
    return ServiceUser.objects.visible_to(user)


def own_record_for(*, user) -> ServiceUser | None:
    """The signed-in person's own record, with plans and supporters prefetched."""
    return person_detail_queryset(user=user).filter(user=user).first()


def supporter_detail_queryset(*, user) -> QuerySet[Supporter]:
    return Supporter.objects.visible_to(user).select_related("person", "user")


def supporting_for(*, user) -> QuerySet[Supporter]:
    """The supporter records of a signed-in carer, family member or friend, with the person joined."""
    if not user.is_authenticated:
        return Supporter.objects.none()
    return Supporter.objects.filter(user=user, is_active=True).select_related("person").order_by("person_id")


def teams_queryset(*, team_ids) -> QuerySet:
    """The teams a person can be put on the caseload of, by name."""
    from teams.selectors import teams_by_name

    return teams_by_name(team_ids=team_ids)


def workers_queryset(*, team_ids) -> QuerySet:
    """Current members of these teams, who can be allocated as care coordinator or peer support worker."""
    from recovery_portal.models import User

    today = timezone.localdate()
    return (
        User.objects.filter(
            Q(team_memberships__team_id__in=team_ids, team_memberships__start_date__lte=today)
            & (Q(team_memberships__end_date__isnull=True) | Q(team_memberships__end_date__gte=today))
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def plans_of(*, person: ServiceUser) -> list[Plan]:
    return list(Plan.objects.filter(person=person).order_by("kind"))


def consents_of(*, supporter: Supporter) -> dict[int, list[str]]:
    """Plan id → section codes shared with ``supporter``."""
    from ..models import SupporterConsent

    return dict(SupporterConsent.objects.filter(supporter=supporter).values_list("plan_id", "sections"))


SHARING_CHANGES_SHOWN = 20


def sharing_recorded_for(*, person: ServiceUser, supporter: Supporter | None = None) -> list:
    """Changes to what the person's supporters may see that a worker recorded for them (newest first),
    with who recorded each, when and how the person gave it: shown to the person on their own pages."""
    changes = SupporterConsent.history.filter(supporter__person=person).exclude(given_in_room="")
    if supporter is not None:
        changes = changes.filter(supporter=supporter)
    rows = list(
        changes.select_related("supporter", "plan", "changed_by").order_by("-history_date")[
            :SHARING_CHANGES_SHOWN
        ]
    )
    for row in rows:
        row.section_titles = [s.own_title for s in row.plan.sections if s.code in row.sections]
    return rows
