"""The Trust's structure: divisions, teams and who works in them."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from recovery_portal.models import ChangeTracked
from recovery_portal.text_limits import NOTE, BoundedTextField
from workstreams.models import SteeringGroup, SteeringGroupLevel


class Division(ChangeTracked):
    """A division of the Trust, overseen by one service-specific Recovery Steering Group."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80, unique=True)
    steering_group = models.ForeignKey(
        SteeringGroup,
        on_delete=models.PROTECT,
        related_name="divisions",
        help_text="The service-specific steering group that oversees the division.",
    )
    description = BoundedTextField(blank=True, max_length=NOTE)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.steering_group_id and self.steering_group.level != SteeringGroupLevel.SERVICE:
            raise ValidationError(
                {"steering_group": "Choose a service-specific steering group, not the Trust-wide group."}
            )


class ServiceType(models.TextChoices):
    ADULT_COMMUNITY = "adult_community", "Adult community mental health"
    ADULT_INPATIENT = "adult_inpatient", "Adult inpatient"
    CRISIS = "crisis", "Crisis resolution and home treatment"
    EARLY_INTERVENTION = "early_intervention", "Early intervention in psychosis"
    OLDER_PEOPLE = "older_people", "Older people's mental health"
    REHABILITATION = "rehabilitation", "Rehabilitation and recovery"
    # Perinatal, eating disorders and other county-wide specialist services.
    SPECIALIST = "specialist", "Specialist service"
    FORENSIC_HIGH = "forensic_high", "Forensic: high secure"
    FORENSIC_MEDIUM = "forensic_medium", "Forensic: medium secure"
    FORENSIC_LOW = "forensic_low", "Forensic: low secure"
    COMMUNITY_FORENSIC = "community_forensic", "Community forensic"
    PRISON_HEALTH = "prison_health", "Prison health"
    RECOVERY_COLLEGE = "recovery_college", "Recovery College"
    CORPORATE = "corporate", "Corporate and non-clinical"


class Team(ChangeTracked):
    """A team of the Trust. Every clinical team writes an annual Team Recovery Plan."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=100, unique=True)
    division = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="teams")
    is_clinical = models.BooleanField(
        "clinical team",
        default=True,
        help_text="Clinical teams have recovery champions, a carer lead and a Team Recovery Plan.",
    )
    service_type = models.CharField(max_length=32, choices=ServiceType.choices)
    description = BoundedTextField(blank=True, max_length=NOTE)
    location = models.CharField(max_length=200, blank=True, help_text="Where the team is based.")
    email = models.EmailField("team contact email", blank=True)
    site_code = models.CharField(
        "organisation site code",
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[A-Z0-9]{5}$", "Enter the 5-character ODS site code, e.g. RX4E2")],
        help_text="The ODS code of the site the team works from, as the MHSDS submission gives it.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TeamRole(models.TextChoices):
    # The order here is the order of the groups on the team page.
    TEAM_MANAGER = "team_manager", "Team manager"
    CLINICIAN = "clinician", "Clinician"
    PEER_SUPPORT_WORKER = "peer_support_worker", "Peer support worker"
    OTHER_STAFF = "other_staff", "Other staff"


class RecoveryChampion(models.TextChoices):
    NONE = "none", "Not a recovery champion"
    PEER = "peer", "Peer recovery champion"
    PROFESSIONAL = "professional", "Professional recovery champion"


class MembershipQuerySet(models.QuerySet):
    def current(self, on: date | None = None) -> "MembershipQuerySet":
        """Memberships held on ``on`` (today by default). ``end_date`` is the last day in the team."""
        on = on or timezone.localdate()
        return self.filter(current_on_q(on))

    def past(self, on: date | None = None) -> "MembershipQuerySet":
        on = on or timezone.localdate()
        return self.filter(end_date__lt=on)


def current_on_q(on: date, prefix: str = "") -> Q:
    """The condition "membership held on ``on``", usable across a relation (``prefix="memberships__"``)."""
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


class Membership(ChangeTracked):
    """A member of staff's place in a team: their role, the recovery roles they hold there, and when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_memberships"
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=32, choices=TeamRole.choices)
    recovery_champion = models.CharField(
        max_length=16, choices=RecoveryChampion.choices, default=RecoveryChampion.NONE
    )
    carer_lead = models.BooleanField(
        default=False, help_text="The team's lead for carers (Triangle of Care)."
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="Last day in the team; empty while current.")

    objects = MembershipQuerySet.as_manager()

    class Meta:
        # No joins in the default order: pages choose their own (see selectors).
        ordering = ["start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_ends_after_start",
            ),
            # One open membership per person and team: a change of role ends one and starts another.
            models.UniqueConstraint(
                fields=["user", "team"],
                condition=Q(end_date__isnull=True),
                name="membership_one_open_per_team",
            ),
        ]
        indexes = [models.Index(fields=["team", "end_date"]), models.Index(fields=["user", "end_date"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.team} ({self.get_role_display()})"

    def is_current(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)
