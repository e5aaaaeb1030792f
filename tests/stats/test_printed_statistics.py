"""Tests of analysis.stats.printed_statistics: closed forms, scipy identities, statcheck's cases."""

import math
import re

import pytest
from scipy import stats

from analysis.stats.printed_statistics import p_from_statistic


def _consistent(reported_p, p_range, p_decimals):
    """statcheck's rule for "test = ..., p = ..." (MicheleNuijten/statcheck, R/error_test.R):
    error <- reported_p > round(up_p, p_dec) | reported_p < round(low_p, p_dec)."""
    low, high = p_range
    return round(low, p_decimals) <= reported_p <= round(high, p_decimals)


# --- statcheck's test suite (MicheleNuijten/statcheck, tests/testthat/) ---------------------------

# test-compute-pvalues.R: computed <- pt(-1 * abs(2.20), 28) * 2 etc.; scipy cross-checks.
def test_statcheck_computed_p_values():
    assert p_from_statistic("t", 2.20, 28)[0] == pytest.approx(2 * stats.t.cdf(-2.20, 28), rel=1e-12)
    assert p_from_statistic("F", 2.20, (2, 28))[0] == pytest.approx(stats.f.sf(2.20, 2, 28), rel=1e-12)
    r_as_t = 0.22 / math.sqrt((1 - 0.22 ** 2) / 28)  # statcheck R/compute_p.R r2t()
    assert p_from_statistic("r", 0.22, 28)[0] == pytest.approx(2 * stats.t.cdf(-r_as_t, 28), rel=1e-12)
    assert p_from_statistic("z", 2.20)[0] == pytest.approx(2 * stats.norm.sf(2.20), rel=1e-12)
    assert p_from_statistic("chi2", 22.20, 28)[0] == pytest.approx(stats.chi2.sf(22.20, 28), rel=1e-12)


# test-error.R, "simple errors are classified as such" and the negative-statistic cases:
@pytest.mark.parametrize(("test", "stat", "df", "dec", "p", "p_dec"), [
    ("t", 2.20, 28, 2, 0.03, 2),
    ("F", 2.20, (2, 28), 2, 0.15, 2),
    ("r", 0.22, 28, 2, 0.26, 2),
    ("chi2", 22.20, 28, 2, 0.79, 2),
    ("z", 2.20, None, 2, 0.04, 2),
    ("t", -2.20, 28, 2, 0.03, 2),
])
def test_statcheck_errors(test, stat, df, dec, p, p_dec):
    assert not _consistent(p, p_from_statistic(test, stat, df, decimals=dec), p_dec)


# test-error.R, "correctly rounded p-values are not considered errors" and " Z = -2.42, p = 0.016"
@pytest.mark.parametrize(("test", "stat", "df", "dec", "p", "p_dec"), [
    ("t", 2, 28, 0, 0.02, 2),
    ("t", 2, 28, 0, 0.14, 2),
    ("t", 2.2, 28, 1, 0.03, 2),
    ("t", 2.2, 28, 1, 0.04, 2),
    ("t", 2.20, 28, 2, 0.036, 3),
    ("t", 2.20, 28, 2, 0.037, 3),
    ("z", -2.42, None, 2, 0.016, 3),
])
def test_statcheck_correct_roundings(test, stat, df, dec, p, p_dec):
    assert _consistent(p, p_from_statistic(test, stat, df, decimals=dec), p_dec)


def test_statcheck_range_for_t_2_2():
    # test-error.R: lowp <- pt(2.25, 28, lower.tail = FALSE)*2; upp <- pt(2.15, 28, lower.tail = FALSE)*2
    low, high = p_from_statistic("t", 2.2, 28, decimals=1)
    assert low == pytest.approx(2 * stats.t.sf(2.25, 28), rel=1e-12)
    assert high == pytest.approx(2 * stats.t.sf(2.15, 28), rel=1e-12)


# --- closed forms -----------------------------------------------------------------------------------

def test_z_closed_form_erfc():
    assert p_from_statistic("z", 1.5)[0] == pytest.approx(math.erfc(1.5 / math.sqrt(2)), rel=1e-12)


def test_t_with_one_df_is_cauchy():
    # t(1) is Cauchy: two-sided p = 1 - (2/pi) atan|t|
    assert p_from_statistic("t", -3.0, 1)[0] == pytest.approx(1 - 2 / math.pi * math.atan(3), rel=1e-12)


def test_chi2_with_two_df_is_exponential():
    assert p_from_statistic("chi2", 5.0, 2)[0] == pytest.approx(math.exp(-2.5), rel=1e-12)


