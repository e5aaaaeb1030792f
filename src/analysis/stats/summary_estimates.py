"""Sample mean and SD from a five-number summary, and exact bounds of the mean of integer data.

Methods: Luo et al. (2018) for the mean, Wan et al. (2014) and Shi et al. (2020) for the SD
(the defaults of metafor's ``conv.fivenum``, without its skewness pre-test), Hozo et al. (2005)
as an alternative for the min/median/max case.
"""

from __future__ import annotations

import math
import numbers
from functools import lru_cache

from scipy.stats import norm

from analysis.stats import _validate

METHODS = ("luo_wan_shi", "hozo")


def _check_n(n) -> int:
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(f"n must be an integer, got {n!r}")
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    return int(n)


def _check_order(**values) -> None:
    """Raise ValueError naming the first argument that breaks min <= q1 <= median <= q3 <= max."""
    given = [(name, v) for name, v in values.items() if v is not None]
    for name, v in given:
        if isinstance(v, bool) or not isinstance(v, numbers.Real) or not math.isfinite(v):
            raise TypeError(f"{name} must be a finite number, got {v!r}")
    for (name_a, a), (name_b, b) in zip(given, given[1:]):
        if a > b:
            raise ValueError(f"{name_b} ({b}) must be >= {name_a} ({a})")


def _check_pairs(minimum, maximum, q1, q3) -> None:
    """Raise ValueError unless the range, the quartiles or both are given, each end with the other.

    Which of them are given then picks the scenario of Wan et al. (2014): S1 = min/median/max
    (no quartiles), S2 = q1/median/q3 (no range), S3 = all five.
    """
    if (minimum is None) != (maximum is None):
        missing = "maximum" if maximum is None else "minimum"
        raise ValueError(f"{missing} must be given together with the other end of the range")
    if (q1 is None) != (q3 is None):
        missing = "q3" if q3 is None else "q1"
        raise ValueError(f"{missing} must be given together with the other quartile")
    if minimum is None and q1 is None:
        raise ValueError("minimum/maximum or q1/q3 must be given with median")


@lru_cache(maxsize=1024)  # one scipy quantile per sample size, not per sample
def _xi(n: int) -> float:
    """Wan et al. (2014) eq. 7: xi(n) = 2 * Phi^-1((n - 0.375) / (n + 0.25))."""
    return 2 * norm.ppf((n - 0.375) / (n + 0.25))


@lru_cache(maxsize=1024)  # one scipy quantile per sample size, not per sample
def _eta(n: int) -> float:
    """Wan et al. (2014) eq. 13: eta(n) = 2 * Phi^-1((0.75 n - 0.125) / (n + 0.25))."""
    return 2 * norm.ppf((0.75 * n - 0.125) / (n + 0.25))


def _luo_mean(n, median, minimum, maximum, q1, q3) -> float:
    """Luo et al. (2018) eqs. 7 (S1), 11 (S2) and 15 (S3)."""
    if q1 is None:  # S1
        w = 4 / (4 + n ** 0.75)
        return w * (minimum + maximum) / 2 + (1 - w) * median
    if minimum is None:  # S2
        w = 0.7 + 0.39 / n
        return w * (q1 + q3) / 2 + (1 - w) * median
    w1 = 2.2 / (2.2 + n ** 0.75)
    w2 = 0.7 - 0.72 / n ** 0.55
    return w1 * (minimum + maximum) / 2 + w2 * (q1 + q3) / 2 + (1 - w1 - w2) * median


def _wan_shi_sd(n, minimum, maximum, q1, q3) -> float:
    """Wan et al. (2014) eq. 9 (S1), eq. 16 (S2); Shi et al. (2020) eq. 10 (S3)."""
    if q1 is None:  # S1
        return (maximum - minimum) / _xi(n)
    if minimum is None:  # S2
        return (q3 - q1) / _eta(n)
    w = 1 / (1 + 0.07 * n ** 0.6)
    return w * (maximum - minimum) / _xi(n) + (1 - w) * (q3 - q1) / _eta(n)


def _hozo(median, minimum, maximum) -> tuple[float, float]:
    """Hozo et al. (2005) eqs. 4 and 16: mean (a + 2m + b)/4, SD sqrt(((a-2m+b)^2/4 + (b-a)^2)/12)."""
    mean = (minimum + 2 * median + maximum) / 4
    sd = math.sqrt(((minimum - 2 * median + maximum) ** 2 / 4 + (maximum - minimum) ** 2) / 12)
    return mean, sd


