"""Account lifecycle (ADR 0027): leavers lose staff access the day after their last team membership ends;
password accounts unused for ACCOUNT_INACTIVE_DAYS are disabled; each change is in the audit trail."""

from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from recovery_portal import tasks
from recovery_portal.celery import collect_beat_schedule
from recovery_portal.models import AuditAction, AuditEvent, User
from recovery_portal.tests.factories import UserFactory
from teams import services as team_services
from teams import tasks as team_tasks
from teams.models import Membership, TeamRole
from teams.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db

PASSWORD = "seven otters crossing the Tyne"


def test_a_leaver_has_no_staff_access_the_day_after_their_last_team_membership_ends(admin):
    team, other = TeamFactory(), TeamFactory()
    leaver, mover = UserFactory(password=PASSWORD), UserFactory(password=PASSWORD)
    for user in (leaver, mover):
        team_services.membership_start(
            team=team, user=user, role=TeamRole.CLINICIAN, start_date=date(2024, 4, 1), by=admin
        )
    team_services.membership_start(
        team=other, user=mover, role=TeamRole.CLINICIAN, start_date=date(2026, 1, 5), by=admin
    )
    last_day = timezone.localdate()
    for membership in Membership.objects.filter(team=team):
        team_services.membership_end(membership=membership, end_date=last_day, by=admin)
    session = Client()
    session.force_login(leaver)

    team_tasks.leavers_disable()  # on the last day: still a member
    assert User.objects.get(pk=leaver.pk).is_active

    with time_machine.travel(timezone.now() + timedelta(days=1)):
        team_tasks.leavers_disable()
        assert not User.objects.get(pk=leaver.pk).is_active
        assert User.objects.get(pk=mover.pk).is_active  # moved to another team: still a member of staff
        # The leaver's open session ends at its next request.
        assert session.get(reverse("home")).status_code == 302
        assert (
            Client().post(reverse("login"), {"username": leaver.username, "password": PASSWORD}).status_code
            == 200
        )

    disabled = AuditEvent.objects.get(action=AuditAction.ACCOUNT_DISABLED)
    assert disabled.object_id == str(leaver.pk) and disabled.reason == "last team membership ended"


def test_team_membership_grants_and_endings_are_in_the_audit_trail(admin):
    team, user = TeamFactory(), UserFactory()
    membership = team_services.membership_start(
        team=team, user=user, role=TeamRole.CLINICIAN, start_date=date(2025, 4, 1), by=admin
    )
    team_services.membership_end(membership=membership, end_date=date(2026, 3, 31), by=admin)

    events = AuditEvent.objects.filter(object_id=str(membership.pk)).order_by("id")
    assert [(e.action, e.actor_id) for e in events] == [
        (AuditAction.CREATE, admin.pk),
        (AuditAction.UPDATE, admin.pk),
    ]
    assert "granted" in events[0].reason and "2026-03-31" in events[1].reason


def test_password_accounts_unused_for_the_configured_days_are_disabled(settings):
    settings.ACCOUNT_INACTIVE_DAYS = 30
    now = timezone.now()
    idle = UserFactory(password=PASSWORD, person=True, last_login=now - timedelta(days=31))
    never = UserFactory(password=PASSWORD, person=True, date_joined=now - timedelta(days=40))
    recent = UserFactory(password=PASSWORD, person=True, last_login=now - timedelta(days=29))
    single_sign_on = UserFactory(last_login=now - timedelta(days=300))
    single_sign_on.set_unusable_password()
    single_sign_on.save()
    administrator = UserFactory(superuser=True, last_login=now - timedelta(days=300))

    tasks.inactive_accounts_disable()

    active = dict(User.objects.values_list("pk", "is_active"))
    assert not active[idle.pk] and not active[never.pk]
    assert active[recent.pk] and active[single_sign_on.pk] and active[administrator.pk]
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_DISABLED).count() == 2


def test_the_lifecycle_jobs_are_scheduled():
    schedule = collect_beat_schedule()

    assert schedule["leavers-disable"]["task"] == "teams.tasks.leavers_disable"
    assert schedule["inactive-accounts-disable"]["task"] == "recovery_portal.tasks.inactive_accounts_disable"
