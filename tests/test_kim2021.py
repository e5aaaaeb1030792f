"""kim2021: the numbers the abstract printed, asserted through ``analysis.studies.kim2021`` (the
functions its notebook calls), within the rounding the abstract printed. Expected values are
worked by hand from the printed numbers (shown in each comment), not taken from this code."""

import math

import pytest

from analysis import audit, data
from analysis.findings import Ledger
from analysis.studies import kim2021

TOTALS = (52, 37, 45, 15)


@pytest.fixture
def values():
    return data.reported("kim2021")


def test_every_transcribed_value_is_shown():
    assert len(kim2021.transcribed()) == len(data.load_values("kim2021"))


def test_what_is_not_reported_becomes_not_recomputable_rows():
    findings = Ledger("kim2021")
    items = kim2021.not_recomputable(findings)
    assert [row.status for row in findings.rows] == ["not_recomputable"] * len(items)


def test_parameters_are_refused_by_name():
    kim2021.check_parameters(level=0.95, ist_totals=TOTALS)
    with pytest.raises(ValueError, match="level"):
        kim2021.check_parameters(level=95, ist_totals=TOTALS)
    with pytest.raises(ValueError, match="ist_totals"):
        kim2021.check_parameters(level=0.95, ist_totals=(52, 144))


def test_36_4_percent_is_52_of_143_and_only_52(values):
    findings = Ledger("kim2021")
    table = kim2021.percent_rounding(values, findings)
    # 100 x 52 / 143 = 36.36 -> 36.4; 143 x [0.3635, 0.3645] = [51.98, 52.12] holds 52 only
    # The relation is counted once, by the automatic check percent_recompute, not again by hand.
    assert not findings.rows
    audited = Ledger("kim2021")
    audit.section(data.load_values("kim2021"), audited, level=0.95)
    assert audited["auto_percent_recompute__asian_patients_pct"].status == "match"
    assert table.loc[0, "whole_counts_of_143"] == "52"
    assert table.loc[0, "count_low"] == pytest.approx(51.9805) and table.loc[0, "count_high"] == pytest.approx(52.1235)
    # printed as 36% the share would allow 51 (35.66%) or 52 (36.36%)
    assert table.loc[1, "whole_counts_of_143"] == "51, 52"


def test_86_5_percent_grim(values):
    findings = Ledger("kim2021")
    table = kim2021.grim(values, findings, ist_totals=TOTALS).set_index("total")
    # 45/52 = 86.54%, 32/37 = 86.49%; of 45: 38/45 = 84.4, 39/45 = 86.7; of 15: 13/15 = 86.7
    assert table.loc[52, "counts_printing_86_5"] == "45" and table.loc[37, "counts_printing_86_5"] == "32"
    assert not table.loc[45, "possible"] and not table.loc[15, "possible"]
    assert findings["ist_count_of_52"].recomputed == 45
    assert findings["ist_count_of_52"].inputs == "concomitant_ist_pct;asian_patients"


def test_exact_ci_of_one_of_37_and_six_of_15(values):
    findings = Ledger("kim2021")
    table = kim2021.exact_cis(values, findings, level=0.95).set_index("count")
    # 1 of 37: lower = 1 - 0.975**(1/37) = 0.000684; upper: Beta(0.975; 2, 36) = 0.1416 (R: binom.test(1, 37))
    assert table.loc["relapses_eculizumab", "exact_low"] == pytest.approx(1 - 0.975 ** (1 / 37), rel=1e-6)
    assert table.loc["relapses_eculizumab", "exact_high"] == pytest.approx(0.1416, abs=5e-4)
    # 6 of 15: binom.test(6, 15) gives 0.1634 to 0.6771
    assert table.loc["relapses_placebo", "exact_low"] == pytest.approx(0.1634, abs=5e-4)
    assert table.loc["relapses_placebo", "exact_high"] == pytest.approx(0.6771, abs=5e-4)
    # the Wald interval of 1 of 37 goes below 0: 1/37 - 1.96 sqrt(1/37 x 36/37 / 37) = -0.0252
    assert table.loc["relapses_eculizumab", "wald_low"] == pytest.approx(-0.0252, abs=5e-4)
    row = findings["relapses_eculizumab_share_exact_ci"]
    assert (row.inputs, row.level) == ("relapses_eculizumab;asian_eculizumab", 0.95)


