"""Tests for analysis.reported_ratios against hand arithmetic, dense grids and statsmodels."""

import itertools
import math
import re
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


# --- ratio_ci_check: the "ratio with CI and p" check, hand-worked cases ---------------------------------
from analysis.stats.reported_ratios import ratio_ci_check  # noqa: E402


def _grid_p(estimate, low, high, decimals, points=11):
    """Brute force: Wald p over a grid of the rounding box (keeping L <= E <= U), independent of the vertex code."""
    h = 0.5 * 10**-decimals
    ps = []
    for e in np.linspace(estimate - h, estimate + h, points):
        for lo in np.linspace(low - h, low + h, points):
            for hi in np.linspace(high - h, high + h, points):
                if lo <= e <= hi and lo < hi:
                    se = (math.log(hi) - math.log(lo)) / (2 * Z95)
                    ps.append(2 * (1 - NormalDist().cdf(abs(math.log(e)) / se)))
    return min(ps), max(ps)


def test_ratio_ci_check_cox_hr_by_hand():
    # 0.06 (0.02-0.24), p < 0.001: SE = ln(0.24 / 0.02) / (2 x 1.959964) = 2.484907 / 3.919928 = 0.633916;
    # z = |ln 0.06| / SE = 2.813411 / 0.633916 = 4.43814, p = 9.07e-6.
    check = ratio_ci_check(0.06, 0.02, 0.24, 2, p_value=0.001, p_comparator="<")
    assert check.se == pytest.approx(0.633916, abs=1e-6)
    assert check.p == pytest.approx(2 * (1 - NormalDist().cdf(2.813411 / 0.633916)), rel=1e-4)
    # Least significant corner E = 0.065, L = 0.015, U = 0.245: p = 1.2508e-4 (as in test_mahler2026).
    assert check.p_max == pytest.approx(1.2508e-4, rel=1e-4)
    grid_low, grid_high = _grid_p(0.06, 0.02, 0.24, 2)
    assert check.p_min <= grid_low and grid_high <= check.p_max * (1 + 1e-9)
    # E / sqrt(LU): 0.06 / sqrt(0.0048) = 0.866025; ends 0.055 / sqrt(0.025 x 0.245) = 0.702764 and
    # 0.065 / sqrt(0.015 x 0.235) = 0.065 / 0.0593717 = 1.094797.
    assert check.centre == pytest.approx(0.866025, abs=1e-6)
    assert (check.centre_min, check.centre_max) == pytest.approx((0.702764, 1.094797), abs=1e-6)
    assert check.log_symmetric
    # An estimate printed as 0.03 inside the same bounds could not be symmetric: 0.035 / sqrt(0.015 x 0.235) = 0.59.
    assert check.symmetry_can_fail
    assert check.ci_excludes_1
    assert check.p_reported == "< 0.001"
    assert check.p_agrees_some and check.p_agrees_every


def test_ratio_ci_check_symmetry_that_cannot_fail():
    # 0.02 (0.01-0.04): E / sqrt(LU) spans 0.015 / sqrt(0.015 x 0.045) = 0.577350 to
    # 0.025 / sqrt(0.005 x 0.035) = 1.889822, and the only other inner estimate, 0.03, spans
    # 0.025 / sqrt(0.015 x 0.045) = 0.962250 to 0.035 / sqrt(0.005 x 0.035) = 2.645751: both contain 1.
    check = ratio_ci_check(0.02, 0.01, 0.04, 2)
    assert (check.centre_min, check.centre_max) == pytest.approx((0.577350, 1.889822), abs=1e-6)
    assert check.log_symmetric and not check.symmetry_can_fail
    assert check.p_reported is None and check.p_agrees_some is None and check.p_agrees_every is None


def test_ratio_ci_check_asymmetric_interval_fails():
    # 0.08 (0.07-0.13): largest E / sqrt(LU) = 0.085 / sqrt(0.065 x 0.125) = 0.942990 < 1.
    check = ratio_ci_check(0.08, 0.07, 0.13, 2)
    assert check.centre_max == pytest.approx(0.942990, abs=1e-6)
    assert not check.log_symmetric and check.symmetry_can_fail


