"""Tests for analysis.rates against Poisson tail identities, hand-worked values and brute force."""

import itertools
import math
import re
from statistics import NormalDist

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize, stats
from statsmodels.stats.rates import test_poisson_2indep as statsmodels_poisson_2indep

from analysis.stats.rates import (
    PRange,
    ci_from_p,
    p_from_ci,
    poisson_ci,
    rate_ratio,
    rounding_aware_p_range,
    se_from_ci,
    se_from_p,
    z_value,
)

PROPERTY = settings.get_profile("property")  # registered in conftest.py
Z95 = NormalDist().inv_cdf(0.975)  # 1.959964...

# --- Garwood interval ---------------------------------------------------------------------------


def test_zero_events():
    # P(X = 0 | mu) = exp(-mu) = 0.025  =>  mu = -ln 0.025 = 3.6889
    rate, low, high = poisson_ci(0, 1.0)
    assert (rate, low) == (0.0, 0.0)
    assert high == pytest.approx(-math.log(0.025), rel=1e-12)
    assert high == pytest.approx(3.6889, abs=5e-5)


def test_one_event_textbook_values():
    rate, low, high = poisson_ci(1, 1.0)
    assert rate == 1.0
    # Lower: 1 - exp(-mu) = 0.025 in closed form; upper: exp(-mu)(1 + mu) = 0.025 solved numerically.
    assert low == pytest.approx(-math.log(0.975), rel=1e-10)
    upper = optimize.brentq(lambda mu: math.exp(-mu) * (1 + mu) - 0.025, 1, 20, xtol=1e-14)
    assert high == pytest.approx(upper, rel=1e-9)
    assert (round(low, 4), round(high, 4)) == (0.0253, 5.5716)


@pytest.mark.parametrize("k", [1, 2, 5, 17, 120])
@pytest.mark.parametrize("level", [0.9, 0.95, 0.99])
def test_garwood_bounds_solve_the_poisson_tail_equations(k, level):
    # Exact interval: P(X >= k | low) = alpha/2 and P(X <= k | high) = alpha/2.
    alpha = 1 - level
    _, low, high = poisson_ci(k, 1.0, level)
    assert stats.poisson.sf(k - 1, low) == pytest.approx(alpha / 2, rel=1e-7)
    assert stats.poisson.cdf(k, high) == pytest.approx(alpha / 2, rel=1e-7)


def test_exposure_scales_the_rate():
    rate, low, high = poisson_ci(12, 250.0)
    unit_rate, unit_low, unit_high = poisson_ci(12, 1.0)
    assert rate == pytest.approx(12 / 250)
    assert low == pytest.approx(unit_low / 250, rel=1e-12)
    assert high == pytest.approx(unit_high / 250, rel=1e-12)


@PROPERTY
@given(st.integers(0, 500), st.floats(0.1, 1e5), st.floats(0.5, 0.98), st.floats(0.001, 0.0099))
def test_poisson_interval_contains_rate_and_nests(k, exposure, level, step):
    rate, low, high = poisson_ci(k, exposure, level)
    _, wide_low, wide_high = poisson_ci(k, exposure, level + step)
    assert 0 <= low <= rate <= high
    assert wide_low <= low and high <= wide_high


# --- rate ratio ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a,ta,b,tb",
    [(10, 100.0, 5, 200.0), (3, 50.0, 9, 40.0), (30, 1200.0, 42, 1500.0), (1, 10.0, 0, 10.0), (0, 7.0, 4, 3.0)],
)
@pytest.mark.filterwarnings("ignore:divide by zero:RuntimeWarning")  # statsmodels' own ratio when b = 0
def test_rate_ratio_p_matches_statsmodels_exact_conditional(a, ta, b, tb):
    p = rate_ratio(a, ta, b, tb)[3]
    reference = statsmodels_poisson_2indep(a, ta, b, tb, method="exact-cond").pvalue
    assert p == pytest.approx(reference, rel=1e-9)