def test_f_with_one_numerator_df_is_t_squared():
    assert p_from_statistic("F", 2.2 ** 2, (1, 28))[0] == pytest.approx(p_from_statistic("t", 2.2, 28)[0], rel=1e-10)


def test_r_is_a_t_test_on_the_converted_statistic():
    # r = 0.6, df = 16: t = 0.6 * sqrt(16 / 0.64) = 3 exactly
    assert p_from_statistic("r", -0.6, 16)[0] == pytest.approx(p_from_statistic("t", 3.0, 16)[0], rel=1e-12)


def test_interval_ends_are_the_rounding_ends_for_each_test():
    # the closed interval [s - 0.005, s + 0.005]: the ends, not s +- 0.01 or s +- 0.0005
    assert p_from_statistic("chi2", 5.00, 2, decimals=2) == pytest.approx(
        (math.exp(-5.005 / 2), math.exp(-4.995 / 2)), rel=1e-12)
    assert p_from_statistic("z", 1.5, decimals=1) == pytest.approx(
        (math.erfc(1.55 / math.sqrt(2)), math.erfc(1.45 / math.sqrt(2))), rel=1e-12)


def test_decimals_none_gives_equal_ends():
    low, high = p_from_statistic("F", 3.1, (3, 40))
    assert low == high


@pytest.mark.parametrize(("test", "stat", "df"), [("t", 0.0, 10), ("z", 0.0, None), ("r", 0.0, 10),
                                                  ("t", -0.0, 10), ("z", 0.04, None)])
def test_interval_crossing_zero_reaches_p_one(test, stat, df):
    low, high = p_from_statistic(test, stat, df, decimals=1)
    assert high == 1.0
    assert low < 1.0


def test_f_and_chi2_at_zero_are_clipped():
    assert p_from_statistic("F", 0.00, (2, 20), decimals=2)[1] == 1.0
    assert p_from_statistic("chi2", 0.0, 3, decimals=1)[1] == 1.0


def test_r_interval_clipped_at_one():
    assert p_from_statistic("r", 1.00, 10, decimals=2)[0] == 0.0
    assert p_from_statistic("r", 1.0, 10) == (0.0, 0.0)


@pytest.mark.parametrize(("args", "kwargs", "word"), [
    (("q", 2.0, 10), {}, "test"),
    (("t", 2.0), {}, "df"),
    (("t", 2.0, 0), {}, "df"),
    (("F", 2.0, 10), {}, "df"),
    (("F", 2.0, (1, -2)), {}, "df"),
    (("chi2", -1.0, 3), {}, "statistic"),
    (("r", 1.2, 3), {}, "statistic"),
    (("t", float("nan"), 3), {}, "statistic"),
    (("t", 2.0, 3), {"decimals": -1}, "decimals"),
])
def test_argument_errors(args, kwargs, word):
    with pytest.raises(ValueError, match=word):
        p_from_statistic(*args, **kwargs)


def test_negative_t_keeps_its_rounding_interval():
    # t = -2.0 at 1 decimal stands for [-2.05, -1.95]: p runs from 2 P(T > 2.05) to 2 P(T > 1.95), df 10.
    # Only F and chi2 are clipped at 0; clipping a t interval would give p_high = 1.
    assert p_from_statistic("t", -2.0, 10, decimals=1) == pytest.approx(
        (2 * stats.t.sf(2.05, 10), 2 * stats.t.sf(1.95, 10)), rel=1e-12)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: p_from_statistic("z", True), "statistic must be a finite number"),
    (lambda: p_from_statistic("z", 1.0, decimals=True), "decimals must be a non-negative integer or None"),
    (lambda: p_from_statistic("F", -1.0, (2, 10)), "statistic must be >= 0 for F"),
    (lambda: p_from_statistic("chi2", -1.0, 2), "statistic must be >= 0 for chi2"),
])
def test_errors_name_the_argument_exactly(call, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        call()


def test_decimals_past_their_bound_are_refused_by_name():
    with pytest.raises(ValueError, match=r"^decimals must be at most 1000 \(got 1001\): exact rounding works"):
        p_from_statistic("z", 1.96, decimals=1001)
    with pytest.raises(ValueError, match=r"^decimals must be at most 1000 \(got 1\.000e\+400\): "):
        p_from_statistic("z", 1.96, decimals=10**400)
    low, high = p_from_statistic("z", 1.96, decimals=1000)  # 10**-1000 is 0.0 as a float: the exact value's p
    assert low == high == pytest.approx(2 * stats.norm.sf(1.96), rel=1e-12)
