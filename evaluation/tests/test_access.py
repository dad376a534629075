"""A person's returns follow the person: outsiders get 404, the person sees only their own, and every
read of a person's measures leaves one audit event."""

from datetime import date

import pytest
from django.urls import reverse

from careplans.tests.factories import CaseloadEntryFactory
from recovery_portal.models import AuditAction, AuditEvent

from .factories import prom_return

pytestmark = pytest.mark.django_db


def _person_urls(person, prom_return_):
    return [
        reverse("measures:person", kwargs={"pk": person.pk}),
        reverse("measures:return-new", kwargs={"pk": person.pk, "code": "SWEMWBS"}),
        reverse("measures:return-new", kwargs={"pk": person.pk, "code": "REQOL10"}),
        reverse("measures:return", kwargs={"pk": prom_return_.pk}),
    ]


def test_outsider_gets_404_on_every_measures_page_of_a_person_outside_their_caseloads(
    client, personas, swemwbs_return, serviceuser_record
):
    client.force_login(personas["outsider"])
    for url in _person_urls(serviceuser_record, swemwbs_return):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code in (404, 405), url
    assert not AuditEvent.objects.filter(actor=personas["outsider"], action=AuditAction.VIEW).exists()


def test_the_person_sees_only_their_own_measures(
    client, personas, swemwbs_return, outsider_person, outsider_team
):
    other = prom_return(person=outsider_person, team=outsider_team, completed_on=date(2025, 5, 1))
    client.force_login(personas["serviceuser"])
    assert client.get(reverse("measures:return", kwargs={"pk": swemwbs_return.pk})).status_code == 200
    assert client.get(reverse("measures:mine")).status_code == 200
    for url in _person_urls(outsider_person, other):
        assert client.get(url).status_code == 404, url


def test_a_team_that_no_longer_has_the_person_on_its_caseload_loses_sight_of_their_returns(
    client, personas, swemwbs_return, serviceuser_caseload_entry
):
    serviceuser_caseload_entry.end_date = date(2025, 1, 1)
    serviceuser_caseload_entry.save()
    client.force_login(personas["peerworker"])
    assert client.get(reverse("measures:return", kwargs={"pk": swemwbs_return.pk})).status_code == 404


def test_staff_of_another_team_with_the_person_on_its_caseload_see_returns_recorded_by_the_first(
    client, personas, swemwbs_return, serviceuser_record, outsider_team
):
    CaseloadEntryFactory(person=serviceuser_record, team=outsider_team)
    client.force_login(personas["outsider"])
    assert client.get(reverse("measures:person", kwargs={"pk": serviceuser_record.pk})).status_code == 200


@pytest.mark.parametrize(
    ("url_name", "persona", "target"),
    [
        ("measures:person", "teamlead", "person"),
        ("measures:person", "peerworker", "person"),
        ("measures:mine", "serviceuser", "person"),
        ("measures:return-new", "clinician", "person"),
        ("measures:return", "peerworker", "return"),
        ("measures:return", "serviceuser", "return"),
    ],
)
def test_every_read_writes_one_audit_event(
    client, personas, swemwbs_return, serviceuser_record, url_name, persona, target
):
    kwargs = {
        "measures:person": {"pk": serviceuser_record.pk},
        "measures:mine": {},
        "measures:return-new": {"pk": serviceuser_record.pk, "code": "QPR15"},
        "measures:return": {"pk": swemwbs_return.pk},
    }[url_name]
    client.force_login(personas[persona])
    before = AuditEvent.objects.count()
    assert client.get(reverse(url_name, kwargs=kwargs)).status_code == 200
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    obj = serviceuser_record if target == "person" else swemwbs_return
    assert (event.actor, event.action, event.object_id) == (personas[persona], AuditAction.VIEW, str(obj.pk))
    assert event.object_type.model == obj._meta.model_name


def test_a_person_without_a_record_has_no_measures_page(client, personas):
    client.force_login(personas["serviceuser"])  # no ServiceUser record in this test
    assert client.get(reverse("measures:mine")).status_code == 404


def test_an_unknown_or_inactive_instrument_is_404(client, personas, serviceuser_record):
    from evaluation.models import Instrument

    client.force_login(personas["peerworker"])
    url = reverse("measures:return-new", kwargs={"pk": serviceuser_record.pk, "code": "PHQ9"})
    assert client.get(url).status_code == 404
    Instrument.objects.filter(code="WEMWBS").update(is_active=False)
    url = reverse("measures:return-new", kwargs={"pk": serviceuser_record.pk, "code": "WEMWBS"})
    assert client.get(url).status_code == 404
    url = reverse("measures:return-new", kwargs={"pk": serviceuser_record.pk, "code": "FFT"})
    assert client.get(url).status_code == 404


def test_the_careplans_person_page_links_to_the_measures(client, personas, serviceuser_record):
    client.force_login(personas["peerworker"])
    page = client.get(reverse("careplans:person", kwargs={"pk": serviceuser_record.pk}))
    assert reverse("measures:person", kwargs={"pk": serviceuser_record.pk}) in page.content.decode()
    client.force_login(personas["serviceuser"])
    assert reverse("measures:mine") in client.get(reverse("careplans:my-plans")).content.decode()


def test_the_measures_link_takes_a_person_to_their_own_measures(client, personas, serviceuser_record):
    client.force_login(personas["serviceuser"])
    response = client.get(reverse("measures:index"))
    assert response.status_code == 302 and response.url == reverse("measures:mine")


def test_the_measures_page_links_to_the_import_for_those_who_may_import(client, personas):
    link = reverse("measure_imports:upload")
    client.force_login(personas["peerworker"])
    assert link in client.get(reverse("measures:index")).content.decode()
    client.force_login(personas["steering"])
    page = client.get(reverse("measures:index"))
    assert page.status_code == 200 and link not in page.content.decode()
