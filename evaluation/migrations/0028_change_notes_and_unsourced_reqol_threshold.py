"""What each measure's published sources say about classifying change, and ReQoL-10's unsourced threshold.

0002 configured ReQoL-10 reliable change as 5 points from "ReQoL scoring guidance", a value nobody could check
against that guidance. A threshold without a checked source is not used: it is made inactive (kept, as every
threshold is history), so ReQoL-10 change is not classified until the evaluation team enters the published
value with its source in admin. Each measure without a reliable change threshold, and SWEMWBS and WEMWBS
(whose sources define no meaningful change category), says why in its change note. A row or note the
evaluation team has changed is left as it is; the reverse empties only the notes this migration wrote.
"""

from django.db import migrations

UNSOURCED_REQOL = "ReQoL scoring guidance: reliable change index for ReQoL-10 of 5 points."

NOTES = {
    "REQOL10": (
        "Change is not classified. The ReQoL developers give reliable change and a minimal important "
        "difference for ReQoL-10 in the ReQoL scoring guidance (reqol.org.uk, on registration) and in "
        "Keetharuth et al., 'Recovering Quality of Life (ReQoL)', International Handbook of Behavioral Health "
        "Assessment (Springer, doi:10.1007/978-3-030-89738-3_13-1). The value could not be checked against "
        "either, so the 5 points configured before, which had no checked source, is not used. The Recovery "
        "Evaluation Team adds the published value, with its source, in admin."
    ),
    "QPR15": (
        "Change is not classified. The QPR papers this wording comes from (Neil et al. 2009; Law et al. 2014, "
        "the 15-item version) report its reliability and validity but give no reliable change value or "
        "minimal important difference that could be checked, so none is configured."
    ),
    "DIALOG": (
        "Change is not classified. DIALOG's published scoring (Priebe and colleagues, dialog.elft.nhs.uk) "
        "gives the meaning of a mean below, at or above 4 for the life and treatment scores, which is shown "
        "as a cut-off, but no reliable change value, so none is configured."
    ),
    "SWEMWBS": (
        "No meaningful change category: Shah et al. 2018 (Health Qual Life Outcomes 16:239) found that a "
        "change of 1 to 3 points meets thresholds for statistically important change depending on the "
        "standard used (1.03 points at 1 standard error, 2.87 at 2.77), and that studies anchored on what "
        "people themselves count as important are needed before calling a change meaningful. Change is "
        "classified by reliable change only."
    ),
    "WEMWBS": (
        "No meaningful change category: Maheswaran et al. 2012 (Health Qual Life Outcomes 10:156) judged "
        "responsiveness statistically and call for studies using external criteria of change, so no "
        "meaningful change is published. Change is classified by reliable change only."
    ),
}


def write_notes(apps, schema_editor):
    Instrument = apps.get_model("evaluation", "Instrument")
    ChangeThreshold = apps.get_model("evaluation", "ChangeThreshold")
    ChangeThreshold.objects.filter(
        instrument__code="REQOL10", kind="reliable_change", source=UNSOURCED_REQOL, value=5.0, is_active=True
    ).update(is_active=False)
    for code, note in NOTES.items():
        Instrument.objects.filter(code=code, change_note="").update(change_note=note)


def remove_notes(apps, schema_editor):
    Instrument = apps.get_model("evaluation", "Instrument")
    ChangeThreshold = apps.get_model("evaluation", "ChangeThreshold")
    for code, note in NOTES.items():
        Instrument.objects.filter(code=code, change_note=note).update(change_note="")
    replaced = ChangeThreshold.objects.filter(
        instrument__code="REQOL10", kind="reliable_change", measure="total", is_active=True
    ).exists()
    if not replaced:  # the evaluation team has not entered a published value since
        ChangeThreshold.objects.filter(
            instrument__code="REQOL10", kind="reliable_change", source=UNSOURCED_REQOL, value=5.0
        ).update(is_active=True)


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0027_instrument_change_note")]

    operations = [migrations.RunPython(write_notes, remove_notes)]
