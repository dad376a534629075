"""The `nhsuk` crispy template pack and the NHS.UK date field: markup, error summary, parsing, messages."""

import datetime
import re
from html.parser import HTMLParser

import pytest
import time_machine
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.template import Context, Template

from recovery_portal.nhsuk_forms import NHSDateField, NHSDateInput, NHSField


class EveryFieldForm(forms.Form):
    name = forms.CharField(label="Full name", help_text="As it appears on your letters")
    email = forms.EmailField(required=False)
    notes = forms.CharField(widget=forms.Textarea, max_length=200)
    team = forms.ChoiceField(choices=[("", "Choose a team"), ("alpha", "Alpha"), ("beta", "Beta")])
    contact = forms.ChoiceField(
        label="How should we contact you?",
        widget=forms.RadioSelect,
        choices=[("email", "Email"), ("phone", "Phone")],
        help_text="Select one option",
    )
    days = forms.MultipleChoiceField(
        label="Which days suit you?",
        widget=forms.CheckboxSelectMultiple,
        choices=[("mon", "Monday"), ("tue", "Tuesday")],
    )
    agree = forms.BooleanField(label="I agree to share my plan", help_text="You can change your mind")
    born = NHSDateField(label="Date of birth", subject="Date of birth")
    letter = forms.FileField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput)
    token = forms.CharField(widget=forms.HiddenInput, required=False)


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def elements(html: str, tag: str, **attrs: str) -> list[dict]:
    """Start tags of one kind whose attributes equal those given (``for_`` means ``for``)."""
    parser = _Elements()
    parser.feed(html)
    wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
    return [found for name, found in parser.found if name == tag and wanted.items() <= found.items()]


def one(html: str, tag: str, **attrs: str) -> dict:
    matches = elements(html, tag, **attrs)
    assert len(matches) == 1, f"expected one <{tag} {attrs}>, found {len(matches)}"
    return matches[0]


def classes(element: dict) -> set[str]:
    return set(element.get("class", "").split())


def fieldset_html(html: str, legend: str) -> str:
    for inner in re.findall(r"<fieldset\b[^>]*>(.*?)</fieldset>", html, flags=re.S):
        if re.search(rf"<legend\b[^>]*>\s*{re.escape(legend)}\s*</legend>", inner):
            return inner
    raise AssertionError(f"no fieldset with the legend {legend!r}")


def render_filter(form) -> str:
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


def render_tag(form) -> str:
    return Template("{% load crispy_forms_tags %}{% crispy form %}").render(
        Context({"form": form, "csrf_token": "test-token"})
    )


INVALID = {
    "name": "",
    "notes": "Some notes",
    "team": "",
    "born_day": "31",
    "born_month": "2",
    "born_year": "1980",
}


# Markup of each field type


def test_text_input_has_nhs_label_input_and_a_hint_linked_by_aria_describedby():
    html = render_filter(EveryFieldForm())

    assert "nhsuk-label" in classes(one(html, "label", for_="id_name"))
    field = one(html, "input", id="id_name")
    assert "nhsuk-input" in classes(field)
    assert "nhsuk-hint" in classes(one(html, "div", id="id_name-hint"))
    assert field["aria-describedby"] == "id_name-hint"


def test_email_input_turns_off_spellcheck_and_no_input_asks_the_browser_to_validate():
    html = render_filter(EveryFieldForm())

    assert one(html, "input", id="id_email")["spellcheck"] == "false"
    assert " required" not in html, "browser validation would pre-empt the NHS.UK error messages"


def test_textarea_with_a_maximum_length_becomes_a_character_count():
    html = render_filter(EveryFieldForm())

    group = one(html, "div", **{"data-module": "nhsuk-character-count"})
    assert group["data-maxlength"] == "200"
    textarea = one(html, "textarea", id="id_notes")
    assert {"nhsuk-textarea", "nhsuk-js-character-count"} <= classes(textarea)
    assert "maxlength" not in textarea
    assert textarea["aria-describedby"] == "id_notes-info"
    assert "You can enter up to 200 characters" in html


