"""Issue 16, point 4: no threshold is used without a checked published source, and each measure says what
its sources give about classifying change (migration 0028): ReQoL-10's unsourced 5 points is withdrawn;
QPR-15, DIALOG and ReQoL-10 say why change is not classified; SWEMWBS and WEMWBS why there is no
meaningful change category. Shown on the measures page and in the method note."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from evaluation.models import ChangeThreshold, Instrument
from evaluation.scoring import ChangeCategory, classify_change
from evaluation.selectors import threshold_notes

pytestmark = pytest.mark.django_db

migration = importlib.import_module("evaluation.migrations.0028_change_notes_and_unsourced_reqol_threshold")


def _as_first_configured():
    """ReQoL-10 as 0002 left it: 5 points from "ReQoL scoring guidance", and no notes."""
    ChangeThreshold.objects.filter(instrument__code="REQOL10", kind="reliable_change").update(is_active=True)
    Instrument.objects.update(change_note="")


def test_reqol_10_change_was_classified_on_an_unchecked_value_and_is_not_after_the_migration():
    _as_first_configured()
    assert classify_change("REQOL10", 20, 26).category == ChangeCategory.IMPROVEMENT

    migration.write_notes(apps, None)

    assert classify_change("REQOL10", 20, 26).category is None
    withdrawn = ChangeThreshold.objects.get(instrument__code="REQOL10", kind="reliable_change")
    assert not withdrawn.is_active  # kept, as every threshold is
    assert "reqol.org.uk" in Instrument.objects.get(code="REQOL10").change_note


def test_a_value_or_note_the_evaluation_team_entered_is_left_as_it_is():
    _as_first_configured()
    ChangeThreshold.objects.filter(instrument__code="REQOL10", kind="reliable_change").update(
        source="ReQoL scoring guidance v2, page 4 (checked by the evaluation team)"
    )
    Instrument.objects.filter(code="QPR15").update(change_note="The evaluation team's own note.")

    migration.write_notes(apps, None)

    assert ChangeThreshold.objects.get(instrument__code="REQOL10", kind="reliable_change").is_active
    assert Instrument.objects.get(code="QPR15").change_note == "The evaluation team's own note."


def test_undoing_the_migration_restores_the_first_configuration():
    migration.remove_notes(apps, None)
    assert ChangeThreshold.objects.get(instrument__code="REQOL10", kind="reliable_change").is_active
    assert not Instrument.objects.exclude(change_note="").exists()


def test_every_measure_without_reliable_change_says_why():
    for instrument in Instrument.objects.filter(kind="prom"):
        classified = instrument.thresholds.filter(kind="reliable_change", is_active=True).exists()
        if not classified:
            assert instrument.change_note.startswith("Change is not classified."), instrument.code


def test_the_measures_page_and_the_method_note_say_what_each_source_gives(client, personas):
    client.force_login(personas["clinician"])
    page = client.get(reverse("measures:index")).content.decode()

    def section(name):
        start = page.index(f"({name})</h2>")
        return page[start : page.index("</dl>", start)]

    reqol = section("ReQoL-10")
    assert "Not classified" in reqol and "reqol.org.uk" in reqol and "A change of 5 points" not in reqol
    assert "Law et al. 2014" in section("QPR-15")
    assert "no reliable change value" in section("DIALOG")
    swemwbs = section("SWEMWBS")
    assert "A change of 3 points or more either way" in swemwbs
    assert "No meaningful change category" in swemwbs and "Shah et al. 2018" in swemwbs
    notes = " ".join(threshold_notes())
    for code in ("REQOL10", "QPR15", "DIALOG", "SWEMWBS", "WEMWBS"):
        instrument = Instrument.objects.get(code=code)
        assert f"{instrument.short_name}: {instrument.change_note}" in notes
