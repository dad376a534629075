"""Reports readiness as JSON and exits 1 when a checked part is down: the containers' health checks use it."""

import json
import sys

from django.core.management.base import BaseCommand

from recovery_portal.readiness import CHECKS, readiness


class Command(BaseCommand):
    help = "Check the database, Redis, a worker and beat (or the parts named); exit 1 when any is down."

    def add_arguments(self, parser):
        parser.add_argument("parts", nargs="*", choices=sorted(CHECKS), help="Parts to check (default: all).")

    def handle(self, *args, parts, **options):
        answer = readiness(parts or None)
        self.stdout.write(json.dumps(answer))
        if answer["status"] != "ok":
            sys.exit(1)
