"""Mahler et al. 2026 (double-seronegative NMOSD): what follows from the published numbers.

Every tolerance comes from the printing precision in data/values/mahler2026.csv: a value
printed with d decimals stands for the interval of width 10**-d around it, and every check
below must hold for the interval, not just for the printed digits.
"""

import math
from fractions import Fraction
from statistics import NormalDist

import pytest
from scipy.stats import chi2_contingency, norm

from analysis import data
from analysis.stats import rates
from analysis.stats.consistency import grim_counts, p_value_consistent, printed_interval, rounds_to
from analysis.stats.feasible_counts import feasible_from_percents
from analysis.stats.reported_ratios import (
    bonferroni_raw_p,
    ci_from_p_range,
    is_log_symmetric,
    overlap,
    ratio_range,
)

DRUGS = ["rituximab", "mycophenolate", "azathioprine"]
CLASSES = ["anticd20", "nsis", "msdmt"]


@pytest.fixture(scope="module")
def values():
    return data.reported("mahler2026")


def _interval(r):
    return printed_interval(r.value, r.decimals)


@pytest.mark.parametrize("quantity", ["irr_anticd20_vs_pretreatment", "irr_nsis_vs_pretreatment",
                                      "irr_msdmt_vs_pretreatment", "hr_anticd20_vs_msdmt"])
def test_every_reported_ci_excludes_1_so_implied_p_is_below_005(values, quantity):
    r = values[quantity]
    p = rates.rounding_aware_p_range(r.value, r.ci_low, r.ci_high, r.decimals)
    assert p.p_max < 0.05
    assert r.ci_high + 0.5 * 10**-r.decimals < 1  # the whole CI sits below 1 under any rounding


def test_cox_hr_ci_implies_p_below_the_printed_threshold(values):
    r, p = values["hr_anticd20_vs_msdmt"], values["p_hr_anticd20_vs_msdmt"]
    assert p.comparator == "<"
    implied = rates.rounding_aware_p_range(r.value, r.ci_low, r.ci_high, r.decimals)
    # Even the least significant reading of 0.06 (0.02-0.24) gives p ~ 1.25e-4 < 0.001.
    assert p_value_consistent(implied.p_max, f"< {p.value}")
    # That reading is the corner with the estimate nearest 1 and the widest CI: E = 0.065, L = 0.015,
    # U = 0.245, so SE = (ln U - ln L) / (2 * 1.959964) = 0.7126, z = |ln E| / SE = 3.836, p = 1.2508e-4.
    h = 0.5 * 10**-r.decimals
    e, lo, hi = r.value + h, r.ci_low - h, r.ci_high + h
    se = (math.log(hi) - math.log(lo)) / (2 * norm.isf(0.025))
    assert implied.p_max == pytest.approx(2 * norm.sf(abs(math.log(e)) / se), rel=1e-9)
    assert implied.p_max == pytest.approx(1.2508e-4, rel=1e-4)


@pytest.mark.parametrize("quantity", ["irr_anticd20_vs_pretreatment", "irr_nsis_vs_pretreatment",
                                      "irr_msdmt_vs_pretreatment", "hr_anticd20_vs_msdmt"])
def test_every_reported_ci_is_log_symmetric_within_rounding(values, quantity):
    r = values[quantity]
    assert is_log_symmetric(r.value, r.ci_low, r.ci_high, r.decimals)


def test_nsis_irr_is_symmetric_only_thanks_to_rounding(values):
    r = values["irr_nsis_vs_pretreatment"]
    assert r.value / math.sqrt(r.ci_low * r.ci_high) == pytest.approx(0.9435, abs=1e-3)


def test_arr_ratio_anticd20_vs_nsis(values):
    low, high = ratio_range(_interval(values["arr_adjusted_anticd20"]), _interval(values["arr_adjusted_nsis"]))
    # 0.17 / 0.76 = 0.2237; rounding moves it between 0.165/0.765 and 0.175/0.755.
    assert (low, high) == pytest.approx((0.2157, 0.2318), abs=1e-4)
    assert 100 * (1 - high) > 76  # at least a 76 % lower adjusted ARR


def test_azathioprine_hr_ci_from_p_excludes_1(values):
    hr, p = values["hr_azathioprine_vs_rituximab"], values["p_hr_azathioprine_vs_rituximab"]
    ci = ci_from_p_range(_interval(hr), _interval(p))
    assert ci.low_min > 2.15 and ci.high_max < 11.4
    assert ci.low_min > 1


def test_bonferroni_raw_p_is_a_third(values):
    raw = bonferroni_raw_p(_interval(values["p_arr_anticd20_vs_nsis"]), 3)
    assert raw == pytest.approx((0.0025 / 3, 0.0035 / 3))


def test_implied_pretreatment_rates_overlap(values):
    ranges = [ratio_range(_interval(values[f"arr_adjusted_{c}"]), _interval(values[f"irr_{c}_vs_pretreatment"]))
              for c in CLASSES]
    common = overlap(ranges)
    assert common is not None
    assert common == pytest.approx((0.755 / 0.095, 1.075 / 0.125), rel=1e-9)