def test_rate_ratio_hand_worked_p():
    # Equal exposures, 4 events against 0: conditional Binomial(4, 1/2); only 0 and 4 are as
    # unlikely as the observed 4, each with probability 1/16, so p = 2/16.
    assert rate_ratio(4, 1.0, 0, 1.0)[3] == pytest.approx(0.125, rel=1e-12)
    # 1 against 1 is the most likely outcome: p = 1.
    assert rate_ratio(1, 5.0, 1, 5.0)[3] == pytest.approx(1.0)


@pytest.mark.parametrize("a,ta,b,tb", [(10, 100.0, 5, 200.0), (3, 50.0, 9, 40.0), (25, 80.0, 31, 95.0)])
def test_rate_ratio_interval_solves_the_conditional_tail_equations(a, ta, b, tb):
    ratio, low, high, _ = rate_ratio(a, ta, b, tb)
    assert ratio == pytest.approx((a / ta) / (b / tb))

    def pi(r):
        # Conditional probability that an event belongs to group a when rate_a = r * rate_b.
        return r * ta / (r * ta + tb)

    assert stats.binom.sf(a - 1, a + b, pi(low)) == pytest.approx(0.025, rel=1e-7)
    assert stats.binom.cdf(a, a + b, pi(high)) == pytest.approx(0.025, rel=1e-7)


def test_rate_ratio_zero_in_group_a():
    ratio, low, high, p = rate_ratio(0, 2.0, 5, 1.0)
    assert (ratio, low) == (0.0, 0.0)
    # Upper pi is 1 - 0.025^(1/5); back on the ratio scale through pi/(1-pi) * t_b/t_a.
    pi_high = 1 - 0.025 ** (1 / 5)
    assert high == pytest.approx(pi_high / (1 - pi_high) * 1.0 / 2.0, rel=1e-10)
    # Binomial(5, 2/3): P(0) = (1/3)^5; every outcome at most as likely as that is only 0.
    assert p == pytest.approx((1 / 3) ** 5, rel=1e-9)


def test_rate_ratio_zero_in_group_b():
    ratio, low, high, _ = rate_ratio(5, 1.0, 0, 1.0)
    assert ratio == math.inf and high == math.inf
    pi_low = 0.025 ** (1 / 5)
    assert low == pytest.approx(pi_low / (1 - pi_low), rel=1e-10)


def test_rate_ratio_both_zero_raises():
    with pytest.raises(ValueError, match="both 0"):
        rate_ratio(0, 10.0, 0, 12.0)


@st.composite
def two_groups(draw):
    a = draw(st.integers(0, 80))
    b = draw(st.integers(0 if a else 1, 80))
    return a, draw(st.floats(0.5, 5000.0)), b, draw(st.floats(0.5, 5000.0))


@PROPERTY
@given(two_groups())
def test_swapping_groups_inverts_ratio_and_interval(groups):
    a, ta, b, tb = groups
    ratio, low, high, p = rate_ratio(a, ta, b, tb)
    s_ratio, s_low, s_high, s_p = rate_ratio(b, tb, a, ta)

    def inv(x):
        return math.inf if x == 0 else 1 / x

    assert s_ratio == pytest.approx(inv(ratio), rel=1e-9)
    assert s_low == pytest.approx(inv(high), rel=1e-7)
    assert s_high == pytest.approx(inv(low), rel=1e-7)
    assert s_p == pytest.approx(p, rel=1e-6)


@PROPERTY
@given(two_groups(), st.floats(0.5, 0.99))
def test_rate_ratio_interval_contains_ratio(groups, level):
    ratio, low, high, p = rate_ratio(*groups, level=level)
    assert 0 <= low <= ratio <= high
    assert 0 <= p <= 1


# --- moving between estimate, CI and p ---------------------------------------------------------------


