"""Fixtures of the careplans app, shared with the authorisation matrix and the browser tests.

``serviceuser_record`` is Daniel Hughes (the ``serviceuser`` login) on the persona team's caseload, with
``clinician`` as care coordinator and ``peerworker`` as peer support worker. ``carer_supporter`` is
Margaret Hughes (the ``carer`` login), who may see the safety plan's warning signs and the people to
ask for help, and nothing else. ``outsider_person`` is on the outsider team's caseload only.
"""

from datetime import date

import pytest

from .. import services
from ..models import AuthorRole
from ..sections import PlanKind
from .factories import CaseloadEntryFactory, ServiceUserFactory, plan_with_entries

CARER_SHARED_SAFETY_SECTIONS = ["warning_signs", "ask_for_help"]


@pytest.fixture
def serviceuser_record(personas, persona_team):
    person = ServiceUserFactory(
        given_name="Daniel", family_name="Hughes", preferred_name="Dan", user=personas["serviceuser"]
    )
    CaseloadEntryFactory(
        person=person,
        team=persona_team,
        care_coordinator=personas["clinician"],
        peer_support_worker=personas["peerworker"],
    )
    return person


@pytest.fixture
def safety_plan(serviceuser_record, personas):
    return plan_with_entries(
        person=serviceuser_record,
        kind=PlanKind.SAFETY,
        by=personas["peerworker"],
        entries=[
            ("warning_signs", "Not sleeping, pacing at night", AuthorRole.PERSON),
            ("coping", "Walk the dog round the park", AuthorRole.PERSON),
            ("ask_for_help", "Mum (Margaret)", AuthorRole.PEER_WORKER),
            ("professionals", "Crisis line", AuthorRole.CLINICIAN),
            ("reasons_for_living", "My dog Bess and my nephew", AuthorRole.PERSON),
        ],
        ask_for_help={"phone": "07700 900123"},
        professionals={"phone": "0115 956 0860"},
    )


@pytest.fixture
def crisis_plan(serviceuser_record, personas):
    return plan_with_entries(
        person=serviceuser_record,
        kind=PlanKind.CRISIS,
        by=personas["clinician"],
        entries=[
            ("early_signs", "Stop answering the phone", AuthorRole.PERSON),
            ("refusals", "Haloperidol", AuthorRole.PERSON),
        ],
        refusals={"alternative": "Olanzapine"},
    )


@pytest.fixture
def recovery_plan(serviceuser_record, personas):
    return plan_with_entries(
        person=serviceuser_record,
        kind=PlanKind.RECOVERY,
        by=personas["peerworker"],
        entries=[("what_matters", "Getting back to the allotment", AuthorRole.PERSON)],
    )


@pytest.fixture
def carer_supporter(serviceuser_record, safety_plan, personas):
    supporter = services.supporter_add(
        person=serviceuser_record,
        name="Margaret Hughes",
        relationship="carer",
        user=personas["carer"],
        by=personas["serviceuser"],
    )
    services.supporter_consent_set(
        supporter=supporter,
        plan=safety_plan,
        sections=CARER_SHARED_SAFETY_SECTIONS,
        by=personas["serviceuser"],
    )
    return supporter


@pytest.fixture
def safety_entry(safety_plan):
    return safety_plan.entries.get(section="warning_signs")


@pytest.fixture
def clinician_entry(safety_plan):
    return safety_plan.entries.get(section="professionals")


@pytest.fixture
def serviceuser_caseload_entry(serviceuser_record):
    return serviceuser_record.caseload_entries.get()


@pytest.fixture
def shared_caseload_entry(serviceuser_record, persona_team, outsider_team, personas):
    """Dan's entry on the persona team's caseload, while he is also on the outsider team's: the outsider
    sees him, but only the persona team may change or end its own entry."""
    CaseloadEntryFactory(person=serviceuser_record, team=outsider_team, care_coordinator=personas["outsider"])
    return serviceuser_record.caseload_entries.get(team=persona_team)


@pytest.fixture
def outsider_person(outsider_team, personas):
    person = ServiceUserFactory(given_name="Kerry", family_name="Walsh")
    CaseloadEntryFactory(
        person=person, team=outsider_team, care_coordinator=personas["outsider"], start_date=date(2023, 1, 9)
    )
    return person


@pytest.fixture
def outsider_plan(outsider_person, personas):
    return plan_with_entries(
        person=outsider_person,
        kind=PlanKind.SAFETY,
        by=personas["outsider"],
        entries=[("warning_signs", "Hearing voices louder", AuthorRole.SAID_IN_ROOM)],
    )


PDF_BYTES = b"%PDF-1.4\n% advance decision\n"


@pytest.fixture
def plan_document(crisis_plan, personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return services.plan_document_add(
        plan=crisis_plan,
        title="Signed advance decision",
        upload=SimpleUploadedFile("advance-decision.pdf", PDF_BYTES, content_type="application/pdf"),
        by=personas["clinician"],
    )
