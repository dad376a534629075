"""The check of a whole file at once, for the common case: every row an outcome measure return written
exactly as the template asks.

The row-by-row check (``validation``) spends its time on each row in turn. Here each check is made on a
whole column at once by built-ins (``map``, ``set``, ``zip``, ``compress``), which do the per-row work in
C: the file's measure codes are checked as one set, its dates parsed once each, its answers converted
and range-checked per measure as one list, and the returns' COPY lines joined from the columns by
``str.join``. Each measure's returns are scored together by ``evaluation.scoring`` (``scores_for``),
which gives exactly the scores entry gives.

It accepts a file only if the row-by-row check would accept every row with the same values; anything
else (a problem, a Friends and Family Test row, a label instead of a code, a number written as " 3" or
"3.0", a duplicate) returns None and the file goes through the row-by-row check, which names every
problem.
"""

from collections import Counter, deque
from datetime import date, datetime
from itertools import chain, compress, repeat
from operator import add, attrgetter, eq, itemgetter, sub

from recovery_portal.nhs_number import format_nhs_number

from ..models import ReturnContext, Timepoint
from ..scoring import ScoringError, rule_for, scores_for
from .checked import DELIMITER, CheckedReturns
from .columns import HEADER, ITEM_COLUMNS
from .parsing import COLUMN_INDEX, ParsedFile
from .row_checks import FFT, TIMEPOINT_LABELS, parse_date
from .selectors import ImportScope, Lookups, existing_prom_keys
from .validation import PREVIEW_ROWS

HEADING = ("instrument", "nhs_number", "team_code", "completed_on", "timepoint", "context")
TIMEPOINTS = frozenset(Timepoint.values)
CONTEXTS = frozenset(ReturnContext.values)
# Python types of cells that hold an answer the row-by-row check reads the same (an Excel number or
# text); a bool is refused there ("yes" is not an answer) though True == 1.
ANSWER_TYPES = frozenset({str, int, float})
UNREAD = object()
EMPTY_AS_NULL = {"": "null"}


class NotPlain(Exception):
    """The file is not all plain returns: the row-by-row check reads it."""


def _answers_of(rule) -> dict:
    """An answer cell -> its stored value: the text of a whole number in range, or that number."""
    found = {}
    for value in range(rule.low, rule.high + 1):
        found[str(value)] = found[value] = value
    return found


def check_file(
    parsed: ParsedFile, *, lookups: Lookups, scope: ImportScope, today: date
) -> tuple[CheckedReturns, dict] | None:
    """The file's returns ready to keep, with the report's summary (counts, first rows); None when the
    file needs the row-by-row check."""
    try:
        return _check(parsed, lookups, scope, today)
    except NotPlain:
        return None


def _check(parsed: ParsedFile, lookups: Lookups, scope: ImportScope, today: date):
    if parsed.problems or not isinstance(parsed.rows, list) or not parsed.rows:
        raise NotPlain
    numbers = list(map(itemgetter(0), parsed.rows))
    cells = list(map(itemgetter(1), parsed.rows))
    count = len(cells)
    codes, nhs_numbers, team_codes, day_cells, timepoints, contexts = zip(
        *map(itemgetter(*(COLUMN_INDEX[name] for name in HEADING)), cells), strict=True
    )
    instruments = {code: i for code, i in lookups.instruments.items() if code != FFT}
    teams = {slug: team for slug, team in lookups.teams.items() if scope.covers(team.pk)}
    if not (set(codes) <= instruments.keys() and set(team_codes) <= teams.keys()):
        raise NotPlain
    if not (set(timepoints) <= TIMEPOINTS and set(contexts) <= CONTEXTS):
        raise NotPlain
    days = {value: _day(value, today) for value in set(day_cells)}
    completed = list(map(days.__getitem__, day_cells))

    team_ids = list(map(attrgetter("pk"), map(teams.__getitem__, team_codes)))
    try:
        places = list(map(dict.get, map(lookups.caseload.__getitem__, nhs_numbers), team_ids))
    except (KeyError, TypeError):  # someone not on a caseload in scope, or an NHS number typed as a number
        raise NotPlain from None
    if not all(places):  # (not ``None in``, which would compare each place with None)
        raise NotPlain
    people = list(map(attrgetter("person_id"), places))

    # Each measure's rows together; the answers and scores put back in file order (``deque`` runs the
    # assignments without a Python loop).
    answers: list = [None] * count  # each return's answers as JSON
    scores: list = [None] * count
    for code in set(codes):
        at = list(compress(range(count), map(code.__eq__, codes)))
        group_answers, group_scores = _measure(code, list(map(cells.__getitem__, at)), typed=parsed.typed)
        deque(map(answers.__setitem__, at, group_answers), maxlen=0)
        deque(map(scores.__setitem__, at, group_scores), maxlen=0)

    instrument_id = {code: instrument.pk for code, instrument in instruments.items()}
    instrument_ids = list(map(instrument_id.__getitem__, codes))
    keys = set(zip(people, instrument_ids, completed, timepoints, strict=True))
    if len(keys) != count:
        raise NotPlain  # the same return twice: the row-by-row check names both rows
    stored = existing_prom_keys(
        person_ids=set(people), earliest=min(days.values()), latest=max(days.values())
    )
    if not keys.isdisjoint(stored):
        raise NotPlain  # already in the portal: named there too

    # Scoring hands out one Score per distinct result, so its columns are written once per Score.
    distinct = dict(zip(map(id, scores), scores, strict=True))
    score_text = {key: _score_text(result) for key, result in distinct.items()}
    risky_scores = {key for key, result in distinct.items() if result.has_risk_answer}
    day_text = {value: day.isoformat() for value, day in days.items()}
    instrument_text = {code: str(pk) for code, pk in instrument_id.items()}
    team_text = {slug: str(team.pk) for slug, team in teams.items()}
    # Each line's cells joined from the columns. An answer list Python wrote (an Excel file's) is its
    # JSON but for None (an unscored item left empty), which only answers can hold. Additional help is
    # asked only in DIALOG's help columns, which go row by row.
    cells = zip(
        map(str, people),
        map(team_text.__getitem__, team_codes),
        map(instrument_text.__getitem__, codes),
        map(day_text.__getitem__, day_cells),
        timepoints,
        contexts,
        answers,
        repeat("[]", count),
        map(score_text.__getitem__, map(id, scores)),
        strict=True,
    )
    lines = "\n".join(map(DELIMITER.join, cells)).replace("None", "null") + "\n"
    risky = list(compress(range(count), map(risky_scores.__contains__, map(id, scores))))
    checked = CheckedReturns(
        kind=parsed.kind,
        rows_read=count,
        letters=parsed.letters,
        lines=lines,
        rows=numbers,
        people=people,
        teams=team_ids,
        risk=[[i, instrument_ids[i], completed[i].isoformat(), timepoints[i]] for i in risky],
    )
    names = {code: instrument.short_name for code, instrument in instruments.items()}
    team_names = {slug: team.name for slug, team in teams.items()}
    counts = Counter(zip(map(names.__getitem__, codes), map(team_names.__getitem__, team_codes), strict=True))
    first_rows = [
        {
            "row": numbers[index],
            "measure": names[codes[index]],
            "team": team_names[team_codes[index]],
            "nhs_number": format_nhs_number(lookups.nhs_numbers[people[index]]),
            "completed_on": completed[index].isoformat(),
            "timepoint": TIMEPOINT_LABELS.get(timepoints[index], ""),
            "score": _shown(scores[index].total),
        }
        for index in range(min(count, PREVIEW_ROWS))
    ]
    summary = {
        "counts": [[measure, team, n] for (measure, team), n in sorted(counts.items())],
        "first_rows": first_rows,
        "risk_returns": len(risky),
    }
    return checked, summary


