"""The demo Trust's divisions, teams and members.

Deterministic: member names, job titles, sizes and start dates come from fixed lists and a random
generator seeded per team, so every run builds the same Trust and a second run changes nothing.
"""

import random
from datetime import date

from recovery_portal.demo import DEMO_EMAIL_DOMAIN, DEMO_LOGINS, demo_login, demo_user_ensure
from workstreams.demo import CHAIRS, LEADS, SERVICE_RECOVERY_LEADS, TRUST_MEMBERS
from workstreams.reference import SteeringGroupSlug
from workstreams.selectors import steering_group_get

from . import selectors, services
from .demo_plans import seed_plans
from .models import Membership, RecoveryChampion, ServiceType, TeamRole

DIVISIONS = [
    ("adult-mental-health", "Adult Mental Health", SteeringGroupSlug.LOCAL_PARTNERSHIPS),
    ("mhsop", "Mental Health Services for Older People", SteeringGroupSlug.LOCAL_PARTNERSHIPS),
    ("specialist-services", "Specialist Services", SteeringGroupSlug.LOCAL_PARTNERSHIPS),
    ("high-secure", "High Secure Services", SteeringGroupSlug.FORENSIC_SERVICES),
    ("medium-low-secure", "Medium and Low Secure Services", SteeringGroupSlug.FORENSIC_SERVICES),
    ("offender-health", "Offender Health", SteeringGroupSlug.FORENSIC_SERVICES),
]

S = ServiceType
# slug, name, division, service type, location. The Recovery College is the one non-clinical team.
TEAMS = [
    (
        "broxtowe-cmht",
        "Broxtowe Community Mental Health Team",
        "adult-mental-health",
        S.ADULT_COMMUNITY,
        "Beeston",
    ),
    (
        "bassetlaw-cmht",
        "Bassetlaw Community Mental Health Team",
        "adult-mental-health",
        S.ADULT_COMMUNITY,
        "Worksop",
    ),
    (
        "mansfield-cmht",
        "Mansfield Community Mental Health Team",
        "adult-mental-health",
        S.ADULT_COMMUNITY,
        "Mansfield",
    ),
    (
        "nottingham-crisis",
        "Nottingham City Crisis Resolution and Home Treatment Team",
        "adult-mental-health",
        S.CRISIS,
        "Nottingham",
    ),
    (
        "eip-nottingham",
        "Early Intervention in Psychosis Team",
        "adult-mental-health",
        S.EARLY_INTERVENTION,
        "Nottingham",
    ),
    (
        "highbury-redwood",
        "Highbury Hospital: Redwood Ward",
        "adult-mental-health",
        S.ADULT_INPATIENT,
        "Bulwell",
    ),
    (
        "rosewood-rehab",
        "Rosewood Centre Rehabilitation Service",
        "adult-mental-health",
        S.REHABILITATION,
        "Carlton",
    ),
    (
        "recovery-college",
        "Recovery College",
        "adult-mental-health",
        S.RECOVERY_COLLEGE,
        "Nottingham city centre",
    ),
    (
        "bassetlaw-older-people",
        "Bassetlaw Older People's Community Mental Health Team",
        "mhsop",
        S.OLDER_PEOPLE,
        "Retford",
    ),
    (
        "rushcliffe-older-people",
        "Rushcliffe Older People's Community Mental Health Team",
        "mhsop",
        S.OLDER_PEOPLE,
        "West Bridgford",
    ),
    ("highbury-cedar", "Highbury Hospital: Cedar Ward", "mhsop", S.OLDER_PEOPLE, "Bulwell"),
    ("perinatal", "Perinatal Mental Health Service", "specialist-services", S.SPECIALIST, "Nottingham"),
    ("eating-disorders", "Adult Eating Disorders Service", "specialist-services", S.SPECIALIST, "Nottingham"),
    ("rampton-alder", "Rampton Hospital: Alder Ward", "high-secure", S.FORENSIC_HIGH, "Retford"),
    ("rampton-hawthorn", "Rampton Hospital: Hawthorn Ward", "high-secure", S.FORENSIC_HIGH, "Retford"),
    (
        "arnold-lodge-kingfisher",
        "Arnold Lodge: Kingfisher Ward",
        "medium-low-secure",
        S.FORENSIC_MEDIUM,
        "Leicester",
    ),
    ("wathwood-ward-2", "Wathwood Hospital: Ward 2", "medium-low-secure", S.FORENSIC_MEDIUM, "Rotherham"),
    (
        "wells-road-low-secure",
        "Wells Road Centre: Low Secure Service",
        "medium-low-secure",
        S.FORENSIC_LOW,
        "Nottingham",
    ),
    (
        "community-forensic",
        "Community Forensic Mental Health Team",
        "offender-health",
        S.COMMUNITY_FORENSIC,
        "Nottingham",
    ),
    (
        "hmp-nottingham",
        "HMP Nottingham Mental Health In-Reach Team",
        "offender-health",
        S.PRISON_HEALTH,
        "Nottingham",
    ),
]