def test_select_uses_the_nhs_select():
    html = render_filter(EveryFieldForm())

    assert "nhsuk-select" in classes(one(html, "select", id="id_team"))
    assert one(html, "label", for_="id_team")


def test_radios_sit_in_a_fieldset_whose_legend_is_the_question():
    html = render_filter(EveryFieldForm())

    inner = fieldset_html(html, "How should we contact you?")
    radios = elements(inner, "input", type="radio")
    assert [radio["id"] for radio in radios] == ["id_contact", "id_contact-2"]
    assert all("nhsuk-radios__input" in classes(radio) for radio in radios)
    assert one(inner, "label", for_="id_contact-2")
    assert 'class="nhsuk-radios"' in inner
    fieldset = one(html, "fieldset", **{"aria-describedby": "id_contact-hint"})
    assert "nhsuk-fieldset" in classes(fieldset)
    assert not elements(html, "label", for_="")


def test_checkboxes_sit_in_a_fieldset_with_a_legend():
    html = render_filter(EveryFieldForm())

    inner = fieldset_html(html, "Which days suit you?")
    boxes = elements(inner, "input", type="checkbox")
    assert [box["value"] for box in boxes] == ["mon", "tue"]
    assert all("nhsuk-checkboxes__input" in classes(box) for box in boxes)
    assert one(inner, "label", for_="id_days")


def test_a_boolean_field_is_a_single_checkbox_with_its_label_beside_it_and_hint_below():
    html = render_filter(EveryFieldForm())

    box = one(html, "input", id="id_agree")
    assert box["type"] == "checkbox"
    assert "nhsuk-checkboxes__input" in classes(box)
    assert "nhsuk-checkboxes__label" in classes(one(html, "label", for_="id_agree"))
    assert "nhsuk-checkboxes__hint" in classes(one(html, "div", id="id_agree-hint"))
    assert box["aria-describedby"] == "id_agree-hint"


def test_date_is_three_labelled_boxes_in_a_fieldset():
    html = render_filter(EveryFieldForm())

    inner = fieldset_html(html, "Date of birth")
    assert one(html, "fieldset", role="group")
    for part, label in (("day", "Day"), ("month", "Month"), ("year", "Year")):
        box = one(inner, "input", id=f"id_born_{part}")
        assert box["name"] == f"born_{part}"
        assert box["inputmode"] == "numeric"
        assert "nhsuk-date-input__input" in classes(box)
        assert re.search(rf'for="id_born_{part}">\s*{label}\s*</label>', inner)
    assert "nhsuk-input--width-4" in classes(one(inner, "input", id="id_born_year"))


def test_file_and_password_fields_use_their_nhs_components():
    html = render_filter(EveryFieldForm())

    assert "nhsuk-file-upload__input" in classes(one(html, "input", id="id_letter"))
    assert one(html, "div", **{"data-module": "nhsuk-file-upload"})
    password = one(html, "input", id="id_secret")
    assert "nhsuk-password-input__input" in classes(password)
    assert one(html, "button", **{"aria-controls": "id_secret"})["type"] == "button"


def test_hidden_fields_render_without_a_form_group():
    html = render_filter(EveryFieldForm())

    assert one(html, "input", id="id_token")["type"] == "hidden"
    assert not elements(html, "label", for_="id_token")


def test_an_unbound_form_has_no_error_summary():
    assert "nhsuk-error-summary" not in render_filter(EveryFieldForm())


# Errors


