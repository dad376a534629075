"""The XmR analysis against published reference outputs, point by point and limit by limit.

The cases are data in ``spc_reference/``, each with where it came from: NHSRplotthedots' own published
snapshots and tests (trends, runs, two of three, assurance), the Python port's published unit vectors, and
series built for the Trust's measures run through NHSRplotthedots' own code (``run_nhsrplotthedots.py``),
each with the months where the portal differs from it because the Making Data Count tools differ (ADR 0021).
"""

import json
from pathlib import Path

import pytest

from evaluation.spc import Better, xmr
from recovery_portal.mdc_icons import AssuranceIcon, assurance_from_limits

REFERENCE = Path(__file__).parent / "spc_reference"


def _cases(name):
    data = json.loads((REFERENCE / name).read_text())
    return [pytest.param(case, id=case["name"]) for case in data["cases"]]


def _analyse(case):
    return xmr(
        case["values"],
        better=Better(case["better"]),
        rebase=case.get("rebase", ()),
        baseline=case.get("baseline"),
        **({"minimum_points": case["minimum_points"]} if "minimum_points" in case else {}),
    )


def _check_limits(case, result):
    assert len(result.periods) == len(case["expected"]["periods"])
    for period, expected in zip(result.periods, case["expected"]["periods"], strict=True):
        assert period.mean == pytest.approx(expected["mean"], abs=case["tolerance"])
        if "has_limits" in expected:
            assert period.has_limits is expected["has_limits"]
        for limit in ("lower_limit", "upper_limit", "lower_close", "upper_close", "mean_moving_range"):
            if limit not in expected:
                continue
            tolerance = case.get("tolerance_limits", case.get(f"tolerance_{limit}", case["tolerance"]))
            if expected[limit] is None:
                assert getattr(period, limit) is None, limit
            else:
                assert getattr(period, limit) == pytest.approx(expected[limit], abs=tolerance), limit


def _check_points(case, result):
    if case["expected"]["variation"] is None:
        return  # the reference published limits only
    got = [None if p.value is None else p.variation.value for p in result.points]
    assert got == case["expected"]["variation"]


@pytest.mark.parametrize("case", _cases("nhsrplotthedots_snaps.json"))
def test_nhsrplotthedots_published_snapshots(case):
    result = _analyse(case)
    _check_limits(case, result)
    _check_points(case, result)


@pytest.mark.parametrize("case", _cases("nhspy_limits.json"))
def test_python_port_published_limits(case):
    _check_limits(case, _analyse(case))


@pytest.mark.parametrize("case", _cases("nhsrplotthedots_trend_rules.json"))
def test_nhsrplotthedots_published_trends(case):
    result = xmr(case["values"], better=Better.HIGHER, minimum_points=2)

    assert [p.in_trend for p in result.points] == case["in_trend"]
    for point in result.points:
        if point.in_trend:
            assert point.trend_direction == case["direction"]


@pytest.mark.parametrize("case", _cases("nhsrplotthedots_run_rules.json"))
def test_nhsrplotthedots_published_runs(case):
    result = xmr(case["values"], better=Better.HIGHER, minimum_points=2)

    assert [p.in_run for p in result.points] == case["in_run"]


@pytest.mark.parametrize("case", _cases("nhsrplotthedots_two_of_three.json"))
def test_nhsrplotthedots_published_two_of_three(case):
    result = xmr(case["values"], better=Better(case["better"]))

    for month, variation in case["expected_at"].items():
        assert result.points[int(month)].variation.value == variation
    limits = case["expected_limits"]
    (period,) = result.periods
    for name in ("mean", "lower_limit", "upper_limit"):
        assert getattr(period, name) == pytest.approx(limits[name], abs=limits["tolerance"]), name


@pytest.mark.parametrize("case", _cases("nhsrplotthedots_assurance.json"))
def test_nhsrplotthedots_published_assurance(case):
    lower, _mean, upper = case["periods"][-1]  # the latest period's limits

    got = assurance_from_limits(
        lower=lower, upper=upper, target=case["target"], better=Better(case["better"])
    )

    assert got is AssuranceIcon(case["expected"])


@pytest.mark.parametrize("case", _cases("nhsrplotthedots_runs.json"))
def test_series_run_through_nhsrplotthedots(case):
    """The portal's output on each series: NHSRplotthedots' limits wherever a period has 13 months or more
    (its mean below that), and its point types except at the months the case lists."""
    result = _analyse(case)
    _check_limits(case, result)
    _check_points(case, result)
    reference = case["nhsrplotthedots"]["periods"]
    assert len(result.periods) == len(reference)
    for period, theirs in zip(result.periods, reference, strict=True):
        assert period.mean == pytest.approx(theirs["mean"], abs=1e-6)
        if period.has_limits:
            assert period.lower_limit == pytest.approx(theirs["lower_limit"], abs=1e-6)
            assert period.upper_limit == pytest.approx(theirs["upper_limit"], abs=1e-6)


def test_every_difference_from_nhsrplotthedots_is_explained():
    data = json.loads((REFERENCE / "nhsrplotthedots_runs.json").read_text())
    assert len(data["cases"]) >= 20
    assert data["source"]["run"].startswith("R ")
    for case in data["cases"]:
        reference = case["nhsrplotthedots"]["point_type"]
        neutral = {
            "special_cause_higher": "special_cause_neutral_high",
            "special_cause_lower": "special_cause_neutral_low",
        }
        differing = [
            i
            for i, ours in enumerate(case["expected"]["variation"])
            if ours is not None and neutral.get(ours, ours) != reference[i]
        ]
        assert differing == case.get("differs_from_nhsrplotthedots_at", [])
        if differing:
            assert case["note"]
