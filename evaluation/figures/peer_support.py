"""Peer support: peer support workers in post, teams with one, and people with a named peer support worker."""

from careplans import selectors as plan_selectors
from teams import selectors as team_selectors

from ..disclosure import percent_of
from .context import FiguresContext
from .published import UNIT_KINDS, grouped_counts, with_percent
from .types import Figure, Section, Table, TableRow, people_figure, things_of

COLUMNS = (
    "Peer support workers",
    "Clinical teams with a peer support worker",
    "People with a named peer support worker",
    "Share of people on caseloads",
)


def peer_support_section(context: FiguresContext) -> Section:
    scope, year = context.scope, context.year
    # Workers and people for every unit of the whole Trust (the Trust's totals as None), so that every
    # unit's counts are published together and no page's figures undo another's by subtraction.
    workforce_by = {
        kind: team_selectors.peer_support_workforce(team_ids=None, by=kind, on=context.as_at)
        for kind in (None, *UNIT_KINDS)
    }
    caseload_by = {
        kind: plan_selectors.caseload_peer_support(year=year, team_ids=None, by=kind)
        for kind in (None, *UNIT_KINDS)
    }
    workers = context.people.publish(grouped_counts(workforce_by, "peer_support_workers"))
    named = context.people.publish(grouped_counts(caseload_by, "with_peer_support_worker"))
    on_caseloads = context.people.publish(grouped_counts(caseload_by, "people"))
    no_workforce = team_selectors.PeerSupportWorkforce(0, 0, 0)
    own = (
        workforce_by[None][None]
        if scope.trust_level
        else workforce_by[scope.kind].get(scope.pk, no_workforce)
    )
    summary = (
        people_figure("workers", "Peer support workers in post", workers.of(scope).text),
        Figure(
            "teams_with_worker",
            "Clinical teams with a peer support worker",
            things_of(own.clinical_teams_with_peer_support_worker, own.clinical_teams),
        ),
        people_figure(
            "people_with_worker",
            "People on caseloads with a named peer support worker",
            with_percent(named.of(scope), on_caseloads.of(scope)),
        ),
    )
    tables = []
    if context.children:
        kind = scope.child_kind
        rows = []
        for child, _ in context.children:
            w = workforce_by[kind].get(child.pk, no_workforce)
            cells = (
                workers.of(child).text,
                things_of(w.clinical_teams_with_peer_support_worker, w.clinical_teams),
                named.of(child).text,
                percent_of(named.of(child), on_caseloads.of(child)),
            )
            rows.append(TableRow(child.label, cells, child))
        tables.append(
            Table(
                "peer-support",
                f"Peer support by {kind.replace('_', ' ')}",
                kind.replace("_", " ").capitalize(),
                COLUMNS,
                tuple(rows),
                people_columns=frozenset({0, 2, 3}),
            )
        )
    return Section(
        "peer_support",
        "Peer support",
        summary,
        tuple(tables),
        note=(
            f"Peer support workers in post on {context.as_at:%-d %B %Y}; people on a caseload at any time in "
            "the year, with a peer support worker named on their caseload entry."
        ),
    )
