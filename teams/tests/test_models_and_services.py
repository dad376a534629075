import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from recovery_portal.tests.factories import UserFactory
from teams import services
from teams.models import Division, Membership, RecoveryChampion, ServiceType, TeamRole
from teams.tests.factories import MembershipFactory, TeamFactory
from workstreams.reference import SteeringGroupSlug
from workstreams.tests.factories import service_steering_group, trust_steering_group

pytestmark = pytest.mark.django_db


def test_a_membership_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        MembershipFactory(start_date=datetime.date(2024, 4, 1), end_date=datetime.date(2024, 3, 31))


def test_a_one_day_membership_is_allowed():
    day = datetime.date(2024, 4, 1)

    assert MembershipFactory(start_date=day, end_date=day).pk


def test_one_open_membership_per_person_and_team(peerworker, persona_team):
    with pytest.raises(IntegrityError):
        MembershipFactory(user=peerworker, team=persona_team)


def test_current_and_past_memberships(persona_team):
    today = timezone.localdate()
    ended = MembershipFactory(team=persona_team, ended=True)
    upcoming = MembershipFactory(team=persona_team, start_date=today + datetime.timedelta(days=1))

    current = set(Membership.objects.filter(team=persona_team).current())

    assert ended not in current
    assert upcoming not in current
    assert len(current) == 3
    assert list(Membership.objects.filter(team=persona_team).past()) == [ended]
    assert set(Membership.objects.filter(team=persona_team).current(on=upcoming.start_date)) >= {upcoming}


def test_a_division_belongs_to_a_service_specific_group():
    division = Division(name="Wrong", slug="wrong", steering_group=trust_steering_group())

    with pytest.raises(ValidationError):
        division.full_clean()


def test_membership_start_records_who_added_the_member(admin, outsider_team):
    user = UserFactory()

    membership = services.membership_start(
        team=outsider_team,
        user=user,
        role=TeamRole.CLINICIAN,
        start_date=datetime.date(2025, 4, 1),
        carer_lead=True,
        by=admin,
    )

    assert (membership.changed_by, membership.carer_lead, membership.end_date) == (admin, True, None)


def test_membership_start_refuses_a_second_open_membership_and_non_staff(
    admin, peerworker, serviceuser, persona_team
):
    with pytest.raises(ValidationError):
        services.membership_start(
            team=persona_team,
            user=peerworker,
            role=TeamRole.CLINICIAN,
            start_date=datetime.date(2025, 1, 1),
            by=admin,
        )
    with pytest.raises(ValidationError):
        services.membership_start(
            team=persona_team,
            user=serviceuser,
            role=TeamRole.CLINICIAN,
            start_date=datetime.date(2025, 1, 1),
            by=admin,
        )


def test_membership_end_refuses_a_last_day_before_the_first(admin, peerworker):
    membership = peerworker.team_memberships.get()

    with pytest.raises(ValidationError):
        services.membership_end(
            membership=membership, end_date=membership.start_date - datetime.timedelta(days=1), by=admin
        )


def test_membership_update_changes_the_recovery_roles(admin, clinician):
    membership = clinician.team_memberships.get()

    services.membership_update(
        membership=membership, recovery_champion=RecoveryChampion.PROFESSIONAL, carer_lead=False, by=admin
    )

    membership.refresh_from_db()
    assert (membership.recovery_champion, membership.carer_lead) == ("professional", False)


def test_ensure_services_create_once_and_save_only_changes(admin):
    group = service_steering_group(SteeringGroupSlug.FORENSIC_SERVICES)
    division = services.division_ensure(
        slug="offender-health", name="Offender Health", steering_group=group, by=admin
    )
    team = services.team_ensure(
        slug="hmp-test",
        name="HMP Test In-Reach Team",
        division=division,
        service_type=ServiceType.PRISON_HEALTH,
        by=admin,
    )
    stamp = (division.changed_at, team.changed_at)

    again = services.team_ensure(
        slug="hmp-test",
        name="HMP Test In-Reach Team",
        division=division,
        service_type=ServiceType.PRISON_HEALTH,
        by=admin,
    )
    services.division_ensure(slug="offender-health", name="Offender Health", steering_group=group, by=admin)

    assert again.pk == team.pk
    assert (
        Division.objects.get(pk=division.pk).changed_at,
        type(team).objects.get(pk=team.pk).changed_at,
    ) == stamp
    renamed = services.team_ensure(
        slug="hmp-test",
        name="HMP Test Mental Health Team",
        division=division,
        service_type=ServiceType.PRISON_HEALTH,
        by=admin,
    )
    assert renamed.name == "HMP Test Mental Health Team"


def test_division_ensure_refuses_the_trust_wide_group(admin):
    with pytest.raises(ValidationError):
        services.division_ensure(slug="x", name="X", steering_group=trust_steering_group(), by=admin)


def test_team_factory_builds_clinical_and_non_clinical_teams():
    assert TeamFactory().is_clinical
    assert not TeamFactory(non_clinical=True).is_clinical


def test_the_division_admin_offers_only_the_service_specific_groups(client, admin):
    trust, forensic = trust_steering_group(), service_steering_group(SteeringGroupSlug.FORENSIC_SERVICES)
    client.force_login(admin)

    page = client.get(reverse("admin:teams_division_add"))

    offered = list(page.context["adminform"].form.fields["steering_group"].queryset)
    assert forensic in offered
    assert trust not in offered
    assert all(group.is_service_specific for group in offered)
