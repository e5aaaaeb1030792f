"""Attainable p values and power, checked against closed forms, enumeration and textbook values."""

import itertools
import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

from analysis.stats import power


def _rank_sum_null(n1, n2):
    """Exact null distribution of U by enumerating every rank set of group 1 (independent of scipy)."""
    counts = {}
    for ranks in itertools.combinations(range(1, n1 + n2 + 1), n1):
        u = sum(ranks) - n1 * (n1 + 1) // 2
        counts[u] = counts.get(u, 0) + 1
    total = math.comb(n1 + n2, n1)
    return {u: c / total for u, c in counts.items()}


@given(st.integers(1, 15), st.integers(1, 15))
@settings(max_examples=60, deadline=None)
def test_min_p_is_the_closed_form(n1, n2):
    arrangements = math.comb(n1 + n2, n1)
    assert power.min_rank_test_p(n1, n2) == pytest.approx(min(1.0, 2 / arrangements), rel=1e-12)
    assert power.min_rank_test_p(n1, n2, "greater") == pytest.approx(1 / arrangements, rel=1e-12)
    assert power.min_rank_test_p(n1, n2, "less") == pytest.approx(1 / arrangements, rel=1e-12)


@pytest.mark.parametrize("n1, n2", [(2, 6), (3, 4), (1, 5)])
def test_min_p_equals_enumerated_tail(n1, n2):
    null = _rank_sum_null(n1, n2)
    assert power.min_rank_test_p(n1, n2) == pytest.approx(min(1.0, 2 * null[n1 * n2]))


def test_two_of_eight_cannot_reach_five_percent_two_sided():
    # 28 ways to choose which 2 of 8 ranks belong to the exacerbation patients.
    assert power.min_rank_test_p(2, 6) == pytest.approx(2 / 28)
    assert power.min_rank_test_p(2, 6) > 0.05
    assert power.min_rank_test_p(2, 6, "greater") == pytest.approx(1 / 28) and 1 / 28 < 0.05


def _normal_approx_min_p(n1, n2, continuity, sides):
    """Closed form: z = (n1 n2 / 2 - c) / sqrt(n1 n2 (n1 + n2 + 1) / 12) at U = n1 n2 (no ties)."""
    z = (n1 * n2 / 2 - (0.5 if continuity else 0.0)) / math.sqrt(n1 * n2 * (n1 + n2 + 1) / 12)
    return min(1.0, sides * stats.norm.sf(z))


@given(st.integers(1, 30), st.integers(1, 30), st.booleans())
@settings(max_examples=60, deadline=None)
def test_asymptotic_min_p_is_the_normal_closed_form(n1, n2, continuity):
    two = power.min_rank_test_p(n1, n2, method="asymptotic", use_continuity=continuity)
    one = power.min_rank_test_p(n1, n2, "greater", method="asymptotic", use_continuity=continuity)
    assert two == pytest.approx(_normal_approx_min_p(n1, n2, continuity, 2), rel=1e-9)
    assert one == pytest.approx(_normal_approx_min_p(n1, n2, continuity, 1), rel=1e-9)
    assert power.min_rank_test_p(n1, n2, "less", method="asymptotic", use_continuity=continuity) == \
        pytest.approx(one, rel=1e-9)


def test_two_of_eight_by_normal_approximation():
    # U = 12, mean 6, SD sqrt(2 * 6 * 9 / 12) = 3: z = 5.5 / 3 with continuity correction, 6 / 3 = 2 without.
    assert power.min_rank_test_p(2, 6, "greater", method="asymptotic") == pytest.approx(stats.norm.sf(5.5 / 3))
    assert power.min_rank_test_p(2, 6, method="asymptotic", use_continuity=False) == \
        pytest.approx(2 * stats.norm.sf(2.0))
    # The one-sided approximation with continuity correction prints as 0.03, below the exact floor 1/28.
    assert round(power.min_rank_test_p(2, 6, "greater", method="asymptotic"), 2) == 0.03 < 1 / 28


