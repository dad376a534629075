"""Team Recovery Plans: each clinical team's annual, co-produced plan (ImROC's TRIP).

A plan belongs to the team, not to management: it records what the team brings, who took part in the away
day, how the team rates itself against the ImROC challenges, at most three priorities with their actions,
and the reviews through the year.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from recovery_portal.concurrency import Versioned
from recovery_portal.financial_year import FinancialYear
from recovery_portal.models import ChangeTracked
from recovery_portal.ratings import OPEN_ACTION_STATUSES, RAG, ActionStatus
from recovery_portal.text_limits import LONG, NARRATIVE, NOTE, BoundedTextField
from workstreams.models import ConversationDomain, ImrocChallenge, Workstream

from .structure import Team

MAX_PRIORITIES = 3


class PlanStatus(models.TextChoices):
    # The order is the plan's lifecycle.
    PREPARING = "preparing", "Preparing"
    AWAY_DAY_HELD = "away_day_held", "Away day held"
    AGREED = "agreed", "Agreed"
    MID_YEAR_REVIEW = "mid_year_review", "Mid-year review held"
    CLOSED = "closed", "Closed"


class ChallengeStage(models.TextChoices):
    """ImROC's three developmental stages for each organisational challenge."""

    ENGAGEMENT = "engagement", "Engagement"
    DEVELOPMENT = "development", "Development"
    TRANSFORMATION = "transformation", "Transformation"


