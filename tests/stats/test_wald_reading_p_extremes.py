"""The extremes of the Wald p over the Wald readings (analysis.stats.joint_readings.wald_readings) where they are
easy to get wrong: an estimate of exactly 1 inside the box but on none of its corners, a box whose estimates stay
clear of 1, and a CI of width 0. Expected values are closed forms: a reading with E = 1 has ln E = 0, Wald z 0 and
p 1; otherwise p = 2 (1 - Phi(z |ln L + ln U| / (ln U - ln L))) at the corner worked in each comment."""

import math
import warnings
from statistics import NormalDist

import pytest

from analysis.stats.joint_readings import wald_readings

Z = NormalDist().inv_cdf(0.975)


def _wald_p(low, high):
    return 2 * (1 - NormalDist().cdf(Z * abs(math.log(low * high)) / math.log(high / low)))


def test_an_estimate_of_1_off_the_corners_gives_p_exactly_1():
    # 1.0 (0.9 to 1.1): L in [0.85, 0.95], U in [1.05, 1.15], so L = 0.9 with U = 1 / 0.9 = 1.111 is a reading with
    # E = sqrt(L U) = 1 (printed 1.0): its Wald z is 0 and its p 1. No corner of the box has L U = 1.
    readings = wald_readings(1.0, 0.9, 1.1, 1)
    assert readings.exists and readings.p_max == 1.0


def test_estimates_clear_of_1_stop_short_of_p_1():
    # 1.65 (1.1 to 2.5): E in [1.645, 1.655], so 2 ln E = ln L + ln U runs from 0.9956 to 1.0077, never 0.
    # The largest p is at the smallest ln L + ln U and the widest CI: U = 2.55, L = 1.645^2 / 2.55 = 1.0612
    # (inside [1.05, 1.15]); the smallest at the largest sum and the narrowest CI: U = 2.45, L = 1.655^2 / 2.45.
    readings = wald_readings(1.65, 1.1, 2.5, 2, ci_decimals=1)
    assert readings.p_max == pytest.approx(_wald_p(1.645 ** 2 / 2.55, 2.55), rel=1e-9)
    assert readings.p_min == pytest.approx(_wald_p(1.655 ** 2 / 2.45, 2.45), rel=1e-9)


def test_a_ci_of_width_0_gives_p_0_without_a_warning():
    # 1.5 (1 to 2), bounds at no decimals: L = U = 1.5 is a reading, SE 0, Wald z without bound, p 0. A notebook
    # printing these readings must show no numpy division warning.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        readings = wald_readings(1.5, 1, 2, 1, ci_decimals=0)
    assert (readings.se_min, readings.p_min) == (0.0, 0.0)
