"""Factories for workstreams and steering groups.

The reference rows (domains, challenges, the seven workstreams, the three steering groups) come from
migration 0002. These factories fetch them by code when asked for one (``django_get_or_create``), and
recreate a row only where a transactional test has flushed the database.
"""

import datetime

import factory
from factory.django import DjangoModelFactory

from recovery_portal.tests.factories import UserFactory
from workstreams.models import (
    Action,
    ConversationDomain,
    Goal,
    ImrocChallenge,
    MeetingFollowUp,
    SteeringGroup,
    SteeringGroupLevel,
    SteeringGroupMeeting,
    SteeringGroupMembership,
    Workstream,
)
from workstreams.reference import DomainCode, SteeringGroupSlug, WorkstreamSlug


class ConversationDomainFactory(DjangoModelFactory):
    class Meta:
        model = ConversationDomain
        django_get_or_create = ("code",)

    code = DomainCode.WORKERS_PEOPLE.value
    title = factory.LazyAttribute(lambda domain: domain.code.replace("_", " ").capitalize())
    direction = "Towards shared decision-making"


class ImrocChallengeFactory(DjangoModelFactory):
    class Meta:
        model = ImrocChallenge
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"challenge-{n}")
    title = factory.LazyAttribute(lambda challenge: challenge.code.replace("-", " ").capitalize())
    description = "A challenge organisations rate themselves against."
    order = factory.Sequence(lambda n: 100 + n)


class WorkstreamFactory(DjangoModelFactory):
    """A new workstream with both leads; ``WorkstreamFactory(slug=WorkstreamSlug.RISK)`` fetches that one."""

    class Meta:
        model = Workstream
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"workstream-{n}")
    name = factory.LazyAttribute(lambda workstream: workstream.slug.replace("-", " ").capitalize())
    purpose = "What the workstream is for."
    domain = factory.SubFactory(ConversationDomainFactory)
    order = factory.Sequence(lambda n: 100 + n)
    professional_lead = factory.SubFactory(UserFactory, job_title="Consultant Clinical Psychologist")
    peer_lead = factory.SubFactory(UserFactory, job_title="Lead Peer Support Worker")

    @factory.post_generation
    def challenges(self, create, extracted, **kwargs):
        if create and extracted:
            self.challenges.add(*extracted)


class SteeringGroupFactory(DjangoModelFactory):
    """A new service-specific group reporting to the Trust-wide group; pass ``slug`` to fetch one."""

    class Meta:
        model = SteeringGroup
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"steering-group-{n}")
    name = factory.LazyAttribute(
        lambda group: f"{group.slug.replace('-', ' ').title()} Recovery Steering Group"
    )
    level = SteeringGroupLevel.SERVICE
    parent = factory.LazyFunction(lambda: trust_steering_group())
    description = "Oversees the strategy in its services."


def trust_steering_group() -> SteeringGroup:
    return SteeringGroupFactory(
        slug=SteeringGroupSlug.TRUST.value, name="Trust Recovery Steering Group", level="trust", parent=None
    )


def service_steering_group(slug: SteeringGroupSlug) -> SteeringGroup:
    names = {
        SteeringGroupSlug.LOCAL_PARTNERSHIPS: "Local Partnerships Recovery Steering Group",
        SteeringGroupSlug.FORENSIC_SERVICES: "Forensic Services Recovery Steering Group",
    }
    return SteeringGroupFactory(slug=slug.value, name=names[slug])


class SteeringGroupMembershipFactory(DjangoModelFactory):
    class Meta:
        model = SteeringGroupMembership

    group = factory.LazyFunction(trust_steering_group)
    user = factory.SubFactory(UserFactory, job_title="Service Recovery Lead")
    role = "Service recovery lead"
    start_date = datetime.date(2023, 4, 1)


class GoalFactory(DjangoModelFactory):
    """A goal of Peer Support (whose leads the personas name) unless given a workstream."""

    class Meta:
        model = Goal
        skip_postgeneration_save = True

    workstream = factory.LazyFunction(lambda: Workstream.objects.get(slug=WorkstreamSlug.PEER_SUPPORT))
    title = factory.Sequence(lambda n: f"Peer support workers in every community team ({n})")
    domain = factory.LazyAttribute(lambda goal: goal.workstream.domain)
    measure = "Community teams with at least one peer support worker"
    baseline = 40
    target = 100
    unit = "%"
    start_date = datetime.date(2024, 4, 1)
    target_date = datetime.date(2027, 3, 31)

    @factory.post_generation
    def challenges(self, create, extracted, **kwargs):
        if create:
            self.challenges.set(extracted or self.workstream.challenges.all())


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action

    goal = factory.SubFactory(GoalFactory)
    description = factory.Sequence(lambda n: f"Recruit and induct peer support workers, round {n}")
    owner = factory.SubFactory(UserFactory, job_title="Peer Support Lead")
    start_date = datetime.date(2024, 4, 1)
    due_date = datetime.date(2025, 3, 31)


class SteeringGroupMeetingFactory(DjangoModelFactory):
    class Meta:
        model = SteeringGroupMeeting

    group = factory.LazyFunction(trust_steering_group)
    date = datetime.date(2025, 5, 14)
    minutes = "Workstream leads reported progress."


class MeetingFollowUpFactory(DjangoModelFactory):
    class Meta:
        model = MeetingFollowUp

    meeting = factory.SubFactory(SteeringGroupMeetingFactory)
    description = "Circulate the peer support recruitment figures"
    owner = factory.SubFactory(UserFactory)
    due_date = datetime.date(2025, 6, 30)
