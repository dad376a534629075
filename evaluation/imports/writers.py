"""Many returns into their table at once: COPY on PostgreSQL, ``bulk_create`` elsewhere."""

import csv
import io
import itertools
import json
from collections.abc import Iterator

from django.db import connection, models

from ..models import PromReturn, ReturnImport
from . import checked

BATCH = 5000
CHUNK_ROWS = 2000  # rows formatted per read of the COPY stream


def write(model, records: Iterator[dict], common: dict) -> None:
    """Insert ``records`` (field values by attribute name, the same keys in each) with ``common``.

    ``records`` may be a generator still checking later rows: they are written as they come.
    """
    first = next(records, None)
    if first is None:
        return
    records = itertools.chain([first], records)
    if connection.vendor == "postgresql":
        _copy(model, first, records, common)
    else:
        model.objects.bulk_create((model(**record, **common) for record in records), batch_size=BATCH)


def _field(model, attname: str):
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return field
    raise LookupError(f"{model.__name__} has no column {attname}")


class _CsvStream(io.RawIOBase):
    """A file COPY reads from, formatting the next rows only when asked for more (so the database inserts
    one chunk while the next is checked and formatted)."""

    def __init__(self, lines: Iterator[list]):
        self.lines = lines
        self.pending = b""
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\n")

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self.pending) < size:
            chunk = list(itertools.islice(self.lines, CHUNK_ROWS))
            if not chunk:
                break
            self.writer.writerows(chunk)
            self.pending += self.buffer.getvalue().encode()
            self.buffer.seek(0)
            self.buffer.truncate()
        if size < 0:
            size = len(self.pending)
        out, self.pending = self.pending[:size], self.pending[size:]
        return out


def _copy(model, first: dict, records: Iterator[dict], common: dict) -> None:
    """COPY ... FROM STDIN in CSV form, written by the C csv writer.

    An unquoted empty field is NULL, except in the text columns named in FORCE_NOT_NULL (none of them
    may be NULL), where it is the empty string. JSON columns are encoded here; booleans go as
    True/False and dates in ISO form, which PostgreSQL reads.
    """
    names = [*first, *common]
    fields = [_field(model, name) for name in names]
    json_at = [index for index, field in enumerate(fields) if isinstance(field, models.JSONField)]
    text = [
        field.column
        for field in fields
        if isinstance(field, models.CharField | models.TextField) and not field.null
    ]
    # The values every row shares, written out once (None stays None: an unquoted empty field, NULL).
    tail = [None if value is None else str(value) for value in common.values()]
    dumps = json.dumps
    list_of_numbers = {int, type(None)}

    def encoded(value):
        # A list of whole numbers (a return's answers) is written as Python writes it, which is its JSON
        # with None as null: several times quicker than json.dumps for every row.
        if type(value) is list and set(map(type, value)) <= list_of_numbers:
            return repr(value).replace("None", "null")
        return dumps(value)

    def lines():
        for record in records:
            cells = [*record.values(), *tail]
            for index in json_at:
                cells[index] = encoded(cells[index])
            yield cells

    quote = connection.ops.quote_name
    options = "FORMAT csv" + (f", FORCE_NOT_NULL ({', '.join(map(quote, text))})" if text else "")
    columns = ", ".join(quote(field.column) for field in fields)
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN WITH ({options})"
    # Django's error wrapper turns a refused row into IntegrityError, as for any other query.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.copy_expert(sql, _CsvStream(lines()), 64 * 1024)


def write_lines(model, columns: tuple[str, ...], lines: str, common: dict) -> None:
    """Insert rows already written as COPY's lines of ``columns`` (``checked.copy_lines``), each given
    the ``common`` values; ``bulk_create`` where the database is not PostgreSQL."""
    if not lines:
        return
    if connection.vendor != "postgresql":
        rows = checked.read_lines(lines)
        write(model, (_typed(model, columns, cells) for cells in rows), common)
        return
    names = [*columns, *common]
    fields = [_field(model, name) for name in names]
    # The values every row shares, added to each line at once rather than row by row.
    tail = "".join(checked.DELIMITER + _csv_cell(value) for value in common.values())
    quote = connection.ops.quote_name
    text = [
        field.column
        for field in fields
        if isinstance(field, models.CharField | models.TextField) and not field.null
    ]
    options = f"FORMAT csv, DELIMITER '{checked.DELIMITER}'" + (
        f", FORCE_NOT_NULL ({', '.join(map(quote, text))})" if text else ""
    )
    sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) FROM STDIN WITH ({options})"
    content = lines.replace("\n", tail + "\n").encode()
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.copy_expert(sql, io.BytesIO(content), 1 << 20)


def _csv_cell(value) -> str:
    if value is None:
        return ""
    out = io.StringIO()
    csv.writer(out, delimiter=checked.DELIMITER, lineterminator="").writerow([value])
    return out.getvalue()


def _typed(model, columns: tuple[str, ...], cells: list[str]) -> dict:
    """One COPY line read back into field values, for ``bulk_create``."""
    record = {}
    for name, text in zip(columns, cells, strict=True):
        field = _field(model, name)
        if isinstance(field, models.JSONField):
            record[name] = json.loads(text)
        elif text == "":
            record[name] = None
        elif isinstance(field, models.BooleanField):
            record[name] = text.lower() == "true"
        else:
            record[name] = field.to_python(text)
    return record


def risk_return_ids(return_import: ReturnImport) -> dict[tuple, int]:
    """Natural key -> id of the returns with a risk answer that one import wrote (one query)."""
    rows = PromReturn.objects.filter(return_import=return_import, has_risk_answer=True).values_list(
        "pk", "person_id", "instrument_id", "completed_on", "timepoint"
    )
    return {tuple(row[1:]): row[0] for row in rows}
