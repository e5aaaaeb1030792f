"""Mahler et al. 2026 (double-seronegative NMOSD): what follows from the published numbers.

Every tolerance comes from the printing precision in data/values/mahler2026.csv: a value
printed with d decimals stands for the interval of width 10**-d around it, and every check
below must hold for the interval, not just for the printed digits.
"""

import math
import re
from fractions import Fraction
from pathlib import Path
from statistics import NormalDist

import pytest
from scipy.stats import chi2_contingency, norm

from analysis import audit, data
from analysis.findings import Ledger
from analysis.findings.ledger import sections_in_notebook
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
from analysis.studies import mahler2026

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


# --- Through the study module (analysis.studies.mahler2026), as the notebook runs it -------------------------

PARAMETERS = {"level": 0.95, "reported_level": 0.95, "bonferroni_comparisons": 3, "bonferroni_alternatives": [2, 6],
              "n_max": 103, "n_max_episodes": 150, "assumed_anticd20_relapses": list(range(1, 61)),
              "assumed_exposure_ratios": [0.5, 1.0, 2.0]}
NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "02_mahler2026_ds_nmosd.ipynb"
Z = 2 * 1.959964  # 2 z at 95 %, for SE = (ln U - ln L) / (2 z)


@pytest.fixture(scope="module")
def run(values):
    """Every section, in notebook order, on a fresh ledger with the notebook's default parameters."""
    p = PARAMETERS
    mahler2026.check_parameters(**p)
    findings = Ledger(mahler2026.STUDY)
    out = {"arr": mahler2026.arr_ratios(values, findings)}
    out["bonf"] = mahler2026.bonferroni(values, findings, level=p["level"], reported_level=p["reported_level"],
                                        bonferroni_comparisons=p["bonferroni_comparisons"],
                                        bonferroni_alternatives=p["bonferroni_alternatives"])
    out["widths"] = mahler2026.ci_widths(values, level=p["level"], implied=out["bonf"].implied[3, "nsis"],
                                         assumed_anticd20_relapses=p["assumed_anticd20_relapses"],
                                         assumed_exposure_ratios=p["assumed_exposure_ratios"])
    out["follow"] = mahler2026.followup(values, findings)
    out["checks"] = mahler2026.ratio_cis(values, findings, reported_level=p["reported_level"])
    out["aza"] = mahler2026.azathioprine_hr(values, findings, level=p["level"], reported_level=p["reported_level"])
    out["pre"] = mahler2026.pretreatment_rates(values, findings)
    out["pairs"] = mahler2026.grim_pairs(values, findings, n_max=p["n_max"])
    out["tables"] = mahler2026.relapse_free_tables(values, findings, n_max=p["n_max"],
                                                   n_max_episodes=p["n_max_episodes"])
    out["not_recomputable"] = mahler2026.not_recomputable(values, findings)
    out["findings"] = findings
    return out


def test_study_arr_ratio_range(run):
    row = run["arr"].set_index("ratio").loc["anti-CD20 / NSIS"]
    assert (row.low, row.high) == pytest.approx((0.165 / 0.765, 0.175 / 0.755), rel=1e-12)
    assert row["% lower, low"] > 76  # as test_arr_ratio_anticd20_vs_nsis
    assert run["findings"]["arr_ratio_anticd20_nsis"].interval == "rounding"


@pytest.mark.parametrize(("m", "other", "p_adj"), [(2, "nsis", 0.003), (3, "nsis", 0.003), (6, "msdmt", 0.002)])
def test_study_bonferroni_every_m(run, values, m, other, p_adj):
    implied = run["bonf"].implied[m, other]
    # Hand formula at the printed digits: SE = |ln(0.17 / ARR)| / z_{p_adj / m / 2}.
    ratio = 0.17 / values[f"arr_adjusted_{other}"].value
    se_hand = abs(math.log(ratio)) / NormalDist().inv_cdf(1 - p_adj / m / 2)
    assert implied.se_min <= se_hand <= implied.se_max
    assert implied.high_max < 1
    row = run["findings"][f"raw_p_{other}_m{m}"]
    assert (row.low, row.high) == pytest.approx(((p_adj - 0.0005) / m, (p_adj + 0.0005) / m), rel=1e-5)
    assert row.reported == p_adj


