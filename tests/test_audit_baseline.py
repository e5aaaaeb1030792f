"""The audit of a randomised trial's baseline table (``role`` ``baseline``, Carlisle 2017) and its schema.

Every expected value is worked by hand in a comment (t from the printed means, SDs and ns; Stouffer's Z from the
normal quantiles) or computed by scipy and the standard library from the printed numbers, never taken from the
code's output.
"""

import math
from pathlib import Path
from statistics import NormalDist

import pytest
from scipy import stats as scipy_stats
from test_audit import count, values_file

from analysis import audit
from analysis.audit.io import read_values
from analysis.data import DataError

NORMAL = NormalDist()
FIXTURE = Path(__file__).parent / "fixtures" / "abstracts" / "constructed" / "baseline_too_similar.csv"


def arm(variable, arm_n, mean, sd, decimals=1, unit="measure"):
    """The mean and SD rows of one arm of one baseline variable."""
    rows = []
    for statistic, value in (("mean", mean), ("sd", sd)):
        rows.append({"quantity": f"{variable}_{statistic}_{arm_n}", "value": value, "decimals": decimals,
                     "unit": unit, "statistic": statistic, "of": variable, "denominator": arm_n,
                     "role": "baseline", "note": "years" if unit == "measure" else ""})
    return rows


def trial(variables, sizes=(50, 50)):
    """Arms ``n_1``, ``n_2``, ... and each variable's per-arm (mean, sd) printed at one decimal."""
    rows = [{**count(f"n_{i}", n), "role": "baseline"} for i, n in enumerate(sizes, start=1)]
    for variable, per_arm in variables.items():
        for i, (mean, sd) in enumerate(per_arm, start=1):
            rows += arm(variable, f"n_{i}", mean, sd)
    return rows


def baseline_row(tmp_path, rows):
    found = [row for row in audit.run(read_values(values_file(tmp_path, rows)), "demo")
             if row.check == "baseline_carlisle"]
    assert len(found) == 1
    return found[0]


def stouffer(p_values):
    """Stouffer's combined p, by hand from the standard library's normal distribution."""
    z = sum(NORMAL.inv_cdf(1 - p) for p in p_values) / math.sqrt(len(p_values))
    return 1 - NORMAL.cdf(z)


def test_an_ordinary_trial_is_a_derived_row_with_each_variables_p(tmp_path):
    # Student's t-test on each variable's printed means, SDs and ns is the oracle (scipy), combined by hand.
    variables = {"age": [("45.2", "10.1"), ("46.0", "9.8")], "weight": [("72.4", "12.5"), ("71.1", "13.0")],
                 "height": [("170.2", "8.9"), ("169.5", "9.2")]}
    p_values = [scipy_stats.ttest_ind_from_stats(float(a[0]), float(a[1]), 50, float(b[0]), float(b[1]), 50).pvalue
                for a, b in variables.values()]
    row = baseline_row(tmp_path, trial(variables))
    assert (row.kind, row.status) == ("derived", "derived")
    assert row.key == "baseline_carlisle__age_mean_n_1"
    assert row.recomputed == pytest.approx(stouffer(p_values), rel=1e-5)  # the ledger keeps 6 digits
    assert row.low < row.recomputed < row.high and row.interval == "rounding"
    assert f"age {p_values[0]:.3g}" in row.finding and "Student's t-test" in row.finding
    assert "this audit's choice" in row.finding and "stratified or minimised randomisation" in row.finding


