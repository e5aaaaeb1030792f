"""Kleiter et al. 2012 (natalizumab in 5 AQP4+ NMO patients): the published numbers and the table path.

Published numbers are checked at the precision the abstract printed them; the
per-patient-table path is exercised with the SYNTHETIC table in tests/fixtures
(invented values, never in data/).
"""

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import audit, data
from analysis.findings import Ledger
from analysis.stats import consistency, order_statistics, rates
from analysis.stats import reconstruction as rc
from analysis.studies import kleiter2012

FIXTURE = Path(__file__).parent / "fixtures" / "kleiter2012_patients_synthetic.csv"


@pytest.fixture(scope="module")
def values():
    return data.reported("kleiter2012")


@pytest.fixture(scope="module")
def summary(values):
    return rc.Summary.from_reported(values)


def test_nemos_overall_arr_recomputes(values):
    attacks = values["stellmann2017_attacks_on_treatment"].count
    years = float(values["stellmann2017_treatment_years"])
    arr = values["stellmann2017_arr_overall"]
    assert consistency.rounds_to(attacks / years, arr.value, arr.decimals)  # 191 / 321 = 0.595
    rate, low, high = rates.poisson_ci(attacks, years)
    assert low < 0.60 < high


def test_summary_is_internally_consistent(summary):
    assert summary.relapses >= summary.patients  # every patient can have a relapse
    assert order_statistics.median_range_feasible(summary.relapses, 120, 45, 230)  # all 9 relapses
    assert order_statistics.median_range_feasible(summary.patients, 120, 45, 230)  # first relapses of 5
    assert order_statistics.count_sorted_tuples(5, 8, 2, 11) == 28


def test_relapse_envelope_at_key_days(summary):
    env = order_statistics.median_range_envelope(9, summary.relapse_median, summary.relapse_min,
                                                 summary.relapse_max, [44, 45, 119, 120, 229, 230]).set_index("day")
    # 5th of 9 ordered days is 120: 1..4 relapses by day 119, 5..8 from day 120 to 229.
    assert env.loc[[44, 45, 119, 120, 229, 230], ["lower", "upper"]].to_numpy().tolist() == [
        [0, 0], [1, 4], [1, 4], [5, 8], [5, 8], [9, 9]]
    first = order_statistics.median_range_envelope(5, 120, 45, 230, [45, 119, 120, 230]).set_index("day")
    # 3rd of 5 first relapses is 120.
    assert first.loc[[45, 119, 120, 230], ["lower", "upper"]].to_numpy().tolist() == [[1, 2], [1, 2], [3, 4], [5, 5]]


def test_exposure_and_rate_range_by_hand(summary):
    frame = rc.infusion_scenarios(summary, 28, "through_interval", days_per_year=365.25)
    assert frame["exposure_days"].min() == (2 + 2 + 8 + 8 + 11) * 28 == 868
    assert frame["exposure_days"].max() == (2 + 8 + 8 + 11 + 11) * 28 == 1120
    assert frame["rate"].max() == pytest.approx(9 / (868 / 365.25))
    assert frame["rate"].min() == pytest.approx(9 / (1120 / 365.25))
    assert round(frame["rate"].max(), 2) == 3.79 and round(frame["rate"].min(), 2) == 2.94


def test_rate_over_the_relapse_window_by_hand(summary):
    # Exposure runs to 90 days after each patient's last infusion, the window in which relapses count:
    # (1 + 1 + 7 + 7 + 10) * 28 + 5 * 90 = 1178 days and (1 + 7 + 7 + 10 + 10) * 28 + 450 = 1430 days.
    frame = rc.infusion_scenarios(summary, 28, "through_margin", days_per_year=365.25, margin_days=90)
    assert frame["exposure_days"].min() == 26 * 28 + 450 == 1178
    assert frame["exposure_days"].max() == 35 * 28 + 450 == 1430
    assert round(9 / (1178 / 365.25), 2) == round(frame["rate"].max(), 2) == 2.79
    assert round(9 / (1430 / 365.25), 2) == round(frame["rate"].min(), 2) == 2.30
    # Garwood interval for 9 events by hand from the chi-square quantiles: [chi2(0.025, 18), chi2(0.975, 20)] / 2T.
    from scipy import stats
    years = 1430 / 365.25
    row = frame.loc[frame["exposure_days"].idxmax()]
    assert row["ci_low"] == pytest.approx(stats.chi2.ppf(0.025, 18) / 2 / years, rel=1e-9)
    assert row["ci_high"] == pytest.approx(stats.chi2.ppf(0.975, 20) / 2 / years, rel=1e-9)


