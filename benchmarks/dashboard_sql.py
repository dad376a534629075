"""The steering group dashboard's aggregates written by hand in SQL, for ``bench_dashboard.py``.

``run(cursor, ...)`` computes, with one statement per group of figures, what a dashboard page shows for a
scope: personal plans, peer support, Team Recovery Plans, outcome and experience measures (including each
person's first and latest score and its reliable change) and, on the Trust's page, the Recovery College
(its terms, students by type, learning plans by review outcome and the year's RECOLLECT fidelity rating);
the Trust and each unit one level down in the same statement (GROUPING SETS). ``expected(...)`` turns the
raw numbers into the values the page shows, through the figures layer's own display helpers (disclosure
control), so that the benchmark can check the SQL gives the page's numbers before comparing their times.

Left out, which only makes the SQL side faster (so the ratio stricter): the workstreams' open actions by
RAG rating on the Trust's page (a few milliseconds, and on the page's side still timed).
"""

# The statements are put together from this module's own constants only; every value is a parameter.
# ruff: noqa: S608

from dataclasses import dataclass
from datetime import date

TZ = "Europe/London"
# The RECOLLECT components' columns, in the order the page lists them (college.models.fidelity).
FIDELITY_COLUMNS = (
    "valuing_equality", "learning", "tailored_to_the_student", "co_production", "social_connectedness",
    "community_focus", "commitment_to_recovery",
)  # fmt: skip


@dataclass
class Params:
    start: date  # the financial year
    end: date
    cut: date  # "as at": the end of the year, or today while it runs
    today: date
    start_year: int
    team_ids: list[int] | None  # None: the whole Trust
    unit: str  # SQL for the unit one level down of a row aliased t (team) and d (division)
    college: bool  # the college section applies (the Trust's page)
    chart_start: date | None = None  # the monthly charts' months (recovery_portal.chart_months)
    chart_end: date | None = None


def _teams(alias: str, params: Params) -> str:
    return "TRUE" if params.team_ids is None else f"{alias}.team_id = ANY(%(team_ids)s)"


