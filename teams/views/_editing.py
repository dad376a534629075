"""What every editing step shares: reaching the plan it may change, and refusing a stale save kindly."""

from django.core.exceptions import ValidationError

from recovery_portal.access import get_visible_or_404, require_permission

from .. import selectors

STALE_MESSAGE = (
    "Someone else changed this {what} since you opened it. Their saved version is shown beside what you "
    "typed, and what you typed is still in the form. Check both, then save again to keep your version."
)


def editable_plan(request, pk: int):
    """The plan, if the signed-in person may change it: 404 if there is none, 403 if not theirs to edit."""
    plan = get_visible_or_404(selectors.plan_queryset(), pk=pk)
    require_permission(request.user, "teams.change_teamrecoveryplan", plan)
    return plan


def refuse_stale(form, *, what: str, current_version: int, rows: list[dict]) -> list[dict]:
    """Explain a refused save on ``form`` and let the person save again on top of ``current_version``.

    ``rows`` are ``{"label", "theirs", "yours"}``; only those that differ are kept for the page.
    """
    form.add_error(None, STALE_MESSAGE.format(what=what))
    data = form.data.copy()
    data["version"] = str(current_version)
    form.data = data
    return [row for row in rows if str(row["theirs"]).strip() != str(row["yours"]).strip()]


def field_rows(form, current, names) -> list[dict]:
    """Their saved value and what was typed, for each of ``names`` (model fields of ``current``)."""
    rows = []
    for name in names:
        theirs = getattr(current, name)
        display = getattr(current, f"get_{name}_display", None)
        if display is not None:
            theirs = display()
        if hasattr(theirs, "strftime"):
            theirs = f"{theirs:%-d %B %Y}"
        yours = form.cleaned_data.get(name, form.data.get(name, ""))
        if hasattr(yours, "strftime"):
            yours = f"{yours:%-d %B %Y}"
        field = form.fields.get(name)
        if field is not None and hasattr(field, "choices") and not hasattr(field, "queryset"):
            yours = dict(field.choices).get(yours, yours)
        rows.append(
            {
                "label": form.fields[name].label if name in form.fields else name,
                "theirs": theirs or "",
                "yours": yours or "",
            }
        )
    return rows


def add_validation_error(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: field errors beside their fields, others at the top."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
