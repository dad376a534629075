"""``make bench``: builds the small and large synthetic Trusts on the throwaway PostgreSQL that
``scripts/with_test_services.sh`` started, then runs every ``benchmarks/bench_*.py`` module and prints
one table, also written to ``benchmarks/results.json``. Exits non-zero when any budget is missed.

    scripts/with_test_services.sh uv run python benchmarks/run.py [--only NAME ...] [--reuse]

``--only queries`` runs bench_queries.py alone; ``--reuse`` keeps databases already built (for a
developer re-running one benchmark against their own servers).
"""

import argparse
import importlib
import json
import os
import subprocess
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.json"
DATASET_BUDGET_SECONDS = {"small": 120, "large": 600}
# The whole run, so that it stays something a developer runs before a change lands. About half of it is
# django-import-export, the import's reference: at least five runs of each format are required, and it
# takes 40 to 100 s a run (ADR 0029, third addendum), so 20 minutes were missed on a busy machine.
TOTAL_BUDGET_SECONDS = 1500


def _database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin_connection(base: str):
    import psycopg2

    parts = urlsplit(base)
    connection = psycopg2.connect(
        dbname="postgres", user=parts.username, password=parts.password, host=parts.hostname, port=parts.port
    )
    connection.autocommit = True
    return connection


def build(scale: str, url: str, *, reuse: bool) -> float | None:
    """Create, migrate and fill the database of ``scale``; returns the generate_dataset seconds."""
    name = urlsplit(url).path.lstrip("/")
    admin = _admin_connection(url)
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone() is not None
        if exists and reuse:
            return None
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "recovery_portal.settings.local",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    started = time.monotonic()
    subprocess.run([*manage, "generate_dataset", "--scale", scale], cwd=ROOT, env=env, check=True)
    return time.monotonic() - started


def bench_modules(only: list[str]) -> list[str]:
    names = sorted(path.stem for path in (ROOT / "benchmarks").glob("bench_*.py"))
    return [name for name in names if not only or name.removeprefix("bench_") in only]


def table(results: dict[str, dict]) -> str:
    rows = [("measure", "value", "unit", "budget", "ok")]
    rows += [
        (name, f"{r['value']:g}", r["unit"], r["budget"], "yes" if r["ok"] else "NO")
        for name, r in results.items()
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [
        "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", nargs="*", default=[], help="bench module names without bench_")
    parser.add_argument("--reuse", action="store_true", help="keep databases that already exist")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        print(
            "DATABASE_URL must point at PostgreSQL: run through scripts/with_test_services.sh (make bench)."
        )
        return 2
    started = time.monotonic()
    urls = {scale: _database_url(base, f"bench_{scale}") for scale in ("small", "large")}
    results: dict[str, dict] = {}
    build_seconds = {}
    for scale, url in urls.items():
        print(f"Building the {scale} dataset …", flush=True)
        seconds = build(scale, url, reuse=args.reuse)
        if seconds is not None:
            build_seconds[scale] = seconds
            budget = DATASET_BUDGET_SECONDS[scale]
            results[f"dataset.{scale}.build"] = {
                "value": round(seconds, 1), "unit": "s", "budget": f"<= {budget} s", "ok": seconds <= budget
            }  # fmt: skip

    os.environ["DATABASE_URL"] = urls["large"]
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from benchmarks.context import Context

    context = Context(
        database_urls=urls, broker_url=os.environ.get("CELERY_BROKER_URL", ""), build_seconds=build_seconds
    )
    for name in bench_modules(args.only):
        print(f"Running {name} …", flush=True)
        began = time.monotonic()
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            results.update(module.measure(context))
        except Exception:  # one broken benchmark must not hide the others' figures
            results[name] = {"value": float("nan"), "unit": "", "budget": "runs", "ok": False,
                             "detail": traceback.format_exc()[-3000:]}  # fmt: skip
            print(traceback.format_exc(), file=sys.stderr)
        print(f"  {name}: {time.monotonic() - began:.0f} s", flush=True)

    total = time.monotonic() - started
    results["bench.total"] = {
        "value": round(total), "unit": "s", "budget": f"<= {TOTAL_BUDGET_SECONDS} s", "ok": total <= TOTAL_BUDGET_SECONDS
    }  # fmt: skip
    RESULTS.write_text(
        json.dumps(
            {
                "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "cpus": os.cpu_count(),
                "results": results,
            },
            indent=2,
            default=str,
        )
        + "\n"
    )
    print(table(results))
    print(f"Written to {RESULTS.relative_to(ROOT)}.")
    return 0 if all(result["ok"] for result in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
