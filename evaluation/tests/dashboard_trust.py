"""A small Trust with known figures for the dashboard tests, on top of the personas' Trust.

With ``copies=1``, in the financial year 2026/27, on ``TODAY`` (tests move the clock there with
``known_day``):

| team (division, steering group) | people | agreed recovery plans | other agreed plans | named peer worker |
|---|---|---|---|---|
| Broxtowe CMHT (Adult, Local Partnerships) | 5 | 3 (May; 1 review passed) | – | 4 |
| Rushcliffe CMHT (Adult, Local Partnerships) | 3 | – | 1 crisis plan (May) | – |
| Wathwood Ward 2 (Secure, Forensic Services) | 9 | 6 (June) | – | 2 |

So the Trust has 17 people, Local Partnerships and Adult Mental Health 8 each, and every team's count is 1–7
or 9: below Trust level the true numbers must never be shown. Team Recovery Plans: Broxtowe agreed with
3 actions (1 done, 1 overdue, 1 open), Wathwood preparing with 1 overdue action, Rushcliffe none. Peer
support workers in post: the personas' peerworker (Broxtowe), Wathwood's and the college's trainer.
Workstream Peer Support: 2 open actions, 1 red and overdue, 1 green. College: one term in the year, one
co-delivered run, 2 students (one learning plan with its goals met, one not yet reviewed), registers
marked 3 present of 4, RECOLLECT fidelity rated 11 out of 14 for the year. Measures: each of Broxtowe's 5 people has
two SWEMWBS returns (June and October, raw 21 then 28: a reliable improvement), so 10 returns; Wathwood
has 3 Friends and Family Test responses in July, 2 of them positive.

``copies=2`` doubles the people, plans, actions and students and adds a second Rushcliffe team, for the
query-count tests.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

from careplans.models import Plan, PlanStatus
from careplans.sections import PlanKind
from careplans.tests.factories import CaseloadEntryFactory
from college.models import Attendance, FidelityRating, ReviewOutcome, Session
from college.tests.factories import CourseRunFactory, EnrolmentFactory, LearningPlanFactory, TermFactory
from recovery_portal.financial_year import FinancialYear
from teams.models import PlanStatus as TeamPlanStatus
from teams.tests.factories import PriorityFactory, TeamActionFactory, TeamFactory, TeamRecoveryPlanFactory
from workstreams.tests.factories import ActionFactory

from .factories import prem_return, prom_return

TODAY = datetime(2026, 12, 1, 12, tzinfo=ZoneInfo("Europe/London"))


@contextmanager
def known_day():
    """The clock stopped on ``TODAY``, so "overdue", "in date" and the current year are fixed."""
    with time_machine.travel(TODAY, tick=False):
        yield


@dataclass(frozen=True)
class SmallTrust:
    year: FinancialYear
    broxtowe: object
    rushcliffe: object
    wathwood: object


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def _person(team, year, *, peer_worker=None, plans=()):
    entry = CaseloadEntryFactory(
        team=team, start_date=year.start - timedelta(days=100), peer_support_worker=peer_worker
    )
    for kind, agreed_on, review in plans:
        Plan.objects.create(
            person=entry.person,
            kind=kind,
            status=PlanStatus.AGREED,
            agreed_at=_at(agreed_on),
            review_date=review,
            created_at=_at(year.start),
        )
    return entry


def build_small_trust(persona_trust, *, copies: int = 1) -> SmallTrust:
    year = FinancialYear.current()
    today = timezone.localdate()
    broxtowe, wathwood = persona_trust.persona_team, persona_trust.outsider_team
    peerworker = persona_trust.users["peerworker"]
    may, june = year.start + timedelta(days=40), year.start + timedelta(days=70)
    july, october = year.start + timedelta(days=100), year.start + timedelta(days=190)
    future, passed = year.end + timedelta(days=30), min(today, year.end) - timedelta(days=1)
    rushcliffes = [
        TeamFactory(
            name=f"Rushcliffe Community Mental Health Team{'' if n == 0 else f' {n + 1}'}",
            division=broxtowe.division,
        )
        for n in range(copies)
    ]
    for _ in range(copies):
        for index in range(5):
            plans = [(PlanKind.RECOVERY, may, passed if index == 0 else future)] if index < 3 else []
            entry = _person(broxtowe, year, peer_worker=peerworker if index < 4 else None, plans=plans)
            prom_return(person=entry.person, team=broxtowe, answers=[3] * 7, completed_on=june)
            prom_return(person=entry.person, team=broxtowe, answers=[4] * 7, completed_on=october)
        for rushcliffe in rushcliffes[:1]:
            for index in range(3):
                _person(rushcliffe, year, plans=[(PlanKind.CRISIS, may, None)] if index == 0 else [])
        for index in range(9):
            plans = [(PlanKind.RECOVERY, june, future)] if index < 6 else []
            _person(wathwood, year, peer_worker=peerworker if index < 2 else None, plans=plans)
        for answer in (1, 2, 4):
            prem_return(team=wathwood, answer=answer, completed_on=july)

    plan = TeamRecoveryPlanFactory(team=broxtowe, year=year.start_year, status=TeamPlanStatus.AGREED)
    preparing = TeamRecoveryPlanFactory(team=wathwood, year=year.start_year, status=TeamPlanStatus.PREPARING)
    for copy in range(copies):
        priority = PriorityFactory(plan=plan, number=copy + 1)
        TeamActionFactory(priority=priority, done=True)
        TeamActionFactory(priority=priority, overdue=True)
        TeamActionFactory(priority=priority)
        TeamActionFactory(priority=PriorityFactory(plan=preparing, number=copy + 1), overdue=True)
        ActionFactory(rag="red", due_date=today - timedelta(days=10))
        ActionFactory(rag="green", due_date=today + timedelta(days=60))

    term = TermFactory(
        name=f"Autumn {year.start_year}", start_date=year.start + timedelta(days=150), end_date=year.end
    )
    run = CourseRunFactory(term=term, sessions=_at(year.start + timedelta(days=160)) - timezone.now())
    sessions = list(Session.objects.filter(run=run).order_by("number"))[:2]
    for index in range(2 * copies):
        enrolment = EnrolmentFactory(run=run)
        for session in sessions:
            Attendance.objects.create(
                session=session,
                enrolment=enrolment,
                present=not (index == 1 and session == sessions[1]),
                recorded_by=peerworker,
            )
        LearningPlanFactory(
            student=enrolment.student, term=term, review_outcome=ReviewOutcome.MET if index % 2 == 0 else ""
        )
    FidelityRating.objects.create(
        year=year.label,
        valuing_equality=2,
        learning=2,
        tailored_to_the_student=1,
        co_production=2,
        social_connectedness=1,
        community_focus=1,
        commitment_to_recovery=2,
        rated_by=peerworker,
    )
    return SmallTrust(year, broxtowe, rushcliffes[0], wathwood)
