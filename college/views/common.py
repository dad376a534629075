"""Small helpers shared by the college's views."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def crumbs(*extra) -> list[dict]:
    return [
        {"label": "Home", "url": reverse("home")},
        {"label": "Recovery College", "url": reverse("college:prospectus")},
        *extra,
    ]


def safe_next(request) -> str:
    """The ``next`` address if it stays on this site, else an empty string (no open redirects)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""


def posted(request):
    """The submitted data on POST (even when empty, so that required fields report errors), else None."""
    return request.POST if request.method == "POST" else None


def add_errors(form, problem: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names when the form has it, else at the top."""
    if hasattr(problem, "error_dict"):
        for field, errors in problem.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, problem)


def saved(request, form, write):
    """On a valid POST, ``write(cleaned_data)`` (a service call); its refusals go on the form (then None)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return write(form.cleaned_data)
    except ValidationError as problem:
        add_errors(form, problem)
        return None
