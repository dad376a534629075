"""Query counts of the main list and detail pages at the small and large scales: they must be equal
(ARCHITECTURE §7: constant in the number of rows). Server times at large scale are kept as detail."""

from django.urls import Resolver404, resolve

from .context import Context, entry

CLINICIAN, STUDENT, STEERING = "loadtest-clinician01", "loadtest-student01", "loadtest-steering01"


def pages() -> list[tuple[str, str, str]]:
    """(name, username, path) of each page, found in the current scale's data."""
    from careplans.models import Plan, ServiceUser
    from college.models import CourseRun, RunStatus
    from recovery_portal.models import User
    from teams.models import Membership, TeamRecoveryPlan

    clinician = User.objects.get(username=CLINICIAN)
    team = Membership.objects.filter(user=clinician).select_related("team").first().team
    person = ServiceUser.objects.visible_to(clinician).order_by("pk").first()
    plan = Plan.objects.filter(person=person).order_by("pk").first()
    team_plan = TeamRecoveryPlan.objects.filter(team=team).order_by("-year").first()
    run = CourseRun.objects.filter(status=RunStatus.PUBLISHED).order_by("-term__start_date", "pk").first()
    found = [
        ("team directory", CLINICIAN, "/teams/"),
        ("team page", CLINICIAN, f"/teams/{team.slug}/"),
        ("team plan", CLINICIAN, f"/teams/recovery-plans/{team_plan.pk}/"),
        ("caseload", CLINICIAN, "/people/"),
        ("person", CLINICIAN, f"/people/{person.pk}/"),
        ("plan", CLINICIAN, f"/people/plans/{plan.pk}/"),
        ("action list", CLINICIAN, "/workstreams/actions/"),
        ("prospectus", STUDENT, "/college/"),
        ("run", STUDENT, f"/college/runs/{run.pk}/"),
    ]
    try:
        resolve("/dashboards/")
    except Resolver404:
        return found  # the dashboards are not part of this build yet
    from teams.selectors import unit_breakdown

    # The Trust's dashboard and, down its first branch, a steering group's, a division's and a team's.
    group = unit_breakdown(kind="trust", pk=None).children[0]
    division = unit_breakdown(kind=group.kind, pk=group.pk).children[0]
    dashboard_team = unit_breakdown(kind=division.kind, pk=division.pk).children[0]
    found += [
        ("dashboard", STEERING, "/dashboards/"),
        ("dashboard steering group", STEERING, f"/dashboards/steering-groups/{group.slug}/"),
        ("dashboard division", STEERING, f"/dashboards/divisions/{division.slug}/"),
        ("dashboard team", STEERING, f"/dashboards/teams/{dashboard_team.slug}/"),
    ]
    return found


def _measure_scale(context: Context, scale: str) -> dict[str, tuple[int, int, float]]:
    measured = {}
    with context.using(scale):
        clients = {}
        for name, username, path in pages():
            client = clients.setdefault(username, context.client(username))
            context.request(client, path)  # warm: content types, templates, the session row
            page = context.request(client, path)
            measured[name] = (page.status, page.queries, page.seconds)
    return measured


def measure(context: Context) -> dict[str, dict]:
    small, large = _measure_scale(context, "small"), _measure_scale(context, "large")
    results = {}
    for name, (status, queries, seconds) in large.items():
        small_status, small_queries, _ = small[name]
        results[f"queries.{name}"] = entry(
            queries,
            "queries",
            f"= small ({small_queries})",
            status == small_status == 200 and queries == small_queries,
            detail=f"HTTP {status}; {seconds * 1000:.0f} ms server time at large scale",
        )
    return results
