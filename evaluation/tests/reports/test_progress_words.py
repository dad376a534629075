"""The progress of an annual report run is said the same way in words and in per cent."""

import pytest

from evaluation.reports.models import AnnualReportRun, RunState


@pytest.mark.parametrize(
    ("done", "total", "state", "percent"),
    [
        (2, 8, RunState.RUNNING, 25),
        (0, 8, RunState.QUEUED, 0),
        (4, 8, RunState.FAILED, 50),
        (8, 8, RunState.RUNNING, 99),  # every section, but the report is not yet put together
        (8, 8, RunState.FINISHED, 100),
    ],
)
def test_two_of_eight_sections_is_twenty_five_per_cent(done, total, state, percent):
    run = AnnualReportRun(sections_done=done, sections_total=total, state=state)

    assert run.percent_done == percent
