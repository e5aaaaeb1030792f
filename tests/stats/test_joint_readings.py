"""Tests for analysis.stats.joint_readings against closed forms at the polygon's corners and brute force."""

import math
from statistics import NormalDist

import numpy as np
import pytest

from analysis.stats.joint_readings import events_log_ratio_se, wald_readings

Z = NormalDist().inv_cdf(0.975)


def _wald_p(low, high):
    """Wald p of the reading with bounds (low, high) and the estimate at their geometric centre."""
    se = math.log(high / low) / (2 * Z)
    return 2 * (1 - NormalDist().cdf(abs(math.log(low * high)) / 2 / se))


def _brute_force(estimate, low, high, h, h_ci, points=601):
    """Wald readings on a dense grid of (L, U) with sqrt(L U) within the estimate's rounding."""
    ls, us = np.meshgrid(np.linspace(low - h_ci, low + h_ci, points), np.linspace(high - h_ci, high + h_ci, points))
    centre = np.sqrt(ls * us)
    keep = (centre >= estimate - h) & (centre <= estimate + h)
    se = np.log(us / ls)[keep] / (2 * Z)
    p = np.array([_wald_p(a, b) for a, b in zip(ls[keep], us[keep], strict=True)])
    return se, p


def test_kim2021_corners_in_closed_form():
    # HR 0.05 (0.01 to 0.35): the widest Wald reading has U = 0.355 and L = 0.045**2 / 0.355 (E at its lowest);
    # the narrowest with the estimate farthest from 1 is U = 0.345, L = 0.055**2 / 0.345 (E at its highest)...
    readings = wald_readings(0.05, 0.01, 0.35, 2)
    assert readings.exists
    assert readings.se_max == pytest.approx(math.log(0.355 ** 2 / 0.045 ** 2) / (2 * Z), rel=1e-9)
    assert readings.p_max == pytest.approx(_wald_p(0.045 ** 2 / 0.355, 0.355), rel=1e-9)
    assert readings.p_min == pytest.approx(_wald_p(0.055 ** 2 / 0.345, 0.345), rel=1e-9)
    # ...the figures: largest SE 1.054, Wald p 0.002 to 0.0033
    assert round(readings.se_max, 3) == 1.054
    assert (round(readings.p_min, 4), round(readings.p_max, 4)) == (0.002, 0.0033)


def test_ranges_match_a_dense_grid():
    # The grid lies inside the exact region, so its ranges sit within the exact ones and approach them.
    for estimate, low, high in [(0.05, 0.01, 0.35), (0.60, 0.40, 0.90), (0.09, 0.07, 0.13), (1.0, 0.5, 2.0)]:
        h = 0.005 if estimate < 1 else 0.05
        readings = wald_readings(estimate, low, high, 2 if estimate < 1 else 1)
        se, p = _brute_force(estimate, low, high, h, h)
        assert readings.se_min <= se.min() + 1e-12 and se.max() <= readings.se_max + 1e-12
        assert readings.p_min <= p.min() + 1e-12 and p.max() <= readings.p_max + 1e-12
        assert se.max() == pytest.approx(readings.se_max, rel=5e-3)
        assert p.max() == pytest.approx(readings.p_max, rel=5e-2)


def test_no_wald_reading_of_an_asymmetric_ci():
    # 0.50 (0.40 to 0.90): E / sqrt(L U) is at most 0.505 / sqrt(0.395 x 0.895) = 0.849 < 1.
    assert not wald_readings(0.50, 0.40, 0.90, 2).exists


def test_a_p_window_and_an_se_window_keep_only_the_readings_in_them():
    # HR 0.05 (0.01 to 0.35): every Wald p is in [0.00196, 0.00325], so p = 0.0002 (0.00015 to 0.00025) fits none,
    # while p = 0.003 (0.0025 to 0.0035) fits; the SE of 1 and 6 events, sqrt(7/6) = 1.0801, exceeds 1.0538.
    assert not wald_readings(0.05, 0.01, 0.35, 2, p=(0.00015, 0.00025)).exists
    fitting = wald_readings(0.05, 0.01, 0.35, 2, p=(0.0025, 0.0035))
    assert fitting.exists and fitting.p_min == pytest.approx(0.0025, rel=1e-6)
    assert not wald_readings(0.05, 0.01, 0.35, 2, se=(events_log_ratio_se(1, 6), math.inf)).exists
    assert wald_readings(0.05, 0.01, 0.35, 2, se=(1.0, math.inf)).se_min == pytest.approx(1.0, rel=1e-9)


def test_ci_decimals_differ_from_the_estimate():
    # 0.45 (0.2 to 0.9): the bounds at one decimal stand for [0.15, 0.25] and [0.85, 0.95]; sqrt(0.2 x 0.9) =
    # 0.424 is outside [0.445, 0.455], but sqrt(0.25 x 0.85) = 0.461 lies above it: a Wald reading exists.
    # Read at two decimals (0.20 to 0.90) the geometric centre reaches at most sqrt(0.205 x 0.905) = 0.4307: none.
    assert wald_readings(0.45, 0.2, 0.9, 2, ci_decimals=1).exists
    assert not wald_readings(0.45, 0.20, 0.90, 2).exists


def test_an_estimate_that_may_be_1_has_wald_p_1():
    assert wald_readings(1.0, 0.5, 2.0, 1).p_max == 1.0


def test_arguments_are_named():
    with pytest.raises(ValueError, match="low must be below high"):
        wald_readings(0.5, 0.9, 0.4, 1)
    with pytest.raises(ValueError, match="estimate printed as 0.0"):
        wald_readings(0.0, 0.1, 0.4, 1)
    with pytest.raises(ValueError, match="se must be a window"):
        wald_readings(0.5, 0.4, 0.6, 1, se=(2.0, 1.0))
    with pytest.raises(ValueError, match="events_b"):
        events_log_ratio_se(1, 0)
