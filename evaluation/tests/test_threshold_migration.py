"""The data migration correcting WEMWBS reliable change to NHS Digital's 9 points (issue 16, HAZ-052)."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from evaluation.models import ChangeThreshold
from evaluation.scoring import ChangeCategory, classify_change

pytestmark = pytest.mark.django_db

migration = importlib.import_module("evaluation.migrations.0026_published_reliable_change_thresholds")


def _as_first_configured():
    """The rows as 0002 left them: WEMWBS 3 points, the standard error rather than the reliable change."""
    ChangeThreshold.objects.filter(instrument__code__in=["WEMWBS", "SWEMWBS"], kind="reliable_change").update(
        value=3.0, source="as first configured"
    )


def test_a_wemwbs_change_of_4_was_reliable_deterioration_and_is_not_after_the_correction():
    _as_first_configured()
    assert classify_change("WEMWBS", 50, 46).category == ChangeCategory.DETERIORATION

    migration.correct_thresholds(apps, None)

    wemwbs = ChangeThreshold.objects.get(instrument__code="WEMWBS", kind="reliable_change", is_active=True)
    assert wemwbs.value == 9.0 and "NHS Digital" in wemwbs.source and "8.55" in wemwbs.source
    assert classify_change("WEMWBS", 50, 46).category == ChangeCategory.NO_CHANGE
    # NHS Digital compares ABS(change) >= threshold: 9 points is reliable either way.
    assert classify_change("WEMWBS", 50, 41).category == ChangeCategory.DETERIORATION
    assert classify_change("WEMWBS", 41, 50).category == ChangeCategory.IMPROVEMENT
    swemwbs = ChangeThreshold.objects.get(instrument__code="SWEMWBS", kind="reliable_change", is_active=True)
    assert swemwbs.value == 3.0 and "2.87" in swemwbs.source and "NHS Digital" in swemwbs.source


def test_a_value_the_evaluation_team_set_is_left_as_it_is():
    ChangeThreshold.objects.filter(instrument__code="WEMWBS", kind="reliable_change").update(value=7.0)
    migration.correct_thresholds(apps, None)
    assert ChangeThreshold.objects.get(instrument__code="WEMWBS", kind="reliable_change").value == 7.0


def test_the_migrated_database_holds_the_published_values():
    found = {
        t.instrument.code: t.value
        for t in ChangeThreshold.objects.filter(kind="reliable_change", is_active=True).select_related(
            "instrument"
        )
    }
    assert found["WEMWBS"] == 9.0 and found["SWEMWBS"] == 3.0


def test_the_measures_page_names_each_threshold_and_its_source_and_says_what_is_not_classified(
    client, personas
):
    client.force_login(personas["clinician"])
    page = client.get(reverse("measures:index")).content.decode()

    wemwbs = page[page.index("(WEMWBS)</h2>") : page.index("</dl>", page.index("(WEMWBS)</h2>"))]
    assert "A change of 9 points or more either way" in wemwbs
    assert "NHS Digital" in wemwbs and "8.55" in wemwbs
    reqol = page[page.index("(ReQoL-10)</h2>") : page.index("</dl>", page.index("(ReQoL-10)</h2>"))]
    assert "Scores below 24: clinical range" in reqol and "Franklin et al. 2021" in reqol
    qpr = page[page.index("(QPR-15)</h2>") : page.index("</dl>", page.index("(QPR-15)</h2>"))]
    assert "Not classified: no reliable change threshold from a published source" in qpr
