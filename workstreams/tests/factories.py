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
    ConversationDomain,
    ImrocChallenge,
    SteeringGroup,
    SteeringGroupLevel,
    SteeringGroupMembership,
    Workstream,
)
from workstreams.reference import DomainCode, SteeringGroupSlug


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
