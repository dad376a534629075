"""The codes each instrument carries in FHIR, with where each code comes from.

SNOMED CT codes are given only where the Mental Health Services Data Set lists a concept for the
instrument's score ("coded scored assessments"); an instrument without one is coded in the portal's own
code system only, never with a guessed SNOMED CT code. Every SCTID here is checked in the tests for its
Verhoeff check digit and its partition (a concept).
"""

from dataclasses import dataclass

SNOMED = "http://snomed.info/sct"

# NHS England's list of coded scored assessments for the Mental Health Services Data Set (MHSDS), as
# used by its published analysis code ("MH_ASS" reference table, columns Preferred_Term_SNOMED and
# Active_Concept_ID_SNOMED).
MHSDS_ASSESSMENTS = "NHS England, Mental Health Services Data Set: coded scored assessments reference list"


@dataclass(frozen=True)
class ScoreCode:
    """A SNOMED CT observable entity for one of an instrument's scores."""

    code: str
    display: str
    source: str
    score_min: float
    score_max: float


@dataclass(frozen=True)
class InstrumentCodes:
    """An instrument's codes: its total score's SNOMED CT concept, where one exists, and why not if not."""

    total: ScoreCode | None
    note: str = ""


CODES: dict[str, InstrumentCodes] = {
    "SWEMWBS": InstrumentCodes(
        ScoreCode(
            "718466001",
            "Short Warwick-Edinburgh Mental Well-being Scale score",
            f"{MHSDS_ASSESSMENTS} (SNOMED CT version v2 row; range 7 to 35)",
            7,
            35,
        )
    ),
    "WEMWBS": InstrumentCodes(
        ScoreCode(
            "718426000",
            "Warwick-Edinburgh Mental Well-being Scale score",
            f"{MHSDS_ASSESSMENTS} (SNOMED CT version v2 row; range 14 to 70)",
            14,
            70,
        )
    ),
    "REQOL10": InstrumentCodes(
        ScoreCode(
            "1091071000000100",
            "Recovering Quality of Life 10-item questionnaire score",
            f"{MHSDS_ASSESSMENTS} (UK extension concept; range 0 to 40)",
            0,
            40,
        )
    ),
    "QPR15": InstrumentCodes(
        None, "No SNOMED CT concept for the QPR-15 score is listed for MHSDS; coded in the portal's system."
    ),
    "DIALOG": InstrumentCodes(
        None, "No SNOMED CT concept for the DIALOG scale is listed for MHSDS; coded in the portal's system."
    ),
    "FFT": InstrumentCodes(None, "The Friends and Family Test has a category, not a score."),
}


def codes_for(code: str) -> InstrumentCodes:
    return CODES.get(code, InstrumentCodes(None, "No codes recorded for this instrument."))


# Verhoeff's dihedral group tables, as in the SNOMED CT Technical Implementation Guide (check digit).
_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 4, 0, 6, 7, 8, 9, 5), (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7), (4, 0, 1, 2, 3, 9, 5, 6, 7, 8), (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2), (7, 6, 5, 9, 8, 2, 1, 0, 4, 3), (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)  # fmt: skip
_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 5, 7, 6, 2, 8, 3, 0, 9, 4), (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7), (9, 4, 5, 3, 1, 2, 6, 8, 7, 0), (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5), (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)  # fmt: skip


def verhoeff_valid(digits: str) -> bool:
    """Whether the last digit of ``digits`` is the Verhoeff check digit of the rest."""
    if not digits.isdigit():
        return False
    check = 0
    for position, digit in enumerate(reversed(digits)):
        check = _D[check][_P[position % 8][int(digit)]]
    return check == 0


def is_concept_id(sctid: str) -> bool:
    """A well-formed SNOMED CT concept identifier: 6 to 18 digits, no leading zero, a valid check digit
    and the partition of a concept ("00" in the international short form, "10" in an extension)."""
    if not (sctid.isdigit() and 6 <= len(sctid) <= 18 and sctid[0] != "0"):
        return False
    return verhoeff_valid(sctid) and sctid[-3:-1] in ("00", "10")
