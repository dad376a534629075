"""The demo Recovery College: a year of terms, about thirty courses, runs with registers, students, ILPs.

Deterministic: the year is the academic year containing today, and everything else comes from fixed
lists and a random generator seeded per run, so a second run on the same day changes nothing.
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from recovery_portal.demo import demo_login, demo_user_ensure
from recovery_portal.financial_year import FinancialYear
from recovery_portal.models import AccountKind

from . import selectors
from .models import (
    Attendance,
    Course,
    CourseCategory,
    CourseRun,
    CourseRunTrainer,
    Enrolment,
    EnrolmentStatus,
    FidelityRating,
    LearningPlan,
    ReviewOutcome,
    RunStatus,
    Session,
    Student,
    StudentType,
    Term,
    Venue,
    VenueKind,
)

C = CourseCategory
# title, category, sessions, sessions to attend to complete
COURSES = [
    ("Understanding Anxiety", C.UNDERSTANDING, 4, 3),
    ("Understanding Depression", C.UNDERSTANDING, 4, 3),
    ("Hearing Voices: Making Sense of Experiences", C.UNDERSTANDING, 3, 2),
    ("Understanding Bipolar", C.UNDERSTANDING, 4, 3),
    ("Understanding Trauma", C.UNDERSTANDING, 5, 4),
    ("Living with Personality Disorder Diagnoses", C.UNDERSTANDING, 4, 3),
    ("What is Recovery?", C.RECOVERY, 2, 2),
    ("Wellness Recovery Action Planning", C.RECOVERY, 6, 4),
    ("Building Resilience", C.RECOVERY, 4, 3),
    ("Managing Stress", C.RECOVERY, 3, 2),
    ("Hope and Self-compassion", C.RECOVERY, 3, 2),
    ("Making Sense of Medication", C.RECOVERY, 2, 1),
    ("Better Sleep", C.WELLBEING, 3, 2),
    ("Mindfulness for Beginners", C.WELLBEING, 6, 4),
    ("Eating Well on a Budget", C.WELLBEING, 3, 2),
    ("Walking for Wellbeing", C.WELLBEING, 6, 4),
    ("Creative Writing for Wellbeing", C.WELLBEING, 6, 4),
    ("Back to Work", C.LIFE_SKILLS, 4, 3),
    ("Volunteering: Finding Your Way In", C.LIFE_SKILLS, 2, 2),
    ("Managing Money and Benefits", C.LIFE_SKILLS, 3, 2),
    ("Confidence and Assertiveness", C.LIFE_SKILLS, 4, 3),
    ("Digital Skills: Getting Online", C.LIFE_SKILLS, 4, 3),
    ("Supporting Someone with Psychosis", C.FAMILIES, 4, 3),
    ("Caring for the Carer", C.FAMILIES, 3, 2),
    ("Talking with Young People about Mental Health", C.FAMILIES, 2, 2),
    ("Sharing Your Story Safely", C.PEER, 4, 3),
    ("Introduction to Peer Support", C.PEER, 6, 5),
    ("Co-production in Practice", C.WORKFORCE, 3, 2),
    ("Recovery-focused Conversations", C.WORKFORCE, 2, 2),
    ("Hope-inspiring Care Planning", C.WORKFORCE, 2, 2),
]
PARTNERS = {
    C.UNDERSTANDING: "people with lived experience and the Trust's psychology service",
    C.RECOVERY: "the college's student reference group and community mental health teams",
    C.WELLBEING: "local community groups and the Trust's physical health team",
    C.LIFE_SKILLS: "the Individual Placement and Support team and local colleges",
    C.FAMILIES: "carers, family members and the Trust's carer leads",
    C.PEER: "peer support workers and the college's peer trainers",
    C.WORKFORCE: "people who use services and Trust staff",
}
VENUES = [
    ("college-base", "Recovery College, Mansfield", VenueKind.HUB, "", "Sherwood Street, Mansfield"),
    (
        "central-library",
        "Nottingham Central Library",
        VenueKind.SPOKE,
        "Inspire Libraries",
        "Angel Row, Nottingham",
    ),
    ("ymca-worksop", "YMCA Worksop", VenueKind.SPOKE, "YMCA", "Newcastle Avenue, Worksop"),
    (
        "beeston-community-centre",
        "Beeston Community Centre",
        VenueKind.SPOKE,
        "Beeston Community Trust",
        "Beeston",
    ),
    ("online", "Online (video call)", VenueKind.ONLINE, "", ""),
]
TRAINERS = [
    # username, first, last, job title, peer trainer
    ("rc-peer-amina", "Amina", "Yusuf", "Peer Trainer, Recovery College", True),
    ("rc-peer-dave", "Dave", "Holloway", "Peer Trainer, Recovery College", True),
    ("rc-ot-karen", "Karen", "Ashworth", "Occupational Therapist", False),
    ("rc-psych-tom", "Tom", "Okafor", "Clinical Psychologist", False),
    ("rc-nurse-fiona", "Fiona", "Marsh", "Community Mental Health Nurse", False),
]
FIRST_NAMES = ["Aisha", "Ben", "Carol", "Dev", "Ella", "Frank", "Grace", "Harun", "Imogen", "Jack", "Kiran", "Leah",
               "Marek", "Nia", "Olu", "Pat", "Rosa", "Sam", "Tariq", "Una", "Vic", "Wendy", "Yan", "Zoe"]  # fmt: skip
LAST_NAMES = ["Ahmed", "Brooks", "Clarke", "Doyle", "Evans", "Foster", "Green", "Hall", "Islam", "Jones", "Khan",
              "Lowe", "Mills", "Nash", "Owen", "Patel", "Quinn", "Reid", "Shaw", "Turner"]  # fmt: skip
STUDENT_KINDS = [
    (StudentType.PERSON, AccountKind.PERSON),
    (StudentType.SUPPORTER, AccountKind.SUPPORTER),
    (StudentType.COMMUNITY, AccountKind.COMMUNITY),
]
STAFF_STUDENTS = ["peerworker", "clinician"]
GOALS = [
    "Get out of the house once a week and meet new people.",
    "Understand my anxiety better so I can go back to college.",
    "Learn ways to look after myself when things get hard.",
    "Feel more confident about volunteering.",
    "Know how to support my son without burning out.",
    "Sleep better and have more of a routine.",
]


def academic_year_start(today: date) -> int:
    return today.year if today.month >= 9 else today.year - 1


def _terms(year: int) -> list[Term]:
    spans = [
        (f"autumn-{year}", f"Autumn {year}", date(year, 9, 7), date(year, 12, 11)),
        (f"spring-{year + 1}", f"Spring {year + 1}", date(year + 1, 1, 11), date(year + 1, 3, 26)),
        (f"summer-{year + 1}", f"Summer {year + 1}", date(year + 1, 4, 19), date(year + 1, 7, 16)),
    ]
    return [
        Term.objects.update_or_create(
            slug=slug, defaults={"name": name, "start_date": start, "end_date": end}
        )[0]
        for slug, name, start, end in spans
    ]


def _courses() -> list[Course]:
    courses = []
    for title, category, sessions, minimum in COURSES:
        slug = title.lower().replace(":", "").replace("?", "").replace(" ", "-")
        course, _ = Course.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "category": category,
                "summary": f"A friendly, practical course on {title.lower()}, shared by people who have been there "
                "and people who work in mental health.",
                "who_it_is_for": "Anyone: people who use services, carers, family and friends, staff and members "
                "of the community.",
                "learning_outcomes": "Understand more about the subject and what helps\n"
                "Hear and share ideas with others who have been there\nLeave with one next step of your own",
                "co_produced_with": PARTNERS[category],
                "session_count": sessions,
                "session_minutes": 120,
                "completion_min_sessions": minimum,
            },
        )
        courses.append(course)
    return courses


def _run(course: Course, term: Term, venue: Venue, offset: int, trainers: list, tz) -> CourseRun:
    run, _ = CourseRun.objects.get_or_create(
        course=course, term=term, venue=venue, defaults={"capacity": 12, "status": RunStatus.PUBLISHED}
    )
    first_day = term.start_date + timedelta(days=offset)
    for number in range(1, course.session_count + 1):
        starts = timezone.make_aware(
            datetime.combine(first_day + timedelta(weeks=number - 1), time(10, 0)), tz
        )
        Session.objects.update_or_create(
            run=run, number=number, defaults={"starts_at": starts, "ends_at": starts + timedelta(minutes=120)}
        )
    for user, is_peer in trainers:
        CourseRunTrainer.objects.get_or_create(run=run, user=user, defaults={"is_peer_trainer": is_peer})
    return run


def _students() -> list[Student]:
    students = []
    for index in range(45):
        student_type, kind = STUDENT_KINDS[index % 3]
        first, last = FIRST_NAMES[index % len(FIRST_NAMES)], LAST_NAMES[(index * 7) % len(LAST_NAMES)]
        user = demo_user_ensure(
            username=f"student-{index + 1:02d}", first_name=first, last_name=last, kind=kind
        )
        students.append(Student.objects.get_or_create(user=user, defaults={"student_type": student_type})[0])
    for username in STAFF_STUDENTS:
        students.append(
            Student.objects.get_or_create(user=demo_login(username), defaults={"student_type": "staff"})[0]
        )
    serviceuser = Student.objects.get_or_create(
        user=demo_login("serviceuser"), defaults={"student_type": StudentType.PERSON}
    )[0]
    carer = Student.objects.get_or_create(
        user=demo_login("carer"), defaults={"student_type": StudentType.SUPPORTER}
    )[0]
    return [serviceuser, carer, *students]


def _fill(
    run: CourseRun, students: list[Student], rng: random.Random, now: datetime, *, with_first: bool
) -> None:
    """Places for a run's students and, for sessions already held, the register.

    ``with_first`` gives the first student (the serviceuser login) a place.
    """
    wanted = rng.randint(6, 15)
    chosen = rng.sample(students[1:], min(wanted, len(students) - 1))
    if with_first:
        chosen.insert(0, students[0])
    first_start = run.sessions.order_by("starts_at").first().starts_at
    for index, student in enumerate(chosen):
        if run.enrolments.filter(student=student).exists():
            continue
        requested = min(first_start, now) - timedelta(days=30 - index)
        holds = index < run.capacity
        Enrolment.objects.create(
            student=student,
            run=run,
            status=EnrolmentStatus.ENROLLED if holds else EnrolmentStatus.WAITING,
            place_number=index + 1 if holds else None,
            requested_at=requested,
            enrolled_at=requested if holds else None,
        )
    trainer = run.trainers.first().user
    for session in run.sessions.filter(starts_at__lte=now):
        for enrolment in run.enrolments.filter(status=EnrolmentStatus.ENROLLED):
            Attendance.objects.get_or_create(
                session=session,
                enrolment=enrolment,
                defaults={"present": rng.random() < 0.8, "recorded_by": trainer},
            )


def seed(*, password: str, stdout) -> None:
    now = timezone.now()
    tz = timezone.get_current_timezone()
    year = academic_year_start(timezone.localdate())
    terms = _terms(year)
    venues = [
        Venue.objects.update_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "partner": partner, "address": address}
        )[0]
        for slug, name, kind, partner, address in VENUES
    ]
    courses = _courses()
    peers = [demo_login("trainer")]
    others = [demo_login("college")]
    for username, first, last, job_title, is_peer in TRAINERS:
        user = demo_user_ensure(username=username, first_name=first, last_name=last, job_title=job_title)
        (peers if is_peer else others).append(user)
    students = _students()
    runs = []
    for index, course in enumerate(courses):
        for term_index, term in enumerate(terms):
            if (index + term_index) % 2:
                continue  # each course runs in about half the terms
            rng = random.Random(f"{course.slug}-{term.slug}")  # noqa: S311 (demo data, not security)
            venue = venues[(index + term_index) % len(venues)]
            trainers = [(peers[index % len(peers)], True), (others[index % len(others)], False)]
            runs.append(
                _run(course, term, venue, offset=7 * (index % 6) + index % 5, trainers=trainers, tz=tz)
            )
            _fill(runs[-1], students, rng, now, with_first=index % 5 == 0)
    # Learning plans this term for everyone studying now, the serviceuser login among them.
    term = selectors.current_term() or terms[0]
    for student in students:
        if student.enrolments.filter(run__term=term).exists():
            number = int(student.user.username.rsplit("-", 1)[-1]) if "-" in student.user.username else 0
            LearningPlan.objects.get_or_create(
                student=student,
                term=term,
                defaults={
                    "goals": GOALS[number % len(GOALS)],
                    "support_needs": "Large-print handouts, please." if number % 4 == 0 else "",
                    "personal_tutor": others[number % len(others)],
                    "review_outcome": [ReviewOutcome.MET, ReviewOutcome.PARTLY, ""][number % 3],
                    "next_volunteering": number % 2 == 0,
                },
            )
    FidelityRating.objects.get_or_create(
        year=FinancialYear.current().label,
        defaults={
            "valuing_equality": 2,
            "learning": 2,
            "tailored_to_the_student": 1,
            "co_production": 2,
            "social_connectedness": 2,
            "community_focus": 1,
            "commitment_to_recovery": 2,
            "rated_by": demo_login("college"),
        },
    )
    stdout.write(f"Demo Recovery College: {len(terms)} terms, {len(courses)} courses, {len(runs)} runs.")
