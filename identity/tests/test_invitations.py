"""Invitations: a peer support worker invites a person to their online record, who accepts with NHS login
(the local stand-in); the person invites a supporter, who sets a password and sees only what is shared,
until the person withdraws it."""

from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from careplans import services as careplans_services
from careplans.tests.factories import CaseloadEntryFactory, ServiceUserFactory
from identity.models import Invitation
from recovery_portal.models import AuditAction, AuditEvent, Message, User
from tests.fixtures.identity_providers import NHS_ACCOUNTS, through_provider

pytestmark = pytest.mark.django_db

DAN = NHS_ACCOUNTS["dan"]["claims"]
PASSWORD = "a-long-and-unusual-passphrase-41"


@pytest.fixture
def dans_record(persona_team, personas):
    """Dan on the persona team's caseload, with Lucy (peerworker) as his peer support worker and no login."""
    person = ServiceUserFactory(
        given_name="Daniel",
        family_name="Hughes",
        preferred_name="Dan",
        nhs_number=DAN["nhs_number"],
        date_of_birth=date.fromisoformat(DAN["birthdate"]),
        email="dan.hughes@example.com",
        user=None,
    )
    CaseloadEntryFactory(person=person, team=persona_team, peer_support_worker=personas["peerworker"])
    return person


def invitation_link(code: str) -> str:
    message = Message.objects.filter(template__code=code).latest("id")
    return urlsplit(message.personalisation["link"]).path


def invite_dan(client, peerworker, dans_record) -> str:
    client.force_login(peerworker)
    response = client.post(
        reverse("identity:person-invite", args=[dans_record.pk]),
        {"channel": "email", "email": "dan.hughes@example.com"},
    )
    assert response.status_code == 302, response.content[:2000]
    client.logout()
    return invitation_link("invitation-person")


def test_a_peer_worker_invites_dan_who_accepts_with_nhs_login_and_sees_his_plans(
    client, peerworker, dans_record, nhs_login_idp
):
    link = invite_dan(client, peerworker, dans_record)
    invitation = Invitation.objects.get()
    message = Message.objects.get(template__code="invitation-person")
    assert message.to == "dan.hughes@example.com" and message.recipient == invitation.invitee
    assert link.split("/")[-2] not in invitation.token_hash  # only a hash of the token is kept
    assert not invitation.invitee.is_active  # nobody can sign in to it before it is accepted
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, actor=peerworker, reason__startswith="Invitation"
    )

    landing = client.get(link)
    assert "Continue to NHS login" in landing.text
    start = client.get(reverse("identity:invitation-nhs-login", args=[link.split("/")[-2]]))
    response = client.get(through_provider(start, "dan"))

    assert response.status_code == 302
    dans_record.refresh_from_db()
    invitation.refresh_from_db()
    assert dans_record.user == invitation.invitee and dans_record.user.is_active
    assert invitation.accepted_at is not None
    assert client.get(reverse("careplans:my-plans")).status_code == 200

    # Bad input: the same link again.
    client.logout()
    again = client.get(link)
    assert again.status_code == 410 and "<title>Error: This invitation link cannot be used" in again.text
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED, reason="Invitation refused: used")


def test_an_invitation_accepted_by_another_persons_nhs_login_links_nothing(
    client, peerworker, dans_record, nhs_login_idp
):
    link = invite_dan(client, peerworker, dans_record)
    users = User.objects.count()

    start = client.get(reverse("identity:invitation-nhs-login", args=[link.split("/")[-2]]))
    response = client.get(through_provider(start, "no-record"))

    assert response.status_code == 403 and "Speak to your care team" in response.text
    dans_record.refresh_from_db()
    assert dans_record.user is None and User.objects.count() == users
    assert Invitation.objects.get().accepted_at is None


def test_an_invitation_at_p5_is_refused(client, peerworker, dans_record, nhs_login_idp):
    link = invite_dan(client, peerworker, dans_record)

    start = client.get(reverse("identity:invitation-nhs-login", args=[link.split("/")[-2]]))
    response = client.get(through_provider(start, "dan-low-proofing"))

    assert response.status_code == 403 and "prove who you are" in response.text
    assert Invitation.objects.get().accepted_at is None


def test_an_expired_invitation_is_refused_and_audited(client, peerworker, dans_record):
    link = invite_dan(client, peerworker, dans_record)

    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.get(link)

    assert response.status_code == 410
    assert AuditEvent.objects.filter(reason="Invitation refused: expired").exists()


def test_an_unknown_link_is_refused(client, db):
    response = client.get(reverse("identity:invitation", args=["not-a-real-token"]))

    assert response.status_code == 404 and "This invitation link cannot be used" in response.text


