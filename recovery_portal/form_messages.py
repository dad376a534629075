"""Error messages in the NHS.UK service manual's words for every form, set once (ADR 0031).

Django's defaults ("This field is required.", "Enter a valid date.", "Select a valid choice…") and its
empty choice "---------" never reach a person. Every project form mixes in :class:`NHSMessages`
(through :class:`NHSForm` or :class:`NHSModelForm`), which gives each field messages made from its label
that say what to do: "Enter the course title", "Date of birth must be a real date", "Select the venue".
A message a form sets itself is kept; only Django's own texts are replaced.
See https://service-manual.nhs.uk/design-system/components/error-message
"""

from django import forms
from django.core import validators
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.forms.models import ModelChoiceField, ModelMultipleChoiceField
from django.forms.utils import pretty_name

EMPTY_CHOICE = "---------"

# Words that already begin a phrase well after "Enter" or "Select": no "the" before them.
_NO_ARTICLE = {"a", "an", "the", "your", "my", "their", "how", "what", "who", "whom", "which", "when",
               "why", "where", "whether", "if", "i", "any", "all", "some", "one", "this", "that", "at", "up"}  # fmt: skip


def _django_defaults() -> set[str]:
    """Every message text Django's form fields and validators give by default."""
    texts = {EMPTY_CHOICE, "Enter a date"}
    for field_class in _subclasses(forms.Field):
        for klass in field_class.__mro__:
            texts.update(str(text) for text in getattr(klass, "default_error_messages", {}).values())
    for name in dir(validators):
        value = getattr(validators, name)
        message = getattr(value, "message", None)
        if message is not None:
            texts.add(str(message))
    for validator in (validators.validate_slug, validators.validate_unicode_slug, validators.validate_email):
        texts.add(str(validator.message))
    texts.update(str(text) for text in validators.DecimalValidator.messages.values())
    return texts


def _subclasses(klass):
    for sub in klass.__subclasses__():
        if sub.__module__.startswith("django."):
            yield sub
            yield from _subclasses(sub)


DJANGO_DEFAULTS: set[str] = set()


def django_defaults() -> set[str]:
    if not DJANGO_DEFAULTS:
        DJANGO_DEFAULTS.update(_django_defaults())
    return DJANGO_DEFAULTS


def _names(field, name: str) -> tuple[str, str]:
    """The field's label as a sentence starts it ("Date of birth") and as it continues one ("the date
    of birth")."""
    label = str(field.label or pretty_name(name)).strip().rstrip(":?")
    for suffix in (" (optional)", " (Optional)"):
        label = label.removesuffix(suffix)
    first_word = label.split(" ", 1)[0]
    keep_case = first_word == "I" or (len(first_word) > 1 and first_word[1].isupper())  # NHS number
    phrase = label if keep_case else label[:1].lower() + label[1:]
    if first_word.lower() not in _NO_ARTICLE:
        phrase = f"the {phrase}"
    return label[:1].upper() + label[1:], phrase


def _is_choice(field) -> bool:
    return isinstance(
        field, forms.ChoiceField | ModelChoiceField | forms.BooleanField | forms.NullBooleanField
    )


def _invalid(field, label: str, phrase: str) -> str:
    if isinstance(field, forms.DateTimeField):
        return f"{label} must be a real date and time"
    if isinstance(field, forms.DateField):
        return f"{label} must be a real date"
    if isinstance(field, forms.TimeField):
        return f"{label} must be a time, like 14:30"
    if isinstance(field, forms.DurationField):
        return f"{label} must be a length of time, like 1:30:00"
    if isinstance(field, forms.IntegerField):
        return f"{label} must be a whole number"
    if isinstance(field, forms.DecimalField | forms.FloatField):
        return f"{label} must be a number"
    if isinstance(field, forms.EmailField):
        return "Enter an email address in the correct format, like name@example.com"
    if isinstance(field, forms.URLField):
        return "Enter a link in the correct format, like https://www.nhs.uk"
    if isinstance(field, forms.SlugField):
        return f"{label} must only include lower-case letters, numbers and hyphens"
    if isinstance(field, forms.FileField):
        return "The selected file could not be read. Choose the file again"
    return f"Enter {phrase} in the correct format"


def _messages(field, label: str, phrase: str) -> dict[str, str]:
    choose = "Select" if _is_choice(field) else "Enter"
    from_the_list = f"Select {phrase} from the list"  # noqa: S608 (a sentence, not a query)
    return {
        "required": "Choose a file" if isinstance(field, forms.FileField) else f"{choose} {phrase}",
        "invalid": _invalid(field, label, phrase),
        "invalid_choice": from_the_list,
        "invalid_list": from_the_list,
        "invalid_pk_value": from_the_list,
        "max_length": f"{label} must be %(limit_value)s characters or fewer",
        "min_length": f"{label} must be %(limit_value)s characters or more",
        "max_value": f"{label} must be %(limit_value)s or less",
        "min_value": f"{label} must be %(limit_value)s or more",
        "step_size": f"{label} must be a multiple of %(limit_value)s",
        "max_digits": f"{label} must have no more than %(max)s digits",
        "max_decimal_places": f"{label} must have no more than %(max)s decimal places",
        "max_whole_digits": f"{label} must have no more than %(max)s digits before the decimal point",
        "missing": "Choose a file",
        "empty": "The selected file is empty. Choose a file with something in it",
        "contradiction": "Either choose a new file or tick the box to remove the file, not both",
        "invalid_image": "The selected file must be a picture, such as a JPG or PNG",
        "invalid_date": f"{label} must be a real date",
        "invalid_time": f"{label} must be a time, like 14:30",
        "overflow": f"{label} is too long. Enter a shorter length of time",
        "incomplete": f"Enter all of {phrase}",
    }


