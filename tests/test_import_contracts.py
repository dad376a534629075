"""The architecture's import contracts (`.importlinter`) hold, and the app-boundary contract refuses what
it should: run on the real code, and on its rule for single imports."""

import subprocess
import sys
from pathlib import Path

import grimp
import pytest
from importlinter.domain.contract import InvalidContractOptions

from scripts.import_contracts import AppBoundaryContract, allowed

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


def _boundaries(**options) -> AppBoundaryContract:
    return AppBoundaryContract(
        name="boundaries", session_options={}, contract_options={"apps": ["teams", "careplans"], **options}
    )


def _graph(*imports: tuple[str, str, int]) -> grimp.ImportGraph:
    """A graph of just these imports (importer, imported, line), with every package above each module."""
    graph = grimp.ImportGraph()
    for module in {module for found in imports for module in found[:2]}:
        parts = module.split(".")
        for depth in range(1, len(parts) + 1):
            graph.add_module(".".join(parts[:depth]))
    for importer, imported, line in imports:
        graph.add_import(importer=importer, imported=imported, line_number=line, line_contents="import")
    return graph


def test_a_read_past_the_selectors_breaks_the_contract_where_it_is_written():
    graph = _graph(
        ("careplans.selectors.people", "teams.selectors", 3),
        ("careplans.services.people", "teams.models", 11),
    )

    check = _boundaries().check(graph, verbose=False)

    assert not check.kept
    assert check.metadata["broken"] == [("careplans.services.people", "teams.models", [11])]


def test_reads_through_selectors_foreign_keys_and_tests_keep_the_contract():
    graph = _graph(
        ("careplans.views.people", "teams.selectors", 17),
        ("careplans.models.people", "teams.models", 14),
        ("careplans.tests.test_people", "teams.models", 5),
    )

    assert _boundaries().check(graph, verbose=False).kept


def test_the_contract_keeps_no_list_of_tolerated_exceptions():
    with pytest.raises(InvalidContractOptions):
        _boundaries(known=["careplans.services.people -> teams.models"])
