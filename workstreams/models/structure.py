"""The strategy's structure: conversation domains, ImROC challenges, workstreams and steering groups.

Domains, challenges and workstreams are reference data loaded by migration (0002) and known by stable
codes (``workstreams.reference``); people (leads, chairs, members) are added afterwards.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from recovery_portal.models import ChangeTracked
from recovery_portal.text_limits import NOTE, BoundedTextField


class ConversationDomain(models.Model):
    """One of the three domains of "Changing the Conversation between …", with its direction of travel."""

    code = models.SlugField(max_length=40, unique=True, help_text="Stable code used in data and reports.")
    title = models.CharField(max_length=150)
    direction = models.CharField(
        max_length=200, help_text="Where the conversation is heading, e.g. towards shared decision-making."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = "conversation domain"

    def __str__(self) -> str:
        return self.title


class ImrocChallenge(models.Model):
    """One of ImROC's ten organisational challenges, the yardstick teams rate themselves against.

    Sources number them differently, so they are known by ``code`` and shown in ``order``.
    """

    code = models.SlugField(max_length=40, unique=True, help_text="Stable code used in data and reports.")
    title = models.CharField(max_length=200)
    description = BoundedTextField(max_length=NOTE)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = "ImROC organisational challenge"

    def __str__(self) -> str:
        return self.title


class Workstream(ChangeTracked):
    """A Trust-wide workstream of the Recovery Strategy, led by a professional lead and a peer lead.

    Both leads are required wherever a person sets them (the admin form and
    ``services.workstream_set_leads`` refuse one without the other). The columns allow NULL only because
    the workstreams are loaded by a data migration, before anyone has an account; the workstream list
    warns while a lead is not named.
    """

    slug = models.SlugField(max_length=60, unique=True, help_text="Stable code used in data and reports.")
    name = models.CharField(max_length=150)
    purpose = BoundedTextField(help_text="One paragraph on what the workstream is for.", max_length=NOTE)
    domain = models.ForeignKey(
        ConversationDomain,
        on_delete=models.PROTECT,
        related_name="workstreams",
        verbose_name="primary conversation domain",
    )
    order = models.PositiveSmallIntegerField(default=0)
    professional_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    peer_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A member of staff who draws on their own lived experience.",
    )
    challenges = models.ManyToManyField(
        ImrocChallenge, blank=True, related_name="workstreams", verbose_name="ImROC challenges served"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def leads_named(self) -> bool:
        return self.professional_lead_id is not None and self.peer_lead_id is not None


class SteeringGroupLevel(models.TextChoices):
    TRUST = "trust", "Trust-wide"
    SERVICE = "service", "Service-specific"


class SteeringGroup(ChangeTracked):
    """A Recovery Steering Group: the Trust-wide group, or a service-specific group reporting to it."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=60, unique=True)
    level = models.CharField(max_length=16, choices=SteeringGroupLevel.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_groups",
        help_text="The group a service-specific group reports to.",
    )
    description = BoundedTextField(
        blank=True, help_text="Which services it oversees and whom it answers to.", max_length=NOTE
    )
    meeting_frequency = models.CharField(max_length=100, default="Bi-monthly")
    # Nullable for the same reason as workstream leads: the groups are loaded before any user exists.
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaired_steering_groups",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="SteeringGroupMembership",
        through_fields=("group", "user"),
        related_name="steering_groups",
        blank=True,
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            # There is one Trust-wide group; it is the one accountable to the Board.
            models.UniqueConstraint(
                fields=["level"], condition=Q(level="trust"), name="steeringgroup_one_trust_group"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_service_specific(self) -> bool:
        return self.level == SteeringGroupLevel.SERVICE

    def clean(self) -> None:
        if self.level == SteeringGroupLevel.TRUST and self.parent_id is not None:
            raise ValidationError(
                {"parent": "The Trust-wide group reports to the Board, not to another group."}
            )
        if self.level == SteeringGroupLevel.SERVICE:
            if self.parent_id is None:
                raise ValidationError({"parent": "Choose the Trust-wide group this group reports to."})
            if self.parent.level != SteeringGroupLevel.TRUST:
                raise ValidationError({"parent": "A service-specific group reports to the Trust-wide group."})


class SteeringGroupMembershipQuerySet(models.QuerySet):
    def current(self, on: date | None = None) -> "SteeringGroupMembershipQuerySet":
        """Memberships held on ``on`` (today by default); ``end_date`` is the last day of membership."""
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)


class SteeringGroupMembership(ChangeTracked):
    """A person's seat on a steering group, with the role they hold there and when."""

    group = models.ForeignKey(SteeringGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="steering_group_memberships"
    )
    role = models.CharField(
        max_length=150,
        blank=True,
        help_text="E.g. Executive sponsor, Service recovery lead, Workstream lead.",
    )
    start_date = models.DateField()
    end_date = models.DateField(
        null=True, blank=True, help_text="Last day of membership; empty while current."
    )

    objects = SteeringGroupMembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="steeringgroupmembership_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=Q(end_date__isnull=True),
                name="steeringgroupmembership_one_open_seat",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.group}"