def test_means_too_similar_are_flagged_when_every_reading_is(tmp_path):
    # Six variables, each printed 50.0 (SD 10.0) in both arms of 50. The largest difference the rounding allows is
    # 0.1 (50.05 - 49.95) over the smallest SD 9.95: t = 0.1 / (9.95 sqrt(2/50)) = 0.0503 on 98 df, p = 0.960,
    # z = Phi^-1(1 - 0.960) = -1.751; Z = -1.751 sqrt(6) = -4.289, so every reading's combined p is at least
    # 1 - 9.0e-6 = 0.999991 > 0.9999.
    row = baseline_row(tmp_path, trial({f"v{i}": [("50.0", "10.0"), ("50.0", "10.0")] for i in range(6)}))
    assert (row.kind, row.status) == ("consistency", "inconsistent")
    t = 0.1 / (9.95 * math.sqrt(2 / 50))
    p_low = 2 * scipy_stats.t.sf(t, 98)
    assert row.low == pytest.approx(stouffer([p_low] * 6), abs=1e-6)
    assert row.low > 0.9999
    assert "more alike than randomisation gives" in row.finding


def test_means_too_different_are_flagged_when_every_reading_is(tmp_path):
    # Three variables printed 40.0 vs 48.0 (SD 10.0), arms of 50: the smallest t the rounding allows is
    # 7.9 / (10.05 x 0.2) = 3.930 on 98 df, p = 1.58e-4, z = 3.60; Z = 3.60 sqrt(3) = 6.24: every reading's
    # combined p is below 1e-9 < 0.0001.
    row = baseline_row(tmp_path, trial({f"v{i}": [("40.0", "10.0"), ("48.0", "10.0")] for i in range(3)}))
    assert (row.kind, row.status) == ("consistency", "inconsistent")
    p_high = 2 * scipy_stats.t.sf(7.9 / (10.05 * 0.2), 98)
    assert row.high == pytest.approx(stouffer([p_high] * 3), rel=1e-6)
    assert row.high < 1e-9
    assert "differ more than randomisation gives" in row.finding


def test_coarse_rounding_keeps_identical_means_from_a_flag(tmp_path):
    # The same six identical variables printed without decimals (50 (10)): the means may differ by up to 1, so
    # t reaches 1 / (9.5 x 0.2) = 0.526, p = 0.600 (z = -0.253), Z = -0.62: the lowest combined p is 0.73. The
    # printed values alone (equal means, p = 1) would be beyond 0.9999; not every reading is, so no flag.
    rows = trial({})
    for i in range(6):
        rows += arm(f"v{i}", "n_1", 50, 10, decimals=0) + arm(f"v{i}", "n_2", 50, 10, decimals=0)
    row = baseline_row(tmp_path, rows)
    assert (row.kind, row.status) == ("derived", "derived")
    assert row.recomputed > 0.9999
    assert row.low == pytest.approx(stouffer([2 * scipy_stats.t.sf(1 / (9.5 * 0.2), 98)] * 6), rel=1e-5)
    assert "some reading within the rounding is not" in row.finding


def test_coarse_rounding_keeps_distant_means_from_a_flag(tmp_path):
    # One variable printed 40 vs 48 (SD 10) in arms of 60: t = 8 / (10 sqrt(2/60)) = 4.38 on 118 df, p = 2.6e-5,
    # below 0.0001; but the rounding allows 40.5 vs 47.5 with SDs 10.5: t = 7 / (10.5 sqrt(2/60)) = 3.65,
    # p = 3.9e-4. Not every reading is beyond 0.0001, so no flag.
    rows = trial({}, sizes=(60, 60)) + arm("v", "n_1", 40, 10, decimals=0) + arm("v", "n_2", 48, 10, decimals=0)
    row = baseline_row(tmp_path, rows)
    assert (row.kind, row.status) == ("derived", "derived")
    assert row.recomputed == pytest.approx(2 * scipy_stats.t.sf(8 / (10 * math.sqrt(2 / 60)), 118), rel=1e-5)
    assert row.high == pytest.approx(2 * scipy_stats.t.sf(7 / (10.5 * math.sqrt(2 / 60)), 118), rel=1e-5)
    assert row.recomputed < 1e-4 < row.high


