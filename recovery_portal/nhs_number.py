"""NHS number validation: ten digits whose last is a modulus-11 check digit.

See the NHS Data Dictionary, "NHS Number": the first nine digits are weighted 10 down to 2, the
weighted sum is divided by 11, and the check digit is 11 minus the remainder (11 becomes 0;
10 means the number is not valid and was never issued).
"""

import re

from django.core.exceptions import ValidationError

_SEPARATORS = re.compile(r"[\s-]")


def normalise_nhs_number(value: str) -> str:
    """The ten digits without the spaces or dashes people type between groups ("943 476 5919")."""
    return _SEPARATORS.sub("", value or "")


def nhs_number_check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when no valid NHS number starts with them."""
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - (total % 11)
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def is_valid_nhs_number(value: str) -> bool:
    digits = normalise_nhs_number(value)
    if len(digits) != 10 or not digits.isdigit():
        return False
    return nhs_number_check_digit(digits[:9]) == int(digits[9])


def validate_nhs_number(value: str) -> None:
    """Django validator with messages written for the person typing the number."""
    digits = normalise_nhs_number(value)
    if not digits.isdigit() or len(digits) != 10:
        raise ValidationError("NHS number must be 10 digits, like 943 476 5919", code="nhs_number_length")
    if not is_valid_nhs_number(digits):
        raise ValidationError(
            "This is not a valid NHS number. Check each digit and try again", code="nhs_number_check_digit"
        )


def format_nhs_number(value: str) -> str:
    """Displayed in the NHS 3-3-4 grouping: 485 777 3456."""
    digits = normalise_nhs_number(value)
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if len(digits) == 10 else value
