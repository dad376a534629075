"""Unsaved returns with their scores filled in, for one save or for ``bulk_create`` of many.

The importer builds thousands of these and saves them in batches; the entry pages save one through
``evaluation.services.returns``. Either way the scores come from ``evaluation.scoring`` and nothing
else computes them.
"""

from datetime import date

from ..models import Completion, Instrument, PremReturn, PromReturn, ReturnContext, Timepoint
from ..scoring import ScoringError, score


def prom_return_build(
    *,
    person,
    team,
    instrument: Instrument,
    completed_on: date,
    timepoint: str = Timepoint.REVIEW,
    context: str = ReturnContext.PEER_WORKER,
    answers: list[int | None],
    additional_help: list[bool | None] | None = None,
    completion: str = Completion.WITH_STAFF,
    entered_by=None,
    return_import=None,
) -> PromReturn:
    """A PROM return scored from ``answers``; raises ``ScoringError`` when they cannot be scored."""
    if not instrument.is_prom:
        raise ScoringError(f"{instrument.short_name} is not an outcome measure")
    result = score(instrument.code, answers)
    return PromReturn(
        person=person,
        team=team,
        instrument=instrument,
        completed_on=completed_on,
        timepoint=timepoint,
        context=context,
        answers=list(answers),
        additional_help=list(additional_help or []),
        raw=result.raw,
        total=result.total,
        life_domain_mean=result.subscales.get("life"),
        treatment_mean=result.subscales.get("treatment"),
        has_risk_answer=result.has_risk_answer,
        completion=completion,
        entered_by=entered_by,
        return_import=return_import,
    )


def prem_return_build(
    *,
    team,
    instrument: Instrument,
    completed_on: date,
    answer: int,
    free_text: str = "",
    person=None,
    completion: str = Completion.WITH_STAFF,
    entered_by=None,
    return_import=None,
    source_reference: str = "",
) -> PremReturn:
    """A Friends and Family Test response classified from ``answer``, with the wording version asked."""
    if instrument.is_prom:
        raise ScoringError(f"{instrument.short_name} is not an experience measure")
    result = score(instrument.code, [answer])
    return PremReturn(
        team=team,
        instrument=instrument,
        completed_on=completed_on,
        answer=answer,
        category=result.category,
        free_text=free_text,
        wording_version=instrument.version,
        person=person,
        completion=completion,
        entered_by=entered_by,
        return_import=return_import,
        source_reference=source_reference,
    )
