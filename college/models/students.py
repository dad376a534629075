"""Students and their personal data: enrolments, attendance, reminders, learning plans and feedback.

Every model here mixes in ``PersonalData``; views reach rows only through ``visible_to(user)``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from recovery_portal.access import PersonalData
from recovery_portal.concurrency import Versioned
from recovery_portal.models import ChangeTracked
from recovery_portal.rules import is_college_team
from recovery_portal.text_limits import LONG, NOTE, BoundedTextField

from .courses import CourseRun, Session, Term


class StudentType(models.TextChoices):
    # The person says which describes them; nobody is asked about a diagnosis.
    PERSON = "person", "Someone who uses mental health services"
    SUPPORTER = "supporter", "A carer, family member or friend"
    STAFF = "staff", "Trust staff"
    COMMUNITY = "community", "A member of the community"


class StudentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The student themself, their personal tutors, trainers of runs they are on, and the college team."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if is_college_team(user):
            return self
        return self.filter(
            Q(user=user) | Q(learning_plans__personal_tutor=user) | Q(enrolments__run__trainers__user=user)
        ).distinct()


class Student(PersonalData, ChangeTracked):
    """A person registered with the college. Holds no clinical information."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="student")
    student_type = models.CharField(max_length=16, choices=StudentType.choices)
    phone = models.CharField(max_length=30, blank=True)
    registered_at = models.DateTimeField(auto_now_add=True)

    objects = StudentQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "user__first_name", "id"]

    def __str__(self) -> str:
        return self.user.display_name


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", "Enrolled"
    OFFERED = "offered", "Place offered"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"
    # Taken off a run that had started, by the college team with a reason; attendance is kept.
    WITHDRAWN = "withdrawn", "Withdrawn"


# Statuses that hold one of the run's numbered places.
HOLDS_PLACE = (EnrolmentStatus.ENROLLED, EnrolmentStatus.OFFERED)


class EnrolmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The student, the run's trainers and the college team."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if is_college_team(user):
            return self
        return self.filter(Q(student__user=user) | Q(run__trainers__user=user)).distinct()

    def active(self):
        return self.exclude(status=EnrolmentStatus.CANCELLED)


class Enrolment(PersonalData, ChangeTracked):
    """A student's request for a place on a run: enrolled, offered a freed place, waiting, cancelled
    before the run started, or withdrawn from a running course (keeping its attendance).

    Places are numbered 1..capacity. ``place_number`` is unique per run, so two people can never hold
    the same place, and a PostgreSQL trigger refuses a number above the run's capacity (ADR 0011).
    """

    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="enrolments")
    run = models.ForeignKey(CourseRun, on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(max_length=16, choices=EnrolmentStatus.choices)
    place_number = models.PositiveSmallIntegerField(null=True, blank=True)
    requested_at = models.DateTimeField()
    enrolled_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_reason = models.CharField(max_length=200, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=200, blank=True)

    objects = EnrolmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "place_number"],
                condition=Q(place_number__isnull=False),
                name="enrolment_place_held_once",
            ),
            models.CheckConstraint(condition=Q(place_number__gte=1), name="enrolment_place_from_one"),
            models.CheckConstraint(
                condition=(Q(status__in=HOLDS_PLACE) & Q(place_number__isnull=False))
                | (~Q(status__in=HOLDS_PLACE) & Q(place_number__isnull=True)),
                name="enrolment_place_only_when_held",
            ),
            models.CheckConstraint(
                condition=~Q(status=EnrolmentStatus.OFFERED) | Q(offer_expires_at__isnull=False),
                name="enrolment_offer_has_expiry",
            ),
            # One live request per student and run: asking twice is refused, not duplicated.
            models.UniqueConstraint(
                fields=["run", "student"],
                condition=~Q(status=EnrolmentStatus.CANCELLED),
                name="enrolment_once_per_run",
            ),
        ]
        indexes = [models.Index(fields=["run", "status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.student} on {self.run_id} ({self.status})"


class AttendanceQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if is_college_team(user):
            return self
        return self.filter(Q(enrolment__student__user=user) | Q(session__run__trainers__user=user)).distinct()


class Attendance(PersonalData, models.Model):
    """Whether a student was at a session, marked by a trainer on the register."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendances")
    present = models.BooleanField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["session__starts_at", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{'Present' if self.present else 'Absent'}: enrolment {self.enrolment_id}, session {self.session_id}"


class SessionReminder(models.Model):
    """The reminder sent to one enrolled student before one session; its row makes sending idempotent."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="reminders")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="reminder_once")]

    def __str__(self) -> str:
        return f"Reminder for enrolment {self.enrolment_id}, session {self.session_id}"


class ReviewOutcome(models.TextChoices):
    MET = "met", "Met"
    PARTLY = "partly", "Partly met"
    NOT_MET = "not_met", "Not met"


class LearningPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The student, their personal tutor, the trainers of the student's runs that term (their tutors on
        those courses) and the college team."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if is_college_team(user):
            return self
        taught = Enrolment.objects.filter(
            student_id=models.OuterRef("student_id"),
            run__term_id=models.OuterRef("term_id"),
            run__trainers__user=user,
        ).exclude(status=EnrolmentStatus.CANCELLED)
        return self.filter(Q(student__user=user) | Q(personal_tutor=user) | models.Exists(taught))


class LearningPlan(PersonalData, ChangeTracked, Versioned):
    """An Individual Learning Plan: one per student per term, owned by the student."""

    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="learning_plans")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="learning_plans")
    goals = BoundedTextField("my goals this term", help_text="In your own words.", max_length=LONG)
    support_needs = BoundedTextField(
        "reasonable adjustments and support",
        blank=True,
        help_text="For example a buddy, help with transport, large-print or translated handouts.",
        max_length=NOTE,
    )
    personal_tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tutored_learning_plans",
    )
    review_outcome = models.CharField(
        "goals at the end of term", max_length=16, choices=ReviewOutcome.choices, blank=True
    )
    review_notes = BoundedTextField("looking back on the term", blank=True, max_length=LONG)
    next_volunteering = models.BooleanField("volunteering", default=False)
    next_education = models.BooleanField("education or training", default=False)
    next_employment = models.BooleanField("paid work", default=False)
    next_community_groups = models.BooleanField("community groups", default=False)
    next_steps_notes = BoundedTextField("next steps", blank=True, max_length=LONG)

    objects = LearningPlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-term__start_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["student", "term"], name="learning_plan_once_per_term")
        ]

    def __str__(self) -> str:
        return f"Learning plan of {self.student} for {self.term}"

    @property
    def next_steps(self) -> list[str]:
        names = ["next_volunteering", "next_education", "next_employment", "next_community_groups"]
        return [
            str(self._meta.get_field(name).verbose_name).capitalize() for name in names if getattr(self, name)
        ]


class RunFeedback(models.Model):
    """A student's feedback at the end of a run."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(
        "how useful was the course",
        choices=[
            (5, "Very useful"),
            (4, "Useful"),
            (3, "Neither"),
            (2, "Not very useful"),
            (1, "Not useful at all"),
        ],
    )
    best_part = BoundedTextField("what was best", blank=True, max_length=NOTE)
    to_improve = BoundedTextField("what could be better", blank=True, max_length=NOTE)
    given_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Feedback on enrolment {self.enrolment_id}: {self.rating}"