def test_ratio_ci_check_printed_p_value():
    # 0.50 (0.30-0.83): SE = (ln 0.83 - ln 0.30) / 3.919928 = 1.017643 / 3.919928 = 0.259608,
    # z = ln 2 / SE = 2.669966, p = 0.007586 (prints as 0.008).
    check = ratio_ci_check(0.50, 0.30, 0.83, 2, p_value=0.008, p_decimals=3)
    assert check.se == pytest.approx(0.259608, abs=1e-6)
    assert check.p == pytest.approx(0.007586, abs=1e-6)
    assert check.p_agrees_some  # the window [0.0075, 0.0085] meets the range
    grid_low, grid_high = _grid_p(0.50, 0.30, 0.83, 2)
    assert check.p_min <= grid_low and grid_high <= check.p_max * (1 + 1e-9)
    assert not check.p_agrees_every  # the rounding of the CI allows p well outside [0.0075, 0.0085]
    assert check.p_reported == "0.008"
    far = ratio_ci_check(0.50, 0.30, 0.83, 2, p_value=0.05, p_decimals=2)
    assert not far.p_agrees_some and not far.p_agrees_every
    above = ratio_ci_check(0.50, 0.30, 0.83, 2, p_value=0.05, p_comparator=">")
    assert not above.p_agrees_some
    assert not check.ci_excludes_1 or check.high + 0.005 < 1  # 0.835 < 1: excludes 1
    assert check.ci_excludes_1


def test_ratio_ci_check_names_bad_arguments():
    with pytest.raises(ValueError, match="p_comparator"):
        ratio_ci_check(0.5, 0.3, 0.83, 2, p_value=0.01, p_comparator="<=")
    with pytest.raises(ValueError, match="p_decimals"):
        ratio_ci_check(0.5, 0.3, 0.83, 2, p_value=0.01)
    with pytest.raises(ValueError, match="p_value"):
        ratio_ci_check(0.5, 0.3, 0.83, 2, p_value=1.5, p_decimals=1)
    with pytest.raises(ValueError, match="decimals"):
        ratio_ci_check(0.5, 0.3, 0.83, -1)


def test_log_symmetry_at_the_closed_end_of_the_centre_range():
    # 0.5 (0.1-1.3) at 1 decimal: E in [0.45, 0.55], L in [0.05, 0.15], U in [1.25, 1.35]. The smallest
    # E / sqrt(L U) is 0.45 / sqrt(0.15 * 1.35) = 0.45 / sqrt(0.2025) = 0.45 / 0.45 = 1 exactly, at the
    # corner, so a log-symmetric reading exists (the range is closed); the largest is 0.55 / sqrt(0.0625) = 2.2.
    low, high = centre_ratio_range(0.5, 0.1, 1.3, 1)
    assert low == pytest.approx(1.0, abs=1e-12) and high == pytest.approx(2.2, rel=1e-12)
    assert is_log_symmetric(0.5, 0.1, 1.3, 1)
    # One step of 0.1 higher in the estimate moves the range above 1: no symmetric reading.
    assert not is_log_symmetric(0.6, 0.1, 1.3, 1)


def test_ci_from_p_range_forwards_the_level():
    # HR 4.95, p = 0.00016, at 90 %: SE = ln 4.95 / Phi^-1(1 - 0.00008), CI = exp(ln 4.95 -/+ 1.644854 SE).
    z90 = NormalDist().inv_cdf(0.95)
    se = math.log(4.95) / NormalDist().inv_cdf(1 - 0.00016 / 2)
    result = ci_from_p_range((4.95, 4.95), (0.00016, 0.00016), level=0.90)
    assert result.low_min == pytest.approx(math.exp(math.log(4.95) - z90 * se), rel=1e-9)
    assert result.high_max == pytest.approx(math.exp(math.log(4.95) + z90 * se), rel=1e-9)
    assert result.se_min == pytest.approx(se, rel=1e-9)  # the SE does not depend on the level


def test_illustrative_cis_forward_the_level():
    frame = illustrative_rate_ratio_cis(0.17, 0.76, [3, 17], level=0.90)
    for row in frame.itertuples(index=False):
        low, high = _exact_conditional_bounds(row.events_a, row.exposure_a, row.events_b, row.exposure_b,
                                              alpha=0.10)
        assert (row.low, row.high) == pytest.approx((low, high), rel=1e-7)
        assert row.width_ratio == pytest.approx(high / low, rel=1e-7)


