"""analysis.stats.baseline against closed forms, hand arithmetic and scipy on raw data (never its own output)."""

import itertools
import math
from statistics import NormalDist

import numpy as np
import pytest
from scipy import stats as scipy_stats
from scipy.optimize import minimize

from analysis.stats import anova_from_stats, baseline_p, baseline_p_range, stouffer_combined_p
from analysis.stats.two_groups import t_test_p_ranges

# --- the per-variable p ---------------------------------------------------------------------------------------


def test_anova_of_three_arms_against_its_closed_form():
    # Arms {1, 2, 3}, {4, 5, 6}, {7, 8, 9}: means 2, 5, 8, SDs 1, n 3. Between: 3 (9 + 0 + 9) = 54 on 2 df, mean
    # square 27; within: 3 x 2 = 6 on 6 df, mean square 1; F = 27. For F(2, d2) the upper tail is
    # (1 + 2 F / d2)^(-d2 / 2) = (1 + 9)^-3 = 0.001.
    result = anova_from_stats([2, 5, 8], [1, 1, 1], [3, 3, 3])
    assert result.statistic == pytest.approx(27.0)
    assert (result.df_between, result.df_within) == (2, 6)
    assert result.pvalue == pytest.approx(0.001, rel=1e-12)


@pytest.mark.parametrize("sizes", [(12, 15, 9), (30, 31, 29, 30), (5, 40)], ids=["3 arms", "4 arms", "2 arms"])
def test_anova_from_summaries_equals_scipy_on_the_raw_data(sizes):
    # Raw data drawn once; their means and SDs (n - 1) go in, scipy's one-way ANOVA on the data is the oracle.
    rng = np.random.default_rng(20170605)
    arms = [rng.normal(50 + 2 * i, 8 + i, size=n) for i, n in enumerate(sizes)]
    result = anova_from_stats([a.mean() for a in arms], [a.std(ddof=1) for a in arms], list(sizes))
    oracle = scipy_stats.f_oneway(*arms)
    assert result.statistic == pytest.approx(oracle.statistic, rel=1e-10)
    assert result.pvalue == pytest.approx(oracle.pvalue, rel=1e-9)


def test_two_arms_give_students_t_test_on_the_raw_data():
    rng = np.random.default_rng(944)
    a, b = rng.normal(70, 12, size=25), rng.normal(74, 11, size=31)
    oracle = scipy_stats.ttest_ind(a, b, equal_var=True)
    p = baseline_p([a.mean(), b.mean()], [a.std(ddof=1), b.std(ddof=1)], [25, 31])
    assert p == pytest.approx(oracle.pvalue, rel=1e-9)
    # and the ANOVA of the same two arms is the same test: F = t^2
    anova = anova_from_stats([a.mean(), b.mean()], [a.std(ddof=1), b.std(ddof=1)], [25, 31])
    assert anova.statistic == pytest.approx(oracle.statistic**2, rel=1e-10)
    assert anova.pvalue == pytest.approx(oracle.pvalue, rel=1e-9)


def test_a_hand_computed_t():
    # Means 10 and 12, SD 2 in both arms of 20: pooled SD 2, SE 2 sqrt(1/20 + 1/20) = 2 / sqrt(10), t = -sqrt(10),
    # so F = 10 on (1, 38) df.
    assert anova_from_stats([10, 12], [2, 2], [20, 20]).statistic == pytest.approx(10.0)
    assert baseline_p([10, 12], [2, 2], [20, 20]) == pytest.approx(2 * scipy_stats.t.sf(math.sqrt(10), 38))


def test_equal_means_give_t_zero_and_p_one():
    assert baseline_p([31.4, 31.4], [5.0, 7.0], [40, 45]) == pytest.approx(1.0)
    assert baseline_p([31.4, 31.4, 31.4], [5.0, 7.0, 6.0], [40, 45, 41]) == pytest.approx(1.0)


# --- its range over the rounding ------------------------------------------------------------------------------


def test_two_arms_range_equals_the_student_range_of_the_two_group_module():
    # two_groups.t_test_p_ranges takes the extremes of |m1 - m2| and the SDs at the box's corners, an independent
    # route to the same range.
    means, sds, ns = [(69.95, 70.05), (73.95, 74.05)], [(11.95, 12.05), (10.95, 11.05)], [25, 31]
    student, _ = t_test_p_ranges(means[0], sds[0], ns[0], means[1], sds[1], ns[1])
    low, high = baseline_p_range(means, sds, ns)
    assert low == pytest.approx(student.low, rel=1e-10)
    assert high == pytest.approx(student.high, rel=1e-10)


def test_overlapping_means_reach_p_one():
    # 5.0 and 5.1 at one decimal: 5.05 prints as both (half-up), so equal means are a reading: p reaches 1.
    low, high = baseline_p_range([(4.95, 5.05), (5.05, 5.15)], [(0.95, 1.05)] * 2, [10, 10])
    assert high == pytest.approx(1.0)
    assert low < 1.0


def test_separated_means_reach_their_nearest_ends():
    # Means in [0, 1] and [2, 3] with exact SDs: the least spread is at 1 and 2, so the largest p is the p of
    # means 1 and 2; the largest spread at 0 and 3.
    low, high = baseline_p_range([(0.0, 1.0), (2.0, 3.0)], [(1.5, 1.5), (1.5, 1.5)], [10, 10])
    assert high == pytest.approx(baseline_p([1.0, 2.0], [1.5, 1.5], [10, 10]), rel=1e-12)
    assert low == pytest.approx(baseline_p([0.0, 3.0], [1.5, 1.5], [10, 10]), rel=1e-12)


