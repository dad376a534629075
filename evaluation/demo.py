"""The demo Trust's outcome and experience measures (``seed_demo`` runs this after careplans/demo.py).

Two financial years of returns for everyone on the demo caseloads, from deterministic random numbers:
SWEMWBS for everyone (a clinical sample: a metric mean near 19 at baseline rising by 3 to 4 points),
ReQoL-10, QPR-15 and DIALOG for some, a few from Recovery College courses, and about nine in ten
Friends and Family Test answers positive. Daniel Hughes (``serviceuser``) has returns on four
instruments. Rows are saved with ``bulk_create`` and skipped when their natural key exists, so a
second run changes nothing.
"""

import random
from datetime import date, timedelta

from django.utils import timezone

from careplans.selectors import caseload_for
from recovery_portal.demo import demo_login
from recovery_portal.financial_year import FinancialYear
from teams.selectors import team_detail_queryset

from .models import Completion, Instrument, PremReturn, PromReturn, ReturnContext, Timepoint
from .services import comment_flag, prem_return_build, prom_return_build, risk_follow_up_raise

CASELOAD_TEAMS = ["broxtowe-cmht", "bassetlaw-cmht", "mansfield-cmht", "wathwood-ward-2"]
FFT_PER_TEAM_MONTH = 9
# The persona team's caseload is a community team's (careplans/demo.py): more feedback each month.
FFT_PER_MONTH = {"broxtowe-cmht": 28}
# Very good, good, neither, poor, very poor, don't know: about 88% positive.
FFT_WEIGHTS = [62, 26, 4, 3, 2, 3]
FFT_COMMENTS = [
    "Lucy really listened and did not rush me.",
    "I felt like a person, not a number.",
    "It would help to know who to call out of hours.",
    "Waiting for the first appointment took too long.",
    "The group on Thursdays has helped me get out of the house.",
    "Having a peer worker who has been through it made all the difference.",
    "My care plan is written in my words, which I did not expect.",
    "I was not told my appointment had moved and came in for nothing.",
    "The duty line answered quickly when I was struggling.",
    "More evening appointments would help people who work.",
    "Staff explained my medication properly for the first time.",
    "",
    "",
    "",
]
# A comment that could identify someone, flagged by the team's peer support worker and awaiting the team
# manager's review, so that the demo shows the review.
IDENTIFYING_COMMENT = "Since my dad died in March the nurse who visits on Tuesdays in Beeston has been the only one who listens."


def _answers(rng: random.Random, *, items: int, low: int, high: int, mean: float) -> list[int]:
    return [min(high, max(low, round(rng.gauss(mean, 0.7)))) for _ in range(items)]


def _reqol(rng: random.Random, wellbeing: float) -> list[int]:
    """ReQoL-10 answers for a person at ``wellbeing`` (0 worst to 4 best): negatively worded items are
    answered the other way round, so the total rises with wellbeing."""
    answers = []
    for number in range(1, 11):
        level = min(4, max(0, round(rng.gauss(wellbeing, 0.8))))
        answers.append(4 - level if number in (1, 3, 6, 9) else level)
    if answers[5] >= 2:
        answers[5] = 1  # risk answers in the demo come only from the one chosen below
    return [*answers, rng.randint(0, 3)]


def _dates(rng: random.Random, first: date, today: date, count: int) -> list[date]:
    days = sorted(rng.sample(range(0, max((today - first).days, count + 1)), count))
    return [first + timedelta(days=day) for day in days]


def _person_returns(rng, entry, instruments, *, first: date, today: date, daniel: bool) -> list[PromReturn]:
    person, team = entry.person, entry.team
    by = entry.peer_support_worker or entry.care_coordinator
    built = []
    plan = {"SWEMWBS": rng.randint(2, 4)}
    if daniel:
        plan.update({"SWEMWBS": 4, "REQOL10": 3, "DIALOG": 2, "QPR15": 2})
    else:
        for code, chance in [("REQOL10", 0.5), ("QPR15", 0.3), ("DIALOG", 0.35), ("WEMWBS", 0.15)]:
            if rng.random() < chance:
                plan[code] = rng.randint(1, 3)
    college = not daniel and rng.random() < 0.15
    for code, count in plan.items():
        days = _dates(rng, first, today, count)
        # Wellbeing rises over time for most people; some stay level or fall back.
        level = rng.gauss(0, 0.3)
        gain = 1.0 if daniel else rng.choice([1.0, 1.0, 1.0, 1.0, 0.6, 0.3, -0.4])
        for index, day in enumerate(days):
            progress = level + 1.3 * gain * index / max(count - 1, 1)
            if code == "SWEMWBS":
                answers = _answers(rng, items=7, low=1, high=5, mean=2.95 + progress)
            elif code == "WEMWBS":
                answers = _answers(rng, items=14, low=1, high=5, mean=2.95 + progress)
            elif code == "REQOL10":
                answers = _reqol(rng, 1.9 + progress)
            elif code == "QPR15":
                answers = _answers(rng, items=15, low=0, high=4, mean=2.0 + progress)
            else:
                answers = _answers(rng, items=11, low=1, high=7, mean=4.4 + progress)
            timepoint = Timepoint.BASELINE if index == 0 else Timepoint.REVIEW
            context = ReturnContext.PEER_WORKER
            if college and code == "SWEMWBS" and count > 1:
                timepoint = Timepoint.COURSE_START if index == 0 else Timepoint.COURSE_END
                context = ReturnContext.RECOVERY_COLLEGE
            built.append(
                prom_return_build(
                    person=person,
                    team=team,
                    instrument=instruments[code],
                    completed_on=day,
                    timepoint=timepoint,
                    context=context,
                    answers=answers,
                    additional_help=[rng.random() < 0.2 for _ in answers] if code == "DIALOG" else None,
                    completion=Completion.SELF if daniel and index == count - 1 else Completion.WITH_STAFF,
                    entered_by=person.user if daniel and index == count - 1 else by,
                )
            )
    return built


