"""Tests for analysis.proportions against closed forms and binomial tail identities."""

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from analysis.stats.proportions import (
    MissingDataBounds,
    exact_ci,
    missing_data_bounds,
    one_sided_lower,
    one_sided_upper,
    rule_of_three,
)

PROPERTY = settings.get_profile("property")  # registered in conftest.py


@st.composite
def k_of_n(draw, max_n=200):
    n = draw(st.integers(1, max_n))
    return draw(st.integers(0, n)), n


# --- closed forms ---------------------------------------------------------------------------


def test_zero_of_ten_upper_is_closed_form():
    # P(X = 0 | p) = (1 - p)^10 = 0.025  =>  p = 1 - 0.025^(1/10) = 0.30850
    low, high = exact_ci(0, 10)
    assert low == 0.0
    assert high == pytest.approx(0.30850, abs=5e-6)


@pytest.mark.parametrize("n", [1, 5, 10, 37, 500])
def test_all_successes_lower_is_closed_form(n):
    low, high = exact_ci(n, n)
    assert high == 1.0
    assert low == pytest.approx(0.025 ** (1 / n), rel=1e-12)


def test_ten_of_ten_lower_value():
    assert exact_ci(10, 10)[0] == pytest.approx(0.69150, abs=5e-6)


@pytest.mark.parametrize("n", [2, 10, 50])
def test_one_success_lower_and_n_minus_one_upper(n):
    # P(X >= 1 | p) = 1 - (1 - p)^n = 0.025  and  P(X <= n - 1 | p) = 1 - p^n = 0.025
    assert exact_ci(1, n)[0] == pytest.approx(1 - 0.975 ** (1 / n), rel=1e-9)
    assert exact_ci(n - 1, n)[1] == pytest.approx(0.975 ** (1 / n), rel=1e-9)


def test_level_changes_the_closed_form():
    assert exact_ci(0, 20, level=0.90)[1] == pytest.approx(1 - 0.05 ** (1 / 20), rel=1e-12)


# --- defining identities ------------------------------------------------------------------------


@pytest.mark.parametrize("k,n", [(7, 20), (1, 3), (13, 40), (99, 100), (250, 1000)])
@pytest.mark.parametrize("level", [0.9, 0.95, 0.99])
def test_bounds_solve_the_binomial_tail_equations(k, n, level):
    # Clopper-Pearson: P(X >= k | low) = alpha/2 and P(X <= k | high) = alpha/2.
    alpha = 1 - level
    low, high = exact_ci(k, n, level)
    assert stats.binom.sf(k - 1, n, low) == pytest.approx(alpha / 2, rel=1e-7)
    assert stats.binom.cdf(k, n, high) == pytest.approx(alpha / 2, rel=1e-7)


def test_seven_of_twenty_matches_beta_quantiles():
    low, high = exact_ci(7, 20)
    assert low == pytest.approx(stats.beta.ppf(0.025, 7, 14), rel=1e-12)
    assert high == pytest.approx(stats.beta.ppf(0.975, 8, 13), rel=1e-12)
    # Neighbourhood of the known 95 % interval for 7/20 (0.154 to 0.592).
    assert (round(low, 3), round(high, 3)) == (0.154, 0.592)


def test_one_sided_zero_events_closed_form():
    # 1 - 0.05^(1/100) = 0.029513, the exact counterpart of the rule of three.
    assert one_sided_upper(0, 100) == pytest.approx(1 - 0.05 ** (1 / 100), rel=1e-12)
    assert one_sided_upper(0, 100) == pytest.approx(0.029513, abs=5e-7)
    assert one_sided_lower(0, 100) == 0.0
    assert one_sided_lower(100, 100) == pytest.approx(0.05 ** (1 / 100), rel=1e-12)
    assert one_sided_upper(100, 100) == 1.0


@pytest.mark.parametrize("k,n", [(0, 10), (3, 17), (17, 17), (40, 90)])
def test_one_sided_equals_two_sided_at_doubled_tail(k, n):
    low, high = exact_ci(k, n, level=0.90)
    assert one_sided_upper(k, n, level=0.95) == pytest.approx(high, rel=1e-12)
    assert one_sided_lower(k, n, level=0.95) == pytest.approx(low, rel=1e-12)


