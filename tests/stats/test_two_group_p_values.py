"""The two-group tests of analysis.stats.two_groups beside scipy on raw data, the Welch-Satterthwaite df written
in its textbook form, brute force over the rounding box and hand arithmetic (never the module's own output).
R is not installed here; the R call giving each raw-data oracle is quoted with it."""

import itertools
import math
import warnings

import numpy as np
import pytest
from scipy import stats

from analysis.stats.two_groups import t_statistic_ranges, t_test_p_ranges, two_by_two_chi2, two_by_two_p

# Two small samples of unequal size and spread (means 5.7 and 8.9444, SDs 1.1292 and 1.5605).
SMALL = np.array([4.1, 5.3, 6.0, 7.2, 5.9])
LARGE = np.array([7.8, 9.1, 6.5, 10.2, 8.8, 11.0, 9.4, 7.1, 10.6])


def _point(x: float) -> tuple[float, float]:
    return (float(x), float(x))


def _welch_satterthwaite(sd_1, n_1, sd_2, n_2):
    # df = (v1 + v2)^2 / (v1^2 / (n1 - 1) + v2^2 / (n2 - 1)), v = s^2 / n (Welch 1947).
    v1, v2 = sd_1**2 / n_1, sd_2**2 / n_2
    return (v1 + v2) ** 2 / (v1**2 / (n_1 - 1) + v2**2 / (n_2 - 1))


def _welch_p(distance, sd_1, n_1, sd_2, n_2, df):
    return 2 * stats.t.sf(distance / math.sqrt(sd_1**2 / n_1 + sd_2**2 / n_2), df)


# --- exact means and SDs: the p of each test on the raw data ----------------------------------------------------


@pytest.mark.parametrize("order", ["smaller first", "larger first"])
def test_exact_summaries_give_the_p_of_each_test_on_the_raw_data(order):
    # R: t.test(c(4.1, 5.3, 6, 7.2, 5.9), c(7.8, 9.1, 6.5, 10.2, 8.8, 11, 9.4, 7.1, 10.6), var.equal = TRUE)
    #    (p-value = 0.00157) and the same call without var.equal (Welch, df = 10.872, p-value = 0.000966).
    first, second = (SMALL, LARGE) if order == "smaller first" else (LARGE, SMALL)
    student, welch = t_test_p_ranges(_point(first.mean()), _point(first.std(ddof=1)), len(first),
                                     _point(second.mean()), _point(second.std(ddof=1)), len(second))
    pooled_p = stats.ttest_ind(first, second, equal_var=True).pvalue
    welch_p = stats.ttest_ind(first, second, equal_var=False).pvalue
    assert (student.test, welch.test) == ("Student's t-test", "Welch's t-test")
    assert (student.low, student.high) == pytest.approx((pooled_p, pooled_p), rel=1e-9)
    assert (welch.low, welch.high) == pytest.approx((welch_p, welch_p), rel=1e-9)
    assert welch_p == pytest.approx(0.000966, abs=5e-7) and pooled_p == pytest.approx(0.00157, abs=5e-6)


@pytest.mark.parametrize("order", ["smaller first", "larger first"])
def test_exact_summaries_give_the_t_of_each_test_on_the_raw_data(order):
    # R: t.test(SMALL, LARGE, var.equal = TRUE)$statistic  # -4.064084; Welch: -4.475260
    first, second = (SMALL, LARGE) if order == "smaller first" else (LARGE, SMALL)
    student, welch = t_statistic_ranges(_point(first.mean()), _point(first.std(ddof=1)), len(first),
                                        _point(second.mean()), _point(second.std(ddof=1)), len(second))
    pooled_t = abs(stats.ttest_ind(first, second, equal_var=True).statistic)
    welch_t = abs(stats.ttest_ind(first, second, equal_var=False).statistic)
    assert student == pytest.approx((pooled_t, pooled_t), rel=1e-12)
    assert welch == pytest.approx((welch_t, welch_t), rel=1e-12)
    assert (pooled_t, welch_t) == pytest.approx((4.064084, 4.475260), abs=5e-7)


# --- the distance between two printed means ---------------------------------------------------------------------


