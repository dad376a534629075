"""The demo Trust's strategy in delivery: goals and actions drawn from the recovery strategies, a year of
progress updates, four Local Partnerships steering group meetings and last year's annual reports.

Dates are counted in months from the start of the current financial year (April), so the demo looks the
same all year and running the seed again adds nothing. The year of updates and the meetings fall in the
last financial year; some actions fall due in this one and are overdue once their date has passed.
"""

from calendar import monthrange
from datetime import date

from recovery_portal.demo import demo_login
from recovery_portal.financial_year import FinancialYear

from . import selectors, services
from .demo_content import ANNUAL_REPORTS, GOALS_MET, MEETING_MONTHS, MEETINGS, STRATEGY
from .models import (
    Action,
    Goal,
    MeetingFollowUp,
    ProgressUpdate,
    SteeringGroupMeeting,
    WorkstreamAnnualReport,
)
from .reference import SteeringGroupSlug


def _month(anchor: date, months: int, day: int = 15) -> date:
    index = anchor.year * 12 + anchor.month - 1 + months
    return date(index // 12, index % 12 + 1, day)


def _last_day(anchor: date, months: int) -> date:
    first = _month(anchor, months, 1)
    return first.replace(day=monthrange(first.year, first.month)[1])


def seed(*, stdout) -> None:
    by = demo_login("admin")
    anchor = FinancialYear.current().start
    for slug, goals in STRATEGY.items():
        workstream = selectors.workstream_get(slug=slug)
        leads = {"pro": workstream.professional_lead, "peer": workstream.peer_lead}
        for title, domain, challenges, measure, baseline, target, unit, start, end, actions in goals:
            met = GOALS_MET.get(title)
            values = {
                "title": title,
                "domain": selectors.conversation_domain_list().get(code=domain),
                "measure": measure,
                "baseline": baseline,
                "target": target,
                "unit": unit,
                "start_date": _month(anchor, start, 1),
                "target_date": _last_day(anchor, end - 1),
                "status": "met" if met is not None else "in_progress",
                "met_on": _month(anchor, met, 28) if met is not None else None,
            }
            codes = selectors.challenge_list().filter(code__in=challenges)
            goal = Goal.objects.filter(workstream=workstream, title=title).first()
            if goal is None:
                goal = services.goal_create(workstream=workstream, challenges=list(codes), by=by, **values)
            for description, owner, due, co_produced_with, updates in actions:
                person = leads.get(owner) or demo_login(owner)
                action = Action.objects.filter(goal=goal, description=description).first()
                if action is None:
                    action = services.action_create(
                        goal=goal,
                        description=description,
                        owner=person,
                        co_owner=None,
                        start_date=values["start_date"],
                        due_date=_last_day(anchor, due),
                        co_produced=bool(co_produced_with),
                        co_produced_with=co_produced_with,
                        by=by,
                    )
                for months, rag, status, narrative in updates:
                    day = _month(anchor, months)
                    if not ProgressUpdate.objects.filter(action=action, date=day).exists():
                        services.progress_update_add(
                            action=action, date=day, narrative=narrative, rag=rag, status=status, by=person
                        )
    _seed_meetings(anchor, by)
    _seed_reports(anchor)
    stdout.write("Demo workstream goals, actions, progress, meetings and annual reports are in place.")


def _seed_meetings(anchor: date, by) -> None:
    group = selectors.steering_group_get(slug=SteeringGroupSlug.LOCAL_PARTNERSHIPS)
    attendees = list(selectors.steering_group_people(group=group)[:12])
    for months in MEETING_MONTHS:
        minutes, decisions, follow_ups = MEETINGS[months]
        day = _month(anchor, months, 10)
        meeting = SteeringGroupMeeting.objects.filter(group=group, date=day).first()
        if meeting is None:
            meeting = services.meeting_create(
                group=group,
                date=day,
                attendees=attendees,
                other_attendees="Commissioner, Nottinghamshire ICB; Chair of the Recovery Forum",
                minutes=minutes,
                decisions=decisions,
                by=group.chair or by,
            )
        for description, owner, due in follow_ups:
            follow_up = MeetingFollowUp.objects.filter(meeting=meeting, description=description).first()
            if follow_up is None:
                follow_up = services.meeting_follow_up_add(
                    meeting=meeting,
                    description=description,
                    owner=demo_login(owner),
                    due_date=_last_day(anchor, months + due),
                    by=group.chair or by,
                )
            # Follow-ups of all but the last meeting were done by their due date.
            if months != MEETING_MONTHS[-1] and follow_up.done_on is None:
                services.meeting_follow_up_mark_done(
                    follow_up=follow_up, by=follow_up.owner, on=_month(anchor, months + due, 5)
                )


def _seed_reports(anchor: date) -> None:
    year = FinancialYear.containing(anchor).previous().start_year
    for slug, (achievements, challenges, priorities) in ANNUAL_REPORTS.items():
        workstream = selectors.workstream_get(slug=slug)
        if WorkstreamAnnualReport.objects.filter(workstream=workstream, financial_year=year).exists():
            continue
        services.workstream_annual_report_save(
            workstream=workstream,
            year=year,
            achievements=achievements,
            challenges=challenges,
            priorities_next_year=priorities,
            expected_version=1,
            by=workstream.professional_lead,
        )
