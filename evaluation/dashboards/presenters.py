"""What the dashboard template shows, prepared so the template only loops: each table with its CSV form
address and drill-down links, each chart with its data table, each figure cell marked when about people."""

from dataclasses import dataclass

from django.urls import reverse

from ..figures import Figures, Section, Table
from ..scope import DIVISION, STEERING_GROUP, TEAM, TRUST, Scope

PAGE_URL = {
    TRUST: "dashboards:trust",
    STEERING_GROUP: "dashboards:steering-group",
    DIVISION: "dashboards:division",
    TEAM: "dashboards:team",
}
CSV_URL = {kind: f"{name}-csv" for kind, name in PAGE_URL.items()}


def scope_url(scope: Scope) -> str:
    return reverse(PAGE_URL[scope.kind], kwargs={} if scope.trust_level else {"slug": scope.slug})


def csv_url(scope: Scope, table_key: str) -> str:
    kwargs = {"table": table_key} if scope.trust_level else {"slug": scope.slug, "table": table_key}
    return reverse(CSV_URL[scope.kind], kwargs=kwargs)


@dataclass(frozen=True)
class Cell:
    text: str
    about_people: bool
    heading: str  # the column's name, shown beside the figure on small screens


@dataclass(frozen=True)
class RowView:
    label: str
    url: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class TableView:
    table: Table
    csv_url: str
    rows: tuple[RowView, ...]


@dataclass(frozen=True)
class ChartView:
    chart: object
    csv_url: str
    about_people: bool


@dataclass(frozen=True)
class SectionView:
    section: Section
    tables: tuple[TableView, ...]
    charts: tuple[ChartView, ...]


def _table_view(scope: Scope, table: Table) -> TableView:
    rows = tuple(
        RowView(
            row.label,
            scope_url(row.scope) if row.scope else "",
            tuple(
                Cell(text, table.is_people_column(i), table.columns[i]) for i, text in enumerate(row.cells)
            ),
        )
        for row in table.rows
    )
    return TableView(table, csv_url(scope, table.key), rows)


def dashboard_sections(figures: Figures) -> list[SectionView]:
    return [
        SectionView(
            section,
            tuple(_table_view(figures.scope, table) for table in section.tables),
            tuple(
                ChartView(series.chart(), csv_url(figures.scope, series.key), series.about_people)
                for series in section.series
            ),
        )
        for section in figures.sections
    ]
