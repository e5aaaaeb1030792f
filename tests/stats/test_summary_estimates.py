"""Tests of analysis.stats.summary_estimates against values that did not come from this code."""

import itertools
import math
import re
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from analysis.stats.summary_estimates import mean_bounds, mean_sd_from_quantiles

# metafor (wviechtb/metafor), docs/reference/conv.fivenum.html, rendered output of the example
#   dat <- data.frame(case=c(1:3,NA), min=c(2,NA,2,NA), q1=c(NA,4,4,NA), median=c(6,6,6,NA),
#                     q3=c(NA,10,10,NA), max=c(14,NA,14,NA), mean=c(NA,NA,NA,7.0),
#                     sd=c(NA,NA,NA,4.2), n=c(20,20,20,20))
#   conv.fivenum(min=min, q1=q1, median=median, q3=q3, max=max, n=n, data=dat)
#   #>   case min q1 median q3 max     mean       sd  n
#   #> 1    1   2 NA      6 NA  14 6.594468 3.211576 20
#   #> 2    2  NA  4      6 10  NA 6.719500 4.787076 20
#   #> 3    3   2  4      6 10  14 6.938841 3.679435 20
METAFOR_CASES = [
    (dict(minimum=2, median=6, maximum=14), 6.594468, 3.211576),
    (dict(q1=4, median=6, q3=10), 6.719500, 4.787076),
    (dict(minimum=2, q1=4, median=6, q3=10, maximum=14), 6.938841, 3.679435),
]


@pytest.mark.parametrize(("kwargs", "mean", "sd"), METAFOR_CASES)
def test_metafor_conv_fivenum_default_example(kwargs, mean, sd):
    got_mean, got_sd = mean_sd_from_quantiles(20, **kwargs)
    assert got_mean == pytest.approx(mean, abs=5e-7)  # metafor prints 7 significant digits
    assert got_sd == pytest.approx(sd, abs=5e-7)


def test_n_is_forwarded_to_the_weights():
    # Same summary, another n: the metafor values at n = 20 must no longer come out.
    mean, sd = mean_sd_from_quantiles(200, minimum=2, median=6, maximum=14)
    assert mean != pytest.approx(6.594468, abs=1e-3)
    assert sd != pytest.approx(3.211576, abs=1e-3)


def test_wan_xi_is_the_expected_range_for_large_n():
    # Closed form: Wan (2014) xi(n) = 2*Phi^-1((n-0.375)/(n+0.25)); for n = 1e6 the range of a
    # standard normal sample is ~ 2 * 4.89; SD of a range of 2*xi must come back as 1.
    from scipy.stats import norm
    n = 10**6
    xi = 2 * norm.ppf((n - 0.375) / (n + 0.25))
    _, sd = mean_sd_from_quantiles(n, minimum=-xi / 2, median=0, maximum=xi / 2)
    assert sd == pytest.approx(1.0, rel=1e-12)


@pytest.mark.parametrize("kwargs", [dict(minimum=1, median=5, maximum=9),
                                    dict(q1=3, median=5, q3=7),
                                    dict(minimum=1, q1=3, median=5, q3=7, maximum=9)])
@pytest.mark.parametrize("n", [5, 20, 400])
def test_symmetric_summary_gives_mean_equal_to_median(kwargs, n):
    # Closed form: every Luo (2018) estimator is a weighted average of mid-range, mid-quartile
    # range and median, all equal to 5 here.
    mean, _ = mean_sd_from_quantiles(n, **kwargs)
    assert mean == pytest.approx(5.0, abs=1e-12)


def test_hozo_closed_form():
    # Hozo (2005) eqs. 4 and 16 by hand: a=2, m=12, b=14:
    # mean = (2 + 24 + 14)/4 = 10; var = ((2 - 24 + 14)^2/4 + 12^2)/12 = (16 + 144)/12 = 40/3
    mean, sd = mean_sd_from_quantiles(10, minimum=2, median=12, maximum=14, method="hozo")
    assert mean == 10
    assert sd == pytest.approx(math.sqrt(40 / 3), rel=1e-15)


def test_hozo_matches_metafor_hozo2005_for_small_n():
    # metafor R/conv.fivenum.r, method "hozo2005": for n <= 15 the SD is
    # 1/sqrt(12) * sqrt((min - 2*median + max)^2 / 4 + (max - min)^2); with 2, 6, 14:
    # (2 - 12 + 14)^2/4 = 4, (14 - 2)^2 = 144 -> sqrt(148/12); mean (2 + 12 + 14)/4 = 7.
    mean, sd = mean_sd_from_quantiles(15, minimum=2, median=6, maximum=14, method="hozo")
    assert mean == 7
    assert sd == pytest.approx(math.sqrt(148 / 12), rel=1e-15)


