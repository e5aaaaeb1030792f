"""wald_readings field by field, with the SE and p windows a caller passes, its refusals, and events_log_ratio_se,
against closed forms at the corners of the rounding box (statistics.NormalDist for z and Phi).

The box used throughout: 1 (0.5 to 2.0), the estimate at no decimals (0.5 to 1.5) and the bounds at one
(L in [0.45, 0.55], U in [1.95, 2.05]). Every centre sqrt(L U) lies in [0.937, 1.062], inside the estimate's
rounding, so the Wald readings are the whole box: each range is taken at its corners."""

import dataclasses
import math
from statistics import NormalDist

import pytest

from analysis.stats.joint_readings import events_log_ratio_se, wald_readings

Z = NormalDist().inv_cdf(0.975)
BOX = (1, 0.5, 2.0, 0)


def _se(low, high, z=Z):
    return math.log(high / low) / (2 * z)


def _p(low, high):
    """Wald p of the reading with bounds (low, high): z |ln L + ln U| / (ln U - ln L) against the normal."""
    return 2 * (1 - NormalDist().cdf(Z * abs(math.log(low * high)) / math.log(high / low)))


def test_every_field_of_a_box_the_estimate_does_not_bound():
    readings = wald_readings(*BOX, ci_decimals=1)
    assert readings.exists
    assert (readings.low_min, readings.low_max) == (pytest.approx(0.45), pytest.approx(0.55))
    assert (readings.high_min, readings.high_max) == (pytest.approx(1.95), pytest.approx(2.05))
    assert readings.estimate_min == pytest.approx(math.sqrt(0.45 * 1.95))
    assert readings.estimate_max == pytest.approx(math.sqrt(0.55 * 2.05))
    # narrowest CI 0.55 to 1.95, widest 0.45 to 2.05
    assert readings.se_min == pytest.approx(_se(0.55, 1.95)) and readings.se_max == pytest.approx(_se(0.45, 2.05))
    # z |l + u| / (u - l) at the corners: (0.55, 2.05) 0.1786, (0.45, 1.95) 0.1747, (0.45, 2.05) 0.1044,
    # (0.55, 1.95) 0.1084: the smallest p at (0.55, 2.05); the estimate 1 (l + u = 0) gives p = 1.
    assert readings.p_min == pytest.approx(_p(0.55, 2.05)) and readings.p_max == 1.0


def test_the_level_sets_the_z_of_the_se():
    z90 = NormalDist().inv_cdf(0.95)
    readings = wald_readings(*BOX, ci_decimals=1, level=0.90)
    assert readings.se_max == pytest.approx(_se(0.45, 2.05, z90))
    assert readings.se_min == pytest.approx(_se(0.55, 1.95, z90))


def test_an_se_window_within_the_box_bounds_the_se():
    # The box's SEs run from 0.3229 to 0.3868.
    readings = wald_readings(*BOX, ci_decimals=1, se=(0.33, 0.37))
    assert readings.exists
    assert (readings.se_min, readings.se_max) == (pytest.approx(0.33), pytest.approx(0.37))


def test_an_se_window_of_one_value_and_one_from_0():
    point = wald_readings(*BOX, ci_decimals=1, se=(0.35, 0.35))
    assert point.exists and point.se_min == pytest.approx(0.35) and point.se_max == pytest.approx(0.35)
    from_0 = wald_readings(*BOX, ci_decimals=1, se=(0.0, 0.35))
    assert from_0.se_min == pytest.approx(_se(0.55, 1.95)) and from_0.se_max == pytest.approx(0.35)


@pytest.mark.parametrize("se", [(0.39, math.inf), (0.0, 0.32)])
def test_an_se_window_outside_the_box_leaves_no_reading(se):
    readings = wald_readings(*BOX, ci_decimals=1, se=se)
    assert readings.exists is False
    # every other field is nan, as the docstring says
    numbers = [getattr(readings, field.name) for field in dataclasses.fields(readings) if field.name != "exists"]
    assert len(numbers) == 10 and all(isinstance(x, float) and math.isnan(x) for x in numbers)


