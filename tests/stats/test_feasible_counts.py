"""Tests for analysis.feasible_counts: against scipy's chi2_contingency, closed forms and brute force."""

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from analysis.stats.consistency import rounds_to
from analysis.stats.feasible_counts import (
    all_tables,
    chi2_rx2,
    feasible_from_percents,
    feasible_tables,
)

PROPERTY = settings(settings.get_profile("property"), max_examples=60)  # profile: conftest.py


def _scipy(k, n):
    table = np.column_stack([k, np.asarray(n) - np.asarray(k)])
    result = stats.chi2_contingency(table, correction=True)
    return result.statistic, result.pvalue


def test_random_tables_match_chi2_contingency():
    rng = np.random.default_rng(20260213)
    checked = 0
    for _ in range(300):
        r = int(rng.integers(2, 6))
        n = rng.integers(1, 60, size=r)
        k = np.array([rng.integers(0, m + 1) for m in n])
        if k.sum() in (0, n.sum()):
            continue
        statistic, p = chi2_rx2(k, n)
        # correction=True is passed on purpose: scipy applies Yates only when dof == 1,
        # so r > 2 must agree with the uncorrected statistic whatever the flag says.
        if r > 2:
            expected_stat, expected_p = _scipy(k, n)
        else:
            result = stats.chi2_contingency(np.column_stack([k, n - k]), correction=False)
            expected_stat, expected_p = result.statistic, result.pvalue
        assert statistic == pytest.approx(expected_stat, rel=1e-9, abs=1e-12)
        assert p == pytest.approx(expected_p, rel=1e-8, abs=1e-300)
        checked += 1
    assert checked > 200


@PROPERTY
@given(st.lists(st.tuples(st.integers(1, 40), st.floats(0, 1)), min_size=3, max_size=3))
def test_property_3x2_same_statistic_as_scipy(groups):
    n = np.array([g[0] for g in groups])
    k = np.array([int(round(g[1] * g[0])) for g in groups])
    if k.sum() in (0, n.sum()):
        statistic, p = chi2_rx2(k, n)
        assert np.isnan(statistic) and np.isnan(p)
        return
    statistic, p = chi2_rx2(k, n)
    expected_stat, expected_p = _scipy(k, n)
    assert statistic == pytest.approx(expected_stat, rel=1e-9, abs=1e-12)
    assert p == pytest.approx(expected_p, rel=1e-8, abs=1e-300)


def test_hand_worked_2x2():
    # Table [[10, 10], [5, 15]]: pooled share 15/40, expected 7.5 / 12.5 in each row;
    # X2 = 2 * (2.5**2 / 7.5 + 2.5**2 / 12.5) = 8/3. For 1 df, P(X2 > x) = erfc(sqrt(x / 2)).
    from math import erfc, sqrt

    statistic, p = chi2_rx2(np.array([10, 5]), np.array([20, 20]))
    assert statistic == pytest.approx(8 / 3, rel=1e-12)
    assert p == pytest.approx(erfc(sqrt(4 / 3)), rel=1e-12)


def test_2x2_is_uncorrected_pearson_not_scipys_default_yates():
    # Same table as above. Yates subtracts 0.5 from each |O - E| = 2.5 before squaring:
    # X2_Yates = 2 * (2**2 / 7.5 + 2**2 / 12.5) = 128/75, which chi2_contingency returns by default for 2 x 2.
    k, n = np.array([10, 5]), np.array([20, 20])
    table = np.column_stack([k, n - k])
    statistic, p = chi2_rx2(k, n)
    uncorrected = stats.chi2_contingency(table, correction=False)
    default = stats.chi2_contingency(table)
    assert statistic == pytest.approx(uncorrected.statistic, rel=1e-12)
    assert p == pytest.approx(uncorrected.pvalue, rel=1e-12)
    assert default.statistic == pytest.approx(128 / 75, rel=1e-12)
    assert statistic > default.statistic and p < default.pvalue


def test_three_groups_closed_form_p_for_two_df():
    # With 2 degrees of freedom the chi-squared survival function is exp(-x / 2).
    k, n = np.array([3, 7, 12]), np.array([10, 14, 15])
    statistic, p = chi2_rx2(k, n)
    assert p == pytest.approx(np.exp(-statistic / 2), rel=1e-12)


def test_identical_shares_give_zero():
    statistic, p = chi2_rx2(np.array([2, 4, 6]), np.array([10, 20, 30]))
    assert statistic == pytest.approx(0, abs=1e-12)
    assert p == pytest.approx(1.0)


def test_broadcasts_over_leading_axes():
    k = np.array([[3, 7, 12], [2, 4, 6]])
    n = np.array([10, 14, 15])
    n = np.broadcast_to(n, k.shape)
    statistic, _ = chi2_rx2(k, np.array(n))
    assert statistic.shape == (2,)
    for row in range(2):
        assert statistic[row] == pytest.approx(_scipy(k[row], n[row])[0], rel=1e-12)