def _feedback(rng, team, instrument, *, first: date, today: date) -> list[PremReturn]:
    built = []
    month = first
    while month <= today:
        for number in range(FFT_PER_MONTH.get(team.slug, FFT_PER_TEAM_MONTH)):
            day = min(month + timedelta(days=rng.randint(0, 27)), today)
            answer = rng.choices(range(1, 7), weights=FFT_WEIGHTS)[0]
            built.append(
                prem_return_build(
                    team=team,
                    instrument=instrument,
                    completed_on=day,
                    answer=answer,
                    free_text=rng.choice(FFT_COMMENTS),
                    source_reference=f"demo-{month:%Y-%m}-{number}",
                )
            )
        month = (month + timedelta(days=32)).replace(day=1)
    return built


def _ensure_instruments() -> dict[str, Instrument]:
    if not Instrument.objects.exists():  # a database emptied by browser tests
        from importlib import import_module

        from django.apps import apps

        import_module("evaluation.migrations.0002_instrument_definitions").load(apps, None)
    return {instrument.code: instrument for instrument in Instrument.objects.all()}


def seed(*, password: str, stdout) -> None:
    today = timezone.localdate()
    first = FinancialYear.current().previous().start
    instruments = _ensure_instruments()
    teams = list(team_detail_queryset().filter(slug__in=CASELOAD_TEAMS).order_by("slug"))
    entries = list(caseload_for(user=None, team_ids={team.pk for team in teams}))
    # Someone who already has returns is left as they are, whatever day the seed runs again.
    seeded = set(
        PromReturn.objects.filter(person__in=[entry.person for entry in entries])
        .values_list("person_id", flat=True)
        .distinct()
    )
    entries = [entry for entry in entries if entry.person_id not in seeded]
    returns = []
    for entry in entries:
        rng = random.Random(f"{entry.person.nhs_number}-{entry.team.slug}")  # noqa: S311 (demo data)
        daniel = entry.person.user is not None and entry.person.user.username == "serviceuser"
        returns += _person_returns(rng, entry, instruments, first=first, today=today, daniel=daniel)
    # Rows already there (same person, measure, day and timepoint) are left as they are.
    PromReturn.objects.bulk_create(returns, batch_size=2000, ignore_conflicts=True)

    with_feedback = set(
        PremReturn.objects.filter(team__in=teams, source_reference__startswith="demo-").values_list(
            "team_id", flat=True
        )
    )
    feedback = []
    for team in [team for team in teams if team.pk not in with_feedback]:
        rng = random.Random(f"fft-{team.slug}")  # noqa: S311 (demo data)
        feedback += _feedback(rng, team, instruments["FFT"], first=first, today=today)
    PremReturn.objects.bulk_create(feedback, batch_size=2000, ignore_conflicts=True)

    _risk_answer(entries, instruments["REQOL10"], today)
    _flagged_comment(instruments["FFT"], today)
    stdout.write(
        f"Demo measures: {PromReturn.objects.count()} outcome measure returns and "
        f"{PremReturn.objects.count()} Friends and Family Test responses over two years."
    )


def _flagged_comment(fft: Instrument, today: date) -> None:
    team = next((t for t in team_detail_queryset().filter(slug="broxtowe-cmht")), None)
    if team is None or PremReturn.objects.filter(team=team, source_reference="demo-identifying").exists():
        return
    comment = prem_return_build(
        team=team,
        instrument=fft,
        completed_on=today - timedelta(days=3),
        answer=1,
        free_text=IDENTIFYING_COMMENT,
        source_reference="demo-identifying",
    )
    comment.save()
    comment_flag(
        prem_return=comment,
        reason="Names the day, the area and a recent bereavement: the family could be recognised.",
        by=demo_login("peerworker"),
    )


def _risk_answer(entries, reqol: Instrument, today: date) -> None:
    """One recent ReQoL-10 on the Broxtowe caseload with a risk answer, and the care team's tasks
    (``entries`` holds only people seeded in this run, so a second run adds none)."""
    entry = next(
        (
            e
            for e in entries
            if e.team.slug == "broxtowe-cmht" and e.person.user_id is None and e.care_coordinator
        ),
        None,
    )
    if entry is None:
        return
    day = today - timedelta(days=2)
    if PromReturn.objects.filter(person=entry.person, instrument=reqol, completed_on=day).exists():
        return
    risky = prom_return_build(
        person=entry.person,
        team=entry.team,
        instrument=reqol,
        completed_on=day,
        timepoint=Timepoint.REVIEW,
        answers=[3, 1, 3, 1, 1, 2, 1, 1, 3, 1, 2],
        entered_by=entry.peer_support_worker or entry.care_coordinator,
    )
    risky.save()
    risk_follow_up_raise(prom_return=risky)
