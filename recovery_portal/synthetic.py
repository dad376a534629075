"""What every app's ``dataset.py`` shares: the scales, the generation context and fast bulk inserts.

``manage.py generate_dataset`` calls ``generate(data)`` of each project app's ``dataset`` module, in
INSTALLED_APPS order, inside one transaction. A generator:

- reads its sizes from ``data.scale`` and draws every choice from ``data.random(<app label>)``, so the
  same scale always gives the same rows;
- writes with ``data.bulk(objects)`` (``bulk_create`` in large batches), never one save per row;
- leaves in ``data.shared`` what later apps build on (see ``SHARED`` below), and returns its row
  counts, ``{"app.Model": rows}``, which the command prints.

Dates are fixed relative to the start of the current financial year (``data.anchor``), so the data is
"current" whenever it is generated and identical between runs in the same year.
"""

import io
import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection, models
from django.utils import timezone

from .financial_year import FinancialYear

SEED = 20260401

# Keys of ``Generation.shared`` that one app's generator leaves for the next ones.
SHARED = {
    "service_group_ids": "workstreams: ids of the service-specific steering groups",
    "workstream_ids": "workstreams: ids of the workstreams",
    "clinical_team_ids": "teams: ids of the clinical teams",
    "team_staff": "teams: {team id: {'manager': user id, 'clinicians': [ids], 'peer_workers': [ids]}}",
    "caseload": "careplans: [(person id, team id, first day on the caseload)] of people on a caseload now",
    "college_staff_ids": "college: ids of the college team and trainers",
}


@dataclass(frozen=True)
class Scale:
    name: str
    teams: int  # clinical teams; a few non-clinical ones come on top
    staff_per_team: int
    people_per_team: int  # people on each clinical team's caseload now
    plan_versions: int  # saved versions of people's plans, in all
    enrolments: int
    returns: int  # PROM and PREM returns (evaluation/dataset.py)
    goals_per_workstream: int
    actions_per_goal: int
    loadtest_users: int  # load-test staff and students, each with the known password


SCALES = {
    # About a tenth of a big Trust: quick enough for tests and for growth ratios.
    "small": Scale("small", 30, 8, 200, 15_000, 4_000, 60_000, 3, 4, 10),
    # A big Trust (ARCHITECTURE §7): ~300 teams, ~60,000 people on caseloads, ~150,000 plan versions,
    # ~40,000 college enrolments, ~600,000 PROM/PREM returns.
    "large": Scale("large", 300, 10, 200, 150_000, 40_000, 600_000, 10, 20, 50),
}

LOADTEST_PREFIX = "loadtest-"


@dataclass
class Generation:
    scale: Scale
    loadtest_password_hash: str
    anchor: date = field(default_factory=lambda: FinancialYear.current().start)
    shared: dict[str, Any] = field(default_factory=dict)

    def random(self, label: str) -> random.Random:
        """The random source of one generator: the same sequence on every run."""
        return random.Random(f"{SEED}:{self.scale.name}:{label}")  # noqa: S311 (synthetic data)

    def day(self, offset_days: int) -> date:
        return self.anchor + timedelta(days=offset_days)

    def moment(self, offset_days: int, hour: int = 10) -> datetime:
        """A fixed time of day, ``offset_days`` from the anchor, in the portal's time zone."""
        return timezone.make_aware(datetime.combine(self.day(offset_days), time(hour)))

    @property
    def today_offset(self) -> int:
        return (timezone.localdate() - self.anchor).days

    def bulk(self, objects: list[models.Model], *, batch_size: int = 5000) -> list[models.Model]:
        """Insert ``objects`` in batches; on PostgreSQL each comes back with its primary key."""
        if not objects:
            return objects
        return type(objects[0]).objects.bulk_create(objects, batch_size=batch_size)


