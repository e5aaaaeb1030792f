"""analysis.stats.baseline at its edges: one degree of freedom within arms, p values of 0 and 1 in Stouffer's
combination, and every refusal read whole (closed forms worked in the comments, scipy's normal distribution)."""

import math

import pytest
from scipy.stats import norm

from analysis.stats import anova_from_stats, baseline_p, baseline_p_range, stouffer_combined_p

# The bounds the docstring of stouffer_combined_p states: the smallest normal double and 1 minus the machine epsilon.
SMALLEST_DOUBLE = 2.2250738585072014e-308
ONE_MINUS_EPSILON = 1 - 2.0**-52


# --- one degree of freedom within arms is enough -----------------------------------------------------------------


def test_two_arms_of_1_and_2_leave_one_degree_of_freedom():
    # Means 0 and 3, SDs 1, ns 1 and 2: the pooled variance is (0 x 1 + 1 x 1) / 1 = 1, SE = sqrt(1 + 1/2), so
    # t = 3 / sqrt(1.5) = sqrt(6) on 1 df, a Cauchy variable: p = 1 - (2 / pi) atan(sqrt(6)) = 0.24675.
    # R: t.test(0, c(2.2928932, 3.7071068), var.equal = TRUE)  # t = -2.4495, df = 1, p-value = 0.2468
    expected = 1 - 2 / math.pi * math.atan(math.sqrt(6))
    assert baseline_p([0, 3], [1, 1], [1, 2]) == pytest.approx(expected, rel=1e-12)
    assert anova_from_stats([0, 3], [1, 1], [1, 2]).statistic == pytest.approx(6.0, rel=1e-12)
    assert baseline_p_range([(0, 0), (3, 3)], [(1, 1), (1, 1)], [1, 2]) == pytest.approx((expected, expected))


def test_three_arms_of_1_1_and_2_leave_one_degree_of_freedom():
    # Means 0, 3, 6, SDs 1, ns 1, 1, 2: grand mean 15 / 4 = 3.75; between 3.75^2 + 0.75^2 + 2 x 2.25^2 = 24.75 on
    # 2 df, within 1 x 1 on 1 df: F = 12.375. The upper tail of F(2, d2) is (1 + 2 F / d2)^(-d2 / 2) = 25.75^-0.5.
    result = anova_from_stats([0, 3, 6], [1, 1, 1], [1, 1, 2])
    assert (result.statistic, result.df_between, result.df_within) == (pytest.approx(12.375), 2, 1)
    assert result.pvalue == pytest.approx(25.75**-0.5, rel=1e-12)
    assert baseline_p([0, 3, 6], [1, 1, 1], [1, 1, 2]) == pytest.approx(25.75**-0.5, rel=1e-12)


@pytest.mark.parametrize("function", [baseline_p, anova_from_stats])
def test_arms_of_one_each_are_refused(function):
    with pytest.raises(ValueError, match=r"^ns must leave at least 1 degree of freedom within arms \(sum of ns "
                                         r"minus arms\), got \[1, 1\]$"):
        function([1, 2], [1, 1], [1, 1])


# --- Stouffer's combination at p 0 and 1 -------------------------------------------------------------------------


def test_a_p_of_0_counts_as_the_smallest_double():
    # z of the smallest double, norm.isf(2.2e-308) = 37.5, beside z = 0 of a p of 0.5: Z = 37.5 / sqrt(2).
    expected = norm.sf(norm.isf(SMALLEST_DOUBLE) / math.sqrt(2))
    assert 0 < expected < 1e-150
    assert stouffer_combined_p([0.0, 0.5]) == pytest.approx(expected, rel=1e-9, abs=0)


def test_a_p_of_1_counts_as_1_minus_the_machine_epsilon():
    # z of 1 - 2^-52 is -8.1; with a p of 0.5, Z = -8.1 / sqrt(2) and the combined p is 1 - 4.7e-9, not 1.
    expected = norm.sf(norm.isf(ONE_MINUS_EPSILON) / math.sqrt(2))
    assert 1 - 1e-8 < expected < 1 - 1e-9
    assert stouffer_combined_p([1.0, 0.5]) == pytest.approx(expected, rel=1e-13, abs=0)


# --- refusals, read whole ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sds", "ns", "lengths"), [
    ([1, 1, 1], [5, 5], "{'means': 2, 'sds': 3, 'ns': 2}"),
    ([1, 1], [5, 5, 5], "{'means': 2, 'sds': 2, 'ns': 3}"),
], ids=["sds", "ns"])
@pytest.mark.parametrize("function", [baseline_p, anova_from_stats])
def test_lengths_that_differ_are_refused_with_each_length(function, sds, ns, lengths):
    with pytest.raises(ValueError) as refused:
        function([1, 2], sds, ns)
    assert str(refused.value) == f"means, sds and ns must have one entry per arm, got lengths {lengths}"


@pytest.mark.parametrize("function", [baseline_p, anova_from_stats])
def test_an_arm_past_the_count_bound_is_named(function):
    with pytest.raises(ValueError, match=r"^ns\[1\] must be at most 1000000000000000 \(got 1000000000000001\): "):
        function([1, 2], [1, 1], [5, 10**15 + 1])


def test_an_arm_past_the_count_bound_is_named_in_the_range():
    with pytest.raises(ValueError, match=r"^ns\[0\] must be at most 1000000000000000 \(got 1000000000000001\): "):
        baseline_p_range([(1, 1), (2, 2)], [(1, 1), (1, 1)], [10**15 + 1, 5])


@pytest.mark.parametrize(("means", "sds", "message"), [
    ([1, float("nan"), 3], [1, 1, 1], r"^means\[1\] must be a finite real number, got nan$"),
    ([1, 2, 3], [1, 1, 0], r"^sds\[2\] must be positive, got 0$"),
], ids=["mean", "sd"])
def test_three_arm_anova_names_the_bad_arm(means, sds, message):
    with pytest.raises(ValueError, match=message):
        anova_from_stats(means, sds, [3, 3, 3])
