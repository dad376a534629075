"""Peer support: peer support workers in post, teams with one, and people with a named peer support worker."""

from ..disclosure import percent_of
from .context import FiguresContext
from .published import with_percent
from .types import Figure, Section, Table, TableRow, people_figure, things_of

COLUMNS = (
    "Peer support workers",
    "Clinical teams with a peer support worker",
    "People with a named peer support worker",
    "Share of people on caseloads",
)


def peer_support_section(context: FiguresContext) -> Section:
    scope = context.scope
    # Workers and people published for every unit of the whole Trust together, so that no page's figures
    # undo another's by subtraction.
    workers = context.people["peer_support_workers"]
    named = context.people["with_peer_support_worker"]
    on_caseloads = context.people["people_for_peer_support"]
    with_worker, clinical = context.people.clinical_teams_of(scope)
    summary = (
        people_figure("workers", "Peer support workers in post", workers.of(scope).text),
        Figure(
            "teams_with_worker",
            "Clinical teams with a peer support worker",
            things_of(with_worker, clinical),
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
            cells = (
                workers.of(child).text,
                things_of(*context.people.clinical_teams_of(child)),
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
