"""The one form flow: a service's refusal lands on the form, and a stale save keeps both texts."""

from types import SimpleNamespace

from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from recovery_portal.concurrency import StaleEdit
from recovery_portal.form_flow import STALE_STATUS, show_refusal, submit


class NoteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label="Title")
    text = forms.CharField(label="Note", required=False)


class Saved:
    """The record as someone else saved it."""

    _meta = SimpleNamespace(verbose_name="note")
    version = 4
    title = "Their title"
    text = "Their words"


def _post(data):
    return RequestFactory().post("/", data)


def test_a_refusal_naming_a_field_is_shown_beside_it():
    form = NoteForm({"version": 1, "title": "Mine"})

    outcome = submit(
        _post({}), form, lambda data: (_ for _ in ()).throw(ValidationError({"title": "Too late"}))
    )

    assert not outcome.saved
    assert form.errors["title"] == ["Too late"]


def test_a_refusal_naming_a_field_the_form_lacks_is_shown_for_the_whole_form_and_never_raises():
    form = NoteForm({"version": 1, "title": "Mine"})
    form.is_valid()

    show_refusal(form, ValidationError({"agreed_by": "Only a team manager agrees the plan"}))

    assert form.non_field_errors() == ["Only a team manager agrees the plan"]


def test_a_refusal_without_a_field_is_shown_for_the_whole_form():
    form = NoteForm({"version": 1, "title": "Mine"})
    form.is_valid()

    show_refusal(form, ValidationError("The plan is closed"))

    assert form.non_field_errors() == ["The plan is closed"]


def test_a_stale_save_keeps_what_was_typed_shows_theirs_and_answers_409():
    form = NoteForm({"version": 3, "title": "My title", "text": "My words"})

    def write(data):
        raise StaleEdit(Saved())

    outcome = submit(_post({}), form, write, what="note")

    assert outcome.status == STALE_STATUS == 409
    assert {"label": "Note", "theirs": "Their words", "yours": "My words"} in outcome.stale
    assert "Someone else changed this note" in form.non_field_errors()[0]
    assert form.data["text"] == "My words"  # nothing typed is lost
    assert form.data["version"] == "4"  # saving again is on top of their version


def test_only_the_answers_that_differ_are_compared():
    form = NoteForm({"version": 3, "title": "Their title", "text": "My words"})

    outcome = submit(_post({}), form, lambda data: (_ for _ in ()).throw(StaleEdit(Saved())))

    assert [row["label"] for row in outcome.stale] == ["Note"]


def test_a_saved_form_returns_the_services_result_and_a_get_does_nothing():
    form = NoteForm({"version": 3, "title": "Mine"})
    assert submit(_post({}), form, lambda data: data["title"]).result == "Mine"

    called = []
    outcome = submit(RequestFactory().get("/"), NoteForm(), called.append)
    assert not outcome.saved and outcome.status == 200 and called == []


def test_a_form_with_errors_never_calls_the_service():
    called = []
    outcome = submit(_post({}), NoteForm({"version": 3}), called.append)
    assert called == [] and outcome.status == 200 and not outcome.saved
