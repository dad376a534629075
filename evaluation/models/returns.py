"""Returns: a person's answers to an outcome measure (PROM), and a team's experience feedback (PREM).

Both are built for ``bulk_create`` of many thousands of rows: scores are columns computed before
saving (``evaluation.scoring``), nothing happens in signals, and there is no per-row history. A return
is a record of what was answered on a day; it is not edited afterwards (ADR 0013).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from recovery_portal.access import PersonalData
from recovery_portal.text_limits import LONG, BoundedTextField

from .imports import ReturnImport
from .instruments import Instrument, OptionCategory


class Timepoint(models.TextChoices):
    BASELINE = "baseline", "Baseline"
    REVIEW = "review", "Review"
    DISCHARGE = "discharge", "Discharge"
    COURSE_START = "course_start", "Start of a Recovery College course"
    COURSE_END = "course_end", "End of a Recovery College course"


class ReturnContext(models.TextChoices):
    PEER_WORKER = "peer_worker", "Routine measurement by a peer worker"
    RECOVERY_COLLEGE = "recovery_college", "Recovery College"
    OTHER = "other", "Other routine measurement"


class Completion(models.TextChoices):
    WITH_STAFF = "with_staff", "With a member of staff"
    SELF = "self", "By the person themself"
    IMPORTED = "imported", "Imported from a file"


class PromReturnQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PromReturnQuerySet":
        """Returns of people the user may see: a person's returns follow the person's access rules."""
        from careplans.selectors import person_detail_queryset

        return self.filter(person__in=person_detail_queryset(user=user).values("pk"))

    def visible_to_fhir_client(self, client) -> "PromReturnQuerySet":
        """Returns a FHIR API client may read: those of its teams, or all of them for a Trust-wide client
        (ADR 0028). An inactive client sees nothing."""
        if client is None or not client.is_active:
            return self.none()
        if client.trust_wide:
            return self.all()
        return self.filter(team_id__in=client.teams.values("pk"))


class PromReturn(PersonalData, models.Model):
    """A person's answers to one outcome measure on one day, with the scores computed from them."""

    # No index of their own for person, team, instrument and entered_by: the composite indexes below
    # begin with the first three, and every index costs each imported row (ADR 0014). A user is
    # deactivated rather than deleted, so setting entered_by to null is rare enough to scan for.
    person = models.ForeignKey(
        "careplans.ServiceUser", on_delete=models.PROTECT, related_name="prom_returns", db_index=False
    )
    team = models.ForeignKey(
        "teams.Team",
        on_delete=models.PROTECT,
        related_name="prom_returns",
        help_text="The team whose caseload the person was on.",
        db_index=False,
    )
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="prom_returns", db_index=False
    )
    completed_on = models.DateField()
    timepoint = models.CharField(max_length=16, choices=Timepoint.choices)
    context = models.CharField(max_length=20, choices=ReturnContext.choices)
    # Stored option values in item order; see evaluation.scoring for what they mean.
    answers = models.JSONField()
    # DIALOG: "do you want additional help in this area?" per item (true, false or null), in item order.
    additional_help = models.JSONField(default=list, blank=True)
    raw = models.FloatField(null=True, blank=True, help_text="Sum of the item scores.")
    total = models.FloatField(
        null=True, blank=True, help_text="The main score (SWEMWBS: metric score; DIALOG: life domains mean)."
    )
    life_domain_mean = models.FloatField(null=True, blank=True)
    treatment_mean = models.FloatField(null=True, blank=True)
    has_risk_answer = models.BooleanField(
        default=False, help_text="An answer to a risk item (ReQoL item 6) needs the care team's follow-up."
    )
    completion = models.CharField(max_length=12, choices=Completion.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    return_import = models.ForeignKey(
        ReturnImport, null=True, blank=True, on_delete=models.PROTECT, related_name="prom_returns"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PromReturnQuerySet.as_manager()

    class Meta:
        ordering = ["completed_on", "id"]
        verbose_name = "outcome measure return"
        constraints = [
            # The importer's duplicate check: the same measure at the same point on the same day once.
            # Each person's first and latest score on a measure (evaluation.selectors.measures) are read
            # from its index alone: on PostgreSQL it carries the id and total too (INCLUDE, migration
            # 0032), where an index of their own cost every imported return an entry (ADR 0029).
            models.UniqueConstraint(
                fields=["person", "instrument", "completed_on", "timepoint"], name="prom_return_natural_key"
            ),
        ]
        indexes = [
            models.Index(fields=["team", "completed_on"]),
            models.Index(fields=["instrument", "completed_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.instrument.short_name} on {self.completed_on:%d %b %Y}"


class PremReturnQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PremReturnQuerySet":
        """Feedback of the teams the user works in (anonymous or not); a person sees their own."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        from teams.selectors import team_ids_for_user

        team_ids = team_ids_for_user(user=user) if user.is_trust_staff else set()
        return self.filter(Q(team_id__in=team_ids) | Q(person__user=user))


class PremReturn(PersonalData, models.Model):
    """One answer to the Friends and Family Test for a team, anonymous unless the person chose otherwise."""

    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="prem_returns")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="prem_returns")
    completed_on = models.DateField()
    answer = models.SmallIntegerField(help_text="The stored value of the option chosen.")
    category = models.CharField(max_length=12, choices=OptionCategory.choices)
    free_text = BoundedTextField(blank=True, max_length=LONG)
    wording_version = models.CharField(max_length=40, help_text="The version of the question asked.")
    person = models.ForeignKey(
        "careplans.ServiceUser",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="prem_returns",
        help_text="Only when the person chose not to be anonymous.",
    )
    completion = models.CharField(max_length=12, choices=Completion.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_import = models.ForeignKey(
        ReturnImport, null=True, blank=True, on_delete=models.PROTECT, related_name="prem_returns"
    )
    source_reference = models.CharField(
        max_length=100, blank=True, help_text="The card or survey reference, when it came from elsewhere."
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PremReturnQuerySet.as_manager()

    class Meta:
        ordering = ["completed_on", "id"]
        verbose_name = "Friends and Family Test response"
        constraints = [
            models.UniqueConstraint(
                fields=["team", "source_reference"],
                condition=~Q(source_reference=""),
                name="prem_return_source_reference_unique",
            ),
        ]
        indexes = [models.Index(fields=["team", "completed_on"])]

    def __str__(self) -> str:
        return f"Friends and Family Test for {self.team} on {self.completed_on:%d %b %Y}"
