"""Registering from the prospectus: an account and a student profile, together or not at all, usable once
the e-mail address is confirmed; nothing reveals whether an address has an account (ADR 0027)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from college.models import Enrolment, Student
from recovery_portal.models import AccountKind, User

pytestmark = pytest.mark.django_db

VALID = {
    "first_name": "Jo",
    "last_name": "Bloggs",
    "email": "jo@example.org",
    "phone": "",
    "student_type": "supporter",
    "password1": "a long walk by the Trent 42",
    "password2": "a long walk by the Trent 42",
}


def _link(message) -> str:
    return re.search(r"http://testserver(/college/register/confirm/\S+/)", message.body).group(1)


def _sign_in(client, email="jo@example.org"):
    return client.post(reverse("login"), {"username": email, "password": VALID["password1"]})


def test_a_member_of_the_public_registers_confirms_their_email_then_signs_in(client):
    response = client.post(reverse("college:register-student"), VALID)

    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    student = Student.objects.get()
    assert student.student_type == "supporter"
    assert student.user.kind == AccountKind.SUPPORTER
    assert student.user.username == "jo@example.org"
    # Not yet: an account whose address is unconfirmed cannot sign in, so cannot enrol.
    assert not student.user.is_active
    assert _sign_in(client).status_code == 200

    confirmed = client.get(_link(mail.outbox[0]))
    assert confirmed.status_code == 302
    assert _sign_in(client).status_code == 302
    assert client.get(reverse("college:my-courses")).status_code == 200


def test_a_confirmation_link_works_once(client):
    client.post(reverse("college:register-student"), VALID)
    link = _link(mail.outbox[0])
    assert client.get(link).status_code == 302

    again = client.get(link)
    assert again.status_code == 400
    assert "This link does not work" in again.content.decode()


def test_a_confirmation_link_older_than_its_hours_is_refused(client, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.post(reverse("college:register-student"), VALID)
        clock.shift(timedelta(hours=settings.STUDENT_EMAIL_CONFIRMATION_HOURS, minutes=1))
        assert client.get(_link(mail.outbox[0])).status_code == 400
    assert not User.objects.get(username="jo@example.org").is_active


@pytest.mark.parametrize(
    "link", ["/college/register/confirm/nonsense/", "/college/register/confirm/eyJ1IjoxfQ:1a:2b/"]
)
def test_a_forged_confirmation_link_is_refused(client, link):
    client.post(reverse("college:register-student"), VALID)

    assert client.get(link).status_code == 400
    assert not User.objects.get(username="jo@example.org").is_active


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "not-an-email"}, "Enter an email address like name@example.com"),
        ({"student_type": "staff"}, "from the list"),
        ({"student_type": ""}, "Select which of these describes you best"),
        ({"password2": "something else entirely"}, "The passwords do not match"),
        ({"password1": "password", "password2": "password"}, "too common"),
        (
            {"password1": "my recovery college 2026", "password2": "my recovery college 2026"},
            "a word people guess first",
        ),
        ({"first_name": ""}, "Enter your first name"),
    ],
)
def test_malformed_registration_says_what_is_wrong_and_saves_nothing(client, changes, message):
    response = client.post(reverse("college:register-student"), {**VALID, **changes})

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "<title>Error: " in page
    assert not User.objects.exists()
    assert not Student.objects.exists()


def test_the_public_never_chooses_a_username(client):
    page = client.get(reverse("college:register-student")).content.decode()

    assert 'name="username"' not in page


def test_registering_with_a_known_address_looks_the_same_and_reveals_no_account(client, clinician):
    known = client.post(reverse("college:register-student"), {**VALID, "email": clinician.email})
    unknown = Client().post(reverse("college:register-student"), VALID)

    def body(response, email):
        return re.sub(
            r"<input[^>]*csrfmiddlewaretoken[^>]*>|nonce=\"[^\"]*\"", "", response.content.decode()
        ).replace(email, "EMAIL")

    assert known.status_code == unknown.status_code == 200
    assert body(known, clinician.email) == body(unknown, VALID["email"])
    assert "taken" not in known.content.decode()
    # The owner of the known address is told by e-mail; nothing is created for it.
    assert Student.objects.filter(user=clinician).count() == 0
    to_owner = next(m for m in mail.outbox if m.to == [clinician.email])
    assert "already has an account" in to_owner.body
    assert "/college/register/confirm/" not in to_owner.body


def test_registering_again_before_confirming_sends_the_link_again_and_changes_nothing(client):
    client.post(reverse("college:register-student"), VALID)
    Client().post(
        reverse("college:register-student"),
        {**VALID, "password1": "someone elses password 77", "password2": "someone elses password 77"},
    )

    assert Student.objects.count() == 1
    assert client.get(_link(mail.outbox[1])).status_code == 302
    assert _sign_in(client).status_code == 302  # the first password, not the stranger's


def test_thirty_bot_registrations_in_a_second_take_no_place_on_a_run(client, college_run):
    """Penetration test finding: thirty bot accounts registered in a second took every place and waiting
    list position of a run. Now one address is held back after a few, and no account can sign in, so
    none can ask for a place, until its owner opens the link in their inbox."""
    college_run.capacity = 10
    college_run.save()
    answers = []
    for n in range(30):
        bot = Client()
        answers.append(
            bot.post(
                reverse("college:register-student"), {**VALID, "email": f"bot{n}@example.org"}
            ).status_code
        )
        assert bot.post(reverse("college:enrol", args=[college_run.pk])).status_code == 302  # to sign in
        assert _sign_in(bot, f"bot{n}@example.org").status_code != 302

    per_address, _ = settings_limits()
    assert answers.count(200) == per_address
    assert answers.count(429) == 30 - per_address
    assert Student.objects.count() == per_address
    assert not Enrolment.objects.filter(run=college_run).exists()

    # From thirty addresses the accounts wait unconfirmed, and still hold no place.
    for n in range(30):
        Client(REMOTE_ADDR=f"10.5.0.{n}").post(
            reverse("college:register-student"), {**VALID, "email": f"farm{n}@example.org"}
        )
    assert not User.objects.filter(email__startswith="farm", is_active=True).exists()
    assert not Enrolment.objects.filter(run=college_run).exists()


def settings_limits():
    from django.conf import settings

    return tuple(n for n, _ in settings.RATE_LIMITS["registration"])


def test_a_taken_username_is_never_mentioned(client, serviceuser):
    response = client.post(
        reverse("college:register-student"), {**VALID, "email": "serviceuser@example.nhs.uk"}
    )

    assert "taken" not in response.content.decode()
    assert "Check your email" in response.content.decode()


def test_a_signed_in_member_of_staff_joins_as_a_staff_student(client, clinician):
    client.force_login(clinician)

    response = client.post(reverse("college:join"), {"phone": ""})

    assert response.status_code == 302
    assert Student.objects.get().student_type == "staff"
    assert Student.objects.get().user == clinician


def test_a_person_who_uses_services_joins_with_their_own_login(client, serviceuser):
    client.force_login(serviceuser)

    client.post(reverse("college:join"), {"phone": ""})

    assert Student.objects.get(user=serviceuser).student_type == "person"


def test_enrolling_before_joining_leads_to_joining(client, clinician, college_run):
    client.force_login(clinician)

    response = client.post(reverse("college:enrol", args=[college_run.pk]))

    assert response.url.startswith(reverse("college:join"))
