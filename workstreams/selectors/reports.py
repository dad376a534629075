"""Figures of a workstream's annual report, for its own page and for the Trust-wide evaluation report.

Everything returned here is plain data (numbers, strings, dictionaries): callers need no model.
"""

from dataclasses import asdict, dataclass
from datetime import timedelta

from django.db.models import F

from recovery_portal.financial_year import FinancialYear
from recovery_portal.ratings import RAG, ActionStatus

from ..models import Action, Goal, Workstream, WorkstreamAnnualReport
from .delivery import is_open, rag_as_of, status_as_of


@dataclass(frozen=True)
class WorkstreamAnnualFigures:
    workstream: str  # the workstream's stable slug
    financial_year: str  # "2025/26"
    goals: int
    goals_met: int
    actions: int
    actions_done: int
    actions_dropped: int
    actions_overdue: int
    rag_at_year_end: dict[str, int]  # red, amber, green, not_rated: open actions at year end

    def as_dict(self) -> dict:
        return asdict(self)


def _figures(workstream: Workstream, year: FinancialYear, goals: list[Goal], actions: list[Action]):
    rag = {RAG.RED.value: 0, RAG.AMBER.value: 0, RAG.GREEN.value: 0, "not_rated": 0}
    done = dropped = overdue = 0
    for action in actions:
        if action.status_end == ActionStatus.DONE and action.status_before != ActionStatus.DONE:
            done += 1
        if action.status_end == ActionStatus.DROPPED and action.status_before != ActionStatus.DROPPED:
            dropped += 1
        if is_open(action.status_end):
            overdue += action.due_date <= year.end
            rag[action.rag_end or "not_rated"] += 1
    return WorkstreamAnnualFigures(
        workstream=workstream.slug,
        financial_year=year.label,
        goals=len(goals),
        goals_met=sum(1 for goal in goals if goal.met_on is not None and goal.met_on in year),
        actions=len(actions),
        actions_done=done,
        actions_dropped=dropped,
        actions_overdue=overdue,
        rag_at_year_end=rag,
    )


def workstream_annual_figures_all(*, year: int) -> list[WorkstreamAnnualFigures]:
    """``workstream_annual_figures`` of every workstream, in order, in three queries."""
    return _compute(Workstream.objects.all(), FinancialYear(year))


def workstream_annual_figures(*, workstream: Workstream, year: int) -> WorkstreamAnnualFigures:
    """What the portal counts for ``workstream`` in the financial year starting in April of ``year``.

    - goals: goals whose start-to-target span overlaps the year; goals met: those met within the year;
    - actions: actions in the plan by the year end (started on or before 31 March);
    - actions done / dropped: moved to done / dropped by a progress update dated within the year
      (done before the year began does not count again);
    - actions overdue: still open at the end of the year and due on or before its last day;
    - RAG at year end: the open actions at year end by the rating of their latest update dated in or
      before the year ("not_rated" when none).
    """
    return _compute(Workstream.objects.filter(pk=workstream.pk), FinancialYear(year))[0]


def _compute(workstreams, year: FinancialYear) -> list[WorkstreamAnnualFigures]:
    workstreams = list(workstreams)
    ids = [workstream.pk for workstream in workstreams]
    goals = Goal.objects.filter(
        workstream_id__in=ids, start_date__lte=year.end, target_date__gte=year.start
    ).only("workstream_id", "met_on")
    actions = (
        Action.objects.filter(goal__workstream_id__in=ids, start_date__lte=year.end)
        .annotate(
            in_workstream=F("goal__workstream_id"),
            status_before=status_as_of(year.start - timedelta(days=1)),
            status_end=status_as_of(year.end),
            rag_end=rag_as_of(year.end),
        )
        .only("due_date")
    )
    goals_by, actions_by = {pk: [] for pk in ids}, {pk: [] for pk in ids}
    for goal in goals:
        goals_by[goal.workstream_id].append(goal)
    for action in actions:
        actions_by[action.in_workstream].append(action)
    return [_figures(w, year, goals_by[w.pk], actions_by[w.pk]) for w in workstreams]


def workstream_annual_report_get(*, workstream: Workstream, year: int) -> WorkstreamAnnualReport | None:
    """The leads' narrative for that financial year, if they have written one."""
    return WorkstreamAnnualReport.objects.filter(workstream=workstream, financial_year=year).first()
