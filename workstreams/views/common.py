"""Pieces every workstreams page uses."""

from django.urls import reverse


def crumbs(*trail: tuple[str, str]) -> list[dict]:
    """Breadcrumbs from Home down to the parent of the page: (label, url) pairs after Home."""
    return [
        {"label": "Home", "url": reverse("home")},
        *({"label": label, "url": url} for label, url in trail),
    ]


def overview_crumbs(*trail: tuple[str, str]) -> list[dict]:
    return crumbs(("Workstreams", reverse("workstreams:list")), *trail)