def nhs_field_messages(field, name: str) -> None:
    """Replace any of Django's default texts on ``field`` (its messages and empty choice) with NHS ones."""
    defaults = django_defaults()
    label, phrase = _names(field, name)
    ours = _messages(field, label, phrase)
    codes = set(field.error_messages) | {getattr(v, "code", None) for v in field.validators} - {None}
    for code in codes:
        current = field.error_messages.get(code)
        if current is None or str(current) in defaults:
            # Validators' messages are replaced too: Django uses the field's message for a validator's code.
            field.error_messages[code] = ours.get(code, f"Enter {phrase} in the correct format")
    if isinstance(field, ModelChoiceField) and not isinstance(field, ModelMultipleChoiceField):
        if field.empty_label == EMPTY_CHOICE:
            field.empty_label = f"Select {phrase}"
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, ModelChoiceField):
        choices = list(field.choices)
        if any(text == EMPTY_CHOICE for _, text in choices):
            field.choices = [
                (value, f"Select {phrase}" if text == EMPTY_CHOICE else text) for value, text in choices
            ]


DJANGO_UNIQUE = str(models.Field.default_error_messages["unique"])
DJANGO_UNIQUE_TOGETHER = "%(model_name)s with this %(field_labels)s already exists."


def _a(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _model_name(model) -> str:
    name = str(model._meta.verbose_name)
    return name if name[:2].isupper() else name[:1].lower() + name[1:]  # keeps "SPC limit" as written


def unique_message(model, field, name: str) -> str:
    """What a person reads when the value must be unique and is taken: what exists, and what to do."""
    label, phrase = _names(field, name)
    choose = "Select" if _is_choice(field) else "Enter"
    what = phrase.removeprefix("the ")
    return (
        f"{_a(_model_name(model)).capitalize()} with this {what} already exists. {choose} a different {what}"
    )


def unique_together_message(model, fields: list) -> str:
    """The same, for values that must be unique together ("a run of this course in this term")."""
    phrases = [_names(field, name)[1].removeprefix("the ") for name, field in fields]
    both = ", ".join(phrases[:-1]) + f" and {phrases[-1]}" if len(phrases) > 1 else phrases[0]
    either = ", ".join(phrases[:-1]) + f" or {phrases[-1]}" if len(phrases) > 1 else phrases[0]
    return f"{_a(_model_name(model)).capitalize()} with this {both} already exists. Change the {either}"


def nhs_unique_messages(form) -> None:
    """Give each field of a model form that must be unique the NHS message for a value already taken.

    Django's form uses the form field's "unique" message in place of the model's ("Course with this Slug
    already exists."). A model field's own message, written by the portal, is kept.
    """
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is None:
        return
    for name, field in form.fields.items():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not getattr(model_field, "unique", False) or model_field.primary_key:
            continue
        if str(model_field.error_messages.get("unique")) == DJANGO_UNIQUE and (
            field.error_messages.get("unique") is None
        ):
            field.error_messages["unique"] = unique_message(model, field, name)


class NHSMessages:
    """Mixed into every form: its fields speak as the NHS.UK service manual writes error messages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._nhs_done: set[str] = set()
        self._nhs_messages()

    def _nhs_messages(self) -> None:
        done = self.__dict__.setdefault("_nhs_done", set())
        fresh = False
        for name, field in self.fields.items():
            if (name, id(field)) not in done:
                nhs_field_messages(field, name)
                done.add((name, id(field)))
                fresh = True
        if fresh:
            nhs_unique_messages(self)

    def __getitem__(self, name):
        # Fields a form adds after it is built (one per rating, per student) are covered when shown ...
        self._nhs_messages()
        return super().__getitem__(name)

    def full_clean(self):
        # ... and when checked.
        self._nhs_messages()
        super().full_clean()


class NHSForm(NHSMessages, forms.Form):
    pass


class NHSModelForm(NHSMessages, forms.ModelForm):
    def _update_errors(self, errors):
        # Values that must be unique together: Django's "<Model> with this <A> and <B> already exists."
        # becomes a message naming the fields as the form labels them and saying what to change.
        found = errors.error_dict.values() if hasattr(errors, "error_dict") else [errors.error_list]
        for messages in found:
            for message in messages:
                if (
                    getattr(message, "code", None) == "unique_together"
                    and str(message.message) == DJANGO_UNIQUE_TOGETHER
                    and message.params
                ):
                    names = message.params.get("unique_check", ())
                    fields = [(name, self.fields[name]) for name in names if name in self.fields]
                    if len(fields) == len(names):
                        message.message = unique_together_message(self._meta.model, fields)
        super()._update_errors(errors)
