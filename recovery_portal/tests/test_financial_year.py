from datetime import date

import pytest
import time_machine

from recovery_portal.financial_year import FinancialYear, financial_year_choices


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2026, 4, 1), "2026/27"),
        (date(2027, 3, 31), "2026/27"),
        (date(2026, 3, 31), "2025/26"),
        (date(1999, 12, 31), "1999/00"),
    ],
)
def test_a_day_belongs_to_the_april_to_march_year(day, label):
    assert FinancialYear.containing(day).label == label


def test_bounds_and_neighbours():
    year = FinancialYear.parse("2026/27")

    assert (year.start, year.end) == (date(2026, 4, 1), date(2027, 3, 31))
    assert date(2027, 3, 31) in year and date(2027, 4, 1) not in year
    assert str(year.previous()) == "2025/26" and str(year.next()) == "2027/28"


@pytest.mark.parametrize("label", ["2026/28", "2026-27", "26/27", "2026/2027", ""])
def test_labels_that_are_not_financial_years_are_refused(label):
    with pytest.raises(ValueError):
        FinancialYear.parse(label)


@time_machine.travel("2026-11-22 12:00 +0000")
def test_current_year_follows_the_clock():
    assert FinancialYear.current().label == "2026/27"


def test_choices_are_labelled_as_the_trust_writes_them():
    assert financial_year_choices(first=2025, last=2026) == [(2025, "2025/26"), (2026, "2026/27")]
