"""Free text has limits (ADR 0020): 1–2 MB in a plan made its PDF take half a minute.

Every free-text field of every app is bounded on the model and on its forms; text over the limit is
refused with an NHS-style message naming the field, and nothing is saved. A plan with every field at its
maximum still makes a PDF.
"""

import io
import re

import pytest
from django.apps import apps
from django.db import models
from django.forms import modelform_factory
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from careplans.models import Disagreement, Plan, PlanEntry
from careplans.tests.factories import largest_allowed_plan
from college.models import LearningPlan
from evaluation.models import PremReturn
from recovery_portal.text_limits import (
    ENTRY,
    LONG,
    NAMES,
    NARRATIVE,
    NOTE,
    BoundedTextField,
    too_long_message,
)
from teams.models import TeamRecoveryPlan
from workstreams.models import SteeringGroupMeeting

PROJECT_APPS = {"recovery_portal", "workstreams", "teams", "careplans", "college", "evaluation"}
# Text the portal writes itself, never typed by a person: a generated report's HTML, a job's error,
# a task's detail composed by a service.
WRITTEN_BY_THE_PORTAL = {
    ("recovery_portal", "followuptask", "detail"),
    ("evaluation", "annualreportrun", "error"),
    ("evaluation", "annualreportsection", "html"),
    ("evaluation", "annualreportoutput", "html"),
}


def _text_fields():
    """The text fields of every model of the portal; history tables copy their model's fields (and store
    file names as text), so the models themselves are checked."""
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model._meta.model_name.startswith("historical"):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.TextField):
                yield model, field


def test_every_free_text_field_of_every_app_has_a_maximum_length():
    unbounded = [
        f"{model._meta.label}.{field.name}"
        for model, field in _text_fields()
        if not isinstance(field, BoundedTextField)
        and (model._meta.app_label, model._meta.model_name, field.name) not in WRITTEN_BY_THE_PORTAL
    ]
    assert unbounded == []


def test_every_limit_is_one_of_the_agreed_sizes():
    sizes = {field.max_length for _, field in _text_fields() if isinstance(field, BoundedTextField)}
    assert sizes <= {NARRATIVE, LONG, ENTRY, NOTE, NAMES}


@pytest.mark.django_db
def test_every_model_form_refuses_over_long_text_with_the_fields_name_and_limit():
    """What the admin and every ModelForm show: '<Field> must be N characters or fewer'."""
    checked = 0
    for model, field in _text_fields():
        if not isinstance(field, BoundedTextField):
            continue
        form = modelform_factory(model, fields=[field.name])(data={field.name: "x" * (field.max_length + 1)})
        assert not form.is_valid()
        assert form.errors[field.name] == [
            f"{field.verbose_name[0].upper()}{field.verbose_name[1:]} must be {field.max_length:,} characters or fewer"
        ], f"{model._meta.label}.{field.name}"
        at_limit = modelform_factory(model, fields=[field.name])(data={field.name: "x" * field.max_length})
        at_limit.is_valid()
        assert field.name not in at_limit.errors
        checked += 1
    assert checked >= 50


def test_the_message_reads_as_the_nhs_service_manual_writes_them():
    assert too_long_message("plan details", 5000) == "Plan details must be 5,000 characters or fewer"
    assert too_long_message("What do you disagree with, and why?", 4000) == (
        "What do you disagree with, and why must be 4,000 characters or fewer"
    )


@pytest.mark.django_db
def test_the_text_box_is_not_cut_short_by_the_browser(client, personas, crisis_plan):
    """maxlength would silently drop pasted words; the server says what is too long instead."""
    client.force_login(personas["clinician"])
    page = client.get(reverse("careplans:plan-details", kwargs={"pk": crisis_plan.pk})).content.decode()
    (box,) = re.findall(r"<textarea[^>]*>", page)
    assert 'name="people_present"' in box and "maxlength" not in box


# Each free-text form, posted with text one character over its limit: the message, and nothing saved.


def _refused(response, message):
    page = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert "There is a problem" in page and message in page, message


@pytest.mark.django_db
def test_plan_details_over_the_limit_are_refused(client, personas, crisis_plan):
    client.force_login(personas["clinician"])
    response = client.post(
        reverse("careplans:plan-details", kwargs={"pk": crisis_plan.pk}),
        {"version": crisis_plan.version, "stage": "planning_meeting", "people_present": "x" * (NAMES + 1)},
    )
    _refused(response, "People at the planning meeting must be 1,000 characters or fewer")
    assert Plan.objects.get(pk=crisis_plan.pk).version == crisis_plan.version


