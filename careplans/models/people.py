"""People who use services, the teams whose caseloads they are on, and their supporters."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from recovery_portal.access import PersonalData
from recovery_portal.models import ChangeTracked
from recovery_portal.nhs_number import format_nhs_number, validate_nhs_number
from teams.models import Team


def current_caseload_q(on: date, prefix: str = "") -> Q:
    """The condition "on the caseload on ``on``"; ``end_date`` is the last day on it."""
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


def _staff_team_ids(user) -> set[int]:
    from teams.selectors import team_ids_for_user

    return team_ids_for_user(user=user)


class ServiceUserQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ServiceUserQuerySet":
        """The person themself, and staff of a team with the person on its current caseload.

        Supporters reach a person only through the supporter view, never through this.
        """
        if user is None or not (user.is_authenticated and user.is_active):
            return self.none()
        team_ids = _staff_team_ids(user) if user.is_trust_staff else set()
        on_caseload = CaseloadEntry.objects.filter(
            current_caseload_q(timezone.localdate()), team_id__in=team_ids
        )
        return self.filter(Q(user=user) | Q(pk__in=on_caseload.values("person_id")))


class ContactPreference(models.TextChoices):
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"


class ServiceUser(PersonalData, ChangeTracked):
    """A person who uses the Trust's services. Their plans are theirs; staff see them while on a caseload."""

    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True, help_text="What they like to be called.")
    pronouns = models.CharField(max_length=40, blank=True)
    date_of_birth = models.DateField()
    # Stored as ten digits; shown in 3-3-4 groups.
    nhs_number = models.CharField("NHS number", max_length=10, unique=True, validators=[validate_nhs_number])
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    contact_preference = models.CharField(
        "how they prefer to be contacted", max_length=16, choices=ContactPreference.choices, blank=True
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_user",
        help_text="Their own login, if they have one.",
    )

    objects = ServiceUserQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        verbose_name = "person who uses services"
        verbose_name_plural = "people who use services"

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.given_name} {self.family_name}"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def nhs_number_display(self) -> str:
        return format_nhs_number(self.nhs_number)


class CaseloadEntryQuerySet(models.QuerySet):
    def current(self, on: date | None = None) -> "CaseloadEntryQuerySet":
        return self.filter(current_caseload_q(on or timezone.localdate()))

    def visible_to(self, user) -> "CaseloadEntryQuerySet":
        return self.filter(person__in=ServiceUser.objects.visible_to(user))


class CaseloadEntry(PersonalData, ChangeTracked):
    """A person on a team's caseload from a date to a date, with their care coordinator and peer worker."""

    person = models.ForeignKey(ServiceUser, on_delete=models.CASCADE, related_name="caseload_entries")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="caseload_entries")
    start_date = models.DateField()
    end_date = models.DateField(
        null=True, blank=True, help_text="Last day on the caseload; empty while current."
    )
    care_coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    peer_support_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CaseloadEntryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name_plural = "caseload entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="caseload_entry_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["person", "team"],
                condition=Q(end_date__isnull=True),
                name="caseload_one_open_per_team",
            ),
        ]
        indexes = [models.Index(fields=["team", "end_date"])]

    def __str__(self) -> str:
        return f"{self.person} on {self.team}"

    def is_current(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class SupporterRelationship(models.TextChoices):
    CARER = "carer", "Carer"
    FAMILY = "family", "Family member"
    FRIEND = "friend", "Friend"


class SupporterQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SupporterQuerySet":
        """Supporters of people the user may see, and the supporter records of the user themself."""
        if user is None or not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(Q(person__in=ServiceUser.objects.visible_to(user)) | Q(user=user, is_active=True))


class Supporter(PersonalData, ChangeTracked):
    """A carer, family member or friend of a person; what they may see is the person's choice."""

    person = models.ForeignKey(ServiceUser, on_delete=models.CASCADE, related_name="supporters")
    name = models.CharField(max_length=150)
    relationship = models.CharField(max_length=16, choices=SupporterRelationship.choices)
    phone = models.CharField(max_length=30, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supporting",
        help_text="Their own login, if they have one.",
    )
    is_active = models.BooleanField("still a supporter", default=True)

    objects = SupporterQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relationship_display()})"
