"""Tests for analysis.stats.joint_readings.difference_wald_readings: the Wald readings of a difference with its CI
and p on its own scale, against closed forms at the corners of the rounding box and a dense grid (brute force)."""

import math
from statistics import NormalDist

import numpy as np
import pytest

from analysis.stats.joint_readings import difference_wald_readings

Z = NormalDist().inv_cdf(0.975)


def _wald_p(low, high):
    """Wald p of the reading with bounds (low, high) and the estimate at their midpoint (Altman & Bland 2011)."""
    se = (high - low) / (2 * Z)
    return 2 * (1 - NormalDist().cdf(abs(low + high) / 2 / se))


def _brute_force(estimate, low, high, h, points=601):
    """Wald readings on a dense grid of (L, U) whose midpoint lies within the estimate's rounding."""
    ls, us = np.meshgrid(np.linspace(low - h, low + h, points), np.linspace(high - h, high + h, points))
    centre = (ls + us) / 2
    keep = (centre >= estimate - h) & (centre <= estimate + h)
    se = (us - ls)[keep] / (2 * Z)
    p = np.array([_wald_p(a, b) for a, b in zip(ls[keep], us[keep], strict=True)])
    return se, p


def test_corners_in_closed_form():
    # -1.5 (-2.0 to -1.0), one decimal: every (L, U) in [-2.05, -1.95] x [-1.05, -0.95] has its midpoint in
    # [-1.55, -1.45], so the readings are the whole box. Widest: U - L = 1.1, narrowest 0.9. |midpoint| / width at
    # the four corners: (-1.95, -1.05) 1.5 / 0.9 = 1.667, (-2.05, -1.05) 1.55 / 1.0, (-1.95, -0.95) 1.45 / 1.0,
    # (-2.05, -0.95) 1.5 / 1.1 = 1.364: the smallest p at the first, the largest at the last.
    readings = difference_wald_readings(-1.5, -2.0, -1.0, 1)
    assert readings.exists
    assert readings.se_min == pytest.approx(0.9 / (2 * Z), rel=1e-9)
    assert readings.se_max == pytest.approx(1.1 / (2 * Z), rel=1e-9)
    assert readings.p_min == pytest.approx(_wald_p(-1.95, -1.05), rel=1e-9)
    assert readings.p_max == pytest.approx(_wald_p(-2.05, -0.95), rel=1e-9)
    assert (readings.estimate_min, readings.estimate_max) == pytest.approx((-1.55, -1.45))


def test_ranges_match_a_dense_grid():
    # The grid lies inside the exact region, so its ranges sit within the exact ones and approach them.
    for estimate, low, high in [(-0.50, -0.70, -0.30), (0.40, 0.10, 0.70), (0.10, -0.07, 0.27), (2.5, 1.0, 4.0)]:
        decimals = 1 if estimate == 2.5 else 2
        readings = difference_wald_readings(estimate, low, high, decimals)
        se, p = _brute_force(estimate, low, high, 0.5 * 10 ** -decimals)
        assert readings.se_min <= se.min() + 1e-12 and se.max() <= readings.se_max + 1e-12
        assert readings.p_min <= p.min() + 1e-12 and p.max() <= readings.p_max + 1e-12
        assert se.max() == pytest.approx(readings.se_max, rel=5e-3)
        assert p.max() == pytest.approx(readings.p_max, rel=5e-2)


def test_no_wald_reading_of_an_asymmetric_ci():
    # -0.8 (-2.0 to -0.5): the midpoint of the bounds is at most (-1.95 - 0.45) / 2 = -1.2, never -0.85 or above.
    assert not difference_wald_readings(-0.8, -2.0, -0.5, 1).exists


def test_a_p_window_keeps_only_the_readings_whose_wald_p_lies_in_it():
    # -1.5 (-2.0 to -1.0): Wald p from about 6e-11 to 9e-8 over the box; p = 0.20 allows none, p < 0.001 all
    assert not difference_wald_readings(-1.5, -2.0, -1.0, 1, p=(0.195, 0.205)).exists
    readings = difference_wald_readings(-1.5, -2.0, -1.0, 1, p=(0.0, 0.001))
    assert readings.exists and readings.p_max == pytest.approx(_wald_p(-2.05, -0.95), rel=1e-9)
    # 0.10 (-0.07 to 0.27): every corner's midpoint lies in [0.095, 0.105]; |midpoint| / width is largest at
    # (-0.065, 0.275), 0.105 / 0.34 = 0.309 (smallest p), and smallest at (-0.075, 0.265), 0.095 / 0.34 = 0.279
    readings = difference_wald_readings(0.10, -0.07, 0.27, 2)
    assert readings.p_min == pytest.approx(_wald_p(-0.065, 0.275), rel=1e-9)
    assert readings.p_max == pytest.approx(_wald_p(-0.075, 0.265), rel=1e-9)


def test_a_difference_that_may_be_0_has_wald_p_1():
    # 0.0 (-1.0 to 1.0): L = -1, U = 1 is a reading with midpoint 0
    assert difference_wald_readings(0.0, -1.0, 1.0, 1).p_max == 1.0


def test_arguments_are_named():
    with pytest.raises(ValueError, match="low must not be above high"):
        difference_wald_readings(0.5, 1.0, 0.2, 1)
    with pytest.raises(ValueError, match="decimals"):
        difference_wald_readings(0.5, 0.2, 1.0, -1)
    with pytest.raises(ValueError, match="ci_decimals"):
        difference_wald_readings(0.5, 0.2, 1.0, 1, ci_decimals=-2)
    assert math.isnan(difference_wald_readings(-0.8, -2.0, -0.5, 1).p_min)


@pytest.mark.parametrize(("arguments", "name"), [
    ((math.nan, -1.0, 1.0, 1), "estimate"), ((0.5, math.inf, 1.0, 1), "low"), ((0.5, 0.2, math.nan, 1), "high"),
    ((0.5, 0.2, 1.0, 1.5), "decimals"),
])
def test_each_bad_argument_is_named_first(arguments, name):
    with pytest.raises(ValueError, match=rf"^{name}\b"):
        difference_wald_readings(*arguments)


def test_bad_ci_decimals_are_named_first():
    with pytest.raises(ValueError, match=r"^ci_decimals\b"):
        difference_wald_readings(0.5, 0.2, 1.0, 1, ci_decimals=-1)
