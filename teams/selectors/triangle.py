"""Reads of Triangle of Care self-assessments: one team's year beside its last, and the Trust's year.

The Trust-wide summary counts teams, not people: a team's self-assessment is about the team, and every
member of staff may already read each team's, so its counts need no disclosure control.
"""

from dataclasses import dataclass

from django.db.models import Count

from recovery_portal.financial_year import FinancialYear

from ..models import (
    StandardRating,
    Team,
    TriangleOfCareAssessment,
    TriangleOfCareRating,
    TriangleOfCareStandard,
)


@dataclass(frozen=True)
class StandardComparison:
    number: int
    standard: str
    last_year: str
    this_year: str

    @property
    def changed(self) -> bool:
        return self.last_year != self.this_year


def triangle_of_care_comparison(
    *, team: Team, year: int, assessment: TriangleOfCareAssessment | None
) -> list[StandardComparison]:
    """Each standard's rating last year beside this year's; empty when the team did not assess itself last
    year (nothing to compare with).
    """
    last = StandardRating.objects.filter(assessment__team=team, assessment__year=year - 1)
    last_ratings = {row.standard: row.get_rating_display() or "Not rated" for row in last}
    if not last_ratings:
        return []
    this_ratings = (
        {row.standard: row.get_rating_display() or "Not rated" for row in assessment.standards.all()}
        if assessment
        else {}
    )
    return [
        StandardComparison(
            number=standard.value,
            standard=standard.label,
            last_year=last_ratings.get(standard.value, "Not rated"),
            this_year=this_ratings.get(standard.value, "Not rated"),
        )
        for standard in TriangleOfCareStandard
    ]


@dataclass(frozen=True)
class StandardSummary:
    number: int
    standard: str
    met: int
    partly_met: int
    not_met: int
    not_rated: int


@dataclass(frozen=True)
class TrustTriangleOfCare:
    year: FinancialYear
    clinical_teams: int
    assessed_teams: int
    standards: list[StandardSummary]

    @property
    def not_assessed(self) -> int:
        return self.clinical_teams - self.assessed_teams


def triangle_of_care_trust_summary(year: int) -> TrustTriangleOfCare:
    """How many of the Trust's clinical teams rate each standard met, partly met or not met in ``year``, in
    three queries whatever the number of teams.
    """
    clinical = Team.objects.filter(is_clinical=True)
    assessed = TriangleOfCareAssessment.objects.filter(year=year, team__in=clinical).count()
    counts = {
        (row["standard"], row["rating"]): row["teams"]
        for row in StandardRating.objects.filter(assessment__year=year, assessment__team__in=clinical)
        .values("standard", "rating")
        .annotate(teams=Count("assessment__team", distinct=True))
    }
    return TrustTriangleOfCare(
        year=FinancialYear(year),
        clinical_teams=clinical.count(),
        assessed_teams=assessed,
        standards=[
            StandardSummary(
                number=standard.value,
                standard=standard.label,
                met=counts.get((standard.value, TriangleOfCareRating.MET), 0),
                partly_met=counts.get((standard.value, TriangleOfCareRating.PARTLY_MET), 0),
                not_met=counts.get((standard.value, TriangleOfCareRating.NOT_MET), 0),
                not_rated=counts.get((standard.value, ""), 0),
            )
            for standard in TriangleOfCareStandard
        ],
    )
