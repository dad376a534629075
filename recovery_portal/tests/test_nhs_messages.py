"""No form of the portal can show one of Django's default messages or its "---------" empty choice:
every message says what to do, as the NHS.UK service manual writes them (issue 17, point 12)."""

import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models

from recovery_portal.form_messages import NHSForm, NHSMessages, NHSModelForm, django_defaults
from recovery_portal.nhsuk_forms import NHSDateField

pytestmark = pytest.mark.django_db

APPS = ("recovery_portal", "identity", "workstreams", "teams", "careplans", "college", "evaluation")
SKIPPED_PARTS = {"tests", "migrations", "management", "settings", "wsgi"}


def _project_modules():
    for app in APPS:
        package = importlib.import_module(app)
        yield package
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if SKIPPED_PARTS.isdisjoint(info.name.split(".")):
                yield importlib.import_module(info.name)


def _project_form_classes():
    found = {}
    for module in _project_modules():
        for _, klass in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(klass, forms.BaseForm)
                and klass.__module__.split(".")[0] in APPS
                and klass not in (NHSForm, NHSModelForm)
            ):
                found[f"{klass.__module__}.{klass.__qualname__}"] = klass
    return found


FORM_CLASSES = _project_form_classes()


def _defaults_in(form) -> list[str]:
    defaults = django_defaults()
    problems = []
    for name, field in form.fields.items():
        for code, message in field.error_messages.items():
            if str(message) in defaults:
                problems.append(f"{name}: {code}: {message}")
        for validator in field.validators:
            code = getattr(validator, "code", None)
            if code and code not in field.error_messages and str(validator.message) in defaults:
                problems.append(f"{name}: validator {code}: {validator.message}")
    return problems


def test_the_walk_finds_the_portals_forms():
    assert len(FORM_CLASSES) > 40
    assert "college.forms.SessionRegisterForm" in FORM_CLASSES


@pytest.mark.parametrize("name", sorted(FORM_CLASSES))
def test_every_form_speaks_as_the_nhs_service_manual_does(name):
    klass = FORM_CLASSES[name]
    assert issubclass(klass, NHSMessages), f"{name} must be built on NHSForm or NHSModelForm"
    try:
        form = klass()
    except (TypeError, ValueError, ObjectDoesNotExist):
        return  # built only with what its page passes; its fields are covered by the mixin checked above
    form._nhs_messages()
    assert _defaults_in(form) == []
    assert _unique_messages_from_django(form) == []
    html = str(form)
    assert "---------" not in html


def _unique_messages_from_django(form) -> list[str]:
    """The message each unique field would show for a value already taken, where it is Django's own
    ("Course with this Slug already exists.") or does not say what to do."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    problems = []
    for name, field in form.fields.items():
        try:
            model_field = model._meta.get_field(name) if model is not None else None
        except FieldDoesNotExist:
            continue
        if model_field is None or not model_field.unique or model_field.primary_key:
            continue
        # Django's model form shows the form field's "unique" message, else the model field's.
        shown = str(field.error_messages.get("unique") or model_field.error_messages["unique"])
        if shown == str(models.Field.default_error_messages["unique"]) or not re.search(
            r"already exists\. (Enter|Select|Choose) a different ", shown
        ):
            problems.append(f"{name}: {shown}")
    return problems


def test_the_walk_meets_forms_with_unique_fields():
    unique = [
        name
        for name, klass in FORM_CLASSES.items()
        if getattr(getattr(klass, "_meta", None), "model", None) is not None
        and any(
            getattr(klass._meta.model._meta.get_field(field), "unique", False)
            for field in klass.base_fields
            if field in {f.name for f in klass._meta.model._meta.fields}
        )
    ]
    assert "college.forms.FidelityRatingForm" in unique


class EveryKindOfField(NHSForm):
    """One of each field Django offers, as the portal's forms use them."""

    course_title = forms.CharField(label="Course title", max_length=10, min_length=2)
    places = forms.IntegerField(label="Places", min_value=1, max_value=30)
    fee = forms.DecimalField(label="Fee", max_digits=4, decimal_places=2)
    starts = forms.TimeField(label="Start time")
    held_on = forms.DateField(label="Date of the session")
    email = forms.EmailField(label="Email address")
    link = forms.URLField(label="Link to the evidence", assume_scheme="https")
    slug = forms.SlugField(label="Web address")
    venue = forms.ChoiceField(label="Venue", choices=[("", "---------"), ("hub", "Hub")])
    team = forms.ModelChoiceField(label="Team", queryset=None)
    kinds = forms.MultipleChoiceField(label="Kinds of venue", choices=[("hub", "Hub")])
    agreed = forms.BooleanField(label="I agree")
    evidence = forms.FileField(label="Evidence file")
    date_of_birth = NHSDateField(label="Date of birth", subject="Date of birth")

    def __init__(self, *args, **kwargs):
        from teams.models import Team

        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.all()