def _statements(p: Params) -> dict[str, str]:
    entries = f"""
        SELECT ce.person_id, ce.peer_support_worker_id, {p.unit} AS unit
        FROM careplans_caseloadentry ce
        JOIN teams_team t ON t.id = ce.team_id
        JOIN teams_division d ON d.id = t.division_id
        WHERE ce.start_date <= %(end)s AND (ce.end_date IS NULL OR ce.end_date >= %(start)s)
          AND {_teams("ce", p)}"""
    chart_entries = entries.replace("%(end)s", "%(chart_end)s").replace("%(start)s", "%(chart_start)s")
    prom = f"""
        FROM evaluation_promreturn r
        JOIN evaluation_instrument i ON i.id = r.instrument_id AND i.kind = 'prom'
        JOIN teams_team t ON t.id = r.team_id
        JOIN teams_division d ON d.id = t.division_id
        WHERE r.completed_on BETWEEN %(start)s AND %(end)s AND {_teams("r", p)}"""
    prom_chart = prom.replace("%(start)s AND %(end)s", "%(chart_start)s AND %(chart_end)s")
    statements = {
        "people": f"""
            WITH entries AS ({entries}),
            agreed AS (
                SELECT person_id, bool_or(kind = 'recovery') AS recovery, bool_or(kind = 'crisis') AS crisis,
                       bool_or(kind = 'safety') AS safety
                FROM careplans_plan
                WHERE status = 'agreed' AND (agreed_at AT TIME ZONE '{TZ}')::date <= %(cut)s
                  AND (created_at AT TIME ZONE '{TZ}')::date <= %(cut)s
                GROUP BY person_id
            )
            SELECT GROUPING(e.unit) = 1, e.unit, count(DISTINCT e.person_id),
                   count(DISTINCT e.person_id) FILTER (WHERE a.recovery),
                   count(DISTINCT e.person_id) FILTER (WHERE a.crisis),
                   count(DISTINCT e.person_id) FILTER (WHERE a.safety),
                   count(DISTINCT e.person_id) FILTER (WHERE e.peer_support_worker_id IS NOT NULL)
            FROM entries e LEFT JOIN agreed a ON a.person_id = e.person_id
            GROUP BY GROUPING SETS ((), (e.unit))""",
        "plans": f"""
            WITH entries AS (SELECT DISTINCT person_id, unit FROM ({entries}) found),
            own AS (SELECT DISTINCT plan_id FROM careplans_planentry WHERE author_role = 'person'),
            plans AS (
                SELECT id, person_id, review_date,
                       status = 'agreed' AND (agreed_at AT TIME ZONE '{TZ}')::date <= %(cut)s AS agreed
                FROM careplans_plan WHERE (created_at AT TIME ZONE '{TZ}')::date <= %(cut)s
            )
            SELECT GROUPING(e.unit) = 1, e.unit, count(DISTINCT p.id),
                   count(DISTINCT p.id) FILTER (WHERE own.plan_id IS NOT NULL),
                   count(DISTINCT p.id) FILTER (WHERE p.agreed),
                   count(DISTINCT p.id) FILTER (WHERE p.agreed AND (p.review_date IS NULL OR p.review_date >= %(cut)s))
            FROM entries e JOIN plans p ON p.person_id = e.person_id LEFT JOIN own ON own.plan_id = p.id
            GROUP BY GROUPING SETS ((), (e.unit))""",
        "plans_agreed_monthly": f"""
            SELECT date_trunc('month', agreed_at AT TIME ZONE '{TZ}')::date, count(*)
            FROM careplans_plan
            WHERE person_id IN (SELECT person_id FROM ({chart_entries}) found)
              AND (agreed_at AT TIME ZONE '{TZ}')::date BETWEEN %(chart_start)s AND %(chart_end)s
            GROUP BY 1""",
        "workers": f"""
            SELECT GROUPING({p.unit}) = 1, {p.unit}, count(DISTINCT m.user_id)
            FROM teams_membership m
            JOIN teams_team t ON t.id = m.team_id JOIN teams_division d ON d.id = t.division_id
            WHERE m.role = 'peer_support_worker' AND m.start_date <= %(cut)s
              AND (m.end_date IS NULL OR m.end_date >= %(cut)s) AND {_teams("m", p)}
            GROUP BY GROUPING SETS ((), ({p.unit}))""",
        "clinical_teams": f"""
            SELECT GROUPING({p.unit}) = 1, {p.unit}, count(*),
                   count(*) FILTER (WHERE EXISTS (
                       SELECT 1 FROM teams_membership m WHERE m.team_id = t.id AND m.role = 'peer_support_worker'
                         AND m.start_date <= %(cut)s AND (m.end_date IS NULL OR m.end_date >= %(cut)s))),
                   count(*) FILTER (WHERE tp.status IN ('agreed', 'mid_year_review', 'closed')),
                   count(*) FILTER (WHERE tp.status IN ('preparing', 'away_day_held')),
                   count(*) FILTER (WHERE tp.id IS NULL)
            FROM teams_team t
            JOIN teams_division d ON d.id = t.division_id
            LEFT JOIN teams_teamrecoveryplan tp ON tp.team_id = t.id AND tp.year = %(start_year)s
            WHERE t.is_clinical AND {"TRUE" if p.team_ids is None else "t.id = ANY(%(team_ids)s)"}
            GROUP BY GROUPING SETS ((), ({p.unit}))""",
        "team_actions": f"""
            SELECT GROUPING({p.unit}) = 1, {p.unit}, count(*), count(*) FILTER (WHERE a.status = 'done'),
                   count(*) FILTER (WHERE a.status = 'dropped'),
                   count(*) FILTER (WHERE a.status IN ('not_started', 'in_progress') AND a.due_date < %(today)s)
            FROM teams_teamaction a
            JOIN teams_teamrecoveryplan tp ON tp.id = a.plan_id
            JOIN teams_team t ON t.id = tp.team_id JOIN teams_division d ON d.id = t.division_id
            WHERE tp.year = %(start_year)s AND {_teams("tp", p)}
            GROUP BY GROUPING SETS ((), ({p.unit}))""",
        "imroc": f"""
            SELECT c.title, count(*) FILTER (WHERE r.stage = 'engagement'), count(*) FILTER (WHERE r.stage = 'development'),
                   count(*) FILTER (WHERE r.stage = 'transformation'), count(*) FILTER (WHERE r.stage = '')
            FROM teams_challengerating r
            JOIN teams_teamrecoveryplan tp ON tp.id = r.plan_id
            JOIN workstreams_imrocchallenge c ON c.id = r.challenge_id
            WHERE tp.year = %(start_year)s AND {_teams("tp", p)}
            GROUP BY c.title""",
        "prom_counts": f"""
            SELECT i.name, count(*), count(DISTINCT r.person_id) {prom} GROUP BY i.name""",
        "prom_by_unit": f"""SELECT {p.unit}, count(*) {prom} GROUP BY 1""",
        "prom_change": f"""
            WITH pairs AS (
                SELECT r.instrument_id, (array_agg(r.total ORDER BY r.completed_on, r.id))[1] AS first,
                       (array_agg(r.total ORDER BY r.completed_on DESC, r.id DESC))[1] AS latest
                {prom} AND r.total IS NOT NULL
                GROUP BY r.person_id, r.instrument_id HAVING count(*) >= 2
            ),
            limits AS (
                SELECT ct.instrument_id, round(ct.value::numeric, 6) AS value
                FROM evaluation_changethreshold ct JOIN evaluation_instrument i ON i.id = ct.instrument_id
                WHERE ct.is_active AND ct.kind = 'reliable_change'
                  AND ct.measure = CASE WHEN i.code = 'DIALOG' THEN 'life' ELSE 'total' END
            ),
            changes AS (
                SELECT p.instrument_id, p.latest - p.first AS change,
                       round((p.latest - p.first)::numeric, 6) AS rounded, l.value AS threshold
                FROM pairs p LEFT JOIN limits l ON l.instrument_id = p.instrument_id
            )
            SELECT i.name, count(*), avg(change), bool_or(threshold IS NOT NULL),
                   count(*) FILTER (WHERE rounded >= threshold),
                   count(*) FILTER (WHERE rounded > -threshold AND rounded < threshold),
                   count(*) FILTER (WHERE rounded <= -threshold)
            FROM changes JOIN evaluation_instrument i ON i.id = changes.instrument_id
            GROUP BY i.name""",
        "prom_monthly": f"""SELECT date_trunc('month', r.completed_on)::date, count(*) {prom_chart} GROUP BY 1""",
        "fft": f"""
            SELECT GROUPING({p.unit}) = 1, {p.unit}, count(*), count(*) FILTER (WHERE r.category = 'positive'),
                   count(*) FILTER (WHERE r.category = 'negative')
            FROM evaluation_premreturn r
            JOIN teams_team t ON t.id = r.team_id JOIN teams_division d ON d.id = t.division_id
            WHERE r.completed_on BETWEEN %(start)s AND %(end)s AND {_teams("r", p)}
            GROUP BY GROUPING SETS ((), ({p.unit}))""",
        "fft_monthly": f"""
            SELECT date_trunc('month', r.completed_on)::date, count(*), count(*) FILTER (WHERE r.category = 'positive')
            FROM evaluation_premreturn r
            WHERE r.completed_on BETWEEN %(chart_start)s AND %(chart_end)s AND {_teams("r", p)}
            GROUP BY 1""",
    }
    if p.college:
        runs = """
            SELECT r.id, r.term_id, r.course_id FROM college_courserun r
            JOIN college_term term ON term.id = r.term_id
            WHERE r.status = 'published' AND term.start_date BETWEEN %(start)s AND %(end)s"""
        statements |= {
            "college_runs": f"""
                SELECT term.name, count(*),
                       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM college_courseruntrainer x
                                                      WHERE x.run_id = r.id AND x.is_peer_trainer)
                                        AND EXISTS (SELECT 1 FROM college_courseruntrainer x
                                                    WHERE x.run_id = r.id AND NOT x.is_peer_trainer))
                FROM ({runs}) r JOIN college_term term ON term.id = r.term_id GROUP BY term.name""",
            "college_places": f"""
                SELECT r.term_id, count(*) FILTER (WHERE e.status = 'enrolled'),
                       count(*) FILTER (WHERE e.status = 'waiting')
                FROM college_enrolment e JOIN ({runs}) r ON r.id = e.run_id GROUP BY 1""",
            "college_attendance": f"""
                SELECT r.term_id, count(*), count(*) FILTER (WHERE a.present)
                FROM college_attendance a
                JOIN college_enrolment e ON e.id = a.enrolment_id AND e.status = 'enrolled'
                JOIN college_session s ON s.id = a.session_id JOIN ({runs}) r ON r.id = s.run_id
                GROUP BY 1""",
            "college_completion": f"""
                SELECT r.term_id, count(*), count(*) FILTER (WHERE coalesce(present.n, 0) >= c.completion_min_sessions)
                FROM college_enrolment e
                JOIN ({runs}) r ON r.id = e.run_id JOIN college_course c ON c.id = r.course_id
                LEFT JOIN (SELECT enrolment_id, count(*) AS n FROM college_attendance WHERE present
                           GROUP BY enrolment_id) present ON present.enrolment_id = e.id
                WHERE e.status = 'enrolled'
                  AND NOT EXISTS (SELECT 1 FROM college_session s WHERE s.run_id = r.id AND s.starts_at > now())
                GROUP BY 1""",
            "college_students": f"""
                SELECT r.term_id, count(DISTINCT e.student_id)
                FROM college_enrolment e JOIN ({runs}) r ON r.id = e.run_id
                WHERE e.status <> 'cancelled'
                GROUP BY 1""",
            "college_students_by_type": f"""
                SELECT s.student_type, count(DISTINCT e.student_id)
                FROM college_enrolment e JOIN ({runs}) r ON r.id = e.run_id
                JOIN college_student s ON s.id = e.student_id
                WHERE e.status <> 'cancelled'
                GROUP BY 1""",
            "college_learning_plans": """
                SELECT lp.review_outcome, count(*)
                FROM college_learningplan lp JOIN college_term term ON term.id = lp.term_id
                WHERE term.start_date BETWEEN %(start)s AND %(end)s
                GROUP BY 1""",
            "college_fidelity": f"""
                SELECT {", ".join(FIDELITY_COLUMNS)}
                FROM college_fidelityrating WHERE year = %(year_label)s""",
            "college_terms": """
                SELECT id, name FROM college_term WHERE start_date BETWEEN %(start)s AND %(end)s ORDER BY start_date""",
            "college_monthly": f"""
                SELECT date_trunc('month', s.starts_at AT TIME ZONE '{TZ}')::date, count(*) FILTER (WHERE a.present),
                       count(*)
                FROM college_attendance a
                JOIN college_enrolment e ON e.id = a.enrolment_id AND e.status = 'enrolled'
                JOIN college_session s ON s.id = a.session_id
                JOIN college_courserun r ON r.id = s.run_id AND r.status = 'published'
                WHERE (s.starts_at AT TIME ZONE '{TZ}')::date BETWEEN %(chart_start)s AND %(chart_end)s
                GROUP BY 1""",
        }
    return statements


