"""The hazard log rates every hazard as its own risk matrix says, and its summary agrees with its sections.

A Clinical Safety Officer reviews the ratings, not the arithmetic: a rating that does not follow from the
severity and likelihood written beside it (or a severity the matrix does not have) misleads the review.
"""

import re
from pathlib import Path

LOG = Path(__file__).resolve().parent.parent / "docs" / "clinical-safety" / "hazard-log.md"

SEVERITIES = ("Minor", "Significant", "Considerable", "Major", "Catastrophic")
# The log's own 5 × 5 matrix (DCB0129 implementation guidance), likelihood by severity.
MATRIX = {
    "Very high": (3, 4, 4, 5, 5),
    "High": (2, 3, 3, 4, 5),
    "Medium": (2, 2, 3, 3, 4),
    "Low": (1, 2, 2, 3, 4),
    "Very low": (1, 1, 2, 2, 3),
}
# "Severity Considerable × likelihood Low = **2**", or "Considerable × Low = **2**": the first rating of a
# section is its initial risk, the first after "Residual risk" its residual risk.
RATING = re.compile(
    r"(?:Severity\s+)?([A-Z][a-z]+)\s+×\s+(?:likelihood\s+)?(Very\s+high|Very\s+low|High|Medium|Low)\s+=\s+\*\*(\d)\*\*"
)
RESIDUAL = re.compile(r"\*\*Residual risk[^*]*\*\*")
SUMMARY_ROW = re.compile(
    r"^\| \[(HAZ-\d{3})\]\(#[^)]+\) \| .+? \| (\d) \| (\d)(?: \(target\))? \| .+\|$", re.MULTILINE
)


def _sections() -> dict[str, str]:
    text = LOG.read_text()
    parts = re.split(r"^## (HAZ-\d{3}) ", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def _ratings(body: str) -> tuple[re.Match | None, re.Match | None]:
    heading = RESIDUAL.search(body)
    if not heading:
        return RATING.search(body), None
    return RATING.search(body, 0, heading.start()), RATING.search(body, heading.end())


def _rating(match: re.Match) -> tuple[str, str, int]:
    severity, likelihood, rating = match.groups()
    return severity, " ".join(likelihood.split()), int(rating)


def test_the_matrix_in_the_tests_is_the_matrix_in_the_log():
    text = LOG.read_text()
    for likelihood, row in MATRIX.items():
        assert f"| **{likelihood}** | {' | '.join(str(n) for n in row)} |" in text


def test_every_hazard_is_rated_by_the_matrix_before_and_after_its_controls():
    wrong = []
    for hazard, body in _sections().items():
        initial, residual = _ratings(body)
        if not initial or not residual:
            wrong.append(f"{hazard}: no initial or residual rating written as severity × likelihood")
            continue
        for when, match in (("initial", initial), ("residual", residual)):
            severity, likelihood, rating = _rating(match)
            if severity not in SEVERITIES:
                wrong.append(f"{hazard} {when}: {severity} is not a severity of the matrix")
            elif MATRIX[likelihood][SEVERITIES.index(severity)] != rating:
                wrong.append(f"{hazard} {when}: {severity} × {likelihood} is not {rating}")
    assert wrong == []


def test_the_summary_lists_every_hazard_once_with_its_sections_ratings():
    sections = _sections()
    rows = SUMMARY_ROW.findall(LOG.read_text())
    assert [hazard for hazard, _, _ in rows] == sorted(sections)
    for hazard, initial, residual in rows:
        body = sections[hazard]
        initial_match, residual_match = _ratings(body)
        assert (int(initial), int(residual)) == (
            _rating(initial_match)[2],
            _rating(residual_match)[2],
        ), hazard
