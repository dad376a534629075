"""The annual Trust-wide evaluation report: compile time and peak memory at large scale (ARCHITECTURE §7:
at most 60 s and 400 MB on 2 cores), and its time at small against large, to show that it grows no
faster than the data it reads.

Each compile is ``manage.py compile_annual_report --year … --output <tmp>`` in a subprocess against that
scale's database, as an operator runs it: Django's start-up, every section, the HTML and the PDF. It is
started by a small Python parent of its own, whose ``getrusage(RUSAGE_CHILDREN)`` is then that compile's
peak resident memory alone (the runner's own children, such as generate_dataset, would otherwise count).
The year is the current financial year, the one the generated Trust holds data for.

"Data size" is the number of rows in the tables the report aggregates (listed in ``READ_TABLES``), counted
at each scale; growth is no worse than linear when time(large) / time(small) ≤ rows(large) / rows(small).
"""

import json
import os
import subprocess
import tempfile
import textwrap

from .context import Context, entry

SECONDS_BUDGET, MEMORY_BUDGET_MB = 60, 400

# The tables whose rows the report's figures are worked out from (workstreams, team plans, personal plans,
# peer support, the Recovery College, outcome and experience measures).
READ_TABLES = (
    "workstreams_action", "workstreams_progressupdate", "teams_team", "teams_membership",
    "teams_teamrecoveryplan", "teams_teamaction", "teams_challengerating", "careplans_caseloadentry",
    "careplans_plan", "careplans_planentry", "college_courserun", "college_courseruntrainer",
    "college_enrolment", "college_attendance", "college_session", "college_student",
    "college_learningplan", "evaluation_promreturn", "evaluation_premreturn",
)  # fmt: skip

# Runs the compile as its only child and reports its wall time and peak memory as JSON.
_PARENT = textwrap.dedent(
    """
    import json, resource, subprocess, sys, time
    started = time.perf_counter()
    done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
    print(json.dumps({"seconds": time.perf_counter() - started, "returncode": done.returncode,
                      "max_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                      "output": (done.stdout + done.stderr)[-3000:]}))
    """
)


def _rows_read(context: Context, scale: str) -> int:
    from django.db import connection

    with context.using(scale), connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(f"SELECT count(*) FROM {table}" for table in READ_TABLES))  # noqa: S608
        return sum(n for (n,) in cursor.fetchall())


def _compile(context: Context, scale: str, year_label: str) -> dict:
    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "recovery_portal.settings.local",
        "DEBUG": "false",
        "DATABASE_URL": context.database_url(scale),
        "CELERY_BROKER_URL": context.broker_url,
        "SECRET_KEY": settings.SECRET_KEY,
    }
    with tempfile.TemporaryDirectory() as folder:
        command = [
            context.python,
            "manage.py",
            "compile_annual_report",
            "--year",
            year_label,
            "--output",
            folder,
        ]
        done = subprocess.run(
            [context.python, "-c", _PARENT, *command],
            cwd=context.root, env=env, capture_output=True, text=True, timeout=600, check=True,
        )  # fmt: skip
        found = json.loads(done.stdout)
        if found["returncode"] != 0 or not os.path.getsize(os.path.join(folder, "report.pdf")):
            raise RuntimeError(f"compile_annual_report at {scale} failed:\n{found['output']}")
    return found


def measure(context: Context) -> dict[str, dict]:
    from recovery_portal.financial_year import FinancialYear

    year = FinancialYear.current().label
    small, large = _compile(context, "small", year), _compile(context, "large", year)
    rows = {scale: _rows_read(context, scale) for scale in ("small", "large")}
    seconds, memory_mb = large["seconds"], large["max_rss_kb"] / 1024
    time_ratio, data_ratio = large["seconds"] / small["seconds"], rows["large"] / rows["small"]
    return {
        "report.large.seconds": entry(
            seconds, "s", f"<= {SECONDS_BUDGET} s", seconds <= SECONDS_BUDGET,
            detail=f"manage.py compile_annual_report --year {year} at large, start-up, sections, HTML and PDF",
        ),
        "report.large.peak_memory": entry(
            memory_mb, "MB", f"<= {MEMORY_BUDGET_MB} MB", memory_mb <= MEMORY_BUDGET_MB,
            detail="peak resident memory of the compile's process (getrusage RUSAGE_CHILDREN of its own parent)",
        ),
        "report.small.seconds": entry(small["seconds"], "s", "reported", True,
                                      detail=f"peak memory {small['max_rss_kb'] / 1024:.0f} MB"),
        "report.growth": entry(
            time_ratio, "x", f"<= data ratio ({data_ratio:.1f}x)", time_ratio <= data_ratio,
            detail=f"time large/small; data: {rows['large']:,} against {rows['small']:,} rows in the "
                   f"{len(READ_TABLES)} tables the report reads",
        ),
    }  # fmt: skip
