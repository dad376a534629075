"""Helpers of the ``nhsuk`` crispy template pack (templates/nhsuk/).

``nhsuk_field`` prepares everything a field's template needs (which NHS.UK component it is, the ids
that tie label, hint and error message to the input, the rendered input) so the templates hold
markup only. ``nhsuk_error_summary`` lists a form's errors with links to the inputs they concern.
"""

import copy

from django import forms, template

from ..nhsuk_forms import DATE_PARTS, NHSDateInput

register = template.Library()

_INPUT_CLASSES = {
    "input": ("nhsuk-input", "nhsuk-input--error"),
    "multi": ("nhsuk-input", "nhsuk-input--error"),
    "password": (
        "nhsuk-input nhsuk-password-input__input nhsuk-js-password-input-input",
        "nhsuk-input--error",
    ),
    "select": ("nhsuk-select", "nhsuk-select--error"),
    "textarea": ("nhsuk-textarea", "nhsuk-textarea--error"),
    "file": ("nhsuk-file-upload__input", ""),
    "checkbox": ("nhsuk-checkboxes__input", ""),
}
# Components whose JavaScript enhancement hangs off the form group.
_GROUP_MODULES = {"file": "nhsuk-file-upload", "password": "nhsuk-password-input"}


@register.filter("nhsuk_kind")
def field_kind(bound_field) -> str:
    """The NHS.UK component that renders this field."""
    widget = bound_field.field.widget
    if widget.is_hidden:
        return "hidden"
    for widget_class, kind in (
        (NHSDateInput, "date"),
        (forms.CheckboxSelectMultiple, "checkboxes"),  # before RadioSelect, its parent class
        (forms.RadioSelect, "radios"),
        (forms.CheckboxInput, "checkbox"),
        (forms.Select, "select"),
        (forms.Textarea, "textarea"),
        (forms.FileInput, "file"),
        (forms.PasswordInput, "password"),
        (forms.MultiWidget, "multi"),
    ):
        if isinstance(widget, widget_class):
            return kind
    return "input"


def _base_id(bound_field) -> str:
    return bound_field.field.widget.attrs.get("id") or bound_field.auto_id or ""


def _error_date_parts(bound_field) -> list[str]:
    """The day, month or year boxes an error concerns; all three unless the error says otherwise."""
    parts = set()
    for error in bound_field.errors.as_data():
        named = (error.params or {}).get("nhsuk_parts")
        if not named:
            return list(DATE_PARTS)
        parts.update(named)
    return [part for part in DATE_PARTS if part in parts]


def _choice_items(bound_field, base_id: str) -> list[dict]:
    """Radios or checkboxes: the first option takes the field's id, so error links land on it."""
    widget = bound_field.field.widget
    hints = {str(value): hint for value, hint in (getattr(widget, "item_hints", None) or {}).items()}
    values = widget.format_value(bound_field.value())
    items = []
    for _group, options, _index in widget.optgroups(bound_field.html_name, values, {}):
        for option in options:
            value = "" if option["value"] is None else str(option["value"])
            if value == "":
                continue  # a "---------" choice means "nothing chosen", which an empty group already says
            item_id = base_id if not items else f"{base_id}-{len(items) + 1}"
            hint = hints.get(value, "")
            items.append(
                {
                    "id": item_id,
                    "name": bound_field.html_name,
                    "type": option["type"],
                    "value": value,
                    "label": option["label"],
                    "checked": option["selected"],
                    "disabled": bool(bound_field.field.disabled or option["attrs"].get("disabled")),
                    "hint": hint,
                    "hint_id": f"{item_id}-item-hint" if hint else "",
                }
            )
    return items


def first_input_id(bound_field) -> str:
    """The id an error summary link should point at: the first input of the field (or of its error)."""
    base_id = _base_id(bound_field)
    kind = field_kind(bound_field)
    if kind == "date":
        parts = _error_date_parts(bound_field) if bound_field.errors else []
        return f"{base_id}_{parts[0] if parts else 'day'}"
    if kind == "multi":
        return f"{base_id}_0"
    return base_id