def run(cursor, params: Params) -> dict[str, list[tuple]]:
    """Every statement's rows (the work that is timed)."""
    values = {
        "start": params.start, "end": params.end, "cut": params.cut, "today": params.today,
        "start_year": params.start_year, "team_ids": params.team_ids,
        "chart_start": params.chart_start or params.start, "chart_end": params.chart_end or params.end,
        "year_label": f"{params.start_year}/{(params.start_year + 1) % 100:02d}",
    }  # fmt: skip
    found = {}
    for name, sql in _statements(params).items():
        cursor.execute(sql, values)
        found[name] = cursor.fetchall()
    return found


def _split(rows, width: int) -> tuple[tuple, dict]:
    """GROUPING SETS rows: the total's figures, and each unit's."""
    total, units = (0,) * width, {}
    for is_total, unit, *figures in rows:
        if is_total:
            total = tuple(figures)
        else:
            units[unit] = tuple(figures)
    return total, units


def expected(raw: dict[str, list[tuple]], *, scope, children, months: list[date]) -> dict[tuple, str]:
    """The page's values from the SQL's numbers: keys as ``page_values`` gives them."""
    from evaluation import disclosure
    from evaluation.figures.types import people, people_percent, people_with_percent, things_of

    out: dict[tuple, str] = {}
    nothing = (0,) * 6  # a unit absent from a statement's rows: nothing counted

    # Personal plans.
    (n, recovery, crisis, safety, named), people_by = _split(raw["people"], 5)
    (plans, own, agreed, in_date), plans_by = _split(raw["plans"], 4)
    out |= {
        ("personal_plans", "people"): people(n, scope),
        ("personal_plans", "recovery"): people_with_percent(recovery, n, scope),
        ("personal_plans", "crisis"): people_with_percent(crisis, n, scope),
        ("personal_plans", "safety"): people_with_percent(safety, n, scope),
        ("personal_plans", "in_date"): people_with_percent(in_date, agreed, scope),
        ("personal_plans", "own_words"): people_percent(own, plans, scope),
    }
    for child in children:
        c_n, c_rec, c_cri, c_saf, _ = people_by.get(child.pk, nothing[:5])
        _, _, c_agreed, c_in_date = plans_by.get(child.pk, nothing[:4])
        cells = (
            people(c_n, child), people_percent(c_rec, c_n, child), people_percent(c_cri, c_n, child),
            people_percent(c_saf, c_n, child), people_percent(c_in_date, c_agreed, child),
        )  # fmt: skip
        out |= {("personal-plans", child.label, i): cell for i, cell in enumerate(cells)}
    agreed_months = dict(raw["plans_agreed_monthly"])
    if scope.trust_level:  # monthly figures about people: the whole Trust's only (ADR 0022)
        out |= {("plans-agreed", m): people(agreed_months.get(m, 0), scope) for m in months}

    # Peer support.
    (workers,), workers_by = _split(raw["workers"], 1)
    (clinical, with_worker, cov_agreed, cov_preparing, cov_none), teams_by = _split(raw["clinical_teams"], 5)
    out |= {
        ("peer_support", "workers"): people(workers, scope),
        ("peer_support", "teams_with_worker"): things_of(with_worker, clinical),
        ("peer_support", "people_with_worker"): people_with_percent(named, n, scope),
    }
    for child in children:
        c_people = people_by.get(child.pk, nothing)
        c_teams = teams_by.get(child.pk, nothing)
        cells = (
            people(workers_by.get(child.pk, (0,))[0], child), things_of(c_teams[1], c_teams[0]),
            people(c_people[4], child), people_percent(c_people[4], c_people[0], child),
        )  # fmt: skip
        out |= {("peer-support", child.label, i): cell for i, cell in enumerate(cells)}

    # Team Recovery Plans.
    (actions, done, dropped, overdue), actions_by = _split(raw["team_actions"], 4)
    out |= {
        ("team_plans", "clinical_teams"): str(clinical),
        ("team_plans", "agreed"): things_of(cov_agreed, clinical),
        ("team_plans", "preparing"): str(cov_preparing),
        ("team_plans", "no_plan"): str(cov_none),
        ("team_plans", "actions"): str(actions),
        ("team_plans", "done"): things_of(done, actions - dropped),
        ("team_plans", "overdue"): str(overdue),
    }
    for child in children:
        t = teams_by.get(child.pk, nothing)
        a = actions_by.get(child.pk, nothing)
        cells = (t[0], t[2], t[3], t[4], a[0], a[1], a[3])
        out |= {("team-plans", child.label, i): str(cell) for i, cell in enumerate(cells)}

    for title, *stages in raw["imroc"]:
        out |= {("imroc-ratings", title, i): str(n) for i, n in enumerate(stages)}

    # Outcome and experience measures.
    counts = {name: (returns, people_n) for name, returns, people_n in raw["prom_counts"]}
    changes = {row[0]: row[1:] for row in raw["prom_change"]}
    out[("measures", "prom_returns")] = people(sum(r for r, _ in counts.values()), scope)
    out[("measures", "prom_paired")] = people(sum(c[0] for c in changes.values()), scope)
    for code in set(counts) | set(changes):
        returns, people_n = counts.get(code, (0, 0))
        paired, mean, classified, improved, same, worse = changes.get(code, (0, None, False, 0, 0, 0))
        if not scope.trust_level:  # below Trust level no count by measure (ADR 0022)
            share = (
                people_percent(improved, improved + same + worse, scope)
                if classified
                else disclosure.NOT_APPLICABLE
            )
            out |= {("prom-change", code, 1): share, ("prom-change-mean", code): mean}
            continue
        out |= {
            ("prom-change", code, 0): people(returns, scope),
            ("prom-change", code, 1): people(people_n, scope),
            ("prom-change", code, 2): people(paired, scope),
            ("prom-change", code, 4): people(improved, scope),
            ("prom-change", code, 5): people(same, scope),
            ("prom-change", code, 6): people(worse, scope),
            ("prom-change", code, 7): people_percent(improved, improved + same + worse, scope)
            if classified
            else disclosure.NOT_APPLICABLE,
            ("prom-change-mean", code): mean,
        }
    (responses, positive, negative), fft_by = _split(raw["fft"], 3)
    out |= {
        ("measures", "fft_responses"): people(responses, scope),
        ("measures", "fft_positive"): people_percent(positive, responses, scope),
        ("measures", "fft_negative"): people_percent(negative, responses, scope),
    }
    prom_by = dict(raw["prom_by_unit"])
    for child in children:
        r, pos, neg = fft_by.get(child.pk, (0, 0, 0))
        cells = (
            people(prom_by.get(child.pk, 0), child), people(r, child),
            people_percent(pos, r, child), people_percent(neg, r, child),
        )  # fmt: skip
        out |= {("measures", child.label, i): cell for i, cell in enumerate(cells)}
    # Below Trust level these two charts are published only where the whole Trust's publication allows it
    # (ADR 0022), which the scope's own SQL cannot see: ``_check`` compares them where the page shows them.
    prom_months = dict(raw["prom_monthly"])
    fft_months = {m: (r, pos) for m, r, pos in raw["fft_monthly"]}
    out |= {("prom-returns", m): people(prom_months.get(m, 0), scope) for m in months}
    out |= {
        ("fft-positive", m): people_percent(fft_months.get(m, (0, 0))[1], fft_months.get(m, (0, 0))[0], scope)
        for m in months
    }
    if not scope.trust_level:  # plans agreed each month and the college: the whole Trust's only
        return out

    if "college_terms" in raw:
        out |= _college(raw, scope, months)
    return out