# From the NHS.UK service manual, error message component: "Enter your full name", "Date of birth must
# be a real date", "Select ..." for choices (https://service-manual.nhs.uk/design-system/components/error-message).
EXPECTED_WHEN_EMPTY = {
    "course_title": "Enter the course title",
    "held_on": "Enter the date of the session",
    "email": "Enter the email address",
    "venue": "Select the venue",
    "team": "Select the team",
    "agreed": "Select I agree",
    "evidence": "Choose a file",
    "date_of_birth": "Enter the date of birth",
}
BAD_ANSWERS = {
    "course_title": "A title far too long",
    "places": "99",
    "fee": "123.456",
    "starts": "half past",
    "held_on": "31/02/2026",
    "email": "not an address",
    "link": "not a link",
    "slug": "Not a slug!",
    "venue": "spoke",
    "team": "999999",
    "kinds": ["spoke"],
    "date_of_birth_day": "31",
    "date_of_birth_month": "2",
    "date_of_birth_year": "2000",
}


def test_empty_answers_get_messages_that_say_what_to_do():
    form = EveryKindOfField({})
    form.is_valid()
    for name, message in EXPECTED_WHEN_EMPTY.items():
        assert form.errors[name] == [message]


def test_wrong_answers_never_get_djangos_words():
    form = EveryKindOfField(BAD_ANSWERS)
    assert not form.is_valid()
    shown = [message for messages in form.errors.values() for message in messages]
    assert set(shown).isdisjoint(django_defaults()), shown
    assert not any(
        phrase in message
        for message in shown
        for phrase in (
            "Ensure this value",
            "Select a valid choice",
            "Enter a valid",
            "This field is required",
        )
    ), shown
    assert "Course title must be 10 characters or fewer" in shown
    assert "Held on" not in " ".join(shown)
    assert form.errors["held_on"] == ["Date of the session must be a real date"]
    assert form.errors["date_of_birth"] == ["Date of birth must be a real date"]


def test_the_empty_choice_asks_the_person_to_select():
    html = str(EveryKindOfField())
    assert "---------" not in html
    assert "Select the venue" in html and "Select the team" in html


def test_a_value_already_taken_says_what_exists_and_what_to_do():
    from teams.admin import DivisionAdminForm
    from teams.tests.factories import DivisionFactory

    taken = DivisionFactory(slug="mental-health-north")
    form = DivisionAdminForm(
        {"name": "Another", "slug": "mental-health-north", "steering_group": taken.steering_group_id}
    )

    assert not form.is_valid()
    assert form.errors["slug"] == ["A division with this slug already exists. Enter a different slug"]


def test_values_already_taken_together_say_which_to_change(safety_plan):
    from careplans.models import Plan

    class PlanKindForm(NHSModelForm):
        class Meta:
            model = Plan
            fields = ["person", "kind"]

    form = PlanKindForm({"person": safety_plan.person_id, "kind": safety_plan.kind})

    assert not form.is_valid()
    shown = form.non_field_errors()
    assert len(shown) == 1 and "already exists" in shown[0]
    assert "Plan with this" not in shown[0], "Django's own words"
    assert shown[0].startswith("A plan with this person and ") and ". Change the person or " in shown[0]
