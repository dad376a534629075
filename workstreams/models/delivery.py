"""How a workstream delivers its strategy: goals, the actions that serve them, dated progress updates,
and the leads' annual report.

An action's ``status`` and ``rag`` are those of its latest progress update (kept by
``services.progress_update_add``); each update keeps the status and RAG set that day, so what an action
looked like on any past date can be read back (meeting packs, annual figures).
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from recovery_portal.concurrency import Versioned
from recovery_portal.financial_year import FinancialYear
from recovery_portal.models import ChangeTracked
from recovery_portal.ratings import OPEN_ACTION_STATUSES, RAG, ActionStatus
from recovery_portal.text_limits import NARRATIVE, NOTE, BoundedTextField

from .structure import ConversationDomain, ImrocChallenge, Workstream


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    MET = "met", "Met"
    NOT_MET = "not_met", "Not met"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_GOAL_STATUSES = (GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS)


class ComputedFigure(models.TextChoices):
    """Figures the portal works out itself, which a goal can be measured by each month."""

    NONE = "", "None: the leads record each measurement"
    TEAMS_WITH_AGREED_PLAN = (
        "teams_with_agreed_plan",
        "Clinical teams with an agreed Team Recovery Plan for the year (%)",
    )


class Goal(ChangeTracked, Versioned):
    """One goal of a workstream's strategy, with how its success is measured and by when."""

    workstream = models.ForeignKey(Workstream, on_delete=models.PROTECT, related_name="goals")
    title = models.CharField(max_length=250)
    domain = models.ForeignKey(
        ConversationDomain,
        on_delete=models.PROTECT,
        related_name="goals",
        verbose_name="conversation domain",
    )
    challenges = models.ManyToManyField(
        ImrocChallenge, related_name="goals", verbose_name="ImROC challenges served"
    )
    measure = models.CharField(
        max_length=250, verbose_name="how success is measured", help_text="What is counted or asked."
    )
    baseline = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=60, blank=True, help_text="For example: %, teams, people.")
    start_date = models.DateField()
    target_date = models.DateField()
    status = models.CharField(max_length=16, choices=GoalStatus.choices, default=GoalStatus.NOT_STARTED)
    met_on = models.DateField(null=True, blank=True, help_text="The day the goal was judged met.")
    computed_figure = models.CharField(
        max_length=40,
        choices=ComputedFigure.choices,
        blank=True,
        default="",
        verbose_name="figure the portal measures it by",
    )
    # The RAG rating follows from assurance unless the leads set it, with their reason (ADR 0023).
    rag_override = models.CharField(max_length=8, choices=RAG.choices, blank=True, default="")
    rag_override_reason = BoundedTextField(max_length=NOTE, blank=True, default="")

    history = HistoricalRecords()

    class Meta:
        ordering = ["workstream__order", "target_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_date__gte=F("start_date")), name="goal_target_not_before_start"
            ),
            models.CheckConstraint(
                condition=~Q(status="met") | Q(met_on__isnull=False), name="goal_met_has_a_date"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_GOAL_STATUSES

    def _amount(self, value) -> str:
        text = f"{value.normalize():f}"
        return f"{text}{self.unit}" if self.unit == "%" else f"{text} {self.unit}".strip()

    @property
    def unit_is_percent(self) -> bool:
        return self.unit.strip() == "%" or self.computed_figure == ComputedFigure.TEAMS_WITH_AGREED_PLAN

    @property
    def better_higher(self) -> bool:
        """Whether a higher figure is better: the target lies at or above the baseline (or no baseline)."""
        return self.baseline is None or self.target is None or self.target >= self.baseline

    @property
    def measure_figures(self) -> str:
        """ "Baseline 40%, target 100%", or as much of it as is known."""
        parts = []
        if self.baseline is not None:
            parts.append(f"baseline {self._amount(self.baseline)}")
        if self.target is not None:
            parts.append(f"target {self._amount(self.target)}")
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]


