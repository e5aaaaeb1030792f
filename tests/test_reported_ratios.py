"""Tests for analysis.reported_ratios against hand arithmetic, dense grids and statsmodels."""

import itertools
import math
from statistics import NormalDist

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize, stats

from analysis.stats.reported_ratios import (
    ILLUSTRATIVE_COLUMNS,
    bonferroni_raw_p,
    centre_ratio_range,
    ci_from_p_range,
    illustrative_rate_ratio_cis,
    is_log_symmetric,
    overlap,
    percent_reduction,
    ratio_range,
)

PROPERTY = settings.get_profile("property")  # registered in conftest.py
Z95 = NormalDist().inv_cdf(0.975)


def test_ratio_range_hand_values():
    # 0.17 / 0.76 with both printed to 2 decimals: 0.165 / 0.765 to 0.175 / 0.755.
    low, high = ratio_range((0.165, 0.175), (0.755, 0.765))
    assert low == pytest.approx(0.165 / 0.765, rel=1e-12)
    assert high == pytest.approx(0.175 / 0.755, rel=1e-12)
    assert ratio_range((2, 2), (4, 4)) == (0.5, 0.5)
    with pytest.raises(ValueError, match="denominator low must be positive"):
        ratio_range((0.1, 0.2), (0, 2))
    with pytest.raises(ValueError, match="numerator must have low <= high"):
        ratio_range((0.2, 0.1), (1, 2))
    with pytest.raises(ValueError, match=r"numerator must be a \(low, high\) pair"):
        ratio_range(0.2, (1, 2))


def test_ratio_range_covers_a_grid():
    a = np.linspace(0.165, 0.175, 21)
    b = np.linspace(0.755, 0.765, 21)
    values = (a[:, None] / b[None, :]).ravel()
    low, high = ratio_range((0.165, 0.175), (0.755, 0.765))
    assert values.min() == pytest.approx(low) and values.max() == pytest.approx(high)


def test_percent_reduction():
    assert percent_reduction((0.2, 0.25)) == pytest.approx((75.0, 80.0))


def test_overlap():
    assert overlap([(1, 3), (2, 5), (2.5, 4)]) == (2.5, 3)
    assert overlap([(1, 2), (2, 3)]) == (2, 2)
    assert overlap([(1, 2), (2.5, 3)]) is None
    with pytest.raises(ValueError):
        overlap([])


@pytest.mark.parametrize(("estimate", "low", "high", "expected"), [
    (0.02, 0.01, 0.04, True),   # 0.02**2 = 0.01 * 0.04 exactly
    (0.50, 0.10, 0.90, False),  # 0.25 vs 0.09: far from symmetric even after rounding
    (2.00, 1.00, 4.00, True),
    (0.30, 0.10, 0.50, False),  # arithmetic-centre CI: 0.09 vs 0.05
])
def test_symmetry_hand_cases(estimate, low, high, expected):
    assert is_log_symmetric(estimate, low, high, 2) is expected


def test_symmetry_needs_rounding():
    # 0.09 (0.07-0.13): 0.0081 vs 0.0091 from the printed digits, but 0.095**2 = 0.009025 and
    # 0.065 * 0.135 = 0.008775 lies below it, so the rounding intervals admit E**2 = L U.
    assert 0.09 / math.sqrt(0.07 * 0.13) < 0.96
    assert is_log_symmetric(0.09, 0.07, 0.13, 2)
    # At 3 decimals the same digits are too precise: 0.0905**2 < 0.0695 * 0.1295.
    assert not is_log_symmetric(0.09, 0.07, 0.13, 3)


@PROPERTY
@given(st.integers(2, 60), st.integers(1, 40), st.integers(1, 40))
def test_centre_range_matches_a_grid(e, below, above):
    est, low, high = e / 100, max(1, e - below) / 100, (e + above) / 100  # low < est < high by construction
    lo, hi = centre_ratio_range(est, low, high, 2)
    grid = np.linspace(-0.005, 0.005, 11)
    values = [(est + a) / math.sqrt((low + b) * (high + c)) for a, b, c in itertools.product(grid, grid, grid)
              if low + b > 0]
    assert min(values) == pytest.approx(lo, rel=1e-9)
    assert max(values) == pytest.approx(hi, rel=1e-9)


def test_centre_range_rejects_a_zero_low():
    with pytest.raises(ValueError, match="low"):
        centre_ratio_range(0.02, 0.00001, 0.04, 2)


def test_ci_from_p_range_hand_value():
    # HR 4.95, p = 0.00016: z_p = Phi^-1(1 - 0.00008) = 3.7750; SE = ln 4.95 / z_p = 0.42371;
    # CI = exp(ln 4.95 -/+ 1.96 SE) = (2.158, 11.356): worked by hand with NormalDist.
    z_p = NormalDist().inv_cdf(1 - 0.00016 / 2)
    se = math.log(4.95) / z_p
    expected = (math.exp(math.log(4.95) - Z95 * se), math.exp(math.log(4.95) + Z95 * se))
    result = ci_from_p_range((4.95, 4.95), (0.00016, 0.00016))
    assert result.low_min == pytest.approx(expected[0], rel=1e-9) == result.low_max
    assert result.high_min == pytest.approx(expected[1], rel=1e-9) == result.high_max
    assert result.se_min == pytest.approx(se, rel=1e-9)
    assert (round(expected[0], 2), round(expected[1], 2)) == (2.16, 11.36)


@pytest.mark.parametrize(("estimate", "p"), [((4.945, 4.955), (0.000155, 0.000165)),
                                              ((0.2157, 0.2318), (0.000833, 0.001167)),
                                              ((1.2, 1.5), (0.2, 0.6))])
