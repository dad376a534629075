import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from recovery_portal.nhs_number import (
    format_nhs_number,
    is_valid_nhs_number,
    nhs_number_check_digit,
    validate_nhs_number,
)


@pytest.mark.parametrize("number", ["9434765919", "943 476 5919", "943-476-5919", "4010232137"])
def test_published_valid_numbers_are_accepted(number):
    assert is_valid_nhs_number(number)
    validate_nhs_number(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("9434765918", "nhs_number_check_digit"),  # last digit wrong
        ("9434765991", "nhs_number_check_digit"),  # two digits swapped
        ("943476591", "nhs_number_length"),
        ("94347659190", "nhs_number_length"),
        ("94347659a9", "nhs_number_length"),
        ("", "nhs_number_length"),
    ],
)
def test_invalid_numbers_are_rejected_with_a_reason(number, code):
    assert not is_valid_nhs_number(number)
    with pytest.raises(ValidationError) as refused:
        validate_nhs_number(number)
    assert refused.value.code == code


def test_a_remainder_giving_check_digit_ten_is_never_valid():
    # Such numbers are never issued, so no tenth digit may complete them.
    nine = next(f"{n:09d}" for n in range(10**8, 10**9) if nhs_number_check_digit(f"{n:09d}") is None)
    assert all(not is_valid_nhs_number(nine + str(d)) for d in range(10))


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_at_most_one_check_digit_completes_nine_digits(nine):
    check = nhs_number_check_digit(nine)
    valid_endings = [d for d in range(10) if is_valid_nhs_number(nine + str(d))]
    assert valid_endings == ([] if check is None else [check])


def test_numbers_are_shown_in_three_three_four_groups():
    assert format_nhs_number("9434765919") == "943 476 5919"


# Placeholders typed when the real number is not to hand; every one but 2222222222 and others whose
# remainder gives 10 passes the modulus-11 check, so the check digit alone does not catch them.
@pytest.mark.parametrize("digit", "0123456789")
def test_placeholder_numbers_of_one_digit_are_refused(digit, settings):
    settings.DEBUG = True  # refused even where the test range is allowed
    with pytest.raises(ValidationError) as refused:
        validate_nhs_number(digit * 10)
    assert refused.value.code == "nhs_number_placeholder"
    assert "Enter the person's own NHS number" in refused.value.messages[0]


def test_the_test_range_is_refused_on_the_live_service_and_allowed_where_debug_is_on(settings):
    # 999 000 0018: a valid number in NHS England's test range, as the demo Trust uses.
    number = "9990000018"
    assert is_valid_nhs_number(number)

    settings.DEBUG = False
    with pytest.raises(ValidationError) as refused:
        validate_nhs_number(number)
    assert refused.value.code == "nhs_number_test_range"

    settings.DEBUG = True
    validate_nhs_number(number)