def test_hazard_ratio_ci_se_and_relapse_counts(values):
    findings = Ledger("kim2021")
    table = kim2021.hazard_ratio_ci(values, findings).set_index("quantity")
    # SE = ln(0.35 / 0.01) / 3.92 = 3.5553 / 3.9199 = 0.907; over rounding ln(0.345/0.015)/3.92 to ln(0.355/0.005)/3.92
    assert table.loc["SE of ln HR from the CI", "at_printed"] == pytest.approx(0.907, abs=5e-4)
    assert table.loc["SE of ln HR from the CI", "low"] == pytest.approx(math.log(0.345 / 0.015) / 3.919928, rel=1e-4)
    assert table.loc["SE of ln HR from the CI", "high"] == pytest.approx(math.log(0.355 / 0.005) / 3.919928, rel=1e-4)
    # Rounded independently the SE runs over [0.7999, 1.0874], but in a Wald reading (E = sqrt(L U)) it is at most
    # ln(0.355**2 / 0.045**2) / 3.919928 = 1.0538 (U = 0.355, L = 0.045**2 / 0.355): sqrt(1 + 1/6) = 1.0801 is above
    # ... but with one event the approximation's own error is larger than that gap: shown, never a flag.
    row = findings["hr_se_fits_relapse_counts"]
    assert (row.status, row.recomputed) == ("derived", pytest.approx(math.sqrt(1 + 1 / 6), rel=1e-5))
    assert "lies outside" in row.finding and "not counted" in row.finding
    assert row.high == pytest.approx(math.log(0.355 ** 2 / 0.045 ** 2) / 3.919928, rel=1e-5)
    assert table.loc["SE of ln HR, Wald readings", "high"] == pytest.approx(1.0538, abs=1e-4)
    # 0.05 / sqrt(0.0035) = 0.845; over rounding 0.045 / sqrt(0.015 x 0.355) to 0.055 / sqrt(0.005 x 0.345)
    assert table.loc["E / sqrt(L U)", "low"] == pytest.approx(0.6167, abs=5e-4)
    assert table.loc["E / sqrt(L U)", "high"] == pytest.approx(1.3242, abs=5e-4)


def test_p_0_0002_is_not_the_wald_p_of_a_wald_ci(values):
    findings = Ledger("kim2021")
    table = kim2021.wald_p(values, findings).set_index("reading")
    # at the printed numbers z = ln(20) / 0.907 = 3.303, p = 0.00096
    assert table.iloc[0]["at_printed"] == pytest.approx(0.000957, abs=5e-6)
    # strict Wald: the largest z has U = 0.345, L U = 0.055**2, L = 0.008768:
    # z = 1.96 x ln(1 / 0.003025) / ln(0.345 / 0.008768) = 3.096, p = 0.00196
    strict = table.loc["Wald p, E at the geometric centre of (L, U)"]
    assert strict["low"] == pytest.approx(0.00196, abs=2e-5)
    assert strict["low"] > 0.00025
    # both p values are below 0.05 and the CI excludes 1: another test explains the printed p, no flag
    assert findings["p_is_wald_of_symmetric_ci"].status == "not_recomputable"
    assert findings["p_is_wald_of_symmetric_ci"].inputs == "p_relapse;hr_relapse"


def test_the_automatic_audit_reads_the_hazard_ratio_its_ci_and_p_as_one():
    rows = audit.run(data.load_values("kim2021"), "kim2021")
    by_key = {row.key: row for row in rows}
    assert audit.flags(rows) == []
    assert by_key["percent_recompute__asian_patients_pct"].status == "match"
    assert by_key["percent_grim__concomitant_ist_pct"].status == "consistent"
    # The figures: in the Wald readings the SE is at most 1.054 and the Wald p 0.002 to 0.0033, so the
    # printed p = 0.0002 is no Wald p; both are below 0.05, so another test explains it (not a flag).
    assert by_key["ratio_log_symmetry__hr_relapse"].status == "consistent"
    assert round(by_key["ratio_se__hr_relapse"].high, 3) == 1.054
    p = by_key["ratio_p_wald__p_relapse"]
    assert p.status == "not_recomputable"
    assert (round(p.low, 4), round(p.high, 4)) == (0.002, 0.0033)
    assert "log-rank, score, exact" in p.finding


def test_exercise_transcription_flags_nothing_and_says_the_odds_ratio_ci_is_no_wald_interval():
    header = "study,quantity,value,decimals,comparator,unit,ci_low,ci_high,denominator,role,source,location,"
    rows = ["marignier2021,or_mrs,1.663,3,=,ratio,1.195,2.385,,primary,EX1,abstract,ABSTRACT,,ratio,,",
            "marignier2021,p_mrs,0.0023,4,=,p,,,,primary,EX1,abstract,ABSTRACT,,p,or_mrs,",
            "marignier2021,hr_cdp,0.375,3,=,ratio,0.148,0.952,,primary,EX1,abstract,ABSTRACT,,ratio,,",
            "marignier2021,p_cdp,0.0390,4,=,p,,,,primary,EX1,abstract,ABSTRACT,,p,hr_cdp,"]
    text = header + "status,note,statistic,of,df\n" + "\n".join(rows) + "\n"
    table = kim2021.audit_transcription(text, "marignier2021").set_index("key")
    # OR: 1.663 / sqrt(1.195 x 2.385) = 0.985, no Wald reading; its p 0.0023 and the CI (excluding 1) agree on
    # significance, so the p is no flag either. The OR is a Wilcoxon-Mann-Whitney odds (its CI is symmetric on the
    # probability scale OR / (1 + OR): 0.5444, 0.6245, 0.7046): an interval other than Wald's, not a flag.
    # HR: 0.375 / sqrt(0.148 x 0.952) = 0.999
    assert table.loc["ratio_log_symmetry__or_mrs", "status"] == "not_recomputable"
    assert "not a flag" in table.loc["ratio_log_symmetry__or_mrs", "finding"]
    assert table.loc["ratio_p_wald__p_mrs", "status"] == "not_recomputable"
    assert table.loc["ratio_p_wald__p_cdp", "status"] == "consistent"
    assert table.loc["ratio_p_wald__p_cdp", "recomputed"] == pytest.approx(0.0389, abs=1e-4)