@pytest.mark.parametrize(("mean_1", "mean_2"), [((5.0, 6.0), (1.0, 2.0)), ((1.0, 2.0), (5.0, 6.0)),
                                                 ((-6.0, -5.0), (1.0, 2.0)), ((1.0, 2.0), (-6.0, -5.0))],
                         ids=["first above", "second above", "first negative", "second negative"])
def test_the_t_range_runs_from_the_nearest_to_the_farthest_means(mean_1, mean_2):
    # SDs 1 and n 2 and 2: SE = 1 for both tests (worked in test_two_groups.py), so |t| is the distance itself:
    # the means [5, 6] and [1, 2] are 3 to 5 apart; [-6, -5] and [1, 2] are 6 to 8 apart.
    gap = {(5.0, 6.0): (3.0, 5.0), (-6.0, -5.0): (6.0, 8.0)}
    expected = gap.get(mean_1) or gap[mean_2]
    student, welch = t_statistic_ranges(mean_1, (1, 1), 2, mean_2, (1, 1), 2)
    assert student == pytest.approx(expected, rel=1e-12)
    assert welch == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("mean_1", "mean_2"), [((1.0, 2.0), (2.0, 3.0)), ((2.0, 3.0), (1.0, 2.0)),
                                                 ((1.0, 4.0), (2.0, 3.0)), ((2.0, 3.0), (1.0, 4.0))],
                         ids=["touching above", "touching below", "second inside", "first inside"])
def test_means_whose_intervals_meet_give_t_0_and_p_1(mean_1, mean_2):
    # A common value of the two intervals is a reading with equal means: |t| = 0 and p = 1. The farthest means
    # are 2 apart in every case, |t| = 2 with SE 1.
    student, welch = t_statistic_ranges(mean_1, (1, 1), 2, mean_2, (1, 1), 2)
    assert student == (0.0, pytest.approx(2.0)) and welch == (0.0, pytest.approx(2.0))
    student_p, welch_p = t_test_p_ranges(mean_1, (1, 1), 2, mean_2, (1, 1), 2)
    assert student_p.high == 1.0 and welch_p.high == 1.0


# --- Welch's p over the rounding: an outer range ------------------------------------------------------------


def _corners(sd_1, sd_2):
    return list(itertools.product(sd_1, sd_2))


@pytest.mark.parametrize(("sd_1", "sd_2"), [((1.5, 1.7), (2.9, 3.1)), ((2.0, 2.4), (1.0, 1.1)),
                                            ((0.5, 0.6), (2.9, 3.0))],
                         ids=["variance ratio spans (n1 - 1) / (n2 - 1)", "ratio above it", "ratio below it"])
def test_welch_range_pairs_the_largest_t_with_the_largest_df(sd_1, sd_2):
    # n 5 and 9: Welch's df peaks at n1 + n2 - 2 = 12 where (s1^2/5) / (s2^2/9) = 4/8. Its extremes over the SD box
    # are the textbook df at the corners (s1 low, s2 high) and (s1 high, s2 low), where the variance ratio is least
    # and largest, or 12 when the ratio can be 1/2. The means 0 and [3, 3.5]: |t| is largest at distance 3.5 over
    # the smallest SDs and least at 3 over the largest.
    n_1, n_2 = 5, 9
    ratios = [(x**2 / n_1) / (y**2 / n_2) for x, y in _corners(sd_1, sd_2)]
    corner_dfs = [_welch_satterthwaite(sd_1[0], n_1, sd_2[1], n_2), _welch_satterthwaite(sd_1[1], n_1, sd_2[0], n_2)]
    df_high = 12.0 if min(ratios) <= 0.5 <= max(ratios) else max(corner_dfs)
    df_low = min(corner_dfs)
    _, welch = t_test_p_ranges((0.0, 0.0), sd_1, n_1, (3.0, 3.5), sd_2, n_2)
    assert welch.low == pytest.approx(_welch_p(3.5, sd_1[0], n_1, sd_2[0], n_2, df_high), rel=1e-9)
    assert welch.high == pytest.approx(_welch_p(3.0, sd_1[1], n_1, sd_2[1], n_2, df_low), rel=1e-9)


