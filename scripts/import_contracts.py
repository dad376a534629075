"""The import-linter contract that keeps the apps apart (ARCHITECTURE section 2, `.importlinter`).

A feature app reads another app only through that app's ``selectors`` and ``services``. Besides those:

- an app's ``models`` (and migrations) may name another app's models, for foreign keys;
- ``teams.policy`` holds the Trust's role sets, which every app uses (STYLE: no role strings elsewhere);
- an app's ``rules`` (and ``teams.policy``, whose rules every app asks) may build on another app's
  ``rules`` (the permission predicates);
- the demo and synthetic-data builders (``demo*``, ``dataset``) may build on another app's, as fixtures do.

Tests are left out, as in the other contracts. There is no list of tolerated exceptions: an import that
breaks the rule breaks the contract, and is fixed by reading through the imported app's selectors or
services (ADR 0038).
"""

from importlinter import Contract, ContractCheck, fields, output

PUBLIC = ("selectors", "services")


def _parts(module: str) -> list[str]:
    return module.split(".")


def _is_test(module: str) -> bool:
    return any(part == "tests" or part.startswith("test_") for part in _parts(module))


def allowed(importer: str, imported: str) -> bool:
    importer_parts, imported_parts = _parts(importer), _parts(imported)
    inside = imported_parts[1:]
    if not inside:
        return False  # the app's package itself: its __init__ is not a way in
    if inside[0] in PUBLIC:
        return True
    if imported == f"{imported_parts[0]}.policy":
        return True
    area = importer_parts[1] if len(importer_parts) > 1 else ""
    if inside[0] == "models" and area in ("models", "migrations"):
        return True
    if inside[0] == "rules" and importer_parts[-1] in ("rules", "policy"):
        return True
    building = area.startswith("demo") or area == "dataset"
    return building and (inside[0].startswith("demo") or inside[0] in ("dataset", "models", "reference"))


class AppBoundaryContract(Contract):
    """Direct imports between two of ``apps`` must go through the imported app's selectors or services
    (or one of the exceptions above)."""

    apps = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        apps = set(self.apps)
        broken = []
        for app in sorted(apps):
            for importer in sorted(graph.find_descendants(app) | {app}):
                if _is_test(importer):
                    continue
                for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                    target = imported.split(".")[0]
                    if target in apps and target != app and not allowed(importer, imported):
                        lines = graph.get_import_details(importer=importer, imported=imported)
                        broken.append((importer, imported, [line["line_number"] for line in lines]))
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, imported, lines in check.metadata["broken"]:
            where = ", ".join(f"l.{n}" for n in lines)
            output.print_error(
                f"{importer} -> {imported} ({where}): read it through its selectors or services"
            )
            output.new_line()