def test_degenerate_and_invalid():
    statistic, p = chi2_rx2(np.array([0, 0, 0]), np.array([3, 4, 5]))
    assert np.isnan(statistic) and np.isnan(p)
    statistic, _ = chi2_rx2(np.array([3, 4, 5]), np.array([3, 4, 5]))
    assert np.isnan(statistic)
    with pytest.raises(ValueError):
        chi2_rx2(np.array([4, 1]), np.array([3, 4]))
    with pytest.raises(ValueError):
        chi2_rx2(np.array([1]), np.array([3]))
    with pytest.raises(ValueError):
        chi2_rx2(np.array([0, 1]), np.array([0, 4]))


def test_brute_force_tiny_case():
    """Every table with n <= 12 per group, enumerated with loops, exact rounding and scipy."""
    percents, decimals, n_max = [50, 33.3, 75], [0, 1, 0], 12
    window = (0.05, 0.6)
    expected = set()
    per_group = []
    for pct, dec in zip(percents, decimals):
        per_group.append([(k, n) for n in range(1, n_max + 1) for k in range(n + 1)
                          if rounds_to(Fraction(100 * k, n), pct, dec)])
    for combo in itertools.product(*per_group):
        k = np.array([c[0] for c in combo])
        n = np.array([c[1] for c in combo])
        if k.sum() in (0, n.sum()):
            continue
        _, p = _scipy(k, n)
        if window[0] <= p <= window[1]:
            expected.add(tuple(x for c in combo for x in c))
    assert len(expected) > 5  # the case is not vacuous
    frame = feasible_tables(per_group, window, ["a", "b", "c"])
    got = {tuple(int(v) for v in row) for row in
           frame[["k_a", "n_a", "k_b", "n_b", "k_c", "n_c"]].itertuples(index=False)}
    assert got == expected


def test_from_percents_uses_grim_and_the_p_rounding_window():
    # Pairs printing as 50 % (n <= 2), 33.3 % (n <= 3), 100 % (n <= 3): 1/2; 1/3; 1/1, 2/2, 3/3.
    combos = [((1, 2), (1, 3), (m, m)) for m in (1, 2, 3)]
    p_by_m = {c[2][1]: _scipy(np.array([x[0] for x in c]), np.array([x[1] for x in c]))[1] for c in combos}
    assert len({round(p, 4) for p in p_by_m.values()}) == 3  # three distinct p values
    target = round(p_by_m[3], 4)  # print the 3/3 table's p at 4 decimals
    got = feasible_from_percents([50, 33.3, 100], [0, 1, 0], [2, 3, 3], target, 4, ["a", "b", "c"])
    expected = [m for m, p in p_by_m.items() if abs(p - target) <= 0.00005]
    assert sorted(got.n_c) == sorted(expected) and 3 in expected
    assert set(got.n_a) == {2} and set(got.n_b) == {3}
    # A p window that excludes every table gives an empty frame with the same columns.
    none = feasible_from_percents([50, 33.3, 100], [0, 1, 0], [2, 3, 3], 0.999, 3, ["a", "b", "c"])
    assert none.empty and list(none.columns) == list(got.columns)
    assert len(all_tables([[(1, 2)], [(1, 3)], [(1, 1), (2, 2), (3, 3)]], ["a", "b", "c"])) == 3


def test_sorted_and_totals_add_up():
    frame = feasible_from_percents([84.6, 74.1, 46], [1, 1, 0], 103, 0.00012, 5, ["r", "m", "a"])
    assert list(frame.total_n) == sorted(frame.total_n)
    assert (frame.total_n == frame.n_r + frame.n_m + frame.n_a).all()
    assert (frame.total_k == frame.k_r + frame.k_m + frame.k_a).all()
    for row in frame.itertuples(index=False):
        assert rounds_to(Fraction(100 * row.k_r, row.n_r), "84.6", 1)
        assert rounds_to(Fraction(100 * row.k_a, row.n_a), 46, 0)
        assert 0.000115 <= row.p <= 0.000125


def test_argument_checks():
    with pytest.raises(ValueError):
        feasible_tables([[(1, 2)]], (0, 1), ["a"])
    with pytest.raises(ValueError):
        feasible_from_percents([50, 50], [0], 10, 0.5, 1, ["a", "b"])
    with pytest.raises(ValueError):
        feasible_from_percents([50, 50], [0, 0], [10], 0.5, 1, ["a", "b"])


@pytest.mark.parametrize(("k", "n"), [((5, 9), (10, 11)), ((3, 12), (20, 15)), ((1, 9), (10, 10)),
                                      ((7, 8), (15, 16)), ((0, 4), (6, 9))])
