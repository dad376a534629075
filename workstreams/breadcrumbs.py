"""Where each workstreams page sits, for its breadcrumbs (recovery_portal.breadcrumbs)."""

from recovery_portal.breadcrumbs import page


def _workstream(record):
    return record.workstream


def _goal_anchor(goal) -> str:
    return f"goal-{goal.pk}"


def register() -> None:
    page("workstreams:list", "Workstreams")
    page("workstreams:detail", lambda workstream: workstream.name, parent="workstreams:list",
         args=lambda workstream: [workstream.slug])  # fmt: skip
    page("workstreams:actions", "All actions", parent="workstreams:list")
    page("workstreams:annual-report", "Annual report", parent="workstreams:detail")
    page("workstreams:annual-report-edit", "Edit the annual report", parent="workstreams:detail")
    # Goals: the record is the goal; their pages sit under the workstream.
    page("workstreams:goal-create", "Add a goal", parent="workstreams:detail")  # record: the workstream
    page("workstreams:goal-edit", "Change the goal", parent="workstreams:detail")  # record: the workstream
    page("workstreams:goal-detail", lambda goal: goal.title, parent="workstreams:detail", up=_workstream,
         args=lambda goal: [goal.pk])  # fmt: skip
    for name in ("goal-measurement-create", "goal-measurement-edit", "goal-rag-edit"):
        page(f"workstreams:{name}", "Goal progress", parent="workstreams:goal-detail")  # record: the goal
    # Actions are shown under their goal on the workstream's page.
    page("workstreams:action-create", "Add an action", parent="workstreams:detail", up=_workstream,
         anchor=_goal_anchor)  # fmt: skip
    for name in ("action-detail", "action-edit", "progress-update-create"):
        page(f"workstreams:{name}", "Action", parent="workstreams:detail",
             up=lambda action: action.goal.workstream, anchor=lambda action: _goal_anchor(action.goal))  # fmt: skip
    # Steering group meetings.
    page("workstreams:meetings", "Steering group meetings")
    page("workstreams:meeting-create", "New meeting", parent="workstreams:meetings")
    page("workstreams:meeting-detail", str, parent="workstreams:meetings", args=lambda meeting: [meeting.pk])
    for name in ("meeting-edit", "meeting-pack", "follow-up-create"):
        page(f"workstreams:{name}", "Meeting", parent="workstreams:meeting-detail")  # record: the meeting
