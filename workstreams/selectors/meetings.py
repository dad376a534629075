"""Reads of steering group meetings and the meeting pack compiled for each."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet

from recovery_portal.ratings import RAG, ActionStatus

from ..models import Action, Goal, MeetingFollowUp, SteeringGroup, SteeringGroupMeeting, Workstream
from .delivery import is_open, rag_as_of, status_as_of


def meeting_list_by_group() -> QuerySet[SteeringGroup]:
    """The steering groups, Trust-wide first, with chair joined and their meetings, latest first."""
    return SteeringGroup.objects.select_related("chair").prefetch_related(
        Prefetch("meetings", queryset=SteeringGroupMeeting.objects.order_by("-date"))
    )


def meeting_detail_queryset() -> QuerySet[SteeringGroupMeeting]:
    """Meetings with group and chair joined, attendees and follow-ups (with owners) prefetched."""
    follow_ups = MeetingFollowUp.objects.select_related("owner").order_by("due_date", "pk")
    return SteeringGroupMeeting.objects.select_related("group__chair").prefetch_related(
        "attendees", Prefetch("follow_ups", queryset=follow_ups)
    )


def meeting_follow_up_queryset() -> QuerySet[MeetingFollowUp]:
    return MeetingFollowUp.objects.select_related("meeting__group")


def meeting_previous(*, meeting: SteeringGroupMeeting) -> SteeringGroupMeeting | None:
    """The same group's meeting before this one, if any."""
    return (
        SteeringGroupMeeting.objects.filter(group_id=meeting.group_id, date__lt=meeting.date)
        .order_by("-date")
        .first()
    )


def rag_label(rag: str) -> str:
    return RAG(rag).name.capitalize() if rag else "Not rated"


@dataclass(frozen=True)
class RagChange:
    action: Action
    before: str  # "" when the action was not rated at the start of the period
    after: str

    @property
    def before_label(self) -> str:
        return rag_label(self.before)

    @property
    def after_label(self) -> str:
        return rag_label(self.after)


@dataclass(frozen=True)
class GoalAtRisk:
    goal: Goal
    red_actions: list[Action]
    overdue_actions: list[Action]


@dataclass
class WorkstreamPackSection:
    workstream: Workstream
    completed: list[Action] = field(default_factory=list)
    newly_overdue: list[Action] = field(default_factory=list)
    rag_changes: list[RagChange] = field(default_factory=list)
    goals_at_risk: list[GoalAtRisk] = field(default_factory=list)

    @property
    def is_quiet(self) -> bool:
        return not (self.completed or self.newly_overdue or self.rag_changes or self.goals_at_risk)


@dataclass(frozen=True)
class MeetingPack:
    meeting: SteeringGroupMeeting
    previous: SteeringGroupMeeting | None
    sections: list[WorkstreamPackSection]

    @property
    def period_start(self) -> date | None:
        """The day of the previous meeting; the period starts the day after it."""
        return self.previous.date if self.previous else None

    @property
    def period_end(self) -> date:
        return self.meeting.date


def meeting_pack(*, meeting: SteeringGroupMeeting) -> MeetingPack:
    """What changed in each workstream over the period (previous meeting's date, this meeting's date].

    The period is open at the start and closed at the end: something dated on the day of the previous
    meeting was in that meeting's pack; something dated on the day of this meeting is in this one. With no
    previous meeting, the period runs from the start of the strategy. Read from dated progress updates and
    due dates, never from today's state, so a pack compiled later says the same:

    - **completed**: done at the end of the period, not done at its start;
    - **newly overdue**: overdue at the end of the period (open, due before the meeting day), not overdue
      at its start;
    - **RAG changes**: the rating at the end of the period differs from the rating at its start (an action
      that swung and came back within the period does not count);
    - **goals at risk**: open goals with an action that, at the end of the period, is open and rated red
      or overdue.

    Only actions in the plan by the meeting day (start date on or before it) count. Three queries.
    """
    previous = meeting_previous(meeting=meeting)
    start, end = (previous.date if previous else None), meeting.date
    actions = (
        Action.objects.filter(start_date__lte=end)
        .select_related("goal", "owner")
        .annotate(
            status_start=status_as_of(start),
            status_end=status_as_of(end),
            rag_start=rag_as_of(start),
            rag_end=rag_as_of(end),
        )
        .order_by("goal__workstream_id", "due_date", "pk")
    )
    sections = {
        workstream.pk: WorkstreamPackSection(workstream)
        for workstream in Workstream.objects.select_related("professional_lead", "peer_lead")
    }
    at_risk: dict[int, GoalAtRisk] = {}
    for action in actions:
        section = sections[action.goal.workstream_id]
        overdue_start = start is not None and is_open(action.status_start) and action.due_date < start
        overdue_end = is_open(action.status_end) and action.due_date < end
        if action.status_end == ActionStatus.DONE and action.status_start != ActionStatus.DONE:
            section.completed.append(action)
        if overdue_end and not overdue_start:
            section.newly_overdue.append(action)
        if action.rag_end and action.rag_end != action.rag_start:
            section.rag_changes.append(RagChange(action, action.rag_start, action.rag_end))
        red_end = is_open(action.status_end) and action.rag_end == RAG.RED
        if action.goal.is_open and (red_end or overdue_end):
            goal = at_risk.get(action.goal_id)
            if goal is None:
                goal = at_risk[action.goal_id] = GoalAtRisk(action.goal, [], [])
                section.goals_at_risk.append(goal)
            if red_end:
                goal.red_actions.append(action)
            if overdue_end:
                goal.overdue_actions.append(action)
    return MeetingPack(meeting=meeting, previous=previous, sections=list(sections.values()))
