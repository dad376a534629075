"""The annual report pipeline: progress by section, resuming, the attempt limit, and idempotence."""

from datetime import timedelta

import pytest
from django.utils import timezone

from evaluation.reports import compile as report_compile
from evaluation.reports import services
from evaluation.reports.contents import Source
from evaluation.reports.models import AnnualReportOutput, AnnualReportRun, AnnualReportSection, RunState
from evaluation.reports.sections import compile_order
from evaluation.reports.selectors import run_output

pytestmark = pytest.mark.django_db


def test_progress_advances_one_section_at_a_time_until_the_run_is_finished(queued_run, monkeypatch):
    seen = []
    save = services.annual_report_section_save

    def recording_save(**kwargs):
        run = save(**kwargs)
        seen.append((run.sections_done, run.state, AnnualReportOutput.objects.filter(run=run).exists()))
        return run

    monkeypatch.setattr(services, "annual_report_section_save", recording_save)

    run = report_compile.compile_run(run_id=queued_run.pk)

    total = len(compile_order())
    assert total == 8
    # Each section moves the bar on by one, and no output exists until the last section is saved.
    assert seen == [(n, RunState.RUNNING, False) for n in range(1, total + 1)]
    assert run.state == RunState.FINISHED and run.percent_done == 100
    assert run.sections.count() == total and run_output(run=run) is not None


def _flaky(section_key, monkeypatch, *, times=1):
    """Make one section raise the first ``times`` times it is compiled; returns the call log."""
    from evaluation.reports import contents

    calls = []
    sections = []
    for section in contents.SECTIONS:
        if section.key == section_key:
            original = section.compute

            def compute(year, done, original=original):
                calls.append(section_key)
                if len(calls) <= times:
                    raise RuntimeError("the database went away")
                return original(year, done)

            section = type(section)(section.key, section.title, compute)
        sections.append(section)
    monkeypatch.setattr(contents, "SECTIONS", sections)
    return calls


def test_a_run_stopped_after_section_k_resumes_at_k_plus_1_and_makes_one_report(queued_run, monkeypatch):
    calls = _flaky("college", monkeypatch)
    order = [section.key for section in compile_order()]
    k = order.index("college")

    with pytest.raises(RuntimeError):
        report_compile.compile_run(run_id=queued_run.pk)
    queued_run.refresh_from_db()
    assert queued_run.state == RunState.QUEUED and queued_run.sections_done == k
    assert "the database went away" in queued_run.error
    assert run_output(run=queued_run) is None

    before = {s.key: s.completed_at for s in queued_run.sections.all()}
    run = report_compile.compile_run(run_id=queued_run.pk)

    assert run.state == RunState.FINISHED and run.attempts == 2
    # The first k sections were kept, not compiled again; compiling carried on at section k + 1.
    assert {s.key: s.completed_at for s in run.sections.all() if s.key in before} == before
    assert calls == ["college", "college"]
    assert AnnualReportOutput.objects.filter(run=run).count() == 1
    assert AnnualReportSection.objects.filter(run=run).count() == len(order)


def test_a_worker_that_vanished_mid_run_is_replaced_and_the_run_finishes_once(queued_run):
    # A worker claims the run, saves two sections, then is killed: its lease runs out.
    lost = "worker-killed"
    run = services.annual_report_claim(run_id=queued_run.pk, worker=lost)
    for order, section in enumerate(compile_order()[:2]):
        figures = section.compute(Source(year=run.year, today=timezone.localdate()), {})
        services.annual_report_section_save(
            run=run, worker=lost, key=section.key, order=order, figures=figures, html=""
        )
    AnnualReportRun.objects.filter(pk=run.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))

    assert services.annual_report_runs_reap() == [run.pk]
    run.refresh_from_db()
    assert run.state == RunState.QUEUED and "stopped during attempt 1" in run.error

    finished = report_compile.compile_run(run_id=run.pk)

    assert finished.state == RunState.FINISHED and finished.attempts == 2
    assert AnnualReportOutput.objects.count() == 1
    # The vanished worker, should it wake, can no longer touch the run.
    with pytest.raises(services.LeaseLost):
        services.annual_report_heartbeat(run=run, worker=lost)


def test_a_live_lease_is_left_alone_by_a_second_worker_and_the_reaper(queued_run):
    services.annual_report_claim(run_id=queued_run.pk, worker="first")

    assert services.annual_report_claim(run_id=queued_run.pk, worker="second") is None
    assert services.annual_report_runs_reap() == []
    queued_run.refresh_from_db()
    assert queued_run.worker == "first" and queued_run.attempts == 1


def test_three_failed_attempts_fail_the_run_and_it_is_never_shown_finished(
    queued_run, monkeypatch, evaluation
):
    _flaky("team_plans", monkeypatch, times=99)

    for _ in range(3):
        with pytest.raises(RuntimeError):
            report_compile.compile_run(run_id=queued_run.pk)

    queued_run.refresh_from_db()
    assert queued_run.state == RunState.FAILED and queued_run.attempts == 3
    assert run_output(run=queued_run) is None and not AnnualReportOutput.objects.exists()
    assert report_compile.compile_run(run_id=queued_run.pk) is None  # a late message does nothing
    assert evaluation.follow_up_tasks.filter(title__contains="could not be compiled").count() == 1


def test_three_vanished_workers_fail_the_run(queued_run):
    for attempt in range(1, 4):
        run = services.annual_report_claim(run_id=queued_run.pk, worker=f"worker-{attempt}")
        assert run.attempts == attempt
        AnnualReportRun.objects.filter(pk=run.pk).update(
            lease_expires_at=timezone.now() - timedelta(seconds=1)
        )
        services.annual_report_runs_reap()

    queued_run.refresh_from_db()
    assert queued_run.state == RunState.FAILED
    assert "three attempts" in queued_run.error and not AnnualReportOutput.objects.exists()


def test_compiling_twice_over_unchanged_data_gives_the_same_figures_and_fingerprint(
    report_trust, report_year, evaluation
):
    first, _ = services.annual_report_start(year=report_year, by=evaluation, queue=False)
    first = report_compile.compile_run(run_id=first.pk)
    second, _ = services.annual_report_start(year=report_year, by=evaluation, queue=False)
    second = report_compile.compile_run(run_id=second.pk)

    assert first.pk != second.pk
    assert first.fingerprint == second.fingerprint and len(first.fingerprint) == 64
    assert {s.key: s.figures for s in first.sections.all()} == {
        s.key: s.figures for s in second.sections.all()
    }


def test_the_fingerprint_changes_when_the_figures_do(report_trust, report_year, evaluation):
    from workstreams.tests.factories import GoalFactory

    first, _ = services.annual_report_start(year=report_year, by=evaluation, queue=False)
    first = report_compile.compile_run(run_id=first.pk)
    GoalFactory()
    second, _ = services.annual_report_start(year=report_year, by=evaluation, queue=False)
    second = report_compile.compile_run(run_id=second.pk)

    assert first.fingerprint != second.fingerprint


def test_starting_a_year_already_under_way_joins_that_run(report_trust, report_year, evaluation, steering):
    first, created = services.annual_report_start(year=report_year, by=evaluation, queue=False)
    again, created_again = services.annual_report_start(year=report_year, by=steering, queue=False)

    assert created and not created_again and again.pk == first.pk


def test_the_schedule_starts_the_year_just_ended_once(report_trust):
    import datetime

    run = services.annual_report_schedule(today=datetime.date(2026, 5, 1))

    assert run.financial_year == 2025 and run.scheduled and run.requested_by is None
    assert services.annual_report_schedule(today=datetime.date(2026, 5, 1)) is None
