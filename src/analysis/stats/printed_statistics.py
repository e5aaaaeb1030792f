"""p values recomputed from reported test statistics, over the statistic's rounding interval."""

from __future__ import annotations

import math
import numbers

from scipy import stats

from analysis.stats import _validate

TESTS = ("t", "F", "chi2", "z", "r")


def _check_df(test: str, df):
    """Validated degrees of freedom: None for z, a pair for F, one number otherwise."""
    if test == "z":
        return None
    if test == "F":
        if not isinstance(df, (tuple, list)) or len(df) != 2:
            raise ValueError(f"df must be a pair (d1, d2) for an F test, got {df!r}")
        return tuple(_positive_df(d) for d in df)
    return _positive_df(df)


def _positive_df(value) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not value > 0:
        raise ValueError(f"df must be a positive number, got {value!r}")
    return float(value)


def _p_at(test: str, stat: float, df) -> float:
    """p at one value of the statistic: two-sided for t, z, r; upper tail for F, chi2."""
    if test == "z":
        return 2 * stats.norm.sf(abs(stat))
    if test == "t":
        return 2 * stats.t.sf(abs(stat), df)
    if test == "r":
        r = abs(stat)
        if r >= 1:
            return 0.0
        return 2 * stats.t.sf(r * math.sqrt(df / (1 - r * r)), df)
    if test == "F":
        return stats.f.sf(stat, *df)
    return stats.chi2.sf(stat, df)


def _interval(statistic: float, decimals) -> tuple[float, float]:
    """The statistic's rounding interval; no clip to its domain is needed, as p is taken at |s| no lower
    than 0 (``p_from_statistic``) and ``_p_at`` is 0 beyond |r| = 1."""
    if decimals is None:
        return statistic, statistic
    if isinstance(decimals, bool) or not isinstance(decimals, numbers.Integral) or decimals < 0:
        raise ValueError(f"decimals must be a non-negative integer or None, got {decimals!r}")
    half = 0.5 * 10.0 ** -_validate.at_most("decimals", int(decimals))  # a float power of a huge int overflows
    return statistic - half, statistic + half


def p_from_statistic(test, statistic, df=None, *, decimals=None) -> tuple[float, float]:
    """Range (p_low, p_high) of the p value of a reported test statistic.

    As statcheck recomputes p (Nuijten MB, Hartgerink CHJ, van Assen MALM, Epskamp S,
    Wicherts JM (2016). The prevalence of statistical reporting errors in psychology
    (1985-2013). Behav Res Methods 48:1205-1226; Epskamp S, Nuijten MB, R package statcheck,
    R/compute_p.R and R/error_test.R), with scipy.stats distributions:
      * "t" (df), "z": two-sided, 2 * P(T > |s|);
      * "r" (df = n - 2): converted to t = r * sqrt(df / (1 - r^2)), then two-sided t;
      * "F" (df = (d1, d2)), "chi2" (df): upper tail P(X > s).
    With ``decimals`` the statistic is taken to have been rounded from anywhere in the closed
    interval [s - 0.5 * 10^-decimals, s + 0.5 * 10^-decimals]; p is monotone in s (F, chi2) or
    in |s| (t, z, r), so its range comes from the interval's extreme values of s or |s|, and when
    a t, z or r interval contains 0, p_high is 1 (statcheck evaluates only the ends there).
    With ``decimals=None`` both values are p at s.
    """
    if test not in TESTS:
        raise ValueError(f"test must be one of {TESTS}, got {test!r}")
    if isinstance(statistic, bool) or not isinstance(statistic, numbers.Real) or not math.isfinite(statistic):
        raise ValueError(f"statistic must be a finite number, got {statistic!r}")
    if test in ("F", "chi2") and statistic < 0:
        raise ValueError(f"statistic must be >= 0 for {test}, got {statistic}")
    if test == "r" and abs(statistic) > 1:
        raise ValueError(f"statistic must lie in [-1, 1] for r, got {statistic}")
    df = _check_df(test, df)
    low, high = _interval(float(statistic), decimals)
    # p falls as |s| grows, for every test (s >= 0 for F and chi2, where |s| = s); over [low, high] |s| runs
    # from max(0, low, -high) to max(|low|, |high|). For F and chi2 these are max(0, low) and high.
    return float(_p_at(test, max(abs(low), abs(high)), df)), float(_p_at(test, max(0.0, low, -high), df))