@pytest.mark.parametrize("days, reading", [
    # The smallest and the largest relapse samples of the "all relapses" reading, assigned by hand so
    # that the default rules hold (2-infusion patient relapses by day 118; 30-day gaps).
    ({"a": [45], "b": [45, 120, 230], "c": [45, 120], "d": [45, 120], "e": [120]}, "all_relapses"),
    ({"a": [45], "b": [120, 230], "c": [120, 230], "d": [120, 230], "e": [120, 230]}, "all_relapses"),
])
def test_envelope_extremes_are_attainable_under_the_rules(days, reading, summary):
    infusions = {"a": 2, "b": 8, "c": 8, "d": 8, "e": 11}
    frame = pd.DataFrame([(p, infusions[p], d) for p, ds in days.items() for d in ds],
                         columns=["patient", "infusions", "relapse_day"])
    assert rc.matches_summary(frame, summary, reading)
    assert rc.satisfies_rules(frame, rc.Rules(median_reading=reading))


def test_the_synthetic_table_never_stands_in_data():
    # data/ holds only what a source printed; a real table extracted later is welcome there.
    table = data.load_patients("kleiter2012")
    assert table is None or not table["patient"].str.startswith("SYNTHETIC").any()


def test_synthetic_table_path(summary):
    table = data.load_patients("kleiter2012", path=FIXTURE)
    assert table is not None and table["patient"].str.startswith("SYNTHETIC-").all()
    check = rc.check_table_against_summary(table, summary, rc.Rules(), level=0.95)
    assert check.readings_matching == ["all_relapses"]
    row = check.comparison.set_index("quantity")
    assert row.loc["relapse_median", "all_relapses"] == 120
    assert row.loc["relapse_median", "first_relapse"] == 100  # first relapses 45, 60, 100, 120, 130
    assert row.loc["relapse_max", "first_relapse"] == 130
    assert check.follows_rules
    # No censoring: the Kaplan-Meier curve is 1 - (first relapses so far) / 5.
    assert check.km["time"].tolist() == [45, 60, 100, 120, 130]
    assert np.allclose(check.km["survival"], [0.8, 0.6, 0.4, 0.2, 0.0])
    assert check.median_first_relapse == 100
    assert check.median_low <= 100 <= check.median_high


def test_table_path_first_relapse_reading_and_censoring(tmp_path, summary):
    rows = {"SYNTHETIC-1": (2, [45, 100]), "SYNTHETIC-2": (5, [80, 200]), "SYNTHETIC-3": (8, [120, 250]),
            "SYNTHETIC-4": (9, [150, 300]), "SYNTHETIC-5": (11, [230])}
    lines = ["study,patient,infusions,relapse_day,source,location,status"]
    lines += [f"kleiter2012,{p},{inf},{d},A1,SYNTHETIC test table,ABSTRACT"
              for p, (inf, ds) in rows.items() for d in ds]
    path = tmp_path / "kleiter2012.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    check = rc.check_table_against_summary(data.load_patients("kleiter2012", path=path), summary, rc.Rules())
    assert check.readings_matching == ["first_relapse"]  # all 9 days: median 150, max 300
    # A patient without relapse is censored at the end of the window (11 infusions: 10 * 28 + 90 = 370).
    lines = [line for line in lines if "SYNTHETIC-5" not in line]
    lines.append("kleiter2012,SYNTHETIC-5,11,,A1,SYNTHETIC test table,ABSTRACT")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    check = rc.check_table_against_summary(data.load_patients("kleiter2012", path=path), summary, rc.Rules())
    assert check.readings_matching == []
    assert not check.follows_rules  # every patient relapsed is a rule
    assert check.km["time"].tolist() == [45, 80, 120, 150, 370]
    assert check.km["events"].tolist() == [1, 1, 1, 1, 0]
    assert np.allclose(check.km["survival"], [0.8, 0.6, 0.4, 0.2, 0.2])


