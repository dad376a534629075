"""A locust run, headless, against gunicorn (2 workers) serving the large dataset on loopback: 50 users
on realistic journeys for 60 s. Budget: no errors, p95 ≤ 300 ms (sign-in timed apart, see locustfile)."""

import json
import os
import subprocess
import tempfile
from pathlib import Path

from django.urls import Resolver404, resolve

from .context import Context, entry

USERS, SPAWN_RATE, RUN_TIME = 50, 5, "60s"
P95_BUDGET_MS = 300


def _targets(context: Context) -> dict:
    from recovery_portal.models import User
    from teams.models import Membership, TeamRecoveryPlan

    with context.using("large"):
        testers = list(User.objects.filter(username__startswith="loadtest-").order_by("username"))
        names = {kind: [u.username for u in testers if u.username.startswith(f"loadtest-{prefix}")]
                 for kind, prefix in (("staff", "clinician"), ("students", "student"), ("steering", "steering"))}  # fmt: skip
        team_of = dict(
            Membership.objects.filter(user__username__in=names["staff"]).values_list(
                "user__username", "team_id"
            )
        )
        plan_of = {plan.team_id: plan.pk for plan in TeamRecoveryPlan.objects.filter(team_id__in=team_of.values())
                   .order_by("team_id", "year")}  # fmt: skip
    try:
        resolve("/dashboards/")
        dashboard = True
    except Resolver404:
        dashboard = False
    return {
        "password": context.loadtest_password,
        "accounts": names,
        "team_plans": {username: plan_of[team] for username, team in team_of.items()},
        "dashboard": dashboard,
    }


def measure(context: Context) -> dict[str, dict]:
    with tempfile.TemporaryDirectory() as work:
        targets, output = Path(work) / "targets.json", Path(work) / "output.json"
        targets.write_text(json.dumps(_targets(context)))
        with context.serve("large", workers=2) as url:
            run = subprocess.run(
                [context.python, "-m", "locust", "-f", str(context.root / "benchmarks" / "locustfile.py"), "--headless",
                 "-u", str(USERS), "-r", str(SPAWN_RATE), "--run-time", RUN_TIME, "--host", url, "--only-summary",
                 "--stop-timeout", "10", "--loglevel", "WARNING"],
                cwd=context.root, capture_output=True, text=True, timeout=300,
                env={**os.environ, "LOADTEST_TARGETS": str(targets), "LOADTEST_OUTPUT": str(output)},
            )  # fmt: skip
        if not output.exists():
            raise RuntimeError(f"locust wrote no results:\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
        summary = json.loads(output.read_text())
    pages = ", ".join(f"{name} {ms:.0f}" for name, ms in summary["p95_by_page_ms"].items())
    return {
        "load.errors": entry(summary["errors"], "errors", "= 0", summary["errors"] == 0,
                             detail=f"{summary['requests']} page requests by {USERS} users in {RUN_TIME}"),
        "load.p95": entry(summary["p95_ms"], "ms", f"<= {P95_BUDGET_MS} ms", summary["p95_ms"] <= P95_BUDGET_MS,
                          detail=f"p95 by page (ms): {pages}"),
        "load.sign_in.p95": entry(summary["sign_in_p95_ms"], "ms", "reported", True,
                                  detail="Argon2 password check, slow on purpose; not in the page budget"),
    }  # fmt: skip
