"""One way every page saves a form (ADR 0031).

Bind the form, validate it, call one service, and then one of three things happens:

- the service saves: the caller redirects;
- the service refuses (``ValidationError``): the refusal is shown on the form, beside the field it names
  when the form has that field, else at the top; an unknown field name never raises;
- someone else saved the record since the form was opened (``StaleEdit``): nothing is written, the form
  keeps what was typed, their saved version is shown beside it (``includes/stale_comparison.html``), the
  page answers 409, and the form now carries their version so that saving again keeps what was typed.

Views stay thin: ``outcome = submit(request, form, write, compare=...)``; ``if outcome.saved: redirect``;
else render with ``outcome.context`` and ``status=outcome.status``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from .concurrency import StaleEdit

STALE_MESSAGE = (
    "Someone else changed this {what} since you opened it. Their saved version is shown beside what you "
    "typed, and what you typed is still in the form. Check both, then save again to keep your version."
)
STALE_STATUS = 409


@dataclass
class Outcome:
    """What became of a submitted form: saved (with the service's result), refused, stale, or not posted."""

    saved: bool = False
    result: Any = None
    stale: list[dict] | None = None
    current: Any = None
    extra: dict = field(default_factory=dict)

    @property
    def status(self) -> int:
        return STALE_STATUS if self.stale is not None else 200

    @property
    def context(self) -> dict:
        """What the page template needs to show a stale save: ``stale`` (rows) and ``stale_current``."""
        return {"stale": self.stale, "stale_current": self.current}


def show_refusal(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: by field when the form has that field, else for the whole form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _display(value, field=None) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return f"{value:%-d %B %Y}" if not hasattr(value, "hour") else f"{value:%-d %B %Y %H:%M}"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if field is not None and getattr(field, "choices", None) is not None and not hasattr(field, "queryset"):
        return str(dict(_flat_choices(field.choices)).get(value, value))
    if isinstance(value, list | tuple | set) or hasattr(value, "all"):
        items = value.all() if hasattr(value, "all") else value
        return ", ".join(str(item) for item in items)
    return str(value)


def _flat_choices(choices):
    for key, label in choices:
        if isinstance(label, list | tuple):
            yield from _flat_choices(label)
        else:
            yield key, label


def comparison_rows(form, current, names: Iterable[str]) -> list[dict]:
    """Their saved value and what was typed, for each of ``names`` (fields of ``current`` and the form)."""
    cleaned = getattr(form, "cleaned_data", {}) or {}
    rows = []
    for name in names:
        field_ = form.fields.get(name)
        theirs = getattr(current, f"get_{name}_display", None)
        theirs = theirs() if theirs is not None else getattr(current, name, "")
        if hasattr(theirs, "all"):
            theirs = list(theirs.all())
        yours = cleaned.get(name, form.data.get(name, ""))
        rows.append(
            {
                "label": field_.label if field_ is not None and field_.label else name.replace("_", " "),
                "theirs": _display(theirs),
                "yours": _display(yours, field_),
            }
        )
    return rows


def refuse_stale(form, *, current, what: str, rows: list[dict], message: str | None = None) -> list[dict]:
    """Explain a refused save on ``form`` and let the person save again on top of ``current``'s version.

    Only the rows that differ are kept: they are what the person has to choose between.
    """
    form.add_error(None, message or STALE_MESSAGE.format(what=what))
    if "version" in form.fields and getattr(current, "version", None) is not None:
        data = form.data.copy()
        data[form.add_prefix("version")] = str(current.version)
        form.data = data
    return [row for row in rows if str(row["theirs"]).strip() != str(row["yours"]).strip()]


def _default_compare(form, current) -> list[str]:
    return [name for name in form.fields if name != "version" and hasattr(current, name)]


def submit(
    request,
    form,
    write: Callable[[dict], Any],
    *,
    what: str = "record",
    compare: Iterable[str] | Callable[[Any], list[dict]] | None = None,
    message: Callable[[Any], str] | None = None,
) -> Outcome:
    """On a POST, validate ``form`` and call ``write(cleaned_data)`` (one service call).

    ``compare`` says what to show beside what was typed when the save is stale: field names, or a
    function of the record as it now is returning ``{"label", "theirs", "yours"}`` rows. By default every
    form field that the record also has. ``message`` words the refusal from the record as it now is
    (who saved it, and when), where a page says more than the general message.
    """
    if request.method != "POST" or not form.is_valid():
        return Outcome()
    try:
        result = write(form.cleaned_data)
    except StaleEdit as refused:
        current = refused.current
        if callable(compare):
            rows = compare(current)
        else:
            names = list(compare) if compare is not None else _default_compare(form, current)
            rows = comparison_rows(form, current, names)
        said = message(current) if message is not None else None
        return Outcome(
            stale=refuse_stale(form, current=current, what=what, rows=rows, message=said), current=current
        )
    except ValidationError as error:
        show_refusal(form, error)
        return Outcome()
    return Outcome(saved=True, result=result)
