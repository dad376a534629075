"""``manage.py generate_dataset --scale {small,large}``: a synthetic Trust for benchmarks.

Each project app may have a ``dataset.py`` with ``generate(data: recovery_portal.synthetic.Generation)
-> dict[str, int]``; they run in INSTALLED_APPS order inside one transaction. The data is
deterministic (fixed seed) and goes into an empty database (migrated, with nothing but reference
data). Accounts get no usable password except the load-test accounts (``loadtest-…``), which share
``LOADTEST_PASSWORD``. Refuses to run with DEBUG off unless ``--force``, so that a deployment never
gains accounts with a published password by accident.
"""

import importlib
import importlib.util
import time
from types import ModuleType

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from recovery_portal.management.commands.seed_demo import _is_project_app
from recovery_portal.synthetic import SCALES, Generation

# Reference data that migrations load; reloaded (idempotently) in case a test emptied the database.
REFERENCE_DATA = [
    ("recovery_portal", "0003_trust_role_groups", "create_groups"),
    ("workstreams", "0002_reference_data", "load"),
]


def dataset_modules() -> list[ModuleType]:
    """The ``dataset`` modules of the project's own apps, in INSTALLED_APPS order."""
    modules = []
    for app_config in apps.get_app_configs():
        if not _is_project_app(app_config):
            continue
        name = f"{app_config.name}.dataset"
        if importlib.util.find_spec(name) is not None:
            modules.append(importlib.import_module(name))
    return modules


class Command(BaseCommand):
    help = "Generate a deterministic synthetic Trust at the given scale into an empty database (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), required=True)
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never on a live database)."
        )

    def handle(self, *args, scale, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "generate_dataset creates accounts with a published password, so it runs only with DEBUG=true "
                "(or --force, on a database that is not a live one)."
            )
        # By label, not by import: the core app depends on no feature app (ARCHITECTURE section 2).
        if apps.get_model("teams", "Team").objects.exists():
            raise CommandError("The database already has teams: generate the dataset into an empty database.")
        data = Generation(
            scale=SCALES[scale], loadtest_password_hash=make_password(settings.LOADTEST_PASSWORD)
        )
        started = time.monotonic()
        totals: dict[str, int] = {}
        with transaction.atomic():
            for app, migration, loader in REFERENCE_DATA:
                getattr(importlib.import_module(f"{app}.migrations.{migration}"), loader)(apps, None)
            for module in dataset_modules():
                began = time.monotonic()
                counts = module.generate(data)
                for label, rows in counts.items():
                    totals[label] = totals.get(label, 0) + rows
                self.stdout.write(
                    f"{module.__name__}: {sum(counts.values()):,} rows in {time.monotonic() - began:.1f} s"
                )
        if connection.vendor == "postgresql":
            # Fresh statistics, so the planner sees the real sizes straight away, and the visibility map a
            # live database's autovacuum keeps (index-only scans need it), which rows just loaded lack.
            with connection.cursor() as cursor:
                # VACUUM cannot run inside a transaction (as under the tests): statistics alone there.
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        for label, rows in sorted(totals.items()):
            self.stdout.write(f"  {label}: {rows:,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated the {scale} dataset: {sum(totals.values()):,} rows in {time.monotonic() - started:.0f} s."
            )
        )
