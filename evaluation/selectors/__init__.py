"""Reads of the evaluation app: a person's returns, instruments for entry, and figures for reports."""

from .measures import (
    FftSummary,
    InstrumentChange,
    MeasureFigures,
    fft_summary,
    fft_summary_by_team,
    measure_change,
    measure_change_by_team,
    measure_figures,
    monthly_fft,
    monthly_returns,
)
from .returns import (
    AnsweredItem,
    InstrumentTrend,
    TrendRow,
    answered_items,
    entry_instrument,
    instrument_list,
    instruments_for_entry,
    options_for,
    person_measures,
    prom_return_detail_queryset,
)

__all__ = [
    "AnsweredItem",
    "InstrumentTrend",
    "TrendRow",
    "answered_items",
    "entry_instrument",
    "instrument_list",
    "instruments_for_entry",
    "options_for",
    "person_measures",
    "prom_return_detail_queryset",
    "FftSummary",
    "InstrumentChange",
    "MeasureFigures",
    "fft_summary",
    "fft_summary_by_team",
    "measure_change",
    "measure_change_by_team",
    "measure_figures",
    "monthly_fft",
    "monthly_returns",
]
