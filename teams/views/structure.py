from django.core.paginator import Paginator
from django.shortcuts import render
from rules.contrib.views import permission_required

from recovery_portal.access import get_visible_or_404
from recovery_portal.breadcrumbs import trail

from .. import selectors

TEAMS_PER_PAGE = 50


@permission_required("teams.view_team", raise_exception=True)
def team_directory(request):
    """Every team of the Trust, filtered by division, steering group, service type, clinical or not, name."""
    directory = selectors.team_directory(filters=request.GET)
    page_obj = Paginator(directory.qs, TEAMS_PER_PAGE).get_page(request.GET.get("page"))
    # The pagination links keep the filters; only the page number changes.
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "teams/directory.html",
        {
            "filter": directory,
            "page_obj": page_obj,
            "teams": page_obj.object_list,
            "query_string": query.urlencode(),
            "is_filtered": any(value for key, value in request.GET.items() if key != "page"),
            "breadcrumbs": trail("teams:directory"),
        },
    )


@permission_required("teams.view_team", raise_exception=True)
def team_detail(request, slug: str):
    """One team: where it sits in the Trust, its members by role, its recovery champions and carer lead,
    and its Team Recovery Plan for this year with the plans of earlier years.
    """
    team = get_visible_or_404(selectors.team_detail_queryset(), slug=slug)
    roster = selectors.team_roster(team=team)
    # Membership comes from the roster already loaded, so deciding who may start a plan costs no query.
    is_member = any(m.user_id == request.user.pk for group in roster.groups for m in group.memberships)
    return render(
        request,
        "teams/detail.html",
        {
            "team": team,
            "roster": roster,
            "plans": selectors.team_plans(team=team) if team.is_clinical else None,
            "can_start_plan": is_member and team.is_clinical,
            # Friends and Family Test comments are shown to the team's own staff only.
            "shows_comments": is_member,
            "breadcrumbs": trail("teams:detail", team),
        },
    )