@pytest.mark.django_db
def test_a_plan_entry_over_the_limit_is_refused(client, personas, safety_plan):
    client.force_login(personas["serviceuser"])
    before = PlanEntry.objects.count()
    response = client.post(
        reverse("careplans:entry-add", kwargs={"pk": safety_plan.pk, "section": "coping"}),
        {"version": safety_plan.version, "text": "x" * (ENTRY + 1)},
    )
    _refused(response, "The entry must be 4,000 characters or fewer")
    assert PlanEntry.objects.count() == before


@pytest.mark.django_db
def test_a_refusals_alternative_over_the_limit_is_refused(client, personas, crisis_plan):
    client.force_login(personas["clinician"])
    before = PlanEntry.objects.count()
    response = client.post(
        reverse("careplans:entry-add", kwargs={"pk": crisis_plan.pk, "section": "refusals"}),
        {"version": crisis_plan.version, "text": "Depot injections", "alternative": "x" * (ENTRY + 1)},
    )
    _refused(response, "What you would accept instead must be 4,000 characters or fewer")
    assert PlanEntry.objects.count() == before


@pytest.mark.django_db
def test_a_disagreement_over_the_limit_is_refused(client, personas, clinician_entry):
    client.force_login(personas["serviceuser"])
    response = client.post(
        reverse("careplans:entry-disagree", kwargs={"pk": clinician_entry.pk}), {"text": "x" * (ENTRY + 1)}
    )
    _refused(response, "What you disagree with must be 4,000 characters or fewer")
    assert not Disagreement.objects.exists()


@pytest.mark.django_db
def test_a_team_recovery_plan_section_over_the_limit_is_refused(client, teamlead, persona_plan):
    client.force_login(teamlead)
    response = client.post(
        reverse("teams:plan-resources", args=[persona_plan.pk]),
        {
            "version": persona_plan.version,
            "resources_staff": "x" * (LONG + 1),
            "resources_peer_workers": "Lived experience",
            "resources_people_using_service": "",
            "resources_carers": "",
        },
    )
    _refused(response, "Staff must be 5,000 characters or fewer")
    saved = TeamRecoveryPlan.objects.get(pk=persona_plan.pk)
    assert (saved.resources_staff, saved.resources_peer_workers, saved.version) == (
        "",
        "",
        persona_plan.version,
    )


@pytest.mark.django_db
def test_a_learning_plan_over_the_limit_is_refused(client, serviceuser_plan, serviceuser):
    client.force_login(serviceuser)
    response = client.post(
        reverse("college:learning-plan-edit", args=[serviceuser_plan.pk]), {"goals": "x" * (LONG + 1)}
    )
    _refused(response, "My goals this term must be 5,000 characters or fewer")
    assert LearningPlan.objects.get().goals == serviceuser_plan.goals


@pytest.mark.django_db
def test_meeting_minutes_over_the_limit_are_refused(client, steering, persona_trust):
    from workstreams.tests.factories import trust_steering_group

    group = trust_steering_group()
    client.force_login(group.chair)
    response = client.post(
        reverse("workstreams:meeting-create", args=[group.slug]),
        {
            "date_day": 9,
            "date_month": 7,
            "date_year": 2025,
            "attendees": [steering.pk],
            "minutes": "x" * (NARRATIVE + 1),
        },
    )
    _refused(response, "Minutes must be 10,000 characters or fewer")
    assert not SteeringGroupMeeting.objects.exists()


@pytest.mark.django_db
def test_feedback_over_the_limit_is_refused(
    client, personas, persona_team, serviceuser_record, measures_reference_data
):
    from evaluation.tests.test_entry import date_fields, form_key

    client.force_login(personas["serviceuser"])
    response = client.post(
        reverse("measures:feedback-new", kwargs={"slug": persona_team.slug}),
        {**form_key(), **date_fields(timezone.localdate()), "answer": "1", "free_text": "x" * (NOTE + 1)},
    )
    _refused(response, "Your answer must be 2,000 characters or fewer")
    assert not PremReturn.objects.exists()


@pytest.mark.django_db
def test_a_plan_with_every_field_at_its_maximum_makes_a_pdf(client, personas, serviceuser_record):
    plan = largest_allowed_plan(person=serviceuser_record, by=personas["clinician"])
    assert max(len(entry.text) for entry in plan.entries.all()) == ENTRY
    client.force_login(personas["clinician"])

    response = client.get(reverse("careplans:plan-pdf", kwargs={"pk": plan.pk}))

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "allotment with my brother" in text and "A quiet room and someone I know" in text
    assert len(reader.pages) > 5
