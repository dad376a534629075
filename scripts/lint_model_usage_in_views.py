#!/usr/bin/env python
"""Fail when a view module reaches a personal-data model other than through ``visible_to``.

Personal-data models mix in ``recovery_portal.access.PersonalData``. In any ``views.py``,
``views/*.py`` or ``*_views.py``, these are refused for such a model (ADR 0002):
  - ``Model.objects`` (or ``_default_manager`` / ``_base_manager``) unless followed by ``.visible_to(``;
  - ``get_object_or_404(Model, ...)`` and ``get_list_or_404(Model, ...)``.
Usage: python scripts/lint_model_usage_in_views.py [paths...]  (default: the project's apps)
"""

import ast
import os
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["recovery_portal", "workstreams", "teams", "careplans", "college", "evaluation", "identity"]
MANAGERS = {"objects", "_default_manager", "_base_manager"}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}


def personal_data_models() -> set[str]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery_portal.settings.local")
    import django

    django.setup()
    from django.apps import apps

    from recovery_portal.access import PersonalData

    return {model.__name__ for model in apps.get_models() if issubclass(model, PersonalData)}


def view_modules(paths: Iterable[Path]) -> list[Path]:
    found = []
    for base in paths:
        candidates = [base] if base.is_file() else base.rglob("*.py")
        for path in candidates:
            parts = path.parts
            if "tests" in parts or "migrations" in parts:
                continue
            if path.name == "views.py" or path.name.endswith("_views.py") or "views" in parts[:-1]:
                found.append(path)
    return sorted(found)


class _Finder(ast.NodeVisitor):
    def __init__(self, models: set[str]) -> None:
        self.models = models
        self.problems: list[tuple[int, str]] = []
        self._allowed: set[int] = set()

    def visit_Attribute(self, node: ast.Attribute) -> None:
        # `Model.objects.visible_to(...)` is the sanctioned way in: remember its inner node.
        if node.attr == "visible_to" and isinstance(node.value, ast.Attribute):
            self._allowed.add(id(node.value))
        if (
            node.attr in MANAGERS
            and isinstance(node.value, ast.Name)
            and node.value.id in self.models
            and id(node) not in self._allowed
        ):
            self.problems.append(
                (node.lineno, f"{node.value.id}.{node.attr} used directly; use a visible_to(user) queryset")
            )
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        first = node.args[0] if node.args else None
        if name in SHORTCUTS and isinstance(first, ast.Name) and first.id in self.models:
            self.problems.append(
                (node.lineno, f"{name}({first.id}, ...) bypasses scoping; use get_visible_or_404")
            )
        self.generic_visit(node)


def check_source(source: str, filename: str, models: set[str]) -> list[str]:
    """Problems in one module's source, as ``file:line: message`` strings."""
    finder = _Finder(models)
    finder.visit(ast.parse(source, filename=filename))
    return [f"{filename}:{line}: {message}" for line, message in sorted(finder.problems)]


def main(argv: list[str]) -> int:
    paths = [Path(arg).resolve() for arg in argv] or [ROOT / app for app in APPS]
    models = personal_data_models()
    problems = []
    for module in view_modules(paths):
        problems += check_source(module.read_text(), str(module), models)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} unscoped use(s) of personal-data models in views.", file=sys.stderr)
        return 1
    print(f"Scoping lint: {len(models)} personal-data model(s), no unscoped use in views.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
