"""Factories for people and plans. Plans are written through the services, so versions are kept."""

from datetime import date

import factory

from recovery_portal.nhs_number import nhs_number_check_digit

from .. import services
from ..models import AuthorRole, CaseloadEntry, ServiceUser


def valid_nhs_number(seed: int) -> str:
    """A valid NHS number made from ``seed`` (the check digit fitted; seeds needing 10 are skipped)."""
    while True:
        first_nine = f"{9000000000 + seed * 7:010d}"[1:10]
        check = nhs_number_check_digit(first_nine)
        if check is not None:
            return f"{first_nine}{check}"
        seed += 1


class ServiceUserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceUser

    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    date_of_birth = date(1985, 6, 14)
    nhs_number = factory.Sequence(lambda n: valid_nhs_number(n * 13 + 1))


class CaseloadEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseloadEntry

    person = factory.SubFactory(ServiceUserFactory)
    start_date = date(2024, 4, 1)


def plan_with_entries(*, person, kind, by, entries: list[tuple[str, str, str]], **extra):
    """A plan of ``kind`` with (section, text, author role) entries, each saved as a new version.

    Entries in the person's own words are written through the person's own login, as only they may.
    """
    plan = services.plan_start(person=person, kind=kind, by=by)
    for section, text, role in entries:
        kwargs = dict(extra.get(section, {}))
        services.plan_entry_add(
            plan=plan,
            expected_version=plan.version,
            section=section,
            text=text,
            author_role=role,
            by=person.user if role == AuthorRole.PERSON else by,
            **kwargs,
        )
    return plan


def text_of_length(
    length: int, *, seed: str = "I want to get back to the allotment with my brother on Sundays"
) -> str:
    """Plain sentences (words that wrap, as people write) exactly ``length`` characters long."""
    sentence = seed.rstrip(".") + ". "
    text = (sentence * (length // len(sentence) + 2))[:length]
    return text[:-1] + "." if text.endswith(" ") else text


def largest_allowed_plan(*, person, by):
    """A crisis plan (the kind with the most sections) with every field at its maximum length: one entry
    in every section, each entry (and each refusal's alternative) as long as allowed, and the details
    (facilitator, people present) full. The plan whose PDF must still render in time (ADR 0020)."""
    from recovery_portal.text_limits import ENTRY, NAMES

    from ..models import Plan
    from ..sections import EntryKind, PlanKind, sections_for

    plan = services.plan_start(person=person, kind=PlanKind.CRISIS, by=by)
    plan = services.plan_details_change(
        plan=plan,
        expected_version=plan.version,
        by=by,
        review_date=date(2031, 3, 1),
        stage="planning_meeting",
        facilitator=text_of_length(Plan._meta.get_field("facilitator").max_length, seed="Ann Lee"),
        people_present=text_of_length(NAMES, seed="Dan, his mum Margaret, Mohammed (care coordinator)"),
    )
    for section in sections_for(PlanKind.CRISIS):
        services.plan_entry_add(
            plan=plan,
            expected_version=plan.version,
            section=section.code,
            text=text_of_length(ENTRY),
            # Said by the person in the room and written down by the worker: only the person writes as themself.
            author_role="said_in_room",
            by=by,
            alternative=text_of_length(ENTRY, seed="A quiet room and someone I know")
            if section.kind == EntryKind.REFUSAL
            else "",
            phone="07700 900123" if section.kind == EntryKind.CONTACT else "",
        )
        plan.refresh_from_db()
    return plan
