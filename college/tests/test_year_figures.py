"""The college's figures for the terms starting in a financial year, as the evaluation's dashboards and
annual report read them: terms, attendance by month, students by type, learning plan outcomes and the
year's RECOLLECT fidelity rating. Each is one query, whatever the data."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from college import selectors
from college.models import (
    RECOLLECT_COMPONENTS,
    Attendance,
    EnrolmentStatus,
    FidelityRating,
    ReviewOutcome,
    RunStatus,
    StudentType,
)
from college.tests.factories import (
    CourseRunFactory,
    EnrolmentFactory,
    LearningPlanFactory,
    StudentFactory,
    TermFactory,
)
from recovery_portal.financial_year import FinancialYear

pytestmark = pytest.mark.django_db

YEAR = FinancialYear(2025)
LONDON = ZoneInfo("Europe/London")


def _run(term, *, status=RunStatus.PUBLISHED, first_session=None):
    first = first_session or datetime.combine(term.start_date, datetime.min.time(), LONDON) + timedelta(
        hours=10
    )
    return CourseRunFactory(term=term, status=status, sessions=first - datetime.now(LONDON))


@pytest.fixture
def terms():
    return (
        TermFactory(name="Spring 2026", start_date=date(2026, 1, 5), end_date=date(2026, 3, 27)),
        TermFactory(name="Autumn 2025", start_date=date(2025, 9, 8), end_date=date(2025, 12, 12)),
        TermFactory(name="Spring 2025", start_date=date(2025, 1, 6), end_date=date(2025, 3, 28)),
    )


def test_terms_starting_in_the_year_come_in_date_order(terms, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert selectors.terms_starting(start=YEAR.start, end=YEAR.end) == ["Autumn 2025", "Spring 2026"]


def test_students_are_counted_once_by_type_leaving_out_cancelled_places_and_unpublished_runs(
    terms, django_assert_num_queries
):
    spring, autumn, last_year = terms
    autumn_run, spring_run = _run(autumn), _run(spring)
    draft = _run(spring, status=RunStatus.DRAFT)
    in_both = StudentFactory(student_type=StudentType.PERSON)
    EnrolmentFactory(student=in_both, run=autumn_run)
    EnrolmentFactory(student=in_both, run=spring_run, status=EnrolmentStatus.WAITING)
    # Cancelled on one run, enrolled on another: counted, once.
    moved = StudentFactory(student_type=StudentType.SUPPORTER)
    EnrolmentFactory(student=moved, run=autumn_run, status=EnrolmentStatus.CANCELLED)
    EnrolmentFactory(
        student=moved,
        run=spring_run,
        status=EnrolmentStatus.OFFERED,
        place_number=1,
        offer_expires_at=datetime.now(LONDON) + timedelta(days=2),
    )
    # Left out: only cancelled, only on a draft run, or only in a term of the year before.
    EnrolmentFactory(
        student__student_type=StudentType.STAFF, run=autumn_run, status=EnrolmentStatus.CANCELLED
    )
    EnrolmentFactory(student__student_type=StudentType.STAFF, run=draft)
    EnrolmentFactory(student__student_type=StudentType.COMMUNITY, run=_run(last_year))

    with django_assert_num_queries(1):
        rows = selectors.students_by_type(start=YEAR.start, end=YEAR.end)

    assert rows == [
        ("Someone who uses mental health services", 1),
        ("A carer, family member or friend", 1),
        ("Trust staff", 0),
        ("A member of the community", 0),
    ]
    # The college's own figures by term agree: a cancelled place elsewhere does not hide a student.
    by_term = {row.label: row.students_by_type for row in selectors.college_figures_by_term()}
    assert by_term["Spring 2026"] == {"person": 1, "supporter": 1}
    assert by_term["Autumn 2025"] == {"person": 1}


def test_learning_plans_are_counted_by_review_outcome_for_the_terms_of_the_year(
    terms, django_assert_num_queries
):
    spring, autumn, last_year = terms
    for term, outcome in [
        (autumn, ReviewOutcome.MET),
        (autumn, ReviewOutcome.MET),
        (autumn, ReviewOutcome.PARTLY),
        (spring, ReviewOutcome.NOT_MET),
        (spring, ""),
        (last_year, ReviewOutcome.MET),
    ]:
        LearningPlanFactory(term=term, review_outcome=outcome)

    with django_assert_num_queries(1):
        outcomes = selectors.learning_plan_outcomes(start=YEAR.start, end=YEAR.end)

    assert (outcomes.met, outcomes.partly, outcomes.not_met, outcomes.not_reviewed) == (2, 1, 1, 1)
    assert (outcomes.reviewed, outcomes.met_or_partly, outcomes.plans) == (4, 3, 5)
    assert dict(outcomes.rows) == {
        "Goals met": 2,
        "Goals partly met": 1,
        "Goals not met": 1,
        "Not yet reviewed": 1,
    }


def test_the_fidelity_rating_of_the_year_or_none(college, django_assert_num_queries):
    scores = {name: 2 for name, _ in RECOLLECT_COMPONENTS} | {"learning": 1}
    FidelityRating.objects.create(year="2024/25", rated_by=college, **scores)

    with django_assert_num_queries(1):
        assert selectors.fidelity_rating_for(year=YEAR.label) is None
    FidelityRating.objects.create(year=YEAR.label, rated_by=college, **scores)
    rating = selectors.fidelity_rating_for(year=YEAR.label)
    assert (rating.year, rating.total) == ("2025/26", 13)


def test_attendance_by_month_counts_registers_of_published_runs_by_the_session_month(
    terms, trainer, django_assert_num_queries
):
    spring, autumn, _ = terms
    run = _run(autumn)  # sessions weekly from 8 September 2025
    draft = _run(spring, status=RunStatus.DRAFT)
    enrolled = EnrolmentFactory(run=run)
    cancelled = EnrolmentFactory(run=run, status=EnrolmentStatus.CANCELLED)
    for number, session in enumerate(run.sessions.order_by("number")):
        Attendance.objects.create(
            session=session, enrolment=enrolled, present=number != 1, recorded_by=trainer
        )
        Attendance.objects.create(session=session, enrolment=cancelled, present=True, recorded_by=trainer)
    Attendance.objects.create(
        session=draft.sessions.first(),
        enrolment=EnrolmentFactory(run=draft),
        present=True,
        recorded_by=trainer,
    )

    with django_assert_num_queries(1):
        months = selectors.attendance_by_month(start=YEAR.start, end=YEAR.end)

    assert months == [(date(2025, 9, 1), 2, 3)]