@pytest.mark.parametrize("n1, n2", [(2, 6), (3, 4), (1, 5), (2, 7)])
def test_attainable_exact_p_values_match_enumeration(n1, n2):
    null = _rank_sum_null(n1, n2)
    us = sorted(null)
    upper = {u: sum(null[v] for v in us if v >= u) for u in us}
    lower = {u: sum(null[v] for v in us if v <= u) for u in us}
    one_sided = sorted(upper.values())
    two_sided = sorted({round(min(1.0, 2 * min(upper[u], lower[u])), 12) for u in us})
    assert power.attainable_rank_test_p(n1, n2, "greater") == pytest.approx(one_sided, rel=1e-9)
    assert power.attainable_rank_test_p(n1, n2) == pytest.approx(two_sided, rel=1e-9)
    assert power.attainable_rank_test_p(n1, n2)[0] == pytest.approx(power.min_rank_test_p(n1, n2))


@pytest.mark.parametrize("continuity", [True, False])
def test_attainable_asymptotic_p_values_are_the_normal_tail_of_each_u(continuity):
    n1, n2 = 2, 6
    sd = math.sqrt(n1 * n2 * (n1 + n2 + 1) / 12)
    c = 0.5 if continuity else 0.0
    expected = sorted(stats.norm.sf((u - n1 * n2 / 2 - c) / sd) for u in range(n1 * n2 + 1))
    got = power.attainable_rank_test_p(n1, n2, "greater", method="asymptotic", use_continuity=continuity)
    assert got == pytest.approx(expected, rel=1e-9)


def test_min_p_rejects_bad_input():
    for bad in [(0, 3), (3, 0), (2.5, 3), (True, 3)]:
        with pytest.raises(ValueError):
            power.min_rank_test_p(*bad)
    with pytest.raises(ValueError):
        power.min_rank_test_p(2, 3, "both")
    with pytest.raises(ValueError):
        power.min_rank_test_p(2, 3, method="normal")
    with pytest.raises(ValueError, match="use_continuity must be True or False"):
        power.min_rank_test_p(2, 3, use_continuity=1)
    with pytest.raises(ValueError, match="use_continuity must be True or False"):
        power.attainable_rank_test_p(2, 3, use_continuity="yes")
    with pytest.raises(ValueError, match="d must be a finite real number"):
        power.t_test_power(float("nan"), 8, 8)


def _nct_power(d, n1, n2, alpha):
    """Two-sided pooled t test power from the noncentral t distribution (textbook formula)."""
    df = n1 + n2 - 2
    ncp = d * math.sqrt(n1 * n2 / (n1 + n2))
    crit = stats.t.ppf(1 - alpha / 2, df)
    return stats.nct.sf(crit, df, ncp) + stats.nct.cdf(-crit, df, ncp)


@pytest.mark.parametrize("d, n1, n2", [(0.0, 8, 27), (0.5, 8, 27), (1.0, 8, 8), (2.0, 2, 6), (1.3, 8, 7)])
def test_t_power_matches_noncentral_t(d, n1, n2):
    assert power.t_test_power(d, n1, n2) == pytest.approx(_nct_power(d, n1, n2, 0.05), abs=1e-6)


@pytest.mark.parametrize("d, n1, n2", [(0.5, 8, 27), (1.0, 8, 8), (1.3, 8, 7)])
def test_one_sided_t_power_uses_the_module_alternatives(d, n1, n2):
    # One-sided power from the noncentral t: "greater" rejects above t_(1 - alpha), "less" below -t_(1 - alpha).
    df, ncp = n1 + n2 - 2, d * math.sqrt(n1 * n2 / (n1 + n2))
    crit = stats.t.ppf(0.95, df)
    assert power.t_test_power(d, n1, n2, alternative="greater") == pytest.approx(stats.nct.sf(crit, df, ncp), abs=1e-6)
    assert power.t_test_power(d, n1, n2, alternative="less") == pytest.approx(stats.nct.cdf(-crit, df, ncp), abs=1e-6)
    for statsmodels_word in ("larger", "smaller"):
        with pytest.raises(ValueError, match="alternative must be one of"):
            power.t_test_power(d, n1, n2, alternative=statsmodels_word)


def test_t_power_at_zero_effect_is_alpha():
    assert power.t_test_power(0.0, 8, 27, alpha=0.1) == pytest.approx(0.1, abs=1e-9)


