"""The MHSDS-ready extract of coded scored assessments for the evaluation team: one row per scored return
of a measure that has a SNOMED CT score concept, with the fields a Trust's Mental Health Services Data
Set submission needs (NHS number, assessment tool and score codes, score, date, the care team's
organisation site code). Measures without a concept are left out, and the page says which and why."""

import csv
from collections.abc import Iterator
from datetime import date

from ..models import PromReturn
from .codes import CODES

HEADER = (
    "NHS_NUMBER",
    "ASSESSMENT_TOOL_NAME",
    "CODED_ASSESSMENT_TOOL_TYPE_SNOMED_CT",
    "CODED_ASSESSMENT_TOOL_TYPE_TERM",
    "PERSON_SCORE",
    "ASSESSMENT_TOOL_COMPLETION_DATE",
    "ORG_SITE_ID_CARE_TEAM",
    "CARE_TEAM",
)
BATCH = 5000


def coded_measures() -> dict[str, str]:
    return {code: codes.total.code for code, codes in CODES.items() if codes.total is not None}


def left_out() -> list[tuple[str, str]]:
    return [(code, codes.note) for code, codes in CODES.items() if codes.total is None and code != "FFT"]


def _returns(since: date, until: date):
    # Trust-wide by design: the evaluation team submits for the whole Trust (the page is theirs alone).
    return PromReturn.objects.filter(
        completed_on__gte=since,
        completed_on__lte=until,
        instrument__code__in=list(coded_measures()),
        total__isnull=False,
    )


def extract_people(*, since: date, until: date) -> list[int]:
    """The people in the extract, for its audit event (one query)."""
    return list(_returns(since, until).order_by().values_list("person_id", flat=True).distinct())


class _Echo:
    def write(self, value):
        return value


def extract_rows(*, since: date, until: date) -> Iterator[str]:
    """The CSV, line by line, read in batches by id so that it streams at any size."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield writer.writerow(HEADER)
    codes = CODES
    after = 0
    while True:
        batch = list(
            _returns(since, until)
            .filter(pk__gt=after)
            .order_by("pk")
            .values_list(
                "pk",
                "person__nhs_number",
                "instrument__code",
                "instrument__name",
                "total",
                "completed_on",
                "team__site_code",
                "team__name",
            )[:BATCH]
        )
        if not batch:
            return
        for pk, nhs_number, code, name, total, completed_on, site_code, team in batch:
            concept = codes[code].total
            yield writer.writerow(
                [
                    nhs_number,
                    name,
                    concept.code,
                    concept.display,
                    f"{total:g}",
                    completed_on.isoformat(),
                    site_code,
                    team,
                ]
            )
            after = pk
