"""Synthetic Recovery College for ``generate_dataset``: venues, terms, courses, co-delivered runs with
sessions, students, enrolments (places and waiting lists) and registers (see
``recovery_portal.synthetic``). Runs in the current and next terms have sessions still to come."""

from datetime import timedelta

from django.contrib.auth.models import Group

from recovery_portal import synthetic
from recovery_portal.models import AccountKind
from recovery_portal.roles import TrustRole

from .models import (
    Attendance,
    Course,
    CourseCategory,
    CourseRun,
    CourseRunTrainer,
    Enrolment,
    EnrolmentStatus,
    RunStatus,
    Session,
    Student,
    StudentType,
    Term,
    Venue,
    VenueKind,
)

TITLES = [
    "Understanding Anxiety", "What is Recovery?", "Hearing Voices", "Sleep Well", "Living with Bipolar",
    "Managing Stress", "Mindfulness for Beginners", "Writing My Recovery Story", "Getting Back to Work",
    "Caring for Someone with Psychosis", "Peer Support Skills", "Money and Mental Health", "Healthy Eating",
    "Walking for Wellbeing", "Understanding Depression", "Building Confidence", "Self-compassion",
    "Recovery and Medication", "Art for Wellbeing", "Understanding Personality Disorder",
]  # fmt: skip
TERM_DAYS = 120
STUDENT_TYPES = [
    StudentType.PERSON,
    StudentType.PERSON,
    StudentType.SUPPORTER,
    StudentType.STAFF,
    StudentType.COMMUNITY,
]
PER_RUN = 12


def generate(data: synthetic.Generation) -> dict[str, int]:
    rng = data.random("college")
    scale, counts = data.scale, {}

    def add(rows):
        counts.update({label: counts.get(label, 0) + n for label, n in synthetic.count(rows).items()})
        return rows

    venues = add(data.bulk([
        Venue(name=f"{name} Community Centre", slug=f"synthetic-venue-{index + 1}",
              kind=VenueKind.HUB if index == 0 else VenueKind.ONLINE if index == 1 else VenueKind.SPOKE)
        for index, name in enumerate(["College Base", "Online", "Beeston", "Mansfield", "Worksop", "Newark",
                                      "Bulwell", "Hucknall", "Retford", "Clifton"])
    ]))  # fmt: skip
    # Two years of terms: four behind, the current one (the one holding today), and the next. The terms
    # follow on from the start of the financial year, so later in the year "current" is a later term.
    current = data.today_offset // TERM_DAYS * TERM_DAYS
    terms = add(data.bulk([
        Term(name=f"Term {index + 1}", slug=f"synthetic-term-{index + 1}",
             start_date=data.day(current + (index - 4) * TERM_DAYS),
             end_date=data.day(current + (index - 3) * TERM_DAYS - 1))
        for index in range(6)
    ]))  # fmt: skip
    courses = add(data.bulk([
        Course(title=f"{TITLES[index % len(TITLES)]}{'' if index < len(TITLES) else f' ({index // len(TITLES) + 1})'}",
               slug=f"synthetic-course-{index + 1}", category=rng.choice(list(CourseCategory)),
               summary="A co-produced course.", who_it_is_for="Anyone.", learning_outcomes="Know more\nTry something new",
               co_produced_with="People with lived experience", session_count=(count := rng.randint(2, 6)),
               completion_min_sessions=max(1, count - 1))
        for index in range(max(10, scale.enrolments // 1000))
    ]))  # fmt: skip

    trainers = synthetic.users(
        data, rng, prefix="trainer", number=max(10, scale.enrolments // 1000), job_title="Trainer"
    )
    students_users = synthetic.users(
        data, rng, prefix="student", number=scale.enrolments * 2 // 5, kind=AccountKind.COMMUNITY
    )
    testers = synthetic.users(data, rng, prefix="student", number=scale.loadtest_users, loadtest=True,
                              kind=AccountKind.COMMUNITY)  # fmt: skip
    counts["recovery_portal.User"] = len(trainers) + len(students_users) + len(testers)
    college_team, _ = Group.objects.get_or_create(name=str(TrustRole.COLLEGE_TEAM))
    college_team.user_set.add(*trainers[:3])
    data.shared["college_staff_ids"] = [user.pk for user in trainers]

    students = add(data.bulk([
        Student(user=user, student_type=rng.choice(STUDENT_TYPES), phone="") for user in students_users
    ] + [Student(user=user, student_type=StudentType.COMMUNITY) for user in testers]))  # fmt: skip
    students = students[: len(students_users)]  # load-test students enrol through the pages

    runs = []
    for index in range(max(1, scale.enrolments // PER_RUN)):
        term = terms[index % len(terms)]
        runs.append(CourseRun(course=rng.choice(courses), term=term, venue=rng.choice(venues), capacity=rng.randint(10, 14),
                              status=RunStatus.PUBLISHED, published_at=data.moment((term.start_date - data.anchor).days - 30)))  # fmt: skip
    runs = add(data.bulk(runs))
    add(data.bulk([
        CourseRunTrainer(run=run, user=user, is_peer_trainer=peer)
        for run in runs
        for user, peer in zip(rng.sample(trainers, 2), (True, False), strict=True)
    ]))  # fmt: skip
    sessions = add(data.bulk([
        Session(run=run, number=number + 1, starts_at=(start := data.moment((run.term.start_date - data.anchor).days
                + 14 + 7 * number + rng.randint(0, 30), hour=rng.choice([10, 14, 18]))), ends_at=start + timedelta(hours=2))
        for run in runs
        for number in range(run.course.session_count)
    ]))  # fmt: skip
    sessions_of: dict[int, list[Session]] = {}
    for session in sessions:
        sessions_of.setdefault(session.run_id, []).append(session)

    enrolments, holders = [], []
    for run in runs:
        chosen = rng.sample(students, PER_RUN)
        for number, student in enumerate(chosen, start=1):
            requested = sessions_of[run.pk][0].starts_at - timedelta(days=rng.randint(5, 40))
            holds = number <= run.capacity
            enrolments.append({"student_id": student.pk, "run_id": run.pk, "requested_at": requested,
                               "status": EnrolmentStatus.ENROLLED if holds else EnrolmentStatus.WAITING,
                               "place_number": number if holds else None, "enrolled_at": requested if holds else None})  # fmt: skip
            holders.append(holds)
    enrolment_ids = synthetic.insert_rows(Enrolment, enrolments)
    counts["college.Enrolment"] = len(enrolment_ids)

    now = data.moment(data.today_offset, hour=0)
    attendance = [
        {"session_id": session.pk, "enrolment_id": pk, "present": rng.random() < 0.8, "recorded_by_id": trainers[0].pk}
        for pk, row, holds in zip(enrolment_ids, enrolments, holders, strict=True)
        if holds
        for session in sessions_of[row["run_id"]]
        if session.starts_at < now
    ]  # fmt: skip
    counts["college.Attendance"] = len(synthetic.insert_rows(Attendance, attendance))
    return counts