DESCRIPTIONS = {
    S.ADULT_COMMUNITY: "Support in the community for adults with complex mental health needs.",
    S.CRISIS: "Round-the-clock assessment and intensive support at home as an alternative to admission.",
    S.EARLY_INTERVENTION: "Support for people aged 14 to 65 experiencing a first episode of psychosis.",
    S.ADULT_INPATIENT: "An acute admission ward for adults.",
    S.REHABILITATION: "Longer-term recovery support for people moving towards independent living.",
    S.RECOVERY_COLLEGE: "Free courses, co-produced and co-delivered by peer and professional trainers.",
    S.OLDER_PEOPLE: "Mental health care for older people and people living with dementia, and their carers.",
    S.SPECIALIST: "A specialist service taking referrals from across the county.",
    S.FORENSIC_HIGH: "A high secure ward for men.",
    S.FORENSIC_MEDIUM: "A medium secure ward.",
    S.FORENSIC_LOW: "A low secure service supporting people towards moving on into the community.",
    S.COMMUNITY_FORENSIC: "Assessment and support in the community for people in contact with the justice system.",
    S.PRISON_HEALTH: "Mental health assessment and treatment for people in prison.",
}

# The fixed logins' places: username -> (team, role, recovery champion, carer lead, start date).
PERSONA_PLACES = {
    "teamlead": (
        "broxtowe-cmht",
        TeamRole.TEAM_MANAGER,
        RecoveryChampion.PROFESSIONAL,
        False,
        date(2019, 9, 2),
    ),
    "clinician": ("broxtowe-cmht", TeamRole.CLINICIAN, RecoveryChampion.NONE, True, date(2021, 1, 4)),
    "peerworker": (
        "broxtowe-cmht",
        TeamRole.PEER_SUPPORT_WORKER,
        RecoveryChampion.PEER,
        False,
        date(2022, 6, 6),
    ),
    "outsider": ("wathwood-ward-2", TeamRole.CLINICIAN, RecoveryChampion.NONE, False, date(2020, 3, 2)),
    "college": ("recovery-college", TeamRole.TEAM_MANAGER, RecoveryChampion.NONE, False, date(2018, 4, 3)),
    "trainer": (
        "recovery-college",
        TeamRole.PEER_SUPPORT_WORKER,
        RecoveryChampion.NONE,
        False,
        date(2023, 9, 4),
    ),
}
# Demo gaps, so the directory shows what "Champion needed" looks like.
MISSING = {"bassetlaw-older-people": "peer_champion", "hmp-nottingham": "carer_lead"}
PAST_MEMBER_SPAN = (date(2019, 4, 1), date(2025, 6, 30))