def test_hozo_ignores_quartiles_when_all_five_given():
    five = mean_sd_from_quantiles(15, minimum=2, q1=3, median=6, q3=9, maximum=14, method="hozo")
    assert five == mean_sd_from_quantiles(15, minimum=2, median=6, maximum=14, method="hozo")


def test_hozo_with_quartiles_only_names_the_range():
    with pytest.raises(ValueError, match="minimum"):
        mean_sd_from_quantiles(20, q1=4, median=6, q3=10, method="hozo")


@pytest.mark.parametrize(("kwargs", "word"), [
    (dict(n=0, median=6, minimum=2, maximum=14), "n"),
    (dict(n=20, median=6, minimum=7, maximum=14), "median"),
    (dict(n=20, median=6, minimum=2, maximum=5), "maximum"),
    (dict(n=20, median=6, q1=7, q3=10), "median"),
    (dict(n=20, median=6, q1=4, q3=3), "q3"),
    (dict(n=20, median=6, minimum=2, q1=1, q3=10, maximum=14), "q1"),
    (dict(n=20, median=6, minimum=2), "maximum"),
    (dict(n=20, median=6, q3=10), "q1"),
    (dict(n=20, median=6), "minimum"),
    (dict(n=20, median=6, minimum=2, maximum=14, method="wan"), "method"),
    (dict(n=1, median=6, minimum=6, maximum=6), "n"),
])
def test_argument_errors_name_the_argument(kwargs, word):
    with pytest.raises(ValueError, match=word):
        mean_sd_from_quantiles(**kwargs)


def test_non_integer_n_is_a_type_error():
    with pytest.raises(TypeError, match="n"):
        mean_sd_from_quantiles(20.0, median=6, minimum=2, maximum=14)


def test_equal_quantiles_are_allowed():
    # Closed interval: min == median == max is a valid (degenerate) summary.
    assert mean_sd_from_quantiles(5, minimum=3, median=3, maximum=3) == (3.0, 0.0)


# --- mean_bounds: brute force over all sorted integer tuples -------------------------------------

def _median(values):
    n = len(values)
    mid = n // 2
    return Fraction(values[mid]) if n % 2 else Fraction(values[mid - 1] + values[mid], 2)


def _brute_force_bounds(n, top):
    """{(min, median, max): (smallest mean, largest mean)} over sorted tuples of 0..top."""
    out = {}
    for values in itertools.combinations_with_replacement(range(top + 1), n):
        key = (values[0], _median(values), values[-1])
        mean = Fraction(sum(values), n)
        lo, hi = out.get(key, (mean, mean))
        out[key] = (min(lo, mean), max(hi, mean))
    return out


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6, 7])
def test_mean_bounds_equal_brute_force(n):
    table = _brute_force_bounds(n, top=6)
    for (a, m, b), (lo, hi) in table.items():
        median = int(m) if m.denominator == 1 else float(m)
        assert mean_bounds(n, median=median, minimum=a, maximum=b) == (float(lo), float(hi)), (a, m, b)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6])
def test_mean_bounds_rejects_every_impossible_summary(n):
    # Every (min, median, max) with half-integer medians in range that brute force never
    # produces must raise ValueError.
    table = _brute_force_bounds(n, top=5)
    for a in range(6):
        for b in range(a, 6):
            for twice in range(2 * a, 2 * b + 1):
                m = Fraction(twice, 2)
                if (a, m, b) in table:
                    continue
                with pytest.raises(ValueError):
                    mean_bounds(n, median=float(m), minimum=a, maximum=b)


