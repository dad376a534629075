"""The team performance report: the data pack a team brings to its away day, for one team and year.

Everything about people is a team aggregate, so every count of people is disclosure-controlled; counts
of actions and ratings are not about people and are shown as they are. Sections have the same shape
as the annual report's (``sections.py``) and are rendered by the same template.
"""

from dataclasses import dataclass

from careplans.selectors import plan_measures
from recovery_portal.financial_year import FinancialYear
from teams.selectors import action_completion, challenge_ratings, team_plans

from ..disclosure import count, percent
from .sections import DISCLOSURE_RULE, table


@dataclass(frozen=True)
class ReportSection:
    key: str
    title: str
    figures: dict


def team_performance_report(*, team, year: FinancialYear) -> list[ReportSection]:
    """The sections of ``team``'s performance report for ``year`` (a fixed number of queries)."""
    plans = team_plans(team=team, year=year)
    plan = plans.current
    completion = next(
        (row for row in action_completion(year=year.start_year, by="team") if row.key == team.slug), None
    )
    ratings = [r for r in challenge_ratings(year=year.start_year, by="team") if r.key == team.slug]
    measures = plan_measures(year=year, team=team)
    stages = list(ratings[0].counts) if ratings else []
    return [
        ReportSection(
            "team_plan",
            "Team Recovery Plan",
            {
                "headline": [
                    ["Plan for the year", plan.get_status_display() if plan else "No plan yet"],
                    ["Priorities", str(plan.priority_count) if plan else "0"],
                ],
                "tables": [
                    table(
                        "Actions of this year's plan",
                        ["Measure", "Actions"],
                        [
                            ["All actions", completion.total if completion else 0],
                            ["Done", completion.done if completion else 0],
                            ["Open", completion.open if completion else 0],
                            ["Dropped", completion.dropped if completion else 0],
                        ],
                    ),
                    table(
                        "ImROC challenge self-ratings",
                        ["Challenge", "Stage"],
                        [
                            [r.challenge, next((s.title() for s in stages if r.counts.get(s)), "Not rated")]
                            for r in ratings
                        ],
                    ),
                ],
                "notes": [],
            },
        ),
        ReportSection(
            "personal_plans",
            "Personal plans of people on the team's caseload",
            {
                "headline": [["People on the caseload in the year", count(measures.people)]],
                "tables": [
                    table(
                        "People with an agreed plan",
                        ["Plan", "People"],
                        [
                            [
                                "Recovery and Wellbeing plan",
                                percent(measures.with_agreed_recovery_plan, measures.people),
                            ],
                            ["Joint Crisis Plan", percent(measures.with_agreed_crisis_plan, measures.people)],
                            ["Safety plan", percent(measures.with_agreed_safety_plan, measures.people)],
                            [
                                "Agreed plans reviewed in date",
                                percent(measures.reviewed_in_date, measures.agreed_plans),
                            ],
                        ],
                    )  # fmt: skip
                ],
                "notes": [],
            },
        ),
        ReportSection(
            "method",
            "How these figures are worked out",
            {"headline": [], "tables": [], "notes": [DISCLOSURE_RULE]},
        ),
    ]
