"""Figures the portal works out itself that a workstream goal can be measured by each month.

An app that can work out a figure registers it here (in its AppConfig.ready); workstreams reads it by
its code. This keeps the dependency direction (ARCHITECTURE section 2): workstreams knows no app above it.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

_figures: dict[str, Callable[[date], Decimal | None]] = {}


def register_computed_figure(code: str, compute: Callable[[date], Decimal | None]) -> None:
    """``compute(month)`` gives the figure as it stands at the end of ``month``, or None."""
    _figures[code] = compute


def computed_figure_value(code: str, month: date) -> Decimal | None:
    compute = _figures.get(code)
    return compute(month) if compute else None
