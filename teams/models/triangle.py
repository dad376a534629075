"""The Triangle of Care team self-assessment (Carers Trust): six standards, rated each year."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from recovery_portal.concurrency import Versioned
from recovery_portal.financial_year import FinancialYear
from recovery_portal.models import ChangeTracked
from recovery_portal.text_limits import NOTE, BoundedTextField

from .structure import Team


class TriangleOfCareStandard(models.IntegerChoices):
    IDENTIFIED = (
        1,
        "Carers and the essential role they play are identified at first contact or as soon as possible thereafter",
    )
    CARER_AWARE = 2, "Staff are 'carer aware' and trained in carer engagement strategies"
    CONFIDENTIALITY = (
        3,
        "Policy and practice protocols on confidentiality and sharing information are in place",
    )
    DEFINED_POSTS = 4, "Defined post(s) responsible for carers are in place"
    INTRODUCTION = (
        5,
        (
            "A carer introduction to the service and staff is available, with a relevant range of information "
            "across the care pathway"
        ),
    )
    SUPPORT_SERVICES = 6, "A range of carer support services is available"


class TriangleOfCareRating(models.TextChoices):
    MET = "met", "Met"
    PARTLY_MET = "partly_met", "Partly met"
    NOT_MET = "not_met", "Not met"


class TriangleOfCareAssessment(ChangeTracked, Versioned):
    """A team's self-assessment against the six standards for one financial year."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="triangle_of_care_assessments")
    year = models.PositiveSmallIntegerField("financial year")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = "Triangle of Care self-assessment"
        constraints = [
            models.UniqueConstraint(fields=["team", "year"], name="triangleofcare_one_per_team_and_year")
        ]

    def __str__(self) -> str:
        return f"Triangle of Care: {self.team} {self.financial_year}"

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear(self.year)


class StandardRating(models.Model):
    """How the team meets one standard, the evidence, and what it will do where it falls short."""

    assessment = models.ForeignKey(
        TriangleOfCareAssessment, on_delete=models.CASCADE, related_name="standards"
    )
    standard = models.PositiveSmallIntegerField(choices=TriangleOfCareStandard.choices)
    rating = models.CharField(max_length=12, choices=TriangleOfCareRating.choices, blank=True)
    evidence = BoundedTextField(blank=True, max_length=NOTE)
    action = BoundedTextField("what we will do", blank=True, max_length=NOTE)

    history = HistoricalRecords()

    class Meta:
        ordering = ["standard"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "standard"], name="standardrating_one_per_standard"
            ),
            # A standard not fully met always has an action.
            models.CheckConstraint(
                condition=Q(rating__in=["", "met"]) | ~Q(action=""),
                name="standardrating_action_where_not_met",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment}: standard {self.standard}"

    @property
    def needs_action(self) -> bool:
        return self.rating in (TriangleOfCareRating.PARTLY_MET, TriangleOfCareRating.NOT_MET)