def _render_widget(bound_field, attrs: dict) -> str:
    """``BoundField.as_widget`` without the browser's own validation.

    The ``required`` attribute would make browsers stop the form with their own messages, before
    the server could give the NHS.UK error summary; the server checks required fields anyway.
    """
    widget = bound_field.field.widget
    if bound_field.field.localize:
        widget.is_localized = True
    if isinstance(widget, forms.ClearableFileInput):
        # The current file and the option to remove it are rendered by the pack in NHS.UK style.
        widget = copy.copy(widget)
        widget.template_name = "django/forms/widgets/file.html"
    attrs = bound_field.build_widget_attrs(attrs, widget)
    attrs["required"] = False
    if bound_field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound_field.auto_id)
    return widget.render(
        name=bound_field.html_name,
        value=bound_field.value(),
        attrs=attrs,
        renderer=bound_field.form.renderer,
    )


def _join(*classes) -> str:
    return " ".join(c for c in classes if c)


@register.simple_tag(takes_context=True)
def nhsuk_field(context, bound_field) -> dict:
    """Everything templates/nhsuk/field.html needs to render one field."""
    kind = field_kind(bound_field)
    if kind == "hidden":
        return {"kind": kind, "html": str(bound_field)}

    show_errors = context.get("form_show_errors", True) is not False
    show_labels = context.get("form_show_labels", True) is not False
    page_heading = bool(context.get("page_heading"))
    size = context.get("label_size") or ("l" if page_heading else "")
    widget = bound_field.field.widget

    base_id = _base_id(bound_field)
    errors = list(bound_field.errors) if show_errors else []
    hint = bound_field.help_text
    hint_id = f"{base_id}-hint" if hint else ""
    error_id = f"{base_id}-error" if errors else ""

    maxlength = None
    count_id = ""
    if kind == "textarea" and widget.attrs.get("maxlength"):
        maxlength = int(widget.attrs["maxlength"])
        count_id = f"{base_id}-info"
    described_by = _join(count_id, hint_id, error_id, widget.attrs.get("aria-describedby", ""))
    uses_fieldset = kind in ("radios", "checkboxes", "date")

    presenter = {
        "kind": kind,
        "fieldset": uses_fieldset,
        "id": base_id,
        "label": bound_field.label,
        "page_heading": page_heading,
        "label_classes": _join(
            "nhsuk-label",
            f"nhsuk-label--{size}" if size else "",
            "" if show_labels else "nhsuk-u-visually-hidden",
        ),
        "legend_classes": _join(
            "nhsuk-fieldset__legend",
            f"nhsuk-fieldset__legend--{size}" if size else "",
            "" if show_labels else "nhsuk-u-visually-hidden",
        ),
        "hint": hint,
        "hint_id": hint_id,
        "errors": errors,
        "error_id": error_id,
        "described_by": described_by,
        "maxlength": maxlength,
        "count_id": count_id,
        "module": "nhsuk-character-count" if maxlength else _GROUP_MODULES.get(kind, ""),
        "group_classes": _join(
            "nhsuk-form-group",
            "nhsuk-form-group--error" if errors else "",
            "nhsuk-character-count" if maxlength else "",
            _GROUP_MODULES.get(kind, ""),
            context.get("wrapper_class") or "",
            bound_field.css_classes(),
        ),
    }

    if kind in ("radios", "checkboxes"):
        presenter["items"] = _choice_items(bound_field, base_id)
        presenter["choices_classes"] = _join(
            f"nhsuk-{kind}",
            f"nhsuk-{kind}--inline" if context.get("inline") else "",
            f"nhsuk-{kind}--small" if context.get("small") else "",
        )
        presenter["module"] = f"nhsuk-{kind}"
        return presenter

    attrs = {}
    if kind == "date":
        attrs[NHSDateInput.error_parts_attr] = _error_date_parts(bound_field) if errors else []
    else:
        base, error_class = _INPUT_CLASSES[kind]
        attrs["class"] = _join(
            base,
            "nhsuk-js-character-count" if maxlength else "",
            error_class if errors else "",
            widget.attrs.get("class", ""),
        )
        if described_by:
            attrs["aria-describedby"] = described_by
    if maxlength:
        # The character count tells people the limit; a hard maxlength would cut text off unannounced.
        attrs["maxlength"] = False
    if kind == "password" or isinstance(widget, forms.EmailInput):
        attrs.setdefault("spellcheck", "false")
        attrs.setdefault("autocapitalize", "none")
    presenter["html"] = _render_widget(bound_field, attrs)

    if kind == "file" and isinstance(widget, forms.ClearableFileInput):
        initial = bound_field.initial
        if initial and getattr(initial, "url", None):
            presenter["current_file"] = {"url": initial.url, "name": str(initial)}
            if not bound_field.field.required:
                presenter["clear_name"] = widget.clear_checkbox_name(bound_field.html_name)
                presenter["clear_id"] = widget.clear_checkbox_id(presenter["clear_name"])
    return presenter


