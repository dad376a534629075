"""NHS number validation: ten digits whose last is a modulus-11 check digit.

See the NHS Data Dictionary, "NHS Number": the first nine digits are weighted 10 down to 2, the
weighted sum is divided by 11, and the check digit is 11 minus the remainder (11 becomes 0;
10 means the number is not valid and was never issued).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError

# NHS England's test range: numbers starting 999 are never issued to a person. The demo Trust uses them,
# so they are accepted only where DEBUG is on (a developer's machine), never on the live service.
TEST_RANGE_PREFIX = "999"

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


def is_placeholder_nhs_number(value: str) -> bool:
    """0000000000, 1111111111 … 9999999999: typed when the real number is not to hand; most pass the check digit."""
    digits = normalise_nhs_number(value)
    return len(digits) == 10 and len(set(digits)) == 1


def validate_nhs_number(value: str) -> None:
    """Django validator with messages written for the person typing the number.

    Refuses placeholders (all one digit) everywhere, and the test range (999…) unless DEBUG is on.
    """
    digits = normalise_nhs_number(value)
    if not digits.isdigit() or len(digits) != 10:
        raise ValidationError("NHS number must be 10 digits, like 943 476 5919", code="nhs_number_length")
    if is_placeholder_nhs_number(digits):
        raise ValidationError(
            "This is a placeholder, not a person's NHS number. Enter the person's own NHS number",
            code="nhs_number_placeholder",
        )
    if digits.startswith(TEST_RANGE_PREFIX) and not settings.DEBUG:
        raise ValidationError(
            "NHS numbers starting 999 are for testing only. Enter the person's own NHS number",
            code="nhs_number_test_range",
        )
    if not is_valid_nhs_number(digits):
        raise ValidationError(
            "This is not a valid NHS number. Check each digit and try again", code="nhs_number_check_digit"
        )


def format_nhs_number(value: str) -> str:
    """Displayed in the NHS 3-3-4 grouping: 485 777 3456."""
    digits = normalise_nhs_number(value)
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if len(digits) == 10 else value
