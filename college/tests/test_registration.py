"""Registering from the prospectus: an account and a student profile, together or not at all."""

import pytest
from django.urls import reverse

from college.models import Student
from recovery_portal.models import AccountKind, User

pytestmark = pytest.mark.django_db

VALID = {
    "first_name": "Jo",
    "last_name": "Bloggs",
    "email": "jo@example.org",
    "phone": "",
    "student_type": "supporter",
    "username": "jobloggs",
    "password1": "a long walk by the Trent 42",
    "password2": "a long walk by the Trent 42",
}


def test_a_member_of_the_public_registers_and_is_signed_in(client):
    response = client.post(reverse("college:register-student"), VALID)

    assert response.status_code == 302
    student = Student.objects.get()
    assert student.student_type == "supporter"
    assert student.user.kind == AccountKind.SUPPORTER
    assert client.get(reverse("college:my-courses")).status_code == 200


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "not-an-email"}, "Enter an email address like name@example.com"),
        ({"student_type": "staff"}, "from the list"),
        ({"student_type": ""}, "Select which of these describes you best"),
        ({"password2": "something else entirely"}, "The passwords do not match"),
        ({"password1": "password", "password2": "password"}, "too common"),
        ({"username": "jo bloggs!"}, "only letters, numbers"),
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


def test_a_taken_username_is_refused(client, serviceuser):
    response = client.post(reverse("college:register-student"), {**VALID, "username": "ServiceUser"})

    assert "That username is taken" in response.content.decode()
    assert not Student.objects.exists()


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
