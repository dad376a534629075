"""Writes to Triangle of Care self-assessments."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from ..models import (
    StandardRating,
    Team,
    TriangleOfCareAssessment,
    TriangleOfCareRating,
    TriangleOfCareStandard,
)
from ._history import create_with_history, save_versioned_with_history, save_with_history


@transaction.atomic
def triangle_of_care_start(*, team: Team, year: int, by) -> TriangleOfCareAssessment:
    """The team's assessment for ``year`` with a row for each of the six standards, created if missing."""
    assessment = TriangleOfCareAssessment.objects.filter(team=team, year=year).first()
    if assessment is None:
        assessment = create_with_history(TriangleOfCareAssessment, by=by, team=team, year=year, changed_by=by)
        bulk_create_with_history(
            [StandardRating(assessment=assessment, standard=standard) for standard in TriangleOfCareStandard],
            StandardRating,
            default_user=by,
        )
    return assessment


@transaction.atomic
def triangle_of_care_update(
    *,
    assessment: TriangleOfCareAssessment,
    standards: Mapping[int, tuple[str, str, str]],
    expected_version: int,
    by,
) -> TriangleOfCareAssessment:
    """Rate the standards (``standards``: number → (rating, evidence, action)); ``StaleEdit`` if someone
    saved first. A standard that is not met, or only partly met, needs an action.
    """
    missing = [
        number
        for number, (rating, _, action) in standards.items()
        if rating in (TriangleOfCareRating.PARTLY_MET, TriangleOfCareRating.NOT_MET) and not action.strip()
    ]
    if missing:
        raise ValidationError(
            {f"action_{number}": "Say what the team will do to meet this standard" for number in missing}
        )
    save_versioned_with_history(assessment, expected_version=expected_version, fields=[], by=by)
    for row in assessment.standards.all():
        if row.standard not in standards:
            continue
        rating, evidence, action = standards[row.standard]
        if (row.rating, row.evidence, row.action) != (rating, evidence, action.strip()):
            row.rating, row.evidence, row.action = rating, evidence, action.strip()
            save_with_history(row, by=by, update_fields=["rating", "evidence", "action"])
    return assessment
