"""The full check of one row: every problem in it recorded with its column and a message in plain words.

Most rows never come here: ``validation`` reads a row written exactly as the template asks with a few
look-ups, and sends any other row here, where each cell is checked in turn so that nothing is missed.
"""

from datetime import date

from recovery_portal.nhs_number import format_nhs_number, is_valid_nhs_number, normalise_nhs_number
from recovery_portal.text_limits import LONG

from ..models import ReturnContext, Timepoint
from ..scoring import Score, ScoringError, rule_for, score
from .columns import HELP_COLUMNS, ITEM_COLUMNS, MAX_ITEMS
from .parsing import ParsedFile, Problem
from .selectors import CaseloadPlace, ImportScope, Lookups

FFT = "FFT"
FFT_ONLY = ("fft_answer", "source_reference", "free_text")
MAX_FREE_TEXT = LONG  # as stored (PremReturn.free_text); a survey's comment may be longer than the form's
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


class RowChecker:
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
            parsed = self._dates[text] = parse_date(text)
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


def parse_date(text: str) -> date | str:
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


def prom_row(check: RowChecker, row: int, values: dict, instrument, team, completed_on):
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


def fft_row(check: RowChecker, row: int, values: dict, instrument, team, completed_on) -> dict | None:
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
