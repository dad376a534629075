"""Reliable change for WEMWBS and SWEMWBS as NHS Digital publishes it in national statistics.

WEMWBS was configured with 3 points, the standard error of measurement rather than the reliable change
(2.77 x SEM): NHS Digital uses 9 (8.55 rounded), so a change of 4 points is no reliable change. SWEMWBS keeps
3 (2.87 rounded), now with NHS Digital named beside Shah et al. 2018. Since every classification is worked
out from the active threshold when the figures are read, correcting the threshold rows corrects every
classification shown. A value the evaluation team has set themselves (anything but the old 3) is left as
it is; the reverse leaves the corrected rows, since the old WEMWBS value was wrong.
"""

from django.db import migrations

NHS_DIGITAL_URL = "https://github.com/NHSDigital/mental-health-bulletin"
CORRECTIONS = {
    "WEMWBS": (
        9.0,
        "NHS Digital, Mental Health Bulletin (children and young people's outcomes, reliable change compared "
        "as ABS(change) >= threshold): 9 points (2.77 x SEM = 8.55, rounded). Maheswaran et al. 2012, Health "
        "Qual Life Outcomes 10:156, give the SEM (2.4 to 3.1 points).",
    ),
    "SWEMWBS": (
        3.0,
        "NHS Digital, Mental Health Bulletin (children and young people's outcomes): 3 metric points. Shah et "
        "al. 2018, Health Qual Life Outcomes 16:239: 2.77 x SEM = 2.87 metric points, rounded to 3.",
    ),
}
OLD_VALUE = 3.0  # what 0002 configured for both


def correct_thresholds(apps, schema_editor):
    ChangeThreshold = apps.get_model("evaluation", "ChangeThreshold")
    for code, (value, source) in CORRECTIONS.items():
        ChangeThreshold.objects.filter(
            instrument__code=code, kind="reliable_change", measure="total", is_active=True, value=OLD_VALUE
        ).update(value=value, source=source, source_url=NHS_DIGITAL_URL)


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0025_spc_limit_change_reason_limit")]

    operations = [migrations.RunPython(correct_thresholds, migrations.RunPython.noop)]