def test_se_of_unit_log_interval_is_one():
    assert se_from_ci(math.exp(-1.959964), math.exp(1.959964)) == pytest.approx(1.0, rel=1e-6)
    assert se_from_ci(math.exp(-Z95), math.exp(Z95)) == pytest.approx(1.0, rel=1e-12)
    z99 = NormalDist().inv_cdf(0.995)
    assert se_from_ci(math.exp(-z99 * 0.3), math.exp(z99 * 0.3), level=0.99) == pytest.approx(0.3, rel=1e-12)


@pytest.mark.parametrize("level", [0.9, 0.95, 0.99])
def test_ci_touching_one_gives_p_of_one_minus_level(level):
    # Estimate 2 with CI (1, 4): SE = ln 4 / (2 z) = ln 2 / z, so the Wald z equals z_level.
    assert p_from_ci(2.0, 1.0, 4.0, level) == pytest.approx(1 - level, rel=1e-10)
    assert p_from_ci(0.5, 0.25, 1.0, level) == pytest.approx(1 - level, rel=1e-10)


def test_p_from_ci_hand_worked_hazard_ratio():
    # HR 0.81 (95% CI 0.70 to 0.94), worked with Altman & Bland's steps:
    # SE = (ln 0.94 - ln 0.70) / (2 * 1.96) = 0.0752; z = |ln 0.81| / SE = 0.2107 / 0.0752 = 2.80; P = 0.005.
    p = p_from_ci(0.81, 0.70, 0.94)
    assert round(p, 3) == 0.005
    assert p == pytest.approx(2 * (1 - NormalDist().cdf(2.80196)), rel=1e-4)


def test_p_from_ci_null_estimate():
    assert p_from_ci(1.0, 0.5, 2.0) == 1.0


def test_ci_from_p_inverts_the_construction():
    # p = 0.05 for estimate 2 means z = 1.96 = |ln 2| / SE, so the CI is exp(ln 2 -/+ ln 2) = (1, 4).
    low, high = ci_from_p(2.0, 0.05)
    assert low == pytest.approx(1.0, rel=1e-12)
    assert high == pytest.approx(4.0, rel=1e-12)
    low, high = ci_from_p(0.5, 0.01, level=0.99)
    assert (low, high) == (pytest.approx(0.25, rel=1e-12), pytest.approx(1.0, rel=1e-12))


def test_z_value_known_quantiles():
    # Two-sided normal quantiles from the statistics module (an independent implementation).
    assert z_value() == pytest.approx(1.959963984540054, rel=1e-12)
    assert z_value(0.95) == pytest.approx(Z95, rel=1e-12)
    assert z_value(0.90) == pytest.approx(NormalDist().inv_cdf(0.95), rel=1e-12)
    assert z_value(0.99) == pytest.approx(2.5758293035489004, rel=1e-12)
    with pytest.raises(ValueError, match="level"):
        z_value(1.0)


def test_se_from_p_closed_form():
    # p = 0.05 means z_p = 1.959964; an estimate of exp(0.5 z_p) then has SE exactly 0.5,
    # and exp(-0.5 z_p) the same (|ln E| is used).
    assert se_from_p(math.exp(0.5 * Z95), 0.05) == pytest.approx(0.5, rel=1e-12)
    assert se_from_p(math.exp(-0.5 * Z95), 0.05) == pytest.approx(0.5, rel=1e-12)
    # HR 4.95, p = 0.00016: z_p = Phi^-1(1 - 0.00008) = 3.7750, SE = ln 4.95 / 3.7750 = 0.4237.
    z_p = NormalDist().inv_cdf(1 - 0.00016 / 2)
    assert se_from_p(4.95, 0.00016) == pytest.approx(math.log(4.95) / z_p, rel=1e-9)
    assert se_from_p(4.95, 0.00016) == pytest.approx(0.4237, abs=5e-5)


