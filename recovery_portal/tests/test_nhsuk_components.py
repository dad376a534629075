"""NHS.UK components set once: the "Error: " title of a page whose form has errors, and the button include."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_a_page_whose_form_has_errors_says_so_first_in_its_title(client, college):
    client.force_login(college)

    shown = client.get(reverse("college:setup-course-new")).content.decode()
    refused = client.post(reverse("college:setup-course-new"), {}).content.decode()

    assert "<title>Error: " not in shown
    assert "<title>Error: " in refused
    assert "Error: Error:" not in refused


def test_the_error_title_is_set_in_one_place():
    templates = TEMPLATES
    setting_it = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if "{% if form.errors %}Error:" in path.read_text()
    ]
    assert setting_it == ["base.html"]


def test_plain_nhs_buttons_come_from_the_one_include():
    # A submit button written out by hand drifts from the design system; the include keeps it one.
    by_hand = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if '<button class="nhsuk-button" data-module="nhsuk-button" type="submit">' in path.read_text()
    ]
    assert by_hand == []
