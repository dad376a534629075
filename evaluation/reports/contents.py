"""What each section of the annual report says, read from the apps' selectors for one financial year.

Each ``*_section`` function returns the figures of one section (see ``sections.py`` for their shape).
"""

from careplans.selectors import plan_measures
from college.selectors import college_figures, college_figures_by_term, fidelity_ratings
from recovery_portal.financial_year import FinancialYear
from teams.selectors import (
    Coverage,
    action_completion,
    action_queryset,
    challenge_ratings,
    plan_coverage,
    team_list_with_recovery_roles,
)
from workstreams.selectors import (
    steering_group_list_service_specific,
    workstream_annual_figures_all,
    workstream_annual_report_get,
    workstream_list,
)

from ..disclosure import count, percent
from .sections import DISCLOSURE_RULE, Section, table


def _of(part: int, whole: int) -> str:
    """``part`` of ``whole`` things that are not people (teams, actions): shown as they are."""
    return f"{part} of {whole}" if whole else "none"


def workstreams_section(year: FinancialYear, done) -> dict:
    figures = workstream_annual_figures_all(year=year.start_year)
    names = {w.slug: w for w in workstream_list()}
    rows, narratives = [], []
    for f in figures:
        workstream = names[f.workstream]
        rows.append(
            [
                workstream.name,
                _of(f.goals_met, f.goals),
                f.actions,
                f.actions_done,
                f.actions_overdue,
                f.rag_at_year_end["red"],
                f.rag_at_year_end["amber"],
                f.rag_at_year_end["green"],
            ]
        )
        report = workstream_annual_report_get(workstream=workstream, year=year.start_year)
        if report is not None:
            for heading, text in [
                ("achievements", report.achievements),
                ("challenges", report.challenges),
                ("priorities for next year", report.priorities_next_year),
            ]:
                if text.strip():
                    narratives.append(f"{workstream.name}, {heading}: {text.strip()}")
    goals = sum(f.goals for f in figures)
    goals_met = sum(f.goals_met for f in figures)
    actions_done = sum(f.actions_done for f in figures)
    return {
        "headline": [
            ["Workstream goals met in the year", _of(goals_met, goals)],
            ["Workstream actions completed in the year", str(actions_done)],
        ],
        "tables": [
            table(
                f"Each workstream's goals and actions in {year.label}",
                ["Workstream", "Goals met", "Actions", "Done", "Overdue", "Red", "Amber", "Green"],
                rows,
            )
        ],
        "notes": narratives
        or ["Goals and actions are counted from the progress updates dated within the year."],
    }


def team_plans_section(year: FinancialYear, done) -> dict:
    trust = plan_coverage(year=year.start_year, by="trust")
    groups = plan_coverage(year=year.start_year, by="steering_group")
    total = trust[0] if trust else None
    coverage_rows = [
        [g.label, g.teams, g.with_agreed_plan, g.preparing, g.no_plan]
        for g in [*groups, *([total] if total else [])]
    ]
    completion = action_completion(year=year.start_year, by="trust")[0]
    by_workstream: dict[tuple[str, str], int] = {}
    for action in (
        action_queryset().filter(plan__year=year.start_year).values("workstream__name", "domain__title")
    ):
        key = (action["workstream__name"] or "No workstream", action["domain__title"] or "No domain")
        by_workstream[key] = by_workstream.get(key, 0) + 1
    priorities_rows = [[w, d, n] for (w, d), n in sorted(by_workstream.items())]
    this_year = {r.challenge_code: r for r in challenge_ratings(year=year.start_year)}
    last_year = {r.challenge_code: r for r in challenge_ratings(year=year.start_year - 1)}
    stages = list(next(iter(this_year.values())).counts) if this_year else []
    rating_rows = []
    for code, rating in this_year.items():
        before = last_year.get(code)
        rating_rows.append(
            [rating.challenge]
            + [rating.counts.get(stage, 0) for stage in stages]
            + [before.counts.get(stage, 0) if before else 0 for stage in stages]
        )
    with_plan = total.with_agreed_plan if total else 0
    teams = total.teams if total else 0
    return {
        "headline": [
            ["Clinical teams with an agreed Team Recovery Plan", _of(with_plan, teams)],
            ["Team plan actions completed", _of(completion.done, completion.total - completion.dropped)],
        ],
        "tables": [
            table(
                f"Team Recovery Plan coverage, {year.label}",
                [
                    "Steering group",
                    "Clinical teams",
                    Coverage.LABELS[Coverage.AGREED] + " or reviewed",
                    Coverage.LABELS[Coverage.PREPARING],
                    Coverage.LABELS[Coverage.NO_PLAN],
                ],
                coverage_rows,
            ),  # fmt: skip
            table(
                "Team plan actions by workstream and conversation domain",
                ["Workstream", "Conversation domain", "Actions"],
                priorities_rows,
            ),
            table(
                "ImROC challenge self-ratings: plans at each stage, this year and the year before",
                [
                    "Challenge",
                    *[f"{stage.title()} {year.label}" for stage in stages],
                    *[f"{stage.title()} {year.previous().label}" for stage in stages],
                ],
                rating_rows,
            ),
        ],
        "notes": ["Counts of teams and actions are not about people and are shown as they are."],
    }


