"""The demo Trust's caseloads and plans (``seed_demo`` runs this after teams/demo.py).

Deterministic: names, NHS numbers (from the 999 range, which is never issued) and plans come from fixed
lists. A person already recorded is left as they are, so a second run changes nothing. Daniel Hughes (the
``serviceuser`` login) has all three plans with several versions; Margaret Hughes (``carer``) may see
part of his safety plan.
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from recovery_portal.demo import demo_login
from recovery_portal.nhs_number import nhs_number_check_digit
from teams.models import TeamRole
from teams.selectors import team_detail_queryset, team_roster

from . import services
from .models import (
    AuthorRole,
    CaseloadEntry,
    Plan,
    PlanEntry,
    PlanStage,
    PlanStatus,
    PlanVersion,
    ServiceUser,
)
from .sections import PlanKind

# Daniel writes his own words himself; what he says in the room a worker writes down as said by him.
P, S, PW, C = AuthorRole.PERSON, AuthorRole.SAID_IN_ROOM, AuthorRole.PEER_WORKER, AuthorRole.CLINICIAN

CASELOAD_TEAMS = ["broxtowe-cmht", "bassetlaw-cmht", "mansfield-cmht", "wathwood-ward-2"]
PEOPLE_PER_TEAM = 8
GIVEN = ["Aisha", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Harry", "Imran", "Jade", "Kofi", "Lily",
         "Marek", "Nina", "Owen", "Priya", "Rhys", "Sana", "Tom", "Una", "Vik", "Wendy", "Yusuf", "Zoe"]  # fmt: skip
FAMILY = ["Adams", "Bell", "Carter", "Dixon", "Evans", "Foster", "Gill", "Hart", "Iqbal", "Jones", "Khan",
          "Lowe", "Mason", "Nolan", "Owens", "Patel", "Reid", "Shaw", "Turner", "Walsh"]  # fmt: skip


def demo_nhs_number(index: int) -> str:
    """A valid NHS number in the 999 test range, the same for the same index on every run."""
    while True:
        first_nine = f"999{index:06d}"
        check = nhs_number_check_digit(first_nine)
        if check is not None:
            return f"{first_nine}{check}"
        index += 100000  # stays unique: indexes here are below 100000


def _workers(team):
    roster = team_roster(team=team)
    by_role = {group.role: [m.user for m in group.memberships] for group in roster.groups}
    return by_role.get(TeamRole.CLINICIAN, []), by_role.get(TeamRole.PEER_SUPPORT_WORKER, [])


def _add(plan, section, text, role, by, **extra):
    return services.plan_entry_add(
        plan=plan, expected_version=plan.version, section=section, text=text, author_role=role, by=by, **extra
    )


def _daniel(team, *, clinician, peer, today: date) -> None:
    daniel = demo_login("serviceuser")
    if ServiceUser.objects.filter(user=daniel).exists():
        return
    person = services.service_user_register(
        given_name="Daniel", family_name="Hughes", preferred_name="Dan", pronouns="he/him",
        date_of_birth=date(1988, 2, 17), nhs_number=demo_nhs_number(1), team=team, start_date=date(2023, 5, 2),
        contact_preference="text", care_coordinator=clinician, peer_support_worker=peer, user=daniel, by=clinician,
    )  # fmt: skip

    safety = services.plan_start(person=person, kind=PlanKind.SAFETY, by=peer)
    _add(
        safety,
        "warning_signs",
        "Not sleeping, pacing at night, thinking everyone is better off without me",
        S,
        peer,
    )
    _add(safety, "coping", "Take Bess for a long walk by the canal", S, peer)
    _add(safety, "coping", "Put my headphones on and play the drums along to records", P, daniel)
    _add(safety, "distraction", "The allotment on Sunday mornings", S, peer)
    _add(safety, "ask_for_help", "Mum (Margaret)", PW, peer, phone="07700 900123")
    _add(safety, "ask_for_help", "My brother Chris", P, daniel, phone="07700 900456")
    _add(
        safety, "professionals", "Broxtowe CMHT duty worker (9am to 5pm)", C, clinician, phone="0115 956 0860"
    )
    _add(safety, "professionals", "Crisis line (24 hours)", C, clinician, phone="0300 555 0730")
    _add(safety, "professionals", "NHS 111, mental health option", C, clinician, phone="111")
    _add(safety, "safe_environment", "Mum keeps my tablets and gives me a week at a time", S, peer)
    _add(safety, "reasons_for_living", "Bess, my nephew Alfie, and playing in a band again", P, daniel)
    safety = services.plan_details_change(
        plan=safety, expected_version=safety.version, review_date=today + timedelta(days=10), by=peer
    )
    safety = services.plan_agree(plan=safety, expected_version=safety.version, by=daniel)

    crisis = services.plan_start(person=person, kind=PlanKind.CRISIS, by=clinician)
    _add(crisis, "early_signs", "I stop answering the phone and stay in bed", S, clinician)
    _add(crisis, "what_helps", "Someone I know visiting at home, not a stranger", S, clinician)
    _add(crisis, "what_does_not_help", "Being told to calm down", S, clinician)
    _add(crisis, "treatment_preferences", "Home treatment team rather than admission", S, clinician)
    _add(
        crisis,
        "refusals",
        "Haloperidol (I had a bad reaction in 2019)",
        S,
        clinician,
        alternative="Olanzapine",
    )
    _add(crisis, "practical", "Mum looks after Bess and pays the rent", S, clinician)
    _add(crisis, "contact", "Mum (Margaret)", S, clinician, phone="07700 900123")
    _add(crisis, "do_not_contact", "My father", S, clinician)
    crisis = services.plan_details_change(
        plan=crisis, expected_version=crisis.version, review_date=today + timedelta(days=120),
        stage="planning_meeting", facilitator="Ann Lee, independent facilitator",
        people_present="Dan, Margaret Hughes (mum), Mohammed Iqbal (care coordinator), Dr Shah (psychiatrist)",
        person_at_meeting=True, by=clinician,
    )  # fmt: skip
    crisis = services.plan_agree(plan=crisis, expected_version=crisis.version, in_person=True, by=clinician)

    recovery = services.plan_start(person=person, kind=PlanKind.RECOVERY, by=peer)
    _add(recovery, "what_matters", "Being a good uncle to Alfie", S, peer)
    _add(recovery, "strengths", "I am a decent drummer and I don't give up", P, daniel)
    _add(recovery, "goals", "Play a gig with a band by next summer", S, peer, life_area="leisure")
    _add(recovery, "goals", "Get back to part-time work at the garden centre", S, peer, life_area="work")
    _add(recovery, "steps", "Go to the Recovery College music course", PW, peer)
    _add(recovery, "who_helps", "Lucy (peer support worker), Mum, Chris", S, peer)
    _add(recovery, "keeps_well", "Sleep before midnight, the allotment, seeing people", S, peer)
    recovery = services.plan_details_change(
        plan=recovery, expected_version=recovery.version, review_date=today + timedelta(days=1), by=peer
    )
    recovery = services.plan_agree(plan=recovery, expected_version=recovery.version, by=daniel)
    # The demo shows a review overdue: time has passed since the review date was set (a new review date
    # in the past is refused), so the date is moved back without a new version.
    Plan.objects.filter(pk=recovery.pk).update(review_date=today - timedelta(days=5))
    recovery.refresh_from_db()
    step = recovery.entries.get(section="steps")
    services.disagreement_record(
        entry=step, text="I would rather start with the drumming group, not a course", by=daniel
    )

    supporter = services.supporter_add(
        person=person, name="Margaret Hughes", relationship="carer", phone="07700 900123",
        user=demo_login("carer"), by=daniel,
    )  # fmt: skip
    services.supporter_consent_set(
        supporter=supporter,
        plan=safety,
        sections=["warning_signs", "ask_for_help", "professionals"],
        by=daniel,
    )
    services.supporter_consent_set(
        supporter=supporter, plan=crisis, sections=["early_signs", "what_helps"], by=daniel
    )


def _other_people(team, index: int, rng: random.Random, clinicians, peers, today: date) -> int:
    for _ in range(PEOPLE_PER_TEAM):
        index += 1
        nhs_number = demo_nhs_number(index)
        if ServiceUser.objects.filter(nhs_number=nhs_number).exists():
            continue
        clinician = rng.choice(clinicians) if clinicians else None
        peer = rng.choice(peers) if peers else None
        by = clinician or peer
        person = services.service_user_register(
            given_name=rng.choice(GIVEN), family_name=rng.choice(FAMILY),
            date_of_birth=date(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28)),
            nhs_number=nhs_number, team=team, start_date=date(rng.randint(2019, 2025), rng.randint(1, 12), 1),
            care_coordinator=clinician, peer_support_worker=peer, by=by,
        )  # fmt: skip
        if rng.random() < 0.7:
            safety = services.plan_start(person=person, kind=PlanKind.SAFETY, by=by)
            _add(safety, "warning_signs", "Withdrawing from friends", S, by)
            _add(safety, "coping", "Going for a run", S, by)
            review = today + timedelta(days=rng.randint(-20, 90))
            safety = services.plan_details_change(
                plan=safety, expected_version=safety.version,
                review_date=max(review, today + timedelta(days=1)), by=by,
            )  # fmt: skip
            if rng.random() < 0.6:
                services.plan_agree(plan=safety, expected_version=safety.version, in_person=True, by=by)
            if review <= today:
                # Some reviews have fallen due since they were set (a new date in the past is refused).
                Plan.objects.filter(pk=safety.pk).update(review_date=review)
        if rng.random() < 0.4:
            crisis = services.plan_start(person=person, kind=PlanKind.CRISIS, by=by)
            _add(crisis, "treatment_preferences", "Home treatment if possible", S, by)
    return index


# The persona team holds a community team's caseload, so that its away-day pack shows real figures and
# charts: a few hundred people, most of them on it now, some discharged in the last year.
PERSONA_TEAM = "broxtowe-cmht"
PERSONA_CASELOAD = 300
PERSONA_FIRST_INDEX = 1000  # NHS number indexes of the persona team's caseload: clear of the others
# (kind, share of people with one, share of those agreed, entries: section, text, whose words)
CASELOAD_PLANS = [
    (PlanKind.SAFETY, 0.75, 0.8, [
        ("warning_signs", "Not sleeping and stopping eating", S),
        ("coping", "Walking, music, ringing my sister", P),
        ("professionals", "Broxtowe CMHT duty worker (9am to 5pm)", C),
    ]),
    (PlanKind.RECOVERY, 0.6, 0.7, [
        ("what_matters", "Seeing my children at weekends", S),
        ("goals", "Get back into volunteering", S),
        ("steps", "Go to the Recovery College course on getting back to work", PW),
    ]),
    (PlanKind.CRISIS, 0.3, 0.6, [
        ("early_signs", "I stop going out and stop answering the phone", S),
        ("what_helps", "Someone I know visiting at home", S),
        ("treatment_preferences", "Home treatment rather than admission", S),
    ]),
]  # fmt: skip


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(11, 0)))


def _persona_caseload(team, rng: random.Random, clinicians, peers, today: date) -> int:
    """The persona team's caseload, saved in bulk (each row with its history): people, their places on the
    caseload and their plans, agreed over the last two years so that the monthly figures have a shape.

    Returns how many people were added (none on a second run)."""
    numbers = [demo_nhs_number(PERSONA_FIRST_INDEX + i) for i in range(PERSONA_CASELOAD)]
    known = set(ServiceUser.objects.filter(nhs_number__in=numbers).values_list("nhs_number", flat=True))
    people = [
        ServiceUser(
            given_name=rng.choice(GIVEN),
            family_name=rng.choice(FAMILY),
            date_of_birth=date(rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28)),
            nhs_number=number,
            changed_by=clinicians[0] if clinicians else None,
        )  # fmt: skip
        for number in numbers
        if number not in known
    ]
    if not people:
        return 0
    people = bulk_create_with_history(people, ServiceUser, batch_size=500)
    two_years = (today - date(today.year - 2, today.month, 1)).days
    entries, plans, plan_entries = [], [], []
    for person in people:
        # Most joined in the last two years; a few have been on the caseload for longer.
        start = today - timedelta(
            days=rng.randint(30, two_years) if rng.random() < 0.8 else rng.randint(730, 2500)
        )
        # Some left the caseload in the last year, after at least a month on it.
        end = today - timedelta(days=rng.randint(1, 300))
        ended = rng.random() < 0.12 and end > start + timedelta(days=30)
        clinician = rng.choice(clinicians) if clinicians else None
        peer = rng.choice(peers) if peers and rng.random() < 0.7 else None
        entries.append(
            CaseloadEntry(
                person=person,
                team=team,
                start_date=start,
                end_date=end if ended else None,
                care_coordinator=clinician,
                peer_support_worker=peer,
                changed_by=clinician,
            )  # fmt: skip
        )
        by = peer or clinician
        for kind, share, agreed_share, sections in CASELOAD_PLANS:
            if rng.random() >= share:
                continue
            created = max(start, today - timedelta(days=two_years)) + timedelta(days=rng.randint(0, 60))
            created = min(created, today - timedelta(days=1))
            agreed = rng.random() < agreed_share
            agreed_on = min(created + timedelta(days=rng.randint(7, 90)), today)
            crisis = kind == PlanKind.CRISIS
            plan = Plan(
                person=person, kind=kind, version=2, changed_by=by,
                status=PlanStatus.AGREED if agreed else PlanStatus.DRAFT,
                created_at=_at(created), agreed_at=_at(agreed_on) if agreed else None,
                agreed_by=by if agreed else None, agreed_in_person=agreed,
                # Reviews every six months: some have fallen due, as on any caseload.
                review_date=agreed_on + timedelta(days=rng.randint(120, 240)),
                stage=PlanStage.PLANNING_MEETING if crisis else "",
                facilitator="Independent facilitator" if crisis else "",
                person_at_meeting=crisis,
            )  # fmt: skip
            plans.append(plan)
            plan_entries.append(
                [
                    PlanEntry(
                        plan=plan, section=section, text=text, author_role=role, written_by=by, order=order
                    )
                    for order, (section, text, role) in enumerate(sections)
                ]
            )
    bulk_create_with_history(entries, CaseloadEntry, batch_size=500)
    plans = bulk_create_with_history(plans, Plan, batch_size=500)
    for plan, its_entries in zip(plans, plan_entries, strict=True):
        for entry in its_entries:
            entry.plan = plan
    PlanEntry.objects.bulk_create([e for its in plan_entries for e in its], batch_size=1000)
    versions = []
    for plan, its_entries in zip(plans, plan_entries, strict=True):
        started = {"details": {"review_date": "", "stage": plan.stage, "facilitator": "", "people_present": "",
                               "person_at_meeting": False}, "entries": []}  # fmt: skip
        written = {
            "details": {**started["details"], "review_date": plan.review_date.isoformat(),
                        "facilitator": plan.facilitator, "person_at_meeting": plan.person_at_meeting},
            "entries": [entry.snapshot() for entry in sorted(its_entries, key=lambda e: (e.section, e.order))],
        }  # fmt: skip
        versions += [
            PlanVersion(plan=plan, number=1, content=started, summary="Plan started", created_by=plan.changed_by,
                        created_at=plan.created_at),
            PlanVersion(plan=plan, number=2, content=written, summary="Plan written with the person",
                        created_by=plan.changed_by, created_at=plan.created_at),
        ]  # fmt: skip
    versions = PlanVersion.objects.bulk_create(versions, batch_size=1000)
    agreed = []
    for plan, version in zip(plans, versions[1::2], strict=True):
        if plan.status == PlanStatus.AGREED:
            plan.agreed_version = version
            agreed.append(plan)
    Plan.objects.bulk_update(agreed, ["agreed_version"], batch_size=500)
    return len(people)


def seed(*, password: str, stdout) -> None:
    today = timezone.localdate()
    teams = {team.slug: team for team in team_detail_queryset().filter(slug__in=CASELOAD_TEAMS)}
    index = 100
    for slug in CASELOAD_TEAMS:
        team = teams[slug]
        clinicians, peers = _workers(team)
        if slug == "broxtowe-cmht":
            _daniel(team, clinician=demo_login("clinician"), peer=demo_login("peerworker"), today=today)
        rng = random.Random(slug)  # noqa: S311 (demo data, not security)
        index = _other_people(team, index, rng, clinicians, peers, today)
        if slug == PERSONA_TEAM:
            _persona_caseload(team, random.Random(f"caseload-{slug}"), clinicians, peers, today)  # noqa: S311
    stdout.write(
        f"Demo caseloads: {PEOPLE_PER_TEAM} people on each of {len(CASELOAD_TEAMS)} teams, "
        f"{PERSONA_CASELOAD} more on {PERSONA_TEAM}'s, and Daniel's plans."
    )