def test_only_a_clinician_or_peer_worker_of_the_persons_team_may_invite(client, personas, dans_record):
    url = reverse("identity:person-invite", args=[dans_record.pk])
    client.force_login(personas["outsider"])
    assert client.get(url).status_code == 404
    client.force_login(personas["teamlead"])
    assert client.get(url).status_code == 403
    client.force_login(personas["clinician"])
    assert client.get(url).status_code == 200


def test_without_nhs_login_the_person_sets_a_password(client, peerworker, dans_record, settings):
    settings.NHS_LOGIN_ISSUER = ""
    link = invite_dan(client, peerworker, dans_record)

    mismatched = client.post(
        link, {"username": "dan.hughes", "new_password1": PASSWORD, "new_password2": PASSWORD + "x"}
    )
    assert mismatched.status_code == 200 and "<title>Error: " in mismatched.text
    assert Invitation.objects.get().accepted_at is None

    response = client.post(
        link, {"username": "dan.hughes", "new_password1": PASSWORD, "new_password2": PASSWORD}
    )

    # Then offered a second factor, as every account with a password is.
    assert response.status_code == 302 and response["Location"] == reverse("mfa-setup")
    dans_record.refresh_from_db()
    assert dans_record.user.username == "dan.hughes" and dans_record.user.check_password(PASSWORD)


@pytest.fixture
def margaret(serviceuser_record, safety_plan, personas):
    """Margaret as Dan's supporter, with the warning signs shared, and no login yet."""
    supporter = careplans_services.supporter_add(
        person=serviceuser_record, name="Margaret Hughes", relationship="carer", by=personas["serviceuser"]
    )
    careplans_services.supporter_consent_set(
        supporter=supporter, plan=safety_plan, sections=["warning_signs"], by=personas["serviceuser"]
    )
    return supporter


def test_dan_invites_margaret_who_sees_only_what_he_shares_until_he_withdraws_it(client, personas, margaret):
    dan = personas["serviceuser"]
    client.force_login(dan)
    assert "Margaret Hughes" in client.get(reverse("identity:access")).text
    sent = client.post(
        reverse("identity:supporter-invite", args=[margaret.pk]),
        {"channel": "text", "mobile_number": "07700 900123"},
    )
    assert sent.status_code == 302
    assert Message.objects.get(template__code="invitation-supporter").to == "07700900123"
    link = invitation_link("invitation-supporter")

    # Opened while signed in as Dan: the invitation is for another account.
    assert client.get(link).status_code == 403
    client.logout()

    response = client.post(
        link, {"username": "margaret.h", "new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert response.status_code == 302
    shared = client.get(reverse("careplans:shared", args=[margaret.pk]))
    assert "Not sleeping, pacing at night" in shared.text  # warning signs: shared
    assert "Walk the dog round the park" not in shared.text  # coping: not shared
    assert client.post(link).status_code == 410  # used

    margaret_client = client
    from django.test import Client

    dans_client = Client()
    dans_client.force_login(dan)
    confirm = dans_client.get(reverse("identity:supporter-withdraw", args=[margaret.pk]))
    assert "Stop Margaret Hughes seeing your plans?" in confirm.text
    assert dans_client.post(reverse("identity:supporter-withdraw", args=[margaret.pk])).status_code == 302

    # Her very next request sees nothing.
    assert margaret_client.get(reverse("careplans:shared", args=[margaret.pk])).status_code == 404
    assert AuditEvent.objects.filter(reason="Supporter's access withdrawn by the person", actor=dan).exists()


def test_a_person_cannot_invite_someone_elses_supporter(client, personas, margaret, outsider_person):
    other = careplans_services.supporter_add(
        person=outsider_person, name="Someone Else", relationship="friend", by=personas["outsider"]
    )
    client.force_login(personas["serviceuser"])

    assert client.get(reverse("identity:supporter-invite", args=[other.pk])).status_code == 404
    assert client.post(reverse("identity:supporter-withdraw", args=[other.pk])).status_code == 404


def test_invitations_are_rate_limited_per_inviter(client, peerworker, dans_record, settings):
    """A stolen or careless account cannot send invitation messages without end (ADR 0027's rate limits)."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "invitation": ((30, 3600), (2, 3600))}
    client.force_login(peerworker)
    url = reverse("identity:person-invite", args=[dans_record.pk])
    answers = [
        client.post(url, {"channel": "email", "email": "dan.hughes@example.com"}).status_code
        for _ in range(3)
    ]

    assert answers == [302, 302, 429]
    assert Message.objects.filter(template__code="invitation-person").count() == 2
