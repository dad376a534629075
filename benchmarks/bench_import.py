"""Rows per second of the return importer against django-import-export, on the same rows and tables, from
a CSV and from an XLSX file.

Builds a small Trust of its own (teams, and people on their caseloads), generates a deterministic file of
PROM returns (CSV, and the same rows as an XLSX typed as Excel types them), and imports it in
transactions that are rolled back; the Trust is deleted at the end. Each importer is timed through its
whole flow with a confirmation step, as a person uses it:

- the portal: the file staged, read, checked and scored once (the background job's work, as a worker
  does it), the report for the preview, then **Import** (the returns kept from the check, re-checked for
  what may have changed since and written);
- django-import-export: a ``ModelResource`` for ``PromReturn`` (bulk mode, no per-row lookups, the same
  scoring) run as its admin runs it: a dry run for the confirmation page, then the file read and
  imported again.

Each importer runs ``ROUNDS`` times per format, taking turns, each into the returns table as it was
before the runs (the rows of each run rolled back and vacuumed); the medians are compared. The budgets
(ARCHITECTURE §7, ADR 0029): the portal is at least 15 times faster for both formats, and a 100,000-row
XLSX file takes at most 10 seconds from upload to imported.

    python benchmarks/bench_import.py --rows 100000     # against the database in DATABASE_URL

``measure(context)`` is the entry point of ``make bench``; ``context`` may give ``rows``.
"""

import argparse
import io
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROWS = 100_000
RATIO_BUDGET = 15.0
SECONDS_BUDGET = 10.0  # the whole XLSX import of 100,000 rows; scaled for other sizes
RETURNS_PER_PERSON = 5
TEAMS = 12
SEED = 2026
WARM_UP_ROWS = 500
ROUNDS = 5
FORMATS = ("csv", "xlsx")
# Share of rows per measure, roughly as the Trust collects them.
MIX = [("SWEMWBS", 40), ("REQOL10", 20), ("WEMWBS", 15), ("QPR15", 15), ("DIALOG", 10)]


def _django() -> None:
    import django
    from django.apps import apps

    if not apps.ready:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery_portal.settings.local")
        django.setup()


@dataclass
class BenchTrust:
    user: object
    team_slugs: list[str]
    nhs_numbers: list[str]
    made: list = field(default_factory=list)  # querysets of what build_trust made, to delete in order


def _nhs_numbers(count: int, taken: set[str]) -> list[str]:
    from recovery_portal.nhs_number import nhs_number_check_digit

    found, seed = [], 0
    while len(found) < count:
        first_nine = f"{600000000 + seed * 37:09d}"
        seed += 1
        check = nhs_number_check_digit(first_nine)
        number = f"{first_nine}{check}"
        if check is not None and number not in taken:
            found.append(number)
    return found


