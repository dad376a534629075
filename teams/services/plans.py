"""Writes to Team Recovery Plans. Every save is checked against the version the person started from
(ARCHITECTURE §4) and recorded in the plan's history; status changes follow the rules written here.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from recovery_portal.financial_year import FinancialYear
from recovery_portal.ratings import OPEN_ACTION_STATUSES
from workstreams.selectors import challenge_list

from ..models import (
    ActionProgressNote,
    ChallengeRating,
    PlanReview,
    PlanStatus,
    Priority,
    ReviewKind,
    ReviewRating,
    Team,
    TeamAction,
    TeamRecoveryPlan,
)
from ..models.plans import MAX_PRIORITIES
from ..rules import is_team_manager
from ._history import create_with_history, save_versioned_with_history, save_with_history

# The plan's own fields written by each editing step.
SECTION_FIELDS = {
    "resources": [
        "resources_staff",
        "resources_peer_workers",
        "resources_people_using_service",
        "resources_carers",
    ],
    "away_day": [
        "away_day_date",
        "away_day_facilitator",
        "attended_staff",
        "attended_peer_workers",
        "attended_people_using_service",
        "attended_carers",
        "no_service_user_reason",
    ],
    "reflection": ["strengths", "achievements", "areas_for_development", "ambitions"],
}
ACTION_FIELDS = ["what", "who", "due_date", "workstream", "domain", "success_measure", "status", "rag"]
AGREEABLE = (PlanStatus.AWAY_DAY_HELD,)


def _refuse_if_closed(plan: TeamRecoveryPlan) -> None:
    if plan.is_closed:
        raise ValidationError("This plan is closed after its year-end review and can no longer be changed.")


AGREED_STATUSES = (PlanStatus.AGREED, PlanStatus.MID_YEAR_REVIEW)


def _changed_after_agreement(plan: TeamRecoveryPlan) -> None:
    """Any change to an agreed plan means the team must agree it again."""
    # Read from the database: the caller's copy of the plan may predate its agreement.
    if TeamRecoveryPlan.objects.filter(
        pk=plan.pk, status__in=AGREED_STATUSES, changed_since_agreement=False
    ).update(changed_since_agreement=True):
        plan.changed_since_agreement = True


def _locked(plan: TeamRecoveryPlan) -> TeamRecoveryPlan:
    return TeamRecoveryPlan.objects.select_for_update().get(pk=plan.pk)


def _previous_stages(previous: TeamRecoveryPlan | None) -> dict[int, str]:
    """Last year's stage per challenge: the year-end re-rating where there is one, else the plan's rating."""
    if previous is None:
        return {}
    stages = {r.challenge_id: r.stage for r in previous.ratings.all() if r.stage}
    year_end = ReviewRating.objects.filter(review__plan=previous, review__kind=ReviewKind.YEAR_END)
    stages.update({r.challenge_id: r.stage for r in year_end})
    return stages


@transaction.atomic
def plan_start(
    *,
    team: Team,
    year: int,
    carry_forward: Iterable[TeamAction] = (),
    new_due_dates: Mapping[int, date] | None = None,
    by,
) -> TeamRecoveryPlan:
    """Start ``team``'s plan for the financial year starting in ``year``.

    Every ImROC challenge gets a rating row showing last year's stage. Only the unfinished actions of
    last year's plan that the team chose in ``carry_forward`` are copied, each under a copy of its
    priority and linked to the action it came from. Each takes its new due date from ``new_due_dates``
    (by the action's id), which must fall by the end of the plan's year; one without keeps last year's and
    the plan shows it as overdue from last year.
    """
    if not team.is_clinical:
        raise ValidationError("Only clinical teams write a Team Recovery Plan.")
    if TeamRecoveryPlan.objects.filter(team=team, year=year).exists():
        raise ValidationError("The team already has a plan for this year.")
    previous = TeamRecoveryPlan.objects.filter(team=team, year__lt=year).order_by("-year").first()
    plan = create_with_history(
        TeamRecoveryPlan, by=by, team=team, year=year, previous=previous, changed_by=by
    )
    stages = _previous_stages(previous)
    bulk_create_with_history(
        [
            ChallengeRating(
                plan=plan, challenge=challenge, previous_stage=stages.get(challenge.pk, ""), changed_by=by
            )
            for challenge in challenge_list()
        ],
        ChallengeRating,
        default_user=by,
    )
    chosen = list(carry_forward)
    for action in chosen:
        if previous is None or action.plan_id != previous.pk:
            raise ValidationError("Only actions of last year's plan can be carried forward.")
        if action.status not in OPEN_ACTION_STATUSES:
            raise ValidationError(f"“{action.what}” is finished and cannot be carried forward.")
    new_due_dates = dict(new_due_dates or {})
    year_end = FinancialYear(year).end
    late = [pk for pk, due in new_due_dates.items() if due > year_end]
    if late:
        raise ValidationError(
            {
                f"due_{pk}": f"The new due date must be the same as or before {year_end:%-d %B %Y}, the end of "
                "the plan's year"
                for pk in late
            }
        )
    priorities: dict[int, Priority] = {}
    for action in sorted(chosen, key=lambda a: (a.priority.number, a.due_date, a.pk)):
        if action.priority_id not in priorities:
            old = action.priority
            priorities[action.priority_id] = create_with_history(
                Priority,
                by=by,
                plan=plan,
                number=len(priorities) + 1,
                title=old.title,
                why=old.why,
                changed_by=by,
            )
        create_with_history(
            TeamAction,
            by=by,
            plan=plan,
            priority=priorities[action.priority_id],
            carried_from=action,
            changed_by=by,
            **{name: getattr(action, name) for name in ACTION_FIELDS}
            | ({"due_date": new_due_dates[action.pk]} if action.pk in new_due_dates else {}),
        )
    return plan


@transaction.atomic
def plan_section_update(
    *, plan: TeamRecoveryPlan, section: str, values: Mapping, expected_version: int, by, facilitators=None
) -> TeamRecoveryPlan:
    """Save one editing step of the plan (``SECTION_FIELDS``); ``StaleEdit`` if someone saved first.

    Recording an away day that has taken place moves a plan in preparation on to "away day held".
    """
    _refuse_if_closed(plan)
    fields = SECTION_FIELDS[section]
    for name in fields:
        setattr(plan, name, values[name])
    if section == "away_day" and plan.status == PlanStatus.PREPARING:
        if plan.away_day_date and plan.away_day_date <= timezone.localdate():
            plan.status = PlanStatus.AWAY_DAY_HELD
            fields = [*fields, "status"]
    save_versioned_with_history(plan, expected_version=expected_version, fields=fields, by=by)
    if facilitators is not None:
        plan.facilitators.set(facilitators)
    _changed_after_agreement(plan)
    return plan


@transaction.atomic
def plan_ratings_update(
    *, plan: TeamRecoveryPlan, ratings: Mapping[int, tuple[str, str]], expected_version: int, by
) -> TeamRecoveryPlan:
    """Set the team's stage and evidence for each challenge (``ratings``: challenge id → (stage, evidence)).

    The plan's version guards the whole step, so two people rating at once cannot overwrite each other.
    """
    _refuse_if_closed(plan)
    save_versioned_with_history(plan, expected_version=expected_version, fields=[], by=by)
    for rating in plan.ratings.all():
        if rating.challenge_id not in ratings:
            continue
        stage, evidence = ratings[rating.challenge_id]
        if (rating.stage, rating.evidence) != (stage, evidence):
            rating.stage, rating.evidence, rating.changed_by = stage, evidence, by
            save_with_history(rating, by=by, update_fields=["stage", "evidence", "changed_by", "changed_at"])
            _changed_after_agreement(plan)
    return plan


@transaction.atomic
def priority_add(*, plan: TeamRecoveryPlan, title: str, why: str = "", by) -> Priority:
    """Add a priority. A plan has at most three: refused here, and by the database if two people race."""
    plan = _locked(plan)
    _refuse_if_closed(plan)
    taken = set(plan.priorities.values_list("number", flat=True))
    if len(taken) >= MAX_PRIORITIES:
        raise ValidationError(
            "A plan has at most three priorities. Change or remove one before adding another."
        )
    number = min(set(range(1, MAX_PRIORITIES + 1)) - taken)
    _changed_after_agreement(plan)
    return create_with_history(Priority, by=by, plan=plan, number=number, title=title, why=why, changed_by=by)


@transaction.atomic
def priority_update(*, priority: Priority, title: str, why: str, expected_version: int, by) -> Priority:
    """Change a priority's wording; ``StaleEdit`` if someone saved it first."""
    _refuse_if_closed(priority.plan)
    _changed_after_agreement(priority.plan)
    priority.title, priority.why = title, why
    return save_versioned_with_history(
        priority, expected_version=expected_version, fields=["title", "why"], by=by
    )


@transaction.atomic
def action_add(*, priority: Priority, values: Mapping, by) -> TeamAction:
    """Add an action under ``priority`` (``values`` holds ``ACTION_FIELDS``)."""
    _refuse_if_closed(priority.plan)
    _changed_after_agreement(priority.plan)
    return create_with_history(
        TeamAction,
        by=by,
        plan_id=priority.plan_id,
        priority=priority,
        changed_by=by,
        **{name: values[name] for name in ACTION_FIELDS},
    )


@transaction.atomic
def action_update(
    *,
    action: TeamAction,
    values: Mapping,
    expected_version: int,
    by,
    progress_note: str = "",
    noted_on: date | None = None,
) -> TeamAction:
    """Change an action and, when given, add a dated progress note; ``StaleEdit`` if someone saved first."""
    _refuse_if_closed(action.plan)
    _changed_after_agreement(action.plan)
    for name in ACTION_FIELDS:
        setattr(action, name, values[name])
    save_versioned_with_history(action, expected_version=expected_version, fields=ACTION_FIELDS, by=by)
    if progress_note.strip():
        create_with_history(
            ActionProgressNote,
            by=by,
            action=action,
            note=progress_note.strip(),
            noted_on=noted_on or timezone.localdate(),
            recorded_by=by,
        )
    return action


def plan_agreement_problems(plan: TeamRecoveryPlan) -> list[str]:
    """What stops the plan being agreed, in plain words; empty when it can be.

    An agreed plan changed since its agreement may be agreed again.
    """
    problems = []
    again = plan.status in AGREED_STATUSES and plan.changed_since_agreement
    if plan.status not in AGREEABLE and not again:
        if plan.status == PlanStatus.PREPARING:
            problems.append("Record the away day first: a plan is agreed after the away day.")
        else:
            problems.append(f"The plan is already {plan.get_status_display().lower()}.")
    if not plan.service_users_took_part and not plan.no_service_user_reason.strip():
        problems.append(
            "No one using the service took part in the away day. Record who took part, or why no one did."
        )
    # A hollow self-assessment is not agreed: every challenge is rated, or the team says why not.
    missing = [
        rating.challenge.title
        for rating in plan.ratings.select_related("challenge")
        if not rating.stage and not rating.evidence.strip()
    ]
    if missing:
        problems.append(
            f"Rate every ImROC challenge, or write in its evidence why the team has not rated it. "
            f"{len(missing)} not rated: {', '.join(missing)}."
        )
    if not plan.priorities.exists():
        problems.append("Agree at least one priority.")
    return problems


@transaction.atomic
def plan_agree(*, plan: TeamRecoveryPlan, expected_version: int, by) -> TeamRecoveryPlan:
    """Mark the plan agreed by a team manager, tied to the version they read.

    Refused unless the away day was held, people using the service took part or the reason they did not is
    recorded, every ImROC challenge is rated or has a reason, and there is at least one priority. A plan
    changed since it was agreed is agreed again; its review stage is kept.
    """
    if not is_team_manager(by, plan.team):
        raise PermissionDenied("Only a team manager of the team can mark its plan agreed.")
    plan = _locked(plan)
    problems = plan_agreement_problems(plan)
    if problems:
        raise ValidationError(problems)
    if plan.status not in AGREED_STATUSES:
        plan.status = PlanStatus.AGREED
    plan.agreed_at = timezone.now()
    plan.agreed_by = by
    plan.agreed_version = expected_version + 1
    plan.changed_since_agreement = False
    fields = ["status", "agreed_at", "agreed_by", "agreed_version", "changed_since_agreement"]
    return save_versioned_with_history(plan, expected_version=expected_version, fields=fields, by=by)


# Which status each review needs, and the status it leads to.
REVIEW_STEPS = {
    ReviewKind.MID_YEAR: ((PlanStatus.AGREED,), PlanStatus.MID_YEAR_REVIEW),
    ReviewKind.YEAR_END: ((PlanStatus.AGREED, PlanStatus.MID_YEAR_REVIEW), PlanStatus.CLOSED),
}


def plan_review_kinds_due(plan: TeamRecoveryPlan) -> list[ReviewKind]:
    """The reviews that can be recorded now, in order (a mid-year review may be skipped)."""
    done = {review.kind for review in plan.reviews.all()}
    return [
        kind
        for kind, (allowed_from, _) in REVIEW_STEPS.items()
        if plan.status in allowed_from and kind not in done
    ]


@transaction.atomic
def plan_review_record(
    *,
    plan: TeamRecoveryPlan,
    kind: str,
    held_on: date,
    progress: str,
    stages: Mapping[int, str],
    expected_version: int,
    by,
) -> PlanReview:
    """Record the mid-year or year-end review with the challenges rated again (``stages``: challenge id →
    stage). A mid-year review follows agreement; the year-end review closes the plan.
    """
    allowed_from, leads_to = REVIEW_STEPS[ReviewKind(kind)]
    plan = _locked(plan)
    if plan.status not in allowed_from:
        raise ValidationError(
            f"A {ReviewKind(kind).label.lower()} can be recorded only for an agreed plan not yet reviewed this way."
        )
    if plan.reviews.filter(kind=kind).exists():
        raise ValidationError(f"The {ReviewKind(kind).label.lower()} has already been recorded.")
    plan.status = leads_to
    save_versioned_with_history(plan, expected_version=expected_version, fields=["status"], by=by)
    review = create_with_history(
        PlanReview, by=by, plan=plan, kind=kind, held_on=held_on, progress=progress, recorded_by=by
    )
    bulk_create_with_history(
        [ReviewRating(review=review, challenge_id=pk, stage=stage) for pk, stage in stages.items() if stage],
        ReviewRating,
        default_user=by,
    )
    return review
