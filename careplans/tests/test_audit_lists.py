"""Lists are reads too (issue 15 point 5): one audit event per page, naming everyone shown on it."""

import pytest
from django.urls import reverse

from recovery_portal.models import AuditAction, AuditEvent

from .factories import CaseloadEntryFactory, ServiceUserFactory

pytestmark = pytest.mark.django_db


def _person_key(person):
    return f"careplans.serviceuser:{person.pk}"


def test_the_caseload_writes_one_event_naming_the_people_on_the_page(
    client, personas, persona_team, serviceuser_record, outsider_person
):
    others = [CaseloadEntryFactory(person=ServiceUserFactory(), team=persona_team).person for _ in range(3)]
    client.force_login(personas["clinician"])

    assert client.get(reverse("careplans:caseload")).status_code == 200

    event = AuditEvent.objects.get(action=AuditAction.VIEW)
    assert (event.actor, event.reason) == (personas["clinician"], "caseload")
    assert sorted(event.subjects) == sorted(_person_key(p) for p in [serviceuser_record, *others])
    assert _person_key(outsider_person) not in event.subjects


def test_a_caseload_search_is_audited_without_keeping_what_was_typed(client, personas, serviceuser_record):
    client.force_login(personas["clinician"])

    client.get(reverse("careplans:caseload"), {"q": serviceuser_record.nhs_number})
    client.get(reverse("careplans:caseload"), {"q": "Nobody by this name"})

    found, nobody = AuditEvent.objects.filter(action=AuditAction.VIEW).order_by("id")
    assert (found.reason, found.subjects) == ("caseload search", [_person_key(serviceuser_record)])
    assert (nobody.reason, nobody.subjects) == ("caseload search", [])
    assert not AuditEvent.objects.filter(reason__contains=serviceuser_record.nhs_number).exists()


def test_a_session_register_names_the_students_on_it(
    client, personas, serviceuser_enrolment, college_session
):
    client.force_login(personas["trainer"])

    assert client.get(reverse("college:register", args=[college_session.pk])).status_code == 200

    event = AuditEvent.objects.get(action=AuditAction.VIEW)
    assert event.reason == "Recovery College session register"
    assert event.subjects == [f"college.student:{serviceuser_enrolment.student_id}"]