def test_a_p_window_short_of_1_keeps_the_readings_off_the_estimate_1():
    # Printed p 0.94 (0.935 to 0.945 here 0.94 to 0.95): the readings with estimate 1 have p = 1, outside the window,
    # so the largest p over the readings is the window's top, not 1.
    readings = wald_readings(*BOX, ci_decimals=1, p=(0.94, 0.95))
    assert readings.exists
    assert (readings.p_min, readings.p_max) == (pytest.approx(0.94), pytest.approx(0.95))


def test_a_p_window_reaching_1_keeps_the_estimate_1():
    readings = wald_readings(*BOX, ci_decimals=1, p=(0.94, 1.0))
    assert (readings.p_min, readings.p_max) == (pytest.approx(0.94), 1.0)


def test_a_p_window_from_0_keeps_the_smallest_p():
    # p in [0, 0.9]: the smallest p of the box, at (0.55, 2.05), stays; the largest is 0.9.
    readings = wald_readings(*BOX, ci_decimals=1, p=(0.0, 0.9))
    assert (readings.p_min, readings.p_max) == (pytest.approx(_p(0.55, 2.05)), pytest.approx(0.9))


def test_a_p_window_below_the_box_leaves_no_reading():
    # The box's smallest p is 0.858.
    assert not wald_readings(*BOX, ci_decimals=1, p=(0.5, 0.85)).exists


def test_bounds_that_touch_give_a_reading_of_width_0():
    # 1.5 (1 to 2), the bounds at no decimals: L may be 1.5 and U 1.5 (the centre 1.5 prints as the estimate), a CI
    # of width 0: SE 0 and a Wald statistic without bound, p 0.
    readings = wald_readings(1.5, 1, 2, 1, ci_decimals=0)
    assert readings.exists
    assert (readings.se_min, readings.p_min) == (0.0, 0.0)
    assert readings.low_max == pytest.approx(1.5) and readings.high_min == pytest.approx(1.5)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: wald_readings(0.5, 0.4, 0.6, -1), r"^decimals must be a non-negative integer, got -1"),
    (lambda: wald_readings(0.5, 0.4, 0.6, 1, ci_decimals=-1), r"^ci_decimals must be a non-negative integer, got -1"),
    (lambda: wald_readings(0.5, 0.4, 0.6, 1, level=1.0), r"^level must be strictly between 0 and 1, got 1.0"),
    (lambda: wald_readings(0.5, 0.4, 0.6, 1, se=(-0.1, 1.0)),
     r"^se must be a window \(low, high\) with 0 <= low <= high, got \(-0.1, 1.0\)"),
    (lambda: wald_readings(0.5, 0.4, 0.6, 1, p=(0.5, 1.5)), r"^p"),
    (lambda: wald_readings(0.0, 0.1, 0.4, 1), r"^estimate printed as 0.0 at 1 decimals may be 0: no log-scale reading"),
    (lambda: wald_readings(0.04, 0.1, 0.4, 1, ci_decimals=1),
     r"^estimate has more than 1 decimals, got 0.04"),
    # the bounds are checked positive before: only the estimate's rounding can reach 0
    (lambda: wald_readings(0.5, 0.0, 0.9, 1), r"^low must be positive, got 0.0"),
])
def test_refusals_name_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_the_se_of_a_log_ratio_from_events():
    # sqrt(1 / 4 + 1 / 9) = sqrt(13 / 36)
    assert events_log_ratio_se(4, 9) == pytest.approx(math.sqrt(13) / 6)


@pytest.mark.parametrize(("events", "name"), [((0, 9), "events_a"), ((4, 0), "events_b")])
def test_events_must_be_positive_counts(events, name):
    with pytest.raises(ValueError, match=rf"^{name} must be a positive integer, got 0"):
        events_log_ratio_se(*events)


@pytest.mark.parametrize(("bounds", "message"), [((0.04, 0.9), r"^low has more than 1 decimals, got 0.04"),
                                                 ((0.4, 0.95), r"^high has more than 1 decimals, got 0.95")])
def test_a_bound_with_more_decimals_than_printed_is_named(bounds, message):
    with pytest.raises(ValueError, match=message):
        wald_readings(0.5, *bounds, 1)
