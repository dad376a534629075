"""The sections of the annual Trust-wide evaluation report and the figures each one holds.

Each section is compiled on its own and saved as it finishes (ADR 0016), so a section's figures are a
plain, JSON-ready dictionary of already disclosure-controlled display values:

    {"headline": [[label, value], ...],          # what the executive summary repeats
     "tables": [{"caption": str, "head": [str, ...], "rows": [[str, ...], ...]}],
     "notes": [str, ...]}

Trust-level figures are shown as they are; every figure about people below Trust level goes through
``evaluation.disclosure``. Counts of teams, goals and actions are not about people and are shown as they
are. Values are strings so that the figures, and so the fingerprint, do not depend on number formatting.
"""

from collections.abc import Callable
from dataclasses import dataclass

from recovery_portal.financial_year import FinancialYear

from .. import disclosure

Figures = dict


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    compute: Callable[[FinancialYear, dict[str, Figures]], Figures]


def table(caption: str, head: list[str], rows: list[list]) -> dict:
    return {"caption": caption, "head": head, "rows": [[str(cell) for cell in row] for row in rows]}


def section_figures(*, year: FinancialYear, done: dict[str, Figures] | None = None) -> dict[str, Figures]:
    """Every section's figures for ``year``, compiled in order (the executive summary last)."""
    done = dict(done or {})
    for section in compile_order():
        if section.key not in done:
            done[section.key] = section.compute(year, done)
    return done


def compile_order() -> list[Section]:
    """Sections in the order they are compiled: the executive summary last, since it repeats the others."""
    from .contents import SECTIONS

    return list(SECTIONS)


def display_order() -> list[Section]:
    """Sections in the order the report shows them: the executive summary first, the appendix last."""
    sections = compile_order()
    summary = [s for s in sections if s.key == "executive_summary"]
    appendix = [s for s in sections if s.key == "appendix"]
    return summary + [s for s in sections if s not in summary + appendix] + appendix


DISCLOSURE_RULE = (
    "Figures about people below Trust level (by steering group, division, team, term or venue) follow "
    f"NHS Digital's disclosure control: 0 is shown as 0; 1 to 7 is shown as {disclosure.SUPPRESSED}; 8 and over is "
    f"rounded to the nearest 5. Means and medians are withheld ({disclosure.SUPPRESSED}) when fewer than 8 people "
    "contribute. Percentages are worked out from the rounded figures. Totals are rounded on their own, so "
    "rows need not add up to them. Trust-wide figures are shown as they are. Counts of teams, goals and "
    f"actions are not about people and are shown as they are. {disclosure.NOT_APPLICABLE} means there is nothing to "
    "count or divide by."
)