@pytest.mark.parametrize(("kwargs", "word"), [
    (dict(n=0, median=1, minimum=0, maximum=2), "n"),
    (dict(n=3, median=1, minimum=0.5, maximum=2), "minimum"),
    (dict(n=3, median=1, minimum=0, maximum=2.5), "maximum"),
    (dict(n=3, median=1.5, minimum=0, maximum=2), "median"),
    (dict(n=4, median=1.25, minimum=0, maximum=2), "median"),
    (dict(n=4, median=3, minimum=0, maximum=2), "median"),
    (dict(n=4, median=1, minimum=3, maximum=2), "maximum"),
])
def test_mean_bounds_argument_errors(kwargs, word):
    with pytest.raises(ValueError, match=word):
        mean_bounds(**kwargs)


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda: mean_sd_from_quantiles(1.5, median=3, minimum=1, maximum=9), TypeError, "n must be an integer, got 1.5"),
    (lambda: mean_sd_from_quantiles(0, median=3, minimum=1, maximum=9), ValueError, "n must be >= 1, got 0"),
    (lambda: mean_sd_from_quantiles(9, median=3, minimum=float("nan"), maximum=9), TypeError,
     "minimum must be a finite number"),
    (lambda: mean_sd_from_quantiles(9, median=3, minimum="1", maximum=9), TypeError, "minimum must be a finite number"),
    (lambda: mean_sd_from_quantiles(9, median=None, minimum=1, maximum=9), ValueError, "median must be given"),
    (lambda: mean_sd_from_quantiles(9, median=3, minimum=1), ValueError,
     "maximum must be given together with the other end of the range"),
    (lambda: mean_sd_from_quantiles(9, median=3, maximum=9), ValueError,
     "minimum must be given together with the other end of the range"),
    (lambda: mean_sd_from_quantiles(9, median=3, q1=2), ValueError,
     "q3 must be given together with the other quartile"),
    (lambda: mean_sd_from_quantiles(9, median=3, q3=5), ValueError,
     "q1 must be given together with the other quartile"),
    (lambda: mean_sd_from_quantiles(9, median=3), ValueError, "minimum/maximum or q1/q3 must be given with median"),
    (lambda: mean_sd_from_quantiles(9, median=3, q1=2, q3=5, method="hozo"), ValueError,
     "minimum and maximum must be given with method='hozo' (quartiles only)"),
    (lambda: mean_sd_from_quantiles(1, median=3, minimum=3, maximum=3), ValueError,
     "n must be >= 2 for method='luo_wan_shi' (xi(1) = 0: no SD from one value)"),
    (lambda: mean_bounds(3, median=1, minimum=0.5, maximum=2), ValueError, "minimum must be an integer, got 0.5"),
    (lambda: mean_bounds(3, median=1, minimum=0, maximum=2.5), ValueError, "maximum must be an integer, got 2.5"),
    (lambda: mean_bounds(3, median=1, minimum=math.nan, maximum=2), ValueError, "minimum must be an integer, got nan"),
    # bool is an int subclass, but never a valid data value: True must not pass as 1.
    (lambda: mean_bounds(3, median=1, minimum=True, maximum=2), ValueError, "minimum must be an integer, got True"),
    (lambda: mean_bounds(3, median=True, minimum=0, maximum=2), ValueError, "median must be a finite number, got True"),
    (lambda: mean_bounds(3, median=[1], minimum=0, maximum=2), ValueError, "median must be a finite number, got [1]"),
    (lambda: mean_bounds(4, median=2.25, minimum=0, maximum=4), ValueError,
     "median must be a multiple of 0.5, got 2.25"),
    (lambda: mean_bounds(5, median="2.5", minimum=0, maximum=4), ValueError,
     "median must be an integer for odd n, got '2.5'"),
    (lambda: mean_bounds(5, median=4.5, minimum=0, maximum=4), ValueError,
     "median (4.5) must lie between minimum (0) and maximum (4)"),
    (lambda: mean_bounds(5, median=-0.5, minimum=0, maximum=4), ValueError,
     "median (-0.5) must lie between minimum (0) and maximum (4)"),
    (lambda: mean_bounds(1, median=1, minimum=1, maximum=2), ValueError,
     "minimum, median and maximum must be equal when n is 1"),
    (lambda: mean_bounds(2, median=1, minimum=0, maximum=3), ValueError,
     "median must equal (minimum + maximum) / 2 when n is 2"),
])
def test_errors_name_the_argument_exactly(call, error, message):
    with pytest.raises(error, match="^" + re.escape(message)):
        call()


def test_mean_bounds_reads_numpy_decimal_and_printed_medians():
    # x1 = 0 <= x2 <= x3 = 2 <= x4 <= x5 = 4: the mean runs from (0 + 0 + 2 + 2 + 4) / 5 to (0 + 2 + 2 + 4 + 4) / 5.
    expected = (8 / 5, 12 / 5)
    for median in (2, np.int64(2), np.float64(2.0), Decimal("2"), "2", "2.0"):
        assert mean_bounds(5, median=median, minimum=np.int64(0), maximum=4.0) == pytest.approx(expected)
    # even n: a printed 2.5 is twice 5 exactly, as a string or a float
    assert mean_bounds(4, median="2.5", minimum=0, maximum=4) == mean_bounds(4, median=2.5, minimum=0, maximum=4)
