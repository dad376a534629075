"""Returns for tests, built through the same builders the entry pages and the importer use."""

from datetime import date

from ..models import Instrument, PremReturn, PromReturn
from ..services import prem_return_build, prom_return_build

# Complete, valid answers per instrument (SWEMWBS all "some of the time": raw 21, metric 19.25).
TYPICAL_ANSWERS = {
    "SWEMWBS": [3] * 7,
    "WEMWBS": [3] * 14,
    "REQOL10": [2] * 10 + [1],
    "QPR15": [2] * 15,
    "DIALOG": [4] * 11,
}


def instrument(code: str) -> Instrument:
    return Instrument.objects.get(code=code)


def prom_return(*, person, team, code: str = "SWEMWBS", answers=None, completed_on=date(2025, 6, 2), **extra):
    """A saved PROM return for ``person`` on ``team``'s caseload."""
    built = prom_return_build(
        person=person,
        team=team,
        instrument=instrument(code),
        completed_on=completed_on,
        answers=answers if answers is not None else TYPICAL_ANSWERS[code],
        **extra,
    )
    built.save()
    return built


def prem_return(*, team, answer: int = 1, completed_on=date(2025, 6, 2), **extra) -> PremReturn:
    built = prem_return_build(
        team=team, instrument=instrument("FFT"), completed_on=completed_on, answer=answer, **extra
    )
    built.save()
    return built


__all__ = ["TYPICAL_ANSWERS", "PromReturn", "instrument", "prem_return", "prom_return"]
