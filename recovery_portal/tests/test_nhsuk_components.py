"""NHS.UK components set once: the "Error: " title of a page whose form has errors, and the button include."""

import re
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


def test_summary_lists_come_from_the_one_include():
    by_hand = {
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if re.search(r'class="nhsuk-summary-list[" {]', path.read_text())
    }
    assert by_hand == {"includes/summary_list.html"}


SUMMARY = """{% load summary_list %}{% summary_list classes="nhsuk-summary-list--no-border" %}
{% summary_row "Name" %}{{ name }}{% endsummary_row %}
{% if show_contact %}{% summary_row "Contact" action_url=change_url action_hidden="the contact details" id="contact" %}<a href="tel:{{ phone }}">{{ phone }}</a>{% endsummary_row %}{% endif %}
{% summary_row %}Standard {{ number }}: <abbr title="Triangle of Care">ToC</abbr>{% summary_value %}Met{% endsummary_row %}
{% endsummary_list %}"""


def _summary(**context) -> str:
    from django.template import Context, Template

    return Template(SUMMARY).render(Context(context))


def test_the_summary_list_shows_each_row_with_its_key_value_and_action():
    from recovery_portal.tests.test_nhsuk_forms import elements, one

    html = _summary(
        name="Dan <Hughes>", show_contact=True, change_url="/people/1/edit/", phone="07700 900123", number=2
    )

    assert one(html, "dl")["class"] == "nhsuk-summary-list nhsuk-summary-list--no-border"
    keys = [part.split("</dt>")[0] for part in html.split('<dt class="nhsuk-summary-list__key">')[1:]]
    assert keys == ["Name", "Contact", 'Standard 2: <abbr title="Triangle of Care">ToC</abbr>']
    assert "Dan &lt;Hughes&gt;" in html  # values are escaped as anywhere else
    assert '<a href="tel:07700 900123">07700 900123</a>' in html
    link = one(html, "a", href="/people/1/edit/")
    assert link["class"] == "nhsuk-link"
    assert 'Change<span class="nhsuk-u-visually-hidden"> the contact details</span></a>' in html
    assert one(html, "div", id="contact")["class"] == "nhsuk-summary-list__row"
    # Rows without an action, beside one with, say so (the design system's --no-actions).
    assert (
        len(elements(html, "div", **{"class": "nhsuk-summary-list__row nhsuk-summary-list__row--no-actions"}))
        == 2
    )


def test_a_figure_about_people_is_marked_for_disclosure_control_and_no_other_is():
    from django.template import Context, Template

    html = Template(
        "{% load summary_list %}{% summary_list %}"
        "{% summary_row 'People with a plan' about_people=True %}*{% endsummary_row %}"
        "{% summary_row 'Plans agreed' about_people=False %}12{% endsummary_row %}"
        "{% endsummary_list %}"
    ).render(Context({}))

    assert '<dd class="nhsuk-summary-list__value" data-people>*</dd>' in html
    assert '<dd class="nhsuk-summary-list__value">12</dd>' in html


def test_a_summary_list_without_actions_or_rows():
    html = _summary(name="Dan", show_contact=False, number=1)
    assert "nhsuk-summary-list__actions" not in html and "--no-actions" not in html
    from django.template import Context, Template

    empty = Template(
        "{% load summary_list %}{% summary_list %}{% if no %}{% summary_row 'A' %}B{% endsummary_row %}{% endif %}{% endsummary_list %}"
    )
    assert empty.render(Context({})).strip() == ""