def _score_text(result) -> str:
    """The score columns of PROM_COLUMNS as a line holds them: empty for None (NULL)."""
    values = (result.raw, result.total, result.subscales.get("life"), result.subscales.get("treatment"))
    cells = ["" if value is None else repr(value) for value in values]
    return DELIMITER.join([*cells, "true" if result.has_risk_answer else "false"])


def _shown(total) -> str:
    return f"{total:g}" if isinstance(total, float) else (total or "")


def _day(value, today: date) -> date:
    """A completed_on cell as the row-by-row check reads it: text, or an Excel date."""
    if type(value) is str:
        day = parse_date(value) if value else None
    elif type(value) is datetime:
        day = value.date()
    elif type(value) is date:
        day = value
    else:
        day = None
    if not isinstance(day, date) or day > today:
        raise NotPlain
    return day


def _measure(code: str, rows: list[list], *, typed: bool) -> tuple[list[str], list]:
    """The answers (as the JSON a line holds) and Score of each of one measure's rows."""
    rule = rule_for(code)
    width = rule.items
    # Unscored items may be left empty; the rule puts them last (ReQoL-10's physical health question).
    unscored = sorted(rule.unscored)
    scored_count = width - len(unscored)
    if unscored != list(range(scored_count + 1, width + 1)):
        raise NotPlain
    given = list(chain.from_iterable(map(itemgetter(*(COLUMN_INDEX[c] for c in ITEM_COLUMNS[:width])), rows)))
    if typed and not set(map(type, given)) <= ANSWER_TYPES:
        raise NotPlain
    values = _answers_of(rule)
    converted = list(map(values.get, given))  # None: not an answer
    if any(None in converted[offset::width] for offset in range(scored_count)):
        raise NotPlain
    optional = {**values, "": None}
    empty_unscored = [0] * len(rows)
    for offset in range(scored_count, width):
        column = given[offset::width]
        converted[offset::width] = map(optional.get, column, repeat(UNREAD))
        if UNREAD in converted[offset::width]:
            raise NotPlain
        empty_unscored = list(map(add, empty_unscored, map(eq, column, repeat(""))))
    # Every other cell of the row must be empty: the heading cells and the scored answers are known
    # not to be, so a row's count of empty cells says whether all the rest are.
    blanks = len(HEADER) - len(HEADING) - width
    if set(map(sub, map(list.count, rows, repeat("")), empty_unscored)) != {blanks}:
        raise NotPlain
    answers = list(map(list, zip(*[iter(converted)] * width, strict=True)))
    try:
        scores = scores_for(code, answers)
    except ScoringError:
        raise NotPlain from None
    if typed:
        return list(map(str, answers)), scores
    # A plain file's accepted answers are each exactly its number's text (nothing else is an answer
    # above), so each return's JSON is joined from the cells as read, faster than Python writes a list.
    for offset in range(scored_count, width):
        given[offset::width] = map(EMPTY_AS_NULL.get, given[offset::width], given[offset::width])
    return list(map("[%s]".__mod__, map(", ".join, zip(*[iter(given)] * width, strict=True)))), scores
