"""Reads of the importer: whose returns a user may import, and the lookups one file needs.

Every lookup is one query (or one per 10,000 keys), whatever the number of rows, so validating a
100,000-row file costs a handful of queries (ADR 0014).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL

from careplans.selectors import caseload_for
from recovery_portal.rules import is_evaluation_team
from teams.selectors import team_queryset

from ..models import Instrument, PremReturn, PromReturn, ReturnImport
from .rules import writer_team_ids

CHUNK = 10_000  # keys per IN (...) list: SQLite allows 32,766 parameters


@dataclass(frozen=True)
class ImportScope:
    """The teams whose current caseloads a user imports for; ``all_teams`` for the evaluation team."""

    team_ids: frozenset[int]
    all_teams: bool

    def covers(self, team_id: int) -> bool:
        return self.all_teams or team_id in self.team_ids


def import_scope(*, user) -> ImportScope:
    if is_evaluation_team(user):
        return ImportScope(frozenset(), all_teams=True)
    return ImportScope(writer_team_ids(user), all_teams=False)


@dataclass(frozen=True)
class TeamRef:
    pk: int
    slug: str
    name: str


@dataclass(frozen=True)
class CaseloadPlace:
    """A person on one team's current caseload, with who works with them there."""

    person_id: int
    care_coordinator_id: int | None
    peer_support_worker_id: int | None


@dataclass
class Lookups:
    """Everything validation needs from the database, fetched before the first row is read."""

    instruments: dict[str, Instrument]
    teams: dict[str, TeamRef]  # by code (slug)
    # NHS number -> team id -> place, for the people on the current caseloads in scope.
    caseload: dict[str, dict[int, CaseloadPlace]]
    nhs_numbers: dict[int, str] = field(default_factory=dict)  # person id -> NHS number