def test_table_findings_rows(summary):
    table = data.load_patients("kleiter2012", path=FIXTURE)
    check = rc.check_table_against_summary(table, summary, rc.Rules())
    findings = Ledger("kleiter2012")
    kleiter2012.add_table_findings(findings, check, "all_relapses", source="A1", level=0.9)
    frame = findings.frame().set_index("finding")
    assert (frame["kind"] == "reported").sum() == 8
    assert set(frame.loc[frame["kind"] == "reported", "status"]) == {"match"}
    assert frame.loc["per-patient table follows the plausibility rules", "status"] == "consistent"
    assert frame.loc["median days to first relapse, Kaplan-Meier on the per-patient table", "recomputed"] == 100
    assert findings["table_km_median"].interval == "ci"
    assert findings["table_km_median"].level == 0.9
    # Each recomputed summary number names the printed one it is compared with; the rules use the table only.
    assert findings["table_relapse_median"].inputs == "relapse_days_median"
    assert findings["table_infusions_max"].inputs == "infusions_max"
    assert findings["table_follows_rules"].inputs == ""
    other = Ledger("kleiter2012")
    kleiter2012.add_table_findings(other, check, "first_relapse", source="A1", level=0.95)
    statuses = other.frame().set_index("finding")["status"]
    assert statuses["relapse_median recomputed from the per-patient table (first_relapse)"] == "mismatch"
    assert other["table_relapse_median"].status == "mismatch"


def test_patient_table_section_uses_the_table(values):
    # The notebook's section 7 with the synthetic table: the same rows as above, under the notebook's reading.
    findings = Ledger("kleiter2012")
    table = data.load_patients("kleiter2012", path=FIXTURE)
    check = kleiter2012.patient_table(values, findings, table, level=0.95, median_reading="all_relapses",
                                      every_patient_relapsed=True, dosing_interval_days=28, margin_days=90,
                                      min_gap_days=30)
    assert check.readings_matching == ["all_relapses"]
    assert findings["table_follows_rules"].status == "consistent"
    assert findings["table_km_median"].recomputed == 100
    empty = Ledger("kleiter2012")
    assert kleiter2012.patient_table(values, empty, None, level=0.95, median_reading="all_relapses",
                                     every_patient_relapsed=True, dosing_interval_days=28, margin_days=90,
                                     min_gap_days=30) is None
    assert empty["patient_table"].status == "not_recomputable"


# --- the notebook's sections, through the study module -----------------------------------------------

PARAMS = dict(level=0.95, seed=2012, median_reading="all_relapses", every_patient_relapsed=True,
              dosing_interval_days=28, exposure_convention="through_margin", margin_days=90, min_gap_days=30,
              days_per_year=365.25, n_worlds=5000, n_shown=3, horizon_days=400)


def test_check_parameters_names_the_parameter():
    kleiter2012.check_parameters(**PARAMS)
    for name, bad in [("level", 1.5), ("level", "abc"), ("median_reading", "regular"), ("margin_days", -1),
                      ("exposure_convention", "x"), ("every_patient_relapsed", 1), ("n_shown", 6000),
                      ("dosing_interval_days", 0), ("days_per_year", 0), ("seed", 1.5)]:
        with pytest.raises(ValueError, match=f"^{name} must be"):
            kleiter2012.check_parameters(**{**PARAMS, name: bad})


def test_summary_sections_rows(values):
    findings = Ledger("kleiter2012")
    checks = kleiter2012.summary_checks(values, findings, level=0.95, every_patient_relapsed=True)
    assert checks.checks["holds"].all()
    # The abstract prints 5 patients, 4 female: the one man is derived (5 - 4), not data, and the sexes add up by
    # construction, so that relation counts as no check.
    assert "male" not in set(data.load_values("kleiter2012")["quantity"])
    assert checks.male == 1
    assert findings["sexes_add_up"].status == "by_construction"
    assert "derived" in findings["sexes_add_up"].finding
    # 0 of 5: exact upper bound 1 - 0.025 ** (1 / 5) = 0.5218
    assert findings["free_of_activity_ci"].high == pytest.approx(1 - 0.025 ** 0.2, abs=1e-6)
    assert findings["free_of_activity_ci"].interval == "ci"
    assert findings["free_of_activity_ci"].level == 0.95
    assert findings["free_of_activity_ci"].inputs == "patients_with_disease_activity;patients"
    assert findings["sexes_add_up"].inputs == "patients;female"
    counts = kleiter2012.order_statistic_counts(values, findings).set_index("sample")["sorted_samples"]
    # Stars and bars: C(75 + 3, 3) * C(110 + 3, 3) = 76 076 * 234 136; C(75 + 1, 1) * C(110 + 1, 1) = 76 * 111.
    assert counts.iloc[0] == 76_076 * 234_136
    assert counts.iloc[1] == 76 * 111 == 8436
    assert counts.iloc[2] == 28
    assert findings["samples_first_relapse"].recomputed == 8436
    # Odd n, whole numbers: a median within its range always admits a sample (all free values = the median), so
    # feasibility is implied by the counted median-in-range check and is not counted again.
    for key in ("feasible_all_relapses", "feasible_first_relapse", "infusion_summary_feasible"):
        assert findings[key].status == "by_construction", key
        assert "median_in_range" in findings[key].finding, key