FIRST_NAMES = (
    "Aisha Amy Andrew Bethany Callum Chloe Connor Deborah Declan Eleanor Emma Farah Gareth Grace Harriet "
    "Isaac Jack Jasmine Kate Kieran Leah Liam Maria Matthew Megan Nathan Olivia Patrick Rachel Rhys "
    "Rosie Ryan Sophie Stephen Tariq Toby Victoria William Zainab Zoe Adam"
).split()
LAST_NAMES = (
    "Adams Ahmed Bailey Barker Bell Brooks Campbell Chapman Collins Cooper Dawson Edwards Ellis Fisher "
    "Foster Gibson Graham Hall Harris Holmes Hussain Jackson Jenkins Kaur Khan Knight Lawrence Lee Marshall "
    "Mason Mills Morris Murphy Nelson Owen Parker Phillips Reid Richards Robinson Russell Saunders Singh "
    "Spencer Stevens Taylor Thompson Turner Walker Ward Webb Wilkinson Young"
).split()
COMMUNITY_TITLES = [
    "Community Psychiatric Nurse",
    "Occupational Therapist",
    "Clinical Psychologist",
    "Social Worker",
    "Consultant Psychiatrist",
    "Community Mental Health Nurse",
]
WARD_TITLES = [
    "Staff Nurse",
    "Charge Nurse",
    "Occupational Therapist",
    "Consultant Psychiatrist",
    "Clinical Psychologist",
]
OTHER_TITLES = ["Team Administrator", "Healthcare Assistant", "Support, Time and Recovery Worker"]
WARD_TYPES = {S.ADULT_INPATIENT, S.FORENSIC_HIGH, S.FORENSIC_MEDIUM, S.FORENSIC_LOW, S.PRISON_HEALTH}


class _Staff:
    """Deterministic names for generated staff, never reusing a username taken elsewhere in the demo."""

    def __init__(self):
        self.count = 0
        self.taken = set(DEMO_LOGINS) | {person[0] for pair in LEADS.values() for person in pair}
        self.taken |= {chair[0] for chair in CHAIRS.values()} | {member[0] for member in TRUST_MEMBERS}
        self.taken |= {lead[0] for leads in SERVICE_RECOVERY_LEADS.values() for lead in leads}

    def next(self, job_title: str):
        while True:
            # 41 first names and 53 surnames (both prime) with strides coprime to them: the pairs are
            # well mixed and repeat only after 2,173 people.
            first = FIRST_NAMES[(self.count * 7) % len(FIRST_NAMES)]
            last = LAST_NAMES[(self.count * 17) % len(LAST_NAMES)]
            self.count += 1
            username = f"{first}.{last}".lower()
            if username not in self.taken:
                self.taken.add(username)
                return demo_user_ensure(
                    username=username, first_name=first, last_name=last, job_title=job_title
                )


def _start_date(rng: random.Random) -> date:
    return date(rng.randrange(2014, 2025), rng.choice([1, 4, 6, 9, 10]), rng.choice([1, 3, 7, 14]))


def _member(team, user, role, start_date, *, champion=RecoveryChampion.NONE, carer_lead=False, by) -> None:
    membership = selectors.membership_open(team=team, user=user)
    if membership is None:
        services.membership_start(
            team=team,
            user=user,
            role=role,
            start_date=start_date,
            recovery_champion=champion,
            carer_lead=carer_lead,
            by=by,
        )
    else:
        services.membership_update(
            membership=membership, recovery_champion=champion, carer_lead=carer_lead, by=by
        )


