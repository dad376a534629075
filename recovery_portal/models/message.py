"""Messages the portal sends to people: each one a row, with where it went and whether it arrived.

People who use services, supporters and students are reached through GOV.UK Notify (email or text
message); staff by the Trust's mail relay. The body of every message is a template kept as data (and in
Notify), filled only with a link and a first name: never a plan's content (ADR 0025).
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ..access import PersonalData
from ..text_limits import BoundedTextField


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"


class Audience(models.TextChoices):
    # Who a template is for decides how it goes: GOV.UK Notify for people, the mail relay for staff.
    PEOPLE = "people", "People who use services, supporters and students (GOV.UK Notify)"
    STAFF = "staff", "Trust staff (the Trust's mail relay)"


class MessageStatus(models.TextChoices):
    """GOV.UK Notify's statuses, which staff email follows too (delivered = accepted by the relay)."""

    CREATED = "created", "Waiting to be sent"
    SENDING = "sending", "Sending"
    DELIVERED = "delivered", "Delivered"
    PERMANENT_FAILURE = "permanent-failure", "Not delivered: the address or number is wrong"
    TEMPORARY_FAILURE = "temporary-failure", "Not delivered yet: the phone or inbox could not take it"
    TECHNICAL_FAILURE = "technical-failure", "Not sent: a problem on our side"
    NOT_CONTACTABLE = "not-contactable", "Not sent: no way to contact them"


# Failed for good. A temporary failure is sent again after a back-off; it is kept as the outcome only
# once every attempt has been used.
FAILED = (
    MessageStatus.PERMANENT_FAILURE,
    MessageStatus.TEMPORARY_FAILURE,
    MessageStatus.TECHNICAL_FAILURE,
    MessageStatus.NOT_CONTACTABLE,
)
# Statuses after which nothing more happens to a message.
FINAL = (MessageStatus.DELIVERED, *FAILED)


class MessageTemplate(models.Model):
    """One message the portal can send, on one channel. The wording lives in GOV.UK Notify for people
    (``notify_template_id``); ``body`` is the same wording kept here, for administrators to read and for
    staff email, which the portal renders itself. Placeholders are written ((like_this))."""

    code = models.SlugField(max_length=60, help_text="What the message is about, e.g. place-offered.")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    audience = models.CharField(max_length=8, choices=Audience.choices)
    notify_template_id = models.UUIDField(
        null=True, blank=True, help_text="The template's id in GOV.UK Notify (messages to people only)."
    )
    subject = models.CharField(max_length=150, blank=True, help_text="Email only.")
    body = BoundedTextField(
        max_length=1000, help_text="No personal or clinical detail: a link says the rest."
    )
    description = models.CharField(max_length=200, help_text="When the portal sends it.")

    class Meta:
        ordering = ["code", "channel"]
        constraints = [
            models.UniqueConstraint(fields=["code", "channel"], name="one_template_per_code_and_channel")
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.get_channel_display()})"


class MessageQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MessageQuerySet":
        """The messages sent to the person themself. Staff read messages about a person through the
        person's record (careplans), which applies its own scope."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(recipient=user)

    def about(self, obj) -> "MessageQuerySet":
        return self.filter(about_type=ContentType.objects.get_for_model(obj), about_id=obj.pk)

    def failed(self) -> "MessageQuerySet":
        return self.filter(status__in=FAILED)


class Message(PersonalData, models.Model):
    """A message to one person about one thing, and what became of it."""

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    template = models.ForeignKey(MessageTemplate, on_delete=models.PROTECT, related_name="messages")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="messages")
    to = models.CharField(max_length=254, blank=True, help_text="The email address or mobile number used.")
    personalisation = models.JSONField(default=dict, blank=True)
    reason = models.CharField(max_length=200, help_text="Why it was sent, for the record.")
    # What the message is about (an offer, a plan), so its outcome can act on it and staff can find it.
    about_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about_person_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The person who uses services the message is about, if any."
    )
    status = models.CharField(max_length=20, choices=MessageStatus.choices, default=MessageStatus.CREATED)
    notify_id = models.UUIDField(null=True, blank=True, unique=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    not_before = models.DateTimeField(null=True, blank=True, help_text="Held back until then (quiet hours).")
    problem = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(fields=["about_person_id", "-created_at"]),
            models.Index(fields=["status", "sent_at"], condition=Q(status="sending"), name="message_sending"),
        ]

    def __str__(self) -> str:
        return f"{self.template} to {self.recipient_id}: {self.status}"

    @property
    def is_final(self) -> bool:
        return self.status in FINAL

    @property
    def has_failed(self) -> bool:
        return self.status in FAILED