class MeasurementSource(models.TextChoices):
    ENTERED = "entered", "Entered by a lead"
    PORTAL = "portal", "Worked out by the portal"


class GoalMeasurement(ChangeTracked):
    """A goal's figure for one month, with where it came from. One a month; a change keeps its history."""

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="measurements")
    month = models.DateField(help_text="The first day of the month measured.")
    value = models.DecimalField(max_digits=12, decimal_places=2)
    source = models.CharField(
        max_length=10, choices=MeasurementSource.choices, default=MeasurementSource.ENTERED
    )
    source_detail = models.CharField(
        max_length=250, blank=True, default="", help_text="Where the figure comes from, for example a survey."
    )
    note = BoundedTextField(max_length=NOTE, blank=True, default="")

    history = HistoricalRecords()

    class Meta:
        ordering = ["goal", "month"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "month"], name="goal_measurement_one_a_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="goal_measurement_first_of_month"),
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.month:%B %Y}"


class Action(ChangeTracked, Versioned):
    """Something to be done towards a goal, by an owner (and perhaps a co-owner), by a due date."""

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="actions")
    description = BoundedTextField(max_length=NOTE)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="workstream_actions"
    )
    co_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workstream_actions_co_owned",
    )
    start_date = models.DateField()
    due_date = models.DateField()
    status = models.CharField(max_length=16, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    rag = models.CharField(
        max_length=8, choices=RAG.choices, blank=True, help_text="Set with each progress update."
    )
    completed_on = models.DateField(null=True, blank=True)
    dropped_on = models.DateField(null=True, blank=True)
    dropped_reason = BoundedTextField(blank=True, max_length=NOTE)
    co_produced = models.BooleanField(default=False)
    co_produced_with = BoundedTextField(
        blank=True,
        help_text="Who was involved, such as people who use services, carers or a group.",
        max_length=NOTE,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__gte=F("start_date")), name="action_due_not_before_start"
            ),
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(dropped_reason=""), name="action_dropped_has_a_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    def is_overdue_on(self, day: date) -> bool:
        """Still open and due before ``day``, whatever its RAG rating."""
        return self.is_open and self.due_date < day

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())


def evidence_path(update: "ProgressUpdate", filename: str) -> str:
    return f"workstreams/evidence/{update.action_id}/{filename}"


class ProgressUpdate(models.Model):
    """A dated account of progress on an action, with the RAG rating and status set that day.

    Updates are kept in date order: one may not be dated before the action's latest update.
    """

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(help_text="The day this progress is reported as of.")
    narrative = BoundedTextField(max_length=NARRATIVE)
    rag = models.CharField(max_length=8, choices=RAG.choices, verbose_name="RAG rating")
    status = models.CharField(max_length=16, choices=ActionStatus.choices)
    dropped_reason = BoundedTextField(blank=True, max_length=NOTE)
    evidence_link = models.URLField(max_length=500, blank=True)
    evidence_file = models.FileField(upload_to=evidence_path, blank=True, max_length=300)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]
        indexes = [models.Index(fields=["action", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(dropped_reason=""), name="update_dropped_has_a_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} – {self.date:%d %b %Y}"


class WorkstreamAnnualReport(ChangeTracked, Versioned):
    """The leads' narrative for one financial year (April to March); the figures are computed
    (``selectors.workstream_annual_figures``). Both leads may write it, so saves are versioned."""

    workstream = models.ForeignKey(Workstream, on_delete=models.PROTECT, related_name="annual_reports")
    financial_year = models.PositiveSmallIntegerField(help_text="The year the financial year starts in.")
    achievements = BoundedTextField(blank=True, max_length=NARRATIVE)
    challenges = BoundedTextField(blank=True, max_length=NARRATIVE)
    priorities_next_year = BoundedTextField(
        blank=True, verbose_name="priorities for next year", max_length=NARRATIVE
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["workstream__order", "-financial_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["workstream", "financial_year"], name="one_annual_report_per_workstream_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workstream} {self.year_label}"

    @property
    def year_label(self) -> str:
        return FinancialYear(self.financial_year).label