def test_welch_range_holds_every_reading_of_the_box():
    # Brute force: scipy's Welch test on a 7-point grid over each mean and SD interval; each p lies in the range.
    mean_1, sd_1, mean_2, sd_2 = (4.95, 5.05), (0.95, 1.45), (7.45, 7.55), (2.45, 2.55)
    _, welch = t_test_p_ranges(mean_1, sd_1, 6, mean_2, sd_2, 11)
    grid = [np.linspace(lo, hi, 7) for lo, hi in (mean_1, sd_1, mean_2, sd_2)]
    seen = [stats.ttest_ind_from_stats(m1, s1, 6, m2, s2, 11, equal_var=False).pvalue
            for m1, s1, m2, s2 in itertools.product(*grid)]
    assert welch.low <= min(seen) and max(seen) <= welch.high


def test_student_range_is_reached_at_the_corners_of_the_box():
    # Student's range is exact: the smallest p is scipy's at the farthest means over the smallest SDs, the largest
    # at the nearest means over the largest SDs.
    student, _ = t_test_p_ranges((4.95, 5.05), (0.95, 1.05), 6, (7.45, 7.55), (2.45, 2.55), 11)
    far = stats.ttest_ind_from_stats(4.95, 0.95, 6, 7.55, 2.45, 11, equal_var=True).pvalue
    near = stats.ttest_ind_from_stats(5.05, 1.05, 6, 7.45, 2.55, 11, equal_var=True).pvalue
    assert (student.low, student.high) == pytest.approx((far, near), rel=1e-9)


# --- refusals -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("function", [t_test_p_ranges, t_statistic_ranges])
@pytest.mark.parametrize(("n_1", "n_2", "message"), [
    (1, 5, r"^n_1 and n_2 must be at least 2, got 1 and 5$"),
    (5, 1, r"^n_1 and n_2 must be at least 2, got 5 and 1$"),
])
def test_a_group_of_one_is_refused(function, n_1, n_2, message):
    with pytest.raises(ValueError, match=message):
        function((0, 0), (1, 1), n_1, (1, 1), (1, 1), n_2)


@pytest.mark.parametrize("function", [t_test_p_ranges, t_statistic_ranges])
@pytest.mark.parametrize(("sd_1", "sd_2"), [((0, 1), (1, 1)), ((1, 1), (0, 1)), ((-1, 1), (1, 1))])
def test_an_sd_interval_reaching_0_is_refused(function, sd_1, sd_2):
    with pytest.raises(ValueError, match=r"^sd_1 and sd_2 must be positive \(an SD that may be 0 gives no t\)$"):
        function((0, 0), sd_1, 5, (1, 1), sd_2, 5)


@pytest.mark.parametrize("function", [t_test_p_ranges, t_statistic_ranges])
@pytest.mark.parametrize(("args", "message"), [
    (((0, 0), (1, 1), 2.5, (1, 1), (1, 1), 3), r"^n_1 must be a non-negative integer, got 2.5$"),
    (((0, 0), (1, 1), 3, (1, 1), (1, 1), 2.5), r"^n_2 must be a non-negative integer, got 2.5$"),
    (((2, 1), (1, 1), 3, (1, 1), (1, 1), 3), r"^mean_1 must have low <= high, got \(2, 1\)$"),
    (((0, 0), (1, 1), 3, (2, 1), (1, 1), 3), r"^mean_2 must have low <= high, got \(2, 1\)$"),
    (((0, 0), (2, 1), 3, (1, 1), (1, 1), 3), r"^sd_1 must have low <= high, got \(2, 1\)$"),
    (((0, 0), (1, 1), 3, (1, 1), (2, 1), 3), r"^sd_2 must have low <= high, got \(2, 1\)$"),
], ids=["n_1", "n_2", "mean_1", "mean_2", "sd_1", "sd_2"])
def test_a_bad_summary_is_refused_naming_the_argument(function, args, message):
    with pytest.raises(ValueError, match=message):
        function(*args)


