"""Writes to goals, actions, progress updates and annual reports.

Business rules live here, not in forms: each refusal is a ``ValidationError`` keyed by the field it is
about (or not keyed, when it is about the record as a whole), in words the person can act on.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from recovery_portal.concurrency import save_versioned
from recovery_portal.ratings import ActionStatus
from recovery_portal.uploads import validate_upload

from ..models import Action, Goal, GoalStatus, ProgressUpdate, Workstream, WorkstreamAnnualReport
from .measurements import out_of_range
from .structure import require_staff

GOAL_FIELDS = (
    "title",
    "domain",
    "measure",
    "baseline",
    "target",
    "unit",
    "start_date",
    "target_date",
    "status",
    "met_on",
    "computed_figure",
)
ACTION_FIELDS = (
    "description",
    "owner",
    "co_owner",
    "start_date",
    "due_date",
    "co_produced",
    "co_produced_with",
)


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _check_goal(workstream: Workstream, values: dict, challenges) -> None:
    if not workstream.leads_named:
        raise ValidationError(
            f"{workstream.name} needs both a professional lead and a peer lead before it can have goals. "
            "Ask an administrator to name the missing lead."
        )
    errors = {}
    if values["target_date"] < values["start_date"]:
        errors["target_date"] = "The target date must be the same as or after the start date"
    if values["status"] == GoalStatus.MET and values.get("met_on") is None:
        errors["met_on"] = "Enter the date the goal was met"
    if not challenges:
        errors["challenges"] = "Select at least one ImROC challenge the goal serves"
    for name in ("baseline", "target"):
        problem = out_of_range(
            values.get(name), unit=values["unit"], computed_figure=values["computed_figure"]
        )
        if problem:
            errors[name] = f"Enter a {name} {problem}, the range of the measure"
    if errors:
        raise ValidationError(errors)
    if values["status"] != GoalStatus.MET:
        values["met_on"] = None


@transaction.atomic
def goal_create(*, workstream: Workstream, challenges, by, **values) -> Goal:
    """Add a goal to ``workstream``; refused while the workstream lacks either lead."""
    values = {name: values.get(name) for name in GOAL_FIELDS}
    values["status"] = values["status"] or GoalStatus.NOT_STARTED
    values["unit"] = values["unit"] or ""
    values["computed_figure"] = values["computed_figure"] or ""
    _check_goal(workstream, values, challenges)
    goal = Goal.objects.create(workstream=workstream, changed_by=by, **values)
    goal.challenges.set(challenges)
    return goal


@transaction.atomic
def goal_update(*, goal: Goal, challenges, by, expected_version: int | None = None, **values) -> Goal:
    """Change a goal's wording, measure, dates or status (a met goal needs the date it was met).

    Both leads may change a goal: a save built on an older version than ``expected_version`` (by default
    the version of ``goal`` as read) raises ``StaleEdit`` and writes nothing.
    """
    values = {name: values.get(name) for name in GOAL_FIELDS}
    values["unit"] = values["unit"] or ""
    values["computed_figure"] = values["computed_figure"] or ""
    _check_goal(goal.workstream, values, challenges)
    for name, value in values.items():
        setattr(goal, name, value)
    goal.changed_by = by
    expected = goal.version if expected_version is None else expected_version
    save_versioned(goal, expected_version=expected, fields=[*GOAL_FIELDS, "changed_by"], by=by)
    goal.challenges.set(challenges)
    return goal


def _check_action(values: dict) -> None:
    require_staff(values["owner"], "owner")
    errors = {}
    co_owner = values.get("co_owner")
    if co_owner is not None:
        try:
            require_staff(co_owner, "co_owner")
        except ValidationError as error:
            errors.update(error.message_dict)
        if co_owner.pk == values["owner"].pk:
            errors["co_owner"] = "The co-owner must be someone other than the owner"
    if values["due_date"] < values["start_date"]:
        errors["due_date"] = "The due date must be the same as or after the start date"
    if values.get("co_produced") and not (values.get("co_produced_with") or "").strip():
        errors["co_produced_with"] = "Say who was involved in co-producing the action"
    if errors:
        raise ValidationError(errors)
    if not values.get("co_produced"):
        values["co_produced_with"] = ""


@transaction.atomic
def action_create(*, goal: Goal, by, **values) -> Action:
    """Add an action to ``goal``. It starts "not started" and unrated until its first progress update."""
    values = {name: values.get(name) for name in ACTION_FIELDS}
    values["co_produced"] = bool(values["co_produced"])
    values["co_produced_with"] = values["co_produced_with"] or ""
    _check_action(values)
    return Action.objects.create(goal=goal, changed_by=by, **values)


@transaction.atomic
def action_update(*, action: Action, by, expected_version: int | None = None, **values) -> Action:
    """Change what an action is, who carries it and when. Status and RAG change only through updates.

    An owner and co-owner may both change it: a save on an older version raises ``StaleEdit``.
    """
    values = {name: values.get(name) for name in ACTION_FIELDS}
    values["co_produced"] = bool(values["co_produced"])
    values["co_produced_with"] = values["co_produced_with"] or ""
    _check_action(values)
    for name, value in values.items():
        setattr(action, name, value)
    action.changed_by = by
    expected = action.version if expected_version is None else expected_version
    save_versioned(action, expected_version=expected, fields=[*ACTION_FIELDS, "changed_by"], by=by)
    return action


@transaction.atomic
def progress_update_add(
    *,
    action: Action,
    date: date,
    narrative: str,
    rag: str,
    status: str,
    by,
    dropped_reason: str = "",
    evidence_link: str = "",
    evidence_file=None,
) -> ProgressUpdate:
    """Record progress on ``action`` as of ``date`` and make its RAG rating and status those of the update.

    Updates stay in date order: ``date`` may not be in the future nor before the action's latest update.
    Moving to "done" or "dropped" records that date as the day it was completed or dropped; a dropped
    action needs a reason. An evidence file must pass ``validate_upload`` (type and size).
    """
    action = Action.objects.select_for_update().get(pk=action.pk)
    errors = {}
    if date > timezone.localdate():
        errors["date"] = "The date of the update must be today or in the past"
    latest = action.updates.order_by("-date", "-created_at", "-pk").first()
    if latest is not None and date < latest.date:
        errors["date"] = (
            f"The date must be the same as or after {_day(latest.date)}, the date of the last update"
        )
    dropped_reason = (dropped_reason or "").strip()
    if status == ActionStatus.DROPPED and not dropped_reason:
        errors["dropped_reason"] = "Enter why the action was dropped"
    if evidence_file:
        try:
            validate_upload(evidence_file)
        except ValidationError as error:
            errors["evidence_file"] = error.messages[0]
    if errors:
        raise ValidationError(errors)

    update = ProgressUpdate.objects.create(
        action=action,
        date=date,
        narrative=narrative,
        rag=rag,
        status=status,
        dropped_reason=dropped_reason if status == ActionStatus.DROPPED else "",
        evidence_link=evidence_link or "",
        evidence_file=evidence_file or "",
        author=by,
    )
    if status != action.status:
        action.completed_on = date if status == ActionStatus.DONE else None
        action.dropped_on = date if status == ActionStatus.DROPPED else None
    action.dropped_reason = update.dropped_reason
    action.status = status
    action.rag = rag
    action.changed_by = by
    action.save(
        update_fields=[
            "status",
            "rag",
            "completed_on",
            "dropped_on",
            "dropped_reason",
            "changed_by",
            "changed_at",
        ]
    )
    return update


@transaction.atomic
def workstream_annual_report_save(
    *,
    workstream: Workstream,
    year: int,
    achievements: str,
    challenges: str,
    priorities_next_year: str,
    expected_version: int,
    by,
) -> WorkstreamAnnualReport:
    """Save the leads' narrative for financial year ``year`` (its start year), if nobody saved it since
    the version the writer began from; otherwise ``recovery_portal.concurrency.StaleEdit`` is raised
    with the report as it now is, and nothing is written."""
    report, _ = WorkstreamAnnualReport.objects.get_or_create(
        workstream=workstream, financial_year=year, defaults={"changed_by": by}
    )
    report.achievements = achievements
    report.challenges = challenges
    report.priorities_next_year = priorities_next_year
    report.changed_by = by
    return save_versioned(
        report,
        expected_version=expected_version,
        fields=["achievements", "challenges", "priorities_next_year", "changed_by"],
        by=by,
    )