def _staff_team(team, service_type, rng: random.Random, staff: _Staff, by) -> None:
    """A clinical team of 6 to 12 with a manager, both recovery champions and a carer lead."""
    personas = {name: place for name, place in PERSONA_PLACES.items() if place[0] == team.slug}
    for username, (_, role, champion, carer_lead, start) in personas.items():
        _member(team, demo_login(username), role, start, champion=champion, carer_lead=carer_lead, by=by)
    roles_held = {place[1] for place in personas.values()}
    champions_held = {place[2] for place in personas.values()}
    carer_lead_held = any(place[3] for place in personas.values())
    titles = WARD_TITLES if service_type in WARD_TYPES else COMMUNITY_TITLES
    gap = MISSING.get(team.slug)

    plan = []  # (role, job title, champion, carer lead)
    if TeamRole.TEAM_MANAGER not in roles_held:
        plan.append((TeamRole.TEAM_MANAGER, "Team Manager", RecoveryChampion.NONE, False))
    if RecoveryChampion.PROFESSIONAL not in champions_held:
        plan.append((TeamRole.CLINICIAN, rng.choice(titles), RecoveryChampion.PROFESSIONAL, False))
    if not carer_lead_held and gap != "carer_lead":
        plan.append((TeamRole.CLINICIAN, rng.choice(titles), RecoveryChampion.NONE, True))
    peer_champion = RecoveryChampion.NONE if gap == "peer_champion" else RecoveryChampion.PEER
    if RecoveryChampion.PEER not in champions_held:
        plan.append((TeamRole.PEER_SUPPORT_WORKER, "Peer Support Worker", peer_champion, False))
    size = rng.randint(6, 12)
    while len(plan) + len(personas) < size:
        if rng.random() < 0.25:
            plan.append((TeamRole.OTHER_STAFF, rng.choice(OTHER_TITLES), RecoveryChampion.NONE, False))
        else:
            plan.append((TeamRole.CLINICIAN, rng.choice(titles), RecoveryChampion.NONE, False))
    for role, job_title, champion, carer_lead in plan:
        user = staff.next(job_title)
        _member(team, user, role, _start_date(rng), champion=champion, carer_lead=carer_lead, by=by)


def _college_team(team, rng: random.Random, staff: _Staff, by) -> None:
    """The Recovery College team: its manager and peer trainers, with no champions (not a clinical team)."""
    for username, (slug, role, champion, carer_lead, start) in PERSONA_PLACES.items():
        if slug == team.slug:
            _member(team, demo_login(username), role, start, champion=champion, carer_lead=carer_lead, by=by)
    for role, job_title in [
        (TeamRole.PEER_SUPPORT_WORKER, "Peer Trainer"),
        (TeamRole.PEER_SUPPORT_WORKER, "Peer Trainer"),
        (TeamRole.OTHER_STAFF, "Recovery College Administrator"),
        (TeamRole.OTHER_STAFF, "Learning Facilitator"),
    ]:
        _member(team, staff.next(job_title), role, _start_date(rng), by=by)


def _past_member(team, staff: _Staff, by) -> None:
    user = staff.next("Community Psychiatric Nurse")
    start, end = PAST_MEMBER_SPAN
    if not Membership.objects.filter(team=team, user=user, start_date=start).exists():
        membership = services.membership_start(
            team=team, user=user, role=TeamRole.CLINICIAN, start_date=start, by=by
        )
        services.membership_end(membership=membership, end_date=end, by=by)


def seed(*, password: str, stdout) -> None:
    by = demo_login("admin")
    divisions = {
        slug: services.division_ensure(
            slug=slug, name=name, steering_group=steering_group_get(slug=group), by=by
        )
        for slug, name, group in DIVISIONS
    }
    staff = _Staff()
    teams = []
    for index, (slug, name, division, service_type, location) in enumerate(TEAMS):
        is_clinical = service_type != S.RECOVERY_COLLEGE
        team = services.team_ensure(
            slug=slug,
            name=name,
            division=divisions[division],
            service_type=service_type,
            is_clinical=is_clinical,
            description=DESCRIPTIONS[service_type],
            location=location,
            email=f"{slug}@{DEMO_EMAIL_DOMAIN}",
            by=by,
        )
        teams.append(team)
        rng = random.Random(slug)  # noqa: S311 (demo data, not security)
        if is_clinical:
            _staff_team(team, service_type, rng, staff, by)
        else:
            _college_team(team, rng, staff, by)
        if index % 3 == 0:
            _past_member(team, staff, by)
    stdout.write(f"Demo Trust: {len(DIVISIONS)} divisions and {len(TEAMS)} teams with their members.")
    seed_plans(teams=teams, stdout=stdout)
