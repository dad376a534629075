"""Factories for the college: a published, co-delivered run with future sessions by default."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from college.models import (
    Course,
    CourseCategory,
    CourseRun,
    CourseRunTrainer,
    Enrolment,
    EnrolmentStatus,
    LearningPlan,
    RunStatus,
    Session,
    Student,
    StudentType,
    Term,
    Venue,
    VenueKind,
)
from recovery_portal.tests.factories import UserFactory


class TermFactory(DjangoModelFactory):
    class Meta:
        model = Term
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.Sequence(lambda n: f"term-{n}")
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))


class VenueFactory(DjangoModelFactory):
    class Meta:
        model = Venue
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Community Centre {n}")
    slug = factory.Sequence(lambda n: f"venue-{n}")
    kind = VenueKind.SPOKE
    partner = "Broxtowe Community Partnership"  # a spoke is hosted by a community partner
    address = "High Street"


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course
        django_get_or_create = ("slug",)

    title = factory.Sequence(lambda n: f"Understanding Anxiety {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    category = CourseCategory.UNDERSTANDING
    summary = "What anxiety is, and what helps."
    who_it_is_for = "Anyone."
    learning_outcomes = "Know what anxiety is\nTry three ways to manage it"
    co_produced_with = "People with lived experience of anxiety"
    session_count = 3
    completion_min_sessions = 2


class CourseRunFactory(DjangoModelFactory):
    """A run with ``course.session_count`` weekly sessions, the first a week from now or ``sessions=<timedelta>``.

    ``trainers`` (a list of (user, is_peer)) defaults to a peer trainer and another trainer.
    """

    class Meta:
        model = CourseRun
        skip_postgeneration_save = True

    course = factory.SubFactory(CourseFactory)
    term = factory.SubFactory(TermFactory)
    venue = factory.SubFactory(VenueFactory)
    capacity = 10
    status = RunStatus.PUBLISHED

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        if not create:
            return
        start = timezone.now().replace(microsecond=0) + (
            extracted if extracted is not None else timedelta(days=7)
        )
        for number in range(self.course.session_count):
            starts = start + timedelta(weeks=number)
            Session.objects.create(
                run=self, number=number + 1, starts_at=starts, ends_at=starts + timedelta(hours=2)
            )

    @factory.post_generation
    def trainers(self, create, extracted, **kwargs):
        if not create:
            return
        pairs = extracted if extracted is not None else [(UserFactory(), True), (UserFactory(), False)]
        for user, is_peer in pairs:
            CourseRunTrainer.objects.create(run=self, user=user, is_peer_trainer=is_peer)


class StudentFactory(DjangoModelFactory):
    class Meta:
        model = Student
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory, community=True)
    student_type = StudentType.COMMUNITY


class EnrolmentFactory(DjangoModelFactory):
    """An enrolled place (the next free number) unless told otherwise; for tests of reads, not of the rules."""

    class Meta:
        model = Enrolment

    student = factory.SubFactory(StudentFactory)
    run = factory.SubFactory(CourseRunFactory)
    status = EnrolmentStatus.ENROLLED
    place_number = factory.LazyAttribute(
        lambda e: (
            (e.run.enrolments.filter(place_number__isnull=False).count() + 1)
            if e.status == EnrolmentStatus.ENROLLED
            else None
        )
    )
    requested_at = factory.LazyFunction(timezone.now)


class LearningPlanFactory(DjangoModelFactory):
    class Meta:
        model = LearningPlan

    student = factory.SubFactory(StudentFactory)
    term = factory.SubFactory(TermFactory)
    goals = "Meet people and understand my anxiety."