def test_study_two_comparisons_give_the_widest_ci(run):
    for other in ("nsis", "msdmt"):
        two, three = run["bonf"].implied[2, other], run["bonf"].implied[3, other]
        assert two.se_min > three.se_min and two.low_min < three.low_min and two.high_max > three.high_max
    assert run["findings"]["se_order_msdmt_larger"].status == "consistent"


def test_study_bucher_cross_check(run):
    bucher = run["bonf"].bucher.set_index(["anti-CD20", "m"])
    # IRR 0.02 / IRR 0.09; SE = sqrt((ln 4 / 3.919928)^2 + (ln(13/7) / 3.919928)^2) = sqrt(0.353653^2 + 0.157921^2).
    assert bucher.loc[("vs NSIS", 3), "Bucher ratio"] == pytest.approx(0.02 / 0.09, rel=1e-12)
    assert run["findings"]["bucher_se_nsis"].recomputed == pytest.approx(0.387311, abs=1e-5)
    assert run["findings"]["bucher_se_nsis"].recomputed == pytest.approx(
        math.hypot(math.log(4) / Z, math.log(13 / 7) / Z), rel=1e-5)
    assert bucher.meet.all()
    for other in ("nsis", "msdmt"):
        row = run["findings"][f"bucher_se_{other}_meets_wald"]
        assert row.status == "consistent" and "independent" in row.finding


def test_study_followup_mean_sd(run, values):
    follow = run["follow"].set_index("follow-up")
    # Luo 2018 eq. 11: w = 0.7 + 0.39 / 103; mean = w (4.1 + 10.9) / 2 + (1 - w) 6.
    w = 0.7 + 0.39 / 103
    assert follow.loc["mean (Luo 2018, estimated)", "years"] == pytest.approx(w * 7.5 + (1 - w) * 6, rel=1e-12)
    # Wan 2014 eq. 16: SD = IQR / (2 Phi^-1((0.75 n - 0.125) / (n + 0.25))).
    eta = 2 * norm.ppf((0.75 * 103 - 0.125) / 103.25)
    assert follow.loc["SD (Wan 2014, estimated)", "years"] == pytest.approx(6.8 / eta, rel=1e-12)
    assert run["findings"]["patient_years_median"].recomputed == 618
    assert "symmetric" in run["findings"]["patient_years_mean"].finding
    assert "skew" in run["findings"]["patient_years_mean"].finding
    # The mean and SD are recorded once, by the automatic check of the typed follow-up rows.
    audited = _audited()
    assert audited["auto_mean_sd_estimate__followup_median_years__mean"].recomputed == pytest.approx(
        w * 7.5 + (1 - w) * 6, rel=1e-5)
    assert "followup_mean_luo" not in {row.key for row in run["findings"].rows}


def _audited():
    findings = Ledger(mahler2026.STUDY)
    audit.section(data.load_values(mahler2026.STUDY), findings, level=0.95)
    return findings


def test_study_ratio_ci_statuses(run):
    f, a = run["findings"], _audited()
    # The anti-CD20 IRR's symmetry cannot fail (every estimate printed between 0.01 and 0.04 passes).
    assert a["auto_ratio_log_symmetry__irr_anticd20_vs_pretreatment"].status == "by_construction"
    for q in ("irr_nsis_vs_pretreatment", "irr_msdmt_vs_pretreatment", "hr_anticd20_vs_msdmt"):
        assert a[f"auto_ratio_log_symmetry__{q}"].status == "consistent"
    for c in mahler2026.CLASSES:
        assert f[f"irr_{c}_vs_pretreatment_p_below_005"].status == "by_construction"
    # HR 0.06 (0.02-0.24): over the Wald readings (estimate at the CI's geometric centre) the largest Wald p is
    # at the widest CI, L = 0.015, U = 0.245 (E = 0.0606): SE = ln(16.333) / 3.91993 = 0.71258,
    # z = 2.80310 / 0.71258 = 3.9338, p = 8.361e-5, under the printed p < 0.001.
    assert a["auto_ratio_p_wald__p_hr_anticd20_vs_msdmt"].status == "consistent"
    assert a["auto_ratio_p_wald__p_hr_anticd20_vs_msdmt"].high == pytest.approx(8.361e-5, rel=1e-3)
    assert not {"hr_anticd20_vs_msdmt_p_agrees", "hr_anticd20_vs_msdmt_log_symmetric"} & {r.key for r in f.rows}
    row = run["checks"].set_index("ratio").loc["IRR anti-CD20"]
    assert (row["min"], row["max"]) == pytest.approx((0.015 / math.sqrt(0.015 * 0.045),
                                                      0.025 / math.sqrt(0.005 * 0.035)), rel=1e-12)


