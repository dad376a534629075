"""Outcome and experience measures as data: instruments, their items and options, and change thresholds.

The wording of an instrument is the published wording, loaded by migration 0002. Once any return uses
an instrument, its items and options are locked: changing them would change what earlier answers meant.
Thresholds and cut-offs are configuration (admin), each with its source.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from recovery_portal.text_limits import LONG, NOTE, BoundedTextField


class MeasureKind(models.TextChoices):
    PROM = "prom", "Outcome measure (PROM)"
    PREM = "prem", "Experience measure (PREM)"


class ScoringRuleKind(models.TextChoices):
    SUM = "sum", "Sum of items"
    SUM_THEN_TABLE = "sum_then_table", "Sum of items, converted by the published table"
    SUM_WITH_REVERSED = "sum_with_reversed", "Sum of items, negatively worded items reverse scored"
    GROUP_MEANS = "group_means", "Mean of each group of items"
    CATEGORY = "category", "Each answer falls in a category"


class ItemGroup(models.TextChoices):
    NONE = "", "None"
    LIFE = "life", "Life domain"
    TREATMENT = "treatment", "Treatment aspect"
    PHYSICAL_HEALTH = "physical_health", "Physical health (reported separately, not scored)"


class OptionCategory(models.TextChoices):
    NONE = "", "None"
    POSITIVE = "positive", "Positive"
    NEUTRAL = "neutral", "Neutral"
    NEGATIVE = "negative", "Negative"
    DONT_KNOW = "dont_know", "Don't know"


class InstrumentLocked(ValidationError):
    """Raised when someone tries to change the wording of an instrument that already has returns."""


class Instrument(models.Model):
    """A published questionnaire: its identity, recall period, scoring rule and licence conditions."""

    code = models.CharField(max_length=20, unique=True, help_text='Stable code, e.g. "SWEMWBS".')
    name = models.CharField(max_length=120)
    short_name = models.CharField(max_length=40)
    version = models.CharField(max_length=40, help_text="Version of the published wording in use.")
    kind = models.CharField(max_length=8, choices=MeasureKind.choices)
    recall_period = models.CharField(max_length=120, help_text='e.g. "over the last 2 weeks".')
    instructions = BoundedTextField(
        help_text="What the person is asked, shown above the items.", max_length=NOTE
    )
    scoring_rule = models.CharField(max_length=24, choices=ScoringRuleKind.choices)
    score_min = models.FloatField(help_text="Lowest possible score (for charts).")
    score_max = models.FloatField(help_text="Highest possible score (for charts).")
    score_label = models.CharField(
        max_length=80, help_text='What the main score is called, e.g. "metric score".'
    )
    follow_up_question = models.CharField(
        max_length=200,
        blank=True,
        help_text="Asked after every item (DIALOG), or after the question (Friends and Family Test).",
    )
    copyright_line = BoundedTextField(help_text="Shown wherever the instrument is shown.", max_length=NOTE)
    licence = BoundedTextField(help_text="The conditions of use the Trust has accepted.", max_length=LONG)
    source_url = models.URLField(max_length=300)
    display_order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True, help_text="Offered for new returns.")
    change_note = BoundedTextField(
        blank=True,
        max_length=NOTE,
        help_text=(
            "What the published sources say about classifying change on this measure beyond its thresholds: "
            "why no reliable change threshold is configured, or why there is no meaningful change category, "
            "naming the sources. Shown on the measures page and in the report's method note."
        ),
    )

    # Changing any of these would change what earlier answers meant.
    LOCKED_FIELDS = ("code", "version", "kind", "recall_period", "instructions", "scoring_rule")

    class Meta:
        ordering = ["display_order", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.short_name})"

    def save(self, *args, **kwargs):
        if self.pk is not None and self.has_returns():
            stored = Instrument.objects.filter(pk=self.pk).values(*self.LOCKED_FIELDS).first() or {}
            changed = [name for name in self.LOCKED_FIELDS if stored.get(name) != getattr(self, name)]
            if changed:
                raise InstrumentLocked(
                    f"{self.short_name} already has returns, so its {', '.join(changed)} cannot change. "
                    "Add a new version of the instrument instead."
                )
        super().save(*args, **kwargs)

    @property
    def classifies_change(self) -> bool:
        """Whether an active reliable change threshold (read from ``active_thresholds``, as
        ``instrument_list`` prefetches them) lets change on this measure be classified."""
        return any(t.kind == "reliable_change" for t in getattr(self, "active_thresholds", ()))

    @property
    def is_prom(self) -> bool:
        return self.kind == MeasureKind.PROM

    def has_returns(self) -> bool:
        if self.pk is None:
            return False
        return self.prom_returns.exists() or self.prem_returns.exists()


class _LockedWithInstrument(models.Model):
    """Items and options cannot be changed or removed once the instrument has returns."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._refuse_if_locked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_locked()
        return super().delete(*args, **kwargs)

    def _refuse_if_locked(self) -> None:
        if self.instrument_id and self.instrument.has_returns():
            raise InstrumentLocked(
                f"{self.instrument.short_name} already has returns, so its wording is locked. "
                "Add a new version of the instrument instead."
            )