def test_log_symmetry_at_the_upper_end_of_the_centre_range():
    # 0.4 (0.2-1.4) at 1 decimal: the largest E / sqrt(L U) is 0.45 / sqrt(0.15 * 1.35) = 1 exactly.
    low, high = centre_ratio_range(0.4, 0.2, 1.4, 1)
    assert high == pytest.approx(1.0, abs=1e-12)
    assert is_log_symmetric(0.4, 0.2, 1.4, 1)


@pytest.mark.parametrize("estimate", [(1.0, 1.2), (0.8, 1.0)])
def test_ci_from_p_range_rejects_an_estimate_interval_ending_at_1(estimate):
    message = f"estimate interval {estimate!r} contains 1: the SE is undetermined"
    with pytest.raises(ValueError, match=re.escape(message)):
        ci_from_p_range(estimate, (0.1, 0.2))


@pytest.mark.parametrize(("call", "message"), [
    (lambda: ratio_range((0.0, 1.0), (1.0, 2.0)), "numerator low must be positive"),
    (lambda: ratio_range((1.0, 2.0), (1.0, -2.0)), "denominator high must be positive"),
    (lambda: percent_reduction((-0.5, 1.0)), "ratio low must be positive"),
    (lambda: overlap([]), "intervals must hold at least one interval"),
    (lambda: centre_ratio_range(0.02, 0.01, 0.04, -1), "decimals must be a non-negative integer"),
    (lambda: centre_ratio_range(0.025, 0.01, 0.04, 2), "estimate has more than 2 decimals"),
    (lambda: centre_ratio_range(0.02, 0.015, 0.04, 2), "low has more than 2 decimals"),
    (lambda: centre_ratio_range(0.02, 0.01, 0.045, 2), "high has more than 2 decimals"),
    (lambda: ci_from_p_range((-1.0, 0.5), (0.1, 0.2)), "estimate low must be positive"),
    (lambda: bonferroni_raw_p((0.1, 0.2), 0), "comparisons must be a positive integer"),
    (lambda: illustrative_rate_ratio_cis(0.0, 0.76, [1]), "rate_a must be positive"),
    (lambda: illustrative_rate_ratio_cis(0.17, -1.0, [1]), "rate_b must be positive"),
    (lambda: illustrative_rate_ratio_cis(0.17, 0.76, [1], exposure_ratio=0), "exposure_ratio must be positive"),
    (lambda: illustrative_rate_ratio_cis(0.17, 0.76, [0]), "events_a must be a positive integer"),
])
def test_errors_name_the_argument_exactly(call, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        call()


def test_illustrative_default_exposure_ratio_is_one():
    # Equal exposure by default: k_b = round(0.76 * 17 / 0.17) = 76.
    assert illustrative_rate_ratio_cis(0.17, 0.76, [17])["events_b"].tolist() == [76]


def test_illustrative_arm_b_keeps_at_least_one_event():
    # rate_a = 1, rate_b = 0.1 at equal exposure: k_a = 1 gives T_a = 1 and 0.1 T_a = 0.1, which rounds to 0, so
    # k_b = max(1, 0) = 1; k_a = 10 gives T_a = 10 and 0.1 T_a = 1 exactly, so k_b = 1. Either way T_b = 1 / 0.1 = 10.
    frame = illustrative_rate_ratio_cis(1.0, 0.1, [1, 10])
    assert frame["events_b"].tolist() == [1, 1]
    assert frame["exposure_b"].tolist() == pytest.approx([10.0, 10.0], rel=1e-12)
    assert frame["total_events"].tolist() == [2, 11]  # k_a + k_b


def test_illustrative_total_events_is_the_sum_of_the_arms():
    frame = illustrative_rate_ratio_cis(0.17, 0.76, [1, 2, 3, 17, 30])
    # k_b by hand in test_illustrative_rates_are_exact_and_cis_match_statsmodels: 4, 9, 13, 76, 134.
    assert frame["total_events"].tolist() == [1 + 4, 2 + 9, 3 + 13, 17 + 76, 30 + 134]


def test_ratio_ci_check_returns_the_printed_values():
    check = ratio_ci_check(0.06, 0.02, 0.24, 2, p_value=0.001, p_comparator="<")
    assert (check.estimate, check.low, check.high, check.decimals) == (0.06, 0.02, 0.24, 2)


def test_ratio_ci_check_forwards_the_level():
    # 0.06 (0.02-0.24) read as a 90 % CI, z = Phi^-1(0.95) = 1.644854: SE = ln 12 / 3.289707 = 0.755358,
    # z = |ln 0.06| / SE = 2.813411 / 0.755358 = 3.724606, p = 1.956e-4. The rounding intervals are disjoint, so
    # the extremes sit at box corners: widest CI 0.015-0.245 gives SE 0.849075 and, with E = 0.065, the largest
    # p = 1.285e-3; narrowest 0.025-0.235 gives SE 0.681127 and, with E = 0.055, the smallest p = 2.060e-5.
    z90 = NormalDist().inv_cdf(0.95)
    check = ratio_ci_check(0.06, 0.02, 0.24, 2, level=0.90)

    def wald_p(e, lo, hi):
        return 2 * (1 - NormalDist().cdf(abs(math.log(e)) / (math.log(hi / lo) / (2 * z90))))

    assert check.se == pytest.approx(math.log(12) / (2 * z90), rel=1e-9)
    assert check.se == pytest.approx(0.755358, abs=1e-6)
    assert check.p == pytest.approx(wald_p(0.06, 0.02, 0.24), rel=1e-6)
    assert check.p == pytest.approx(1.956e-4, abs=1e-7)
    assert check.se_max == pytest.approx(math.log(0.245 / 0.015) / (2 * z90), rel=1e-9)
    assert check.se_min == pytest.approx(math.log(0.235 / 0.025) / (2 * z90), rel=1e-9)
    assert check.p_max == pytest.approx(wald_p(0.065, 0.015, 0.245), rel=1e-6)
    assert check.p_min == pytest.approx(wald_p(0.055, 0.025, 0.235), rel=1e-6)
    assert (check.p_max, check.p_min) == pytest.approx((1.285e-3, 2.060e-5), rel=1e-3)


def test_ratio_ci_check_se_range_at_95_percent():
    # 0.50 (0.30-0.83), disjoint rounding intervals: SE from 0.305-0.825 to 0.295-0.835, i.e.
    # ln(0.825 / 0.305) / 3.919928 = 0.253849 to ln(0.835 / 0.295) / 3.919928 = 0.265427.
    check = ratio_ci_check(0.50, 0.30, 0.83, 2)
    assert check.se_min == pytest.approx(math.log(0.825 / 0.305) / (2 * Z95), rel=1e-9)
    assert check.se_max == pytest.approx(math.log(0.835 / 0.295) / (2 * Z95), rel=1e-9)
    assert (check.se_min, check.se_max) == pytest.approx((0.253849, 0.265427), abs=1e-6)


@pytest.mark.parametrize(("printed", "expected"), [
    ((0.90, 0.80, 0.99, 2), True),   # true upper bound at most 0.995 < 1
    ((0.90, 0.80, 1.00, 2), False),  # true upper bound may be 0.995 to 1.005: 1 is not excluded by every reading
    ((1.10, 1.00, 1.20, 2), False),  # true lower bound from 0.995
    ((1.10, 1.01, 1.20, 2), True),   # true lower bound at least 1.005 > 1
    ((0.9, 0.8, 1.0, 1), False),
    ((5.0, 2.0, 9.0, 0), True),      # at 0 decimals: lower bound at least 1.5
    ((3.0, 1.0, 9.0, 0), False),     # lower bound from 0.5
])
def test_ratio_ci_check_excludes_1_at_the_edge(printed, expected):
    assert ratio_ci_check(*printed).ci_excludes_1 is expected


def test_ratio_ci_check_symmetry_verdict_at_the_closed_ends():
    # The ends of the centre range are 1 exactly here (worked in test_log_symmetry_at_the_closed_end_of_the_centre_range
    # and test_log_symmetry_at_the_upper_end_of_the_centre_range): the range is closed, so both count as symmetric.
    at_low_end = ratio_ci_check(0.5, 0.1, 1.3, 1)
    assert at_low_end.centre_min == pytest.approx(1.0, abs=1e-12) and at_low_end.log_symmetric is True
    at_high_end = ratio_ci_check(0.4, 0.2, 1.4, 1)
    assert at_high_end.centre_max == pytest.approx(1.0, abs=1e-12) and at_high_end.log_symmetric is True


def test_ratio_ci_check_symmetry_can_fail_by_hand():
    # 0.2 (0.1-0.5) at 1 decimal: E / sqrt(L U) for E = 0.2 spans 0.15 / sqrt(0.15 x 0.55) = 0.522 to
    # 0.25 / sqrt(0.05 x 0.45) = 1.667, symmetric. The smallest E / sqrt(L U) of the other inner estimates is
    # 0.25 / 0.2872 = 0.870 for 0.3 (symmetric) and 0.35 / 0.2872 = 1.219 > 1 for 0.4: 0.4 cannot be symmetric,
    # so the check could have failed.
    check = ratio_ci_check(0.2, 0.1, 0.5, 1)
    assert check.log_symmetric is True and check.symmetry_can_fail is True
    assert not is_log_symmetric(0.4, 0.1, 0.5, 1) and is_log_symmetric(0.3, 0.1, 0.5, 1)
    # Only one step between the bounds: no other estimate can be printed, so the verdict cannot fail.
    assert ratio_ci_check(0.2, 0.1, 0.2, 1).symmetry_can_fail is False
    assert ratio_ci_check(0.02, 0.01, 0.04, 2).symmetry_can_fail is False  # worked in the test above


def test_ratio_ci_check_printed_p_whose_window_holds_the_whole_range():
    # 0.50 (0.30-0.83): the rounding intervals are disjoint, so p runs between two corners:
    # E = 0.495, 0.305-0.825: SE 0.253849, p = 2 (1 - Phi(0.703198 / 0.253849)) = 0.005603;
    # E = 0.505, 0.295-0.835: SE 0.265427, p = 2 (1 - Phi(0.683197 / 0.265427)) = 0.010054.
    # A printed p = 0.01 stands for [0.005, 0.015], which holds all of [0.005603, 0.010054].
    check = ratio_ci_check(0.50, 0.30, 0.83, 2, p_value=0.01, p_decimals=2)
    assert (check.p_min, check.p_max) == pytest.approx((0.005603, 0.010054), abs=1e-6)
    assert check.p_agrees_some is True and check.p_agrees_every is True
    assert check.p_reported == "0.01"
    # p = 0.008 at 3 decimals, [0.0075, 0.0085]: inside the range, so some readings agree but not every one.
    part = ratio_ci_check(0.50, 0.30, 0.83, 2, p_value=0.008, p_decimals=3)
    assert part.p_agrees_some is True and part.p_agrees_every is False
    # p = 0.02 at 2 decimals, [0.015, 0.025]: above the whole range.
    off = ratio_ci_check(0.50, 0.30, 0.83, 2, p_value=0.02, p_decimals=2)
    assert off.p_agrees_some is False and off.p_agrees_every is False


def test_ratio_ci_check_thresholds_are_strict_at_p_one():
    # 1.00 (0.50-2.00): the estimate may be exactly 1, where p = 1 (test_rates); p_max is 1 exactly.
    below = ratio_ci_check(1.00, 0.50, 2.00, 2, p_value=1.0, p_comparator="<")
    assert below.p_max == 1.0
    assert below.p_agrees_some is True and below.p_agrees_every is False  # p = 1 is not below 1
    above = ratio_ci_check(1.00, 0.50, 2.00, 2, p_value=1.0, p_comparator=">")
    assert above.p_agrees_some is False and above.p_agrees_every is False  # no p lies above 1
    assert above.p_reported == "> 1"


def test_ratio_ci_check_thresholds_are_strict_at_p_zero():
    # 1.5 (1.4-1.5) at 1 decimal: the true bounds may meet at 1.45 with the estimate 1.45 away from 1, so
    # the range of p starts at 0 exactly (test_rates).
    above = ratio_ci_check(1.5, 1.4, 1.5, 1, p_value=0.0, p_comparator=">")
    assert above.p_min == 0.0
    assert above.p_agrees_some is True and above.p_agrees_every is False  # p = 0 is not above 0
    below = ratio_ci_check(1.5, 1.4, 1.5, 1, p_value=0.0, p_comparator="<")
    assert below.p_agrees_some is False and below.p_agrees_every is False  # no p lies below 0


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"decimals": -1}, "decimals must be a non-negative integer"),
    ({"p_value": 0.01, "p_comparator": "<="}, "p_comparator must be one of"),
    ({"p_value": 0.01}, "p_decimals must be given with a printed p value (comparator '=')"),
    ({"p_value": 0.01, "p_decimals": -1}, "p_decimals must be a non-negative integer"),
    ({"p_value": 1.5, "p_decimals": 1}, "p_value must be between 0 and 1"),
    ({"p_value": -0.1, "p_comparator": "<"}, "p_value must be between 0 and 1"),
])
def test_ratio_ci_check_errors_name_the_argument_exactly(kwargs, message):
    arguments = {"estimate": 0.5, "low": 0.3, "high": 0.83, "decimals": 2} | kwargs
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        ratio_ci_check(**arguments)