def test_yates_correction_matches_scipy_for_2x2(k, n):
    from scipy.stats import chi2_contingency

    from analysis.stats.feasible_counts import chi2_rx2

    table = [[a, b - a] for a, b in zip(k, n)]
    expected_stat, expected_p, dof, _ = chi2_contingency(table, correction=True)
    assert dof == 1
    statistic, p = chi2_rx2(np.array(k), np.array(n), correction=True)
    assert float(statistic) == pytest.approx(expected_stat, rel=1e-12, abs=1e-12)
    assert float(p) == pytest.approx(expected_p, rel=1e-12)
    plain_stat, _ = chi2_rx2(np.array(k), np.array(n))
    assert float(statistic) <= float(plain_stat)  # the correction never enlarges the statistic


def test_yates_correction_when_deviation_is_below_one_half():
    from scipy.stats import chi2_contingency

    from analysis.stats.feasible_counts import chi2_rx2

    # 5/10 vs 5/11: pooled 10/21, |O - E| = |5 - 10 x 10/21| = 0.238 < 0.5, so the corrected statistic is 0.
    statistic, p = chi2_rx2(np.array([5, 5]), np.array([10, 11]), correction=True)
    assert float(statistic) == 0.0 and float(p) == 1.0
    assert float(p) == pytest.approx(chi2_contingency([[5, 5], [5, 6]], correction=True)[1])


def test_yates_correction_in_feasible_tables_and_refused_beyond_2x2():
    from analysis.stats.feasible_counts import all_tables, chi2_rx2, feasible_from_percents

    frame = all_tables([[(5, 10)], [(9, 10)]], ["a", "b"], correction=True)
    plain = all_tables([[(5, 10)], [(9, 10)]], ["a", "b"])
    assert frame.p.iloc[0] > plain.p.iloc[0]
    # 50 % of 10 vs 90 % of 10: uncorrected p = 0.0510, Yates p = 0.1432 (scipy); only the latter prints as 0.14.
    yates = feasible_from_percents([50, 90], [0, 0], 10, 0.14, 2, ["a", "b"], correction=True)
    assert [(r.k_a, r.n_a, r.k_b, r.n_b) for r in yates.itertuples()] == [(5, 10, 9, 10)]
    assert len(feasible_from_percents([50, 90], [0, 0], 10, 0.14, 2, ["a", "b"])) == 0
    with pytest.raises(ValueError, match="correction"):
        chi2_rx2(np.array([1, 2, 3]), np.array([4, 5, 6]), correction=True)
    with pytest.raises(ValueError, match="correction"):
        chi2_rx2(np.array([1, 2]), np.array([4, 5]), correction=1)


def _pairs_near_half(n_max):
    """Pairs (k, n), n <= n_max, with 99 n <= 200 k <= 101 n: those whose 100 k / n prints as 50 at 0 decimals."""
    return sum(math.floor(Fraction(101 * n, 200)) - math.ceil(Fraction(99 * n, 200)) + 1 for n in range(1, n_max + 1))


