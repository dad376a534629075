"""Checking every row of a file before anything is written, and scoring it the way entry scores it.

Nothing here stops at the first problem: each row is checked in full and every problem is kept with its
spreadsheet row, column and a message in plain words. A file with any problem writes nothing.
Answers are checked against the same rules ``evaluation.scoring`` scores by, and scored by ``score``.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from recovery_portal.nhs_number import format_nhs_number, is_valid_nhs_number, normalise_nhs_number

from ..models import OptionCategory, ReturnContext, Timepoint
from ..scoring import Score, ScoringError, rule_for, score
from ._gc import collector_paused
from .columns import HELP_COLUMNS, ITEM_COLUMNS, MAX_ITEMS
from .parsing import COLUMN_INDEX, FILE_ROW, ParsedFile, Problem
from .selectors import (
    CaseloadPlace,
    ImportScope,
    Lookups,
    existing_prem_references,
    existing_prom_keys,
    import_lookups,
)

FFT = "FFT"
FFT_ONLY = ("fft_answer", "source_reference", "free_text")
PREVIEW_ROWS = 10
MAX_FREE_TEXT = 5000
MAX_REFERENCE = 100


def _choices(enum) -> dict[str, str]:
    """Stored value or label, in any case, to the stored value."""
    found = {}
    for value, label in enum.choices:
        found[value] = value
        found[label.lower()] = value
    return found


TIMEPOINTS = _choices(Timepoint)
CONTEXTS = _choices(ReturnContext)
TIMEPOINT_LABELS = dict(Timepoint.choices)
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


@dataclass
class Outcome:
    """What validation found: every problem, or the rows ready to write and a summary of them."""

    kind: str
    rows_read: int = 0
    problems: list[Problem] = field(default_factory=list)
    prom: list[dict] = field(default_factory=list)  # PromReturn field values, by id
    prem: list[dict] = field(default_factory=list)  # PremReturn field values, by id
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


def prom_score_fields(code: str, answers: list[int | None]) -> dict:
    """The score columns of a PROM return, as ``evaluation.services.prom_return_build`` fills them."""
    return score_columns(score(code, answers))


def score_columns(result: Score) -> dict:
    return {
        "raw": result.raw,
        "total": result.total,
        "life_domain_mean": result.subscales.get("life"),
        "treatment_mean": result.subscales.get("treatment"),
        "has_risk_answer": result.has_risk_answer,
    }


class _RowChecker:
    """Checks one file's rows with lookups fetched once; ``problem`` records and carries on."""

    def __init__(self, parsed: ParsedFile, lookups: Lookups, scope: ImportScope, today: date):
        self.parsed = parsed
        self.lookups = lookups
        self.scope = scope
        self.today = today
        self.problems: list[Problem] = []
        self._dates: dict[str, date | str] = {}
        self.codes = ", ".join(sorted(lookups.instruments))

    def problem(self, row: int, column: str, message: str) -> None:
        self.problems.append(self.parsed.problem(row, column, message))

    # Cells shared by every row.

    def instrument(self, row: int, text: str):
        if not text:
            self.problem(row, "instrument", f"Enter the measure's code: one of {self.codes}")
            return None
        instrument = self.lookups.instruments.get(text.upper())
        if instrument is None:
            self.problem(
                row, "instrument", f"{text} is not a measure the portal knows; use one of {self.codes}"
            )
        return instrument

    def team(self, row: int, text: str):
        if not text:
            self.problem(row, "team_code", "Enter the team's code")
            return None
        team = self.lookups.teams.get(text.lower())
        if team is None:
            self.problem(row, "team_code", f"No team has the code {text}")
            return None
        if not self.scope.covers(team.pk):
            self.problem(
                row,
                "team_code",
                f"You can import returns only for your own teams; {team.name} is not one of them",
            )
            return None
        return team

    def completed_on(self, row: int, text: str) -> date | None:
        if not text:
            self.problem(row, "completed_on", "Enter the date the measure was completed")
            return None
        parsed = self._dates.get(text)
        if parsed is None:
            parsed = self._dates[text] = _parse_date(text)
        if isinstance(parsed, str):
            self.problem(row, "completed_on", parsed)
            return None
        if parsed > self.today:
            self.problem(row, "completed_on", f"{parsed:%-d %B %Y} is in the future")
            return None
        return parsed

    def person(self, row: int, text: str, team, *, required: bool) -> CaseloadPlace | None:
        if not text:
            if required:
                self.problem(row, "nhs_number", "Enter the person's NHS number")
            return None
        places = self.lookups.caseload.get(text)  # most files hold the ten digits as stored
        digits = text
        if places is None:
            digits = normalise_nhs_number(text)
            if not is_valid_nhs_number(digits):
                self.problem(row, "nhs_number", f"{text} is not a valid NHS number; check each digit")
                return None
            places = self.lookups.caseload.get(digits)
        shown = format_nhs_number(digits)
        if places is None:
            where = "any team" if self.scope.all_teams else "your teams"
            self.problem(
                row, "nhs_number", f"No one with NHS number {shown} is on the current caseload of {where}"
            )
            return None
        if team is None:
            return None
        place = places.get(team.pk)
        if place is None:
            self.problem(
                row,
                "nhs_number",
                f"The person with NHS number {shown} is not on the current caseload of {team.name}",
            )
        return place

    def choice(self, row: int, column: str, text: str, choices: dict[str, str], what: str) -> str | None:
        if not text:
            self.problem(row, column, f"Enter the {what}")
            return None
        value = choices.get(text.lower())
        if value is None:
            allowed = ", ".join(sorted(set(choices.values())))
            self.problem(row, column, f"{text} is not a {what}; use one of {allowed}")
        return value

    def must_be_empty(self, row: int, values: dict, columns, why: str) -> None:
        if not any(map(values.get, columns)):
            return
        for column in columns:
            if values.get(column):
                self.problem(row, column, f"{why}; leave {column} empty")

    # Outcome measures.

    def answers(self, row: int, values: dict, instrument) -> tuple[list[int | None], Score] | None:
        """The answers and their score, or None after recording every problem with them."""
        rule = rule_for(instrument.code)
        texts = map(values.get, ITEM_COLUMNS[: rule.items])  # None for a column the file leaves out
        if not any(map(values.get, ITEM_COLUMNS[rule.items :])):
            # Most rows are right: score them straight away, and look closer only when that fails.
            try:
                answers = [int(text) if text else None for text in texts]
                return answers, score(instrument.code, answers)
            except (ValueError, ScoringError):
                pass
        self._item_problems(row, values, instrument, rule)
        return None

    def _item_problems(self, row: int, values: dict, instrument, rule) -> None:
        """Every problem with the item columns of one row, by the rules the row is scored by."""
        for number in range(1, MAX_ITEMS + 1):
            column = ITEM_COLUMNS[number - 1]
            text = values.get(column, "")
            if number > rule.items:
                if text:
                    self.problem(
                        row,
                        column,
                        f"{instrument.short_name} has {rule.items} questions; leave {column} empty",
                    )
                continue
            if not text:
                if number not in rule.unscored:
                    self.problem(
                        row,
                        column,
                        f"Enter the answer to question {number}; {instrument.short_name} cannot be scored with "
                        "an answer missing",
                    )
                continue
            value = int(text) if text.isdigit() else None
            if value is None or not rule.low <= value <= rule.high:
                self.problem(
                    row,
                    column,
                    f"{text} is not an answer to {instrument.short_name} question {number}; enter the stored "
                    f"value, a whole number from {rule.low} to {rule.high}",
                )

    def additional_help(self, row: int, values: dict, instrument) -> list[bool | None]:
        if instrument.code != "DIALOG":
            self.must_be_empty(row, values, HELP_COLUMNS, "Only DIALOG asks about additional help")
            return []
        found: list[bool | None] = []
        for column in HELP_COLUMNS:
            text = values.get(column, "").lower()
            if not text:
                found.append(None)
            elif text in YES:
                found.append(True)
            elif text in NO:
                found.append(False)
            else:
                found.append(None)
                self.problem(
                    row, column, f"{values[column]} is not an answer here; enter yes, no, or leave it empty"
                )
        return found if any(answer is not None for answer in found) else []