def test_ci_from_p_range_matches_a_grid(estimate, p):
    result = ci_from_p_range(estimate, p)
    lows, highs, ses = [], [], []
    for e in np.linspace(*estimate, 25):
        for q in np.linspace(*p, 25):
            z_p = NormalDist().inv_cdf(1 - q / 2)
            se = abs(math.log(e)) / z_p
            lows.append(math.exp(math.log(e) - Z95 * se))
            highs.append(math.exp(math.log(e) + Z95 * se))
            ses.append(se)
    assert (result.low_min, result.low_max) == pytest.approx((min(lows), max(lows)), rel=1e-9)
    assert (result.high_min, result.high_max) == pytest.approx((min(highs), max(highs)), rel=1e-9)
    assert (result.se_min, result.se_max) == pytest.approx((min(ses), max(ses)), rel=1e-9)


def test_ci_from_p_range_rejects_null_estimate():
    with pytest.raises(ValueError):
        ci_from_p_range((0.95, 1.05), (0.1, 0.2))
    with pytest.raises(ValueError, match="p low must be strictly between 0 and 1"):
        ci_from_p_range((1.2, 1.3), (0.0, 0.2))
    with pytest.raises(ValueError, match="p must have low <= high"):
        ci_from_p_range((1.2, 1.3), (0.3, 0.2))


def test_bonferroni_raw_p():
    assert bonferroni_raw_p((0.0025, 0.0035), 3) == pytest.approx((0.0025 / 3, 0.0035 / 3))
    assert bonferroni_raw_p((0.03, 0.03), 1) == (0.03, 0.03)
    with pytest.raises(ValueError, match="adjusted must be an interval below 1"):
        bonferroni_raw_p((0.5, 1.0), 3)  # an adjusted p of 1 may hide any raw p >= 1/3
    with pytest.raises(ValueError, match="comparisons"):
        bonferroni_raw_p((0.1, 0.2), 0)
    with pytest.raises(ValueError, match="adjusted high must be between 0 and 1"):
        bonferroni_raw_p((0.1, 1.2), 3)
    with pytest.raises(ValueError, match="adjusted must have low <= high"):
        bonferroni_raw_p((0.2, 0.1), 3)


def test_illustrative_rates_are_exact_and_cis_match_statsmodels():
    frame = illustrative_rate_ratio_cis(0.17, 0.76, range(1, 31), exposure_ratio=1.0)
    assert list(frame.columns) == ILLUSTRATIVE_COLUMNS
    assert np.allclose(frame.events_a / frame.exposure_a, 0.17)
    assert np.allclose(frame.events_b / frame.exposure_b, 0.76)
    assert np.allclose(frame.ratio, 0.17 / 0.76)
    # Arm b's expected count at equal exposure is 0.76 T_a = 76 k / 17, never a tie (17 divides 76 k only
    # when k = 17, giving 76 exactly). By hand: k = 1: 4.47 -> 4; k = 2: 8.94 -> 9; k = 3: 13.41 -> 13;
    # k = 17: 76; k = 30: 134.12 -> 134.
    events_b = dict(zip(frame.events_a, frame.events_b))
    assert [events_b[k] for k in (1, 2, 3, 17, 30)] == [4, 9, 13, 76, 134]
    # Whatever the rounding, arm b's exposure is within half an event (0.5 / 0.76 years) of arm a's.
    assert np.all(np.abs(frame.exposure_b - frame.exposure_a) <= 0.5 / 0.76 + 1e-12)
    for row in frame.itertuples(index=False):
        low, high = _exact_conditional_bounds(row.events_a, row.exposure_a, row.events_b, row.exposure_b)
        assert (row.low, row.high) == pytest.approx((low, high), rel=1e-7)
        assert row.low < row.ratio < row.high


def _exact_conditional_bounds(a, ta, b, tb, alpha=0.05):
    """Solve the binomial tail equations for the ratio directly (Breslow & Day 1987, 2.3).

    Given a + b events, a ~ Binomial(a + b, pi(R)) with pi(R) = ta R / (ta R + tb). The bounds
    solve P(X >= a | R_low) = alpha / 2 and P(X <= a | R_high) = alpha / 2.
    """
    total = a + b

    def pi(log_r):
        r = math.exp(log_r)
        return ta * r / (ta * r + tb)

    low = optimize.brentq(lambda x: stats.binom.sf(a - 1, total, pi(x)) - alpha / 2, -30, 30, xtol=1e-13)
    high = optimize.brentq(lambda x: stats.binom.cdf(a, total, pi(x)) - alpha / 2, -30, 30, xtol=1e-13)
    return math.exp(low), math.exp(high)


def test_illustrative_cis_narrow_with_more_events():
    frame = illustrative_rate_ratio_cis(0.17, 0.76, [2, 5, 10, 20, 40, 80])
    assert frame.width_ratio.is_monotonic_decreasing
    # Large-count check against the Wald width on the log scale: exp(2 z sqrt(1/a + 1/b)).
    last = frame.iloc[-1]
    wald = math.exp(2 * Z95 * math.sqrt(1 / last.events_a + 1 / last.events_b))
    assert last.width_ratio == pytest.approx(wald, rel=0.05)


def test_illustrative_exposure_ratio_scales_arm_b():
    frame = illustrative_rate_ratio_cis(0.17, 0.76, [17], exposure_ratio=2.0)
    # T_a = 100; arm b exposure 200 -> 152 events.
    assert frame.exposure_a[0] == pytest.approx(100)
    assert frame.events_b[0] == 152 and frame.exposure_b[0] == pytest.approx(200)
    with pytest.raises(ValueError):
        illustrative_rate_ratio_cis(0.17, 0.76, [0])
