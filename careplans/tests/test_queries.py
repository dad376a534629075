"""Query counts of the caseload, person, plan and history pages stay fixed as caseloads and versions grow."""

import pytest
from django.urls import reverse

from .. import services
from ..models import AuthorRole
from ..sections import PlanKind
from .factories import CaseloadEntryFactory, ServiceUserFactory, plan_with_entries

pytestmark = pytest.mark.django_db

# Every signed-in page reads the session and the user, and saves the session (idle timeout: a savepoint,
# the update, its release): five queries before the page's own.
CASELOAD_QUERIES = 11  # 10, and the audit row naming the people on the page (issue 15)
# +2 over the page itself: the person's own account and whether it is a student's, to say whether the portal
# can contact them (recovery_portal.notifications.contact_for).
PERSON_QUERIES = 17
PLAN_QUERIES = 13
# The messages page: five before its own (see above), then team ids, the person, the audit row, the messages
# with template and recipient, and the person's account and whether it is a student's (can they be contacted).
MESSAGES_QUERIES = 11
# Two fewer than before: the header's links ask the rule set only, without Django's model permissions.
# Two more: the plan's recorded agreements and its disagreements, each shown against its version (a third, the
# people who agreed, once the plan has been agreed). None grows with the number of versions.
HISTORY_QUERIES = 11


def _grow_caseload(team, by, people: int):
    for _ in range(people):
        person = ServiceUserFactory()
        CaseloadEntryFactory(person=person, team=team, care_coordinator=by, peer_support_worker=by)
        plan_with_entries(
            person=person, kind=PlanKind.SAFETY, by=by, entries=[("coping", "Music", "said_in_room")]
        )


def _grow_versions(plan, by, versions: int):
    for number in range(versions):
        entry = services.plan_entry_add(
            plan=plan, expected_version=plan.version, section="coping", text=f"Idea {number}",
            author_role=AuthorRole.SAID_IN_ROOM, by=by,
        )  # fmt: skip
        services.disagreement_record(entry=entry, text="Not this one", by=by)


def test_caseload_page_queries_do_not_grow_with_the_caseload(
    client, personas, persona_team, safety_plan, django_assert_num_queries
):
    client.force_login(personas["peerworker"])
    url = reverse("careplans:caseload")
    client.get(url)
    # + the user's memberships (teams to filter by), the count, the entries with person, team and workers,
    # their plans (prefetch), the memberships again for the "add a person" permission, the audit row
    with django_assert_num_queries(CASELOAD_QUERIES):
        client.get(url)

    _grow_caseload(persona_team, personas["clinician"], 12)
    with django_assert_num_queries(CASELOAD_QUERIES):
        assert client.get(url).status_code == 200


def test_person_page_queries_do_not_grow_with_versions(
    client, personas, safety_plan, django_assert_num_queries
):
    client.force_login(personas["peerworker"])
    url = reverse("careplans:person", kwargs={"pk": safety_plan.person.pk})
    client.get(url)
    # + team ids (scoping), the person, caseload entries, plans, supporters (prefetches), the audit row,
    # the timeline's latest versions and disagreements, memberships and caseload teams (permissions)
    with django_assert_num_queries(PERSON_QUERIES):
        client.get(url)

    _grow_versions(safety_plan, personas["clinician"], 10)
    with django_assert_num_queries(PERSON_QUERIES):
        assert client.get(url).status_code == 200


def test_plan_page_queries_do_not_grow_with_entries_or_versions(
    client, personas, safety_plan, django_assert_num_queries
):
    client.force_login(personas["peerworker"])
    url = reverse("careplans:plan", kwargs={"pk": safety_plan.pk})
    client.get(url)
    # + team ids (scoping), the plan with person and agreement, entries, their disagreements, documents,
    # the audit row, memberships and caseload teams (permissions)
    with django_assert_num_queries(PLAN_QUERIES):
        client.get(url)

    _grow_versions(safety_plan, personas["clinician"], 10)
    with django_assert_num_queries(PLAN_QUERIES):
        assert client.get(url).status_code == 200


def test_history_page_queries_do_not_grow_with_versions(
    client, personas, safety_plan, django_assert_num_queries
):
    client.force_login(personas["serviceuser"])
    url = reverse("careplans:plan-history", kwargs={"pk": safety_plan.pk})
    client.get(url)
    # + the plan (the person's own: no team ids), the audit row, the count and one page of versions
    with django_assert_num_queries(HISTORY_QUERIES):
        client.get(url)

    _grow_versions(safety_plan, personas["clinician"], 10)
    with django_assert_num_queries(HISTORY_QUERIES):
        assert client.get(url).status_code == 200


def _message(person, number: int):
    from recovery_portal.notifications import notify

    return notify(
        recipient=person.user,
        template="place-offered",
        personalisation={
            "first_name": "Dan",
            "offer_ends": f"{number} December",
            "link": "http://testserver/",
        },
        reason="A place came free",
    )


def test_the_messages_page_queries_do_not_grow_with_messages(
    client, personas, serviceuser_record, django_assert_num_queries
):
    client.force_login(personas["peerworker"])
    url = reverse("careplans:person-messages", kwargs={"pk": serviceuser_record.pk})
    _message(serviceuser_record, 1)
    client.get(url)
    with django_assert_num_queries(MESSAGES_QUERIES):
        client.get(url)
    for number in range(2, 12):
        _message(serviceuser_record, number)
    with django_assert_num_queries(MESSAGES_QUERIES):
        assert client.get(url).status_code == 200