def mean_sd_from_quantiles(n, *, median, minimum=None, maximum=None, q1=None, q3=None,
                           method="luo_wan_shi") -> tuple[float, float]:
    """Estimate the sample mean and SD from the median and the range and/or the quartiles.

    ``method="luo_wan_shi"`` (default; metafor ``conv.fivenum``'s default estimators under
    normality, without its skewness test):
      * mean: Luo D, Wan X, Liu J, Tong T (2018). Optimally estimating the sample mean from the
        sample size, median, mid-range, and/or mid-quartile range. Stat Methods Med Res 27:1785-1805
        (eq. 7 for S1 = min/median/max, eq. 11 for S2 = q1/median/q3, eq. 15 for S3 = all five);
      * SD: Wan X, Wang W, Liu J, Tong T (2014). Estimating the sample mean and standard deviation
        from the sample size, median, range and/or interquartile range. BMC Med Res Methodol
        14:135 (eq. 9, range / xi(n), for S1; eq. 16, IQR / eta(n), for S2) and Shi J, Luo D,
        Weng H, Zeng XT, Lin L, Chu H, Tong T (2020). Optimally estimating the sample standard
        deviation from the five-number summary. Res Synth Methods 11(5):641-654,
        doi:10.1002/jrsm.1429 (eq. 10, for S3; the reference metafor's conv.fivenum gives).

    ``method="hozo"``: Hozo SP, Djulbegovic B, Hozo I (2005). Estimating the mean and variance
    from the median, range, and the size of a sample. BMC Med Res Methodol 5:13: mean
    (a + 2m + b)/4 and SD sqrt(((a - 2m + b)^2/4 + (b - a)^2)/12), whatever n (metafor's
    "hozo2005" switches to other rules for n > 15 and n > 25; this function does not). It needs
    the range; given all five numbers it uses only min/median/max.

    Returns (mean, sd). Raises ValueError naming the offending argument.
    """
    n = _check_n(n)
    if median is None:
        raise ValueError("median must be given")
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    _check_order(minimum=minimum, q1=q1, median=median, q3=q3, maximum=maximum)
    _check_pairs(minimum, maximum, q1, q3)
    if method == "hozo":
        if minimum is None:
            raise ValueError("minimum and maximum must be given with method='hozo' (quartiles only)")
        return _hozo(median, minimum, maximum)
    if n == 1:
        raise ValueError("n must be >= 2 for method='luo_wan_shi' (xi(1) = 0: no SD from one value)")
    return (_luo_mean(n, median, minimum, maximum, q1, q3),
            _wan_shi_sd(n, minimum, maximum, q1, q3))


def _twice_median(median) -> int:
    """Twice a printed median as an exact integer; ValueError naming ``median`` if it is not a multiple of 0.5."""
    twice = _validate.exact_number("median", median) * 2
    if twice.denominator != 1:
        raise ValueError(f"median must be a multiple of 0.5, got {median!r}")
    return int(twice)


def mean_bounds(n, *, median, minimum, maximum) -> tuple[float, float]:
    """Exact smallest and largest mean of n integers with the given median, minimum and maximum.

    Sample median as usual: the middle value for odd n, the average of the two middle values for
    even n (so it may end in .5). Method (closed form, proved by brute force in the tests): with
    sorted x_1 = a <= ... <= x_n = b, the mean is smallest when every value below the median
    position equals a and every value above it equals the smallest value the median allows
    (the median itself for odd n, ceil(median) for even n, the two middle values being
    floor(median) and ceil(median) around 2*median); symmetrically for the largest.

    Returns (low, high) as floats. Raises ValueError naming the argument when no such integers exist.
    """
    n = _check_n(n)
    a = _validate.integer("minimum", minimum)
    b = _validate.integer("maximum", maximum)
    if a > b:
        raise ValueError(f"maximum ({b}) must be >= minimum ({a})")
    twice = _twice_median(median)
    if not 2 * a <= twice <= 2 * b:
        raise ValueError(f"median ({median}) must lie between minimum ({a}) and maximum ({b})")
    if n % 2 == 1 and twice % 2:
        raise ValueError(f"median must be an integer for odd n, got {median!r}")
    # _bound_sums takes the median itself for odd n and twice the median for even n
    low, high = _bound_sums(n, a, b, twice // 2 if n % 2 else twice)
    return low / n, high / n


def _bound_sums(n: int, a: int, b: int, s: int) -> tuple[int, int]:
    """Smallest and largest sums; s is the median (odd n) or twice the median (even n)."""
    if n == 1:
        if not a == s == b:
            raise ValueError("minimum, median and maximum must be equal when n is 1")
        return s, s
    if n == 2:
        if s != a + b:
            raise ValueError("median must equal (minimum + maximum) / 2 when n is 2")
        return s, s
    k = n // 2
    if n % 2 == 1:
        # positions 1..k hold a then >= a; k+1 is the median; k+2..n hold >= median then b
        return k * a + k * s + b, a + k * s + k * b
    lo_mid, hi_mid = s // 2, s - s // 2
    low = (k - 1) * a + s + (k - 2) * hi_mid + b
    high = a + (k - 2) * lo_mid + s + (k - 1) * b
    return low, high