@pytest.mark.parametrize(("quantity", "k", "n"), [("relapse_free_rituximab_pct", 11, 13),
                                                  ("relapse_free_mycophenolate_pct", 20, 27),
                                                  ("relapse_free_azathioprine_pct", 6, 13)])
def test_smallest_grim_counts(values, quantity, k, n):
    r = values[quantity]
    pairs = grim_counts(r.value, r.decimals, 103)
    assert pairs[0] == (k, n)
    assert rounds_to(Fraction(100 * k, n), r.value, r.decimals)


def test_chi2_p_window_has_a_feasible_triple_at_default_n_max(values):
    pct = [values[f"relapse_free_{d}_pct"] for d in DRUGS]
    p = values["p_chisq_relapse_free_three_drugs"]
    frame = feasible_from_percents([r.value for r in pct], [r.decimals for r in pct], 103,
                                   p.value, p.decimals, DRUGS)
    assert len(frame) >= 1
    first = frame.iloc[0]
    # Independent route: scipy's contingency-table test of the 3 x 2 table (no continuity correction
    # for more than one degree of freedom).
    k = [int(first[f"k_{d}"]) for d in DRUGS]
    n = [int(first[f"n_{d}"]) for d in DRUGS]
    _, p_first, dof, _ = chi2_contingency([[a, b - a] for a, b in zip(k, n)])
    assert dof == 2
    assert p_value_consistent(float(p_first), "0.00012", decimals=5)
    # No feasible triple fits in 103 distinct patients: the denominators overlap or are episodes.
    assert frame.total_n.min() > values["patients"].value


@pytest.mark.parametrize("m", [3, 6])
def test_bonferroni_raw_p_under_either_assumed_number_of_comparisons(values, m):
    # 3 classes give 3 pairs; with the pretreatment level as a 4th level, 6 pairs. Neither is reported.
    raw = bonferroni_raw_p(_interval(values["p_arr_anticd20_vs_msdmt"]), m)
    assert raw == pytest.approx((0.0015 / m, 0.0025 / m))


@pytest.mark.parametrize("other", ["nsis", "msdmt"])
def test_six_comparisons_give_a_smaller_se_and_narrower_ci_that_still_excludes_1(values, other):
    estimate = ratio_range(_interval(values["arr_adjusted_anticd20"]), _interval(values[f"arr_adjusted_{other}"]))
    p_adj = _interval(values[f"p_arr_anticd20_vs_{other}"])
    three = ci_from_p_range(estimate, bonferroni_raw_p(p_adj, 3))
    six = ci_from_p_range(estimate, bonferroni_raw_p(p_adj, 6))
    # Hand formula at the printed digits, m = 6: SE = |ln(0.17 / x)| / z_{p/2}.
    point = values["arr_adjusted_anticd20"].value / values[f"arr_adjusted_{other}"].value
    se_hand = abs(math.log(point)) / NormalDist().inv_cdf(1 - values[f"p_arr_anticd20_vs_{other}"].value / 6 / 2)
    assert six.se_min <= se_hand <= six.se_max
    assert six.se_max < three.se_max and six.se_min < three.se_min
    assert three.high_max < 1 and six.high_max < 1
    assert six.low_min > three.low_min and six.high_max < three.high_max


def test_the_one_table_with_at_most_60_per_drug_reproduces_the_printed_p_by_scipy(values):
    pct = [values[f"relapse_free_{d}_pct"] for d in DRUGS]
    p = values["p_chisq_relapse_free_three_drugs"]
    frame = feasible_from_percents([r.value for r in pct], [r.decimals for r in pct], 60, p.value, p.decimals, DRUGS)
    assert len(frame) == 1
    row = frame.iloc[0]
    k = [int(row.k_rituximab), int(row.k_mycophenolate), int(row.k_azathioprine)]
    n = [int(row.n_rituximab), int(row.n_mycophenolate), int(row.n_azathioprine)]
    assert (k, n) == ([44, 20, 23], [52, 27, 50])
    # Independent route: scipy's contingency-table test (no Yates correction beyond 2 x 2).
    _, p_scipy, dof, _ = chi2_contingency([[a, b - a] for a, b in zip(k, n)])
    assert dof == 2
    assert rounds_to(Fraction(p_scipy).limit_denominator(10**12), p.value, p.decimals)
    assert sum(n) > values["patients"].value  # still more than one denominator per patient


@pytest.mark.parametrize(("quantity", "n_smallest"), [("relapse_free_rituximab_pct", 13),
                                                      ("relapse_free_mycophenolate_pct", 27),
                                                      ("relapse_free_azathioprine_pct", 13)])
def test_smallest_denominator_does_not_depend_on_the_bound(values, quantity, n_smallest):
    r = values[quantity]
    assert grim_counts(r.value, r.decimals, 60)[0][1] == grim_counts(r.value, r.decimals, 103)[0][1] == n_smallest
    assert len(grim_counts(r.value, r.decimals, 60)) < len(grim_counts(r.value, r.decimals, 103))