def _parse_date(text: str) -> date | str:
    """A date, or the message saying why the text is not one."""
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            if year < 100:
                raise ValueError
            return date(year, month, day)
        return date.fromisoformat(text[:10] if len(text) > 10 and text[10] in " T" else text)
    except ValueError:
        return f"{text} is not a date; write it like 2025-06-02 or 02/06/2025"


def validate(parsed: ParsedFile, *, user, scope: ImportScope, today: date | None = None) -> Outcome:
    """Check every row of ``parsed``; the outcome holds every problem, or every row ready to write."""
    with collector_paused():
        return _validate(parsed, user=user, scope=scope, today=today)


def _validate(parsed: ParsedFile, *, user, scope: ImportScope, today: date | None) -> Outcome:
    outcome = Outcome(parsed.kind, rows_read=len(parsed.rows), problems=list(parsed.problems))
    if any(problem.row == FILE_ROW for problem in parsed.problems):
        return outcome  # the heading is wrong: the rows cannot be read reliably
    if not parsed.rows:
        outcome.problems.append(Problem(FILE_ROW, "the whole file", "The file has no returns in it"))
        return outcome
    lookups = import_lookups(user=user, scope=scope)
    check = _RowChecker(parsed, lookups, scope, today or timezone.localdate())
    fast = _fast_path(lookups, scope, check.today)
    prom_rows: list[int] = []
    prem_rows: list[int] = []
    seen_prom: dict[tuple, int] = {}
    seen_prem: dict[tuple, int] = {}
    display: list[tuple] = []  # (row, instrument, team, place or None, completed_on, timepoint, total)

    for row, cells in parsed.rows:
        checked = fast(cells)
        if checked is None:
            values = parsed.values(cells)
            before = len(check.problems)
            instrument = check.instrument(row, values.get("instrument", ""))
            team = check.team(row, values.get("team_code", ""))
            completed_on = check.completed_on(row, values.get("completed_on", ""))
            if instrument is not None and instrument.code == FFT:
                record = _fft_row(check, row, values, instrument, team, completed_on)
                if record is None or len(check.problems) != before:
                    continue
                key = (record["team_id"], record["source_reference"])
                if key in seen_prem:
                    check.problem(
                        row,
                        "source_reference",
                        f"Row {row} has the same team and reference as row {seen_prem[key]}",
                    )
                    continue
                seen_prem[key] = row
                outcome.prem.append(record)
                prem_rows.append(row)
                outcome.counts[(instrument.short_name, team.name)] += 1
                if len(display) < PREVIEW_ROWS:
                    display.append((row, instrument, team, None, completed_on, "", _category_label(record)))
                continue
            checked = _prom_row(check, row, values, instrument, team, completed_on)
            if checked is None or len(check.problems) != before:
                continue
        instrument, team, place, completed_on, timepoint, context, answers, result, additional_help = checked
        key = (place.person_id, instrument.pk, completed_on, timepoint)
        if key in seen_prom:
            check.problem(
                row,
                "completed_on",
                f"Row {row} has the same person, measure, date and timepoint as row {seen_prom[key]}",
            )
            continue
        seen_prom[key] = row
        scores = score_columns(result)
        if scores["has_risk_answer"]:
            outcome.risk_places[len(outcome.prom)] = place
        outcome.prom.append(
            {
                "person_id": place.person_id,
                "team_id": team.pk,
                "instrument_id": instrument.pk,
                "completed_on": completed_on,
                "timepoint": timepoint,
                "context": context,
                "answers": answers,
                "additional_help": additional_help,
                **scores,
            }
        )
        prom_rows.append(row)
        outcome.counts[(instrument.short_name, team.name)] += 1
        if len(display) < PREVIEW_ROWS:
            display.append((row, instrument, team, place, completed_on, timepoint, scores["total"]))

    _check_already_stored(check, outcome, prom_rows, prem_rows, lookups)
    outcome.problems.extend(check.problems)
    outcome.problems.sort(key=lambda problem: problem.row)
    if not outcome.problems:
        outcome.first_rows = [
            _shown(lookups, *entry) for entry in sorted(display, key=lambda entry: entry[0])[:PREVIEW_ROWS]
        ]
    return outcome


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
    i_instrument, i_team, i_nhs, i_date, i_timepoint, i_context = (
        at[name] for name in ("instrument", "team_code", "nhs_number", "completed_on", "timepoint", "context")
    )
    # Per measure: the cells of its items, and the cells that must be empty for it.
    items, must_be_blank = {}, {}
    for code in instruments:
        rule = rule_for(code)
        items[code] = [at[column] for column in ITEM_COLUMNS[: rule.items]]
        others = (*ITEM_COLUMNS[rule.items :], *FFT_ONLY, *HELP_COLUMNS)  # DIALOG help: full check
        must_be_blank[code] = [at[column] for column in others]

    def check(cells: list[str]):
        instrument = instruments.get(cells[i_instrument])
        team = teams.get(cells[i_team])
        places = caseload.get(cells[i_nhs])
        if instrument is None or team is None or places is None:
            return None
        place = places.get(team.pk)
        text = cells[i_date]
        completed_on = dates.get(text, False)
        if completed_on is False:
            parsed = _parse_date(text)
            completed_on = dates[text] = parsed if isinstance(parsed, date) and parsed <= today else None
        timepoint = timepoints.get(cells[i_timepoint])
        context = contexts.get(cells[i_context])
        if place is None or completed_on is None or timepoint is None or context is None:
            return None
        code = instrument.code
        for index in must_be_blank[code]:
            if cells[index]:
                return None
        try:
            answers = [int(cells[index]) if cells[index] else None for index in items[code]]
            result = score(code, answers)
        except (ValueError, ScoringError):
            return None
        return instrument, team, place, completed_on, timepoint, context, answers, result, []

    return check


