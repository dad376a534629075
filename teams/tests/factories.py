"""Factories for divisions, teams and memberships."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from recovery_portal.financial_year import FinancialYear
from recovery_portal.ratings import ActionStatus
from recovery_portal.tests.factories import UserFactory
from teams.models import (
    Division,
    Membership,
    PlanStatus,
    Priority,
    RecoveryChampion,
    ServiceType,
    Team,
    TeamAction,
    TeamRecoveryPlan,
    TeamRole,
)
from workstreams.reference import SteeringGroupSlug
from workstreams.tests.factories import service_steering_group


class DivisionFactory(DjangoModelFactory):
    """A division under the Local Partnerships group unless told otherwise."""

    class Meta:
        model = Division
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Division {n}")
    slug = factory.Sequence(lambda n: f"division-{n}")
    steering_group = factory.LazyFunction(
        lambda: service_steering_group(SteeringGroupSlug.LOCAL_PARTNERSHIPS)
    )

    class Params:
        forensic = factory.Trait(
            steering_group=factory.LazyFunction(
                lambda: service_steering_group(SteeringGroupSlug.FORENSIC_SERVICES)
            )
        )


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Team {n} Community Mental Health Team")
    slug = factory.Sequence(lambda n: f"team-{n}")
    division = factory.SubFactory(DivisionFactory)
    is_clinical = True
    service_type = ServiceType.ADULT_COMMUNITY
    location = "Nottingham"

    class Params:
        non_clinical = factory.Trait(is_clinical=False, service_type=ServiceType.CORPORATE)


class MembershipFactory(DjangoModelFactory):
    """A current clinician; traits ``manager``, ``peer_worker``, ``peer_champion``, ``professional_champion``
    and ``ended`` (left the team a year ago); ``carer_lead=True`` is a plain field."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    role = TeamRole.CLINICIAN
    start_date = datetime.date(2022, 4, 1)

    class Params:
        manager = factory.Trait(role=TeamRole.TEAM_MANAGER, user__job_title="Team Manager")
        peer_worker = factory.Trait(role=TeamRole.PEER_SUPPORT_WORKER, user__job_title="Peer Support Worker")
        peer_champion = factory.Trait(
            role=TeamRole.PEER_SUPPORT_WORKER,
            recovery_champion=RecoveryChampion.PEER,
            user__job_title="Peer Support Worker",
        )
        professional_champion = factory.Trait(recovery_champion=RecoveryChampion.PROFESSIONAL)
        ended = factory.Trait(
            start_date=datetime.date(2019, 4, 1),
            end_date=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365)),
        )


class TeamRecoveryPlanFactory(DjangoModelFactory):
    """A plan for this financial year, in preparation, without ratings (``plan_start`` adds those)."""

    class Meta:
        model = TeamRecoveryPlan

    team = factory.SubFactory(TeamFactory)
    year = factory.LazyFunction(lambda: FinancialYear.current().start_year)
    status = PlanStatus.PREPARING


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(TeamRecoveryPlanFactory)
    number = 1
    title = factory.Sequence(lambda n: f"Priority {n}: recovery stories in every team meeting")


class TeamActionFactory(DjangoModelFactory):
    """An action in progress, due in a month; ``overdue=True`` makes it a week late."""

    class Meta:
        model = TeamAction

    priority = factory.SubFactory(PriorityFactory)
    plan = factory.LazyAttribute(lambda action: action.priority.plan)
    what = factory.Sequence(lambda n: f"Action {n}: invite people using the service to co-facilitate groups")
    who = "Peer support worker and ward manager"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    status = ActionStatus.IN_PROGRESS

    class Params:
        overdue = factory.Trait(
            due_date=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
        )
        done = factory.Trait(status=ActionStatus.DONE)