class TeamRecoveryPlan(ChangeTracked, Versioned):
    """One team's plan for one financial year (``year`` is the year it starts, 2026 for 2026/27)."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="recovery_plans")
    year = models.PositiveSmallIntegerField(
        "financial year", help_text="The year it starts: 2026 for 2026/27."
    )
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.PREPARING)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="last year's plan",
    )

    resources_staff = BoundedTextField(
        "staff",
        blank=True,
        help_text="Skills, interests and lived experience the staff bring.",
        max_length=LONG,
    )
    resources_peer_workers = BoundedTextField(
        "peer support workers",
        blank=True,
        help_text="What peer support workers bring, including lived experience.",
        max_length=LONG,
    )
    resources_people_using_service = BoundedTextField(
        "people using the service",
        blank=True,
        help_text="Skills, interests and experience of people using the service.",
        max_length=LONG,
    )
    resources_carers = BoundedTextField(
        "carers, family and friends",
        blank=True,
        help_text="What carers, family and friends bring.",
        max_length=LONG,
    )

    away_day_date = models.DateField("date of the away day", null=True, blank=True)
    away_day_facilitator = models.CharField(
        "facilitated by", max_length=200, blank=True, help_text="Name and organisation of the facilitator."
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_recovery_plans",
        help_text="Facilitators with a portal account may help write the plan.",
    )
    attended_staff = models.PositiveSmallIntegerField("staff", default=0)
    attended_peer_workers = models.PositiveSmallIntegerField("peer support workers", default=0)
    attended_people_using_service = models.PositiveSmallIntegerField("people using the service", default=0)
    attended_carers = models.PositiveSmallIntegerField("carers, family and friends", default=0)
    no_service_user_reason = BoundedTextField(
        "why no one using the service took part",
        blank=True,
        help_text="Needed to agree a plan when no one using the service came to the away day.",
        max_length=NOTE,
    )

    strengths = BoundedTextField(blank=True, max_length=LONG)
    achievements = BoundedTextField(blank=True, max_length=LONG)
    areas_for_development = BoundedTextField("areas for development", blank=True, max_length=LONG)
    ambitions = BoundedTextField(blank=True, max_length=LONG)

    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The version that was agreed."
    )
    # Set by any change to an agreed plan (its sections, ratings, priorities or actions); the team then
    # agrees it again, as a person does their own plan (ADR 0009).
    changed_since_agreement = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "team__name"]
        verbose_name = "Team Recovery Plan"
        constraints = [
            models.UniqueConstraint(fields=["team", "year"], name="teamrecoveryplan_one_per_team_and_year"),
        ]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return f"{self.team} {self.financial_year}"

    @property
    def financial_year(self) -> FinancialYear:
        return FinancialYear(self.year)

    @property
    def is_closed(self) -> bool:
        return self.status == PlanStatus.CLOSED

    @property
    def service_users_took_part(self) -> bool:
        return self.attended_people_using_service > 0

    @property
    def attendance_total(self) -> int:
        return (
            self.attended_staff
            + self.attended_peer_workers
            + self.attended_people_using_service
            + self.attended_carers
        )


class ChallengeRating(ChangeTracked):
    """Where the team places itself on one ImROC challenge, with last year's stage beside it."""

    plan = models.ForeignKey(TeamRecoveryPlan, on_delete=models.CASCADE, related_name="ratings")
    challenge = models.ForeignKey(ImrocChallenge, on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=20, choices=ChallengeStage.choices, blank=True)
    evidence = BoundedTextField(
        blank=True, help_text="What tells the team it is at this stage.", max_length=NOTE
    )
    previous_stage = models.CharField(
        "last year's stage", max_length=20, choices=ChallengeStage.choices, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["challenge__order", "challenge__code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "challenge"], name="challengerating_one_per_challenge"),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.challenge}"


class Priority(ChangeTracked, Versioned):
    """One of the plan's priorities, numbered 1 to 3: the database holds no fourth."""

    plan = models.ForeignKey(TeamRecoveryPlan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField("priority", max_length=200)
    why = BoundedTextField("why it matters", blank=True, max_length=NOTE)

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="priority_unique_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=MAX_PRIORITIES), name="priority_at_most_three"
            ),
        ]

    def __str__(self) -> str:
        return f"Priority {self.number}: {self.title}"


class TeamAction(ChangeTracked, Versioned):
    """What the team will do under a priority: who, by when, in which workstream and conversation domain."""

    plan = models.ForeignKey(TeamRecoveryPlan, on_delete=models.CASCADE, related_name="actions")
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField("what we will do", max_length=300)
    who = models.CharField("who", max_length=200, help_text="The people who will make it happen.")
    due_date = models.DateField("by when")
    workstream = models.ForeignKey(
        Workstream, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    domain = models.ForeignKey(
        ConversationDomain,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="conversation domain",
    )
    success_measure = BoundedTextField("how we will see success", blank=True, max_length=NOTE)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    rag = models.CharField("RAG rating", max_length=10, choices=RAG.choices, blank=True)
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_into"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["plan", "status", "due_date"])]

    def __str__(self) -> str:
        return self.what

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()


class ActionProgressNote(models.Model):
    """A dated note of progress on an action."""

    action = models.ForeignKey(TeamAction, on_delete=models.CASCADE, related_name="progress_notes")
    noted_on = models.DateField(default=timezone.localdate)
    note = BoundedTextField(max_length=NOTE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["noted_on", "id"]

    def __str__(self) -> str:
        return f"{self.noted_on}: {self.note[:40]}"


class ReviewKind(models.TextChoices):
    MID_YEAR = "mid_year", "Mid-year review"
    YEAR_END = "year_end", "Year-end review"


class PlanReview(models.Model):
    """A dated review of the plan: progress in the team's words and the challenges rated again."""

    plan = models.ForeignKey(TeamRecoveryPlan, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=10, choices=ReviewKind.choices)
    held_on = models.DateField("date of the review")
    progress = BoundedTextField("progress since the plan was agreed", max_length=NARRATIVE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "kind"], name="planreview_one_of_each_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.plan}"


class ReviewRating(models.Model):
    """A challenge rated again at a review."""

    review = models.ForeignKey(PlanReview, on_delete=models.CASCADE, related_name="ratings")
    challenge = models.ForeignKey(ImrocChallenge, on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=20, choices=ChallengeStage.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["challenge__order", "challenge__code"]
        constraints = [
            models.UniqueConstraint(fields=["review", "challenge"], name="reviewrating_one_per_challenge")
        ]

    def __str__(self) -> str:
        return f"{self.review}: {self.challenge}"
