"""analysis.stats.two_groups against closed forms worked in the comments (R is not installed here; the R call
that gives the same number is quoted with each)."""

import math

import pytest

from analysis.stats.two_groups import t_statistic_ranges, t_test_p_ranges, two_by_two_chi2, two_by_two_p


def _t2_two_sided(t):
    # Student's t with 2 df has the closed-form tail P(|T| > t) = 1 - t / sqrt(t^2 + 2).
    return 1 - t / math.sqrt(t * t + 2)


def test_student_and_welch_with_two_per_group():
    # Groups {-1/sqrt2, 1/sqrt2} and {3 - 1/sqrt2, 3 + 1/sqrt2}: means 0 and 3, SDs 1, n 2 and 2. Pooled SD 1,
    # SE sqrt(1/2 + 1/2) = 1, t = 3, df 2: p = 1 - 3 / sqrt(11) = 0.095466. Welch's df with equal SDs and ns is
    # (1/2 + 1/2)^2 / ((1/2)^2 / 1 + (1/2)^2 / 1) = 2: the same p.
    # R: t.test(c(-0.7071068, 0.7071068), c(2.2928932, 3.7071068), var.equal = TRUE)  # p-value = 0.09547
    # R: t.test(c(-0.7071068, 0.7071068), c(2.2928932, 3.7071068))                    # Welch, p-value = 0.09547
    student, welch = t_test_p_ranges((0, 0), (1, 1), 2, (3, 3), (1, 1), 2)
    assert student.low == pytest.approx(1 - 3 / math.sqrt(11), rel=1e-9)
    assert student.high == pytest.approx(student.low, rel=1e-9)
    assert (welch.low, welch.high) == pytest.approx((student.low, student.low), rel=1e-9)


def test_student_over_the_rounding_of_a_mean():
    # The second mean anywhere in [2.5, 3.5], SDs 1, n 2 and 2: t from 2.5 to 3.5 at df 2, so p from
    # 1 - 3.5 / sqrt(14.25) = 0.072827 to 1 - 2.5 / sqrt(8.25) = 0.129612.
    student, welch = t_test_p_ranges((0, 0), (1, 1), 2, (2.5, 3.5), (1, 1), 2)
    assert (student.low, student.high) == pytest.approx((_t2_two_sided(3.5), _t2_two_sided(2.5)), rel=1e-9)
    assert welch.low <= student.low and student.high <= welch.high


def test_overlapping_means_reach_p_1():
    student, welch = t_test_p_ranges((1.0, 1.2), (1, 1), 5, (1.1, 1.3), (1, 1), 5)
    assert student.high == pytest.approx(1.0) and welch.high == pytest.approx(1.0)


def test_a_two_by_two_table_with_3_of_3_against_0_of_3():
    # Table [[3, 0], [0, 3]], N = 6, margins all 3: X2 = N (ad - bc)^2 / (3^4) = 6 x 81 / 81 = 6, and with Yates'
    # correction 6 (9 - 3)^2 / 81 = 2.6667. A chi-squared tail with 1 df is erfc(sqrt(x / 2)). Fisher: only the
    # two extreme tables are as unlikely as this one, each 1 / C(6, 3) = 1 / 20, so p = 0.1.
    # R: chisq.test(matrix(c(3, 0, 0, 3), 2), correct = FALSE)  # X-squared = 6, p-value = 0.01431
    # R: chisq.test(matrix(c(3, 0, 0, 3), 2))                   # X-squared = 2.6667, p-value = 0.1025
    # R: fisher.test(matrix(c(3, 0, 0, 3), 2))                  # p-value = 0.1
    p = two_by_two_p(3, 3, 0, 3)
    assert p["chi-squared"] == pytest.approx(math.erfc(math.sqrt(3)), rel=1e-9)
    assert p["chi-squared with Yates' correction"] == pytest.approx(math.erfc(math.sqrt(4 / 3)), rel=1e-9)
    assert p["Fisher's exact test"] == pytest.approx(0.1, rel=1e-9)


def test_a_larger_two_by_two_table():
    # 10 of 30 against 20 of 30: ad - bc = 10 x 10 - 20 x 20 = -300, margins 30 each: X2 = 60 x 300^2 / 30^4 = 6.667;
    # Yates: 60 x (300 - 30)^2 / 30^4 = 5.4.
    # R: chisq.test(matrix(c(10, 20, 20, 10), 2), correct = FALSE)  # X-squared = 6.6667, p-value = 0.009823
    # R: chisq.test(matrix(c(10, 20, 20, 10), 2))                   # X-squared = 5.4, p-value = 0.02014
    p = two_by_two_p(10, 30, 20, 30)
    assert p["chi-squared"] == pytest.approx(math.erfc(math.sqrt(60 * 300**2 / 30**4 / 2)), rel=1e-9)
    assert p["chi-squared with Yates' correction"] == pytest.approx(math.erfc(math.sqrt(2.7)), rel=1e-9)


@pytest.mark.parametrize("args, name", [((5, 3, 0, 3), "k_1"), ((0, 0, 0, 3), "n_1"), ((1, 3, 4, 3), "k_2")])
def test_a_bad_table_names_the_argument(args, name):
    with pytest.raises(ValueError, match=name):
        two_by_two_p(*args)


def test_an_sd_that_may_be_0_is_refused():
    with pytest.raises(ValueError, match="sd_1"):
        t_test_p_ranges((0, 0), (0, 1), 5, (1, 1), (1, 1), 5)


def test_t_statistics_over_the_rounding_of_the_means_and_sds():
    # Means 0 and [2.5, 3.5], SDs [0.9, 1.1], n 2 and 2. Student: s_p = SD when both SDs are equal, SE = s_p x 1,
    # so |t| runs from 2.5 / 1.1 = 2.2727 to 3.5 / 0.9 = 3.8889. Welch with n 2 and 2: sqrt(s^2/2 + s^2/2) = s,
    # the same |t| range.
    # R: t.test(c(-0.6363961, 0.6363961), c(2.8636039, 4.1363961), var.equal = TRUE)$statistic  # -3.888889
    student, welch = t_statistic_ranges((0, 0), (0.9, 1.1), 2, (2.5, 3.5), (0.9, 1.1), 2)
    assert student == pytest.approx((2.5 / 1.1, 3.5 / 0.9), rel=1e-12)
    assert welch == pytest.approx((2.5 / 1.1, 3.5 / 0.9), rel=1e-12)


def test_chi_squared_statistics_of_a_two_by_two_table():
    # 3 of 3 against 0 of 3: X2 = 6 and, with Yates' correction, 6 x (9 - 3)^2 / 81 = 2.6667 (worked above).
    # R: chisq.test(matrix(c(3, 0, 0, 3), 2), correct = FALSE)$statistic  # 6
    statistics = two_by_two_chi2(3, 3, 0, 3)
    assert statistics["chi-squared"] == pytest.approx(6.0, rel=1e-12)
    assert statistics["chi-squared with Yates' correction"] == pytest.approx(6 * 36 / 81, rel=1e-12)
    assert two_by_two_chi2(0, 3, 0, 4) == {"chi-squared": 0.0, "chi-squared with Yates' correction": 0.0}
