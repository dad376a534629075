"""Refusing a hostile or oversized XLSX file before it is read (ADR 0029).

An XLSX file is a zip of XML. Its reader lays a sheet out as one block from its first to its last cell, so
the cost grows with the sheet's width and height, empty cells included: an 83 KB file declaring 16,000
one-cell rows in column XFD makes a block of 16,000 x 16,384 cells. So before the reader sees the file,
this module streams its XML once and refuses it when:

- it unpacks to more than ``RETURN_IMPORT_MAX_UNPACKED_BYTES`` (huge shared strings, zip bombs; counted
  on the bytes actually unpacked, not on the sizes the zip declares);
- any part declares a DTD or entities (entity expansion: "billion laughs");
- a sheet declares, or has, cells beyond ``RETURN_IMPORT_MAX_COLUMNS`` columns or
  ``RETURN_IMPORT_MAX_SHEET_ROWS`` rows, empty rows included; the declared dimension is checked first.

Each check is a scan in C over bytes (zlib, ``re``), a fraction of a second for a 100,000-row file.
"""

import functools
import re
import zipfile

from django.conf import settings

CHUNK = 1 << 20
OVERLAP = 64  # bytes scanned twice where windows meet, so that no reference is missed between them
MAX_PARTS = 500

DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
DIMENSION = re.compile(rb'<dimension\b[^>]*\bref="([A-Z]{1,4})?(\d{1,9})?(?::([A-Z]{1,4})(\d{1,9}))?"')
# Cell references with two or more letters (column AA onwards): few in a file of the template. Spreadsheet
# programs write a cell's reference as its first attribute; literal prefixes keep these scans fast.
WIDE_CELL = re.compile(rb'<c r="([A-Z]{2,})\d')
CELL = b"<c "
PLACED_CELL = b'<c r="'
ROW = b"<row "
PLACED_ROW = b'<row r="'
BARE = re.compile(rb"<(?:c|row)[/>]")


class WorkbookRefused(Exception):
    """The file is refused before reading; ``message`` says why in words the person can act on."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def column_number(letters: bytes | str) -> int:
    """A -> 1, XFD -> 16384."""
    number = 0
    for letter in letters if isinstance(letters, str) else letters.decode():
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _too_wide(column: int) -> WorkbookRefused:
    limit = settings.RETURN_IMPORT_MAX_COLUMNS
    return WorkbookRefused(
        f"The sheet has cells as far right as column {column_letters(column)}; a file can use at most "
        f"{limit} columns (up to column {column_letters(limit)}). Delete the columns after the last heading, "
        "or copy the returns into the template, and upload it again"
    )


def _too_long(row: int) -> WorkbookRefused:
    return WorkbookRefused(
        f"The sheet has rows down to row {row:,}; a file can have at most "
        f"{settings.RETURN_IMPORT_MAX_SHEET_ROWS:,} rows, empty rows included. Delete the empty rows at the "
        "end, or split the file, and upload it again"
    )


def _check_dimension(found: re.Match) -> None:
    """The sheet's declared extent, such as A1:XFD16001, before any of its cells are looked at."""
    _first_letters, first_row, last_letters, last_row = found.groups()
    letters = last_letters or _first_letters
    row = last_row or first_row
    if letters and column_number(letters) > settings.RETURN_IMPORT_MAX_COLUMNS:
        raise _too_wide(column_number(letters))
    if row and int(row) > settings.RETURN_IMPORT_MAX_SHEET_ROWS:
        raise _too_long(int(row))


def _check_cells(window: bytes) -> None:
    max_columns, max_rows = settings.RETURN_IMPORT_MAX_COLUMNS, settings.RETURN_IMPORT_MAX_SHEET_ROWS
    # A cell or row without a reference first is placed by counting, which this scan cannot bound cheaply.
    if (
        window.count(CELL) != window.count(PLACED_CELL)
        or window.count(ROW) != window.count(PLACED_ROW)
        or BARE.search(window)
    ):
        raise WorkbookRefused(
            "The sheet was saved in a way the portal cannot check; open it in Excel, save it as an Excel "
            "workbook (XLSX) and upload it again"
        )
    wide = set(WIDE_CELL.findall(window))
    if wide:
        widest = max(map(column_number, wide))
        if widest > max_columns:
            raise _too_wide(widest)
    # Only row numbers with as many digits as the limit, or more, can pass it.
    digits = len(str(max_rows))
    for pattern in _long_row_patterns(digits):
        numbers = pattern.findall(window)
        if numbers and max(map(int, numbers)) > max_rows:
            raise _too_long(max(map(int, numbers)))


@functools.cache
def _long_row_patterns(digits: int) -> tuple[re.Pattern, re.Pattern]:
    return (
        re.compile(rb'<c r="[A-Z]{1,4}(\d{%d,})' % digits),
        re.compile(rb'<row r="(\d{%d,})' % digits),
    )


def check_workbook(archive: zipfile.ZipFile) -> None:
    """Raise ``WorkbookRefused`` if the workbook is too large or hostile to read; cheap for a good one."""
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise WorkbookRefused("The file is not an Excel workbook made from the template; upload the template")
    budget = settings.RETURN_IMPORT_MAX_UNPACKED_BYTES
    too_big = WorkbookRefused(
        "The workbook is too large once unpacked to import in one go; split the returns across smaller "
        "files, or save the sheet as CSV, and upload again"
    )
    if sum(part.file_size for part in parts) > budget:
        raise too_big
    for part in parts:
        if part.is_dir():
            continue
        sheet = part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml")
        tail = b""
        dimension_seen = not sheet
        with archive.open(part) as stream:
            while chunk := stream.read(CHUNK):
                budget -= len(chunk)
                if budget < 0:
                    raise too_big
                window = tail + chunk
                # Scanned up to the last complete tag; the rest is carried into the next window.
                end = window.rfind(b">") + 1
                tail = window[max(0, end - OVERLAP) :]
                window = window[:end]
                if DOCTYPE.search(window):
                    raise WorkbookRefused(
                        "The workbook contains XML the portal does not accept (a document type "
                        "declaration); save it again from Excel and upload it again"
                    )
                if sheet:
                    if not dimension_seen:
                        found = DIMENSION.search(window)
                        if found:
                            _check_dimension(found)
                            dimension_seen = True
                        elif b"<sheetData" in window:
                            dimension_seen = True  # no declared dimension: the cells are checked anyway
                    _check_cells(window)