class InstrumentItem(_LockedWithInstrument):
    """One question, in form order, with the published wording."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(help_text="Position on the form, from 1.")
    wording = models.CharField(max_length=300)
    short_label = models.CharField(max_length=60, help_text="A few words for tables and charts.")
    reverse_scored = models.BooleanField(default=False)
    group = models.CharField(max_length=20, choices=ItemGroup.choices, blank=True)
    is_scored = models.BooleanField(default=True)
    is_risk_item = models.BooleanField(
        default=False, help_text="An answer at or above the risk value raises a task for the care team."
    )
    risk_from_value = models.SmallIntegerField(
        null=True, blank=True, help_text="The lowest stored answer value that counts as a risk answer."
    )
    asks_follow_up = models.BooleanField(
        default=False, help_text="Followed by the instrument's follow-up question (yes or no)."
    )

    class Meta:
        ordering = ["instrument", "order"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "order"], name="instrument_item_order_unique"),
            models.CheckConstraint(
                condition=Q(is_risk_item=False) | Q(risk_from_value__isnull=False),
                name="instrument_item_risk_has_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument.short_name} {self.order}: {self.wording}"


class ResponseOption(_LockedWithInstrument):
    """An answer that can be given, with the value stored for it.

    Options with no item apply to every item of the instrument that has no options of its own (the
    ReQoL physical health item has its own).
    """

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="options")
    item = models.ForeignKey(
        InstrumentItem, null=True, blank=True, on_delete=models.CASCADE, related_name="own_options"
    )
    order = models.PositiveSmallIntegerField()
    value = models.SmallIntegerField(help_text="The value stored in a return's answers.")
    label = models.CharField(max_length=80)
    category = models.CharField(max_length=12, choices=OptionCategory.choices, blank=True)

    class Meta:
        ordering = ["instrument", "item", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "value"], condition=Q(item__isnull=True), name="option_value_unique"
            ),
            models.UniqueConstraint(
                fields=["item", "value"], condition=Q(item__isnull=False), name="item_option_value_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.value})"


class ThresholdKind(models.TextChoices):
    RELIABLE_CHANGE = "reliable_change", "Reliable change"
    CUT_OFF = "cut_off", "Cut-off"


class ScoreMeasure(models.TextChoices):
    TOTAL = "total", "Main score"
    LIFE = "life", "Life domains mean (DIALOG)"
    TREATMENT = "treatment", "Treatment aspects mean (DIALOG)"


class ThresholdDirection(models.TextChoices):
    # Reliable change: a change of at least the value, in either or one direction.
    BOTH = "both", "Improvement or deterioration of at least the value"
    # Cut-off: which side of the value is the clinical (or dissatisfied) range.
    BELOW = "below", "Scores below the value are in the range named"
    AT_OR_BELOW = "at_or_below", "Scores at or below the value are in the range named"


class ChangeThreshold(models.Model):
    """A reliable-change threshold or a cut-off for one instrument's score, with where it comes from."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="thresholds")
    kind = models.CharField(max_length=20, choices=ThresholdKind.choices)
    measure = models.CharField(max_length=12, choices=ScoreMeasure.choices, default=ScoreMeasure.TOTAL)
    value = models.FloatField()
    direction = models.CharField(max_length=12, choices=ThresholdDirection.choices)
    range_label = models.CharField(
        max_length=80, blank=True, help_text='For a cut-off: the range below it, e.g. "clinical range".'
    )
    source = BoundedTextField(help_text="The published source of the value.", max_length=NOTE)
    source_url = models.URLField(max_length=300, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["instrument", "kind", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "kind", "measure"],
                condition=Q(is_active=True),
                name="one_active_threshold_per_measure",
            ),
            models.CheckConstraint(
                condition=(Q(kind="reliable_change") & Q(direction="both") & Q(value__gt=0))
                | (Q(kind="cut_off") & Q(direction__in=["below", "at_or_below"])),
                name="threshold_direction_fits_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument.short_name} {self.get_kind_display().lower()} {self.value:g}"