@PROPERTY
@given(
    st.floats(0.01, 100).filter(lambda x: abs(math.log(x)) > 1e-3),
    st.floats(1e-12, 0.9),  # p near 1 makes SE so large that exp(ln E + z SE) overflows
    st.sampled_from([0.9, 0.95, 0.99]),
)
def test_se_from_p_roundtrips_with_p_from_ci(estimate, p, level):
    # A log-symmetric CI with SE = se_from_p(E, p) must give back p through p_from_ci (se_from_ci + normal tail).
    se = se_from_p(estimate, p)
    z = NormalDist().inv_cdf(1 - (1 - level) / 2)
    low, high = math.exp(math.log(estimate) - z * se), math.exp(math.log(estimate) + z * se)
    assert se_from_ci(low, high, level) == pytest.approx(se, rel=1e-9)
    assert p_from_ci(estimate, low, high, level) == pytest.approx(p, rel=1e-6)


@PROPERTY
@given(
    st.floats(0.01, 100).filter(lambda x: abs(math.log(x)) > 1e-3),
    st.floats(1e-12, 0.999),
    st.sampled_from([0.9, 0.95, 0.99]),
)
def test_p_ci_roundtrip(estimate, p, level):
    low, high = ci_from_p(estimate, p, level)
    assert low < estimate < high
    assert p_from_ci(estimate, low, high, level) == pytest.approx(p, rel=1e-6)


# --- rounding-aware p range --------------------------------------------------------------------------


def _brute_force(estimate, low, high, decimals, level=0.95, steps=9):
    """p and SE over a grid of true values behind the printed ones, keeping low <= estimate <= high."""
    z = NormalDist().inv_cdf(1 - (1 - level) / 2)
    h = 0.5 * 10**-decimals
    grids = [np.linspace(v - h, v + h, steps) for v in (estimate, low, high)]
    ps, ses = [], []
    for e, lo, hi in itertools.product(*grids):
        if lo <= e <= hi:
            se = (math.log(hi) - math.log(lo)) / (2 * z)
            ses.append(se)
            # A zero-width interval is the limit of ever narrower ones: p tends to 0 (no grid estimate is 1).
            ps.append(0.0 if se == 0 else 2 * (1 - NormalDist().cdf(abs(math.log(e)) / se)))
    return min(ps), max(ps), min(ses), max(ses)


def test_rounding_range_hand_corners():
    # 0.02 (0.01-0.04) at 2 decimals: est in [0.015, 0.025], low in [0.005, 0.015], high in [0.035, 0.045].
    result = rounding_aware_p_range(0.02, 0.01, 0.04, 2)
    assert isinstance(result, PRange)
    se_max = math.log(0.045 / 0.005) / (2 * Z95)
    se_min = math.log(0.035 / 0.015) / (2 * Z95)
    assert result.se_max == pytest.approx(se_max, rel=1e-9)
    assert result.se_min == pytest.approx(se_min, rel=1e-9)
    # Largest p: estimate nearest 1 with the widest interval; smallest: farthest with the narrowest.
    assert result.p_max == pytest.approx(2 * stats.norm.sf(-math.log(0.025) / se_max), rel=1e-6)
    assert result.p_min == pytest.approx(2 * stats.norm.sf(-math.log(0.015) / se_min), rel=1e-6)
    assert result.p_min <= p_from_ci(0.02, 0.01, 0.04) <= result.p_max


