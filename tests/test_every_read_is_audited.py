"""Every page that shows a person's data writes an audit event, lists and admin pages included.

The pages come from the URL patterns themselves, through the authorisation matrix (which already fails
when a named URL has no row): each page someone may open (200 on GET) is opened as every persona who may
open it, and must write an audit event, unless it is listed below as showing no personal data, with why.
A new page therefore fails here until it audits its reads or says why it has nothing to audit.

In admin, every registered model that holds personal data (``PersonalData``) and the audit trail itself
are walked: the change list, a record, its history and, where the admin keeps it, an earlier version.
"""

import pytest
from django.contrib import admin
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from recovery_portal.access import PersonalData
from recovery_portal.admin_audit import AuditedAdmin
from recovery_portal.models import AuditAction, AuditEvent

# The matrix's rows build their URL arguments from these fixtures, so they are needed here too.
from tests.test_authorisation_matrix import MATRIX, PERSONAS, clinician_task  # noqa: F401

pytestmark = pytest.mark.django_db

READS = [AuditAction.VIEW, AuditAction.EXPORT]

# Pages that render nothing about a person who uses services or a student, and why.
NO_PERSONAL_DATA = {
    "accessibility-statement": "public page",
    "privacy-notice": "public page",
    "health": "service health for the load balancer",
    "health-ready": "readiness of the database, Redis, workers and beat, for the load balancer",
    "careplans:person-known": "an empty form to find a person by NHS number and date of birth",
    "login": "sign-in form",
    "identity:invitation": "an invitation's page: a way to sign in, nothing about the person who invited",
    "identity:invitation-nhs-login": "the same invitation page, when NHS login is not set up",
    "password_change": "the user's own password form",
    "password_change_done": "confirmation",
    "password_reset": "form",
    "password_reset_done": "confirmation",
    "password_reset_confirm": "form",
    "password_reset_complete": "confirmation",
    "system-status": "workers and queues, no records",
    "admin:index": "the list of admin sections; the admin pages are walked below",
    "careplans:person-new": "an empty form for a new person",
    "college:prospectus": "public courses",
    "college:calendar": "public courses",
    "college:course": "public course",
    "college:run": "public course run",
    "college:register-student": "an empty registration form",
    "college:join": "an empty form",
    "college:learning-plan-start": "an empty form for the student's own new plan",
    "college:dashboard": "counts, no people",
    "college:fidelity": "the college's fidelity ratings",
    "measures:index": "the instruments and the user's teams",
    "measures:feedback-new": "an anonymous Friends and Family Test form",
    "measure_imports:upload": "an empty upload form",
    "measure_imports:template": "an empty template",
    "measure_imports:checking": "the file's name and how many of its rows have been checked",
    "measure_imports:history": "file names, who imported them and counts",
    "measure_imports:detail": "counts per measure and team",
    "measures:mhsds-extract": "the form for the period; the CSV it downloads is audited (test_mhsds_extract)",
    "fhir:metadata": "the FHIR API's CapabilityStatement",
    "fhir:smart-configuration": "the FHIR API's token endpoint and the signing algorithms it accepts",
    "college:confirm-email": "confirms an address; shows no record",
    "mfa-setup": "the user's own second factors",
    "mfa-setup-app": "the user's own new authenticator app",
    "mfa-setup-passkey": "an empty form for the user's own passkey",
    "mfa-recovery-codes": "how many of the user's own recovery codes are left",
    "mfa-device-remove": "the user's own device",
    "mfa-verify": "the user's own sign-in form",
    "mfa-recover": "the user's own sign-in form",
}
# Every page of these apps is about teams, the strategy and aggregate figures, never a person's record.
NO_PERSONAL_DATA_PREFIXES = {
    "college:setup-": "courses, terms, venues and sessions",
    "dashboards:": "aggregate figures, small numbers suppressed",
    "reports:": "aggregate figures, small numbers suppressed",
    "teams:": "Team Recovery Plans and the Triangle of Care: about teams",
    "workstreams:": "the strategy's workstreams, actions and meetings",
}
# Pages that show a person's data only to some of those who may open them.
ONLY_AS = {
    "home": ["serviceuser", "carer"],  # their own plans, and what is shared with a supporter
    "college:my-courses": ["serviceuser"],  # the only persona who is a student
    "tasks": ["clinician"],  # the persona with a follow-up task (``clinician_task``)
    "contact-settings": ["serviceuser"],  # the messages sent to them; staff have none here
}
# The records those personas see there.
NEEDS = {
    "home": ["carer_supporter"],
    "college:my-courses": ["serviceuser_enrolment"],
    "tasks": ["clinician_task"],
}


def _without_personal_data(name: str) -> bool:
    return name in NO_PERSONAL_DATA or name.startswith(tuple(NO_PERSONAL_DATA_PREFIXES))


PERSONAL_PAGES = sorted(
    name
    for name, (_, expected) in MATRIX.items()
    if not _without_personal_data(name) and any(expected.get(p, expected["*"]) == 200 for p in PERSONAS)
)


