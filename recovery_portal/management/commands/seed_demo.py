"""``manage.py seed_demo``: the demo Trust with its fixed logins, for trying the portal out.

Each project app may have a ``demo.py`` with ``seed(*, password, stdout)``; they run in INSTALLED_APPS
order (so an app can rely on the apps it depends on having seeded first), inside one transaction.
Every seed keys its rows by natural keys, so running the command again changes nothing.
"""

import importlib
import importlib.util
from pathlib import Path
from types import ModuleType

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


def _is_project_app(app_config) -> bool:
    path = Path(app_config.path).resolve()
    base = Path(settings.BASE_DIR).resolve()
    return path.is_relative_to(base) and "site-packages" not in path.parts


def demo_modules() -> list[ModuleType]:
    """The ``demo`` modules of the project's own apps, in INSTALLED_APPS order."""
    modules = []
    for app_config in apps.get_app_configs():
        if not _is_project_app(app_config):
            continue
        name = f"{app_config.name}.demo"
        if importlib.util.find_spec(name) is not None:
            modules.append(importlib.import_module(name))
    return modules


class Command(BaseCommand):
    help = "Create or refresh the demo Trust and its demo logins (DEBUG only; safe to run again)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with a published password, so it runs only with DEBUG=true."
            )
        with transaction.atomic():
            for module in demo_modules():
                module.seed(password=settings.DEMO_PASSWORD, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("The demo Trust is ready."))