@pytest.mark.parametrize(
    "printed",
    [
        (0.81, 0.70, 0.94, 2),
        (1.3, 1.1, 1.6, 1),
        (0.02, 0.02, 0.04, 2),  # estimate may equal the lower bound
        (0.5, 0.5, 0.9, 1),  # the same, with p far from underflow: low <= estimate cuts the box
        (1.5, 1.4, 1.5, 1),  # printed CI only one step wide: true width can shrink to 0
        (0.98, 0.90, 1.07, 2),
        (2.47, 0.52, 11.8, 2),
    ],
)
def test_rounding_range_brackets_and_attains_brute_force(printed):
    estimate, low, high, decimals = printed
    result = rounding_aware_p_range(estimate, low, high, decimals)
    p_min, p_max, se_min, se_max = _brute_force(estimate, low, high, decimals)
    assert result.p_min <= p_min * (1 + 1e-9) and p_max <= result.p_max * (1 + 1e-9)
    assert result.se_min <= se_min + 1e-12 and se_max <= result.se_max + 1e-12
    # The grid contains every vertex here, so the extremes are attained on it.
    assert result.p_max == pytest.approx(p_max, rel=1e-6)
    assert result.se_max == pytest.approx(se_max, rel=1e-6)
    assert result.se_min == pytest.approx(se_min, rel=1e-6, abs=1e-12)
    assert result.p_min == pytest.approx(p_min, rel=1e-6, abs=1e-300)


def test_rounding_range_estimate_around_one_reaches_p_one():
    result = rounding_aware_p_range(1.00, 0.50, 2.00, 2)
    assert result.p_max == 1.0
    assert result.p_min < 1.0


def test_rounding_range_zero_width_ci_allows_p_zero():
    result = rounding_aware_p_range(1.5, 1.4, 1.5, 1)
    assert result.se_min == 0.0 and result.p_min == 0.0


@pytest.mark.parametrize(
    "args,match",
    [
        ((0.02, 0.00, 0.04, 2), "low printed as 0.0"),
        ((0.05, 0.01, 0.03, 2), "cannot lie within"),
        ((1.0, 1.0, 1.0, 1), "undetermined"),
        ((0.021, 0.01, 0.04, 2), "estimate has more than 2 decimals"),
        ((0.02, 0.01, 0.04, -1), "decimals"),
    ],
)
def test_rounding_range_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        rounding_aware_p_range(*args)


# --- input checking --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call,match",
    [
        (lambda: poisson_ci(-1, 10.0), "events must be a non-negative integer, got -1"),
        (lambda: poisson_ci(1.5, 10.0), "events"),
        (lambda: poisson_ci(True, 10.0), "events"),
        (lambda: poisson_ci(3, 0.0), "exposure must be positive"),
        (lambda: poisson_ci(3, math.inf), "exposure"),
        (lambda: poisson_ci(3, math.nan), "exposure"),
        (lambda: poisson_ci(3, 10.0, level=1.0), "level"),
        (lambda: rate_ratio(3, -1.0, 2, 1.0), "exposure_a"),
        (lambda: rate_ratio(3, 1.0, 2, 0), "exposure_b"),
        (lambda: rate_ratio(3, 1.0, -2, 1.0), "events_b"),
        (lambda: se_from_ci(2.0, 1.0), "low must be below high"),
        (lambda: se_from_ci(0.0, 1.0), "low must be positive"),
        (lambda: se_from_ci(0.5, math.nan), "high"),
        (lambda: p_from_ci(3.0, 1.0, 2.0), "estimate must lie within"),
        (lambda: p_from_ci(-1.0, 1.0, 2.0), "estimate must be positive"),
        (lambda: p_from_ci(1.5, 1.0, 2.0, level=0), "level"),
        (lambda: ci_from_p(1.0, 0.2), "estimate must differ from 1"),
        (lambda: ci_from_p(2.0, 0.0), "p must be strictly between 0 and 1"),
        (lambda: ci_from_p(2.0, 1.0), "p must be strictly between 0 and 1"),
        (lambda: ci_from_p(0.0, 0.5), "estimate must be positive"),
        (lambda: se_from_p(1.0, 0.2), "estimate must differ from 1"),
        (lambda: se_from_p(2.0, 0.0), "p must be strictly between 0 and 1"),
        (lambda: se_from_p(-2.0, 0.1), "estimate must be positive"),
    ],
)
def test_bad_input_names_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_bucher_indirect_by_hand():
    from statistics import NormalDist

    from analysis.stats.rates import bucher_indirect

    # ln R = ln 0.5 - ln 0.25 = ln 2; SE = sqrt(0.3^2 + 0.4^2) = 0.5;
    # CI 2 exp(-/+ 0.979982) = 2 x 0.375318, 2 x 2.664408 = 0.750636, 5.328817; z = 0.693147 / 0.5 = 1.386294,
    # p = 2 (1 - 0.917172) = 0.165657.
    result = bucher_indirect(0.5, 0.3, 0.25, 0.4)
    assert result.ratio == pytest.approx(2.0, rel=1e-12)
    assert result.se == pytest.approx(0.5, rel=1e-12)
    assert (result.low, result.high) == pytest.approx((0.750636, 5.328817), abs=1e-6)
    assert result.p == pytest.approx(2 * (1 - NormalDist().cdf(math.log(2) / 0.5)), rel=1e-9)
    assert result.p == pytest.approx(0.165657, abs=1e-6)
    narrower = bucher_indirect(0.5, 0.3, 0.25, 0.4, level=0.90)
    assert narrower.low > result.low and narrower.high < result.high  # level is used
    with pytest.raises(ValueError, match="se_bc"):
        bucher_indirect(0.5, 0.3, 0.25, 0.0)
    with pytest.raises(ValueError, match="ratio_ac"):
        bucher_indirect(-0.5, 0.3, 0.25, 0.4)


