"""The check keeps each return checked and scored, and the Import button writes what was kept.

A plain file (every row an outcome measure written as the template asks) is checked a column at a time
(``bulk``); any other row by row. Both must keep exactly the same returns, so each file here is checked
both ways and the kept lines compared byte for byte. The Import button re-checks only what can change
after the check: who is on a caseload, and returns stored meanwhile.
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from careplans.models import CaseloadEntry
from evaluation.imports import bulk, checked, services, staging
from evaluation.imports.columns import ITEM_COLUMNS
from evaluation.imports.parsing import parse
from evaluation.imports.selectors import import_lookups, import_scope
from evaluation.imports.validation import validate
from evaluation.models import PromReturn, ReturnImport
from evaluation.scoring import score
from evaluation.tests.fixtures import returns_csv, returns_xlsx, swemwbs_row

pytestmark = pytest.mark.django_db


def items(*answers) -> dict:
    return {f"item_{n}": str(answer) for n, answer in enumerate(answers, start=1)}


def every_measure(person, team) -> list[dict]:
    """One return of each outcome measure, a risk answer, an unscored item left empty and one answered."""

    def row(code, day, **cells):
        blank = {f"item_{n}": "" for n in range(1, 8)}
        return swemwbs_row(person, team, instrument=code, completed_on=day, **{**blank, **cells})

    return [
        row("SWEMWBS", "2025-01-06", **items(3, 4, 2, 5, 1, 3, 3)),
        row("REQOL10", "2025-02-03", timepoint="review", **items(0, 1, 2, 3, 4, 3, 2, 1, 0, 4)),
        row("REQOL10", "2025-02-04", timepoint="review", **items(4, 3, 4, 3, 4, 0, 3, 4, 4, 3, 2)),
        row("WEMWBS", "2025-03-03", context="recovery_college", **items(*[1, 2, 3, 4, 5, 4, 3] * 2)),
        row("QPR15", "2025-04-07", timepoint="discharge", **items(*[0, 1, 2, 3, 4] * 3)),
        row("DIALOG", "2025-05-05", context="other", **items(7, 6, 5, 4, 3, 2, 1, 1, 2, 3, 4)),
    ]


def both_ways(content: bytes, kind: str, user):
    """The returns kept by the column-at-a-time check (None if it passed the file on) and by the
    row-by-row check, with each one's report."""
    scope = import_scope(user=user)
    today = timezone.localdate()
    plain = parse(content, kind, plain=True)
    found = bulk.check_file(
        plain,
        lookups=import_lookups(user=user, scope=scope, named=plain.nhs_numbers()),
        scope=scope,
        today=today,
    )
    parsed = parse(content, kind)
    outcome = validate(parsed, user=user, scope=scope, today=today)
    assert outcome.ok, outcome.problems
    by_row = checked.of_outcome(outcome, letters=parsed.letters)
    report = {
        "counts": [[measure, team, n] for (measure, team), n in sorted(outcome.counts.items())],
        "first_rows": outcome.first_rows,
        "risk_returns": len(outcome.risk_places),
    }
    return found, (by_row, report)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_plain_file_checked_a_column_at_a_time_keeps_exactly_what_the_row_by_row_check_keeps(
    kind, evaluation, persona_team, serviceuser_record
):
    rows = every_measure(serviceuser_record, persona_team)
    content = returns_csv(rows) if kind == "csv" else returns_xlsx(rows, number_columns=ITEM_COLUMNS)

    found, (by_row, report) = both_ways(content, kind, evaluation)

    assert found is not None  # the file is plain: it took the column-at-a-time check
    by_column, summary = found
    assert by_column.lines == by_row.lines
    assert (by_column.rows, by_column.people, by_column.teams) == (by_row.rows, by_row.people, by_row.teams)
    assert by_column.risk == by_row.risk == [[1, by_row.risk[0][1], "2025-02-03", "review"]]
    assert summary == report
    assert by_column.rows_read == by_row.rows_read == 6


