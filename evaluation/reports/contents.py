"""What each section of the annual report says, for one financial year.

The figures come from the figures layer (``evaluation.figures.figures_for``) for the whole Trust, the same
figures the steering group dashboards show, already under disclosure control; it is computed once per
attempt and each section takes its part. The report adds what only it needs: each workstream's goals
and its leads' narrative, team plan actions by workstream and domain, and the ImROC ratings a year
before. Each ``*_section`` function returns the figures of one section (their shape: ``sections.py``).
"""

from datetime import date
from functools import cached_property

from recovery_portal.financial_year import FinancialYear
from teams import selectors as team_selectors
from workstreams import selectors as workstream_selectors

from .. import summary
from ..figures import Figures, figures_for
from ..figures import Section as FiguresSection
from ..scope import Scope
from .sections import DISCLOSURE_RULE, Section, table


class Source:
    """What the sections of one attempt read: the year, the day figures are "as at", and the Trust's
    figures, computed once when the first section asks for them."""

    def __init__(self, *, year: FinancialYear, today: date):
        self.year = year
        self.today = today

    @cached_property
    def trust(self) -> Figures:
        return figures_for(scope=Scope.trust(), year=self.year, today=self.today)


def series_figures(series) -> dict:
    """A monthly series as plain data; ``sections.monthly_series`` turns it back into a chart."""
    return {
        "key": series.key,
        "title": series.title,
        "better": series.better.value,
        "unit": series.unit,
        "withheld": series.withheld,
        "about_people": series.about_people,
        "values": [[v.month.isoformat(), v.value, v.shown, v.part] for v in series.values],
        "limit_changes": [[c.month.isoformat(), c.reason, c.baseline_months] for c in series.limit_changes],
    }


def from_figures(section: FiguresSection, *, headline: tuple[str, ...] = ()) -> dict:
    """A figures-layer section as report figures; ``headline`` names the summary figures the executive
    summary repeats (all of them when empty)."""
    return {
        "headline": [[f.label, f.value] for f in section.summary if not headline or f.key in headline],
        "summary": [[f.label, f.value] for f in section.summary],
        "tables": [
            table(t.caption, t.header, [[row.label, *row.cells] for row in t.rows]) for t in section.tables
        ],
        "series": [series_figures(s) for s in section.series],
        "notes": [section.note] if section.note else [],
    }


def _of(part: int, whole: int) -> str:
    return f"{part} of {whole}"


def workstreams_section(source: Source, done) -> dict:
    figures = from_figures(source.trust.workstreams, headline=("overdue",))
    year = source.year
    annual = workstream_selectors.workstream_annual_figures_all(year=year.start_year)
    workstreams = {w.slug: w for w in workstream_selectors.workstream_list()}
    rows, narratives = [], []
    for f in annual:
        workstream = workstreams[f.workstream]
        rows.append(
            [workstream.name, _of(f.goals_met, f.goals), f.actions, f.actions_done, f.actions_dropped]
        )
        report = workstream_selectors.workstream_annual_report_get(
            workstream=workstream, year=year.start_year
        )
        for heading, text in [
            ("achievements", getattr(report, "achievements", "")),
            ("challenges", getattr(report, "challenges", "")),
            ("priorities for next year", getattr(report, "priorities_next_year", "")),
        ]:
            if text and text.strip():
                narratives.append(f"{workstream.name}, {heading}: {text.strip()}")
    goals = [
        [
            "Workstream goals met in the year",
            _of(sum(f.goals_met for f in annual), sum(f.goals for f in annual)),
        ],
        ["Workstream actions completed in the year", str(sum(f.actions_done for f in annual))],
    ]
    figures["headline"][:0] = goals
    figures["summary"][:0] = goals
    figures["tables"].insert(
        0,
        table(
            f"Each workstream's annual report: goals and actions in {year.label}",
            ["Workstream", "Goals met", "Actions", "Done in the year", "Dropped in the year"],
            rows,
        ),
    )
    figures["notes"] += narratives or ["No workstream has written its annual narrative for the year yet."]
    return figures


