"""One confirmation page for destructive actions (cancel, withdraw, remove).

The action's link opens the page (GET); only its button, which posts to the same address, acts. The view
keeps its own rules and service; this only renders ``templates/confirm.html`` the same way everywhere.
"""

from django.shortcuts import render


def confirm_page(
    request,
    *,
    heading: str,
    confirm_label: str,
    back_url: str,
    caption: str = "",
    paragraphs: tuple[str, ...] | list[str] = (),
    warning: str = "",
    keep_label: str = "",
    form=None,
):
    """Render the confirmation page; ``form`` (optional) holds anything the action needs, such as a reason."""
    return render(
        request,
        "confirm.html",
        {
            "confirm": {
                "heading": heading,
                "caption": caption,
                "paragraphs": list(paragraphs),
                "warning": warning,
                "confirm_label": confirm_label,
                "keep_label": keep_label,
                "back_url": back_url,
            },
            "form": form,
        },
    )
