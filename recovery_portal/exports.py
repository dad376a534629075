"""CSV exports that are safe to open in Excel, each one recorded in the audit trail."""

import csv
from collections.abc import Iterable, Sequence

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from .audit import audit_export

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_response(
    request: HttpRequest, *, name: str, header: Sequence[str], rows: Iterable[Sequence], reason: str
) -> HttpResponse:
    """A CSV download named ``<name>-<date>.csv``; the export itself is audited with ``reason``."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{slugify(name)}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # lets Excel read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(value) for value in row])
    audit_export(request, reason=reason)
    return response