@pytest.mark.parametrize(("relapses", "status"), [(10, "consistent"), (2, "inconsistent")])
def test_feasibility_with_an_even_n_is_a_check_of_its_own(values, relapses, status):
    # Even n: only the sum of the two middle values is pinned (2 x 120 = 240), which 10 relapse days in 45..230
    # allow and 2 cannot (45 + 230 = 275), so the row is counted, not implied by median_in_range.
    changed = {**values, "relapses": dataclasses.replace(values["relapses"], value=float(relapses))}
    findings = Ledger("kleiter2012")
    kleiter2012.order_statistic_counts(changed, findings)
    assert findings["feasible_all_relapses"].status == status
    assert findings["feasible_first_relapse"].status == "by_construction"  # still 5 patients


def test_mean_sd_rows(values):
    findings = Ledger("kleiter2012")
    table = kleiter2012.mean_sd(values, findings).set_index("reading")
    # Exact mean bounds of 9 integers with median 120, range 45..230 (pins): (4 * 45 + 4 * 120 + 230) / 9 and
    # (45 + 4 * 120 + 4 * 230) / 9, the 98.9 and 160.6 days of issue 14.
    low, high = (4 * 45 + 4 * 120 + 230) / 9, (45 + 4 * 120 + 4 * 230) / 9
    assert round(low, 1) == 98.9 and round(high, 1) == 160.6
    assert table.loc["all 9 relapses", "mean_min"] == pytest.approx(low)
    assert table.loc["all 9 relapses", "mean_max"] == pytest.approx(high)
    # The n = 9 bounds are recorded once, by the automatic check mean_bounds of the typed relapse-day rows.
    audited = Ledger("kleiter2012")
    audit.section(data.load_values("kleiter2012"), audited, level=0.95)
    bounds = audited["auto_mean_bounds__relapse_days_median"]
    assert (bounds.low, bounds.high, bounds.interval) == (pytest.approx(low, rel=1e-5), pytest.approx(high, rel=1e-5),
                                                          "bounds")
    assert "relapse_days_all_mean_bounds" not in {row.key for row in findings.rows}
    assert findings["relapse_days_first_mean_bounds"].interval == "bounds"
    # 5 first relapses: (2 * 45 + 2 * 120 + 230) / 5 = 112 and (45 + 2 * 120 + 2 * 230) / 5 = 149.
    assert (table.loc["first relapse of 5", "mean_min"], table.loc["first relapse of 5", "mean_max"]) == (112, 149)
    # Infusions: (2 + 2 + 8 + 8 + 11) / 5 = 6.2 and (2 + 8 + 8 + 11 + 11) / 5 = 8.
    assert (table.loc["5 patients", "mean_min"], table.loc["5 patients", "mean_max"]) == (6.2, 8)
    # Hozo 2005: mean (a + 2m + b) / 4 = (45 + 240 + 230) / 4 = 128.75 under either reading.
    assert table.loc["all 9 relapses", "mean_hozo"] == pytest.approx(128.75)
    # Luo 2018: w = 4 / (4 + 9 ** 0.75) = 0.3545 on the midrange 137.5, 0.6455 on the median 120.
    w = 4 / (4 + 9 ** 0.75)
    assert table.loc["all 9 relapses", "mean_luo"] == pytest.approx(w * 137.5 + (1 - w) * 120)
    assert "rough" in findings["relapse_days_first_sd_wan"].finding


