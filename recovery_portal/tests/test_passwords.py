"""Changing and resetting a password: NHS wording, mail through Django's backend, old sessions ended."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.fixtures.second_factor import sign_in_with_password

pytestmark = pytest.mark.django_db

OLD, NEW = "first-password-of-nurse", "second-password-of-nurse"


@pytest.fixture
def nurse(django_user_model):
    return django_user_model.objects.create_user("nurse", email="nurse@example.org", password=OLD)


def test_changing_the_password_ends_the_persons_other_sessions(nurse):
    on_the_ward, at_home = Client(), Client()
    for client in (on_the_ward, at_home):
        sign_in_with_password(client, "nurse", OLD)

    response = at_home.post(
        reverse("password_change"), {"old_password": OLD, "new_password1": NEW, "new_password2": NEW}
    )

    assert response.status_code == 302
    assert at_home.get(reverse("home")).status_code == 200
    assert on_the_ward.get(reverse("home")).status_code == 302


def test_an_empty_change_form_uses_nhs_wording(client, nurse):
    client.force_login(nurse)

    html = client.post(reverse("password_change"), {}).content.decode()

    assert "Enter your current password" in html
    assert "Enter a new password" in html
    assert "This field is required" not in html


def test_a_reset_link_lets_the_person_choose_a_new_password_and_sign_in_with_it(client, nurse):
    client.post(reverse("password_reset"), {"email": "nurse@example.org"})
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    set_password_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    client.post(set_password_url, {"new_password1": "short", "new_password2": "short"})
    done = client.post(set_password_url, {"new_password1": NEW, "new_password2": NEW})

    assert done.status_code == 302 and done.url == reverse("password_reset_complete")
    assert Client().post(reverse("login"), {"username": "nurse", "password": NEW}).status_code == 302
    assert Client().post(reverse("login"), {"username": "nurse", "password": OLD}).status_code == 200


def test_a_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client, nurse):
    response = client.post(reverse("password_reset"), {"email": "someone@else.example"})

    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert mail.outbox == []