def _copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dict | list):
        value = json.dumps(value)
    elif isinstance(value, date | datetime):
        value = value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _column_defaults(model: type[models.Model]) -> dict[str, Any]:
    now = timezone.now()
    defaults = {}
    for column in model._meta.local_concrete_fields:
        if column.primary_key:
            continue
        if getattr(column, "auto_now", False) or getattr(column, "auto_now_add", False):
            defaults[column.attname] = now
        elif column.has_default():
            defaults[column.attname] = column.get_default()
        elif column.null:
            defaults[column.attname] = None
        elif column.empty_strings_allowed and not column.is_relation:
            defaults[column.attname] = ""  # blank text, as Django stores it
    return defaults


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> list[int]:
    """Insert plain rows (``{attname: value}``, defaults filled in) and return their new ids in order.

    On PostgreSQL the ids are reserved from the table's sequence and the rows go in with one COPY, many
    times faster than ``bulk_create`` at Trust scale; elsewhere it falls back to ``bulk_create``.
    """
    if not rows:
        return []
    defaults = _column_defaults(model)
    if connection.vendor != "postgresql":
        made = model.objects.bulk_create([model(**{**defaults, **row}) for row in rows], batch_size=2000)
        return [obj.pk for obj in made]
    table = model._meta.db_table
    columns = [column for column in model._meta.local_concrete_fields if not column.primary_key]
    names = [column.attname for column in columns]
    missing = {name for name in names if name not in defaults} - set(rows[0])
    if missing:
        raise ValueError(f"{model._meta.label}: no value or default for {sorted(missing)}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        (sequence,) = cursor.fetchone()
        # Reserve a block of ids: nextval gives the first, setval moves the sequence past the last.
        cursor.execute("SELECT nextval(%s)", [sequence])
        (first,) = cursor.fetchone()
        cursor.execute("SELECT setval(%s, %s)", [sequence, first + len(rows) - 1])
        ids = list(range(first, first + len(rows)))
        buffer = io.StringIO()
        for pk, row in zip(ids, rows, strict=True):
            merged = defaults | row
            buffer.write("\t".join([str(pk), *(_copy_text(merged[name]) for name in names)]) + "\n")
        buffer.seek(0)
        column_list = ", ".join(['"id"', *(f'"{column.column}"' for column in columns)])
        cursor.cursor.copy_expert(f'COPY "{table}" ({column_list}) FROM STDIN', buffer)
    return ids


def count(objects: list[models.Model]) -> dict[str, int]:
    return {objects[0]._meta.label: len(objects)} if objects else {}


GIVEN_NAMES = (
    "Aisha Ben Chloe Dev Ella Femi Grace Harry Imran Jade Kofi Lily Marek Nina Owen Priya Rhys Sana Tom Una "
    "Vik Wendy Yusuf Zoe Amir Beth Callum Dana Eamon Fatima Gareth Hana Ivan Jess Kieran Leah Mo Niamh Olu Pete"
).split()
FAMILY_NAMES = (
    "Adams Bell Carter Dixon Evans Foster Gill Hart Iqbal Jones Khan Lowe Mason Nolan Owens Patel Reid Shaw "
    "Turner Walsh Ahmed Brown Clarke Davies Edwards Fisher Green Hughes Jackson Kaur Lewis Moore Nash Price"
).split()


def users(
    data: Generation,
    rng: random.Random,
    *,
    prefix: str,
    number: int,
    kind: str = "staff",
    job_title: str = "",
    loadtest: bool = False,
) -> list:
    """``number`` accounts named ``<prefix>00001``…, with no usable password unless ``loadtest``."""
    from .models import User

    password = data.loadtest_password_hash if loadtest else "!synthetic-account-no-password"
    width = 2 if loadtest else 5
    accounts = []
    for index in range(1, number + 1):
        first, last = rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)
        username = f"{LOADTEST_PREFIX if loadtest else ''}{prefix}{index:0{width}d}"
        accounts.append(
            User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@synthetic.example.nhs.uk",
                kind=kind,
                job_title=job_title,
                password=password,
            )
        )
    return data.bulk(accounts)