def test_invalid_form_has_an_error_summary_linking_each_error_to_its_field():
    form = EveryFieldForm(data=INVALID)
    html = render_filter(form)

    summary = one(html, "div", **{"data-module": "nhsuk-error-summary"})
    assert summary["tabindex"] == "-1"
    assert one(html, "div", role="alert")
    assert re.search(r"nhsuk-error-summary__heading\">\s*There is a problem", html)
    links = [
        link["href"] for link in elements(html.split("nhsuk-error-summary__list")[1].split("</ul>")[0], "a")
    ]
    assert links == [
        "#id_name",
        "#id_team",
        "#id_contact",
        "#id_days",
        "#id_agree",
        "#id_born_day",
        "#id_secret",
    ]
    assert set(form.errors) == {"name", "team", "contact", "days", "agree", "born", "secret"}
    for href in links:
        assert elements(html, "input", id=href[1:]) or elements(html, "select", id=href[1:]), href


def test_each_field_in_error_shows_its_message_and_points_to_it():
    form = EveryFieldForm(data=INVALID)
    html = render_filter(form)

    for name in form.errors:
        message = one(html, "span", id=f"id_{name}-error")
        assert "nhsuk-error-message" in classes(message)
    assert html.count('<span class="nhsuk-u-visually-hidden">Error: </span>') == len(form.errors)
    assert html.count("nhsuk-form-group nhsuk-form-group--error") >= len(form.errors)
    name = one(html, "input", id="id_name")
    assert "nhsuk-input--error" in classes(name)
    assert name["aria-describedby"] == "id_name-hint id_name-error"
    assert "nhsuk-select--error" in classes(one(html, "select", id="id_team"))
    assert one(html, "fieldset", **{"aria-describedby": "id_contact-hint id_contact-error"})
    assert one(html, "fieldset", role="group")["aria-describedby"] == "id_born-error"


def test_a_date_missing_one_part_highlights_and_links_only_that_part():
    form = EveryFieldForm(data={**INVALID, "born_month": ""})
    html = render_filter(form)

    assert form.errors["born"] == ["Date of birth must include a month"]
    assert one(html, "a", href="#id_born_month")
    assert "nhsuk-input--error" in classes(one(html, "input", id="id_born_month"))
    assert "nhsuk-input--error" not in classes(one(html, "input", id="id_born_day"))
    assert one(html, "input", id="id_born_day")["value"] == "31"


def test_non_field_errors_are_listed_first_and_link_to_the_first_field():
    class TwoDates(forms.Form):
        start = NHSDateField(label="Start date")
        end = NHSDateField(label="End date")

        def clean(self):
            start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
            if start and end and end < start:
                raise forms.ValidationError("End date must be the same as or after the start date")

    data = {"start_day": "2", "start_month": "1", "start_year": "2025"}
    form = TwoDates(data={**data, "end_day": "1", "end_month": "1", "end_year": "2025"})
    html = render_filter(form)

    first = html.index("End date must be the same as or after the start date")
    assert one(html, "a", href="#id_start_day")
    assert first < html.index('class="nhsuk-date-input"')


# The {% crispy %} tag with a FormHelper and layout