def test_envelope_rows_and_the_per_patient_late_bound(values):
    findings = Ledger("kleiter2012")
    env = kleiter2012.envelopes(values, findings, dosing_interval_days=28, margin_days=90, min_gap_days=30,
                                horizon_days=400)
    assert env.latest_day == 10 * 28 + 90 == 370
    assert (findings["relapses_by_day_119_all"].low, findings["relapses_by_day_119_all"].high) == (1, 4)
    assert (findings["relapses_by_day_120_all"].low, findings["relapses_by_day_120_all"].high) == (5, 8)
    assert (findings["relapse_free_day_120_first"].low, findings["relapse_free_day_120_first"].high) == (1, 2)
    # After day 342 only the (at most two) 11-infusion patients may relapse, one relapse each before day 370.
    assert env.first_total.loc[340:369, "lower"].eq(7).all()
    # 7 is the least count there, not the count: up to all 9 may have happened (the upper envelope).
    assert env.first_total.loc[340:369, "upper"].eq(9).all()
    assert (findings["relapses_late_window_first"].low, findings["relapses_late_window_first"].high) == (7, 9)
    assert "margin" not in findings["relapses_by_day_45_all"].finding  # the all-relapses bounds need no rule
    assert "90 d" in findings["relapses_by_day_45_first"].finding
    assert [findings[f"forced_day_{d}"].recomputed for d in (45, 120, 230)] == [1, 1, 1]
    # The all-relapses envelope needs the 9 relapses and the printed median and range; under the first-relapse
    # reading each patient's latest day comes from the infusion summary as well.
    assert findings["relapses_by_day_45_all"].inputs.split(";") == ["relapses", "relapse_days_median",
                                                                    "relapse_days_min", "relapse_days_max"]
    assert findings["relapses_by_day_45_first"].inputs.split(";") == [
        "patients", "relapses", "relapse_days_median", "relapse_days_min", "relapse_days_max", "infusions_median",
        "infusions_min", "infusions_max"]


def test_rate_rows_name_margin_and_convention(values):
    findings = Ledger("kleiter2012")
    result = kleiter2012.relapse_rates(values, findings, level=0.95, dosing_interval_days=28,
                                       exposure_convention="through_margin", margin_days=90, days_per_year=365.25)
    assert findings["dosing_interval_as_b1"].status == "by_construction"
    # Its printed number (4 weeks) is Bringeland's, in data/values/bringeland2020.csv: no input of this study.
    assert findings["dosing_interval_as_b1"].inputs == ""
    assert findings["rate_least_exposure"].level == 0.95
    assert findings["rate_least_exposure"].inputs.split(";") == ["patients", "infusions_median", "infusions_min",
                                                                 "infusions_max", "relapses"]
    # 9 / (1430 / 365.25) = 2.30 and 9 / (1178 / 365.25) = 2.79 (see test_rate_over_the_relapse_window_by_hand)
    assert round(findings["rate_range"].low, 2) == 2.30 and round(findings["rate_range"].high, 2) == 2.79
    # to the last infusion: 9 / (26 * 28 / 365.25) = 4.52 at the least exposure
    assert round(findings["rate_range_to_last_infusion"].high, 2) == round(9 / (26 * 28 / 365.25), 2) == 4.52
    for key in ("rate_range", "rate_least_exposure", "rate_most_exposure", "rate_range_through_interval",
                "rate_range_to_last_infusion", "exposure_years"):
        assert "90 d after the last infusion" in findings[key].finding, key
    assert set(result.conventions["exposure"]) == set(rc.EXPOSURE_CONVENTIONS)
    # NEMOS: 191 / 321 = 0.595 prints as 0.60, checked once, by the automatic check rate_recompute.
    audited = Ledger("kleiter2012")
    audit.section(data.load_values("kleiter2012"), audited, level=0.95)
    assert audited["auto_rate_recompute__stellmann2017_arr_overall"].status == "match"
    assert "nemos_arr" not in {row.key for row in findings.rows}


def test_possible_worlds_rows(values):
    findings = Ledger("kleiter2012")
    env = kleiter2012.envelopes(values, findings, dosing_interval_days=28, margin_days=90, min_gap_days=30,
                                horizon_days=400)
    worlds = kleiter2012.possible_worlds(values, findings, env, seed=2012, n_worlds=300, every_patient_relapsed=True,
                                         dosing_interval_days=28, margin_days=90, min_gap_days=30)
    assert findings["worlds_exist_all_relapses"].status == "consistent"
    assert findings["worlds_exist_first_relapse"].status == "consistent"
    # Before day 84: the 1st relapse (day 45) always, at most the 4 values below the median (all relapses).
    assert worlds.due_bounds["all_relapses"] == (1, 4)
    assert (worlds.band["sampled_low"] >= worlds.band["exact_low"]).all()
    assert (worlds.band["sampled_high"] <= worlds.band["exact_high"]).all()
    kleiter2012.not_recomputable(values, findings)
    assert findings["median_reading"].status == "not_recomputable"