def personal_plans_section(year: FinancialYear, done) -> dict:
    trust = plan_measures(year=year)
    rows = []
    for group in steering_group_list_service_specific().order_by("order", "name"):
        m = plan_measures(year=year, steering_group=group)
        rows.append(
            [
                group.name,
                count(m.people),
                percent(m.with_agreed_recovery_plan, m.people),
                percent(m.with_agreed_crisis_plan, m.people),
                percent(m.with_agreed_safety_plan, m.people),
                percent(m.reviewed_in_date, m.agreed_plans),
            ]
        )
    rows.append(
        [
            "Trust",
            count(trust.people, trust_level=True),
            percent(trust.with_agreed_recovery_plan, trust.people, trust_level=True),
            percent(trust.with_agreed_crisis_plan, trust.people, trust_level=True),
            percent(trust.with_agreed_safety_plan, trust.people, trust_level=True),
            percent(trust.reviewed_in_date, trust.agreed_plans, trust_level=True),
        ]
    )
    return {
        "headline": [
            ["People on a caseload in the year", count(trust.people, trust_level=True)],
            [
                "People with an agreed Recovery and Wellbeing plan",
                percent(trust.with_agreed_recovery_plan, trust.people, trust_level=True),
            ],
        ],
        "tables": [
            table(
                f"Personal plans of people on a caseload in {year.label}",
                [
                    "Steering group",
                    "People",
                    "Recovery and Wellbeing plan",
                    "Joint Crisis Plan",
                    "Safety plan",
                    "Agreed plans reviewed in date",
                ],
                rows,
            ),  # fmt: skip
            table(
                "How the plans are written (Trust)",
                ["Measure", "Value"],
                [
                    [
                        "Plans with an entry in the person's own words",
                        percent(trust.plans_in_own_words, trust.plans, trust_level=True),
                    ],
                    [
                        "Joint Crisis Plans recording a refusal or treatment preference",
                        percent(trust.crisis_plans_individualised, trust.crisis_plans, trust_level=True),
                    ],
                ],
            ),  # fmt: skip
        ],
        "notes": [],
    }


def college_section(year: FinancialYear, done) -> dict:
    college = college_figures()
    terms = [
        [f.label, count(f.students), count(f.enrolled), _of(f.co_delivered_runs, f.runs),
         percent(f.attendances_present, f.attendances_marked), percent(f.completed, f.finished_enrolments)]
        for f in college_figures_by_term()
    ]  # fmt: skip
    fidelity = [[r.year, f"{r.total} of 14"] for r in fidelity_ratings().order_by("-year")[:2]]
    return {
        "headline": [
            ["Recovery College students", count(college.students, trust_level=True)],
            ["Course runs co-delivered", _of(college.co_delivered_runs, college.runs)],
        ],
        "tables": [
            table(
                "Students by how they describe themselves",
                ["Students", "Number"],
                [[label, count(n, trust_level=True)] for label, n in college.students_by_type_rows],
            ),
            table(
                "Each term",
                ["Term", "Students", "Places taken", "Runs co-delivered", "Attendance", "Completion"],
                terms,
            ),
            table("RECOLLECT fidelity self-rating", ["Year", "Score"], fidelity),
        ],
        "notes": [],
    }


def measures_section(year: FinancialYear, done) -> dict:
    return {
        "headline": [],
        "tables": [],
        "notes": ["Outcome and experience measures (PROMs and the Friends and Family Test) for the year."],
    }


def peer_support_section(year: FinancialYear, done) -> dict:
    teams = [t for t in team_list_with_recovery_roles() if t.is_clinical]
    with_peer = sum(1 for t in teams if t.peer_champions)
    in_place = sum(1 for t in teams if t.champions_in_place)
    return {
        "headline": [["Clinical teams with a peer recovery champion", _of(with_peer, len(teams))]],
        "tables": [
            table(
                "Recovery champions and carer leads in clinical teams",
                ["Measure", "Teams"],
                [
                    ["With a peer recovery champion", _of(with_peer, len(teams))],
                    ["With both champions and a carer lead", _of(in_place, len(teams))],
                ],
            )
        ],
        "notes": [],
    }


def appendix_section(year: FinancialYear, done) -> dict:
    return {
        "headline": [],
        "tables": [
            table(
                "Where each section's figures come from",
                ["Section", "Source"],
                [
                    ["Workstreams", "goals and dated progress updates of workstream actions"],
                    ["Team Recovery Plans", "each clinical team's plan, ratings, priorities and actions"],
                    ["Personal plans", "plans of people on a team's caseload at any time in the year"],
                    ["Recovery College", "published course runs, registers, learning plans and fidelity"],
                    ["Outcome and experience measures", "PROM and Friends and Family Test returns"],
                    ["Peer support", "team memberships and recovery roles"],
                ],
            )
        ],
        "notes": [
            DISCLOSURE_RULE,
            f"The report covers the financial year {year.label}, 1 April {year.start_year} to "
            f"31 March {year.start_year + 1}.",
        ],
    }


def executive_summary_section(year: FinancialYear, done) -> dict:
    rows = []
    for section in SECTIONS:
        for label, value in done.get(section.key, {}).get("headline", []):
            rows.append([section.title, label, value])
    return {
        "headline": [],
        "tables": [table(f"The year {year.label} in figures", ["Section", "Measure", "Value"], rows)],
        "notes": [],
    }


SECTIONS = [
    Section("workstreams", "Workstreams", workstreams_section),
    Section("team_plans", "Team Recovery Plans", team_plans_section),
    Section("personal_plans", "Personal plans", personal_plans_section),
    Section("college", "Recovery College", college_section),
    Section("measures", "Outcome and experience measures", measures_section),
    Section("peer_support", "Peer support", peer_support_section),
    Section("appendix", "Method and data quality", appendix_section),
    Section("executive_summary", "Executive summary", executive_summary_section),
]
