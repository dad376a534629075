"""NHS.UK form pieces that Django does not provide: the three-box date input and a crispy layout field.

The date pattern follows the NHS.UK design system: separate day, month and year boxes in a fieldset,
and error messages that say which part is wrong ("Date must include a month").
"""

import datetime
from collections.abc import Callable

from crispy_forms.layout import Field
from crispy_forms.utils import TEMPLATE_PACK
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

DATE_PARTS = ("day", "month", "year")

_MONTH_NAMES = {
    name: number
    for number in range(1, 13)
    for name in (
        datetime.date(2000, number, 1).strftime("%B").lower(),
        datetime.date(2000, number, 1).strftime("%b").lower(),
    )
}


class NHSDateInput(forms.MultiWidget):
    """Day, month and year boxes. Sub-inputs are named and identified ``<name>_day`` and so on.

    ``autocomplete="bday"`` gives the boxes ``bday-day``, ``bday-month`` and ``bday-year``, so browsers
    can fill in a date of birth (WCAG 1.3.5).
    """

    template_name = "nhsuk/widgets/date_input.html"
    labels = {"day": "Day", "month": "Month", "year": "Year"}
    # The crispy pack passes the parts in error under this key; it is never rendered as an attribute.
    error_parts_attr = "nhsuk_error_parts"

    def __init__(self, attrs=None, autocomplete: str | None = None):
        self.autocomplete = autocomplete
        widgets = {
            part: forms.TextInput(
                attrs={
                    "class": f"nhsuk-input nhsuk-date-input__input nhsuk-input--width-{4 if part == 'year' else 2}",
                    "inputmode": "numeric",
                    **({"autocomplete": f"{autocomplete}-{part}"} if autocomplete else {}),
                }
            )
            for part in DATE_PARTS
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        attrs = dict(attrs or {})
        error_parts = set(attrs.pop(self.error_parts_attr, ()) or ())
        # Django marks every box invalid when the field has an error; only the wrong parts should be.
        attrs.pop("aria-invalid", None)
        attrs.pop("class", None)  # each box keeps its own NHS classes
        context = super().get_context(name, value, attrs)
        base_id = context["widget"]["attrs"].get("id")
        parts = []
        for part, subwidget in zip(DATE_PARTS, context["widget"]["subwidgets"], strict=True):
            sub_attrs = subwidget["attrs"]
            if base_id:
                sub_attrs["id"] = f"{base_id}_{part}"
            if part in error_parts:
                sub_attrs["class"] = f"{sub_attrs.get('class', '')} nhsuk-input--error".strip()
                sub_attrs["aria-invalid"] = "true"
            parts.append(
                {"name": part, "label": self.labels[part], "error": part in error_parts, "widget": subwidget}
            )
        context["widget"]["parts"] = parts
        return context

    def id_for_label(self, id_):
        # A fieldset legend names the group; the first box is where error summary links go.
        return f"{id_}_day" if id_ else ""


def _format_date(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


class NHSDateField(forms.Field):
    """A date typed into three boxes, validated with NHS.UK messages.

    ``subject`` starts the messages ("Date of birth must include a month"). ``min_value`` and
    ``max_value`` take a date or a callable returning one. ``allow_future=False`` refuses dates after
    today; ``allow_past=False`` refuses dates before today (today in the Trust's time zone).

    Each error carries the parts to highlight in ``params["nhsuk_parts"]``; the crispy pack marks
    those boxes and links the error summary to the first of them.
    """

    widget = NHSDateInput
    default_error_messages = {
        "required": "Enter a date",
        "incomplete": "%(subject)s must include a %(missing)s",
        "invalid": "%(subject)s must be a real date",
        "year_digits": "Year must include 4 numbers",
        "future": "%(subject)s must be today or in the past",
        "past": "%(subject)s must be today or in the future",
        "min_value": "%(subject)s must be the same as or after %(limit)s",
        "max_value": "%(subject)s must be the same as or before %(limit)s",
    }

    def __init__(
        self,
        *,
        subject: str = "Date",
        min_value: datetime.date | Callable[[], datetime.date] | None = None,
        max_value: datetime.date | Callable[[], datetime.date] | None = None,
        allow_future: bool = True,
        allow_past: bool = True,
        **kwargs,
    ):
        self.subject = subject
        self.min_value = min_value
        self.max_value = max_value
        self.allow_future = allow_future
        self.allow_past = allow_past
        super().__init__(**kwargs)

    def _error(self, code: str, parts=DATE_PARTS, **params) -> ValidationError:
        return ValidationError(
            self.error_messages[code],
            code=code,
            params={"subject": self.subject, "nhsuk_parts": list(parts), **params},
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):  # a hidden input or an initial value given as text
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                raise self._error("invalid") from None

        texts = ["" if part is None else str(part).strip() for part in value]
        raw = {part: texts[i] if i < len(texts) else "" for i, part in enumerate(DATE_PARTS)}
        if not any(raw.values()):
            return None
        missing = [part for part in DATE_PARTS if not raw[part]]
        if missing:
            raise self._error("incomplete", parts=missing, missing=" and ".join(missing))

        wrong = []
        day = int(raw["day"]) if raw["day"].isdigit() else None
        if day is None or not 1 <= day <= 31:
            wrong.append("day")
        month_text = raw["month"].lower()
        month = int(month_text) if month_text.isdigit() else _MONTH_NAMES.get(month_text)
        if month is None or not 1 <= month <= 12:
            wrong.append("month")
        if not raw["year"].isdigit():
            wrong.append("year")
        elif len(raw["year"]) != 4:
            if not wrong:
                raise self._error("year_digits", parts=["year"])
            wrong.append("year")
        if wrong:
            raise self._error("invalid", parts=wrong)
        try:
            return datetime.date(int(raw["year"]), month, day)
        except ValueError:
            # Each part is possible on its own but not together, such as 31 April.
            raise self._error("invalid", parts=["day", "month"]) from None

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if not self.allow_future and value > today:
            raise self._error("future")
        if not self.allow_past and value < today:
            raise self._error("past")
        low = self.min_value() if callable(self.min_value) else self.min_value
        if low is not None and value < low:
            raise self._error("min_value", limit=_format_date(low))
        high = self.max_value() if callable(self.max_value) else self.max_value
        if high is not None and value > high:
            raise self._error("max_value", limit=_format_date(high))


class NHSField(Field):
    """A crispy layout ``Field`` with NHS.UK presentation options.

    ``label_size``: "s", "m", "l" or "xl" for the label or legend. ``page_heading=True`` wraps the label
    or legend in the page's ``<h1>`` (one-question pages; size "l" unless given). ``inline=True`` lays
    radios or checkboxes side by side; ``small=True`` uses the small radios or checkboxes.
    Other keyword arguments become attributes of the input, as with crispy's ``Field``.
    """

    def __init__(self, *fields, label_size=None, page_heading=False, inline=False, small=False, **kwargs):
        super().__init__(*fields, **kwargs)
        self.nhsuk_options = {
            "label_size": label_size or ("l" if page_heading else None),
            "page_heading": page_heading,
            "inline": inline,
            "small": small,
        }

    def render(self, form, context, template_pack=TEMPLATE_PACK, extra_context=None, **kwargs):
        extra_context = {**(extra_context or {}), **self.nhsuk_options}
        return super().render(
            form, context, template_pack=template_pack, extra_context=extra_context, **kwargs
        )