def test_study_azathioprine_ci_and_events(run):
    aza = run["aza"]
    se = math.log(4.95) / norm.isf(0.00016 / 2)
    assert aza.se == pytest.approx(se, rel=1e-12)
    assert aza.ci == pytest.approx((4.95 * math.exp(-1.959964 * se), 4.95 * math.exp(1.959964 * se)), rel=1e-6)
    assert aza.over_rounding.low_min > 2.15 and aza.over_rounding.high_max < 11.4
    # Tierney 2007: d ~ 4 / SE^2; HR 0.06 (0.02-0.24): SE = ln 12 / 3.919928 = 0.633916, d = 9.954.
    assert run["findings"]["events_hr_aza_rtx"].recomputed == pytest.approx(4 / se**2, rel=1e-5)
    assert run["findings"]["events_hr_anticd20_msdmt"].recomputed == pytest.approx(9.954, abs=1e-3)
    assert "APPROXIMATE" in run["findings"]["events_hr_aza_rtx"].finding


def test_study_pretreatment_common_range(run):
    assert run["pre"].common == pytest.approx((0.755 / 0.095, 1.075 / 0.125), rel=1e-9)
    assert run["findings"]["pretreatment_arr_common"].interval == "common"


def test_study_feasible_tables_by_an_independent_route(run, values):
    # Every GRIM pair per drug, each 3 x 2 table tested with scipy; the feasible ones must be the module's.
    pct = [values[f"relapse_free_{d}_pct"] for d in DRUGS]
    pairs = [grim_counts(r.value, r.decimals, 103) for r in pct]
    found = set()
    for a in pairs[0]:
        for b in pairs[1]:
            for c in pairs[2]:
                p = chi2_contingency([[k, n - k] for k, n in (a, b, c)])[1]
                if 0.000115 <= p <= 0.000125:
                    found.add((a, b, c))
    tables = run["tables"].tables
    module = {tuple((int(r[f"k_{d}"]), int(r[f"n_{d}"])) for d in DRUGS) for _, r in tables.iterrows()}
    assert module == found and len(found) > 0
    f = run["findings"]
    assert f["tables_exist"].status == "consistent"
    assert f["one_patient_one_drug"].status == "infeasible"
    assert "ASSUMED reading 'one patient, one drug'" in f["one_patient_one_drug"].finding
    # An infeasible reading names every assumption it rests on: the crude k / n behind GRIM as well as the test.
    assert "crude k / n" in f["one_patient_one_drug"].finding
    assert "plain Pearson chi-squared" in f["one_patient_one_drug"].finding
    assert f["tables_total_n"].interval == "feasible" and f["tables_total_n"].low > 103


def test_study_ledger_sections_are_notebook_anchors(run):
    used = {row.section for row in run["findings"].rows}
    assert used <= set(sections_in_notebook(NOTEBOOK))
    assert not any(row.status == "inconsistent" for row in run["findings"].rows)
    assert run["findings"]["time_to_next_relapse"].status == "not_recomputable"


