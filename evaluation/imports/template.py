"""The downloadable template: the heading row in CSV, and in XLSX with sheets that explain it."""

import csv
import io

from .columns import COLUMNS, HEADER, NEEDED_FOR


def template_csv() -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(HEADER)
    return ("\ufeff" + out.getvalue()).encode()  # the byte order mark lets Excel read it as UTF-8


def template_xlsx(answer_values: list[tuple[str, str, int, str]]) -> bytes:
    """``answer_values``: (measure, question, stored value, label), from ``selectors.answer_values``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    returns = workbook.active
    returns.title = "Returns"
    returns.append(list(HEADER))
    returns.freeze_panes = "A2"
    for cell in returns[1]:
        cell.font = Font(bold=True)
    for letter in ("B", "D"):
        # NHS numbers and dates as text stop Excel dropping digits or changing the date order.
        returns.column_dimensions[letter].number_format = "@"

    columns = workbook.create_sheet("Columns")
    columns.append(["Column", "Needed for", "What to put in it", "Example"])
    for column in COLUMNS:
        columns.append([column.name, NEEDED_FOR[column.needed_for], column.description, column.example])

    values = workbook.create_sheet("Answer values")
    values.append(["Measure", "Questions", "Stored value", "Answer"])
    for row in answer_values:
        values.append(list(row))
    for sheet in (columns, values):
        for cell in sheet[1]:
            cell.font = Font(bold=True)

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
