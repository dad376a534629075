"""Peer support: peer support workers in post, teams with one, and people with a named peer support worker."""

from careplans import selectors as plan_selectors
from teams import selectors as team_selectors

from .context import FiguresContext
from .types import (
    Figure,
    Section,
    Table,
    TableRow,
    people,
    people_figure,
    people_percent,
    people_with_percent,
    things_of,
)

COLUMNS = (
    "Peer support workers",
    "Clinical teams with a peer support worker",
    "People with a named peer support worker",
    "Share of people on caseloads",
)


def peer_support_section(context: FiguresContext) -> Section:
    scope, year = context.scope, context.year
    no_workforce = team_selectors.PeerSupportWorkforce(0, 0, 0)
    no_caseload = plan_selectors.CaseloadPeerSupport(0, 0)
    workforce = team_selectors.peer_support_workforce(team_ids=context.team_ids, on=context.as_at)[None]
    caseload = plan_selectors.caseload_peer_support(year=year, team_ids=context.team_ids).get(
        None, no_caseload
    )
    summary = (
        people_figure(
            "workers", "Peer support workers in post", people(workforce.peer_support_workers, scope)
        ),
        Figure(
            "teams_with_worker",
            "Clinical teams with a peer support worker",
            things_of(workforce.clinical_teams_with_peer_support_worker, workforce.clinical_teams),
        ),
        people_figure(
            "people_with_worker",
            "People on caseloads with a named peer support worker",
            people_with_percent(caseload.with_peer_support_worker, caseload.people, scope),
        ),
    )
    tables = []
    if context.children:
        kind = scope.child_kind
        workforce_by = team_selectors.peer_support_workforce(
            team_ids=context.team_ids, by=kind, on=context.as_at
        )
        caseload_by = plan_selectors.caseload_peer_support(year=year, team_ids=context.team_ids, by=kind)
        rows = []
        for child, _ in context.children:
            w = workforce_by.get(child.pk, no_workforce)
            c = caseload_by.get(child.pk, no_caseload)
            cells = (
                people(w.peer_support_workers, child),
                things_of(w.clinical_teams_with_peer_support_worker, w.clinical_teams),
                people(c.with_peer_support_worker, child),
                people_percent(c.with_peer_support_worker, c.people, child),
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