def test_three_arm_range_holds_and_reaches_every_reading_on_a_grid():
    # Brute force: a 9-point grid over each mean's and each SD's interval; every reading's p lies in the range,
    # and the grid reaches the smallest p (the largest spread is at a corner, a grid point).
    means = [(49.5, 50.5), (51.5, 52.5), (53.5, 54.5)]
    sds = [(7.5, 8.5), (8.5, 9.5), (9.5, 10.5)]
    ns = [12, 15, 9]
    low, high = baseline_p_range(means, sds, ns)
    n = np.array(ns, dtype=float)
    grid = np.array(list(itertools.product(*[np.linspace(lo, hi, 9) for lo, hi in means])))
    grand = grid @ n / n.sum()
    between = ((grid - grand[:, None]) ** 2) @ n / 2  # mean square on k - 1 = 2 df
    within = np.array([(n - 1) @ np.square(s) / (n.sum() - 3) for s in itertools.product(*sds)])
    seen = scipy_stats.f.sf(between[:, None] / within[None, :], 2, n.sum() - 3)
    assert low <= seen.min() + 1e-15 and seen.max() <= high + 1e-15
    assert seen.min() == pytest.approx(low, rel=1e-9)
    # The least spread is not a grid point (unequal ns): a numerical minimiser over the box is the oracle there.
    def spread(m):
        return float(n @ np.square(m - m @ n / n.sum()))

    least = minimize(spread, x0=[np.mean(b) for b in means], bounds=means, method="L-BFGS-B", tol=1e-14).fun
    largest_sds = (n - 1) @ np.square([hi for _, hi in sds]) / (n.sum() - 3)
    assert high == pytest.approx(scipy_stats.f.sf(least / 2 / largest_sds, 2, n.sum() - 3), rel=1e-7)


# --- Stouffer's combination -------------------------------------------------------------------------------------


def test_stouffer_against_its_closed_form():
    # Two p of 0.025: z = Phi^-1(0.975) = 1.959964 each, Z = 2 z / sqrt(2) = 2.771808, p = 1 - Phi(Z) = 0.002787.
    normal = NormalDist()
    z = normal.inv_cdf(0.975)
    expected = 1 - normal.cdf(2 * z / math.sqrt(2))
    assert stouffer_combined_p([0.025, 0.025]) == pytest.approx(expected, rel=1e-9)
    assert expected == pytest.approx(0.002787, abs=5e-7)
    assert stouffer_combined_p([0.5, 0.5, 0.5]) == pytest.approx(0.5)
    assert stouffer_combined_p([0.3]) == pytest.approx(0.3)


def test_stouffer_of_the_complements_is_the_complement():
    # Phi^-1(p) = -Phi^-1(1 - p): combining 1 - p_i gives 1 minus the combined p (the other tail).
    p = [0.91, 0.64, 0.99, 0.72]
    assert stouffer_combined_p([1 - x for x in p]) == pytest.approx(1 - stouffer_combined_p(p), rel=1e-9)


def test_stouffer_of_p_values_at_0_and_1_stays_a_number():
    # A p of 0 or 1 would give an infinite z; kept within what a double holds, the combination stays defined.
    assert 0.0 <= stouffer_combined_p([0.0, 1.0]) <= 1.0
    assert stouffer_combined_p([0.0, 0.5]) < 1e-100
    assert stouffer_combined_p([1.0, 1.0]) > 1 - 1e-12


# --- refusals name the argument -------------------------------------------------------------------------------


@pytest.mark.parametrize(("call", "message"), [
    (lambda: baseline_p([1, 2], [1, 1, 1], [5, 5]), r"^means, sds and ns must have one entry per arm"),
    (lambda: baseline_p([1], [1], [5]), r"^means must hold at least 2 arms"),
    (lambda: baseline_p([1] * 13, [1] * 13, [5] * 13), r"^means must be at most 12 \(got 13\)"),
    (lambda: baseline_p([1, 2], [1, 0], [5, 5]), r"^sds\[1\] must be"),
    (lambda: baseline_p([1, float("nan")], [1, 1], [5, 5]), r"^means\[1\] must be a finite real number"),
    (lambda: baseline_p([1, 2], [1, 1], [0, 5]), r"^ns\[0\] must be"),
    (lambda: anova_from_stats([1, 2, 3], [1, 1, 1], [1, 1, 1]), r"^ns must leave at least 1 degree of freedom"),
    (lambda: baseline_p_range([(1, 2), (2, 1)], [(1, 1), (1, 1)], [5, 5]), r"^means\[1\] must have low <= high"),
    (lambda: baseline_p_range([(1, 2), (2, 3)], [(0, 1), (1, 1)], [5, 5]), r"^sds\[0\] low must be"),
    (lambda: stouffer_combined_p([]), r"^p_values must hold at least one p value"),
    (lambda: stouffer_combined_p([0.2, 1.5]), r"^p_values\[1\] must"),
    (lambda: stouffer_combined_p([0.5] * 10_001), r"^p_values must be at most 10000 \(got 10001\)"),
], ids=["lengths", "one arm", "too many arms", "sd 0", "mean nan", "n 0", "no df", "mean interval",
        "sd interval", "no p", "p above 1", "too many p"])
def test_bad_arguments_are_refused_naming_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
