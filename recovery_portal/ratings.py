"""Ratings shared by workstream actions and Team Recovery Plan actions."""

from django.db import models


class RAG(models.TextChoices):
    """Red, amber, green: how the person leading an action judges its progress."""

    RED = "red", "Red – at risk"
    AMBER = "amber", "Amber – some concerns"
    GREEN = "green", "Green – on track"


# NHS.UK tag colour for each rating (templates/includes/tag.html).
RAG_TAG_COLOURS = {RAG.RED: "red", RAG.AMBER: "yellow", RAG.GREEN: "green"}


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


OPEN_ACTION_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)
