"""Reliable change and cut-off crossing, at, just below and just above the configured thresholds."""

import pytest

from evaluation.models import ChangeThreshold, Instrument
from evaluation.scoring import ChangeCategory, Thresholds, classify_change, thresholds_by_code

IMPROVED, SAME, WORSE = ChangeCategory.IMPROVEMENT, ChangeCategory.NO_CHANGE, ChangeCategory.DETERIORATION


@pytest.mark.parametrize(
    ("first", "latest", "expected"),
    [
        (19.25, 22.25, IMPROVED),  # exactly +3: at the threshold counts
        (19.25, 22.24, SAME),  # just below
        (19.25, 22.26, IMPROVED),  # just above
        (19.35, 22.35, IMPROVED),  # 22.35 - 19.35 is 2.9999999 in floating point, and still +3
        (22.25, 19.25, WORSE),  # exactly -3
        (22.24, 19.25, SAME),  # -2.99
        (22.26, 19.25, WORSE),  # -3.01
        (20.0, 20.0, SAME),
    ],
)
@pytest.mark.django_db
def test_swemwbs_reliable_change_at_the_configured_3_points(first, latest, expected):
    assert classify_change("SWEMWBS", first, latest).category == expected


@pytest.mark.parametrize(
    ("first", "latest", "expected"),
    [
        (20, 25, IMPROVED),
        (20, 24, SAME),
        (20, 26, IMPROVED),
        (25, 20, WORSE),
        (24, 20, SAME),
        (26, 20, WORSE),
    ],
)
@pytest.mark.django_db
def test_reqol_reliable_change_at_a_value_the_evaluation_team_configures(first, latest, expected):
    # No ReQoL-10 value is configured until one with a checked source is entered (migration 0028); the
    # rule applies whatever value is entered, here 5 points.
    ChangeThreshold.objects.create(
        instrument=Instrument.objects.get(code="REQOL10"), kind="reliable_change", value=5.0, direction="both",
        source="Entered by the Recovery Evaluation Team from the ReQoL scoring guidance (test value).",
    )  # fmt: skip
    assert classify_change("REQOL10", first, latest).category == expected


@pytest.mark.django_db
def test_reqol_change_is_not_classified_without_a_checked_value():
    assert classify_change("REQOL10", 20, 30).category is None


@pytest.mark.parametrize(
    ("first", "latest", "crossed"),
    [
        (20, 24, "out_of"),  # 24 is not below the cut-off of 24
        (20, 23, None),  # still below
        (23, 24, "out_of"),
        (24, 23, "into"),
        (24, 30, None),
        (30, 25, None),
    ],
)
@pytest.mark.django_db
def test_reqol_crossing_the_clinical_cut_off_of_24(first, latest, crossed):
    change = classify_change("REQOL10", first, latest)
    assert change.crossed == crossed
    if crossed == "out_of":
        assert change.crossing_text == "Moved out of the clinical range"


@pytest.mark.django_db
def test_dialog_crossing_the_neutral_point_uses_the_life_domain_threshold():
    change = classify_change("DIALOG", 3.5, 4.25, measure="life")
    assert change.crossed == "out_of"
    assert change.category is None  # no reliable-change value is configured for DIALOG
    assert change.label == "Not classified (no threshold configured)"


@pytest.mark.django_db
def test_thresholds_are_configuration_read_from_the_database():
    row = ChangeThreshold.objects.get(instrument__code="SWEMWBS", kind="reliable_change")
    row.value = 2.0
    row.save()
    assert classify_change("SWEMWBS", 20, 22).category == IMPROVED
    row.is_active = False
    row.save()
    assert classify_change("SWEMWBS", 20, 30).category is None


@pytest.mark.django_db
def test_an_at_or_below_cut_off_includes_the_value(django_assert_num_queries):
    ChangeThreshold.objects.filter(instrument__code="REQOL10", kind="cut_off").update(direction="at_or_below")
    with django_assert_num_queries(1):
        thresholds = thresholds_by_code()
    assert thresholds["REQOL10"].cut_off_inclusive
    assert classify_change("REQOL10", 24, 25, thresholds=thresholds["REQOL10"]).crossed == "out_of"


def test_thresholds_passed_in_need_no_database():
    given = Thresholds(reliable_change=3.0)
    assert classify_change("WEMWBS", 40, 43, thresholds=given).category == IMPROVED
    assert classify_change("WEMWBS", 40, 42, thresholds=given).category == SAME


@pytest.mark.django_db
def test_every_threshold_row_names_its_source():
    assert ChangeThreshold.objects.count() >= 5
    for row in ChangeThreshold.objects.all():
        assert row.source.strip(), row
    assert set(
        Instrument.objects.filter(thresholds__kind="reliable_change").values_list("code", flat=True)
    ) == {
        "SWEMWBS",
        "WEMWBS",
        "REQOL10",
    }
