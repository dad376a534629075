"""The figures of the steering group dashboards, the team performance report and the annual report.

``figures_for(scope=..., year=...)`` composes the apps' selectors into one ``Figures``: a ``Section`` for
each part of the dashboard (workstreams, team plans, personal plans, peer support, the Recovery
College, measures), each holding

- ``summary``: ``Figure`` items (key, label, value) with values as published;
- ``tables``: ``Table`` items with a stable ``key`` (the CSV download names it), a header and rows, each
  row linked to the unit it is about (``row.scope``) for drill-down;
- ``series``: ``MonthlySeries`` for XmR charts (``series.chart()`` gives the SVG and its data table).

Every figure about people below Trust level is under disclosure control (``evaluation.disclosure``):
counts as 0, "*" (1–7) or the nearest 5; percentages from the rounded figures; monthly charts only where
the whole Trust's publication allows them (``published.charted_units``), each month rounded. Counts of teams, actions, plans, runs and courses are shown as they are.
The counts of people that a unit's page, its parent's rows and its children's pages all show are
published for the whole Trust's tree at once (``published.py``, ADR 0022), so subtraction across levels
cannot undo the control.

The number of queries is fixed whatever the volume of data: everything is aggregated in the database.
"""

from dataclasses import replace

from django.utils import timezone

from recovery_portal.financial_year import FinancialYear
from teams import selectors as team_selectors

from ..scope import Scope, scope_from_unit
from ..selectors.spc_limits import limit_changes_for
from .college import college_section
from .context import FiguresContext
from .measures import measures_section
from .peer_support import peer_support_section
from .personal_plans import personal_plans_section
from .published import TrustPeople, publish_people
from .team_plans import team_plans_section
from .types import Figure, Figures, MonthlySeries, Section, Table, TableRow
from .workstreams import workstreams_section

__all__ = [
    "Figure",
    "Figures",
    "MonthlySeries",
    "Section",
    "Table",
    "TableRow",
    "TrustPeople",
    "figures_for",
    "publish_people",
]


def figures_for(
    *, scope: Scope, year: FinancialYear, today=None, people: TrustPeople | None = None
) -> Figures:
    """Every dashboard figure for ``scope`` in ``year`` (``today`` fixes the date figures are "as at").

    ``people``: the counts of people already published for the whole Trust in ``year`` as at ``today``
    (``publish_people``), as the dashboards keep them; worked out here when not given."""
    today = today or timezone.localdate()
    breakdown = team_selectors.unit_breakdown(kind=scope.kind, pk=scope.pk)
    context = FiguresContext(
        scope=scope,
        year=year,
        team_ids=None if scope.trust_level else breakdown.team_ids,
        team_slugs=breakdown.team_slugs,
        children=tuple((scope_from_unit(unit), unit.team_ids) for unit in breakdown.children),
        today=today,
        people=people if people is not None else publish_people(year=year, today=today),
    )
    # Limit changes recorded by the evaluation team for this unit, each drawn on its measure's chart.
    changes = limit_changes_for(scope=scope)

    def charted(section: Section) -> Section:
        if not changes:
            return section
        series = tuple(replace(s, limit_changes=changes.get(s.key, ())) for s in section.series)
        return replace(section, series=series)

    return Figures(
        scope=scope,
        year=year,
        workstreams=charted(workstreams_section(context)),
        team_plans=charted(team_plans_section(context)),
        personal_plans=charted(personal_plans_section(context)),
        college=charted(college_section(context)),
        measures=charted(measures_section(context)),
        peer_support=charted(peer_support_section(context)),
        children=tuple(child for child, _ in context.children),
    )