def test_three_arms_use_the_one_way_anova(tmp_path):
    # Arms {1, 2, 3}, {4, 5, 6}, {7, 8, 9}: means 2, 5, 8, SD 1, n 3. F = 27 on (2, 6) df, p = (1 + 2 x 27 / 6)^-3
    # = 0.001 at the printed values; one variable, so the combined p is that p.
    rows = [{**count(f"n_{i}", 3), "role": "baseline"} for i in (1, 2, 3)]
    for i, mean in zip((1, 2, 3), (2, 5, 8)):
        rows += arm("score_at_entry", f"n_{i}", mean, 1, decimals=0, unit="score")
    row = baseline_row(tmp_path, rows)
    assert row.recomputed == pytest.approx(0.001, rel=1e-5)
    assert "one-way ANOVA" in row.finding and "in 3 arms" in row.finding


def test_variables_in_two_and_in_three_arms_name_both_tests(tmp_path):
    # age in all three arms (ANOVA), weight printed for two arms only (t-test); one combined row over both.
    rows = trial({"age": [("45.2", "10.1"), ("46.0", "9.8"), ("44.9", "10.4")]}, sizes=(50, 50, 50))
    rows += arm("weight", "n_1", "72.4", "12.5") + arm("weight", "n_2", "71.1", "13.0")
    row = baseline_row(tmp_path, rows)
    assert "in 2/3 arms" in row.finding and "Student's t-test for two arms, one-way ANOVA for more" in row.finding
    t_p = scipy_stats.ttest_ind_from_stats(72.4, 12.5, 50, 71.1, 13.0, 50).pvalue
    assert f"weight {t_p:.3g}" in row.finding


@pytest.mark.parametrize(("sd", "n", "why"), [("0", 50, "sds[0] must be positive"), ("10", 0, "ns[0] must be")],
                         ids=["sd printed 0", "arm of 0"])
def test_a_variable_without_a_test_makes_the_row_not_recomputable(tmp_path, sd, n, why):
    # An SD printed as 0 (0 to 0.5) may be 0, and an arm of no one has no mean: no t or F, said, not flagged.
    rows = trial({}, sizes=(n, 50)) + arm("age", "n_1", 45, sd, decimals=0) + arm("age", "n_2", 46, 10, decimals=0)
    row = baseline_row(tmp_path, rows)
    assert row.status == "not_recomputable" and why in row.finding and "baseline variable age" in row.finding


def test_each_arm_is_its_own_sample_for_grim_and_for_a_printed_p(tmp_path):
    # GRIM runs on each arm's mean of whole points (score), and a printed p comparing the two arms' means pairs
    # each mean with its own arm's SD: 10.0 (5.0) vs 12.0 (20.0), n 50 each: pooled SD sqrt((25 + 400) / 2) =
    # 14.58, SE 14.58 x 0.2 = 2.915, t = 0.686 on 98 df, p = 0.49 (with both SDs 5.0 it would be t = 2, p = 0.048).
    rows = trial({}) + arm("pain", "n_1", "10.0", "5.0", unit="score") + arm("pain", "n_2", "12.0", "20.0",
                                                                               unit="score")
    rows.append({"quantity": "p_pain", "value": "0.49", "decimals": 2, "unit": "p", "statistic": "p",
                 "of": "pain_mean_n_1;pain_mean_n_2"})
    found = {row.key: row for row in audit.run(read_values(values_file(tmp_path, rows)), "demo")}
    assert {"grim_mean__pain_mean_n_1", "grim_mean__pain_mean_n_2"} <= set(found)
    assert found["two_group_p__p_pain"].status == "consistent"


def test_a_file_without_baseline_rows_has_no_baseline_row(tmp_path):
    rows = audit.run(read_values(values_file(tmp_path, [count("n", 7)])), "demo")
    assert [row for row in rows if row.check == "baseline_carlisle"] == []