def test_events_from_log_hr_se_by_hand():
    from analysis.stats.rates import events_from_log_hr_se

    assert events_from_log_hr_se(0.5) == pytest.approx(16.0)  # 4 / 0.25
    # HR 0.06 (0.02-0.24): SE = ln 12 / 3.919928 = 0.633916, d ~ 4 / 0.401850 = 9.954.
    assert events_from_log_hr_se(math.log(12) / (2 * 1.959964)) == pytest.approx(9.954, abs=1e-3)
    with pytest.raises(ValueError, match="se"):
        events_from_log_hr_se(0)


def test_rate_ratio_forwards_the_level():
    # 5 events against 10 in equal exposure. Given 15 events, a ~ Binomial(15, pi) with ratio =
    # pi / (1 - pi). Clopper-Pearson at 90 %: pi_low is the 5 % point of Beta(5, 11) and pi_high the
    # 95 % point of Beta(6, 10), giving 0.165-1.367; at 95 % (2.5 % and 97.5 % points) 0.134-1.605.
    for level, printed in ((0.90, (0.165, 1.367)), (0.95, (0.134, 1.605))):
        tail = (1 - level) / 2
        pi_low, pi_high = stats.beta.ppf(tail, 5, 11), stats.beta.isf(tail, 6, 10)
        ratio, low, high, p = rate_ratio(5, 100, 10, 100, level=level)
        assert (low, high) == pytest.approx((pi_low / (1 - pi_low), pi_high / (1 - pi_high)), rel=1e-9)
        assert (round(low, 3), round(high, 3)) == printed
        assert ratio == 0.5
        # Two-sided exact test of pi = 1/2: 2 P(X <= 5) = 2 (1 + 15 + 105 + 455 + 1365 + 3003) / 2**15.
        assert p == pytest.approx(2 * 4944 / 2**15, rel=1e-12)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: rate_ratio(-1, 100, 10, 100), "events_a must be a non-negative integer"),
    (lambda: rate_ratio(5, 0, 10, 100), "exposure_a must be positive"),
    (lambda: rate_ratio(5, 100, 1.5, 100), "events_b must be a non-negative integer"),
    (lambda: rate_ratio(5, 100, 10, -1), "exposure_b must be positive"),
    (lambda: rate_ratio(0, 100, 0, 100), "events_a and events_b are both 0: the rate ratio is undefined"),
    (lambda: se_from_p(1.0, 0.5), "estimate must differ from 1: a null estimate carries no standard error"),
    (lambda: rounding_aware_p_range(0.5, 0.2, 0.9, -1), "decimals must be a non-negative integer"),
    (lambda: rounding_aware_p_range(0.5, 0.2, 0.95, 1), "high has more than 1 decimals"),
    (lambda: rounding_aware_p_range(1.0, 1.0, 1.0, 1),
     "the printed values allow a zero-width CI at 1: the p value is undetermined"),
])
def test_errors_name_the_argument_exactly(call, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        call()


def test_rounding_range_ordering_cuts_the_box_by_hand():
    # 0.5 (0.5-0.9) at 1 decimal: E and L both in [0.45, 0.55], U in [0.85, 0.95]. The test statistic
    # |ln E| 2z / (ln U - ln L) rises with L, so for each E the largest is at L = E (L <= E) and U = 0.85:
    # -ln E / (ln 0.85 - ln E) = u / (u - 0.162519) with u = -ln E falls as u rises, so the maximum is at
    # E = L = 0.55: 0.597837 / 0.435318 = 1.373334, z = 5.383 and p_min = 7.3e-8. Without the ordering the corner
    # E = 0.45, L = 0.55 would give 0.798508 / 0.435318 = 1.834309 and a p near 6.5e-13.
    result = rounding_aware_p_range(0.5, 0.5, 0.9, 1)
    z_max = -math.log(0.55) * 2 * Z95 / math.log(0.85 / 0.55)
    assert result.p_min == pytest.approx(2 * stats.norm.sf(z_max), rel=1e-9)
    assert result.p_min == pytest.approx(7.3e-8, rel=0.05)
    # Least significant: E = 0.55 with the widest CI 0.45-0.95: z = 0.597837 x 3.919928 / 0.747214 = 3.136.
    z_min = -math.log(0.55) * 2 * Z95 / math.log(0.95 / 0.45)
    assert result.p_max == pytest.approx(2 * stats.norm.sf(z_min), rel=1e-9)


@pytest.mark.parametrize(("args", "message"), [
    ((-0.5, 0.3, 0.25, 0.4), "ratio_ac must be positive"),
    ((0.5, 0.3, 0.0, 0.4), "ratio_bc must be positive"),
    ((0.5, -0.3, 0.25, 0.4), "se_ac must be positive"),
    ((0.5, 0.3, 0.25, 0.0), "se_bc must be positive"),
])
def test_bucher_indirect_errors_name_the_argument_exactly(args, message):
    from analysis.stats.rates import bucher_indirect

    with pytest.raises(ValueError, match="^" + re.escape(message)):
        bucher_indirect(*args)


def test_events_from_log_hr_se_error_names_the_argument_exactly():
    from analysis.stats.rates import events_from_log_hr_se

    with pytest.raises(ValueError, match=r"^se must be positive"):
        events_from_log_hr_se(-0.1)


# --- sizes bounded before any work (analysis.stats._validate.SIZE_BOUNDS) -----------------------------------

_COUNT_BOUND = r"must be at most 1000000000000000 \(got {}\): scipy's distributions take counts as floats"


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (lambda: poisson_ci(10**15 + 1, 1.0), r"^events " + _COUNT_BOUND.format(10**15 + 1)),
        (lambda: poisson_ci(10**400, 1.0), r"^events " + _COUNT_BOUND.format(r"1\.000e\+400")),
        (lambda: rate_ratio(10**15, 1.0, 1, 1.0), r"^events_a \+ events_b " + _COUNT_BOUND.format(10**15 + 1)),
    ],
)
def test_counts_past_the_bound_are_refused_by_name(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()


def test_counts_at_the_bound_are_accepted():
    rate, low, high = poisson_ci(10**15, 1.0)
    assert rate == 1e15 and low < 1e15 < high
    assert rate_ratio(10**15 - 1, 1.0, 1, 1.0)[0] == 10**15 - 1
