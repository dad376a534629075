"""Hostile and oversized files are refused before they are read, quickly, with a message that says what to do.

The penetration test's file (an ~83 KB XLSX declaring 16,000 one-cell rows in column XFD) kept a web
thread busy for 50 seconds: the reader's cost grows with the sheet's declared width and height, empty
cells included. Every file here is made in the test, byte by byte (``hostile_files``).
"""

import io
import time
import zipfile

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from evaluation.imports.columns import HEADER
from evaluation.imports.parsing import FILE_ROW, parse
from evaluation.tests.imports import hostile_files

# Well under a second on a busy machine; the file took 50 s before these checks.
QUICK_SECONDS = 1.0


def refused(content: bytes, kind: str = "xlsx") -> tuple[str, float]:
    started = time.perf_counter()
    parsed = parse(content, kind)
    seconds = time.perf_counter() - started
    assert list(parsed.rows) == []
    assert len(parsed.problems) == 1 and parsed.problems[0].row == FILE_ROW, parsed.problems
    return parsed.problems[0].message, seconds


def test_the_penetration_tests_file_is_refused_at_once_with_a_clear_message():
    content = hostile_files.pen_test_file(16_000)
    assert 60_000 < len(content) < 100_000  # the size of the file in the finding

    message, seconds = refused(content)

    assert seconds < QUICK_SECONDS
    assert message.startswith(
        "The sheet has cells as far right as column XFD; a file can use at most 64 columns"
    )
    assert "Delete the columns after the last heading" in message


def test_the_same_file_without_a_declared_dimension_is_refused_by_its_cells():
    message, seconds = refused(hostile_files.pen_test_file(16_000, declare=False))

    assert seconds < QUICK_SECONDS
    assert "column XFD" in message


def test_the_reader_itself_would_lay_out_the_whole_width_which_is_why_the_check_comes_first():
    # A tenth of the file: calamine makes a 1,601 x 16,384 block of cells for it.
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(hostile_files.pen_test_file(1_600))).get_sheet_by_index(
        0
    )

    assert sheet.width == 16_384 and sheet.height == 1_601


def test_a_sheet_longer_than_the_row_limit_is_refused_though_its_rows_are_empty(settings):
    message, seconds = refused(hostile_files.long_sheet(250_001))

    assert seconds < QUICK_SECONDS
    assert message == (
        "The sheet has rows down to row 250,001; a file can have at most 250,000 rows, empty rows included. "
        "Delete the empty rows at the end, or split the file, and upload it again"
    )
    settings.RETURN_IMPORT_MAX_SHEET_ROWS = 1_000
    assert "row 1,001" in refused(hostile_files.long_sheet(1_001))[0]


def test_entity_expansion_is_refused_before_any_entity_is_read():
    message, seconds = refused(hostile_files.billion_laughs())

    assert seconds < QUICK_SECONDS
    assert "document type declaration" in message


def test_shared_strings_that_unpack_beyond_the_limit_are_refused_whatever_the_zip_declares(settings):
    content = hostile_files.huge_shared_strings(250)
    assert len(content) < 1_000_000

    message, seconds = refused(content)

    assert seconds < QUICK_SECONDS
    assert message.startswith("The workbook is too large once unpacked")
    # Counted on the bytes unpacked as well as on the sizes declared: a zip that understates its sizes
    # is refused once the bytes read pass the limit (or as corrupt, by its checksum).
    settings.RETURN_IMPORT_MAX_UNPACKED_BYTES = 2_000_000
    lying = _understated(hostile_files.huge_shared_strings(3))
    message, _seconds = refused(lying)
    assert message.startswith("The workbook is too large once unpacked") or message.startswith(
        "The file could not be read"
    )


def _understated(content: bytes) -> bytes:
    """The same zip with every part declaring an uncompressed size of 1 byte."""
    source = zipfile.ZipFile(io.BytesIO(content))
    data = bytearray(content)
    for info in source.infolist():
        # Local header: uncompressed size at offset 22; central directory entry: at offset 24.
        data[info.header_offset + 22 : info.header_offset + 26] = (1).to_bytes(4, "little")
    central = content.find(b"PK\x01\x02")
    while central != -1:
        data[central + 24 : central + 28] = (1).to_bytes(4, "little")
        central = content.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def test_a_csv_wider_than_the_column_limit_is_refused():
    heading = ",".join([*HEADER, *(f"extra_{n}" for n in range(40))])

    message, _ = refused(f"{heading}\n".encode(), "csv")

    assert message.startswith("The file has more than 64 columns")


def test_a_csv_longer_than_the_row_limit_is_refused_though_its_rows_are_empty(settings):
    settings.RETURN_IMPORT_MAX_SHEET_ROWS = 100
    content = (",".join(HEADER) + "\n" + "\n" * 150).encode()

    parsed = parse(content, "csv")
    list(parsed.rows)

    assert [problem.message for problem in parsed.problems] == [
        "The file has more than 100 rows, empty rows included; delete the empty rows at the end, "
        "or split the file, and upload it again"
    ]


def test_rows_keep_the_numbers_the_spreadsheet_shows_wherever_the_first_filled_cell_is():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Returns"
    for column, name in enumerate(HEADER, start=1):
        sheet.cell(row=1, column=column, value=name)
    sheet.cell(row=4, column=1, value="SWEMWBS")
    out = io.BytesIO()
    workbook.save(out)
    # The same heading one row lower: row 1 is empty, so the file has no heading where it must be.
    sheet.insert_rows(1)
    lower = io.BytesIO()
    workbook.save(lower)

    assert [number for number, _cells in parse(out.getvalue(), "xlsx").rows] == [4]
    assert "The file has no instrument column" in [
        p.message for p in parse(lower.getvalue(), "xlsx").problems
    ]
