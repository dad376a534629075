"""Outcome and experience measures: PROM returns and paired change per instrument, and the Friends and
Family Test. Returns, people and responses are about people, so they are under disclosure control below
Trust level; a mean change is withheld when fewer than 8 people are paired."""

from .. import disclosure
from .. import selectors as measure_selectors
from ..disclosure import percent_of
from ..spc import Better
from .context import FiguresContext
from .types import (
    Section,
    Table,
    TableRow,
    people,
    people_figure,
    people_percent_series,
    people_series,
)

CHANGE_COLUMNS = (
    "Returns",
    "People",
    "People with a first and a later return",
    "Mean change",
    "Reliable improvement",
    "No reliable change",
    "Reliable deterioration",
    "Share reliably improved",
)
# Below Trust level the counts by measure are not published: returns add up across measures to the unit's
# total and across units to the parent's, and each count bounds the next (returns, people, pairs, the three
# change categories), so a "*" among them could be worked out by subtraction (ADR 0022). A unit sees, per
# measure, the mean change and the share reliably improved, each withheld under 8 people paired.
UNIT_CHANGE_COLUMNS = ("Mean change", "Share reliably improved")
UNIT_COLUMNS = ("PROM returns", "FFT responses", "FFT positive", "FFT negative")


def _change_row(row, scope, *, counts: bool | None = None) -> TableRow:
    """One measure's row: its counts for the whole Trust (``counts``, unless the Trust's year of returns is
    withheld), else its mean change and share reliably improved only."""
    counts = scope.trust_level if counts is None else counts
    exact = scope.trust_level and counts
    share = (
        disclosure.percent(row.reliable_improvement, _classified(row), trust_level=exact)
        if row.classified
        else disclosure.NOT_APPLICABLE
    )
    mean = disclosure.mean(row.changes, trust_level=exact)
    if not counts:
        return TableRow(row.name, (mean, share))
    return TableRow(
        row.name,
        (
            people(row.returns, scope),
            people(row.people, scope),
            people(row.people_paired, scope),
            mean,
            people(row.reliable_improvement, scope),
            people(row.no_reliable_change, scope),
            people(row.reliable_deterioration, scope),
            share,
        ),
    )


def _classified(row) -> int:
    return row.reliable_improvement + row.no_reliable_change + row.reliable_deterioration


def measures_section(context: FiguresContext) -> Section:
    scope, year, team_ids = context.scope, context.year, context.team_ids
    changes = measure_selectors.measure_change(year=year, team_ids=team_ids)
    # Returns and responses published for every unit of the Trust together, so that no page's figures
    # undo another's by subtraction.
    returns, responses = context.people["prom_returns"], context.people["fft_responses"]
    positive, negative = context.people["fft_positive"], context.people["fft_negative"]
    summary = (
        people_figure("prom_returns", "PROM returns", returns.of(scope).text),
        people_figure(
            "prom_paired",
            "People with a first and a later return (any measure)",
            # Each pair is two returns: where the year's returns are withheld, so are the pairs.
            disclosure.SUPPRESSED
            if returns.of(scope).withheld
            else people(sum(r.people_paired for r in changes), scope),
        ),
        people_figure("fft_responses", "Friends and Family Test responses", responses.of(scope).text),
        people_figure(
            "fft_positive", "FFT: very good or good", percent_of(positive.of(scope), responses.of(scope))
        ),
        people_figure(
            "fft_negative", "FFT: poor or very poor", percent_of(negative.of(scope), responses.of(scope))
        ),
    )
    # The Trust's returns by measure add up to its year's returns: not shown where that total is withheld.
    counts = scope.trust_level and not returns.of(scope).withheld
    columns = CHANGE_COLUMNS if counts else UNIT_CHANGE_COLUMNS
    tables = [
        Table(
            "prom-change",
            "Change in outcome measures: each person's first and latest return in the year",
            "Measure",
            columns,
            tuple(_change_row(row, scope, counts=counts) for row in changes),
            people_columns=frozenset(range(len(columns))),
        )
    ]
    if context.children:
        rows = []
        for child, _ in context.children:
            cells = (
                returns.of(child).text,
                responses.of(child).text,
                percent_of(positive.of(child), responses.of(child)),
                percent_of(negative.of(child), responses.of(child)),
            )
            rows.append(TableRow(child.label, cells, child))
        tables.append(
            Table(
                "measures",
                f"Measures by {scope.child_kind.replace('_', ' ')}",
                scope.child_kind.replace("_", " ").capitalize(),
                UNIT_COLUMNS,
                tuple(rows),
                people_columns=frozenset(range(len(UNIT_COLUMNS))),
            )
        )
    series = (
        people_series(
            "prom-returns",
            "PROM returns each month",
            measure_selectors.monthly_returns(months=context.chart_months, team_ids=team_ids),
            scope,
            better=Better.HIGHER,
            part_month=context.chart_months.part_month,
            charted=context.people.charts("prom-returns", scope),
        ),
        people_percent_series(
            "fft-positive",
            "Friends and Family Test: share very good or good each month",
            [
                (month, positive, responses)
                for month, responses, positive in measure_selectors.monthly_fft(
                    months=context.chart_months, team_ids=team_ids
                )
            ],
            scope,
            better=Better.HIGHER,
            part_month=context.chart_months.part_month,
            charted=context.people.charts("fft-positive", scope),
        ),
    )
    return Section(
        "measures",
        "Outcome and experience measures",
        summary,
        tuple(tables),
        series,
        note=(
            "PROM change pairs each person's first and latest return in the year on the same measure. "
            "Reliable change and cut-offs, with their published sources: "
            + " ".join(measure_selectors.threshold_notes())
            + " The Friends and Family Test uses the 2020 wording."
        ),
    )