def test_the_smallest_sd_and_groups_are_accepted():
    # Groups of 2 with an SD interval just above 0 are a valid reading (0.05 rounds to 0.1 at one decimal).
    student, welch = t_test_p_ranges((0, 0), (0.05, 0.15), 2, (1, 1), (0.05, 0.15), 2)
    assert 0 < student.low <= student.high < 1 and 0 < welch.low <= welch.high < 1


@pytest.mark.parametrize(("args", "message"), [
    ((5, 3, 0, 3), r"^k_1 must not exceed n_1 \(3\), got 5$"),
    ((0, 3, 4, 3), r"^k_2 must not exceed n_2 \(3\), got 4$"),
    ((0, 0, 0, 3), r"^n_1 must be"), ((0, 3, 0, 0), r"^n_2 must be"),
    ((-1, 3, 0, 3), r"^k_1 must be"), ((0, 3, -1, 3), r"^k_2 must be"),
])
@pytest.mark.parametrize("function", [two_by_two_p, two_by_two_chi2])
def test_a_bad_table_is_refused_naming_the_argument(function, args, message):
    with pytest.raises(ValueError, match=message):
        function(*args)


# --- 2 x 2 tables ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("k_1", "n_1", "k_2", "n_2"), [(0, 3, 0, 4), (3, 3, 4, 4)], ids=["no events", "all events"])
def test_a_table_with_an_empty_column_has_p_1(k_1, n_1, k_2, n_2):
    # Nothing varies: chi-squared 0 and every p 1. Fisher: the table is the only one with its margins.
    # R: fisher.test(matrix(c(0, 3, 0, 4), 2))  # p-value = 1
    assert two_by_two_p(k_1, n_1, k_2, n_2) == {"chi-squared": 1.0, "chi-squared with Yates' correction": 1.0,
                                                "Fisher's exact test": 1.0}
    assert two_by_two_chi2(k_1, n_1, k_2, n_2) == {"chi-squared": 0.0, "chi-squared with Yates' correction": 0.0}


def test_one_event_in_all_is_tested():
    # 1 of 3 against 0 of 4: a = 1, b = 2, c = 0, d = 4, N = 7, ad - bc = 4, margins 3, 4 (rows) and 1, 6
    # (columns): X2 = 7 x 16 / (3 x 4 x 1 x 6) = 1.5556; Yates: 7 x (4 - 3.5)^2 / 72 = 0.024306. Fisher: the one
    # event is in the first group with probability 3/7, in the second with 4/7; only the observed table is no
    # more likely than itself, so p = 3/7 = 0.4286.
    # R: chisq.test(matrix(c(1, 0, 2, 4), 2), correct = FALSE)  # X-squared = 1.5556, p-value = 0.2123
    # R: fisher.test(matrix(c(1, 0, 2, 4), 2))                  # p-value = 0.4286
    statistics = two_by_two_chi2(1, 3, 0, 4)
    assert statistics["chi-squared"] == pytest.approx(7 * 16 / 72, rel=1e-12)
    assert statistics["chi-squared with Yates' correction"] == pytest.approx(7 * 0.25 / 72, rel=1e-12)
    p = two_by_two_p(1, 3, 0, 4)
    assert p["chi-squared"] == pytest.approx(math.erfc(math.sqrt(7 * 16 / 72 / 2)), rel=1e-9)
    assert p["chi-squared with Yates' correction"] == pytest.approx(math.erfc(math.sqrt(7 * 0.25 / 72 / 2)), rel=1e-9)
    assert p["Fisher's exact test"] == pytest.approx(3 / 7, rel=1e-9)


