"""Checking every row of a file, and scoring it exactly as entry scores it.

Nothing here stops at the first problem: each row is checked in full and every problem is kept with its
spreadsheet row, column and a message in plain words. A file with any problem writes nothing.

``FileCheck`` reads the rows one by one and hands on each PROM return as soon as it has passed, so that
a file sent straight in (the FHIR intake) can stream them into the database while later rows are still
being checked; the transaction around it is rolled back if any row fails (ADR 0014). ``validate`` runs
the same check to the end without writing, for the upload and the preview of a file that is not plain
(``bulk`` checks a plain one).
"""

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter

from django.utils import timezone

from recovery_portal.nhs_number import format_nhs_number, normalise_nhs_number

from ..models import OptionCategory, ReturnContext, Timepoint
from ..scoring import ScoringError, rule_for, scorer_for
from .columns import HELP_COLUMNS, ITEM_COLUMNS
from .parsing import COLUMN_INDEX, FILE_ROW, ParsedFile, Problem
from .row_checks import (
    FFT,
    FFT_ONLY,
    TIMEPOINT_LABELS,
    RowChecker,
    fft_row,
    parse_date,
    prom_row,
    prom_score_fields,
    score_columns,
)
from .selectors import (
    CaseloadPlace,
    ImportScope,
    Lookups,
    existing_prem_references,
    existing_prom_keys,
    import_lookups,
)

__all__ = ["FileCheck", "Outcome", "prom_score_fields", "validate"]

PREVIEW_ROWS = 10
PROGRESS_EVERY = 5_000


@dataclass
class Outcome:
    """What the check found: every problem, or the rows ready to write and a summary of them."""

    kind: str
    rows_read: int = 0
    problems: list[Problem] = field(default_factory=list)
    prom: list[dict] = field(default_factory=list)  # PromReturn field values, by id
    prom_rows: list[int] = field(default_factory=list)  # the spreadsheet row of each of ``prom``
    prem: list[dict] = field(default_factory=list)  # PremReturn field values, by id
    prem_rows: list[int] = field(default_factory=list)
    # Index in ``prom`` -> where the person is on the caseload, for returns raising a follow-up.
    risk_places: dict[int, CaseloadPlace] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)  # (measure, team name) -> returns
    first_rows: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.prom or self.prem)

    @property
    def returns(self) -> int:
        return len(self.prom) + len(self.prem)

    @property
    def team_ids(self) -> set[int]:
        return {row["team_id"] for row in self.prom} | {row["team_id"] for row in self.prem}


