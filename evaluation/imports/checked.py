"""The returns of a checked file, kept from the check to the Import button in the form they are written in.

The check reads, checks and scores every row once; what it keeps is each PROM return's stored values as
the lines ``COPY`` reads (``lines``), with beside them only what can have changed by the time the person
presses Import: who each return is for and on which team (caseloads change, and so may the importer's
teams) and its natural key (a return may have been stored meanwhile, which the database's unique
constraint finds). The Import button re-checks just those, then writes the lines as they are (ADR 0029).
Friends and Family Test responses, few in any file, are kept as field values.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter

from .validation import Outcome

# Raised whenever what is kept changes: a file checked by an earlier release is then "no longer kept"
# and uploaded again, never imported from a layout this release does not read.
FORMAT = 3
# The columns of ``lines``, in order; the import adds who imported them, when and in which import.
PROM_COLUMNS = (
    "person_id",
    "team_id",
    "instrument_id",
    "completed_on",
    "timepoint",
    "context",
    "answers",
    "additional_help",
    "raw",
    "total",
    "life_domain_mean",
    "treatment_mean",
    "has_risk_answer",
)
# Cells are separated by tabs, which no stored value holds, so a return's answers ("[3, 4, 1]") need no
# quotes: the lines are joined from their columns by ``str.join`` alone.
DELIMITER = "\t"
KEY_AT = tuple(
    PROM_COLUMNS.index(name) for name in ("person_id", "instrument_id", "completed_on", "timepoint")
)


@dataclass
class CheckedReturns:
    kind: str
    rows_read: int
    letters: dict[str, str]
    lines: str  # one line per PROM return: PROM_COLUMNS as COPY reads CSV separated by DELIMITER
    rows: list[int]  # the spreadsheet row of each line
    people: list[int]
    teams: list[int]
    # Returns with a risk answer: [index of the line, instrument id, completed on (ISO date), timepoint].
    risk: list[list] = field(default_factory=list)
    prem: list[dict] = field(default_factory=list)  # PremReturn field values, completed_on as ISO date
    prem_rows: list[int] = field(default_factory=list)

    @property
    def returns(self) -> int:
        return len(self.rows) + len(self.prem)

    def keys(self) -> list[tuple[int, int, date, str]]:
        """The natural key of each PROM return; read back from the lines only when one is refused."""
        key = itemgetter(*KEY_AT)
        found = []
        for cells in read_lines(self.lines):
            person, instrument, day, timepoint = key(cells)
            found.append((int(person), int(instrument), date.fromisoformat(day), timepoint))
        return found

    def dumps(self) -> bytes:
        """Everything but the lines as one line of JSON, then the lines as they are: JSON would escape
        the quotes of every line, and read them back, for nothing."""
        head = {"format": FORMAT, **self.__dict__, "lines": None}
        return json.dumps(head, separators=(",", ":")).encode() + b"\n" + self.lines.encode()

    @classmethod
    def loads(cls, content: bytes) -> "CheckedReturns | None":
        head, _, lines = content.partition(b"\n")
        try:
            kept = json.loads(head)
        except ValueError:
            return None
        if not isinstance(kept, dict) or kept.pop("format", None) != FORMAT:
            return None
        return cls(**{**kept, "lines": lines.decode()})


def copy_lines(values) -> str:
    """Rows of PROM_COLUMNS values as COPY's lines. Lists (answers, additional help) are written as
    Python writes them and turned into JSON once for the whole text: no other cell holds None, True or
    False as text (an empty cell, NULL, is written for a None value; booleans as True/False, which
    PostgreSQL reads either way)."""
    out = io.StringIO()
    csv.writer(out, delimiter=DELIMITER, lineterminator="\n").writerows(values)
    return out.getvalue().replace("None", "null").replace("True", "true").replace("False", "false")


def read_lines(lines: str):
    """The cells of each line, as text."""
    return csv.reader(io.StringIO(lines), delimiter=DELIMITER)


def of_outcome(outcome: Outcome, *, letters: dict[str, str]) -> CheckedReturns:
    """What the row-by-row check found, kept for the import."""
    records = outcome.prom
    return CheckedReturns(
        kind=outcome.kind,
        rows_read=outcome.rows_read,
        letters=letters,
        lines=copy_lines(map(itemgetter(*PROM_COLUMNS), records)),
        rows=list(outcome.prom_rows),
        people=[record["person_id"] for record in records],
        teams=[record["team_id"] for record in records],
        risk=[
            [
                index,
                records[index]["instrument_id"],
                records[index]["completed_on"].isoformat(),
                records[index]["timepoint"],
            ]
            for index in sorted(outcome.risk_places)
        ],
        prem=[{**record, "completed_on": record["completed_on"].isoformat()} for record in outcome.prem],
        prem_rows=list(outcome.prem_rows),
    )
