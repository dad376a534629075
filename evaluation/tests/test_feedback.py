"""The Friends and Family Test for a team: anonymous unless the person says otherwise, with free text."""

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.models import PremReturn

from .test_entry import date_fields, form_key

pytestmark = pytest.mark.django_db


def url(team):
    return reverse("measures:feedback-new", kwargs={"slug": team.slug})


def test_staff_enter_an_anonymous_response_with_free_text(client, personas, persona_team):
    client.force_login(personas["teamlead"])
    page = client.get(url(persona_team)).content.decode()
    assert "Overall, how was your experience of our service?" in page
    assert "Friends and Family Test question as set by NHS England from April 2020." in page
    response = client.post(
        url(persona_team),
        {
            **form_key(),
            **date_fields(timezone.localdate()),
            "answer": "2",
            "free_text": "  Lucy listened to me.  ",
        },
        follow=True,
    )
    saved = PremReturn.objects.get()
    assert (saved.answer, saved.category, saved.person, saved.free_text) == (
        2,
        "positive",
        None,
        "Lucy listened to me.",
    )
    assert (saved.wording_version, saved.team, saved.entered_by) == (
        "2020",
        persona_team,
        personas["teamlead"],
    )
    assert "You can enter another below" in response.content.decode()


def test_the_person_gives_feedback_anonymously_by_default(client, personas, persona_team, serviceuser_record):
    client.force_login(personas["serviceuser"])
    client.post(
        url(persona_team),
        {**form_key(), **date_fields(timezone.localdate()), "answer": "4", "give_name": "no"},
    )
    assert PremReturn.objects.get().person is None


def test_the_person_may_choose_to_be_named(client, personas, persona_team, serviceuser_record):
    client.force_login(personas["serviceuser"])
    response = client.post(
        url(persona_team),
        {**form_key(), **date_fields(timezone.localdate()), "answer": "6", "give_name": "yes"},
        follow=True,
    )
    saved = PremReturn.objects.get()
    assert (saved.person, saved.category, saved.completion) == (serviceuser_record, "dont_know", "self")
    assert "Your feedback has been sent to Broxtowe Community Mental Health Team" in response.content.decode()


def test_no_answer_shows_the_error_summary_and_saves_nothing(client, personas, persona_team):
    client.force_login(personas["clinician"])
    response = client.post(url(persona_team), {**date_fields(timezone.localdate()), "free_text": "Fine"})
    page = response.content.decode()
    assert "There is a problem" in page and "Select how your experience of the service was" in page
    assert not PremReturn.objects.exists()


def test_staff_of_another_team_may_not_enter_feedback_for_it(client, personas, persona_team):
    client.force_login(personas["outsider"])
    assert client.get(url(persona_team)).status_code == 403
    assert client.post(url(persona_team), {"answer": "1"}).status_code == 403
    assert not PremReturn.objects.exists()


def test_an_unknown_team_is_404(client, personas):
    client.force_login(personas["clinician"])
    assert client.get(reverse("measures:feedback-new", kwargs={"slug": "no-such-team"})).status_code == 404
