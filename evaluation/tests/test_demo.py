"""The demo measures: two years of returns with pairs, Daniel's own, FFT mostly positive, a risk answer
followed up, and a second run that changes nothing."""

import io
from statistics import mean

import pytest
from django.core.management import call_command

from evaluation.models import PremReturn, PromReturn
from evaluation.selectors import fft_summary, measure_change
from recovery_portal.financial_year import FinancialYear
from recovery_portal.models import FollowUpTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_measures_look_like_a_trusts(seeded):
    # Seeding takes a while, so one test checks everything a first seed gives.
    current = FinancialYear.current()
    for year in (current.previous(), current):
        swemwbs = measure_change(year=year)[0]
        assert swemwbs.code == "SWEMWBS" and swemwbs.returns > 20 and swemwbs.people_paired > 3

    # SWEMWBS starts near 19 (a clinical sample) and rises by 2 to 5 metric points.
    by_person: dict[int, list[float]] = {}
    for prom_return in PromReturn.objects.filter(instrument__code="SWEMWBS").order_by("completed_on", "id"):
        by_person.setdefault(prom_return.person_id, []).append(prom_return.total)
    assert 17 <= mean(scores[0] for scores in by_person.values()) <= 21
    assert 2 <= mean(scores[-1] - scores[0] for scores in by_person.values() if len(scores) > 1) <= 5

    # Daniel (the serviceuser login) has returns on four instruments, one completed himself.
    daniel = PromReturn.objects.filter(person__user__username="serviceuser")
    assert set(daniel.values_list("instrument__code", flat=True)) == {"SWEMWBS", "REQOL10", "DIALOG", "QPR15"}
    assert daniel.filter(completion="self").exists()

    summary = fft_summary(year=current.previous())
    assert 0.80 <= summary.positive / summary.responses <= 0.95

    risky = PromReturn.objects.get(has_risk_answer=True)
    assert FollowUpTask.objects.filter(key__startswith=f"measures:risk:{risky.pk}:").exists()


def test_running_the_seed_again_changes_nothing(seeded, settings):
    counts = (PromReturn.objects.count(), PremReturn.objects.count(), FollowUpTask.objects.count())
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    assert (PromReturn.objects.count(), PremReturn.objects.count(), FollowUpTask.objects.count()) == counts
