"""Factories for the core app. Other apps' factories build on ``UserFactory``."""

import factory
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from recovery_portal.models import AccountKind, User


class UserFactory(DjangoModelFactory):
    """A member of staff by default; traits ``person``, ``supporter``, ``community`` and ``superuser``.

    ``trust_roles`` adds the account to TrustRole groups (created if a flushed database lacks them).
    """

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.nhs.uk")
    kind = AccountKind.STAFF
    job_title = "Community Psychiatric Nurse"
    password = factory.django.Password("factory-password-2026")

    class Params:
        person = factory.Trait(kind=AccountKind.PERSON, job_title="")
        supporter = factory.Trait(kind=AccountKind.SUPPORTER, job_title="")
        community = factory.Trait(kind=AccountKind.COMMUNITY, job_title="")
        superuser = factory.Trait(
            is_superuser=True, is_staff=True, job_title="Clinical Systems Administrator"
        )

    @factory.post_generation
    def trust_roles(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        for role in extracted:
            group, _ = Group.objects.get_or_create(name=str(role))
            self.groups.add(group)
