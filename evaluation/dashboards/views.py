"""The steering group dashboards: one page per scope and financial year, and a CSV of each of its tables."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from recovery_portal.access import require_permission
from recovery_portal.breadcrumbs import trail
from recovery_portal.exports import csv_response
from recovery_portal.financial_year import FinancialYear

from .. import summary
from ..scope import DIVISION, STEERING_GROUP, TEAM, TRUST, Scope, scope_get
from . import presenters
from .cache import dashboard_figures

PERMISSION = "evaluation.view_dashboards"
YEARS_SHOWN = 4  # this year and the three before it


def _year(value: str | None) -> FinancialYear:
    try:
        return FinancialYear.parse(value or "")
    except ValueError:
        return FinancialYear.current()


def _scope(kind: str, slug: str | None) -> Scope:
    if kind == TRUST:
        return Scope.trust()
    scope = scope_get(kind=kind, slug=slug)
    if scope is None:
        raise Http404
    return scope


def _page(request, kind: str, slug: str | None = None):
    scope = _scope(kind, slug)
    year = _year(request.GET.get("year"))
    figures, worked_out_at = dashboard_figures(scope=scope, year=year)
    current = FinancialYear.current()
    years = [FinancialYear(current.start_year - n) for n in range(YEARS_SHOWN)]
    return render(
        request,
        "evaluation/dashboards/dashboard.html",
        {
            "scope": scope,
            "year": year,
            "years": years if year in years else [year, *years],
            "figures": figures,
            "worked_out_at": worked_out_at,
            "sections": presenters.dashboard_sections(figures),
            "board_summary": summary.board_summary(figures),
            "page_url": presenters.scope_url(scope),
            "children": [(child, presenters.scope_url(child)) for child in figures.children],
            "breadcrumbs": trail(presenters.PAGE_URL[scope.kind]),
        },
    )


def _csv(request, kind: str, table: str, slug: str | None = None):
    scope = _scope(kind, slug)
    year = _year(request.POST.get("year"))
    # The same figures as the page the table was downloaded from.
    found = dashboard_figures(scope=scope, year=year)[0].table(table)
    if found is None:
        raise Http404
    rows = ([year.label, scope.label, *row] for row in found.csv_rows())
    return csv_response(
        request,
        name=f"{scope.slug or 'trust'}-{table}-{year.start_year}",
        header=["Financial year", scope.kind_label, *found.header],
        rows=rows,
        reason=f"Dashboard table {found.caption}: {scope.label}, {year.label}",
    )


# GET pages; the CSV downloads are POSTs because each one writes an audit record (and so that no link,
# prefetch or other site can make one in someone's name).


def _permission_first(view):
    """Refuse people who may not see dashboards (403) before the request method is looked at (405)."""

    def check(request, *args, **kwargs):
        require_permission(request.user, PERMISSION)
        return view(request, *args, **kwargs)

    check.__doc__ = view.__doc__
    return check


@_permission_first
@require_GET
def trust(request):
    """The Trust's dashboard: Trust-wide figures, and each steering group's beside them."""
    return _page(request, TRUST)


@_permission_first
@require_GET
def steering_group(request, slug):
    """A service-specific steering group's dashboard, with its divisions."""
    return _page(request, STEERING_GROUP, slug)


@_permission_first
@require_GET
def division(request, slug):
    """A division's dashboard, with its teams."""
    return _page(request, DIVISION, slug)


@_permission_first
@require_GET
def team(request, slug):
    """A team's dashboard: that team's figures only."""
    return _page(request, TEAM, slug)


@_permission_first
@require_POST
def trust_csv(request, table):
    return _csv(request, TRUST, table)


@_permission_first
@require_POST
def steering_group_csv(request, slug, table):
    return _csv(request, STEERING_GROUP, table, slug)


@_permission_first
@require_POST
def division_csv(request, slug, table):
    return _csv(request, DIVISION, table, slug)


@_permission_first
@require_POST
def team_csv(request, slug, table):
    return _csv(request, TEAM, table, slug)