def validate(
    parsed: ParsedFile,
    *,
    user,
    scope: ImportScope,
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> Outcome:
    """Check every row of ``parsed``; the outcome holds every problem, or every row ready to write.
    ``progress`` is told how many rows have been read, every ``PROGRESS_EVERY`` rows."""
    check = FileCheck(parsed, user=user, scope=scope, today=today, progress=progress)
    for _ in check.prom_records():
        pass
    return check.finish()


class FileCheck:
    """One pass over a file's rows with every lookup fetched before the first row (a handful of queries)."""

    def __init__(
        self,
        parsed: ParsedFile,
        *,
        user,
        scope: ImportScope,
        today: date | None = None,
        check_stored: bool = True,
        progress: Callable[[int], None] | None = None,
    ):
        """``check_stored=False`` leaves returns already in the portal to the database's unique
        constraints (the import, which then checks again in full to name them)."""
        self.parsed = parsed
        self.outcome = Outcome(parsed.kind)
        self.progress = progress
        self.readable = not any(problem.row == FILE_ROW for problem in parsed.problems)
        if not self.readable:
            return  # the heading is wrong: the rows cannot be read reliably
        self.lookups = import_lookups(user=user, scope=scope, named=parsed.nhs_numbers())
        self.check = RowChecker(parsed, self.lookups, scope, today or timezone.localdate())
        self.fast = _fast_path(self.lookups, scope, self.check.today)
        self.stored_prom, self.stored_prem = self._already_stored() if check_stored else (set(), set())
        self.by_id = {instrument.pk: instrument for instrument in self.lookups.instruments.values()}
        self.display: list[tuple] = []

    def _already_stored(self) -> tuple[set, set]:
        """Natural keys of returns already in the portal that this file could repeat (two queries)."""
        caseload, at = self.lookups.caseload, COLUMN_INDEX
        i_nhs, i_date, i_team, i_reference = (
            at[name] for name in ("nhs_number", "completed_on", "team_code", "source_reference")
        )
        person_ids, dates, references = set(), set(), set()
        text = self.parsed.text
        for _, cells in self.parsed.rows:  # a list: the rows are read again after this
            cells = text(cells)
            places = caseload.get(cells[i_nhs]) or caseload.get(normalise_nhs_number(cells[i_nhs]))
            if places:
                person_ids.update(place.person_id for place in places.values())
            dates.add(cells[i_date])
            if cells[i_reference]:
                references.add(cells[i_reference])
        days = [day for day in map(parse_date, dates) if isinstance(day, date)]
        prom = (
            existing_prom_keys(person_ids=person_ids, earliest=min(days), latest=max(days))
            if person_ids and days
            else set()
        )
        team_ids = {team.pk for team in self.lookups.teams.values()}
        prem = existing_prem_references(team_ids=team_ids, references=references) if references else set()
        return prom, prem

    def prom_records(self) -> Iterator[dict]:
        """Each PROM return that passes, as it passes; FFT responses and problems are kept on the side."""
        if not self.readable:
            return
        outcome, check, fast = self.outcome, self.check, self.fast
        seen_prom: dict[tuple, int] = {}
        seen_prem: dict[tuple, int] = {}
        # Bound once: this loop runs for every row of files of up to a hundred thousand.
        stored, display, records, counts = self.stored_prom, self.display, outcome.prom, outcome.counts
        risk_places = outcome.risk_places
        progress, text, prom_rows = self.progress, self.parsed.text, outcome.prom_rows
        for row, cells in self.parsed.rows:
            outcome.rows_read += 1
            if progress is not None and not outcome.rows_read % PROGRESS_EVERY:
                progress(outcome.rows_read)
            cells = text(cells)
            checked = fast(cells)
            if checked is None:
                values = self.parsed.values(cells)
                before = len(check.problems)
                instrument = check.instrument(row, values.get("instrument", ""))
                team = check.team(row, values.get("team_code", ""))
                completed_on = check.completed_on(row, values.get("completed_on", ""))
                if instrument is not None and instrument.code == FFT:
                    record = fft_row(check, row, values, instrument, team, completed_on)
                    if record is not None and len(check.problems) == before:
                        self._fft_passed(row, record, instrument, team, seen_prem)
                    continue
                checked = prom_row(check, row, values, instrument, team, completed_on)
                if checked is None or len(check.problems) != before:
                    continue
            instrument, team, place, completed_on, timepoint, context, answers, result, additional_help = (
                checked
            )
            person_id = place.person_id
            key = (person_id, instrument.id, completed_on, timepoint)
            if key in seen_prom:
                check.problem(
                    row,
                    "completed_on",
                    f"Row {row} has the same person, measure, date and timepoint as row {seen_prom[key]}",
                )
                continue
            if key in stored:
                check.problem(
                    row,
                    "completed_on",
                    f"A {instrument.short_name} return for this person at {TIMEPOINT_LABELS[timepoint].lower()} "
                    f"on {completed_on:%-d %B %Y} is already in the portal",
                )
                continue
            seen_prom[key] = row
            scores = score_columns(result)
            if scores["has_risk_answer"]:
                risk_places[len(records)] = place
            record = {
                "person_id": person_id,
                "team_id": team.pk,
                "instrument_id": instrument.id,
                "completed_on": completed_on,
                "timepoint": timepoint,
                "context": context,
                "answers": answers,
                "additional_help": additional_help,
                **scores,
            }
            records.append(record)
            prom_rows.append(row)
            counts[(instrument.short_name, team.name)] += 1
            if len(display) < PREVIEW_ROWS:
                display.append((row, instrument, team, place, completed_on, timepoint, scores["total"]))
            yield record

    def _fft_passed(self, row: int, record: dict, instrument, team, seen: dict) -> None:
        key = (record["team_id"], record["source_reference"])
        if key in seen:
            self.check.problem(
                row, "source_reference", f"Row {row} has the same team and reference as row {seen[key]}"
            )
            return
        if key in self.stored_prem:
            self.check.problem(
                row,
                "source_reference",
                f"The response {record['source_reference']} for this team is already in the portal",
            )
            return
        seen[key] = row
        self.outcome.prem.append(record)
        self.outcome.prem_rows.append(row)
        self.outcome.counts[(instrument.short_name, team.name)] += 1
        if len(self.display) < PREVIEW_ROWS:
            label = dict(OptionCategory.choices)[record["category"]]
            self.display.append((row, instrument, team, None, record["completed_on"], "", label))

    def finish(self) -> Outcome:
        """The outcome once every row has been read: problems in row order, or the preview rows."""
        outcome = self.outcome
        # Problems met while reading the rows (cells under no heading, too many rows), then the checks'.
        outcome.problems = list(self.parsed.problems)
        if self.readable and not outcome.rows_read:
            outcome.problems.append(Problem(FILE_ROW, "the whole file", "The file has no returns in it"))
        if self.readable:
            outcome.problems.extend(self.check.problems)
            outcome.problems.sort(key=lambda problem: problem.row)
            if not outcome.problems:
                ordered = sorted(self.display, key=lambda entry: entry[0])[:PREVIEW_ROWS]
                outcome.first_rows = [self._shown(*entry) for entry in ordered]
        return outcome

    def _shown(self, row, instrument, team, place, completed_on, timepoint, result) -> dict:
        """One row of the preview table (no names: the NHS number is enough to check against the file)."""
        nhs_numbers = self.lookups.nhs_numbers
        return {
            "row": row,
            "measure": instrument.short_name,
            "team": team.name,
            "nhs_number": format_nhs_number(nhs_numbers[place.person_id]) if place else "",
            "completed_on": completed_on.isoformat(),
            "timepoint": TIMEPOINT_LABELS.get(timepoint, ""),
            "score": f"{result:g}" if isinstance(result, float) else (result or ""),
        }


def _fast_path(lookups: Lookups, scope: ImportScope, today: date):
    """A check of the common case, a PROM row written exactly as the template asks, in a few dictionary
    look-ups on the row's cells. It accepts a row only if the full check would; anything else (a
    problem, an FFT row, a label instead of a code) returns None and goes through the full check, which
    names every problem.
    """
    instruments = {code: i for code, i in lookups.instruments.items() if code != FFT}
    teams = {slug: team for slug, team in lookups.teams.items() if scope.covers(team.pk)}
    caseload = lookups.caseload
    timepoints = {value: value for value in Timepoint.values}
    contexts = {value: value for value in ReturnContext.values}
    dates: dict[str, date | None] = {}
    at = COLUMN_INDEX
    heading = itemgetter(
        *(
            at[name]
            for name in ("instrument", "team_code", "nhs_number", "completed_on", "timepoint", "context")
        )
    )
    # Per measure code: the instrument, getters of its item cells and of the cells that must be empty for
    # it (other measures' items, FFT's and DIALOG's help, which goes through the full check; several
    # cells each, so each getter gives a tuple), and its scorer.
    measures = {}
    for code, instrument in instruments.items():
        rule = rule_for(code)
        others = (*ITEM_COLUMNS[rule.items :], *FFT_ONLY, *HELP_COLUMNS)
        measures[code] = (
            instrument,
            itemgetter(*(at[column] for column in ITEM_COLUMNS[: rule.items])),
            itemgetter(*(at[column] for column in others)),
            scorer_for(code),
        )

    def check(cells: list[str]):
        code, team_code, nhs_number, text, timepoint, context = heading(cells)
        measure = measures.get(code)
        team = teams.get(team_code)
        places = caseload.get(nhs_number)
        if measure is None or team is None or places is None:
            return None
        place = places.get(team.pk)
        completed_on = dates.get(text, False)
        if completed_on is False:
            parsed = parse_date(text)
            completed_on = dates[text] = parsed if isinstance(parsed, date) and parsed <= today else None
        timepoint = timepoints.get(timepoint)
        context = contexts.get(context)
        if place is None or completed_on is None or timepoint is None or context is None:
            return None
        instrument, item_cells, blank_cells, scorer = measure
        if any(blank_cells(cells)):
            return None
        texts = item_cells(cells)
        try:
            answers = list(map(int, texts))
        except ValueError:  # an item left blank (allowed for some), or not a number
            try:
                answers = [int(text) if text else None for text in texts]
            except ValueError:
                return None
        try:
            result = scorer(answers)
        except ScoringError:
            return None
        return instrument, team, place, completed_on, timepoint, context, answers, result, []

    return check