@pytest.mark.parametrize("d, n", [(0.5, 64), (0.8, 26), (0.2, 393)])
def test_mde_reproduces_cohens_table(d, n):
    # Cohen (1988) Table 2.4.1: n per group for 80 % power, two-sided alpha 0.05.
    assert power.minimum_detectable_effect(n, n) == pytest.approx(d, abs=0.01)


@pytest.mark.parametrize("n1, n2", [(8, 27), (8, 8), (2, 6)])
def test_mde_gives_the_target_power(n1, n2):
    d = power.minimum_detectable_effect(n1, n2, power=0.8)
    assert _nct_power(d, n1, n2, 0.05) == pytest.approx(0.8, abs=1e-4)


def test_mde_rejects_bad_input():
    with pytest.raises(ValueError):
        power.minimum_detectable_effect(1, 1)
    with pytest.raises(ValueError):
        power.minimum_detectable_effect(8, 8, alpha=0.5, power=0.4)


def test_rank_power_is_zero_when_no_arrangement_reaches_alpha():
    assert np.all(power.rank_test_power([0.0, 1.0, 3.0, 6.0], 2, 6, n_sim=500, seed=1) == 0)


def test_rank_power_at_zero_effect_is_the_exact_size():
    null = _rank_sum_null(8, 8)
    cdf = lambda u: sum(p for v, p in null.items() if v <= u)  # noqa: E731
    sf = lambda u: sum(p for v, p in null.items() if v >= u)  # noqa: E731
    size = sum(p for u, p in null.items() if min(1.0, 2 * min(cdf(u), sf(u))) <= 0.05)
    n_sim = 4000
    estimate = power.rank_test_power(0.0, 8, 8, n_sim=n_sim, seed=3)[0]
    assert abs(estimate - size) < 4 * math.sqrt(size * (1 - size) / n_sim)


@pytest.mark.parametrize("d", [0.5, 1.5])
def test_rank_power_for_one_against_forty_matches_integral(d):
    # With n1 = 1 the test rejects (min p = 2/41) only if the single value is the largest or the smallest.
    k = 40
    exact, _ = integrate.quad(lambda x: stats.norm.pdf(x - d) * (stats.norm.cdf(x) ** k + stats.norm.sf(x) ** k),
                              -np.inf, np.inf)
    n_sim = 4000
    estimate = power.rank_test_power(d, 1, k, n_sim=n_sim, seed=5)[0]
    assert abs(estimate - exact) < 4 * math.sqrt(exact * (1 - exact) / n_sim)


def test_rank_power_is_deterministic_for_a_seed():
    a = power.rank_test_power([0.5, 1.0], 8, 8, n_sim=300, seed=11)
    b = power.rank_test_power([0.5, 1.0], 8, 8, n_sim=300, seed=11)
    assert np.array_equal(a, b)


def test_rank_power_rejects_bad_grid():
    with pytest.raises(ValueError):
        power.rank_test_power([0.0, np.nan], 8, 8, n_sim=10)


def test_rank_power_counts_a_p_equal_to_alpha():
    # 3 against 3: the most extreme of the C(6, 3) = 20 rank assignments gives the smallest two-sided
    # exact p, 2 / 20 = 0.1 (scipy's own p for ranks 1-3 against 4-6). With alpha equal to it, power at
    # d = 0 is the chance of either extreme assignment, 2 / 20 = 0.1: p <= alpha, not p < alpha (0).
    alpha = stats.mannwhitneyu([1, 2, 3], [4, 5, 6], method="exact").pvalue
    assert alpha == pytest.approx(0.1, rel=1e-12)
    size = power.rank_test_power(0.0, 3, 3, alpha=alpha, n_sim=4000, seed=1)[0]
    assert abs(size - 0.1) < 4 * math.sqrt(0.1 * 0.9 / 4000)
    assert power.rank_test_power(0.0, 3, 3, alpha=alpha * 0.999, n_sim=4000, seed=1)[0] == 0.0


def test_attainable_p_keeps_neighbours_closer_than_1e8():
    # 16 against 16: C(32, 16) = 601080390 assignments. The two smallest two-sided exact p values are
    # 2 / C (U = 0 or 256) and 2 * 2 / C (U <= 1 on either side): 3.3e-9 and 6.7e-9, distinct although
    # they differ by less than 1e-8.
    total = math.comb(32, 16)
    assert power.attainable_rank_test_p(16, 16)[:2] == pytest.approx([2 / total, 4 / total], rel=1e-9)