def build_trust(rows: int) -> BenchTrust:
    """Teams, people on their current caseloads, and an evaluation team member to import."""
    from django.contrib.auth.models import Group

    from careplans.models import CaseloadEntry, ServiceUser
    from recovery_portal.models import User
    from recovery_portal.roles import TrustRole
    from teams.models import Division, ServiceType, Team
    from workstreams.models import SteeringGroup

    user = User.objects.create(username="bench-import-evaluation", first_name="Bench", last_name="Importer")
    group, _ = Group.objects.get_or_create(name=TrustRole.EVALUATION_TEAM)
    user.groups.add(group)
    steering_group = SteeringGroup.objects.order_by("pk").first() or SteeringGroup.objects.create(
        name="Bench steering group", slug="bench-import-steering", level="trust"
    )
    division = Division.objects.create(
        name="Bench division", slug="bench-import-division", steering_group=steering_group
    )
    teams = Team.objects.bulk_create(
        Team(
            name=f"Bench team {n}",
            slug=f"bench-import-team-{n}",
            division=division,
            service_type=ServiceType.ADULT_COMMUNITY,
        )
        for n in range(TEAMS)
    )
    people_count = max(1, rows // RETURNS_PER_PERSON)
    taken = set(ServiceUser.objects.values_list("nhs_number", flat=True))
    numbers = _nhs_numbers(people_count, taken)
    people = ServiceUser.objects.bulk_create(
        (
            ServiceUser(
                given_name="Bench",
                family_name=f"Person {n}",
                date_of_birth=date(1980, 1, 1),
                nhs_number=number,
            )
            for n, number in enumerate(numbers)
        ),
        batch_size=5000,
    )
    CaseloadEntry.objects.bulk_create(
        (
            CaseloadEntry(person=person, team=teams[n % TEAMS], start_date=date(2023, 4, 1))
            for n, person in enumerate(people)
        ),
        batch_size=5000,
    )
    people_ids = [person.pk for person in people]
    made = [
        CaseloadEntry.objects.filter(person_id__in=people_ids),
        ServiceUser.objects.filter(pk__in=people_ids),
        Team.objects.filter(division=division),
        Division.objects.filter(pk=division.pk),
    ]
    if steering_group.slug == "bench-import-steering":
        made.append(SteeringGroup.objects.filter(pk=steering_group.pk))
    made.append(User.objects.filter(pk=user.pk))
    return BenchTrust(user, [team.slug for team in teams], numbers, made)


def remove_trust(trust: BenchTrust) -> None:
    """Delete what ``build_trust`` made, so the database is left as found."""
    from django.db import transaction

    with transaction.atomic():
        for queryset in trust.made:
            queryset.delete()


def clear_dead_rows() -> None:
    """VACUUM the tables an import writes. Each run is rolled back, but its rows stay in the tables and
    their indexes as dead versions until vacuumed: without this, every later run's uniqueness checks
    and look-ups of stored returns would visit all the earlier runs' copies of the same rows, which no
    real import meets (the portal's runs slowed from 2.5 s to 3.2 s over five rounds)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM evaluation_promreturn, evaluation_premreturn, evaluation_returnimport")


def generate_csv(trust: BenchTrust, rows: int, seed: int = SEED) -> bytes:
    """One row per return, deterministic for a seed: each person's returns a month apart."""
    from evaluation.imports.columns import HEADER
    from evaluation.scoring import rule_for

    rng = random.Random(seed)
    codes = [code for code, weight in MIX for _ in range(weight)]
    people = len(trust.nhs_numbers)
    out = io.StringIO()
    out.write(",".join(HEADER) + "\n")
    blank_tail = ["" for _ in HEADER]
    item_start = HEADER.index("item_1")
    base = date(2024, 4, 1)
    for n in range(rows):
        person, visit = n % people, n // people
        code = rng.choice(codes)
        rule = rule_for(code)
        cells = list(blank_tail)
        cells[0] = code
        cells[1] = trust.nhs_numbers[person]
        cells[2] = trust.team_slugs[person % TEAMS]
        cells[3] = (base + timedelta(days=30 * visit + person % 28)).isoformat()
        cells[4] = "baseline" if visit == 0 else "review"
        cells[5] = "peer_worker"
        for item in range(rule.items):
            cells[item_start + item] = str(rng.randint(rule.low, rule.high))
        if code == "REQOL10" and rng.random() > 0.02:
            cells[item_start + 5] = str(rng.randint(0, 1))  # a risk answer on about 2% of ReQoL-10s
        out.write(",".join(cells) + "\n")
    return out.getvalue().encode()


def generate_xlsx(csv_content: bytes) -> bytes:
    """The same rows as an XLSX file, typed as Excel keeps them: dates as dates, answers as numbers."""
    import csv

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Returns")
    rows = csv.reader(io.StringIO(csv_content.decode()))
    sheet.append(next(rows))
    for cells in rows:
        typed = [int(cell) if cell.isdigit() and len(cell) < 3 else (cell or None) for cell in cells]
        typed[3] = date.fromisoformat(cells[3])
        sheet.append(typed)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def run_portal(content: bytes, trust: BenchTrust, kind: str = "csv") -> float:
    """Seconds for the portal's whole import: the upload staged, the file read, checked and scored once
    (the background job's work, garbage collector paused as in a worker), the report read as the preview
    reads it, then the Import button, which re-checks what may have changed since (caseloads, returns
    stored meanwhile) and writes the returns kept from that reading."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from evaluation.imports import services, staging
    from evaluation.imports.selectors import import_scope

    user = trust.user
    started = time.perf_counter()
    staged, _content = staging.stage(upload=SimpleUploadedFile(f"bench.{kind}", content), user=user)
    staging.save_progress(staged, state=staging.QUEUED)
    services.staged_file_check_job(user_id=user.pk, sha256=staged.sha256, in_worker=True)
    report = staging.staged_for(user=user, sha256=staged.sha256)[1]
    if report["problems"]:
        raise RuntimeError(f"the benchmark file has problems: {report['problems'][:3]}")
    result = services.staged_returns_import(
        checked=staging.staged_checked(staged),
        scope=import_scope(user=user),
        file_name=staged.file_name,
        sha256=staged.sha256,
        by=user,
    )
    staging.discard(staged)
    seconds = time.perf_counter() - started
    if result.return_import is None:
        raise RuntimeError(f"the benchmark file has problems: {result.outcome.problems[:3]}")
    return seconds


def import_export_resource(trust: BenchTrust):
    """A ``ModelResource`` for ``PromReturn`` configured for speed, so the comparison is fair: bulk
    inserts in batches, no lookup of an existing instance per row, no diffs, and foreign keys found in
    dictionaries fetched once rather than with a query per cell."""
    from import_export import fields, resources, widgets

    from careplans.models import ServiceUser
    from evaluation.imports.validation import prom_score_fields
    from evaluation.models import Completion, Instrument, PromReturn, ReturnImport
    from teams.models import Team

    class CachedForeignKeyWidget(widgets.ForeignKeyWidget):
        def __init__(self, model, field, cache):
            super().__init__(model, field)
            self.cache = cache

        def clean(self, value, row=None, **kwargs):
            return self.cache[value] if value else None

    people = {
        p.nhs_number: p
        for p in ServiceUser.objects.filter(nhs_number__in=trust.nhs_numbers).only("pk", "nhs_number")
    }
    teams = {t.slug: t for t in Team.objects.filter(slug__in=trust.team_slugs).only("pk", "slug")}
    instruments = {i.code: i for i in Instrument.objects.all()}
    return_import = ReturnImport.objects.create(
        file_name="bench.csv", sha256="1" * 64, kind="csv", imported_by=trust.user
    )

    class PromReturnResource(resources.ModelResource):
        person = fields.Field(
            attribute="person",
            column_name="nhs_number",
            widget=CachedForeignKeyWidget(ServiceUser, "nhs_number", people),
        )
        team = fields.Field(
            attribute="team", column_name="team_code", widget=CachedForeignKeyWidget(Team, "slug", teams)
        )
        instrument = fields.Field(
            attribute="instrument",
            column_name="instrument",
            widget=CachedForeignKeyWidget(Instrument, "code", instruments),
        )
        completed_on = fields.Field(
            attribute="completed_on", column_name="completed_on", widget=widgets.DateWidget("%Y-%m-%d")
        )
        timepoint = fields.Field(attribute="timepoint", column_name="timepoint")
        context = fields.Field(attribute="context", column_name="context")
        answers = fields.Field(attribute="answers", column_name="answers", widget=widgets.SimpleArrayWidget())

        class Meta:
            model = PromReturn
            fields = ("person", "team", "instrument", "completed_on", "timepoint", "context", "answers")
            import_id_fields = ("person", "instrument", "completed_on", "timepoint")
            use_bulk = True
            batch_size = 5000
            force_init_instance = True
            skip_diff = True
            skip_unchanged = False
            clean_model_instances = False
            report_skipped = False

        def before_import_row(self, row, **kwargs):
            # The answers are item columns in the file; the model keeps them as one list.
            # (An XLSX file gives numbers, a CSV file text.)
            cells = (row[f"item_{n}"] for n in range(1, 16))
            row["answers"] = ",".join(str(cell) for cell in cells if cell not in ("", None))

        def before_save_instance(self, instance, row, **kwargs):
            instance.answers = [int(value) for value in instance.answers]
            for name, value in prom_score_fields(instance.instrument.code, instance.answers).items():
                setattr(instance, name, value)
            instance.completion = Completion.IMPORTED
            instance.entered_by = trust.user
            instance.return_import = return_import

    return PromReturnResource()


def run_import_export(content: bytes, trust: BenchTrust, kind: str = "csv") -> float:
    """Seconds for django-import-export's flow: the file read and imported as a dry run (its
    confirmation page), then read and imported again for real (its confirm step)."""
    import tablib

    started = time.perf_counter()
    resource = import_export_resource(trust)
    for dry_run in (True, False):
        source = content if kind == "xlsx" else content.decode("utf-8-sig")
        dataset = tablib.Dataset().load(source, format=kind)
        result = resource.import_data(dataset, dry_run=dry_run, raise_errors=True, use_transactions=True)
        if result.has_errors() or result.has_validation_errors():
            raise RuntimeError("django-import-export reported errors on the benchmark file")
    return time.perf_counter() - started


def _seconds(times: list[float]) -> str:
    return ", ".join(f"{seconds:.2f} s" for seconds in times)


def _rows_from(context) -> int:
    if isinstance(context, Mapping):
        return int(context.get("rows", ROWS))
    return int(getattr(context, "rows", ROWS) or ROWS)


def measure(context=None) -> dict[str, dict]:
    """Both rates, their ratio and the portal's time, measured in one run; the database is left as found
    (but vacuumed)."""
    _django()
    from django.conf import settings

    # As in production: with DEBUG on, Django would also keep the text of every query in memory.
    settings.DEBUG = False
    import tablib  # noqa: F401  (imported before the clocks start, like the portal's modules)
    from django.db import connection, transaction
    from import_export import resources  # noqa: F401

    from evaluation.imports import services  # noqa: F401
    from evaluation.models import PromReturn

    rows = _rows_from(context)
    media = tempfile.mkdtemp(prefix="bench-import-media-")
    settings.MEDIA_ROOT = media  # the staged files, deleted at the end
    # The Trust is committed, so that the table can be vacuumed between runs (``clear_dead_rows``),
    # and deleted at the end; every run is rolled back.
    with transaction.atomic():
        trust = build_trust(rows)
    try:
        # The Trust's tables are analysed in production; the planner would otherwise guess either
        # importer's look-ups from statistics that do not know the Trust just made.
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE careplans_serviceuser, careplans_caseloadentry, teams_team, evaluation_promreturn"
            )
        csv_content = generate_csv(trust, rows)
        files = {"csv": csv_content, "xlsx": generate_xlsx(csv_content)}
        # Warm-up, not timed: each importer once per format on the first rows, so that neither pays
        # for first-use costs (the URL configuration, compiled expressions, the first COPY) inside
        # its measurement.
        sample = b"\n".join(csv_content.split(b"\n")[:WARM_UP_ROWS]) + b"\n"
        samples = {"csv": sample, "xlsx": generate_xlsx(sample)}
        for kind in FORMATS:
            for warm_up in (run_portal, run_import_export):
                with transaction.atomic():
                    warm_up(samples[kind], trust, kind)
                    transaction.set_rollback(True)
        # Each importer ROUNDS times per format, taking turns so that both see the same machine load;
        # the medians are compared. Every run is rolled back and its dead rows vacuumed, so each
        # writes into the table as it was before the runs.
        times = {(who, kind): [] for who in ("portal", "other") for kind in FORMATS}
        written = 0
        for _ in range(ROUNDS):
            for kind in FORMATS:
                clear_dead_rows()
                with transaction.atomic():
                    times[("portal", kind)].append(run_portal(files[kind], trust, kind))
                    written = PromReturn.objects.filter(person__nhs_number__in=trust.nhs_numbers[:1]).count()
                    transaction.set_rollback(True)
                clear_dead_rows()
                with transaction.atomic():
                    times[("other", kind)].append(run_import_export(files[kind], trust, kind))
                    transaction.set_rollback(True)
    finally:
        shutil.rmtree(media, ignore_errors=True)
        remove_trust(trust)
        clear_dead_rows()
    if not written:
        raise RuntimeError("the portal's importer wrote nothing")
    results: dict[str, dict] = {}
    for kind in FORMATS:
        portal_seconds = statistics.median(times[("portal", kind)])
        other_seconds = statistics.median(times[("other", kind)])
        portal_rate, other_rate = rows / portal_seconds, rows / other_seconds
        ratio = portal_rate / other_rate
        results[f"import.{kind}.rows_per_second"] = {
            "value": round(portal_rate, 1),
            "unit": "rows/s",
            "budget": f">= {RATIO_BUDGET:g}x django-import-export",
            "ok": ratio >= RATIO_BUDGET,
            "detail": f"median of {ROUNDS} runs of {rows:,} rows, upload to imported: "
            + _seconds(times[("portal", kind)]),
        }
        results[f"import.{kind}.import_export_rows_per_second"] = {
            "value": round(other_rate, 1),
            "unit": "rows/s",
            "budget": "reference (django-import-export, bulk mode, dry run then import)",
            "ok": True,
            "detail": f"median of {ROUNDS} runs, taking turns with the portal's: "
            + _seconds(times[("other", kind)]),
        }
        results[f"import.{kind}.ratio"] = {
            "value": round(ratio, 2),
            "unit": "x",
            "budget": f">= {RATIO_BUDGET:g}",
            "ok": ratio >= RATIO_BUDGET,
        }
    seconds_budget = SECONDS_BUDGET * max(rows, 1) / ROWS
    xlsx_seconds = statistics.median(times[("portal", "xlsx")])
    results["import.xlsx.seconds"] = {
        "value": round(xlsx_seconds, 2),
        "unit": "s",
        "budget": f"<= {seconds_budget:g} s for {rows:,} rows",
        "ok": xlsx_seconds <= seconds_budget,
    }
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows", type=int, default=ROWS, help=f"returns in the generated file (default {ROWS:,})"
    )
    args = parser.parse_args(argv)
    results = measure({"rows": args.rows})
    for name, figure in results.items():
        status = "ok" if figure["ok"] else "OVER BUDGET"
        sys.stdout.write(
            f"{name}: {figure['value']:,} {figure['unit']} (budget {figure['budget']}) {status}\n"
        )
        if figure.get("detail"):
            sys.stdout.write(f"    {figure['detail']}\n")
    return 0 if all(figure["ok"] for figure in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
