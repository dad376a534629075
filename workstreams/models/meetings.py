"""Meetings of the Recovery Steering Groups, with their minutes, decisions and follow-up actions."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from recovery_portal.concurrency import Versioned
from recovery_portal.models import ChangeTracked
from recovery_portal.text_limits import LONG, NAMES, NARRATIVE, NOTE, BoundedTextField

from .structure import SteeringGroup


class SteeringGroupMeeting(ChangeTracked, Versioned):
    """One meeting of a steering group. Its meeting pack covers the days since the group's previous
    meeting (``selectors.meeting_pack``)."""

    group = models.ForeignKey(SteeringGroup, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="steering_group_meetings_attended"
    )
    other_attendees = BoundedTextField(
        blank=True,
        help_text="People without a portal account, such as commissioners or community partners.",
        max_length=NAMES,
    )
    minutes = BoundedTextField(blank=True, max_length=NARRATIVE)
    decisions = BoundedTextField(blank=True, max_length=LONG)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["group", "date"], name="one_meeting_per_group_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.group} – {self.date:%d %B %Y}"


class MeetingFollowUp(ChangeTracked):
    """Something a meeting asked someone to do by a date."""

    meeting = models.ForeignKey(SteeringGroupMeeting, on_delete=models.CASCADE, related_name="follow_ups")
    description = BoundedTextField(max_length=NOTE)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meeting_follow_ups"
    )
    due_date = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = "meeting follow-up action"

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def task_key(self) -> str:
        """The key of the follow-up task raised for the owner (``recovery_portal.services``)."""
        return f"workstreams:meeting-follow-up:{self.pk}"
