"""The architecture's import contracts (`.importlinter`) hold, and the app-boundary contract refuses what
it should: run on the real code, and on its rule for single imports."""

import subprocess
import sys
from pathlib import Path

from scripts.import_contracts import allowed

ROOT = Path(__file__).resolve().parent.parent


def test_the_portal_keeps_every_import_contract():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout[-3000:]
    report = " ".join(result.stdout.split())  # lines wrapped at the terminal's width
    for name in (
        "Apps read each other only through selectors and services",
        "No app imports evaluation",
        "The core app imports no feature app",
    ):
        assert f"{name}" in report


def test_another_app_is_read_through_its_selectors_and_services_only():
    assert allowed("evaluation.views.people", "careplans.selectors")
    assert allowed("evaluation.imports.selectors", "careplans.selectors.caseload")
    assert allowed("college.services.offers", "teams.services")
    assert not allowed("evaluation.views.feedback", "teams.models")
    assert not allowed("college.admin", "workstreams.admin")
    assert not allowed("evaluation.figures.workstreams", "workstreams.progress")
    assert not allowed("careplans.views.people", "teams")


def test_the_exceptions_are_narrow():
    # Foreign keys: models and migrations may name another app's models, and nothing else may.
    assert allowed("careplans.models.people", "teams.models")
    assert allowed("careplans.migrations.0001_initial", "teams.models")
    assert not allowed("careplans.selectors.people", "teams.models")
    # The role sets live in teams.policy (STYLE); permission predicates build on each other.
    assert allowed("careplans.rules", "teams.policy")
    assert allowed("evaluation.dashboards.rules", "workstreams.rules")
    assert not allowed("evaluation.views.people", "workstreams.rules")
    # Demo data builds on the demo data of the apps below it.
    assert allowed("teams.demo", "workstreams.demo")
    assert not allowed("teams.views.plans", "workstreams.demo")