def _college(raw, scope, months) -> dict[tuple, str]:
    from evaluation.figures.types import people, things_of

    def percent(part, whole):  # the college section's own, for figures that are not counts of people
        return f"{round(100 * part / whole)}%" if whole else "–"

    runs = {name: (n, co) for name, n, co in raw["college_runs"]}
    places = {t: (enrolled, waiting) for t, enrolled, waiting in raw["college_places"]}
    marked = {t: (m, p) for t, m, p in raw["college_attendance"]}
    finished = {t: (f, c) for t, f, c in raw["college_completion"]}
    students = dict(raw["college_students"])
    # Terms in the year with any published run, as the page lists them.
    terms = [(pk, name) for pk, name in raw["college_terms"] if name in runs]
    out = {}
    for pk, name in terms:
        n, co = runs[name]
        enrolled, waiting = places.get(pk, (0, 0))
        m, p = marked.get(pk, (0, 0))
        f, c = finished.get(pk, (0, 0))
        cells = (
            str(n), str(co), people(enrolled, scope), people(waiting, scope), percent(p, m), percent(c, f),
            people(students.get(pk, 0), scope),
        )  # fmt: skip
        out |= {("college-terms", name, i): cell for i, cell in enumerate(cells)}
    total = lambda values, i: sum(v[i] for v in values)  # noqa: E731
    term_ids = [pk for pk, _ in terms]
    chosen = [runs[name] for _, name in terms]
    out |= {
        ("college", "terms"): str(len(terms)),
        ("college", "runs"): str(total(chosen, 0)),
        ("college", "co_delivered"): things_of(total(chosen, 1), total(chosen, 0)),
        ("college", "places"): people(sum(places.get(pk, (0, 0))[0] for pk in term_ids), scope),
        ("college", "attendance"): percent(
            sum(marked.get(pk, (0, 0))[1] for pk in term_ids),
            sum(marked.get(pk, (0, 0))[0] for pk in term_ids),
        ),
        ("college", "completion"): percent(
            sum(finished.get(pk, (0, 0))[1] for pk in term_ids),
            sum(finished.get(pk, (0, 0))[0] for pk in term_ids),
        ),
    }
    from evaluation.figures.types import people_percent

    monthly = {m: (present, all_marked) for m, present, all_marked in raw["college_monthly"]}
    out |= {("college-attendance", m): people_percent(*monthly.get(m, (0, 0)), scope) for m in months}

    # Students by type, learning plans by review outcome, and the year's RECOLLECT fidelity rating.
    from college.models import RECOLLECT_COMPONENTS, ReviewOutcome, StudentType

    by_type = dict(raw["college_students_by_type"])
    out |= {
        ("college-students", label, 0): people(by_type.get(value, 0), scope)
        for value, label in StudentType.choices
    }
    out[("college", "students")] = people(sum(by_type.values()), scope)
    outcomes = dict(raw["college_learning_plans"])
    met, partly = outcomes.get(ReviewOutcome.MET, 0), outcomes.get(ReviewOutcome.PARTLY, 0)
    reviewed = met + partly + outcomes.get(ReviewOutcome.NOT_MET, 0)
    out[("college", "ilp_met")] = people_percent(met + partly, reviewed, scope)
    for label, value in [
        ("Goals met", ReviewOutcome.MET), ("Goals partly met", ReviewOutcome.PARTLY),
        ("Goals not met", ReviewOutcome.NOT_MET), ("Not yet reviewed", ""),
    ]:  # fmt: skip
        out[("college-learning-plans", label, 0)] = people(outcomes.get(value, 0), scope)
    rating = raw["college_fidelity"][0] if raw["college_fidelity"] else None
    out[("college", "fidelity")] = f"{sum(rating)} out of 14" if rating else "Not rated"
    if rating:
        labels = dict(RECOLLECT_COMPONENTS)
        scores = zip(FIDELITY_COLUMNS, rating, strict=True)
        out |= {("college-fidelity", labels[name], 0): str(score) for name, score in scores}
    return out


def page_values(figures) -> dict[tuple, str]:
    """The values a page shows, from its ``Figures``: summary figures, table cells and monthly values."""
    out: dict[tuple, str] = {}
    for section in figures.sections:
        for figure in section.summary:
            out[(section.key, figure.key)] = figure.value
        for table in section.tables:
            for row in table.rows:
                # The change table is keyed by the measure's code, its rows being named by the measure.
                label = row.label
                for i, cell in enumerate(row.cells):
                    out[(table.key, label, i)] = cell
        for series in section.series:
            for value in series.values:
                out[(series.key, value.month)] = value.shown
    return out
