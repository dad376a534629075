from django import forms

from recovery_portal.financial_year import FinancialYear
from recovery_portal.form_messages import NHSForm

YEARS_OFFERED = 5


def year_choices(*, today=None) -> list[tuple[int, str]]:
    """The year just ended first (the usual report), then this year so far, then earlier years."""
    current = FinancialYear.containing(today) if today else FinancialYear.current()
    ended = [FinancialYear(current.start_year - n) for n in range(1, YEARS_OFFERED)]
    return [(y.start_year, y.label) for y in [ended[0], current, *ended[1:]]]


class StartReportForm(NHSForm):
    year = forms.TypedChoiceField(
        label="Financial year",
        coerce=int,
        error_messages={"required": "Choose the financial year", "invalid_choice": "Choose a financial year"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()