def _chunks(values: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def import_lookups(*, user, scope: ImportScope, named: set[str] | None = None) -> Lookups:
    """Instruments, teams and the caseloads in scope: three queries. Given the NHS numbers a file names
    (``named``, from ``ParsedFile.nhs_numbers``), only those people's caseload places are read: an
    evaluation team member's file would otherwise read every current caseload of the Trust."""
    instruments = {instrument.code: instrument for instrument in Instrument.objects.all()}
    teams = {
        slug: TeamRef(pk, slug, name)
        for pk, slug, name in team_queryset().order_by().values_list("pk", "slug", "name")
    }
    team_ids = {team.pk for team in teams.values()} if scope.all_teams else set(scope.team_ids)
    caseload: dict[str, dict[int, CaseloadPlace]] = {}
    nhs_numbers: dict[int, str] = {}
    if team_ids:
        entries = (
            caseload_for(user=user, team_ids=team_ids)
            .prefetch_related(None)
            .order_by()
            .values_list(
                "person_id", "person__nhs_number", "team_id", "care_coordinator_id", "peer_support_worker_id"
            )
        )
        if named is not None and connection.vendor == "postgresql":
            # (Elsewhere, the embedded database of a demonstration, every place in scope is read.)
            entries = entries.filter(person__nhs_number__in=_array(named, "text"))
        # Fetched whole: a server-side cursor (iterator()) is planned for the first rows and was ~50x slower.
        for person_id, nhs_number, team_id, coordinator_id, peer_worker_id in entries:
            caseload.setdefault(nhs_number, {})[team_id] = CaseloadPlace(
                person_id, coordinator_id, peer_worker_id
            )
            nhs_numbers[person_id] = nhs_number
    return Lookups(instruments, teams, caseload, nhs_numbers)


def on_caseloads(*, user, team_ids: set[int]) -> set[tuple[int, int]]:
    """(person id, team id) for everyone on the current caseloads of ``team_ids`` (one query)."""
    if not team_ids:
        return set()
    entries = caseload_for(user=user, team_ids=team_ids).prefetch_related(None).order_by()
    return set(entries.values_list("person_id", "team_id"))


def caseload_places(
    *, user, team_ids: set[int], person_ids: set[int]
) -> dict[tuple[int, int], CaseloadPlace]:
    """(person id, team id) -> place, for ``person_ids`` on the current caseloads of ``team_ids`` (one
    query)."""
    if not (team_ids and person_ids):
        return {}
    entries = (
        caseload_for(user=user, team_ids=team_ids)
        .filter(person_id__in=person_ids)
        .prefetch_related(None)
        .order_by()
        .values_list("person_id", "team_id", "care_coordinator_id", "peer_support_worker_id")
    )
    return {
        (person_id, team_id): CaseloadPlace(person_id, coordinator_id, peer_worker_id)
        for person_id, team_id, coordinator_id, peer_worker_id in entries
    }


def team_names(*, team_ids: set[int]) -> dict[int, str]:
    return dict(team_queryset().filter(pk__in=team_ids).order_by().values_list("pk", "name"))


def instrument_names() -> dict[int, str]:
    """Instrument id -> its short name, as problems name a measure."""
    return dict(Instrument.objects.values_list("pk", "short_name"))


def existing_prom_keys(
    *, person_ids: set[int], earliest: date, latest: date
) -> set[tuple[int, int, date, str]]:
    """Natural keys (person, instrument, day, timepoint) of returns already stored for these people."""
    returns = PromReturn.objects.filter(completed_on__gte=earliest, completed_on__lte=latest).values_list(
        "person_id", "instrument_id", "completed_on", "timepoint"
    )
    if connection.vendor == "postgresql":
        return set(returns.filter(person_id__in=_array(person_ids, "integer")))
    found = set()
    for chunk in _chunks(sorted(person_ids)):
        found.update(returns.filter(person_id__in=chunk))
    return found


_UNNEST = {"integer": "SELECT unnest(%s::integer[])", "text": "SELECT unnest(%s::text[])"}


def _array(values: set, of: str) -> RawSQL:
    """A whole file's values (ids, or NHS numbers' digits: nothing to quote) as one PostgreSQL array
    parameter: an IN list of 20,000 values took Django and PostgreSQL ~90 ms to prepare and plan, the
    array a few."""
    return RawSQL(_UNNEST[of], ["{" + ",".join(map(str, sorted(values))) + "}"])  # noqa: S611 (constant SQL)


def existing_prem_references(*, team_ids: set[int], references: set[str]) -> set[tuple[int, str]]:
    """(team, source reference) pairs of Friends and Family Test responses already stored."""
    found = set()
    for chunk in _chunks(sorted(references)):
        found.update(
            PremReturn.objects.filter(team_id__in=team_ids, source_reference__in=chunk).values_list(
                "team_id", "source_reference"
            )
        )
    return found


def import_of_file(*, sha256: str) -> ReturnImport | None:
    """The earlier import of exactly this file, if there was one."""
    return ReturnImport.objects.filter(sha256=sha256).select_related("imported_by").first()


def imports_visible_to(*, user) -> QuerySet[ReturnImport]:
    """Imports the user may look back on: all for the evaluation team, otherwise their own."""
    imports = ReturnImport.objects.select_related("imported_by")
    if is_evaluation_team(user):
        return imports
    return imports.filter(Q(imported_by=user))


def import_counts(return_import: ReturnImport) -> list[tuple[str, str, int]]:
    """(measure, team, returns) written by one import, two queries."""
    prom = (
        PromReturn.objects.filter(return_import=return_import)
        .values_list("instrument__short_name", "team__name")
        .annotate(n=Count("id"))
        .order_by("instrument__short_name", "team__name")
    )
    prem = (
        PremReturn.objects.filter(return_import=return_import)
        .values_list("instrument__short_name", "team__name")
        .annotate(n=Count("id"))
        .order_by("team__name")
    )
    return [*prom, *prem]


def answer_values() -> list[tuple[str, str, int, str]]:
    """(measure, which questions, stored value, answer) for every measure, in form order: one query."""
    from ..models import ResponseOption

    options = ResponseOption.objects.select_related("instrument", "item").order_by(
        "instrument__display_order", "instrument__code", "item__order", "order"
    )
    options = list(options)
    with_own = {option.instrument_id for option in options if option.item_id}
    rows = []
    for option in options:
        if option.item_id:
            which = f"Question {option.item.order}"
        else:
            which = "Every other question" if option.instrument_id in with_own else "Every question"
        rows.append((option.instrument.code, which, option.value, option.label))
    return rows