def test_ratio_ci_check_symmetry_can_fail_in_a_narrow_interval_away_from_0():
    # 3.2 (3.0-3.4) at 1 decimal: for E = 3.2, E / sqrt(L U) spans 3.15 / sqrt(3.05 x 3.45) = 0.971071 to
    # 3.25 / sqrt(2.95 x 3.35) = 1.033832, symmetric; 3.1 too (up to 3.15 / 3.143644 = 1.002022). But 3.3 starts
    # at 3.25 / sqrt(3.05 x 3.45) = 3.25 / 3.243840 = 1.001899 > 1: it could not be symmetric, so the check can fail.
    check = ratio_ci_check(3.2, 3.0, 3.4, 1)
    assert check.log_symmetric is True and check.symmetry_can_fail is True
    assert is_log_symmetric(3.1, 3.0, 3.4, 1) and not is_log_symmetric(3.3, 3.0, 3.4, 1)


# --- sizes bounded before any work (analysis.stats._validate.SIZE_BOUNDS) -----------------------------------

_COUNTS_BOUND = r"^events_a must give at most 500 counts \(got {}\): illustrative_rate_ratio_cis computes an exact CI"


@pytest.mark.parametrize(
    ("events_a", "got"),
    [(range(1, 10**7), 9999999), (range(1, 502), 501), (list(range(1, 502)), 501),
     # An iterable without a length is read only up to one past the bound.
     (iter(range(1, 10**7)), 501), (itertools.count(1), 501)],
)
def test_illustrative_counts_past_the_bound_are_refused_before_any_work(events_a, got):
    with pytest.raises(ValueError, match=_COUNTS_BOUND.format(got)):
        illustrative_rate_ratio_cis(0.2, 0.8, events_a)


