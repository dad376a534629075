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

__all__ = [
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
