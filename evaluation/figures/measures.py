"""Outcome and experience measures: PROM change and the Friends and Family Test."""

from .context import FiguresContext
from .types import Section


def measures_section(context: FiguresContext) -> Section:
    return Section(
        "measures",
        "Outcome and experience measures",
        note="Outcome and experience measures (PROMs and the Friends and Family Test) are not recorded yet.",
    )