def test_illustrative_counts_at_the_bound_are_accepted():
    frame = illustrative_rate_ratio_cis(0.2, 0.8, iter(range(1, 501)))
    assert frame["events_a"].tolist() == list(range(1, 501))


def test_whether_symmetry_can_fail_is_decided_by_every_inner_estimate():
    # Brute force at 1 decimal: every estimate printable strictly between the bounds, tried one by one.
    outcomes = set()
    for lo, hi in itertools.chain.from_iterable(((a, b) for b in range(a + 2, 40, 9)) for a in range(1, 13)):
        low, high = lo / 10, hi / 10
        inner = [k / 10 for k in range(lo + 1, hi)]
        expected = any(not is_log_symmetric(e, low, high, 1) for e in inner)
        assert ratio_ci_check(inner[0], low, high, 1).symmetry_can_fail == expected, (low, high)
        outcomes.add(expected)
    assert outcomes == {True, False}


def test_ratio_ci_check_at_many_decimals_tries_only_the_extreme_estimates():
    # 10**15 estimates lie between the bounds at 15 decimals; the answer still comes from the two extremes.
    check = ratio_ci_check(0.5, 0.25, 1.0, 15)
    assert check.symmetry_can_fail
    assert not ratio_ci_check(0.5, 0.499, 0.501, 3).symmetry_can_fail