def test_equal_event_counts_in_groups_of_unequal_size_are_tested():
    # 2 of 4 against 2 of 6: ad - bc = 2 x 4 - 2 x 2 = 4, N = 10, margins 4, 6 (rows) and 4, 6 (columns):
    # X2 = 10 x 16 / (4 x 6 x 4 x 6) = 0.27778. Yates' correction takes 0.5 from each |O - E|, but no more than
    # |O - E| itself (here 2 - 4 x 4 / 10 = 0.4), so the corrected X2 is 0 and its p 1. Fisher: this table is the
    # likeliest with its margins (C(4, 2) C(6, 2) = 90 of C(10, 4) = 210 ways, against 80 for 1 event), p = 1.
    # R: chisq.test(matrix(c(2, 2, 2, 4), 2), correct = FALSE)  # X-squared = 0.27778, p-value = 0.5982
    # R: chisq.test(matrix(c(2, 2, 2, 4), 2))                   # X-squared = 0, p-value = 1
    # R: fisher.test(matrix(c(2, 2, 2, 4), 2))                  # p-value = 1
    assert two_by_two_chi2(2, 4, 2, 6) == pytest.approx({"chi-squared": 160 / 576,
                                                         "chi-squared with Yates' correction": 0.0}, rel=1e-12)
    p = two_by_two_p(2, 4, 2, 6)
    assert p["chi-squared"] == pytest.approx(math.erfc(math.sqrt(160 / 576 / 2)), rel=1e-9)
    assert p["chi-squared with Yates' correction"] == pytest.approx(1.0, rel=1e-12)
    assert p["Fisher's exact test"] == pytest.approx(1.0, rel=1e-12)


def test_yates_statistic_of_a_larger_table():
    # 10 of 30 against 20 of 30: X2 = 60 x 300^2 / 30^4 = 6.6667 and, with Yates, 60 x 270^2 / 30^4 = 5.4.
    # R: chisq.test(matrix(c(10, 20, 20, 10), 2))$statistic  # X-squared = 5.4
    statistics = two_by_two_chi2(10, 30, 20, 30)
    assert statistics["chi-squared"] == pytest.approx(60 * 300**2 / 30**4, rel=1e-12)
    assert statistics["chi-squared with Yates' correction"] == pytest.approx(5.4, rel=1e-12)


# --- Fisher's exact test up to the bound of its size -----------------------------------------------------------


def test_fisher_at_the_bound_of_a_million_patients():
    # 1 of 1 against 0 of 999,999: the one event falls in the group of 1 with probability 1 / 10^6, the likeliest
    # table (event in the large group) has 999,999 / 10^6, so only the observed table counts: p = 10^-6.
    # R: fisher.test(matrix(c(1, 0, 0, 999999), 2))  # p-value = 1e-06
    assert two_by_two_p(1, 1, 0, 999_999)["Fisher's exact test"] == pytest.approx(1e-6, rel=1e-9)


def test_fisher_is_left_out_past_a_million_patients_and_chi_squared_stays():
    # 500,500 of 10^6 against 500,000 of 10^6: ad - bc = 10^3 x 5 x 10^5 = 5 x 10^8, N = 2 x 10^6, margins 10^6, 10^6
    # (rows) and 1,000,500, 999,500 (columns): X2 = N (ad - bc)^2 / (10^12 x 1,000,500 x 999,500) = 0.50000013, and
    # with Yates' correction (5 x 10^8 - N / 2)^2 in place of (ad - bc)^2: 0.49800212.
    # R: chisq.test(matrix(c(500500, 500000, 499500, 500000), 2), correct = FALSE)  # p-value = 0.4795
    columns = 1_000_500 * 999_500
    plain, corrected = (2e6 * d**2 / (1e12 * columns) for d in (5e8, 5e8 - 1e6))
    p = two_by_two_p(500_500, 1_000_000, 500_000, 1_000_000)
    assert p == pytest.approx({"chi-squared": math.erfc(math.sqrt(plain / 2)),
                               "chi-squared with Yates' correction": math.erfc(math.sqrt(corrected / 2))}, rel=1e-9)
    assert set(two_by_two_p(1, 1, 0, 1_000_000)) == {"chi-squared", "chi-squared with Yates' correction"}


def test_a_table_of_ten_billion_gets_no_fisher_p_of_1():
    # 50 % against 50.1 % of 10^10 each: X2 is about 2 x 10^10 x 0.0005^2 / 0.25 = 2 x 10^4, so every p is 0.0 in
    # double precision. scipy's fisher_exact overflows int64 there and says p = 1, with warnings.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = two_by_two_p(5_000_000_000, 10_000_000_000, 5_010_000_000, 10_000_000_000)
    assert p == {"chi-squared": 0.0, "chi-squared with Yates' correction": 0.0}
