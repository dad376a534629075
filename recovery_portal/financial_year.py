"""NHS financial years run from 1 April to 31 March and are written "2026/27"."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

_LABEL = re.compile(r"^(\d{4})/(\d{2})$")


@dataclass(frozen=True, order=True)
class FinancialYear:
    start_year: int

    @classmethod
    def containing(cls, day: date) -> "FinancialYear":
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def current(cls) -> "FinancialYear":
        return cls.containing(timezone.localdate())

    @classmethod
    def parse(cls, label: str) -> "FinancialYear":
        """Read "2026/27"; the second part must be the year after the first."""
        match = _LABEL.match(label.strip())
        if not match:
            raise ValueError(f"{label!r} is not a financial year like 2026/27")
        start = int(match.group(1))
        if int(match.group(2)) != (start + 1) % 100:
            raise ValueError(f"{label!r} is not a financial year: {start + 1} should follow {start}")
        return cls(start)

    @property
    def start(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    def __str__(self) -> str:
        return self.label

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> "FinancialYear":
        return FinancialYear(self.start_year - 1)

    def next(self) -> "FinancialYear":
        return FinancialYear(self.start_year + 1)


def financial_year_choices(*, first: int, last: int) -> list[tuple[int, str]]:
    """Choices for a field storing the start year, labelled the way the Trust writes them."""
    return [(year, FinancialYear(year).label) for year in range(first, last + 1)]
