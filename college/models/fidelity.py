"""The college's annual RECOLLECT fidelity self-rating.

The RECOLLECT Fidelity Measure (Toney et al. 2019) is licensed CC BY-NC-ND 4.0: its component names and
scoring cannot be changed, so the portal stores the ratings and links to the official measure for the
item wording rather than reproducing it.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

from recovery_portal.models import ChangeTracked
from recovery_portal.text_limits import NOTE, BoundedTextField

RECOLLECT_URL = "https://www.researchintorecovery.com/measures/recollectfidelitymeasure/"

# The seven non-modifiable components, named as published; each is scored 0, 1 or 2.
RECOLLECT_COMPONENTS = [
    ("valuing_equality", "Valuing Equality"),
    ("learning", "Learning"),
    ("tailored_to_the_student", "Tailored to the Student"),
    ("co_production", "Co-production of the Recovery College"),
    ("social_connectedness", "Social Connectedness"),
    ("community_focus", "Community Focus"),
    ("commitment_to_recovery", "Commitment to Recovery"),
]
SCORE_CHOICES = [(0, "0"), (1, "1"), (2, "2")]


def _component(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, choices=SCORE_CHOICES, validators=[MaxValueValidator(2)])


class FidelityRating(ChangeTracked):
    """One year's manager-completed RECOLLECT fidelity rating (seven components 0–2, total 0–14)."""

    year = models.CharField("financial year", max_length=7, unique=True, help_text="For example 2026/27.")
    valuing_equality = _component("Valuing Equality")
    learning = _component("Learning")
    tailored_to_the_student = _component("Tailored to the Student")
    co_production = _component("Co-production of the Recovery College")
    social_connectedness = _component("Social Connectedness")
    community_focus = _component("Community Focus")
    commitment_to_recovery = _component("Commitment to Recovery")
    notes = BoundedTextField(blank=True, max_length=NOTE)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__lte": 2 for name, _ in RECOLLECT_COMPONENTS}),
                name="fidelity_components_at_most_two",
            )
        ]

    def __str__(self) -> str:
        return f"RECOLLECT fidelity {self.year}: {self.total}/14"

    @property
    def total(self) -> int:
        return sum(getattr(self, name) for name, _ in RECOLLECT_COMPONENTS)

    @property
    def components(self) -> list[tuple[str, int]]:
        return [(label, getattr(self, name)) for name, label in RECOLLECT_COMPONENTS]
