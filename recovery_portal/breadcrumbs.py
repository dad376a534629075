"""Breadcrumbs computed in one place (ADR 0031, addendum).

Each page that shows breadcrumbs is declared once, with its label in the Trust's words, its parent page,
and how to reach the parent's record from its own (a goal's parent is its workstream). A view asks
``trail(url_name, record)`` and gets the crumbs from Home down to the page's parent, for
``templates/includes/breadcrumbs.html``; the page itself is not a crumb. Apps declare their pages in
their ``breadcrumbs.py``, from ``AppConfig.ready``; ``tests/test_breadcrumbs_lead_somewhere.py`` opens
every crumb as the person who sees it.

Where a page sits can depend on who reads it: a person reaches their plan from "Your plans", staff from
their caseload. A page's ``label`` or ``parent`` is then ``by_viewer(choose)``, and ``choose(user,
record)`` gives the label or the parent's url name; such a page's trail is asked for with
``trail(url_name, record, viewer=request.user)``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse


@dataclass(frozen=True)
class ByViewer:
    """A label or parent that depends on who reads the page: ``choose(user, record)``."""

    choose: Callable[[Any, Any], Any]


def by_viewer(choose: Callable[[Any, Any], Any]) -> ByViewer:
    """Mark a page's ``label`` or ``parent`` as chosen by ``choose(user, record)`` (see the module's notes)."""
    return ByViewer(choose)


Label = str | Callable[[Any], str] | ByViewer
Parent = str | None | ByViewer


@dataclass(frozen=True)
class Page:
    label: Label
    parent: Parent
    args: Callable[[Any], list] | None
    up: Callable[[Any], Any] | None
    anchor: Callable[[Any], str] | None


PAGES: dict[str, Page] = {}


def page(
    url_name: str,
    label: Label,
    *,
    parent: Parent = "home",
    args: Callable[[Any], list] | None = None,
    up: Callable[[Any], Any] | None = None,
    anchor: Callable[[Any], str] | None = None,
) -> None:
    """Declare a page: ``label`` (or a function of its record), ``parent`` (a url name; either may be
    ``by_viewer(...)`` where it depends on who reads), ``args`` (its
    URL's arguments from its record), ``up`` (the parent's record from its own; by default the same) and
    ``anchor`` (where on the parent's page this page's record is shown, from its record)."""
    PAGES[url_name] = Page(label=label, parent=parent, args=args, up=up, anchor=anchor)


def _for_viewer(value, viewer, record, url_name: str):
    if not isinstance(value, ByViewer):
        return value
    if viewer is None:
        raise TypeError(f"The breadcrumbs of {url_name} depend on who reads it: pass viewer=request.user.")
    return value.choose(viewer, record)


def trail(url_name: str, record: Any = None, *more: tuple[str, str], viewer: Any = None) -> list[dict]:
    """The crumbs of the page ``url_name`` showing ``record``: from Home down to its parent.

    ``more`` adds (label, url) crumbs below the parent, for a page with steps of its own. ``viewer`` (the
    user reading) is needed where a page on the way sits or is named differently for different readers.
    """
    crumbs = []
    here = PAGES[url_name]
    name = _for_viewer(here.parent, viewer, record, url_name)
    current = here.up(record) if here.up else record
    anchor = here.anchor(record) if here.anchor else ""
    while name is not None:
        found = PAGES[name]
        label = _for_viewer(found.label, viewer, current, name)
        label = label(current) if callable(label) else label
        url = reverse(name, args=found.args(current) if found.args else [])
        crumbs.append({"label": label, "url": f"{url}#{anchor}" if anchor else url})
        anchor = found.anchor(current) if found.anchor else ""
        name = _for_viewer(found.parent, viewer, current, name)
        current = found.up(current) if found.up else current
    crumbs.reverse()
    crumbs.extend({"label": label, "url": url} for label, url in more)
    return crumbs


page("home", "Home", parent=None)