def test_the_pages_without_personal_data_are_still_pages():
    assert not sorted(NO_PERSONAL_DATA.keys() - MATRIX.keys()), "remove pages that no longer exist"


def _reads_written(client, user, url):
    """GET ``url`` as ``user`` and count the reads audited, rolled back so each persona starts clean."""
    client.force_login(user)
    with transaction.atomic():
        before = AuditEvent.objects.filter(action__in=READS).count()
        response = client.get(url)
        written = list(AuditEvent.objects.filter(action__in=READS).order_by("id")[before:])
        transaction.set_rollback(True)
    client.logout()
    return response, written


@pytest.mark.parametrize("url_name", PERSONAL_PAGES)
def test_every_page_with_personal_data_audits_each_read(request, client, personas, url_name):
    build_args, expected = MATRIX[url_name]
    for fixture in NEEDS.get(url_name, []):
        request.getfixturevalue(fixture)
    url = reverse(url_name, kwargs=build_args(request))
    readers = ONLY_AS.get(url_name) or [p for p in PERSONAS if expected.get(p, expected["*"]) == 200]
    unaudited = []
    for persona in readers:
        response, written = _reads_written(client, personas[persona], url)
        assert response.status_code == 200, (url_name, persona, response.status_code)
        if not any(event.actor_id == personas[persona].pk for event in written):
            unaudited.append(persona)
    assert not unaudited, f"GET {url_name} as {unaudited} wrote no audit event"


# Admin ------------------------------------------------------------------------------------------------


def _personal_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if issubclass(model, PersonalData)
    ]


def test_every_admin_of_personal_data_is_audited():
    plain = [
        model._meta.label
        for model, model_admin in _personal_admins()
        if not isinstance(model_admin, AuditedAdmin)
    ]

    assert not plain, f"mix AuditedAdmin into the admin of {plain}"


@pytest.fixture
def every_kind_of_record(
    safety_plan,
    carer_supporter,
    plan_document,
    swemwbs_return,
    return_import_done,
    serviceuser_completed_enrolment,
    serviceuser_plan,
    persona_team,
    admin,
):
    from careplans import services
    from evaluation.tests.factories import prem_return

    entry = safety_plan.entries.get(section="coping")
    services.disagreement_record(entry=entry, text="I never said that", by=safety_plan.person.user)
    services.plan_entry_erase(entry=entry, reason="Court order 2026/114", by=admin)
    prem_return(team=persona_team)
    from recovery_portal.notifications import notify
    from recovery_portal.services import follow_up_task_raise

    follow_up_task_raise(key="walk-admin", assignee=admin, title="Review due: Dan Hughes")
    notify(
        recipient=safety_plan.person.user,
        template="place-offered",
        personalisation={
            "first_name": "Dan",
            "offer_ends": "9 December at 10:00",
            "link": "http://testserver/",
        },
        reason="A place came free",
    )
    AuditEvent.objects.create(
        action=AuditAction.VIEW, subjects=[f"careplans.serviceuser:{safety_plan.person_id}"]
    )


def _admin_pages(model, model_admin):
    info = (model._meta.app_label, model._meta.model_name)
    row = model._default_manager.order_by("pk").first()
    assert row is not None, f"add a {model._meta.label} to every_kind_of_record so its admin is walked"
    pages = {
        "list": reverse("admin:{}_{}_changelist".format(*info)),
        "record": reverse("admin:{}_{}_change".format(*info), args=[row.pk]),
        "history": reverse("admin:{}_{}_history".format(*info), args=[row.pk]),
    }
    history = getattr(model, "history", None)
    if history is not None:
        earlier = history.filter(**{model._meta.pk.attname: row.pk}).first()
        try:
            pages["earlier version"] = reverse(
                "admin:{}_{}_simple_history".format(*info), args=[row.pk, earlier.history_id]
            )
        except NoReverseMatch:
            pass  # this admin does not show earlier versions
    return pages


@pytest.mark.parametrize("label", sorted(model._meta.label for model, _ in _personal_admins()))
def test_every_admin_page_of_personal_data_audits_each_read(client, admin, every_kind_of_record, label):
    model, model_admin = next((m, a) for m, a in _personal_admins() if m._meta.label == label)
    unaudited = []
    for page, url in _admin_pages(model, model_admin).items():
        response, written = _reads_written(client, admin, url)
        assert response.status_code == 200, (label, page, response.status_code)
        if not any(event.actor_id == admin.pk for event in written):
            unaudited.append(page)
    assert not unaudited, f"admin of {label}: {unaudited} wrote no audit event"


def test_an_admin_list_names_everyone_on_the_page(client, admin, every_kind_of_record, safety_plan):
    _, written = _reads_written(client, admin, reverse("admin:careplans_planversion_changelist"))

    assert [event.subjects for event in written] == [[f"careplans.serviceuser:{safety_plan.person_id}"]]