@pytest.mark.parametrize(
    "change",
    [
        {"timepoint": "Baseline"},  # a label rather than the stored value
        {"item_2": " 4"},  # a space before the answer
        {"help_1": "no"},  # DIALOG's help question goes row by row
        {"nhs_number": "943 476 5919"},  # spaces in the NHS number
    ],
)
def test_a_row_the_column_check_does_not_read_as_written_goes_row_by_row_to_the_same_returns(
    change, evaluation, persona_team, serviceuser_record
):
    rows = every_measure(serviceuser_record, persona_team)
    if "nhs_number" in change:
        spaced = serviceuser_record.nhs_number
        change = {"nhs_number": f"{spaced[:3]} {spaced[3:6]} {spaced[6:]}"}
    target = 5 if "help_1" in change else 0
    rows[target].update(change)

    found, (by_row, _report) = both_ways(returns_csv(rows), "csv", evaluation)

    assert found is None
    assert by_row.returns == 6


def stage_and_check(client, rows, name="returns.csv") -> str:
    response = client.post(
        reverse("measure_imports:upload"), {"file": SimpleUploadedFile(name, returns_csv(rows))}
    )
    assert "/preview/" in response.url
    return response.url.rstrip("/").split("/")[-2]


def test_a_person_who_left_the_caseload_after_the_check_is_refused_at_import_and_nothing_is_written(
    client, evaluation, persona_team, serviceuser_record
):
    client.force_login(evaluation)
    sha256 = stage_and_check(client, every_measure(serviceuser_record, persona_team)[:2])
    # Discharged from the team's caseload yesterday, after the file was checked.
    CaseloadEntry.objects.filter(person=serviceuser_record, team=persona_team).update(
        end_date=timezone.localdate() - timedelta(days=1)
    )

    response = client.post(reverse("measure_imports:confirm", args=[sha256]), follow=True)

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("measure_imports:problems", args=[sha256])
    assert "The file no longer passes the checks, so nothing was imported." in page
    for row in (2, 3):
        assert (
            f"Row {row}, nhs_number: The person on this row has left the current caseload of {persona_team.name} "
            "since the file was checked; remove the row, or add them to the caseload again"
        ) in page
    assert not PromReturn.objects.exists() and not ReturnImport.objects.exists()


def test_the_kept_returns_are_written_as_checked_with_who_imported_them(
    evaluation, persona_team, serviceuser_record
):
    rows = every_measure(serviceuser_record, persona_team)
    staged, _content = staging.stage(
        upload=SimpleUploadedFile("r.xlsx", returns_xlsx(rows, number_columns=ITEM_COLUMNS)), user=evaluation
    )
    services.staged_file_check(staged=staged, user=evaluation)

    result = services.staged_returns_import(
        checked=staging.staged_checked(staged), scope=import_scope(user=evaluation), file_name="r.xlsx",
        sha256=staged.sha256, by=evaluation,
    )  # fmt: skip

    written = {r.completed_on.isoformat(): r for r in PromReturn.objects.select_related("instrument")}
    assert result.return_import.rows_written == 6 == len(written)
    reqol = written["2025-02-03"]
    scored = score("REQOL10", [0, 1, 2, 3, 4, 3, 2, 1, 0, 4, None])
    assert (reqol.answers, reqol.raw, reqol.total, reqol.has_risk_answer) == (
        [0, 1, 2, 3, 4, 3, 2, 1, 0, 4, None], scored.raw, scored.total, True,
    )  # fmt: skip
    dialog = written["2025-05-05"]
    scored = score("DIALOG", [7, 6, 5, 4, 3, 2, 1, 1, 2, 3, 4])
    assert (dialog.raw, dialog.total, dialog.life_domain_mean, dialog.treatment_mean) == (
        None, scored.total, scored.subscales["life"], scored.subscales["treatment"],
    )  # fmt: skip
    assert dialog.additional_help == []
    assert {(r.completion, r.entered_by_id, r.return_import_id) for r in written.values()} == {
        ("imported", evaluation.pk, result.return_import.pk)
    }
    # Raw 21 is 19.25 on the metric scale (the University of Warwick's SWEMWBS conversion table).
    assert (written["2025-01-06"].raw, written["2025-01-06"].total) == (21.0, 19.25)


def test_a_file_kept_by_an_earlier_release_is_no_longer_kept(evaluation, persona_team, serviceuser_record):
    staged, _content = staging.stage(
        upload=SimpleUploadedFile("r.csv", returns_csv([swemwbs_row(serviceuser_record, persona_team)])),
        user=evaluation,
    )
    services.staged_file_check(staged=staged, user=evaluation)
    staging._replace(staged.rows_path, b'{"kind":"csv","rows":[[2,["SWEMWBS"]]],"letters":{}}')

    assert staging.staged_checked(staged) is None
