"""Disclosure control for every published figure about people below Trust level.

The NHS Digital rule (research notes §6; BRIEF "Evaluation"): 0 stays 0; 1 to 7 is shown as "*"; 8 and
over is rounded to the nearest 5. Means and medians are withheld when fewer than 8 people contribute.
Percentages are worked out from the rounded numerator and denominator, so a suppressed count cannot be
recovered from a percentage beside it. Totals are rounded on their own from unrounded data.

Trust-level figures (the whole Trust, ``trust_level=True``) are shown as they are. Counts that are not
about people (teams, actions, courses) need no control and should not be passed through here.
"""

from collections.abc import Sequence
from statistics import median as _median

SUPPRESSED = "*"
NOT_APPLICABLE = "–"  # nothing to divide by or average: there is no figure, not a hidden one
SMALLEST_SHOWN = 8
ROUND_TO = 5
# NHS Digital shows one decimal place only where the rounded denominator is at least this large.
ONE_DECIMAL_FROM = 4000


def rounded(n: int) -> int | None:
    """The published value of a count of people: 0, None when suppressed (1–7), else the nearest 5."""
    if n < 0:
        raise ValueError("A count of people cannot be negative.")
    if n == 0:
        return 0
    if n < SMALLEST_SHOWN:
        return None
    # n / 5 never ends in .5 for whole n, so round() has no ties to break.
    return ROUND_TO * round(n / ROUND_TO)


def disclose(n: int) -> str:
    """A count of people as published below Trust level: "0", "*" for 1–7, else the nearest 5."""
    value = rounded(n)
    return SUPPRESSED if value is None else str(value)


def count(n: int, *, trust_level: bool = False) -> str:
    """A count of people, under disclosure control unless it is the whole Trust's."""
    return str(n) if trust_level else disclose(n)


def percent(part: int, whole: int, *, trust_level: bool = False) -> str:
    """``part`` of ``whole`` people as a percentage, worked out from the published (rounded) figures."""
    if part > whole:
        raise ValueError("The part cannot be larger than the whole.")
    if trust_level:
        shown_part, shown_whole = part, whole
    else:
        shown_part, shown_whole = rounded(part), rounded(whole)
    if shown_whole == 0:
        return NOT_APPLICABLE
    if shown_part is None or shown_whole is None:
        return SUPPRESSED
    places = 1 if shown_whole >= ONE_DECIMAL_FROM else 0
    return f"{100 * shown_part / shown_whole:.{places}f}%"


def mean(values: Sequence[float], *, trust_level: bool = False, places: int = 1) -> str:
    """The mean of one value per person; withheld below Trust level when fewer than 8 contribute."""
    return _statistic(values, sum(values) / len(values) if values else 0.0, trust_level, places)


def median(values: Sequence[float], *, trust_level: bool = False, places: int = 1) -> str:
    """The median of one value per person; withheld below Trust level when fewer than 8 contribute."""
    return _statistic(values, _median(values) if values else 0.0, trust_level, places)


def _statistic(values: Sequence[float], value: float, trust_level: bool, places: int) -> str:
    if not values:
        return NOT_APPLICABLE
    if not trust_level and len(values) < SMALLEST_SHOWN:
        return SUPPRESSED
    return f"{value:.{places}f}"
