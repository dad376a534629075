"""Who sees whom: caseload scoping, the person's own record, supporters' consented sections, and the
audit trail every read leaves."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from recovery_portal.models import AuditAction, AuditEvent

from .. import services
from ..models import Plan, ServiceUser
from .fixtures import CARER_SHARED_SAFETY_SECTIONS

pytestmark = pytest.mark.django_db


def _person_urls(person, plan, entry):
    return [
        reverse("careplans:person", kwargs={"pk": person.pk}),
        reverse("careplans:who-viewed", kwargs={"pk": person.pk}),
        reverse("careplans:supporter-new", kwargs={"pk": person.pk}),
        reverse("careplans:plan", kwargs={"pk": plan.pk}),
        reverse("careplans:plan-details", kwargs={"pk": plan.pk}),
        reverse("careplans:plan-agree", kwargs={"pk": plan.pk}),
        reverse("careplans:plan-history", kwargs={"pk": plan.pk}),
        reverse("careplans:plan-version", kwargs={"pk": plan.pk, "number": 1}),
        reverse("careplans:plan-compare", kwargs={"pk": plan.pk}) + "?old=1&new=2",
        reverse("careplans:plan-pdf", kwargs={"pk": plan.pk}),
        reverse("careplans:entry-add", kwargs={"pk": plan.pk, "section": "warning_signs"}),
        reverse("careplans:entry-change", kwargs={"pk": entry.pk}),
        reverse("careplans:entry-remove", kwargs={"pk": entry.pk}),
        reverse("careplans:entry-disagree", kwargs={"pk": entry.pk}),
    ]


def test_outsider_gets_404_on_every_page_of_a_person_outside_their_caseloads(client, personas, safety_entry):
    plan = safety_entry.plan
    client.force_login(personas["outsider"])

    for url in _person_urls(plan.person, plan, safety_entry):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code in (404, 405), url


def test_the_person_sees_only_their_own_record(client, personas, safety_entry, outsider_plan):
    client.force_login(personas["serviceuser"])

    for url in _person_urls(safety_entry.plan.person, safety_entry.plan, safety_entry):
        assert client.get(url).status_code in (200, 403), url
    other_entry = outsider_plan.entries.get()
    for url in _person_urls(outsider_plan.person, outsider_plan, other_entry):
        assert client.get(url).status_code == 404, url
    assert list(ServiceUser.objects.visible_to(personas["serviceuser"])) == [safety_entry.plan.person]


def test_a_person_who_leaves_the_caseload_is_no_longer_visible_to_that_team(
    client, personas, serviceuser_caseload_entry, safety_plan
):
    services.caseload_entry_end(
        entry=serviceuser_caseload_entry,
        end_date=timezone.localdate() - timedelta(days=1),
        by=personas["teamlead"],
    )
    client.force_login(personas["peerworker"])

    assert client.get(reverse("careplans:person", kwargs={"pk": safety_plan.person.pk})).status_code == 404
    assert client.get(reverse("careplans:plan", kwargs={"pk": safety_plan.pk})).status_code == 404
    assert client.get(reverse("careplans:plan-pdf", kwargs={"pk": safety_plan.pk})).status_code == 404
    caseload = client.get(reverse("careplans:caseload"))
    assert "Daniel" not in caseload.content.decode() and "Dan Hughes" not in caseload.content.decode()


def test_the_last_day_on_the_caseload_still_counts(personas, serviceuser_caseload_entry):
    services.caseload_entry_end(
        entry=serviceuser_caseload_entry, end_date=timezone.localdate(), by=personas["teamlead"]
    )

    assert ServiceUser.objects.visible_to(personas["peerworker"]).count() == 1


def test_the_carer_sees_exactly_the_sections_shared_with_them(client, personas, carer_supporter, crisis_plan):
    client.force_login(personas["carer"])

    page = client.get(reverse("careplans:shared", kwargs={"pk": carer_supporter.pk})).content.decode()

    assert "Not sleeping, pacing at night" in page  # warning signs: shared
    assert "Mum (Margaret)" in page and 'href="tel:07700900123"' in page  # people to ask: shared
    assert "Walk the dog" not in page  # coping: not shared
    assert "My dog Bess" not in page  # reasons for living: not shared
    assert "Haloperidol" not in page  # the crisis plan: nothing shared
    headings = [
        s.title for s in Plan.objects.get(kind="safety").sections if s.code in CARER_SHARED_SAFETY_SECTIONS
    ]
    for heading in headings:
        assert heading in page
    for url in [
        reverse("careplans:person", kwargs={"pk": carer_supporter.person.pk}),
        reverse("careplans:plan", kwargs={"pk": crisis_plan.pk}),
        reverse("careplans:plan-pdf", kwargs={"pk": crisis_plan.pk}),
    ]:
        assert client.get(url).status_code == 404


def test_a_supporter_who_is_no_longer_active_sees_nothing(client, personas, carer_supporter):
    carer_supporter.is_active = False
    carer_supporter.save()
    client.force_login(personas["carer"])

    assert client.get(reverse("careplans:shared", kwargs={"pk": carer_supporter.pk})).status_code == 404


def test_the_person_chooses_what_the_carer_sees(client, personas, carer_supporter, safety_plan):
    client.force_login(personas["serviceuser"])

    response = client.post(
        reverse("careplans:supporter-sharing", kwargs={"pk": carer_supporter.pk}),
        {f"plan_{safety_plan.pk}": ["reasons_for_living"]},
    )

    assert response.status_code == 302
    client.force_login(personas["carer"])
    page = client.get(reverse("careplans:shared", kwargs={"pk": carer_supporter.pk})).content.decode()
    assert "My dog Bess" in page
    assert "Not sleeping" not in page


READ_PAGES = [
    ("careplans:person", "person", AuditAction.VIEW),
    ("careplans:who-viewed", "person", AuditAction.VIEW),
    ("careplans:plan", "plan", AuditAction.VIEW),
    ("careplans:plan-history", "plan", AuditAction.VIEW),
    ("careplans:plan-version", "plan", AuditAction.VIEW),
    ("careplans:plan-compare", "plan", AuditAction.VIEW),
    ("careplans:plan-pdf", "plan", AuditAction.EXPORT),
]


@pytest.mark.parametrize(("url_name", "target", "action"), READ_PAGES, ids=[row[0] for row in READ_PAGES])
def test_every_read_writes_one_audit_event(client, personas, safety_plan, url_name, target, action):
    obj = safety_plan.person if target == "person" else safety_plan
    kwargs = {"pk": obj.pk, **({"number": 1} if url_name == "careplans:plan-version" else {})}
    client.force_login(personas["peerworker"])
    before = AuditEvent.objects.count()

    assert client.get(reverse(url_name, kwargs=kwargs)).status_code == 200

    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.first()
    assert event.actor == personas["peerworker"]
    assert event.action == action
    assert (event.object_type, event.object_id) == (ContentType.objects.get_for_model(obj), str(obj.pk))


def test_the_supporter_view_and_the_persons_own_page_are_audited(client, personas, carer_supporter):
    client.force_login(personas["carer"])
    client.get(reverse("careplans:shared", kwargs={"pk": carer_supporter.pk}))
    client.force_login(personas["serviceuser"])
    client.get(reverse("careplans:my-plans"))

    views = AuditEvent.objects.filter(action=AuditAction.VIEW)
    actors = list(views.values_list("actor__username", flat=True)[:2])
    assert actors == ["serviceuser", "carer"]


def test_the_person_sees_who_has_viewed_their_plans(client, personas, safety_plan):
    client.force_login(personas["clinician"])
    client.get(reverse("careplans:plan", kwargs={"pk": safety_plan.pk}))
    client.force_login(personas["serviceuser"])

    page = client.get(reverse("careplans:who-viewed", kwargs={"pk": safety_plan.person.pk})).content.decode()

    assert "Mohammed Iqbal" in page
    assert "Community Psychiatric Nurse" in page


def test_a_caseload_entry_needs_a_last_day_after_its_first(personas, serviceuser_caseload_entry):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.caseload_entry_end(
            entry=serviceuser_caseload_entry, end_date=date(2000, 1, 1), by=personas["teamlead"]
        )
