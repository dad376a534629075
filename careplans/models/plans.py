"""A person's plans: one of each kind, made of entries, with every saved version kept.

Each save of a plan bumps its ``version`` and stores an immutable :class:`PlanVersion` snapshot, so every
earlier version stays readable and two versions can be compared. Agreement points at one version; a
later change leaves the plan a draft until it is agreed again (ADR 0010).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from recovery_portal.access import PersonalData
from recovery_portal.concurrency import Versioned
from recovery_portal.models import ChangeTracked
from recovery_portal.text_limits import ENTRY, NAMES, BoundedTextField

from ..sections import LifeArea, PlanKind, sections_for
from .people import ServiceUser, Supporter


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGREED = "agreed", "Agreed"


class PlanStage(models.TextChoices):
    # Joint Crisis Plans are prepared with the person, then finalised at a planning meeting.
    PREPARATION = "preparation", "Preparation"
    PLANNING_MEETING = "planning_meeting", "Planning meeting"


class AuthorRole(models.TextChoices):
    # Only the person, through their own login, writes in their own words (ADR 0010).
    PERSON = "person", "The person's own words"
    # Words the person said in the room, written down by a worker: shown as said by them, written by the worker.
    SAID_IN_ROOM = "said_in_room", "Said by the person, written down by a worker"
    PEER_WORKER = "peer_worker", "Peer support worker"
    CLINICIAN = "clinician", "Clinician"
    SUPPORTER = "supporter", "Supporter"


_STATUS_LABELS = {value: str(label) for value, label in PlanStatus.choices}


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PlanQuerySet":
        return self.filter(person__in=ServiceUser.objects.visible_to(user))


class Plan(PersonalData, ChangeTracked, Versioned):
    """A person's recovery and wellbeing plan, crisis plan or safety plan."""

    person = models.ForeignKey(ServiceUser, on_delete=models.CASCADE, related_name="plans")
    kind = models.CharField(max_length=16, choices=PlanKind.choices)
    status = models.CharField(max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    review_date = models.DateField(null=True, blank=True)
    stage = models.CharField(max_length=20, choices=PlanStage.choices, blank=True)
    facilitator = models.CharField(max_length=150, blank=True, help_text="Who facilitated the planning.")
    people_present = BoundedTextField(
        blank=True, help_text="Who was at the planning meeting.", max_length=NAMES
    )
    # A Joint Crisis Plan is agreed with the person at the meeting, never about them in their absence.
    person_at_meeting = models.BooleanField("the person was at the planning meeting", default=False)
    agreed_version = models.ForeignKey(
        "PlanVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_in_person = models.BooleanField(
        default=False,
        help_text="Agreed with a worker in the room rather than through the person's own login.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "kind"]
        constraints = [models.UniqueConstraint(fields=["person", "kind"], name="plan_one_of_each_kind")]
        indexes = [models.Index(fields=["status", "review_date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.person}"

    @property
    def sections(self):
        return sections_for(self.kind)

    @property
    def is_agreed(self) -> bool:
        return self.status == PlanStatus.AGREED

    @property
    def review_overdue(self) -> bool:
        return self.review_date is not None and self.review_date < timezone.localdate()

    @property
    def status_label(self) -> str:
        """What the caseload shows: draft, agreed, or review overdue (an agreed plan past its review)."""
        if self.is_agreed and self.review_overdue:
            return "Review overdue"
        # What get_status_display() gives, from a table made once: Django flattens the field's choices
        # on every call, which cost more than the rest of a caseload row (300 calls a page).
        return _STATUS_LABELS.get(self.status, self.status)

    @property
    def status_colour(self) -> str:
        return self.colour_of(self.status_label)

    @staticmethod
    def colour_of(status_label: str) -> str:
        """The tag colour of a status label (``status_label``)."""
        return {"Review overdue": "red", "Agreed": "green"}.get(status_label, "yellow")


class PlanEntryQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PlanEntryQuerySet":
        return self.filter(plan__person__in=ServiceUser.objects.visible_to(user))


class PlanEntry(PersonalData, models.Model):
    """One entry in a section of a plan, and whose words it is."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="entries")
    section = models.CharField(max_length=40)
    text = BoundedTextField(max_length=ENTRY)
    alternative = BoundedTextField(
        blank=True,
        help_text="For a refusal: what the person would accept instead.",
        max_length=ENTRY,
    )
    no_alternative = models.BooleanField(
        "no acceptable alternative", default=False, help_text="For a refusal: the person says there is none."
    )
    phone = models.CharField(max_length=30, blank=True)
    life_area = models.CharField(max_length=20, choices=LifeArea.choices, blank=True)
    author_role = models.CharField("whose words", max_length=16, choices=AuthorRole.choices)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    objects = PlanEntryQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "section", "order", "id"]
        verbose_name_plural = "plan entries"

    def __str__(self) -> str:
        return f"{self.section}: {self.text[:40]}"

    @property
    def in_own_words(self) -> bool:
        return self.author_role == AuthorRole.PERSON

    @property
    def said_in_room(self) -> bool:
        return self.author_role == AuthorRole.SAID_IN_ROOM

    @property
    def phone_link(self) -> str:
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")

    def snapshot(self) -> dict:
        return {
            "id": self.pk,
            "section": self.section,
            "text": self.text,
            "alternative": self.alternative,
            "no_alternative": self.no_alternative,
            "phone": self.phone,
            "life_area": self.life_area,
            "author_role": self.author_role,
            "order": self.order,
            # Kept with the version so it shows who wrote the person's words down, as it did then.
            **(
                {"written_down_by": self.written_by.display_name if self.written_by else ""}
                if self.said_in_room
                else {}
            ),
        }


class PlanVersion(PersonalData, models.Model):
    """A saved version of a plan, exactly as it read then. Never changed."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField(help_text="Every entry and the plan's details at this version.")
    summary = models.CharField(max_length=200, blank=True, help_text="What changed, in a few words.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.plan} version {self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Plan versions are kept as they were saved")
        super().save(*args, **kwargs)


class Disagreement(PersonalData, models.Model):
    """The person disagrees with an entry. It stays beside the entry; nothing is overwritten."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="disagreements")
    entry = models.ForeignKey(
        PlanEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="disagreements"
    )
    entry_text = BoundedTextField(
        help_text="The entry as it read when the disagreement was recorded.", max_length=ENTRY
    )
    text = BoundedTextField("what the person disagrees with and why", max_length=ENTRY)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    plan_version = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Disagreement with {self.entry_text[:40]}"


class ConsentGiven(models.TextChoices):
    """How the person gave a consent that a worker recorded for them in the room."""

    SAID_SO = "said_so", "Said so in the room"
    SIGNED = "signed", "Signed a consent form in the room"


class SupporterConsent(PersonalData, ChangeTracked):
    """Which sections of one plan the person has chosen to share with one supporter.

    Only the person sets it, or a worker records a choice the person made in the room: then who recorded
    it and when are ``changed_by`` and ``changed_at``, and ``given_in_room`` says how it was given.
    """

    supporter = models.ForeignKey(Supporter, on_delete=models.CASCADE, related_name="consents")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="consents")
    sections = models.JSONField(default=list, blank=True, help_text="Codes of the sections shared.")
    given_in_room = models.CharField(
        "how the person gave it in the room",
        max_length=16,
        choices=ConsentGiven.choices,
        blank=True,
        help_text="Empty when the person chose it through their own login.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["supporter", "plan"]
        constraints = [
            models.UniqueConstraint(fields=["supporter", "plan"], name="supporter_consent_one_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.supporter} may see {len(self.sections)} sections of {self.plan}"

    @property
    def recorded_for_the_person(self) -> bool:
        return bool(self.given_in_room)


def _document_path(instance, filename: str) -> str:
    # A random name: nothing about the person or the document in the stored path.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"careplans/{instance.plan_id}/{uuid.uuid4().hex}.{extension}"


class PlanDocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PlanDocumentQuerySet":
        return self.filter(plan__person__in=ServiceUser.objects.visible_to(user))


class PlanDocument(PersonalData, models.Model):
    """A document kept with a plan, such as a signed advance decision or a letter; served only through
    a view that checks who may see the plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=150)
    file = models.FileField(upload_to=_document_path)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = PlanDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper()