def test_the_constructed_fixture_is_flagged_as_too_similar():
    # tests/fixtures/abstracts/constructed/: a three-arm table made up for this test (its note says so), arms of
    # 40, 41 and 40, six variables whose arms' means differ by at most 0.1 at one decimal. By hand for the least
    # alike variable, BMI (26.7, 26.7, 26.8; SDs 3.9, 4.0, 3.8): the widest spread the rounding allows, 26.65,
    # 26.65, 26.85, has a between-arms mean square of 0.54 against a within-arms one of at least 14.7 (SDs 3.85,
    # 3.95, 3.75), F <= 0.0361 on (2, 118) df, p >= 0.9646, z <= -1.806; the other variables' SDs are larger
    # still for the same spread. Z <= -1.806 sqrt(6) = -4.42: every reading's combined p is above 1 - 5e-6.
    row = [row for row in audit.run(read_values(FIXTURE), "carlisle_fixture") if row.check == "baseline_carlisle"][0]
    assert row.status == "inconsistent" and row.low > 0.9999
    # BMI as printed: grand mean (81 x 26.7 + 40 x 26.8) / 121 = 26.7331, between-arms mean square
    # (81 x 0.0331^2 + 40 x 0.0669^2) / 2 = 0.1339, within (39 x 3.9^2 + 40 x 4.0^2 + 39 x 3.8^2) / 118 = 15.22:
    # F = 0.0088, p = 0.991, which the finding writes as its distance from 1.
    grand = (81 * 26.7 + 40 * 26.8) / 121
    f = ((81 * (26.7 - grand) ** 2 + 40 * (26.8 - grand) ** 2) / 2) / ((39 * 3.9**2 + 40 * 4.0**2 + 39 * 3.8**2) / 118)
    assert f"bmi 1 - {1 - scipy_stats.f.sf(f, 2, 118):.2g} (" in row.finding


# --- the schema ------------------------------------------------------------------------------------------------


def _refused(tmp_path, rows, message):
    with pytest.raises(DataError, match=message):
        read_values(values_file(tmp_path, rows))


def test_a_baseline_p_row_is_refused(tmp_path):
    rows = trial({"age": [("45.2", "10.1"), ("46.0", "9.8")]})
    rows.append({"quantity": "p_age", "value": "0.7", "decimals": 1, "unit": "p", "statistic": "p",
                 "role": "baseline"})
    _refused(tmp_path, rows, r"row 7 \(line 8\), column 'role': baseline is for one arm's mean, sd or count")


def test_an_arm_without_its_sd_is_refused(tmp_path):
    rows = [row for row in trial({"age": [("45.2", "10.1"), ("46.0", "9.8")]}) if row["quantity"] != "age_sd_n_2"]
    _refused(tmp_path, rows, r"row 5 \(line 6\), column 'of': a baseline variable needs exactly one mean and one "
                             r"sd in each arm")


def test_a_variable_in_one_arm_only_is_refused(tmp_path):
    rows = trial({}) + arm("age", "n_1", "45.2", "10.1")
    _refused(tmp_path, rows, r"row 3 \(line 4\), column 'of': a baseline variable needs a mean and an sd in at "
                             r"least two arms")


def test_a_baseline_mean_whose_denominator_is_no_count_is_refused(tmp_path):
    rows = trial({"age": [("45.2", "10.1"), ("46.0", "9.8")]})
    rows.append({"quantity": "followup", "value": "2.0", "decimals": 1, "unit": "years", "statistic": "value"})
    rows += arm("weight", "followup", "72.4", "12.5") + arm("weight", "n_2", "71.1", "13.0")
    _refused(tmp_path, rows, r"row 8 \(line 9\), column 'denominator': a baseline mean or sd names its arm's n, a "
                             r"count row")


def test_a_baseline_mean_printed_with_a_threshold_is_refused(tmp_path):
    rows = trial({"age": [("45.2", "10.1"), ("46.0", "9.8")]})
    rows[2]["comparator"] = "<"
    _refused(tmp_path, rows, r"row 3 \(line 4\), column 'comparator': a baseline mean, sd or count is printed with =")
