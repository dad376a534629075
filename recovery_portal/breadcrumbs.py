"""Breadcrumbs computed in one place (ADR 0031, addendum).

Each page that shows breadcrumbs is declared once, with its label in the Trust's words, its parent page,
and how to reach the parent's record from its own (a goal's parent is its workstream). A view asks
``trail(url_name, record)`` and gets the crumbs from Home down to the page's parent, for
``templates/includes/breadcrumbs.html``; the page itself is not a crumb. Apps declare their pages in
their ``breadcrumbs.py``, from ``AppConfig.ready``; ``tests/test_breadcrumbs_lead_somewhere.py`` opens
every crumb as the person who sees it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

Label = str | Callable[[Any], str]


@dataclass(frozen=True)
class Page:
    label: Label
    parent: str | None
    args: Callable[[Any], list] | None
    up: Callable[[Any], Any] | None
    anchor: Callable[[Any], str] | None


PAGES: dict[str, Page] = {}


def page(
    url_name: str,
    label: Label,
    *,
    parent: str | None = "home",
    args: Callable[[Any], list] | None = None,
    up: Callable[[Any], Any] | None = None,
    anchor: Callable[[Any], str] | None = None,
) -> None:
    """Declare a page: ``label`` (or a function of its record), ``parent`` (a url name), ``args`` (its
    URL's arguments from its record), ``up`` (the parent's record from its own; by default the same) and
    ``anchor`` (where on the parent's page this page's record is shown, from its record)."""
    PAGES[url_name] = Page(label=label, parent=parent, args=args, up=up, anchor=anchor)


def trail(url_name: str, record: Any = None, *more: tuple[str, str]) -> list[dict]:
    """The crumbs of the page ``url_name`` showing ``record``: from Home down to its parent.

    ``more`` adds (label, url) crumbs below the parent, for a page with steps of its own.
    """
    crumbs = []
    here = PAGES[url_name]
    name, current = here.parent, here.up(record) if here.up else record
    anchor = here.anchor(record) if here.anchor else ""
    while name is not None:
        found = PAGES[name]
        label = found.label(current) if callable(found.label) else found.label
        url = reverse(name, args=found.args(current) if found.args else [])
        crumbs.append({"label": label, "url": f"{url}#{anchor}" if anchor else url})
        anchor = found.anchor(current) if found.anchor else ""
        name, current = found.parent, found.up(current) if found.up else current
    crumbs.reverse()
    crumbs.extend({"label": label, "url": url} for label, url in more)
    return crumbs


page("home", "Home", parent=None)