def error_summary_items(form) -> list[dict]:
    """One entry per error, in the order of the form: ``{"text", "href"}``; href is "" for no link."""
    if form is None:
        return []
    fields = list(form)
    visible = [field for field in fields if not field.is_hidden]
    first_href = f"#{first_input_id(visible[0])}" if visible else ""
    items = [{"text": error, "href": first_href} for error in form.non_field_errors()]
    for bound_field in fields:
        href = "" if bound_field.is_hidden else f"#{first_input_id(bound_field)}"
        items.extend({"text": error, "href": href} for error in bound_field.errors)
    return items


@register.simple_tag
def nhsuk_error_summary(form=None, formset=None) -> list[dict]:
    """Error summary entries for a form, or for every form of a formset and the formset itself."""
    if formset is None:
        return error_summary_items(form)
    items = []
    forms_in_set = list(formset.forms)
    first = next((field for f in forms_in_set for field in f if not field.is_hidden), None)
    first_href = f"#{first_input_id(first)}" if first is not None else ""
    items.extend({"text": error, "href": first_href} for error in formset.non_form_errors())
    for member in forms_in_set:
        items.extend(error_summary_items(member))
    return items


@register.filter
def nhsuk_button_classes(layout_input) -> str:
    """NHS.UK button classes for a crispy Submit, Button or Reset (its Bootstrap classes dropped)."""
    extra = [c for c in (layout_input.field_classes or "").split() if not c.startswith("btn")]
    return _join(
        "nhsuk-button", "" if layout_input.input_type == "submit" else "nhsuk-button--secondary", *extra
    )


def _page_href(query_string: str, number: int) -> str:
    return f"?{query_string}&page={number}" if query_string else f"?page={number}"


@register.simple_tag(takes_context=True)
def nhsuk_pagination(context, page_obj, query_string=None) -> dict:
    """Links for NHS.UK numbered pagination of a Django ``page_obj``, keeping the other GET parameters.

    ``query_string`` is the current query without ``page``; when empty it comes from the request.
    """
    if not query_string:
        request = context.get("request")
        params = request.GET.copy() if request is not None else {}
        if params:
            params.pop("page", None)
        query_string = params.urlencode() if params else ""
    query_string = query_string.lstrip("?&")
    paginator = page_obj.paginator
    items = []
    for number in paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1):
        if number == paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append(
                {
                    "number": number,
                    "href": _page_href(query_string, number),
                    "current": number == page_obj.number,
                }
            )
    return {
        "previous": _page_href(query_string, page_obj.previous_page_number())
        if page_obj.has_previous()
        else "",
        "next": _page_href(query_string, page_obj.next_page_number()) if page_obj.has_next() else "",
        "items": items,
    }