def team_plans_section(source: Source, done) -> dict:
    figures = from_figures(source.trust.team_plans, headline=("agreed", "done"))
    year = source.year
    counts: dict[tuple[str, str], int] = {}
    actions = team_selectors.action_queryset().filter(plan__year=year.start_year)
    for row in actions.values("workstream__name", "domain__title"):
        key = (row["workstream__name"] or "No workstream given", row["domain__title"] or "No domain given")
        counts[key] = counts.get(key, 0) + 1
    figures["tables"].append(
        table(
            "Team plan actions by workstream and conversation domain",
            ["Workstream", "Conversation domain", "Actions"],
            [[w, d, n] for (w, d), n in sorted(counts.items())],
        )
    )
    before = team_selectors.challenge_ratings(year=year.previous().start_year, by="trust")
    stages = list(team_selectors.ChallengeStageCounts("", "", "", "").counts)
    figures["tables"].append(
        table(
            f"ImROC challenge ratings a year before, in {year.previous().label}: plans at each stage",
            ["Challenge", *(stage.capitalize() for stage in stages), "Not rated"],
            [[r.challenge, *(r.counts[stage] for stage in stages), r.unrated] for r in before],
        )
    )
    return figures


def personal_plans_section(source: Source, done) -> dict:
    return from_figures(source.trust.personal_plans, headline=("people", "recovery", "in_date"))


def college_section(source: Source, done) -> dict:
    return from_figures(
        source.trust.college, headline=("runs", "co_delivered", "places", "students", "ilp_met", "fidelity")
    )


def measures_section(source: Source, done) -> dict:
    return from_figures(source.trust.measures, headline=("prom_paired", "fft_positive"))


def peer_support_section(source: Source, done) -> dict:
    return from_figures(source.trust.peer_support)


def appendix_section(source: Source, done) -> dict:
    year = source.year
    return {
        "headline": [],
        "tables": [
            table(
                "Where each section's figures come from",
                ["Section", "Source"],
                [
                    [
                        "Workstreams",
                        "goals, actions and their dated progress updates; the leads' annual reports",
                    ],
                    ["Team Recovery Plans", "each clinical team's plan: ratings, priorities and actions"],
                    ["Personal plans", "plans of people on a team's caseload at any time in the year"],
                    [
                        "Recovery College",
                        "published course runs of terms starting in the year, their registers and "
                        "students; learning plans of those terms; the college's RECOLLECT fidelity rating",
                    ],
                    ["Outcome and experience measures", "PROM and Friends and Family Test returns"],
                    ["Peer support", "team memberships and people's named peer support workers"],
                ],
            )
        ],
        "notes": [
            DISCLOSURE_RULE,
            f"The report covers the financial year {year.label}, 1 April {year.start_year} to "
            f"31 March {year.start_year + 1}. Figures are as at {min(year.end, source.today):%-d %B %Y}.",
            "Monthly figures are shown as statistical process control (XmR) charts in the NHS Making Data "
            "Count style; a chart is withheld where a month's figure about people is suppressed.",
            "Each section is saved as it is compiled. The report's fingerprint is a hash of all its figures: "
            "two reports with the same fingerprint hold the same figures.",
        ],
    }


def board_summary_figures(source: Source) -> list[dict]:
    """The dashboard's board summary for the Trust, as plain data; each measure links to its section."""
    measures = summary.board_measures(source.trust)
    return [{**m.as_data(), "anchor": f"section-{m.section}"} for m in measures]


def executive_summary_section(source: Source, done) -> dict:
    rows = []
    for section in SECTIONS:
        for label, value in done.get(section.key, {}).get("headline", []):
            rows.append([section.title, label, value])
    return {
        "headline": [],
        "tables": [table(f"The year {source.year.label} in figures", ["Section", "Measure", "Value"], rows)],
        "board_summary": board_summary_figures(source),
        "notes": [
            "The main figures of each section. Figures about people below Trust level are rounded or "
            "withheld as the method appendix explains."
        ],
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
