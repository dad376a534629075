"""The Trust-wide coverage of Team Recovery Plans for a financial year, on screen and as CSV."""

from django.shortcuts import render
from rules.contrib.views import permission_required

from recovery_portal.breadcrumbs import trail
from recovery_portal.exports import csv_response
from recovery_portal.financial_year import FinancialYear

from .. import selectors

CSV_HEADER = [
    "Financial year",
    "Steering group",
    "Division",
    "Team",
    "Plan status",
    "Open actions",
    "Overdue actions",
]


def _year(request) -> FinancialYear:
    try:
        return FinancialYear.parse(request.GET.get("year", ""))
    except ValueError:
        return FinancialYear.current()


@permission_required("teams.view_coverage", raise_exception=True)
def plan_coverage(request):
    """Which clinical teams have no plan, are preparing one, have agreed it or have reviewed it, grouped by
    steering group and division, with overdue actions; filterable, and downloadable as CSV.
    """
    year = _year(request)
    coverage = selectors.coverage_filtered(year=year.start_year, filters=request.GET)
    teams = list(coverage.qs)
    if request.GET.get("format") == "csv":
        rows = (
            [
                year.label,
                team.division.steering_group.name,
                team.division.name,
                team.name,
                selectors.Coverage.LABELS[team.coverage],
                team.open_actions,
                team.overdue_actions,
            ]
            for team in teams
        )
        return csv_response(
            request,
            name=f"team-recovery-plan-coverage-{year.start_year}",
            header=CSV_HEADER,
            rows=rows,
            reason=f"Team Recovery Plan coverage {year.label}",
        )
    current = FinancialYear.current()
    query = request.GET.copy()
    query["format"] = "csv"
    return render(
        request,
        "teams/coverage.html",
        {
            "year": year,
            "years": [current.next(), current, current.previous(), current.previous().previous()],
            "filter": coverage,
            "tree": selectors.coverage_tree(teams=teams),
            "totals": (
                selectors.coverage_counts(teams=teams, by="trust")
                or [selectors.CoverageCount("trust", "Trust")]
            )[0],
            "csv_query": query.urlencode(),
            "is_filtered": any(request.GET.get(name) for name in coverage.form.fields),
            "breadcrumbs": trail("teams:coverage"),
        },
    )
