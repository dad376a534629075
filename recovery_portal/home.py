"""The home page is made of panels that apps register, each shown only to whom it concerns.

A panel's ``context(user)`` returns None when it has nothing for that user.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HomePanel:
    key: str
    template: str
    context: Callable[[object], dict | None]
    order: int = 100


_panels: dict[str, HomePanel] = {}


def register_panel(panel: HomePanel) -> None:
    _panels[panel.key] = panel


def panels_for(user) -> list[dict]:
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        context = panel.context(user)
        if context is not None:
            shown.append({"template": panel.template, **context})
    return shown
