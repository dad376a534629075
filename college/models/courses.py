"""The prospectus side of the college: venues, terms, courses, their runs, sessions and trainers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from recovery_portal.models import ChangeTracked
from recovery_portal.text_limits import LONG, NOTE, BoundedTextField


class VenueKind(models.TextChoices):
    HUB = "hub", "College base"
    SPOKE = "spoke", "Community spoke"
    ONLINE = "online", "Online"


class Venue(ChangeTracked):
    """Where courses happen: the college base, a community partner's premises (a spoke), or online."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=16, choices=VenueKind.choices)
    partner = models.CharField(max_length=150, blank=True, help_text="The community partner who hosts us.")
    address = models.CharField(max_length=250, blank=True)
    access_information = BoundedTextField(
        blank=True,
        help_text="Step-free access, parking, buses, hearing loop.",
        max_length=NOTE,
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Term(ChangeTracked):
    """A college term. Learning plans are written per student per term."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=40, unique=True)
    start_date = models.DateField()
    end_date = models.DateField()

    class Meta:
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="term_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.name


class CourseCategory(models.TextChoices):
    UNDERSTANDING = "understanding", "Understanding mental health"
    RECOVERY = "recovery", "Recovery and self-management"
    WELLBEING = "wellbeing", "Living well and physical health"
    LIFE_SKILLS = "life_skills", "Life skills, work and education"
    FAMILIES = "families", "Families, friends and carers"
    PEER = "peer", "Peer support and lived experience"
    WORKFORCE = "workforce", "Working in recovery-focused ways"


class Course(ChangeTracked):
    """A co-produced course. It runs in a term as a :class:`CourseRun`."""

    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=100, unique=True)
    category = models.CharField(max_length=32, choices=CourseCategory.choices)
    summary = BoundedTextField(max_length=LONG)
    who_it_is_for = BoundedTextField(help_text="Who the course is for, in plain words.", max_length=NOTE)
    learning_outcomes = BoundedTextField(
        help_text="One outcome a line: 'By the end you will …'.", max_length=NOTE
    )
    co_produced_with = models.CharField(max_length=250, help_text="Who wrote the course with the college.")
    session_count = models.PositiveSmallIntegerField("number of sessions", default=1)
    session_minutes = models.PositiveSmallIntegerField("length of each session (minutes)", default=120)
    completion_min_sessions = models.PositiveSmallIntegerField(
        "sessions to attend to complete",
        default=1,
        help_text="A student completes the course by attending at least this many sessions of a run.",
    )

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completion_min_sessions__gte=1)
                & Q(completion_min_sessions__lte=F("session_count")),
                name="course_completion_rule_within_sessions",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def outcomes_list(self) -> list[str]:
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]


class RunStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CANCELLED = "cancelled", "Cancelled"


class CourseRunQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=RunStatus.PUBLISHED)


class CourseRun(ChangeTracked):
    """One delivery of a course in a term, at a venue, with sessions, trainers and a number of places."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="runs")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="runs")
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="runs")
    capacity = models.PositiveSmallIntegerField("places")
    status = models.CharField(max_length=16, choices=RunStatus.choices, default=RunStatus.DRAFT)
    offer_hours = models.PositiveSmallIntegerField(
        "hours to accept an offered place",
        default=48,
        help_text="Then the place goes to the next person waiting.",
    )
    published_at = models.DateTimeField(null=True, blank=True)

    objects = CourseRunQuerySet.as_manager()

    class Meta:
        ordering = ["term__start_date", "course__title", "id"]
        constraints = [models.CheckConstraint(condition=Q(capacity__gte=1), name="run_has_places")]

    def __str__(self) -> str:
        return f"{self.course.title} ({self.term.name}, {self.venue.name})"

    def clean(self) -> None:
        # Places are numbered 1..capacity (ADR 0011): the capacity cannot drop below a place someone holds.
        if self.pk and self.capacity:
            highest = self.enrolments.aggregate(highest=models.Max("place_number"))["highest"] or 0
            if self.capacity < highest:
                raise ValidationError(
                    {
                        "capacity": f"Place {highest} is held: cancel places above {self.capacity} before lowering it."
                    }
                )


class CourseRunTrainer(ChangeTracked):
    """A trainer on a run. Co-delivery: every published run has a peer trainer and another trainer."""

    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="trainers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="college_runs")
    is_peer_trainer = models.BooleanField(
        "peer trainer",
        default=False,
        help_text="Trains from their own lived experience of mental health challenges.",
    )

    class Meta:
        ordering = ["-is_peer_trainer", "id"]
        constraints = [models.UniqueConstraint(fields=["run", "user"], name="run_trainer_once")]

    def __str__(self) -> str:
        return f"{self.user.display_name} on {self.run_id}"


class Session(models.Model):
    """One meeting of a run. Times are stored in UTC and shown in UK time."""

    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    topic = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="session_number_once_per_run"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"),
        ]
        indexes = [
            models.Index(fields=["starts_at"]),
            # A run's first and last session (when it starts, whether it is over), read for every run
            # the prospectus lists, straight from the index.
            models.Index(fields=["run", "starts_at"], name="session_run_starts_at"),
        ]

    def __str__(self) -> str:
        return f"Session {self.number} of {self.run_id}"