@pytest.mark.parametrize(("call", "message"), [
    (lambda: chi2_rx2(np.array([1]), np.array([3])), r"^k and n need a last axis of at least 2 groups$"),
    (lambda: chi2_rx2(1, 3), r"^k and n need a last axis of at least 2 groups$"),
    (lambda: chi2_rx2(np.array([-1, 2]), np.array([3, 4])), r"^need n >= 1 and 0 <= k <= n in every group$"),
    (lambda: chi2_rx2(np.array([4, 1]), np.array([3, 4])), r"^need n >= 1 and 0 <= k <= n in every group$"),
    (lambda: chi2_rx2(np.array([0, 1]), np.array([0, 4])), r"^need n >= 1 and 0 <= k <= n in every group$"),
    (lambda: chi2_rx2(np.array([1, 2]), np.array([4, 5]), correction=1), r"^correction must be True or False"),
    (lambda: chi2_rx2(np.array([1, 2, 3]), np.array([4, 5, 6]), correction=True),
     r"^correction \(Yates\) applies only to 2 groups \(a 2 x 2 table\), got 3 groups$"),
    (lambda: feasible_tables([[(1, 2)]], (0, 1), ["a"]), r"^need one name per candidate list and at least 2 groups$"),
    (lambda: feasible_tables([[(1, 2)], [(1, 3)]], (0, 1), ["a", "b", "c"]),
     r"^need one name per candidate list and at least 2 groups$"),
    (lambda: feasible_tables([[(1, 2)] * 5000, [(1, 3)] * 5000], (0, 1), ["a", "b"]),
     r"^candidates must give at most 2000000 combinations \(got 25000000\): every combination is tested at once"),
    (lambda: all_tables([[(1, 2)] * 1000, [(1, 3)] * 2001], ["a", "b"]),
     r"^candidates must give at most 2000000 combinations \(got 2001000\): "),
    (lambda: feasible_from_percents([33.3, 50.0], [1, 1], 10**6, 0.01, 2, ["a", "b"]),
     r"^n_max must be at most 100000 \(got 1000000\): grim_counts tries every denominator up to n_max$"),
    (lambda: feasible_from_percents([33.3, 50.0], [1, 1], [10, 100_001], 0.01, 2, ["a", "b"]),
     r"^n_max must be at most 100000 \(got 100001\): "),
    # 50 % at 0 decimals: 49.5 <= 100 k / n <= 50.5, both ends printing as 50 under one rule or the other.
    (lambda: feasible_from_percents([50, 50], [0, 0], 600, 0.5, 1, ["a", "b"]),
     rf"^candidates must give at most 2000000 combinations \(got {_pairs_near_half(600) ** 2}\): "),
    (lambda: feasible_from_percents([50, 50], [0, 0], [500, 10**5], 0.5, 1, ["a", "b"]),
     rf"^candidates must give at most 2000000 combinations \(got {_pairs_near_half(500) * _pairs_near_half(10**5)}\)"),
    (lambda: feasible_from_percents([50, 50], [0], 10, 0.5, 1, ["a", "b"]),
     r"^percents, decimals and names must have the same length$"),
    (lambda: feasible_from_percents([50, 50], [0, 0], [10], 0.5, 1, ["a", "b"]),
     r"^n_max must be one number or one per group$"),
    (lambda: feasible_from_percents([50, 50], [0, 0], 0, 0.5, 1, ["a", "b"]), r"^n_max must be a positive integer"),
    (lambda: feasible_from_percents([50, 50], [0, 0], [10, 0], 0.5, 1, ["a", "b"]),
     r"^n_max must be a positive integer"),
])
def test_argument_errors_say_what_is_wrong(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_combinations_at_the_bound_are_evaluated():
    # 1000 x 2000 = 2,000,000 combinations, exactly the bound; every one is the same table, p = 1 (equal shares).
    frame = feasible_tables([[(1, 2)] * 1000, [(2, 4)] * 2000], (0.0, 0.5), ["a", "b"])
    assert frame.empty
    assert len(feasible_from_percents([50, 50], [0, 0], [200, 5], 1.0, 1, ["a", "b"])) > 0  # bounded, accepted


def test_p_window_includes_both_ends():
    # 1/2 and 2/4 have the same share: every deviation is 0, X2 = 0 and p = chi2.sf(0, 1) = 1 exactly,
    # so the one-point window [1, 1] keeps the table only if both ends are closed.
    frame = feasible_tables([[(1, 2)], [(2, 4)]], (1.0, 1.0), ["a", "b"])
    assert len(frame) == 1
    assert frame.statistic.iloc[0] == 0.0 and frame.p.iloc[0] == 1.0


def test_frame_layout_and_statistic_column():
    # Three candidate tables for two groups, every one inside the window [0, 1] of all_tables.
    frame = all_tables([[(10, 20)], [(5, 20), (5, 30), (2, 10)]], ["x", "y"])
    assert list(frame.columns) == ["k_x", "n_x", "k_y", "n_y", "total_k", "total_n", "statistic", "p"]
    assert list(frame.index) == [0, 1, 2]
    # Sorted by total_n: (2, 10) gives 30, (5, 20) gives 40, (5, 30) gives 50.
    assert [(r.k_y, r.n_y) for r in frame.itertuples()] == [(2, 10), (5, 20), (5, 30)]
    for row in frame.itertuples():
        table = [[10, 10], [row.k_y, row.n_y - row.k_y]]
        expected = stats.chi2_contingency(table, correction=False)
        assert row.statistic == pytest.approx(expected.statistic, rel=1e-12)
        assert row.p == pytest.approx(expected.pvalue, rel=1e-12)
    # The (5, 20) table is the hand-worked one above: X2 = 8/3.
    assert frame.statistic.iloc[1] == pytest.approx(8 / 3, rel=1e-12)


def test_group_without_candidates_gives_empty_frame_with_the_columns():
    frame = feasible_tables([[(1, 2)], []], (0, 1), ["a", "b"])
    assert frame.empty
    assert list(frame.columns) == ["k_a", "n_a", "k_b", "n_b", "total_k", "total_n", "statistic", "p"]


def test_degenerate_table_gives_nan_without_a_warning():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        statistic, p = chi2_rx2(np.array([0, 0]), np.array([3, 4]))
        all_k, _ = chi2_rx2(np.array([3, 4]), np.array([3, 4]), correction=True)
    assert np.isnan(statistic) and np.isnan(p) and np.isnan(all_k)