def test_attainable_p_keeps_neighbours_near_one():
    # One-sided, 10 against 10, C = C(20, 10) = 184756: one arrangement each has U = 0 and U = 1, so
    # P(U >= u) for u = 2, 1, 0 is 1 - 2/C, 1 - 1/C and 1, less than 1.1e-5 apart yet distinct; P(U >= u)
    # falls strictly with u, so all n1 n2 + 1 = 101 values are distinct.
    total = math.comb(20, 10)
    got = power.attainable_rank_test_p(10, 10, "greater")
    assert got.size == 101
    assert got[-3:] == pytest.approx([1 - 2 / total, 1 - 1 / total, 1.0], rel=1e-12)


def test_defaults_are_the_documented_ones():
    # use_continuity defaults to True, as in scipy: the asymptotic p of ranks 1-3 against 4-7.
    expected = stats.mannwhitneyu([1, 2, 3], [4, 5, 6, 7], method="asymptotic").pvalue
    assert power.attainable_rank_test_p(3, 4, method="asymptotic")[0] == pytest.approx(expected, rel=1e-12)
    assert power.min_rank_test_p(3, 4, method="asymptotic") == pytest.approx(expected, rel=1e-12)
    # n_sim = 4000 and seed = 0.
    assert np.array_equal(power.rank_test_power([0.5, 1.0], 4, 5),
                          power.rank_test_power([0.5, 1.0], 4, 5, n_sim=4000, seed=0))


def test_mde_by_the_noncentral_t():
    # Two-sided power at d: noncentral t with n1 + n2 - 2 df and noncentrality d sqrt(n1 n2 / (n1 + n2))
    # beyond -/+ t(0.975; df); the d returned must give power 0.8 by scipy's noncentral t directly.
    for n1, n2 in ((2, 2), (2, 3), (4, 9)):
        d = power.minimum_detectable_effect(n1, n2)
        df, nc = n1 + n2 - 2, d * math.sqrt(n1 * n2 / (n1 + n2))
        crit = stats.t.isf(0.025, df)
        assert stats.nct.sf(crit, df, nc) + stats.nct.cdf(-crit, df, nc) == pytest.approx(0.8, abs=1e-6)


def test_mde_refuses_a_solver_that_misses_the_power():
    # n1 + n2 = 3 passes the size check, but with 1 df statsmodels' solver stops at d = 9.37, where the
    # power is 0.45 (scipy's noncentral t turns nan near d = 25): an error, not a wrong d.
    with pytest.raises(ValueError, match="^no d found with power 0.8 for n1 = 1, n2 = 2"):
        power.minimum_detectable_effect(1, 2)


