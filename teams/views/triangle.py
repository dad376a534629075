"""The Triangle of Care self-assessment of a team for a financial year."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from rules.contrib.views import permission_required

from recovery_portal.access import get_visible_or_404, require_permission
from recovery_portal.breadcrumbs import trail
from recovery_portal.financial_year import FinancialYear
from recovery_portal.form_flow import submit

from .. import selectors, services
from ..forms import TriangleOfCareForm
from ..models import TriangleOfCareRating, TriangleOfCareStandard


@permission_required("teams.view_team", raise_exception=True)
def triangle_of_care(request, slug: str, year: int):
    """Every member of staff reads the assessment; members of the team rate the six standards of this year.

    A self-assessment is yearly: this year's is rated, past years' are read as they were left, and a year that
    has not begun (or year 99999) has no page.
    """
    team = get_visible_or_404(selectors.team_queryset(), slug=slug)
    this_year = FinancialYear.current().start_year
    if not team.is_clinical or not 2000 <= year <= this_year:
        raise Http404
    assessment = selectors.triangle_of_care_queryset().filter(team=team, year=year).first()
    can_edit = year == this_year and request.user.has_perm("teams.start_teamrecoveryplan", team)
    if request.method == "POST":
        require_permission(request.user, "teams.start_teamrecoveryplan", team)
        if year != this_year:
            raise PermissionDenied("A past year's self-assessment is kept as the team left it.")
    form, outcome = None, None
    if can_edit:
        standards = list(assessment.standards.all()) if assessment else _blank_standards()
        version = assessment.version if assessment else 1
        form = TriangleOfCareForm(request.POST or None, standards=standards, initial={"version": version})

        def write(data):
            # Started and rated together: a refused save writes nothing, not even an empty assessment.
            with transaction.atomic():
                started = assessment or services.triangle_of_care_start(team=team, year=year, by=request.user)
                services.triangle_of_care_update(
                    assessment=started,
                    standards=form.standards_data(),
                    expected_version=data["version"],
                    by=request.user,
                )

        def compare(current):
            typed = form.standards_data()
            return [
                {
                    "label": f"Standard {row.standard}",
                    "theirs": " – ".join(filter(None, [row.get_rating_display(), row.evidence, row.action])),
                    "yours": " – ".join(
                        filter(None, [TriangleOfCareRating(rating).label if rating else "", evidence, action])
                    ),
                }
                for row in current.standards.all()
                for rating, evidence, action in [typed[row.standard]]
            ]

        outcome = submit(request, form, write, what="self-assessment", compare=compare)
        if outcome.saved:
            messages.success(request, "Triangle of Care self-assessment saved.")
            return redirect("teams:triangle-of-care", slug=team.slug, year=year)
    return render(
        request,
        "teams/triangle_of_care.html",
        {
            "team": team,
            "year": FinancialYear(year),
            "assessment": assessment,
            "form": form,
            "comparison": selectors.triangle_of_care_comparison(team=team, year=year, assessment=assessment),
            "last_year": FinancialYear(year - 1),
            "is_current_year": year == this_year,
            "sees_trust_summary": request.user.has_perm("teams.view_trust_triangle_of_care"),
            **(outcome.context if outcome else {}),
            "breadcrumbs": trail("teams:triangle-of-care", team),
        },
        status=outcome.status if outcome else 200,
    )


@permission_required("teams.view_trust_triangle_of_care", raise_exception=True)
def triangle_of_care_trust(request, year: int):
    """How the Trust's clinical teams rate each standard in a year: counts of teams, for those who read the
    Trust's figures.
    """
    if not 2000 <= year <= FinancialYear.current().start_year:
        raise Http404
    return render(
        request,
        "teams/triangle_of_care_trust.html",
        {
            "summary": selectors.triangle_of_care_trust_summary(year),
            "previous_year": FinancialYear(year - 1) if year > 2000 else None,
            "breadcrumbs": trail("teams:triangle-of-care-trust"),
        },
    )


class _BlankStandard:
    def __init__(self, number: int):
        self.standard, self.rating, self.evidence, self.action = number, "", "", ""


def _blank_standards() -> list[_BlankStandard]:
    """Empty rows for a team that has not yet assessed itself this year (saved on first save)."""
    return [_BlankStandard(number) for number in TriangleOfCareStandard.values]
