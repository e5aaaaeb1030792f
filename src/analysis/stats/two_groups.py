"""The p values of the standard tests comparing two printed groups, over the rounding of what is printed.

* Two means with their SDs and ns: Student's t-test (pooled variance) and Welch's t-test
  (``scipy.stats.ttest_ind_from_stats``; Welch BL. Biometrika 1947;34:28-35). Printed means and SDs stand for
  their rounding intervals (``consistency.printed_interval``), so each test gives a range of p values.
* Two counts of their totals (a 2 x 2 table): Pearson's chi-squared test with and without Yates' continuity
  correction (``scipy.stats.chi2_contingency``; Yates F. Suppl J R Stat Soc 1934;1:217-235) and Fisher's exact
  test, two-sided (``scipy.stats.fisher_exact``).

Student's ``|t| = |m1 - m2| / (s_p sqrt(1/n1 + 1/n2))`` with fixed df ``n1 + n2 - 2`` rises with the distance of
the means and falls with either SD, so its p range over the rounding box is exact at the box's corners. Welch's
df depends on the SDs only through ``r = (s1^2/n1) / (s2^2/n2)``: ``df(r) = (r + 1)^2 / (r^2/a + 1/b)``
(``a = n1 - 1``, ``b = n2 - 1``) rises up to ``r = a / b``, where it is ``a + b``, and falls after. Its range
over the box is therefore exact, and the Welch p range returned pairs the largest ``|t|`` with the largest df and
the smallest ``|t|`` with the smallest: an outer range, which holds every reading's p (so a printed p outside it
is outside every reading), possibly a little wider than the exact one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy import stats

from analysis.stats import _validate

Interval = tuple[float, float]


@dataclass(frozen=True)
class PRange:
    """The p values of one test over the rounding of the printed numbers: ``low`` to ``high``."""

    test: str
    low: float
    high: float


def _distance(mean_1: Interval, mean_2: Interval) -> tuple[float, float]:
    """Smallest and largest ``|m1 - m2|`` over the two intervals."""
    largest = max(abs(mean_1[1] - mean_2[0]), abs(mean_2[1] - mean_1[0]))
    smallest = 0.0 if mean_1[0] <= mean_2[1] and mean_2[0] <= mean_1[1] else \
        min(abs(mean_1[0] - mean_2[1]), abs(mean_2[0] - mean_1[1]))
    return smallest, largest


def _welch_df(r: float, a: int, b: int) -> float:
    return (r + 1) ** 2 / (r**2 / a + 1 / b)


def t_statistic_ranges(mean_1: Interval, sd_1: Interval, n_1: int, mean_2: Interval, sd_2: Interval,
                       n_2: int) -> tuple[Interval, Interval]:
    """Exact ranges of ``|t|`` of Student's and Welch's t-tests over intervals of the two means and SDs.

    Student's ``|t| = |m1 - m2| / (s_p sqrt(1/n1 + 1/n2))`` with
    ``s_p^2 = ((n1 - 1) s1^2 + (n2 - 1) s2^2) / (n1 + n2 - 2)``; Welch's
    ``|t| = |m1 - m2| / sqrt(s1^2/n1 + s2^2/n2)``. Both rise with ``|m1 - m2|`` and fall with either SD, so
    their extremes are at the corners of the rounding box. Arguments as for :func:`t_test_p_ranges`.
    """
    n1, n2, (near, far), s1, s2 = _checked(mean_1, sd_1, n_1, mean_2, sd_2, n_2)

    def pooled(x: float, y: float) -> float:
        return math.sqrt(((n1 - 1) * x**2 + (n2 - 1) * y**2) / (n1 + n2 - 2) * (1 / n1 + 1 / n2))

    def separate(x: float, y: float) -> float:
        return math.sqrt(x**2 / n1 + y**2 / n2)

    return ((near / pooled(s1[1], s2[1]), far / pooled(s1[0], s2[0])),
            (near / separate(s1[1], s2[1]), far / separate(s1[0], s2[0])))


def _checked(mean_1, sd_1, n_1, mean_2, sd_2, n_2):
    n1, n2 = (_validate.count(name, n) for name, n in (("n_1", n_1), ("n_2", n_2)))
    if n1 < 2 or n2 < 2:
        raise ValueError(f"n_1 and n_2 must be at least 2, got {n1} and {n2}")
    m1, m2 = _validate.interval("mean_1", mean_1), _validate.interval("mean_2", mean_2)
    s1, s2 = _validate.interval("sd_1", sd_1), _validate.interval("sd_2", sd_2)
    if s1[0] <= 0 or s2[0] <= 0:
        raise ValueError("sd_1 and sd_2 must be positive (an SD that may be 0 gives no t)")
    return n1, n2, _distance(m1, m2), s1, s2


def t_test_p_ranges(mean_1: Interval, sd_1: Interval, n_1: int, mean_2: Interval, sd_2: Interval,
                    n_2: int) -> tuple[PRange, PRange]:
    """Two-sided p ranges of Student's and Welch's t-tests over intervals of the two means and SDs.

    Student's range is exact; Welch's is an outer range (see the module docstring). The SD intervals must be
    positive, the ns at least 2 (the error names the argument).
    """
    n1, n2, (near, far), s1, s2 = _checked(mean_1, sd_1, n_1, mean_2, sd_2, n_2)

    def student(distance: float, sd1: float, sd2: float) -> float:
        return float(stats.ttest_ind_from_stats(distance, sd1, n1, 0.0, sd2, n2, equal_var=True).pvalue)

    pooled = PRange("Student's t-test", student(far, s1[0], s2[0]), student(near, s1[1], s2[1]))
    a, b = n1 - 1, n2 - 1
    ratios = [(x**2 / n1) / (y**2 / n2) for x in s1 for y in s2]
    r_low, r_high = min(ratios), max(ratios)
    df_high = a + b if r_low <= a / b <= r_high else max(_welch_df(r_low, a, b), _welch_df(r_high, a, b))
    df_low = min(_welch_df(r_low, a, b), _welch_df(r_high, a, b))
    t_high = far / math.sqrt(s1[0] ** 2 / n1 + s2[0] ** 2 / n2)
    t_low = near / math.sqrt(s1[1] ** 2 / n1 + s2[1] ** 2 / n2)
    welch = PRange("Welch's t-test", float(2 * stats.t.sf(t_high, df_high)), float(2 * stats.t.sf(t_low, df_low)))
    return pooled, welch


def two_by_two_chi2(k_1: int, n_1: int, k_2: int, n_2: int) -> dict[str, float]:
    """Pearson's chi-squared statistic of a 2 x 2 table without and with Yates' correction
    (``scipy.stats.chi2_contingency``; 0 for a table with an empty row or column). Arguments as for
    :func:`two_by_two_p`."""
    table = _table(k_1, n_1, k_2, n_2)
    if table[0][0] + table[1][0] in (0, sum(map(sum, table))):
        return {"chi-squared": 0.0, "chi-squared with Yates' correction": 0.0}
    return {"chi-squared": float(stats.chi2_contingency(table, correction=False).statistic),
            "chi-squared with Yates' correction": float(stats.chi2_contingency(table, correction=True).statistic)}


def _table(k_1, n_1, k_2, n_2) -> list[list[int]]:
    n1, n2 = _validate.positive_count("n_1", n_1), _validate.positive_count("n_2", n_2)
    k1, k2 = _validate.count("k_1", k_1), _validate.count("k_2", k_2)
    _validate.not_above("k_1", k1, "n_1", n1)
    _validate.not_above("k_2", k2, "n_2", n2)
    return [[k1, n1 - k1], [k2, n2 - k2]]


def two_by_two_p(k_1: int, n_1: int, k_2: int, n_2: int) -> dict[str, float]:
    """Two-sided p values of a 2 x 2 table, ``k_1`` of ``n_1`` against ``k_2`` of ``n_2``: Pearson's chi-squared
    without and with Yates' correction and Fisher's exact test (a table with an empty row or column has
    chi-squared p 1: nothing varies).

    Fisher's test is left out of a table of more than ``SIZE_BOUNDS["fisher.total"]`` (10**6) patients: scipy's
    fisher_exact slows as the counts grow, and past about 3e9 its int64 products overflow and it returns p 1 for
    any table. The chi-squared tests, which it approaches there, are given for any size."""
    table = _table(k_1, n_1, k_2, n_2)
    total = sum(map(sum, table))
    if table[0][0] + table[1][0] in (0, total):
        plain = corrected = 1.0
    else:
        plain = float(stats.chi2_contingency(table, correction=False).pvalue)
        corrected = float(stats.chi2_contingency(table, correction=True).pvalue)
    p = {"chi-squared": plain, "chi-squared with Yates' correction": corrected}
    if total <= _validate.SIZE_BOUNDS["fisher.total"].limit:
        p["Fisher's exact test"] = float(stats.fisher_exact(table).pvalue)
    return p
