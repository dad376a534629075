import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from recovery_portal.tests.factories import UserFactory
from workstreams import services
from workstreams.admin import WorkstreamAdminForm
from workstreams.models import SteeringGroup, SteeringGroupLevel, Workstream
from workstreams.reference import SteeringGroupSlug, WorkstreamSlug
from workstreams.tests.factories import (
    SteeringGroupMembershipFactory,
    service_steering_group,
    trust_steering_group,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def risk():
    return Workstream.objects.get(slug=WorkstreamSlug.RISK)


def test_both_leads_are_named_and_who_named_them_is_kept(risk, admin):
    professional, peer = UserFactory(), UserFactory(job_title="Peer Support Worker")

    services.workstream_set_leads(workstream=risk, professional_lead=professional, peer_lead=peer, by=admin)

    risk.refresh_from_db()
    assert (risk.professional_lead, risk.peer_lead, risk.changed_by) == (professional, peer, admin)
    assert risk.leads_named


@pytest.mark.parametrize("missing", ["professional_lead", "peer_lead"])
def test_a_workstream_cannot_be_given_only_one_lead(risk, admin, missing):
    leads = {"professional_lead": UserFactory(), "peer_lead": UserFactory(), missing: None}

    with pytest.raises(ValidationError) as error:
        services.workstream_set_leads(workstream=risk, by=admin, **leads)

    assert missing in error.value.message_dict


def test_the_two_leads_are_different_people_and_both_staff(risk, admin, serviceuser):
    someone = UserFactory()
    with pytest.raises(ValidationError):
        services.workstream_set_leads(workstream=risk, professional_lead=someone, peer_lead=someone, by=admin)
    with pytest.raises(ValidationError):
        services.workstream_set_leads(
            workstream=risk, professional_lead=someone, peer_lead=serviceuser, by=admin
        )


def test_setting_the_same_leads_again_saves_nothing(risk, admin):
    professional, peer = UserFactory(), UserFactory()
    services.workstream_set_leads(workstream=risk, professional_lead=professional, peer_lead=peer, by=admin)
    changed_at = Workstream.objects.get(pk=risk.pk).changed_at

    services.workstream_set_leads(workstream=risk, professional_lead=professional, peer_lead=peer, by=admin)

    assert Workstream.objects.get(pk=risk.pk).changed_at == changed_at


def test_the_admin_form_requires_both_leads(risk):
    data = {
        "name": risk.name,
        "slug": risk.slug,
        "domain": risk.domain_id,
        "order": risk.order,
        "purpose": risk.purpose,
        "professional_lead": UserFactory().pk,
        "peer_lead": "",
    }

    form = WorkstreamAdminForm(data=data, instance=risk)

    assert not form.is_valid()
    assert "peer_lead" in form.errors
    data["peer_lead"] = UserFactory().pk
    assert WorkstreamAdminForm(data=data, instance=risk).is_valid()


def test_a_steering_group_seat_cannot_end_before_it_starts(steering):
    with pytest.raises(IntegrityError):
        SteeringGroupMembershipFactory(
            user=steering, start_date=datetime.date(2024, 4, 1), end_date=datetime.date(2024, 3, 31)
        )


def test_a_person_holds_one_open_seat_per_group(steering, admin):
    with pytest.raises(ValidationError):
        services.steering_group_membership_start(
            group=trust_steering_group(),
            user=steering,
            role="Member",
            start_date=datetime.date(2025, 1, 1),
            by=admin,
        )


def test_there_is_only_one_trust_wide_group():
    with pytest.raises(IntegrityError):
        SteeringGroup.objects.create(name="Second Trust group", slug="second", level=SteeringGroupLevel.TRUST)


def test_service_groups_must_report_to_the_trust_group():
    local = service_steering_group(SteeringGroupSlug.LOCAL_PARTNERSHIPS)
    orphan = SteeringGroup(name="Orphan", slug="orphan", level=SteeringGroupLevel.SERVICE)
    under_service = SteeringGroup(
        name="Nested", slug="nested", level=SteeringGroupLevel.SERVICE, parent=local
    )

    with pytest.raises(ValidationError):
        orphan.full_clean()
    with pytest.raises(ValidationError):
        under_service.full_clean()