class LayoutForm(forms.Form):
    name = forms.CharField(label="What is your name?")
    contact = forms.ChoiceField(label="Contact", widget=forms.RadioSelect, choices=[("a", "A"), ("b", "B")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            NHSField("name", page_heading=True),
            Fieldset("How to reach you", NHSField("contact", inline=True)),
            Submit("save", "Save and continue"),
        )


def test_crispy_tag_renders_the_form_tag_fieldsets_heading_label_and_nhs_button():
    html = render_tag(LayoutForm())

    form_tag = one(html, "form", method="post")
    assert "novalidate" in form_tag
    assert one(html, "input", name="csrfmiddlewaretoken")["value"] == "test-token"
    assert re.search(
        r'<h1 class="nhsuk-label-wrapper">\s*<label class="nhsuk-label nhsuk-label--l" for="id_name">', html
    )
    assert re.search(r'<h2 class="nhsuk-fieldset__heading">\s*How to reach you\s*</h2>', html)
    assert "nhsuk-radios--inline" in html
    button = one(html, "button", name="save")
    assert classes(button) == {"nhsuk-button"}
    assert button["type"] == "submit"


def test_crispy_tag_shows_one_error_summary_for_an_invalid_form():
    html = render_tag(LayoutForm(data={}))

    assert html.count('data-module="nhsuk-error-summary"') == 1
    assert one(html, "a", href="#id_name")
    assert one(html, "a", href="#id_contact")


# NHSDateField


def clean_date(parts, **field_kwargs):
    return NHSDateField(**field_kwargs).clean(list(parts))


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("1", "4", "2025"), datetime.date(2025, 4, 1)),
        ((" 09 ", "12", "1984"), datetime.date(1984, 12, 9)),
        (("29", "Feb", "2024"), datetime.date(2024, 2, 29)),
        (("3", "march", "2026"), datetime.date(2026, 3, 3)),
    ],
)
def test_date_field_reads_day_month_and_year(parts, expected):
    assert clean_date(parts) == expected


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter a date"),
        (("1", "", "2025"), "Date must include a month"),
        (("", "", "2025"), "Date must include a day and month"),
        (("1", "4", ""), "Date must include a year"),
        (("31", "2", "2025"), "Date must be a real date"),
        (("29", "2", "2025"), "Date must be a real date"),
        (("1", "13", "2025"), "Date must be a real date"),
        (("x", "4", "2025"), "Date must be a real date"),
        (("1", "4", "25"), "Year must include 4 numbers"),
    ],
)
def test_date_field_gives_nhs_messages(parts, message):
    with pytest.raises(forms.ValidationError) as error:
        clean_date(parts)
    assert error.value.messages == [message]


def test_date_field_messages_name_the_subject_and_the_wrong_part():
    with pytest.raises(forms.ValidationError) as error:
        clean_date(("1", "", "2025"), subject="Date of birth")
    assert error.value.messages == ["Date of birth must include a month"]
    assert error.value.error_list[0].params["nhsuk_parts"] == ["month"]


def test_an_optional_date_left_blank_is_none():
    assert clean_date(("", "", ""), required=False) is None


@time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_date_field_limits():
    with pytest.raises(forms.ValidationError) as error:
        clean_date(("2", "6", "2026"), subject="Date of birth", allow_future=False)
    assert error.value.messages == ["Date of birth must be today or in the past"]
    assert clean_date(("1", "6", "2026"), allow_future=False) == datetime.date(2026, 6, 1)

    with pytest.raises(forms.ValidationError) as error:
        clean_date(("31", "3", "2025"), subject="Start date", min_value=datetime.date(2025, 4, 1))
    assert error.value.messages == ["Start date must be the same as or after 1 April 2025"]

    with pytest.raises(forms.ValidationError) as error:
        clean_date(("1", "4", "2027"), max_value=lambda: datetime.date(2027, 3, 31))
    assert error.value.messages == ["Date must be the same as or before 31 March 2027"]


def test_date_input_shows_an_initial_date_in_its_boxes_and_can_ask_for_autocomplete():
    class BirthForm(forms.Form):
        born = NHSDateField(widget=NHSDateInput(autocomplete="bday"))

    html = render_filter(BirthForm(initial={"born": datetime.date(1984, 3, 15)}))

    assert one(html, "input", id="id_born_day")["value"] == "15"
    assert one(html, "input", id="id_born_month")["value"] == "3"
    assert one(html, "input", id="id_born_year")["autocomplete"] == "bday-year"


def test_date_field_reports_no_change_when_the_same_date_is_typed_again():
    class BirthForm(forms.Form):
        born = NHSDateField()

    same = BirthForm(
        data={"born_day": "15", "born_month": "03", "born_year": "1984"},
        initial={"born": datetime.date(1984, 3, 15)},
    )
    assert not same.has_changed()
    other = BirthForm(
        data={"born_day": "16", "born_month": "3", "born_year": "1984"},
        initial={"born": datetime.date(1984, 3, 15)},
    )
    assert other.has_changed()
