"""Team Recovery Plans: coverage, action completion and ImROC challenge ratings (counts of teams, actions
and plans, which are not about people and are shown as they are)."""

from teams import selectors as team_selectors

from .context import FiguresContext
from .types import Figure, Section, Table, TableRow, things_of

COVERAGE_COLUMNS = (
    "Clinical teams",
    "Agreed or reviewed",
    "Preparing",
    "No plan",
    "Actions",
    "Done",
    "Overdue",
)


def _totals(slugs, coverage, actions):
    rows = [coverage[s] for s in slugs if s in coverage]
    done = [actions[s] for s in slugs if s in actions]
    return {
        "teams": sum(r.teams for r in rows),
        "agreed": sum(r.with_agreed_plan for r in rows),
        "preparing": sum(r.preparing for r in rows),
        "no_plan": sum(r.no_plan for r in rows),
        "actions": sum(a.total for a in done),
        "done": sum(a.done for a in done),
        "open": sum(a.open for a in done),
        "dropped": sum(a.dropped for a in done),
        "overdue": sum(a.overdue for a in done),
    }


def team_plans_section(context: FiguresContext) -> Section:
    year = context.year.start_year
    # Only the scope's teams are read (None: every team); coverage and actions are still matched by slug
    # below, for the rows of each unit. The ratings are counted for the scope's teams together (by
    # "trust"), a few rows per challenge rather than thousands by team.
    teams = context.team_ids
    coverage = {row.key: row for row in team_selectors.plan_coverage(year=year, by="team", team_ids=teams)}
    actions = {row.key: row for row in team_selectors.action_completion(year=year, by="team", team_ids=teams)}
    ratings = team_selectors.challenge_ratings(year=year, by="trust", team_ids=teams)
    slugs = set(context.team_slugs.values())
    totals = _totals(slugs, coverage, actions)
    counted = totals["actions"] - totals["dropped"]
    summary = [
        Figure("clinical_teams", "Clinical teams", str(totals["teams"])),
        Figure(
            "agreed",
            "Teams with an agreed plan (agreed or reviewed)",
            things_of(totals["agreed"], totals["teams"]),
        ),
        Figure("preparing", "Teams preparing a plan", str(totals["preparing"])),
        Figure("no_plan", "Teams with no plan", str(totals["no_plan"])),
        Figure("actions", "Actions in the plans", str(totals["actions"])),
        Figure("done", "Actions done (of those not dropped)", things_of(totals["done"], counted)),
        Figure("overdue", "Actions overdue", str(totals["overdue"])),
    ]
    tables = []
    if context.children:
        rows = []
        for child, team_ids in context.children:
            t = _totals({context.team_slugs[i] for i in team_ids}, coverage, actions)
            cells = (
                t["teams"],
                t["agreed"],
                t["preparing"],
                t["no_plan"],
                t["actions"],
                t["done"],
                t["overdue"],
            )
            rows.append(TableRow(child.label, tuple(str(c) for c in cells), child))
        tables.append(
            Table(
                "team-plans",
                f"Team Recovery Plans by {context.scope.child_kind.replace('_', ' ')}",
                context.scope.child_kind.replace("_", " ").capitalize(),
                COVERAGE_COLUMNS,
                tuple(rows),
            )
        )
    # The stages in ImROC's order, as the selector counts them.
    stages = list(team_selectors.ChallengeStageCounts("", "", "", "").counts)
    by_challenge: dict[str, list] = {}
    for row in ratings:
        entry = by_challenge.setdefault(row.challenge_code, [row.challenge, dict.fromkeys(stages, 0), 0])
        for stage, n in row.counts.items():
            entry[1][stage] += n
        entry[2] += row.unrated
    tables.append(
        Table(
            "imroc-ratings",
            "ImROC challenge ratings: plans at each stage",
            "Challenge",
            (*(stage.capitalize() for stage in stages), "Not rated"),
            tuple(
                TableRow(title, (*(str(counts[stage]) for stage in stages), str(unrated)))
                for title, counts, unrated in by_challenge.values()
            ),
        )
    )
    return Section(
        "team_plans",
        "Team Recovery Plans",
        tuple(summary),
        tuple(tables),
        note=f"Plans for {context.year.label}. Overdue: open actions past their due date today.",
    )