def test_rank_power_is_the_share_of_the_documented_draws_the_exact_test_rejects():
    # The documented method rebuilt without scipy's test: default_rng(seed) draws n_sim rows of n1 + n2
    # standard normals, d is added to the first n1 of each row; U counts the pairs in which the shifted
    # value is the larger, and the two-sided exact p is min(1, 2 min(P(U' <= U), P(U' >= U))) under the
    # enumerated null. With 9 against 9 scipy's default method is the normal approximation, whose p at
    # U = 18 is 0.0521 against the exact 0.0503: at alpha = 0.051 the exact test rejects there, it does not.
    n1, n2, n_sim, seed, alpha = 9, 9, 1000, 7, 0.051
    null = _rank_sum_null(n1, n2)
    cdf = {u: sum(p for v, p in null.items() if v <= u) for u in null}
    sf = {u: sum(p for v, p in null.items() if v >= u) for u in null}
    draws = np.random.default_rng(seed).standard_normal((n_sim, n1 + n2))
    grid = [0.0, 0.6, 1.2]
    expected = []
    for d in grid:
        u = ((draws[:, :n1, None] + d) > draws[:, None, n1:]).sum(axis=(1, 2))
        expected.append(np.mean([min(1.0, 2 * min(cdf[k], sf[k])) <= alpha for k in u]))
    got = power.rank_test_power(grid, n1, n2, alpha=alpha, n_sim=n_sim, seed=seed)
    assert got == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: power.min_rank_test_p(0, 3), "n1 must be a positive integer, got 0"),
    (lambda: power.min_rank_test_p(3, 0), "n2 must be a positive integer, got 0"),
    (lambda: power.attainable_rank_test_p(2, 3, "both"),
     "alternative must be one of ('two-sided', 'greater', 'less'), got 'both'"),
    (lambda: power.attainable_rank_test_p(2, 3, method="normal"),
     "method must be one of ('exact', 'asymptotic'), got 'normal'"),
    (lambda: power.t_test_power(0.5, 5, 5, alpha=0), "alpha must be strictly between 0 and 1"),
    (lambda: power.minimum_detectable_effect(5, 5, alpha=1.0), "alpha must be strictly between 0 and 1"),
    (lambda: power.minimum_detectable_effect(5, 5, power=1.0), "power must be strictly between 0 and 1"),
    (lambda: power.minimum_detectable_effect(1, 1), "n1 + n2 must be at least 3 for a t test, got 2"),
    (lambda: power.minimum_detectable_effect(5, 5, alpha=0.05, power=0.05), "power must exceed alpha (0.05)"),
    (lambda: power.rank_test_power(0.5, 3, 3, alpha=1.5), "alpha must be strictly between 0 and 1"),
    (lambda: power.rank_test_power(0.5, 3, 3, n_sim=0), "n_sim must be a positive integer"),
    (lambda: power.rank_test_power(0.5, 3, 3, seed=-1), "seed must be a non-negative integer"),
    (lambda: power.rank_test_power([[0.5]], 3, 3),
     "effect_sizes must be a finite number or a one-dimensional sequence of them"),
])
def test_errors_name_the_argument_exactly(call, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        call()


# --- sizes bounded before any work (analysis.stats._validate.SIZE_BOUNDS) -----------------------------------


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (lambda: power.min_rank_test_p(500_000, 500_001),
         r"^n1 \+ n2 must be at most 1000000 \(got 1000001\): scipy's Mann-Whitney test ranks n1 \+ n2 values$"),
        (lambda: power.min_rank_test_p(10**9, 10**9, method="asymptotic"), r"^n1 \+ n2 must be at most 1000000 "),
        # (n1 n2 + 1)(n1 + n2): (99 * 102 + 1) * 201 = 2,029,899 ranks.
        (lambda: power.attainable_rank_test_p(99, 102),
         r"^n1 and n2 must give at most 2000000 ranks \(\(n1 n2 \+ 1\) x \(n1 \+ n2\)\) \(got 2029899\): "
         r"attainable_rank_test_p builds"),
        (lambda: power.rank_test_power([0.0], 5, 5, n_sim=100_001),
         r"^n_sim, n1 and n2 must give at most 1000000 values \(n_sim x \(n1 \+ n2\)\) \(got 1000010\): "
         r"rank_test_power draws"),
        (lambda: power.rank_test_power([0.0] * 6, 5, 5, n_sim=100_000),
         r"^effect_sizes, n_sim, n1 and n2 must give at most 5000000 values tested \(effect sizes x n_sim x "
         r"\(n1 \+ n2\)\) \(got 6000000\): rank_test_power ranks"),
    ],
)
def test_sizes_past_their_bound_are_refused_before_any_work(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()


def test_sizes_at_their_bound_are_accepted():
    # Closed form of the asymptotic floor (see min_rank_test_p): z = (n1 n2 / 2 - 0.5) / sqrt(n1 n2 (N + 1) / 12).
    n1 = n2 = 500_000
    z = (n1 * n2 / 2 - 0.5) / np.sqrt(n1 * n2 * (n1 + n2 + 1) / 12)
    assert power.min_rank_test_p(n1, n2, method="asymptotic") == pytest.approx(2 * stats.norm.sf(z), abs=1e-300)
    attainable = power.attainable_rank_test_p(99, 101, alternative="greater")
    assert attainable[0] == pytest.approx(1 / math.comb(200, 99), rel=1e-9)  # the exact floor, 1 / C(N, n1)
    assert attainable[-1] == pytest.approx(1.0)
    # 100,000 data sets of 10 values, 5 effect sizes: both bounds at once. With d = 0 the test rejects at about alpha.
    assert power.rank_test_power([0.0] * 5, 5, 5, n_sim=100_000).tolist() == pytest.approx([0.0317] * 5, abs=0.002)