def test_texts_state_a_level_of_975_as_printed_not_rounded_to_98(values):
    findings = Ledger(mahler2026.STUDY)
    mahler2026.bonferroni(values, findings, level=0.975, reported_level=0.975, bonferroni_comparisons=3,
                          bonferroni_alternatives=[2])
    mahler2026.ratio_cis(values, findings, reported_level=0.975)
    assert "lower 97.5% CI bound" in findings["ci_low_nsis_m3"].finding
    assert "upper 97.5% CI bound" in findings["ci_high_nsis_m3"].finding
    below = findings["irr_nsis_vs_pretreatment_p_below_005"].finding
    assert "implied by a 97.5% CI that excludes 1 is below 0.025" in below


def test_study_rows_name_the_printed_numbers_they_used(run, values):
    f = run["findings"]
    # The ratio 0.17 / 0.76 uses the two adjusted ARRs, and only them (issue 24: "0.17" finds these rows).
    assert f["arr_ratio_anticd20_nsis"].inputs == "arr_adjusted_anticd20;arr_adjusted_nsis"
    assert f["arr_reduction_anticd20_nsis"].inputs == "arr_adjusted_anticd20;arr_adjusted_nsis"
    # The raw p is the printed Bonferroni p / m; the SE it implies also needs the ratio of the two ARRs.
    assert f["raw_p_nsis_m3"].inputs == "p_arr_anticd20_vs_nsis"
    assert f["se_nsis_m3"].inputs == "p_arr_anticd20_vs_nsis;arr_adjusted_anticd20;arr_adjusted_nsis"
    # 103 x median 6 uses the cohort and the median; the Luo mean needs the quartiles too.
    assert f["patient_years_median"].inputs == "patients;followup_median_years"
    assert f["patient_years_mean"].inputs.split(";") == ["patients", "followup_median_years", "followup_q1_years",
                                                          "followup_q3_years"]
    assert f["patient_years_median"].source == "S1;S2"
    # Rows about what the summaries never print use no printed number.
    unused = {"crude_arrs", "km_curves", "hr_anticd20_nsis", "time_to_next_relapse", "adjusted_model"}
    assert {row.key for row in f.rows if not row.inputs} == unused
    assert {name for row in f.rows for name in row.inputs.split(";") if name} <= set(values)


@pytest.mark.parametrize(("name", "bad"), [("level", 1.5), ("bonferroni_comparisons", 1), ("n_max", 5),
                                           ("bonferroni_alternatives", [3]), ("assumed_exposure_ratios", [0]),
                                           ("n_max_episodes", 1000), ("assumed_anticd20_relapses", [0])])
def test_check_parameters_names_the_parameter(name, bad):
    with pytest.raises(ValueError, match=f"^{name} must"):
        mahler2026.check_parameters(**{**PARAMETERS, name: bad})


def test_reading_arr_ratios_states_how_much_lower(run, values):
    text = str(mahler2026.reading_arr_ratios(run["arr"]))
    arr = {c: values[f"arr_adjusted_{c}"].value for c in CLASSES}
    lower = [100 * (1 - arr[a] / arr[b]) for a, b in (("anticd20", "nsis"), ("anticd20", "msdmt"), ("nsis", "msdmt"))]
    assert text.startswith(f"Anti-CD20's adjusted ARR is about {lower[0]:.0f} % lower than NSIS and "
                           f"{lower[1]:.0f} % lower than MS DMT;\nNSIS is about {lower[2]:.0f} % lower")  # 78, 84, 29


def test_reading_bonferroni_states_the_ci_of_the_main_reading(run):
    text = str(mahler2026.reading_bonferroni(run["bonf"], bonferroni_comparisons=3))
    # Printed digits: SE = |ln(0.17 / 0.76)| / z_{0.003 / 3 / 2}; CI = ratio x exp(-/+ z_{0.025} SE).
    ratio = 0.17 / 0.76
    se = abs(math.log(ratio)) / NormalDist().inv_cdf(1 - 0.003 / 3 / 2)
    low, high = ratio * math.exp(-norm.isf(0.025) * se), ratio * math.exp(norm.isf(0.025) * se)
    assert text.startswith(f"With $m = 3$ (the main reading) the CI for anti-CD20 / NSIS runs from about {low:.2f} "
                           f"to\n{high:.2f},")


