"""Who writes plans, keeps caseloads, enters returns or agrees a Team Recovery Plan is defined once, in
``teams/policy.py``: no rule, view, selector or service names a role by its stored value, and none outside the
policy picks out team roles one by one.
"""

import ast
from pathlib import Path

from recovery_portal.roles import TrustRole
from teams.models import TeamRole

ROOT = Path(__file__).resolve().parent.parent
APPS = ("recovery_portal", "workstreams", "teams", "careplans", "college", "evaluation")
# Where roles themselves are defined, and the one place that groups them into role sets.
DEFINED_IN = {"teams/models/structure.py", "teams/policy.py", "recovery_portal/roles.py"}
# Demonstration and synthetic data cast people in roles; they decide nothing.
CASTING = ("demo", "dataset", "synthetic")
ROLE_VALUES = set(TeamRole.values) | {str(role) for role in TrustRole}


def _code_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/tests/" in relative or "/migrations/" in relative or relative in DEFINED_IN:
                continue
            if any(word in path.stem for word in CASTING):
                continue
            yield relative, ast.parse(path.read_text(), filename=relative)


def _role_literals(tree):
    """Role values written as strings where a decision is made: compared, collected into a set, or passed
    as ``role=``/``role__in=`` to a query."""
    found = []
    for node in ast.walk(tree):
        candidates = []
        if isinstance(node, ast.Compare):
            candidates = [node.left, *node.comparators]
        elif isinstance(node, ast.Set):
            candidates = node.elts
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in ("frozenset", "set"):
                candidates = [
                    elt
                    for arg in node.args
                    if isinstance(arg, ast.List | ast.Tuple | ast.Set)
                    for elt in arg.elts
                ]
            candidates += [
                kw.value for kw in node.keywords if kw.arg and kw.arg.split("__")[-1] in ("role", "in")
            ]
        found += [
            (node.lineno, c.value)
            for c in candidates
            if isinstance(c, ast.Constant) and isinstance(c.value, str) and c.value in ROLE_VALUES
        ]
    return found


def _single_team_roles(tree):
    """``TeamRole.CLINICIAN`` and the like, picked out one by one to decide who may do what."""
    return [
        (node.lineno, node.attr)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "TeamRole"
        and node.attr in TeamRole.names
    ]


def test_no_role_is_named_by_its_stored_value_outside_the_policy():
    offences = {path: found for path, tree in _code_files() if (found := _role_literals(tree))}
    assert offences == {}


def test_no_rule_view_selector_or_service_picks_team_roles_one_by_one():
    deciding = ("rules.py", "/views", "/services", "/selectors", "/imports/")
    offences = {
        path: found
        for path, tree in _code_files()
        if any(part in path for part in deciding)
        # The team page lists every role under its heading: a label for each, not a decision.
        and path != "teams/selectors/structure.py"
        and (found := _single_team_roles(tree))
    }
    assert offences == {}


def test_the_scan_finds_a_role_literal_where_one_is_written():
    tree = ast.parse(
        'if group.role == "team_manager":\n    pass\nWRITERS = {"clinician", "peer_support_worker"}'
    )
    assert [value for _, value in _role_literals(tree)] == [
        "team_manager",
        "clinician",
        "peer_support_worker",
    ]
