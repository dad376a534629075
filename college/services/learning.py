"""Individual Learning Plans, end-of-run feedback and the annual fidelity rating."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from recovery_portal.concurrency import save_versioned

from ..models import Enrolment, EnrolmentStatus, FidelityRating, LearningPlan, RunFeedback, Student, Term

PLAN_FIELDS = (
    "goals",
    "support_needs",
    "personal_tutor",
    "review_outcome",
    "review_notes",
    "next_volunteering",
    "next_education",
    "next_employment",
    "next_community_groups",
    "next_steps_notes",
)


@transaction.atomic
def learning_plan_start(
    *, student: Student, term: Term, goals: str, support_needs: str = "", by
) -> LearningPlan:
    """Start the student's plan for a term; one plan per student per term."""
    if LearningPlan.objects.filter(student=student, term=term).exists():
        raise ValidationError(f"There is already a learning plan for {term.name}.")
    return LearningPlan.objects.create(
        student=student, term=term, goals=goals, support_needs=support_needs, changed_by=by
    )


@transaction.atomic
def learning_plan_save(
    *, plan: LearningPlan, by, expected_version: int | None = None, **changes
) -> LearningPlan:
    """Save changes to a plan. Only the plan's own fields may be changed; history keeps each version.

    The student and their tutor both write in it: a save built on an older version than
    ``expected_version`` (by default the version of ``plan`` as read) raises ``StaleEdit``.
    """
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of a learning plan: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(plan, name, value)
    plan.changed_by = by
    expected = plan.version if expected_version is None else expected_version
    return save_versioned(plan, expected_version=expected, fields=[*changes, "changed_by"], by=by)


@transaction.atomic
def feedback_give(
    *, enrolment: Enrolment, rating: int, best_part: str = "", to_improve: str = "", by
) -> RunFeedback:
    """A student's end-of-run feedback, once per enrolment, only from someone who had a place."""
    if enrolment.status != EnrolmentStatus.ENROLLED:
        raise ValidationError("Feedback is for students who had a place on the course.")
    try:
        with transaction.atomic():
            return RunFeedback.objects.create(
                enrolment=enrolment, rating=rating, best_part=best_part, to_improve=to_improve
            )
    except IntegrityError:
        raise ValidationError("You have already given feedback on this course. Thank you.") from None


@transaction.atomic
def fidelity_rating_save(*, year: str, scores: dict[str, int], notes: str = "", by) -> FidelityRating:
    """Store (or replace) the year's RECOLLECT ratings, each component 0, 1 or 2."""
    if any(score not in (0, 1, 2) for score in scores.values()):
        raise ValidationError("Each RECOLLECT component is scored 0, 1 or 2.")
    rating, _ = FidelityRating.objects.update_or_create(
        year=year, defaults={**scores, "notes": notes, "rated_by": by, "changed_by": by}
    )
    return rating