def test_reading_bucher_states_the_indirect_and_arr_ratios(run):
    text = str(mahler2026.reading_bucher(run["bonf"], run["arr"], bonferroni_comparisons=3))
    # 0.02 / 0.09 = 0.222, 0.02 / 0.13 = 0.154; the ARR ratios 0.17 / 0.76 = 0.224 and 0.17 / 1.07 = 0.159.
    assert "0.02 / 0.09 = 0.22 and 0.02 / 0.13 =\n0.15, sit next to the ARR ratios 0.224 and 0.159" in text


def test_reading_ci_widths_states_the_rough_total_follow_up(run, values):
    text = str(mahler2026.reading_ci_widths(run["follow"]))
    total = values["patients"].count * values["followup_median_years"].value  # 103 x 6 = 618 patient-years
    assert f"{total:.0f} from the rough 103 x median" in text


def test_reading_ratio_cis_states_the_se_range_of_the_anticd20_irr(run):
    text = str(mahler2026.reading_ratio_cis(run["checks"]))
    # 0.02 (0.01 to 0.04): SE = ln(upper / lower) / (2 z_{0.025}), lower in [0.005, 0.015], upper in [0.035, 0.045].
    z = norm.isf(0.025)
    se_min, se_max = math.log(0.035 / 0.015) / (2 * z), math.log(0.045 / 0.005) / (2 * z)  # 0.216 and 0.561
    assert f"its SE is known only to lie between {se_min:.2f} and\n{se_max:.2f}." in text


def test_reading_azathioprine_states_the_ci_implied_by_p(run):
    text = str(mahler2026.reading_azathioprine(run["aza"]))
    se = math.log(4.95) / norm.isf(0.00016 / 2)
    low, high = 4.95 * math.exp(-norm.isf(0.025) * se), 4.95 * math.exp(norm.isf(0.025) * se)
    assert text.startswith(f"Roughly {low:.1f} to {high:.1f}:")


def test_reading_pretreatment_states_the_common_range(run):
    text = str(mahler2026.reading_pretreatment(run["pre"]))
    # The ARR / IRR ranges over rounding meet between 0.755 / 0.095 = 7.9 and 1.075 / 0.125 = 8.6.
    assert f"overlap (about {0.755 / 0.095:.1f} to\n{1.075 / 0.125:.1f})" in text


def test_reading_relapse_free_states_a_smallest_total_above_the_cohort(run, values):
    text = str(mahler2026.reading_relapse_free(values, run["tables"]))
    stated = re.search(r"has at least\n(\d+) in its denominators together, more than the (\d+) patients", text)
    assert stated and int(stated[1]) > int(stated[2]) == values["patients"].count


def test_answer_altman_bland_states_the_hand_computation(values):
    text = str(mahler2026.answer_altman_bland(values["irr_nsis_vs_pretreatment"]))
    # 0.09 (0.07 to 0.13): SE = ln(0.13 / 0.07) / 3.92 = 0.158, z = ln(1 / 0.09) / SE = 15, sqrt(0.07 x 0.13) = 0.0954.
    assert text.startswith("The SE is about 0.158 and $z$ is about 15,")
    assert "is 0.0954, which prints as 0.10," in text


def test_answer_proportional_hazards_states_the_predicted_share(values):
    text = str(mahler2026.answer_proportional_hazards(values))
    assert text.startswith(f"About {0.846 ** 4.95:.0%}, close to the reported 46 %.")  # 0.846^4.95 = 0.437


def test_answer_tighter_bound_states_the_one_table_and_the_smallest_denominators(values):
    text = str(mahler2026.answer_tighter_bound(values, mahler2026.feasible(values, 60),
                                               mahler2026.bound_comparison(values, [60, 103]), n_max=103))
    # 11/13 = 84.6 %, 20/27 = 74.1 %, 6/13 = 46 % (the smallest denominators, test_smallest_grim_counts).
    assert text.startswith("Only 1 table survives the bound of 60")
    assert "(11/13 for 84.6 %, 20/27 for 74.1 % and 6/13\nfor 46 %)" in text
