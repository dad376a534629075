"""Recording returns one at a time from the entry pages, and following up a risk answer."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from recovery_portal.services import follow_up_task_raise, form_submission_claim, form_submission_done
from teams.policy import CASELOAD_MANAGERS

from ..models import Instrument, PremReturn, PromReturn
from ..scoring import ScoringError
from .builders import prem_return_build, prom_return_build


def _not_in_future(completed_on: date) -> None:
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": "The date completed must be today or in the past"})


@transaction.atomic
def prom_return_record(
    *,
    person,
    team,
    instrument: Instrument,
    completed_on: date,
    timepoint: str,
    context: str,
    answers: list[int | None],
    additional_help: list[bool | None] | None = None,
    completion: str,
    by,
    submission_key: str = "",
) -> PromReturn:
    """Save one PROM return with its scores. A risk answer raises a follow-up task for the care team.

    Refuses a date in the future, answers that cannot be scored, and a second return of the same
    measure at the same timepoint on the same day. With the form's ``submission_key``, a second send of
    the same form raises ``AlreadyRecorded`` (recovery_portal.submissions).
    """
    _not_in_future(completed_on)
    submission = form_submission_claim(key=submission_key, by=by) if submission_key else None
    try:
        built = prom_return_build(
            person=person,
            team=team,
            instrument=instrument,
            completed_on=completed_on,
            timepoint=timepoint,
            context=context,
            answers=answers,
            additional_help=additional_help,
            completion=completion,
            entered_by=by,
        )
    except ScoringError as error:
        raise ValidationError(str(error)) from error
    duplicate = PromReturn.objects.filter(
        person=person, instrument=instrument, completed_on=completed_on, timepoint=timepoint
    )
    already = ValidationError(
        f"A {instrument.short_name} at this timepoint is already recorded for {completed_on:%-d %B %Y}"
    )
    if duplicate.exists():
        raise already
    try:
        # Two sends at once both pass the check above; the database's unique key refuses the second.
        with transaction.atomic():
            built.save()
    except IntegrityError:
        raise already from None
    if submission is not None:
        form_submission_done(
            submission=submission, result_url=reverse("measures:return", kwargs={"pk": built.pk})
        )
    if built.has_risk_answer:
        risk_follow_up_raise(prom_return=built)
    return built


def _risk_assignees(prom_return: PromReturn) -> list:
    from careplans.selectors import current_caseload_entries
    from teams.selectors import team_detail_queryset, team_roster

    people = []
    for entry in current_caseload_entries(prom_return.person):
        people += [entry.care_coordinator, entry.peer_support_worker]
    if not any(people) and prom_return.entered_by and prom_return.entered_by.is_trust_staff:
        people.append(prom_return.entered_by)
    if not any(people):
        # Nobody allocated: the managers of the team whose caseload the person is on.
        roster = team_roster(team=team_detail_queryset().get(pk=prom_return.team_id))
        people += [
            m.user for group in roster.groups if group.role in CASELOAD_MANAGERS for m in group.memberships
        ]
    unique = {user.pk: user for user in people if user is not None}
    return list(unique.values())


def risk_task_key(*, return_id: int, assignee_id: int) -> str:
    """The key of the follow-up of one return's risk answer for one person: the same whether the return
    was entered or imported, so a task is raised once however the return arrived."""
    return f"measures:risk:{return_id}:{assignee_id}"


def risk_follow_up_raise(*, prom_return: PromReturn) -> list:
    """A task for the person's care coordinator and peer support worker (each current caseload) about a
    risk answer, once per return and person: raising it again changes nothing."""
    person = prom_return.person
    risk_items = prom_return.instrument.items.filter(is_risk_item=True).order_by("order")
    options = dict(prom_return.instrument.options.filter(item__isnull=True).values_list("value", "label"))
    answered = "; ".join(
        f"'{options.get(prom_return.answers[item.order - 1], '?')}' to '{item.wording}'"
        for item in risk_items
        if prom_return.answers[item.order - 1] is not None
        and prom_return.answers[item.order - 1] >= item.risk_from_value
    )
    tasks = []
    for assignee in _risk_assignees(prom_return):
        task, _ = follow_up_task_raise(
            key=risk_task_key(return_id=prom_return.pk, assignee_id=assignee.pk),
            assignee=assignee,
            title=f"Contact {person.display_name} today about an answer on their {prom_return.instrument.short_name}",
            detail=(
                f"On {prom_return.completed_on:%-d %B %Y} {person.display_name} answered {answered}. "
                "Talk with them about how they are and review their safety plan together."
            ),
            url=reverse("measures:person", kwargs={"pk": person.pk}),
            due_date=timezone.localdate(),
        )
        tasks.append(task)
    return tasks


@transaction.atomic
def prem_return_record(
    *,
    team,
    instrument: Instrument,
    completed_on: date,
    answer: int,
    free_text: str = "",
    person=None,
    completion: str,
    by,
    submission_key: str = "",
) -> PremReturn:
    """Save one Friends and Family Test response; ``person`` only when they chose not to be anonymous.

    With the form's ``submission_key``, a second send of the same form raises ``AlreadyRecorded``.
    """
    _not_in_future(completed_on)
    if submission_key:
        form_submission_claim(key=submission_key, by=by)
    try:
        built = prem_return_build(
            team=team,
            instrument=instrument,
            completed_on=completed_on,
            answer=answer,
            free_text=free_text.strip(),
            person=person,
            completion=completion,
            entered_by=by,
        )
    except ScoringError as error:
        raise ValidationError(str(error)) from error
    built.save()
    return built