@pytest.mark.parametrize("k,n", [(2, 15), (9, 30)])
def test_one_sided_bounds_solve_tail_equations(k, n):
    assert stats.binom.cdf(k, n, one_sided_upper(k, n, 0.95)) == pytest.approx(0.05, rel=1e-7)
    assert stats.binom.sf(k - 1, n, one_sided_lower(k, n, 0.95)) == pytest.approx(0.05, rel=1e-7)


@pytest.mark.parametrize("n", [30, 100, 1000])
def test_rule_of_three(n):
    assert rule_of_three(n) == 3 / n
    # -ln(0.05) = 2.996, so 3/n is slightly above the exact bound and close to it for large n.
    exact = 1 - 0.05 ** (1 / n)
    assert exact < rule_of_three(n) < exact * 1.06


# --- missing data ---------------------------------------------------------------------------


def test_missing_data_bounds_closed_forms():
    # 0 of 0 observed out of 5: worst 0/5, best 5/5.
    bounds = missing_data_bounds(0, 0, 5)
    assert isinstance(bounds, MissingDataBounds)
    assert (bounds.worst.estimate, bounds.worst.low) == (0.0, 0.0)
    assert bounds.worst.high == pytest.approx(1 - 0.025 ** (1 / 5), rel=1e-12)
    assert (bounds.best.estimate, bounds.best.high) == (1.0, 1.0)
    assert bounds.best.low == pytest.approx(0.025 ** (1 / 5), rel=1e-12)


def test_missing_data_bounds_estimates_and_intervals():
    bounds = missing_data_bounds(8, 10, 12, level=0.9)
    assert bounds.worst.estimate == pytest.approx(8 / 12)
    assert bounds.best.estimate == pytest.approx(10 / 12)
    assert (bounds.worst.low, bounds.worst.high) == exact_ci(8, 12, 0.9)
    assert (bounds.best.low, bounds.best.high) == exact_ci(10, 12, 0.9)
    with pytest.raises(dataclasses.FrozenInstanceError):
        bounds.worst = bounds.best


def test_missing_data_bounds_no_missing_collapses():
    bounds = missing_data_bounds(4, 9, 9)
    assert bounds.worst == bounds.best


# --- properties -----------------------------------------------------------------------------------


@PROPERTY
@given(k_of_n(), st.floats(0.5, 0.99), st.floats(0.001, 0.0099))
def test_interval_nests_as_level_rises(kn, level, step):
    k, n = kn
    low, high = exact_ci(k, n, level)
    wide_low, wide_high = exact_ci(k, n, level + step)
    assert wide_low <= low and high <= wide_high


@PROPERTY
@given(k_of_n(), st.floats(0.5, 0.999))
def test_interval_contains_estimate(kn, level):
    k, n = kn
    low, high = exact_ci(k, n, level)
    assert 0 <= low <= k / n <= high <= 1


@PROPERTY
@given(k_of_n(), st.floats(0.5, 0.999))
def test_bounds_increase_with_successes(kn, level):
    k, n = kn
    if k == n:
        k -= 1
        if k < 0:
            return
    low, high = exact_ci(k, n, level)
    next_low, next_high = exact_ci(k + 1, n, level)
    assert next_low > low and next_high > high


@PROPERTY
@given(k_of_n(), st.floats(0.5, 0.999))
def test_interval_mirrors_under_swapping_success_and_failure(kn, level):
    k, n = kn
    low, high = exact_ci(k, n, level)
    mirror_low, mirror_high = exact_ci(n - k, n, level)
    assert mirror_low == pytest.approx(1 - high, abs=1e-10)
    assert mirror_high == pytest.approx(1 - low, abs=1e-10)


# --- input checking --------------------------------------------------------------------------------


def test_accepts_numpy_integers_and_integral_floats():
    assert exact_ci(np.int64(3), np.int32(10)) == exact_ci(3, 10)
    assert exact_ci(3.0, 10.0) == exact_ci(3, 10)


@pytest.mark.parametrize(
    "args,name",
    [
        ((-1, 10), "successes"),
        ((2.5, 10), "successes"),
        ((True, 10), "successes"),
        ((np.bool_(True), 10), "successes"),
        ((math.nan, 10), "successes"),
        (("3", 10), "successes"),
        ((3, 0), "n"),
        ((3, -4), "n"),
        ((3, math.inf), "n"),
        ((11, 10), "successes must not exceed n"),
    ],
)
def test_bad_counts_name_the_argument(args, name):
    with pytest.raises(ValueError, match=name):
        exact_ci(*args)


