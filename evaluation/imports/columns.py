"""The columns of an import file: one list, read by the parser, the template, the page and the README."""

from dataclasses import dataclass

# QPR-15 has the most items; DIALOG the most "additional help" questions.
MAX_ITEMS = 15
MAX_HELP = 11
MAX_ROWS = 200_000


@dataclass(frozen=True)
class Column:
    name: str
    needed_for: str  # who must fill it in: "all", "prom", "fft" or "optional"
    description: str
    example: str


COLUMNS: tuple[Column, ...] = (
    Column(
        "instrument",
        "all",
        "The measure's code: SWEMWBS, WEMWBS, REQOL10, QPR15, DIALOG, or FFT for the Friends and Family Test.",
        "SWEMWBS",
    ),
    Column(
        "nhs_number",
        "prom",
        "The person's 10-digit NHS number, with or without spaces. They must be on the current caseload of "
        "the team in team_code. For the Friends and Family Test, only when the person chose not to be "
        "anonymous; otherwise leave it empty.",
        "943 476 5919",
    ),
    Column(
        "team_code",
        "all",
        "The team's code, as shown in the address of the team's page (for example broxtowe-cmht). Outcome "
        "measures: the team whose caseload the person is on. Friends and Family Test: the team the "
        "feedback is about.",
        "broxtowe-cmht",
    ),
    Column(
        "completed_on",
        "all",
        "The day the measure was completed: 2025-06-02 or 02/06/2025 (day first), or a date cell in Excel. "
        "Not in the future.",
        "2025-06-02",
    ),
    Column(
        "timepoint",
        "prom",
        "baseline, review, discharge, course_start or course_end.",
        "baseline",
    ),
    Column(
        "context",
        "prom",
        "peer_worker (routine measurement by a peer worker), recovery_college or other.",
        "peer_worker",
    ),
    Column(
        "item_1 to item_15",
        "prom",
        "The answer to each question, in the order of the form, as the stored value of the option chosen (a "
        "number: see the answer values below), not its words. Fill in as many as the measure has items and "
        "leave the rest empty. The ReQoL-10 physical health question (item_11) may be left empty.",
        "3",
    ),
    Column(
        "help_1 to help_11",
        "optional",
        "DIALOG only: the answer to \u201cDo you want additional help in this area?\u201d after each "
        "item: yes, no, or empty if not asked.",
        "no",
    ),
    Column(
        "fft_answer",
        "fft",
        "Friends and Family Test only: the stored value of the answer, 1 (very good) to 6 (don't know).",
        "1",
    ),
    Column(
        "free_text",
        "optional",
        "Friends and Family Test only: what the person wrote, if anything.",
        "Staff listened to me.",
    ),
    Column(
        "source_reference",
        "fft",
        "Friends and Family Test only: the card or survey reference, unique for the team. It is how the "
        "portal knows a response was already imported.",
        "CARD-2025-00417",
    ),
)

NEEDED_FOR = {
    "all": "Every row",
    "prom": "Outcome measures",
    "fft": "Friends and Family Test",
    "optional": "Optional",
}

ITEM_COLUMNS = tuple(f"item_{n}" for n in range(1, MAX_ITEMS + 1))
HELP_COLUMNS = tuple(f"help_{n}" for n in range(1, MAX_HELP + 1))
FIXED_COLUMNS = ("instrument", "nhs_number", "team_code", "completed_on", "timepoint", "context")
FFT_COLUMNS = ("fft_answer", "free_text", "source_reference")

# The header of the template, in order. A file may leave out optional columns it does not use.
HEADER: tuple[str, ...] = (*FIXED_COLUMNS, *ITEM_COLUMNS, *HELP_COLUMNS, *FFT_COLUMNS)
REQUIRED_HEADER = ("instrument", "team_code", "completed_on")
KNOWN = frozenset(HEADER)


def normalise_header(name) -> str:
    """ "Item 3", " item_3 " and "ITEM_3" are the same column."""
    return "_".join(str(name or "").strip().lower().replace("-", " ").split())
