"""Many returns into their table at once: COPY on PostgreSQL, ``bulk_create`` elsewhere."""

import csv
import io
import json

from django.db import connection, models

from ..models import PromReturn, ReturnImport

BATCH = 5000


def write(model, records: list[dict], common: dict) -> None:
    """Insert ``records`` (field values by attribute name, the same keys in each) with ``common``."""
    if not records:
        return
    if connection.vendor == "postgresql":
        _copy(model, records, common)
    else:
        model.objects.bulk_create((model(**record, **common) for record in records), batch_size=BATCH)


def _field(model, attname: str):
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return field
    raise LookupError(f"{model.__name__} has no column {attname}")


def _json(value) -> str:
    return "[]" if value == [] else json.dumps(value)


def _copy(model, records: list[dict], common: dict) -> None:
    """COPY ... FROM STDIN in CSV form, written by the C csv writer.

    An unquoted empty field is NULL, except in the text columns named in FORCE_NOT_NULL (none of them
    may be NULL), where it is the empty string. JSON columns are encoded here; booleans go as
    True/False and dates in ISO form, which PostgreSQL reads.
    """
    names = [*records[0], *common]
    fields = [_field(model, name) for name in names]
    json_at = [index for index, field in enumerate(fields) if isinstance(field, models.JSONField)]
    text = [
        field.column
        for field in fields
        if isinstance(field, models.CharField | models.TextField) and not field.null
    ]
    tail = list(common.values())

    def lines():
        for record in records:
            cells = [*record.values(), *tail]
            for index in json_at:
                cells[index] = _json(cells[index])
            yield cells

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(lines())
    buffer.seek(0)
    quote = connection.ops.quote_name
    options = "FORMAT csv" + (f", FORCE_NOT_NULL ({', '.join(map(quote, text))})" if text else "")
    columns = ", ".join(quote(field.column) for field in fields)
    with connection.cursor() as cursor:
        cursor.copy_expert(
            f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN WITH ({options})", buffer
        )


def risk_return_ids(return_import: ReturnImport) -> dict[tuple, int]:
    """Natural key -> id of the returns with a risk answer that one import wrote (one query)."""
    rows = PromReturn.objects.filter(return_import=return_import, has_risk_answer=True).values_list(
        "pk", "person_id", "instrument_id", "completed_on", "timepoint"
    )
    return {tuple(row[1:]): row[0] for row in rows}