def _prom_row(check: _RowChecker, row: int, values: dict, instrument, team, completed_on):
    """The full check of a PROM row: every problem recorded, or the checked values."""
    place = check.person(row, values.get("nhs_number", ""), team, required=True)
    timepoint = check.choice(row, "timepoint", values.get("timepoint", ""), TIMEPOINTS, "timepoint")
    context = check.choice(row, "context", values.get("context", ""), CONTEXTS, "context")
    check.must_be_empty(row, values, FFT_ONLY, "This is only for the Friends and Family Test")
    if instrument is None:
        return None
    scored = check.answers(row, values, instrument)
    additional_help = check.additional_help(row, values, instrument)
    if scored is None or place is None or completed_on is None or timepoint is None or context is None:
        return None
    answers, result = scored
    return instrument, team, place, completed_on, timepoint, context, answers, result, additional_help


def _fft_row(check: _RowChecker, row: int, values: dict, instrument, team, completed_on) -> dict | None:
    rule = rule_for(FFT)
    text = values.get("fft_answer", "")
    answer = int(text) if text.isdigit() else None
    if not text:
        check.problem(row, "fft_answer", "Enter the answer to the Friends and Family Test question")
    elif answer is None or not rule.low <= answer <= rule.high:
        check.problem(
            row, "fft_answer", f"{text} is not an answer; enter the stored value, a whole number from 1 to 6"
        )
        answer = None
    reference = values.get("source_reference", "")
    if not reference:
        check.problem(row, "source_reference", "Enter the card or survey reference of the response")
    elif len(reference) > MAX_REFERENCE:
        check.problem(row, "source_reference", f"The reference must be {MAX_REFERENCE} characters or fewer")
    free_text = values.get("free_text", "")
    if len(free_text) > MAX_FREE_TEXT:
        check.problem(row, "free_text", f"The free text must be {MAX_FREE_TEXT:,} characters or fewer")
    place = check.person(row, values.get("nhs_number", ""), team, required=False)
    check.must_be_empty(
        row,
        values,
        ("timepoint", "context", *ITEM_COLUMNS, *HELP_COLUMNS),
        "The Friends and Family Test has one question",
    )
    if answer is None or team is None or completed_on is None:
        return None
    result = score(FFT, [answer])
    return {
        "team_id": team.pk,
        "instrument_id": instrument.pk,
        "completed_on": completed_on,
        "answer": answer,
        "category": result.category,
        "free_text": free_text,
        "wording_version": instrument.version,
        "person_id": place.person_id if place else None,
        "source_reference": reference,
    }


