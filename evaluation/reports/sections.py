"""The sections of the annual Trust-wide evaluation report and the figures each one holds.

Each section is compiled on its own and saved as it finishes (ADR 0016), so a section's figures are a
plain, JSON-ready dictionary of already disclosure-controlled display values:

    {"summary": [[label, value], ...],           # the section's main figures
     "headline": [[label, value], ...],          # those the executive summary repeats
     "tables": [{"caption": str, "head": [str, ...], "rows": [[str, ...], ...]}],
     "series": [{"key", "title", "values": [[month, value, shown], ...], ...}],  # XmR charts
     "notes": [str, ...]}

Trust-level figures are shown as they are; every figure about people below Trust level goes through
``evaluation.disclosure``. Counts of teams, goals and actions are not about people and are shown as they
are. Values are strings so that the figures, and so the fingerprint, do not depend on number formatting.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .. import disclosure


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    compute: Callable  # (source, figures of the sections done so far) -> this section's figures


def table(caption: str, head: list[str], rows: list[list]) -> dict:
    return {"caption": caption, "head": list(head), "rows": [[str(cell) for cell in row] for row in rows]}


def monthly_series(data: dict):
    """A series saved with a section's figures, as the figures layer's ``MonthlySeries`` (to chart it)."""
    from ..charts.spc import LimitChange, MonthlyValue
    from ..figures import MonthlySeries
    from ..spc import Better

    # Reports saved before the month so far and limit changes were recorded hold three items a month.
    values = tuple(
        MonthlyValue(date.fromisoformat(month), value, shown, bool(rest and rest[0]))
        for month, value, shown, *rest in data["values"]
    )
    changes = tuple(
        LimitChange(date.fromisoformat(month), reason, baseline)
        for month, reason, baseline in data.get("limit_changes", [])
    )
    return MonthlySeries(
        data["key"], data["title"], values, Better(data["better"]), data["unit"], data["withheld"],
        data["about_people"], changes,
    )  # fmt: skip


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
    "rows need not add up to them. Trust-wide figures are shown as they are. The Trust, its steering groups, "
    "divisions and teams are published together: where a figure shown beside its total and its neighbours "
    f"would let a withheld one be worked out by subtraction, the smallest neighbour is also shown as "
    f"{disclosure.SUPPRESSED}, or else the total, the Trust's included. Outcome measure counts by measure "
    "(returns, people, pairs and the three kinds of change) are published for the whole Trust only: they add "
    "up across measures and units, so no cell-by-cell rule could stop subtraction from giving a small one "
    "away; below Trust level each measure shows its mean change and share reliably improved. Monthly figures "
    "about people add up across months and units too: below Trust level a unit's chart is drawn, each month "
    "rounded, only where every month has no one or at least 8 people and its months could not be used to work "
    "out a withheld figure. Counts of teams, goals and "
    f"actions are not about people and are shown as they are. {disclosure.NOT_APPLICABLE} means there is nothing to "
    "count or divide by."
)