@pytest.fixture(scope="module")
def sections(values):
    """The sections whose results notebook 03's paragraphs read, with the default rules (300 worlds, for speed)."""
    findings = Ledger("kleiter2012")
    rules = dict(dosing_interval_days=28, margin_days=90, min_gap_days=30)
    env = kleiter2012.envelopes(values, findings, horizon_days=400, **rules)
    return {
        "checks": kleiter2012.summary_checks(values, findings, level=0.95, every_patient_relapsed=True),
        "counts": kleiter2012.order_statistic_counts(values, findings),
        "estimates": kleiter2012.mean_sd(values, findings),
        "envelope": env,
        "rates": kleiter2012.relapse_rates(values, findings, level=0.95, dosing_interval_days=28,
                                           exposure_convention="through_margin", margin_days=90, days_per_year=365.25),
        "possible": kleiter2012.possible_worlds(values, findings, env, seed=2012, n_worlds=300,
                                                every_patient_relapsed=True, **rules),
    }


def test_reading_free_states_the_exact_upper_bound_of_0_of_5(sections):
    text = str(kleiter2012.reading_free(sections["checks"]))
    assert f"runs from 0 to\nabout {1 - 0.025 ** 0.2:.2f}:" in text  # 1 - 0.025^(1/5) = 0.52


def test_reading_sorted_samples_states_the_stars_and_bars_count(sections):
    text = str(kleiter2012.reading_sorted_samples(sections["counts"]))
    assert text.startswith(f"Nearly {76_076 * 234_136 / 1e9:.0f} billion sorted relapse-day samples")  # 17.8


def test_reading_mean_sd_states_the_widths_of_the_exact_mean_bounds(sections):
    text = str(kleiter2012.reading_mean_sd(sections["estimates"]))
    # 9 relapses: (45 + 4 x 120 + 4 x 230) / 9 - (4 x 45 + 4 x 120 + 230) / 9 = 555 / 9; 5 first relapses: 149 - 112.
    assert f"those bounds are {555 / 9:.0f} days wide for the 9\nrelapses and 37 days wide for the 5" in text


def test_reading_envelope_states_the_bounds_of_the_ledger_rows(sections, summary):
    text = str(kleiter2012.reading_envelope(sections["envelope"], summary, dosing_interval_days=28, margin_days=90))
    # As test_envelope_rows_and_the_per_patient_late_bound: 1 to 4 relapses by day 119, 5 to 8 by day 120, the
    # latest day 10 x 28 + 90 = 370, and at least 7 of the 9 in its last 30 days.
    assert "from day 45 to 119 anything from 1 to 4 relapses may have happened" in text
    assert "120 to 229 anything from 5 to 8" in text
    assert "until day 370, the latest the rules allow" in text and "least 7 of the 9 relapses" in text


def test_reading_relapse_rates_states_the_headline_range_and_nemos(sections):
    text = str(kleiter2012.reading_relapse_rates(sections["rates"], margin_days=90))
    # 9 / (1430 / 365.25) = 2.30 and 9 / (1178 / 365.25) = 2.79; NEMOS 191 / 321 = 0.595.
    low, high = 9 / (1430 / 365.25), 9 / (1178 / 365.25)
    assert f"relapsed {low:.2f} to {high:.2f} times\nper patient-year" in text
    assert f"191 / 321 = {191 / 321:.3f}" in text


def test_reading_band_states_the_exact_upper_ends(sections):
    text = str(kleiter2012.reading_band(sections["possible"]))
    # At most the 4 values below the median by day 45, at most 8 (all but the maximum) by day 120.
    assert "The abstract allows up to 4\nrelapses by day 45 and up to 8 by day 120" in text


def test_reading_before_due_states_the_exact_bounds_and_the_due_day(sections):
    text = str(kleiter2012.reading_before_due(sections["possible"], min_gap_days=30))
    # The 4th infusion is due on day 3 x 28 = 84; before it 1 (day 45) to 4 (the values below the median).
    assert "at least 1 and at most 4\nrelapses before the 4th infusion was due (day 84)" in text
    assert "each at least 30 days (`min_gap_days`)" in text
