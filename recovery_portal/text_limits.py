"""How much free text each kind of field takes, and the fields that hold to it (ADR 0020).

Unbounded text let one entry of 1–2 MB into a plan, whose PDF then took half a minute. Every field
people type free text into has a limit from here, on the model (admin and ``full_clean``) and on the
form, with an NHS-style message naming the field: "Plan details must be 5,000 characters or fewer".

The limits fit real use: a long narrative (meeting minutes, a year's progress) fits in 10,000
characters (about four pages); a plan entry, a section of a Team Recovery Plan or a learning plan
answer in 5,000 or fewer; a note, a reason or a piece of evidence in 2,000; a list of names in 1,000.
"""

from django import forms
from django.core import validators
from django.db import models
from django.utils.text import capfirst

NARRATIVE = 10_000  # meeting minutes, progress updates, annual progress, a plan's review
LONG = 5_000  # sections of a Team Recovery Plan, learning plan goals, course descriptions
ENTRY = 4_000  # one entry of a person's plan, and a disagreement with one
NOTE = 2_000  # notes, evidence, reasons, feedback, descriptions
NAMES = 1_000  # who was present, other attendees


def too_long_message(label: str, limit: int) -> str:
    """'<Label> must be 5,000 characters or fewer', the label without a trailing '?' or ':'."""
    name = capfirst(str(label or "This").strip().rstrip("?:").strip())
    return f"{name} must be {limit:,} characters or fewer"


class BoundedCharField(forms.CharField):
    """Free text with a maximum length and the NHS-style message for going over it.

    The browser is not given ``maxlength``: it would silently cut off pasted text, and the person would
    lose words without knowing. The server refuses it instead and says how much is allowed.
    """

    def __init__(self, *, max_length: int, **kwargs):
        super().__init__(max_length=max_length, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs

    def run_validators(self, value):
        if value not in self.empty_values and len(value) > self.max_length:
            message = self.error_messages.get("too_long") or too_long_message(self.label, self.max_length)
            raise forms.ValidationError(message, code="max_length")
        super().run_validators(value)


def text_field(*, max_length: int, **kwargs) -> BoundedCharField:
    """A form's free-text box (a textarea unless ``widget`` says otherwise) with a limit from here."""
    kwargs.setdefault("widget", forms.Textarea)
    return BoundedCharField(max_length=max_length, **kwargs)


class BoundedTextField(models.TextField):
    """A model's free text with a maximum length, checked by ``full_clean`` and by every ModelForm
    (admin included), which shows the NHS-style message."""

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    @property
    def validators(self):
        return [*super().validators, validators.MaxLengthValidator(self.max_length)]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": BoundedCharField, **kwargs})
