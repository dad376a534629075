"""Every row checked before anything is written, with the row, column and a message in plain words."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from careplans.tests.factories import CaseloadEntryFactory, ServiceUserFactory
from evaluation.imports.parsing import parse
from evaluation.imports.selectors import import_lookups, import_scope
from evaluation.imports.validation import prom_score_fields, validate
from evaluation.services import prom_return_build
from evaluation.tests.factories import TYPICAL_ANSWERS, instrument, prom_return
from evaluation.tests.fixtures import returns_csv, returns_xlsx, swemwbs_row

pytestmark = pytest.mark.django_db


def check(user, rows: list[dict]):
    # The file is checked on the day the cases below were written for, even if the run passes midnight.
    return validate(parse(returns_csv(rows), "csv"), user=user, scope=import_scope(user=user), today=TODAY)


def problems_of(outcome) -> list[tuple[int, str, str]]:
    return [(problem.row, problem.column, problem.message) for problem in outcome.problems]


def fft_row(team, **cells) -> dict:
    row = {"instrument": "FFT", "team_code": team.slug, "completed_on": "2025-06-02", "fft_answer": "1",
           "source_reference": "CARD-1"}  # fmt: skip
    row.update(cells)
    return row


TODAY = timezone.localdate()
TOMORROW = (TODAY + timedelta(days=1)).isoformat()

# (cells changed in a valid SWEMWBS row, the column named, words the message must contain)
BAD_CELLS = [
    ({"instrument": "SWEMBWS"}, "instrument", "SWEMBWS is not a measure the portal knows"),
    ({"instrument": ""}, "instrument", "Enter the measure's code"),
    ({"item_4": ""}, "item_4", "Enter the answer to question 4"),
    ({"item_2": "6"}, "item_2", "6 is not an answer to SWEMWBS question 2; enter the stored value, a whole number from 1 to 5"),
    ({"item_2": "Often"}, "item_2", "Often is not an answer to SWEMWBS question 2"),
    ({"item_8": "3"}, "item_8", "SWEMWBS has 7 questions; leave item_8 empty"),
    ({"nhs_number": "943 476 5918"}, "nhs_number", "943 476 5918 is not a valid NHS number"),
    ({"nhs_number": "943 476 5919"}, "nhs_number", "No one with NHS number 943 476 5919 is on the current caseload of any team"),
    ({"nhs_number": ""}, "nhs_number", "Enter the person's NHS number"),
    ({"team_code": "no-such-team"}, "team_code", "No team has the code no-such-team"),
    ({"completed_on": TOMORROW}, "completed_on", "is in the future"),
    ({"completed_on": "31/02/2025"}, "completed_on", "31/02/2025 is not a date; write it like 2025-06-02 or 02/06/2025"),
    ({"completed_on": "last Tuesday"}, "completed_on", "last Tuesday is not a date"),
    ({"timepoint": "middle"}, "timepoint", "middle is not a timepoint; use one of baseline, course_end"),
    ({"context": ""}, "context", "Enter the context"),
    ({"fft_answer": "1"}, "fft_answer", "This is only for the Friends and Family Test; leave fft_answer empty"),
    ({"help_1": "yes"}, "help_1", "Only DIALOG asks about additional help"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("cells", "column", "words"), BAD_CELLS, ids=[c[1] + ":" + c[2][:30] for c in BAD_CELLS]
)
def test_each_kind_of_bad_cell_is_named_with_its_row_column_and_a_plain_message(
    evaluation, persona_team, serviceuser_record, cells, column, words
):
    rows = [swemwbs_row(serviceuser_record, persona_team, completed_on="2025-05-01"),
            swemwbs_row(serviceuser_record, persona_team, **cells)]  # fmt: skip

    outcome = check(evaluation, rows)

    assert [(row, col) for row, col, _ in problems_of(outcome)] == [(3, column)]
    assert words in outcome.problems[0].message
    assert not outcome.ok


def test_every_problem_of_every_row_is_collected_not_only_the_first(
    evaluation, persona_team, serviceuser_record
):
    rows = [swemwbs_row(serviceuser_record, persona_team, item_1="0", item_7="x", timepoint="later"),
            swemwbs_row(serviceuser_record, persona_team, completed_on="2025-05-01", team_code="nowhere")]  # fmt: skip

    found = [(row, column) for row, column, _ in problems_of(check(evaluation, rows))]

    assert found == [(2, "timepoint"), (2, "item_1"), (2, "item_7"), (3, "team_code")]


def test_duplicates_within_the_file_and_of_stored_returns_are_refused(
    evaluation, persona_team, serviceuser_record
):
    prom_return(
        person=serviceuser_record, team=persona_team, completed_on=date(2025, 4, 1), timepoint="baseline"
    )
    rows = [
        swemwbs_row(serviceuser_record, persona_team),
        swemwbs_row(serviceuser_record, persona_team, item_1="5"),  # same person, measure, day and timepoint
        swemwbs_row(serviceuser_record, persona_team, completed_on="01/04/2025"),  # already in the portal
        fft_row(persona_team),
        fft_row(persona_team, fft_answer="4"),  # the same card twice
    ]

    assert problems_of(check(evaluation, rows)) == [
        (3, "completed_on", "Row 3 has the same person, measure, date and timepoint as row 2"),
        (
            4,
            "completed_on",
            "A SWEMWBS return for this person at baseline on 1 April 2025 is already in the portal",
        ),
        (6, "source_reference", "Row 6 has the same team and reference as row 5"),
    ]


def test_a_person_not_on_the_importers_caseloads_is_refused_without_saying_who_they_are(
    outsider, clinician, persona_team, outsider_team, serviceuser_record
):
    row = swemwbs_row(serviceuser_record, persona_team)

    assert problems_of(check(outsider, [row])) == [
        (2, "team_code", "You can import returns only for your own teams; Broxtowe Community Mental Health Team "
                         "is not one of them"),
        (2, "nhs_number", f"No one with NHS number {serviceuser_record.nhs_number_display} is on the current "
                          "caseload of your teams"),
    ]  # fmt: skip
    assert check(clinician, [row]).ok


def test_a_person_on_another_team_than_the_one_named_is_refused(evaluation, persona_team, outsider_team):
    person = ServiceUserFactory()
    CaseloadEntryFactory(person=person, team=outsider_team)

    outcome = check(evaluation, [swemwbs_row(person, persona_team)])

    assert problems_of(outcome) == [
        (2, "nhs_number", f"The person with NHS number {person.nhs_number_display} is not on the current caseload "
                          "of Broxtowe Community Mental Health Team"),
    ]  # fmt: skip


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_check_reads_the_caseload_places_of_only_the_people_the_file_names(
    kind, evaluation, persona_team, outsider_team, serviceuser_record
):
    # An evaluation team member imports for every team: the check must not read the Trust's every caseload.
    elsewhere = ServiceUserFactory()
    CaseloadEntryFactory(person=elsewhere, team=persona_team)
    CaseloadEntryFactory(person=serviceuser_record, team=outsider_team)
    spaced = serviceuser_record.nhs_number_display  # written with spaces, as people type it
    rows = [swemwbs_row(serviceuser_record, persona_team, nhs_number=spaced)]
    content = returns_csv(rows) if kind == "csv" else returns_xlsx(rows)
    parsed = parse(content, kind)

    lookups = import_lookups(user=evaluation, scope=import_scope(user=evaluation), named=parsed.nhs_numbers())

    assert parsed.nhs_numbers() == {serviceuser_record.nhs_number}
    assert set(lookups.caseload) == {serviceuser_record.nhs_number}
    assert set(lookups.caseload[serviceuser_record.nhs_number]) == {persona_team.pk, outsider_team.pk}
    assert set(lookups.nhs_numbers) == {serviceuser_record.pk}


def test_an_nhs_number_excel_keeps_as_a_number_names_its_person(evaluation, persona_team):
    # Excel drops the leading zero of an NHS number typed as a number: 0123456789 is kept as 123456789.
    person = ServiceUserFactory(nhs_number="0123456789")
    CaseloadEntryFactory(person=person, team=persona_team)
    row = swemwbs_row(person, persona_team)
    parsed = parse(returns_xlsx([row], number_columns=["nhs_number"]), "xlsx")

    assert parsed.nhs_numbers() == {"0123456789"}
    assert validate(parsed, user=evaluation, scope=import_scope(user=evaluation), today=TODAY).ok


def test_friends_and_family_rows_need_an_answer_and_a_reference(evaluation, persona_team):
    outcome = check(evaluation, [fft_row(persona_team, fft_answer="7", source_reference="", item_1="2")])

    assert [(column, message.split(";")[0]) for _, column, message in problems_of(outcome)] == [
        ("fft_answer", "7 is not an answer"),
        ("source_reference", "Enter the card or survey reference of the response"),
        ("item_1", "The Friends and Family Test has one question"),
    ]


def test_a_file_with_wrong_headings_says_so_and_reads_no_rows(evaluation):
    content = b"instrument,nhs number,team,completed_on\r\nSWEMWBS,1,x,2025-01-01\r\n"

    outcome = validate(parse(content, "csv"), user=evaluation, scope=import_scope(user=evaluation))

    assert problems_of(outcome) == [
        (1, "team", "team is not a column of the template; check the heading"),
        (1, "team_code", "The file has no team_code column"),
    ]


def test_imported_scores_are_the_scores_entry_gives(persona_team, serviceuser_record):
    for code, answers in {**TYPICAL_ANSWERS, "REQOL10": [4, 0, 4, 0, 0, 3, 0, 4, 0, 0, None]}.items():
        entered = prom_return_build(
            person=serviceuser_record, team=persona_team, instrument=instrument(code),
            completed_on=date(2025, 6, 2), answers=answers,
        )  # fmt: skip
        fields = prom_score_fields(code, answers)

        assert fields == {name: getattr(entered, name) for name in fields}, code


def test_an_xlsx_and_a_csv_of_the_same_rows_give_the_same_result(
    evaluation, persona_team, serviceuser_record
):
    rows = [
        swemwbs_row(serviceuser_record, persona_team),
        swemwbs_row(
            serviceuser_record, persona_team, completed_on="2025-07-01", timepoint="review", item_2="9"
        ),
        fft_row(persona_team, free_text="Kind staff"),
    ]
    scope = import_scope(user=evaluation)

    from_csv = validate(parse(returns_csv(rows), "csv"), user=evaluation, scope=scope)
    from_xlsx = validate(parse(returns_xlsx(rows), "xlsx"), user=evaluation, scope=scope)
    rows.pop(1)
    good_csv = validate(parse(returns_csv(rows), "csv"), user=evaluation, scope=scope)
    good_xlsx = validate(parse(returns_xlsx(rows), "xlsx"), user=evaluation, scope=scope)

    assert problems_of(from_xlsx) == problems_of(from_csv) == [(3, "item_2", problems_of(from_csv)[0][2])]
    assert good_xlsx.prom == good_csv.prom and good_xlsx.prem == good_csv.prem
    assert good_csv.ok and good_csv.returns == 2


def test_a_csv_with_the_byte_order_mark_excel_writes_reads_the_same(
    evaluation, persona_team, serviceuser_record
):
    content = returns_csv([swemwbs_row(serviceuser_record, persona_team)])
    scope = import_scope(user=evaluation)

    plain = validate(parse(content, "csv"), user=evaluation, scope=scope)
    marked = validate(parse(b"\xef\xbb\xbf" + content, "csv"), user=evaluation, scope=scope)

    assert plain.ok and marked.prom == plain.prom
