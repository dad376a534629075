"""Reading an uploaded CSV or XLSX file into rows laid out in template order, whatever the format.

A CSV cell is a stripped string. An XLSX cell keeps the type calamine gives it (a number, a date, text)
so that the check of a whole file (``bulk``) reads numbers and dates as they are, without turning each
into text and parsing it back; ``ParsedFile.text`` turns a row into the strings a CSV of the same row
gives (an Excel date cell becomes ``2025-06-02``, a whole number ``3``) wherever a row is checked
closely, so validation sees a CSV and an XLSX of the same rows identically. Row numbers are the ones
the person sees in their spreadsheet: the heading is row 1.
"""

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import itemgetter

from django.conf import settings

from recovery_portal.nhs_number import normalise_nhs_number

from .columns import HEADER, KNOWN, MAX_ROWS, REQUIRED_HEADER, normalise_header
from .workbook_limits import WorkbookRefused, check_workbook

FILE_ROW = 1  # problems with the file as a whole are reported against the heading row


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where the person will find it: spreadsheet row, column heading, plain words."""

    row: int
    column: str
    message: str
    letter: str = ""

    @property
    def where(self) -> str:
        return f"{self.column} (column {self.letter})" if self.letter else self.column


@dataclass
class ParsedFile:
    """Rows as lists of cells (lighter than a dict each: a 100,000-row file stays small), in the order of
    ``HEADER`` whatever the order in the file; a column the file leaves out reads as empty (``""``).
    ``typed``: the cells are Excel's values, not yet text (see ``text``)."""

    kind: str
    rows: list[tuple[int, list]] | Iterator[tuple[int, list]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    letters: dict[str, str] = field(default_factory=dict)  # column heading -> spreadsheet letter
    typed: bool = False
    # Set by ``parse(plain=True)`` when the rows were kept exactly as read (see ``closely``).
    read_closely: Callable[[], list] | None = None

    def closely(self) -> "ParsedFile":
        """The rows read one by one as every check expects them (stripped, empty rows left out, cells
        under no heading found), where ``parse(plain=True)`` kept them as read."""
        if self.read_closely is not None:
            reader, self.read_closely = self.read_closely, None
            self.rows = reader()
        return self

    def problem(self, row: int, column: str, message: str) -> Problem:
        return Problem(row, column, message, self.letters.get(column, ""))

    def nhs_numbers(self) -> set[str] | None:
        """The ten digits of every NHS number the rows name, however written: the people whose caseload
        places the check needs, and no one else's. None when the rows can be read only once."""
        if not isinstance(self.rows, list):
            return None
        cells = set(map(itemgetter(NHS_AT), map(itemgetter(1), self.rows)))
        if self.typed:
            cells = set(map(excel_nhs_number_text, cells))
        digits = map(normalise_nhs_number, cells)
        return {number for number in digits if len(number) == 10 and number.isascii() and number.isdigit()}

    def text(self, cells: list) -> list[str]:
        """A row's cells as the text validation reads (a CSV row is text already)."""
        return excel_text(cells) if self.typed else cells

    @staticmethod
    def values(cells: list[str]) -> dict[str, str]:
        """One row by column heading, for the full check of a row."""
        return dict(zip(HEADER, cells, strict=True))


# Every row is laid out in template order, so validation reads cell ``COLUMN_INDEX[name]``.
COLUMN_INDEX = {name: index for index, name in enumerate(HEADER)}


def get_column_letter(number: int) -> str:
    """1 -> A, 27 -> AA: the column as the spreadsheet labels it."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_text(value) -> str:
    """A cell as the text validation reads."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _float_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


# Cell text by the cell's type, for the common types in one look-up each: this runs for every cell.
TEXT_OF_TYPE = {str: str.strip, float: _float_text, int: str}
NHS_AT = HEADER.index("nhs_number")


def excel_text(cells: list) -> list[str]:
    """An XLSX row in template order as text, as a CSV of the same row reads."""
    text = [cell if cell == "" else TEXT_OF_TYPE.get(type(cell), cell_text)(cell) for cell in cells]
    text[NHS_AT] = excel_nhs_number_text(cells[NHS_AT])
    return text


def excel_nhs_number_text(cell) -> str:
    """An XLSX NHS number cell as text. Excel keeps an NHS number typed as a number without its leading
    zeros."""
    if type(cell) in (int, float):
        return f"{int(cell):010d}"
    return cell if cell == "" else TEXT_OF_TYPE.get(type(cell), cell_text)(cell)


def _rows_from(
    table, parsed: ParsedFile, *, convert: bool, lazy: bool, close=None, plain: bool = False
) -> ParsedFile:
    """The heading at once; the rows at once, or (``lazy``) as they are asked for.

    ``convert``: cells are Excel values, text only where needed; CSV cells are text already. ``close``
    is called once the rows are read (the workbook of an XLSX file). ``plain``: see ``parse``.
    """
    rows = iter(table)
    heading = next(rows, None)
    if heading is None:
        parsed.problems.append(Problem(FILE_ROW, "the whole file", "The file is empty"))
        parsed.rows = []
        return parsed
    if len(heading) > settings.RETURN_IMPORT_MAX_COLUMNS and any(
        cell_text(cell) for cell in heading[settings.RETURN_IMPORT_MAX_COLUMNS :]
    ):
        parsed.problems.append(Problem(FILE_ROW, "the whole file", _too_wide_message()))
        parsed.rows = []
        return parsed
    names = [normalise_header(cell_text(cell)) for cell in heading[: settings.RETURN_IMPORT_MAX_COLUMNS]]
    columns: dict[int, str] = {}
    for index, name in enumerate(names):
        letter = get_column_letter(index + 1)
        if not name:
            continue
        if name not in KNOWN:
            parsed.problems.append(
                Problem(FILE_ROW, name, f"{name} is not a column of the template; check the heading", letter)
            )
        elif name in parsed.letters:
            parsed.problems.append(Problem(FILE_ROW, name, f"The file has two {name} columns", letter))
        else:
            parsed.letters[name] = letter
            columns[index] = name
    for name in REQUIRED_HEADER:
        if name not in parsed.letters:
            parsed.problems.append(Problem(FILE_ROW, name, f"The file has no {name} column"))
    if parsed.problems:
        parsed.rows = []
        return parsed
    if plain and columns == dict(enumerate(HEADER)):
        # The template's own heading: read every row as it is, and keep them so if all are its width.
        kept = list(rows)
        if len(kept) < settings.RETURN_IMPORT_MAX_SHEET_ROWS and len(kept) <= MAX_ROWS:
            if set(map(len, kept)) <= {len(HEADER)}:
                parsed.rows = list(zip(range(2, len(kept) + 2), kept, strict=True))
                parsed.read_closely = lambda: list(
                    _body(iter(kept), parsed, columns, convert=convert, close=close)
                )
                return parsed
        rows = iter(kept)
    body = _body(rows, parsed, columns, convert=convert, close=close)
    parsed.rows = body if lazy else list(body)
    return parsed


def _too_wide_message() -> str:
    limit = settings.RETURN_IMPORT_MAX_COLUMNS
    return (
        f"The file has more than {limit} columns; delete the columns after the last heading, "
        "or copy the returns into the template, and upload it again"
    )


def _body(rows, parsed: ParsedFile, columns: dict[int, str], *, convert: bool, close):
    try:
        yield from _cells(rows, parsed, columns, convert=convert)
    finally:
        if close is not None:
            close()


def _cells(rows, parsed: ParsedFile, columns: dict[int, str], *, convert: bool):
    width = max(columns) + 1
    gaps = tuple(index for index in range(width) if index not in columns)
    # Where each template column's cell is in the file's rows; a column left out reads the blank at the end.
    layout = [next((i for i, n in columns.items() if n == name), width) for name in HEADER]
    in_template_order = layout == list(range(len(HEADER)))
    blanks = [""] * (width + 1)
    read = 0
    max_columns, last_row = settings.RETURN_IMPORT_MAX_COLUMNS, settings.RETURN_IMPORT_MAX_SHEET_ROWS
    for number, cells in enumerate(rows, start=2):
        # Rows and columns are capped whether or not they hold anything (ADR 0029).
        if number > last_row:
            parsed.problems.append(
                Problem(
                    number,
                    "the whole file",
                    f"The file has more than {last_row:,} rows, empty rows included; delete the empty rows "
                    "at the end, or split the file, and upload it again",
                )
            )
            break
        if len(cells) > max_columns and any(cells[max_columns:]):
            parsed.problems.append(Problem(number, "the whole file", _too_wide_message()))
            break
        if gaps or len(cells) > width:
            for index in (*gaps, *range(width, len(cells))):
                if index < len(cells) and cell_text(cells[index]):
                    letter = get_column_letter(index + 1)
                    parsed.problems.append(
                        Problem(
                            number,
                            f"column {letter}",
                            "This cell is in a column with no heading; remove it or add the heading",
                            letter,
                        )
                    )
        if convert:
            # Excel's cells keep their types; they become text only where a row is checked closely.
            if not (in_template_order and len(cells) == width):
                cells = [*cells[:width], *blanks[min(len(cells), width) :]]
                cells = cells[: len(HEADER)] if in_template_order else [cells[i] for i in layout]
            first = cells[0]
            if not (type(first) is str and first.strip()) and not any(map(cell_text, cells)):
                continue  # empty rows between blocks of returns are left alone
        elif in_template_order and len(cells) == width:
            cells = list(map(str.strip, cells))  # the template's own layout: nothing to move
        else:
            cells = [*map(str.strip, cells[:width]), *blanks[min(len(cells), width) :]]
            cells = cells[: len(HEADER)] if in_template_order else [cells[i] for i in layout]
        if not convert and not any(cells):
            continue  # empty rows between blocks of returns are left alone
        if read == MAX_ROWS:
            parsed.problems.append(
                Problem(number, "the whole file", f"The file has more than {MAX_ROWS:,} returns; split it")
            )
            break
        read += 1
        yield number, cells


def parse_csv(content: bytes, *, lazy: bool = False, plain: bool = False) -> ParsedFile:
    """UTF-8 with or without the byte order mark Excel writes."""
    parsed = ParsedFile("csv")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        parsed.problems.append(
            Problem(FILE_ROW, "the whole file", "The file must be saved as CSV UTF-8 (comma delimited)")
        )
        return parsed
    reader = csv.reader(io.StringIO(text, newline=""))
    return _rows_from(reader, parsed, convert=False, lazy=lazy, plain=plain)


def parse_xlsx(content: bytes, *, lazy: bool = False, plain: bool = False) -> ParsedFile:
    """The sheet called Returns, or else the first sheet, read with calamine once the file has passed
    the checks of its size and shape (``workbook_limits``), which cost a fraction of reading it."""
    from python_calamine import CalamineError, CalamineWorkbook

    parsed = ParsedFile("xlsx", typed=True)
    unreadable = Problem(FILE_ROW, "the whole file", "The file could not be read as an Excel (XLSX) workbook")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            check_workbook(archive)
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        names = workbook.sheet_names
        sheet = workbook.get_sheet_by_name("Returns" if "Returns" in names else names[0])
    except WorkbookRefused as refused:
        parsed.problems.append(Problem(FILE_ROW, "the whole file", refused.message))
        return parsed
    except (zipfile.BadZipFile, zipfile.LargeZipFile, CalamineError, IndexError, OSError, ValueError):
        parsed.problems.append(unreadable)
        return parsed
    return _rows_from(_from_first_cell(sheet), parsed, convert=True, lazy=lazy, plain=plain)


def _from_first_cell(sheet):
    """The sheet's rows from cell A1, as a spreadsheet shows them: calamine starts at the first used cell."""
    first_row, first_column = sheet.start or (0, 0)
    if not (first_row or first_column):
        yield from sheet.iter_rows()
        return
    for _ in range(first_row):
        yield []
    padding = [""] * first_column
    for cells in sheet.iter_rows():
        yield [*padding, *cells] if first_column else cells


def parse(content: bytes, kind: str, *, lazy: bool = False, plain: bool = False) -> ParsedFile:
    """Every row of the file; with ``lazy``, rows are read only as they are asked for (once), so the
    import can check and write a row while later rows are still unread.

    ``plain``: a file with the template's heading, every row its width, keeps its rows exactly as read
    for the check of a whole file at once (``bulk``), which accepts only exact values; anything else
    reads them ``closely`` first.
    """
    if kind == "xlsx":
        return parse_xlsx(content, lazy=lazy, plain=plain)
    return parse_csv(content, lazy=lazy, plain=plain)