def _check_already_stored(
    check: _RowChecker, outcome: Outcome, prom_rows, prem_rows, lookups: Lookups
) -> None:
    """Rows that are already in the portal (entered, or imported from another file)."""
    if outcome.prom:
        dates = [record["completed_on"] for record in outcome.prom]
        stored = existing_prom_keys(
            person_ids={record["person_id"] for record in outcome.prom},
            earliest=min(dates),
            latest=max(dates),
        )
        if stored:
            by_id = {instrument.pk: instrument for instrument in lookups.instruments.values()}
            for row, record in zip(prom_rows, outcome.prom, strict=True):
                key = (
                    record["person_id"],
                    record["instrument_id"],
                    record["completed_on"],
                    record["timepoint"],
                )
                if key in stored:
                    check.problem(
                        row,
                        "completed_on",
                        f"A {by_id[record['instrument_id']].short_name} return for this person at "
                        f"{TIMEPOINT_LABELS[record['timepoint']].lower()} on {record['completed_on']:%-d %B %Y} "
                        "is already in the portal",
                    )
    if outcome.prem:
        stored = existing_prem_references(
            team_ids={record["team_id"] for record in outcome.prem},
            references={record["source_reference"] for record in outcome.prem},
        )
        for row, record in zip(prem_rows, outcome.prem, strict=True):
            if (record["team_id"], record["source_reference"]) in stored:
                check.problem(
                    row,
                    "source_reference",
                    f"The response {record['source_reference']} for this team is already in the portal",
                )


def _shown(lookups: Lookups, row, instrument, team, place, completed_on, timepoint, result) -> dict:
    """One row of the preview table (no names: the NHS number is enough to check against the file)."""
    return {
        "row": row,
        "measure": instrument.short_name,
        "team": team.name,
        "nhs_number": format_nhs_number(lookups.nhs_numbers[place.person_id]) if place else "",
        "completed_on": completed_on.isoformat(),
        "timepoint": TIMEPOINT_LABELS.get(timepoint, ""),
        "score": f"{result:g}" if isinstance(result, float) else (result or ""),
    }


def _category_label(record: dict) -> str:
    return dict(OptionCategory.choices)[record["category"]]