@pytest.mark.parametrize("level", [0, 1, 1.5, -0.1, math.nan, "0.95", True])
def test_bad_level(level):
    with pytest.raises(ValueError, match="level"):
        exact_ci(3, 10, level)
    with pytest.raises(ValueError, match="level"):
        one_sided_upper(3, 10, level)


def test_bad_helpers_arguments():
    with pytest.raises(ValueError, match="n must be a positive integer"):
        rule_of_three(0)
    with pytest.raises(ValueError, match="successes must not exceed observed"):
        missing_data_bounds(5, 4, 10)
    with pytest.raises(ValueError, match="observed must not exceed total"):
        missing_data_bounds(3, 11, 10)
    with pytest.raises(ValueError, match="successes"):
        one_sided_lower(-2, 10)


# Every argument error starts with the argument's exact name (project rule), checked with anchored patterns.
@pytest.mark.parametrize(
    "call,pattern",
    [
        (lambda: exact_ci(-1, 10), r"^successes must be a non-negative integer"),
        (lambda: exact_ci(3, 0), r"^n must be a positive integer"),
        (lambda: exact_ci(3, -1), r"^n must be a non-negative integer"),
        (lambda: exact_ci(11, 10), r"^successes must not exceed n \(10\), got 11$"),
        (lambda: exact_ci(3, 10, 1.0), r"^level must be strictly between 0 and 1"),
        (lambda: one_sided_upper(-1, 10), r"^successes must be a non-negative integer"),
        (lambda: one_sided_upper(3, 0), r"^n must be a positive integer"),
        (lambda: one_sided_upper(3, 10, 0.0), r"^level must be strictly between 0 and 1"),
        (lambda: one_sided_lower(11, 10), r"^successes must not exceed n \(10\), got 11$"),
        (lambda: one_sided_lower(3, 10, "0.95"), r"^level must be a finite real number"),
        (lambda: rule_of_three(0), r"^n must be a positive integer"),
        (lambda: rule_of_three(-3), r"^n must be a non-negative integer"),
        (lambda: missing_data_bounds(-1, 5, 10), r"^successes must be a non-negative integer"),
        (lambda: missing_data_bounds(1, -5, 10), r"^observed must be a non-negative integer"),
        (lambda: missing_data_bounds(1, 5, 0), r"^total must be a positive integer"),
        (lambda: missing_data_bounds(1, 5, -2), r"^total must be a non-negative integer"),
        (lambda: missing_data_bounds(6, 5, 10), r"^successes must not exceed observed \(5\), got 6$"),
        (lambda: missing_data_bounds(1, 11, 10), r"^observed must not exceed total \(10\), got 11$"),
        (lambda: missing_data_bounds(1, 5, 10, 1.5), r"^level must be strictly between 0 and 1"),
    ],
)
def test_argument_errors_start_with_the_argument_name(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()


# --- sizes bounded before any work (analysis.stats._validate.SIZE_BOUNDS) -----------------------------------

_COUNT_BOUND = r"must be at most 1000000000000000 \(got {}\): scipy's distributions take counts as floats"


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (lambda: exact_ci(5, 10**400), r"^n " + _COUNT_BOUND.format(r"1\.000e\+400")),
        (lambda: exact_ci(5, 10**15 + 1), r"^n " + _COUNT_BOUND.format(10**15 + 1)),
        (lambda: one_sided_upper(0, 10**15 + 1), r"^n " + _COUNT_BOUND.format(10**15 + 1)),
        (lambda: one_sided_lower(0, 10**15 + 1), r"^n " + _COUNT_BOUND.format(10**15 + 1)),
        (lambda: missing_data_bounds(1, 2, 10**15 + 1), r"^total " + _COUNT_BOUND.format(10**15 + 1)),
    ],
)
def test_counts_past_the_bound_are_refused_by_name(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()


def test_counts_at_the_bound_match_the_poisson_limit():
    # With k fixed and n large, Clopper-Pearson's bounds times n tend to Garwood's Poisson bounds,
    # chi2(alpha/2; 2k) / 2 and chi2(1 - alpha/2; 2k + 2) / 2 (Johnson, Kemp & Kotz 2005, section 3.8).
    low, high = exact_ci(5, 10**15)
    assert low * 10**15 == pytest.approx(stats.chi2.ppf(0.025, 10) / 2, rel=1e-9)
    assert high * 10**15 == pytest.approx(stats.chi2.ppf(0.975, 12) / 2, rel=1e-9)
    assert missing_data_bounds(1, 2, 10**15).worst.estimate == 1e-15
