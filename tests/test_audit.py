"""analysis.audit against hand-worked cases: each expected value is worked in a comment from the
printed numbers, never pasted from the code's output."""

import math
import re
from pathlib import Path

import pytest

from analysis import audit
from analysis.audit.io import read_values
from analysis.data.schemas import values_schema
from analysis.findings import Ledger

HEADER = list(values_schema("x").columns)


def values_file(folder: Path, rows: list[dict], study: str = "demo") -> Path:
    """``folder/<study>.csv`` with ``rows`` (only the columns that matter; the rest defaulted)."""
    defaults = {"study": study, "decimals": 0, "comparator": "=", "role": "primary", "source": "X1",
                "location": "abstract", "status": "ABSTRACT"}
    lines = [",".join(HEADER)]
    for row in rows:
        full = {**defaults, **row}
        lines.append(",".join(str(full.get(column, "")) for column in HEADER))
    path = folder / f"{study}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _audit(tmp_path, rows):
    return {row.key: row for row in audit.run(read_values(values_file(tmp_path, rows)), "demo")}


def count(quantity, value, denominator="", unit="patients"):
    return {"quantity": quantity, "value": value, "unit": unit, "statistic": "count", "denominator": denominator}


def percent(quantity, value, decimals, of="", denominator="", comparator="="):
    return {"quantity": quantity, "value": value, "decimals": decimals, "unit": "percent", "statistic": "percent",
            "of": of, "denominator": denominator, "comparator": comparator}


def ratio(quantity, value, low, high, decimals=2):
    return {"quantity": quantity, "value": value, "decimals": decimals, "unit": "ratio", "statistic": "ratio",
            "ci_low": low, "ci_high": high}


def p_row(quantity, value, decimals, of, comparator="="):
    return {"quantity": quantity, "value": value, "decimals": decimals, "unit": "p", "statistic": "p", "of": of,
            "comparator": comparator}


# --- percentages ---------------------------------------------------------------------------------

def test_a_percent_that_cannot_be_k_of_n_and_one_that_can(tmp_path):
    # Of 7: 2/7 = 28.57 %, 3/7 = 42.86 %. 33.3 % lies between them: no k prints as 33.3 (GRIM fails).
    # 42.9 % is 3/7 = 42.857... rounded to one decimal: k = 3 only.
    rows = _audit(tmp_path, [count("n", 7), percent("impossible_pct", "33.3", 1, denominator="n"),
                             percent("possible_pct", "42.9", 1, denominator="n")])
    assert rows["percent_grim__impossible_pct"].status == "inconsistent"
    assert "no whole count" in rows["percent_grim__impossible_pct"].finding
    possible = rows["percent_grim__possible_pct"]
    assert possible.status == "consistent"
    assert "count(s) 3 of 7" in possible.finding
    assert possible.low == pytest.approx(300 / 7) and possible.high == pytest.approx(300 / 7)


def test_a_percent_recomputed_from_its_count_and_total(tmp_path):
    # 8 of 40 = 20 % exactly: prints as 20.0; 21.0 it cannot be.
    rows = _audit(tmp_path, [count("n", 40), count("k", 8, "n"), percent("right_pct", "20.0", 1, "k", "n"),
                             percent("wrong_pct", "21.0", 1, "k", "n")])
    assert rows["percent_recompute__right_pct"].status == "match"
    assert rows["percent_recompute__right_pct"].recomputed == pytest.approx(20.0)
    assert rows["percent_recompute__wrong_pct"].status == "mismatch"


def test_a_percent_printed_at_a_rounding_tie(tmp_path):
    # 1 of 8 = 12.5 %: printed with no decimals, half-up gives 13, half-even 12; both are accepted.
    rows = _audit(tmp_path, [count("n", 8), count("k", 1, "n"), percent("up_pct", 13, 0, "k", "n"),
                             percent("even_pct", 12, 0, "k", "n")])
    assert rows["percent_recompute__up_pct"].status == "match"
    assert rows["percent_recompute__even_pct"].status == "match"


def test_a_percent_below_a_threshold(tmp_path):
    # "< 5 %": 1 of 25 = 4 % is below 5; 2 of 25 = 8 % is not.
    rows = _audit(tmp_path, [count("n", 25), count("one", 1, "n"), count("two", 2, "n"),
                             percent("one_pct", 5, 0, "one", "n", "<"), percent("two_pct", 5, 0, "two", "n", "<")])
    assert rows["percent_recompute__one_pct"].status == "match"
    assert rows["percent_recompute__two_pct"].status == "mismatch"
    assert "threshold" in rows["percent_recompute__two_pct"].finding


def test_a_count_of_its_total_gets_the_exact_ci(tmp_path):
    # 0 of 10: Clopper-Pearson upper bound 1 - 0.025**(1/10) = 0.3085 (closed form), lower 0.
    rows = _audit(tmp_path, [count("n", 10), count("none", 0, "n")])
    row = rows["count_ci__none"]
    assert (row.status, row.interval) == ("derived", "ci")
    assert row.low == 0 and row.high == pytest.approx(1 - 0.025 ** 0.1, rel=1e-5)


# --- ratios --------------------------------------------------------------------------------------

def test_a_ci_asymmetric_on_the_log_scale_beyond_rounding(tmp_path):
    # 0.50 (0.40 to 0.90): geometric centre sqrt(0.40 x 0.90) = 0.60. Most favourable rounding:
    # E = 0.505, L = 0.395, U = 0.895: 0.505 / sqrt(0.3535) = 0.505 / 0.5946 = 0.849 < 1.
    # Not a Wald interval, but an exact, profile-likelihood or score interval is asymmetric too: said, not flagged.
    rows = _audit(tmp_path, [ratio("hr", 0.50, 0.40, 0.90)])
    row = rows["ratio_log_symmetry__hr"]
    assert row.status == "not_recomputable"
    assert "not a Wald interval on the log scale" in row.finding and "not a flag" in row.finding
    assert row.high == pytest.approx(0.505 / (0.395 * 0.895) ** 0.5, rel=1e-5)
    assert "ratio_se__hr" not in rows  # no SE from an interval that is not log-symmetric


def test_a_ci_symmetric_on_the_log_scale_only_within_rounding(tmp_path):
    # 0.09 (0.07 to 0.13): at the printed digits 0.09 / sqrt(0.0091) = 0.9435, not 1; but
    # E = 0.095, L = 0.065, U = 0.125 gives 0.095 / sqrt(0.008125) = 1.054 >= 1, so some rounding fits.
    rows = _audit(tmp_path, [ratio("irr", 0.09, 0.07, 0.13)])
    row = rows["ratio_log_symmetry__irr"]
    assert row.status == "consistent"
    assert row.recomputed == pytest.approx(0.09 / 0.0091 ** 0.5, rel=1e-5)
    assert row.low < 1 < row.high
    # SE = (ln 0.13 - ln 0.07) / (2 x 1.959964) = 0.61904 / 3.91993 = 0.1579
    assert rows["ratio_se__irr"].recomputed == pytest.approx(0.1579, abs=1e-4)


def test_a_symmetry_check_that_cannot_fail_is_by_construction(tmp_path):
    # 0.02 (0.01 to 0.04) at 2 decimals: E / sqrt(L U) over the rounding runs from
    # 0.015 / sqrt(0.015 x 0.045) = 0.577 to 0.025 / sqrt(0.005 x 0.035) = 1.89, which holds 1. The only
    # other estimate printable strictly between the bounds, 0.03, runs from 0.025 / 0.02598 = 0.962 to
    # 0.035 / 0.01323 = 2.65, which holds 1 too: the verdict could not be False, so it is by_construction.
    rows = _audit(tmp_path, [ratio("irr", 0.02, 0.01, 0.04)])
    assert rows["ratio_log_symmetry__irr"].status == "by_construction"


def test_a_p_reachable_only_through_rounding_in_one_reading(tmp_path):
    # HR 0.60 (0.40 to 0.90): SE = ln(0.90 / 0.40) / 3.92 = 0.8109 / 3.9199 = 0.2069,
    # z = 0.5108 / 0.2069 = 2.469, p = 0.0136, which prints as 0.01, not 0.02. A Wald reading keeps
    # E = sqrt(L U); the largest Wald p is at the widest CI, L = 0.395, U = 0.905 (E = sqrt(0.3575) = 0.5979
    # prints as 0.60): SE = ln(2.2911) / 3.9199 = 0.21150, z = 0.51434 / 0.21150 = 2.432, p = 0.01502, just
    # inside [0.015, 0.025]: the printed 0.02 is reached only there.
    rows = _audit(tmp_path, [ratio("hr", 0.60, 0.40, 0.90), p_row("p_hr", 0.02, 2, "hr")])
    row = rows["ratio_p_wald__p_hr"]
    assert row.status == "consistent"
    assert row.quantity == "p_hr" and row.check == "ratio_p_wald"
    assert row.recomputed == pytest.approx(0.0136, abs=2e-4)
    assert row.high == pytest.approx(0.01502, abs=2e-5)
    assert "one reading fits" in row.finding and "L 0.395 to" in row.finding


def test_a_p_that_no_wald_reading_gives_but_with_the_same_decision_is_no_flag(tmp_path):
    # HR 0.60 (0.40 to 0.90): Wald p at most 0.01502 (above). Smallest: the narrowest CI whose geometric
    # centre prints as 0.60, L = 0.405, U = 0.895 (E = sqrt(0.362475) = 0.60206): SE = ln(2.20988) / 3.9199
    # = 0.20228, z = 0.50740 / 0.20228 = 2.5084, p = 0.01213. A printed 0.04 or < 0.001 is none of these,
    # but both are below 0.05 like the CI (which excludes 1): another test would explain them.
    rows = _audit(tmp_path, [ratio("hr", 0.60, 0.40, 0.90), p_row("p_far", 0.04, 2, "hr"),
                             p_row("p_small", 0.001, 3, "hr", "<")])
    for key in ("ratio_p_wald__p_far", "ratio_p_wald__p_small"):
        row = rows[key]
        assert row.status == "not_recomputable"
        assert row.low == pytest.approx(0.01213, abs=2e-5) and row.high == pytest.approx(0.01502, abs=2e-5)
        assert "log-rank, score, exact" in row.finding and "both say p < 0.05" in row.finding
    # 0.04 with E in [0.595, 0.605]: z_p = Phi^-1(1 - p / 2) in [2.0047, 2.1084] (p 0.045 to 0.035); the lower end
    # of its Wald CI, E**(1 + 1.96 / z_p), is lowest at E = 0.595, z_p = 2.0047: 0.595**1.97770 = 0.3581, and
    # highest at E = 0.605, z_p = 2.1084: 0.605**1.92960 = 0.3792
    assert "lower end 0.358 to 0.379" in rows["ratio_p_wald__p_far"].finding


def test_a_p_below_a_threshold_beside_a_ratio(tmp_path):
    # HR 0.06 (0.02 to 0.24): SE = ln 12 / 3.9199 = 0.6339, z = 2.8134 / 0.6339 = 4.44, p = 9e-6 < 0.001.
    rows = _audit(tmp_path, [ratio("hr_small", 0.06, 0.02, 0.24), p_row("p_small", 0.001, 3, "hr_small", "<")])
    assert rows["ratio_p_wald__p_small"].status == "consistent"
    assert rows["ratio_p_wald__p_small"].recomputed == pytest.approx(9.1e-6, rel=0.05)


def test_a_decision_inconsistency_is_flagged_both_ways(tmp_path):
    # HR 0.60 (0.40 to 0.90) excludes 1, p = 0.08 is not below 0.05 (window 0.075 to 0.085): decision error.
    # HR 0.80 (0.60 to 1.07) includes 1, p = 0.03 (window 0.025 to 0.035) says significant: decision error.
    # HR 0.80 (0.60 to 1.07) with p = 0.13: at the printed digits SE = ln(1.7833) / 3.9199 = 0.14755,
    # z = 0.22314 / 0.14755 = 1.512, p = 0.1305: consistent, as statcheck would pass it.
    rows = _audit(tmp_path, [ratio("hr", 0.60, 0.40, 0.90), p_row("p_ns", 0.08, 2, "hr"),
                             ratio("hr_ns", 0.80, 0.60, 1.07), p_row("p_sig", 0.03, 2, "hr_ns"),
                             ratio("hr_ok", 0.80, 0.60, 1.07), p_row("p_ok", 0.13, 2, "hr_ok")])
    assert rows["ratio_p_wald__p_ns"].status == "inconsistent"
    assert "decision inconsistency" in rows["ratio_p_wald__p_ns"].finding
    assert "the CI excludes 1 but the p is not below 0.05" in rows["ratio_p_wald__p_ns"].finding
    assert rows["ratio_p_wald__p_sig"].status == "inconsistent"
    assert "the p is below 0.05 but the CI includes 1" in rows["ratio_p_wald__p_sig"].finding
    assert rows["ratio_p_wald__p_ok"].status == "consistent"
    assert rows["ratio_p_wald__p_ok"].recomputed == pytest.approx(0.1305, abs=5e-4)


def test_kim2021_hazard_ratio_read_as_one(tmp_path):
    # HR 0.05 (0.01 to 0.35), p = 0.0002. Wald readings: L in [0.005, 0.015], U in [0.345, 0.355], sqrt(L U) in
    # [0.045, 0.055]. Widest: U = 0.355, L = 0.045**2 / 0.355 = 0.005704: SE = ln(62.235) / 3.9199 = 1.0538.
    # Largest p: that reading, z = 3.1011 / 1.0538 = 2.943, p = 0.00325; smallest p: U = 0.345,
    # L = 0.055**2 / 0.345 = 0.008768: SE = ln(39.347) / 3.9199 = 0.93686, z = 2.9004 / 0.93686 = 3.096,
    # p = 0.00196. The printed p (0.00015 to 0.00025) is none of them, both below 0.05: not a flag.
    rows = _audit(tmp_path, [ratio("hr", 0.05, 0.01, 0.35), p_row("p", 0.0002, 4, "hr")])
    se, p = rows["ratio_se__hr"], rows["ratio_p_wald__p"]
    assert se.high == pytest.approx(math.log(0.355 ** 2 / 0.045 ** 2) / (2 * 1.959964), rel=1e-5)
    assert se.high == pytest.approx(1.0538, abs=1e-4)
    assert p.status == "not_recomputable"
    assert p.low == pytest.approx(0.00196, abs=1e-5) and p.high == pytest.approx(0.00325, abs=1e-5)
    assert rows["ratio_log_symmetry__hr"].status == "consistent"


def test_an_estimate_outside_its_own_ci_is_flagged_for_every_statistic(tmp_path):
    # HR 0.30 (0.02 to 0.24): 0.30 stands for [0.295, 0.305], the upper bound for [0.235, 0.245]: above it in
    # every rounding. "HR 0.1 [0.2 - 0.63]" (a real abstract of the field), typed at two decimals: 0.10 is at most
    # 0.105, the lower bound at least 0.195. A percent 45.0 (47.1 to 60.2): at most 45.05 < 47.05.
    # At the rounding's edge: 0.24 (0.25 to 0.40) has E up to 0.245 and L down to 0.245: it holds only if
    # E = L = 0.245, one number printed as 0.24 and as 0.25, which no rounding rule does (half up gives 0.25 twice,
    # half even 0.24 twice); the same at the upper end, 0.41 (0.25 to 0.40). 0.23 (0.25 to 0.40) is out by more
    # (0.235 < 0.245). An estimate printed equal to its bound holds (0.25 (0.25 to 0.40)), and so does one
    # printed with more decimals a half-unit away: 0.245 (0.25 to 0.40) has E up to 0.2455 > 0.245.
    pct = {**percent("pct", "45.0", 1), "ci_low": "47.1", "ci_high": "60.2"}
    at_bound = {**ratio("at_bound", 0.245, 0.25, 0.40), "decimals": 3, "ci_decimals": 2}
    rows = _audit(tmp_path, [ratio("hr_above", 0.30, 0.02, 0.24), ratio("hr_below", 0.10, 0.20, 0.63), pct,
                             ratio("edge_low", 0.24, 0.25, 0.40), ratio("edge_high", 0.41, 0.25, 0.40),
                             ratio("edge_out", 0.23, 0.25, 0.40), ratio("equal", 0.25, 0.25, 0.40), at_bound,
                             ratio("inside", 0.60, 0.40, 0.90)])
    assert rows["estimate_in_ci__hr_above"].status == "inconsistent"
    assert "lies above its own CI" in rows["estimate_in_ci__hr_above"].finding
    assert rows["estimate_in_ci__hr_below"].status == "inconsistent"
    assert "lies below its own CI" in rows["estimate_in_ci__hr_below"].finding
    assert rows["estimate_in_ci__pct"].status == "inconsistent"
    assert rows["estimate_in_ci__edge_low"].status == "inconsistent"
    assert "both would have to be 0.245, one number printed as both 0.24 and 0.25" in \
        rows["estimate_in_ci__edge_low"].finding
    assert rows["estimate_in_ci__edge_high"].status == "inconsistent"
    assert "lies above its own CI" in rows["estimate_in_ci__edge_high"].finding
    assert "both would have to be 0.405, one number printed as both 0.41 and 0.40" in \
        rows["estimate_in_ci__edge_high"].finding
    assert "would have to be" not in rows["estimate_in_ci__edge_out"].finding
    assert rows["estimate_in_ci__edge_out"].status == "inconsistent"
    assert rows["estimate_in_ci__equal"].status == "consistent"
    assert rows["estimate_in_ci__at_bound"].status == "consistent"
    assert rows["estimate_in_ci__inside"].status == "consistent"
    # the ratio's other CI checks cannot run on an estimate outside its CI, and say so without a second flag
    assert rows["ratio_log_symmetry__hr_above"].status == "not_recomputable"
    assert [row.key for row in audit.flags(list(rows.values()))] == [
        "estimate_in_ci__hr_above", "estimate_in_ci__hr_below", "estimate_in_ci__pct", "estimate_in_ci__edge_low",
        "estimate_in_ci__edge_high", "estimate_in_ci__edge_out"]


def test_a_ratio_without_ci_gets_the_ci_its_p_implies(tmp_path):
    # HR 4.95, p = 0.00016: z_p = Phi^-1(1 - 0.00008) = 3.775, SE = ln 4.95 / 3.775 = 1.5994 / 3.775 = 0.4237,
    # CI = exp(1.5994 -/+ 1.96 x 0.4237) = exp(0.769) to exp(2.430) = 2.16 to 11.4.
    rows = _audit(tmp_path, [{"quantity": "hr", "value": 4.95, "decimals": 2, "unit": "ratio", "statistic": "ratio"},
                             p_row("p_hr", 0.00016, 5, "hr")])
    row = rows["ratio_ci_from_p__p_hr"]
    assert row.status == "derived" and row.interval == "ci"
    assert row.low == pytest.approx(2.16, abs=0.01) and row.high == pytest.approx(11.4, abs=0.1)


def test_a_ratio_printed_beside_its_parts(tmp_path):
    # 0.17 / 0.76 = 0.2237: the ratio printed as 0.22 matches; 0.25 would need at least
    # 0.245 x 0.755 = 0.185 > 0.175 in the numerator: mismatch.
    rate = {"unit": "per_patient_year", "statistic": "rate", "decimals": 2}
    rows = _audit(tmp_path, [{"quantity": "a", "value": 0.17, **rate}, {"quantity": "b", "value": 0.76, **rate},
                             {**ratio("r_ok", 0.22, "", ""), "of": "a", "denominator": "b"},
                             {**ratio("r_bad", 0.25, "", ""), "of": "a", "denominator": "b"}])
    assert rows["ratio_parts__r_ok"].status == "match"
    assert rows["ratio_parts__r_bad"].status == "mismatch"
    # range of a / b: 0.165 / 0.765 = 0.2157 to 0.175 / 0.755 = 0.2318
    assert rows["ratio_parts__r_ok"].low == pytest.approx(0.165 / 0.765, rel=1e-5)
    assert rows["ratio_parts__r_ok"].high == pytest.approx(0.175 / 0.755, rel=1e-5)


# --- rates ---------------------------------------------------------------------------------------

def _rate(quantity, value, decimals, of="", denominator="", low="", high=""):
    return {"quantity": quantity, "value": value, "decimals": decimals, "unit": "per_patient_year",
            "statistic": "rate", "of": of, "denominator": denominator, "ci_low": low, "ci_high": high}


def test_a_rate_ci_wider_than_poisson_is_not_an_error(tmp_path):
    # 10 events in 100 patient-years: exact Poisson CI chi2(0.025; 20) / 2 / 100 = 9.591 / 200 = 0.048 and
    # chi2(0.975; 22) / 2 / 100 = 36.781 / 200 = 0.184. A printed 0.10 (0.03 to 0.30) contains it with room
    # at both ends: wider than Poisson (a model with overdispersion?). 0.10 (0.05 to 0.18) is the exact CI.
    exposure = {"quantity": "py", "value": 100, "unit": "patient_years", "statistic": "value"}
    rows = _audit(tmp_path, [count("events", 10, unit="relapses"), exposure,
                             _rate("wide", "0.10", 2, "events", "py", "0.03", "0.30"),
                             _rate("exact", "0.10", 2, "events", "py", "0.05", "0.18")])
    assert rows["rate_recompute__wide"].status == "match"
    wide = rows["rate_ci_poisson__wide"]
    assert wide.status == "consistent"
    assert "wider than Poisson: model-based?" in wide.finding
    assert rows["rate_ci_poisson__exact"].status == "consistent"
    assert "prints as the printed CI" in rows["rate_ci_poisson__exact"].finding
    derived = rows["rate_exact_ci__wide"]
    assert derived.low == pytest.approx(9.591 / 200, abs=1e-4) and derived.high == pytest.approx(36.781 / 200, abs=1e-4)
    # 0.10 (0.05 to 0.18): estimate minus midpoint is at most 0.105 - (0.045 + 0.175) / 2 = -0.005 < 0, so not
    # symmetric on the rate scale; E / sqrt(L U) runs from 0.095 / sqrt(0.055 x 0.185) = 0.942 to
    # 0.105 / sqrt(0.045 x 0.175) = 1.183, which holds 1: symmetric on the log scale within rounding.
    assert rows["rate_ci_symmetry__exact"].status == "consistent"
    assert "symmetric on the log scale" in rows["rate_ci_symmetry__exact"].finding


def test_a_rate_ci_narrower_than_poisson_is_flagged(tmp_path):
    # 10 events in 100 patient-years: exact CI 0.048 to 0.184; a printed 0.10 (0.08 to 0.12) is narrower.
    exposure = {"quantity": "py", "value": 100, "unit": "patient_years", "statistic": "value"}
    rows = _audit(tmp_path, [count("events", 10, unit="relapses"), exposure,
                             _rate("narrow", "0.10", 2, "events", "py", "0.08", "0.12")])
    assert rows["rate_ci_poisson__narrow"].status == "inconsistent"


def test_a_rate_with_exposure_but_no_events(tmp_path):
    # 0.60 per patient-year over 321 patient-years (321 printed whole: 320.5 to 321.5): events k with
    # k / T in [0.595, 0.605] for some T: k from ceil(0.595 x 320.5) = ceil(190.7) = 191 to floor(0.605 x 321.5)
    # = floor(194.5) = 194.
    exposure = {"quantity": "py", "value": 321, "unit": "patient_years", "statistic": "value"}
    rows = _audit(tmp_path, [exposure, _rate("arr", "0.60", 2, denominator="py")])
    row = rows["rate_grim__arr"]
    assert row.status == "consistent"
    assert (row.low, row.high) == (191, 194)


# --- test statistics (statcheck) -----------------------------------------------------------------

def _stat(quantity, test, value, decimals, df=""):
    return {"quantity": quantity, "value": value, "decimals": decimals, "unit": "statistic", "statistic": test,
            "df": df}


@pytest.mark.parametrize(("test", "stat", "dec", "df", "p", "p_dec", "status"), [
    # statcheck's tests/testthat/test-error.R, "simple errors are classified as such":
    # t(28) = 2.20 gives p = 0.036 (2 x pt(-2.20, 28)), which prints as 0.04, never 0.03.
    ("t", "2.20", 2, "28", "0.03", 2, "inconsistent"),
    ("F", "2.20", 2, "2;28", "0.15", 2, "inconsistent"),
    ("r", "0.22", 2, "28", "0.26", 2, "inconsistent"),
    ("chi2", "22.20", 2, "28", "0.79", 2, "inconsistent"),
    ("z", "2.20", 2, "", "0.04", 2, "inconsistent"),
    # "correctly rounded p-values are not considered errors": t(28) = 2 stands for 1.5 to 2.5, p from
    # 0.019 to 0.145, so p = 0.02 and p = 0.14 both fit; t = 2.20 gives 0.036 to 0.037 at 3 decimals.
    ("t", "2", 0, "28", "0.02", 2, "consistent"),
    ("t", "2", 0, "28", "0.14", 2, "consistent"),
    ("t", "2.20", 2, "28", "0.036", 3, "consistent"),
    ("z", "-2.42", 2, "", "0.016", 3, "consistent"),
])
def test_statcheck_published_examples(tmp_path, test, stat, dec, df, p, p_dec, status):
    rows = _audit(tmp_path, [_stat("stat", test, stat, dec, df), p_row("p", p, p_dec, "stat")])
    assert rows["statistic_p__p"].status == status


@pytest.mark.parametrize(("test", "stat", "df", "p"), [
    # statcheck's tests/testthat/test-decisionerror.R, "simple decision errors are classified as such" (its
    # Q tests left out: no Q here). Each computed p lies on the other side of 0.05 from the printed one, e.g.
    # t(28) = 2.20: 2 x pt(-2.20, 28) = 0.036 < 0.05 beside p = .06; t(28) = 1.20: 0.24 beside p = .03.
    ("t", "2.20", "28", "0.06"), ("t", "1.20", "28", "0.03"),
    ("F", "22.20", "2;28", "0.06"), ("F", "2.20", "2;28", "0.03"),
    ("r", "0.22", "28", "0.03"), ("r", "0.52", "28", "0.06"),
    ("chi2", "2.20", "28", "0.03"), ("chi2", "52.20", "28", "0.06"),
    ("z", "1.20", "", "0.03"), ("z", "2.20", "", "0.06"),
])
def test_statcheck_decision_errors(tmp_path, test, stat, df, p):
    rows = _audit(tmp_path, [_stat("stat", test, stat, 2, df), p_row("p", p, 2, "stat")])
    row = rows["statistic_p__p"]
    assert row.status == "inconsistent"
    assert "decision inconsistency" in row.finding


def test_a_p_of_0_05_is_no_decision_error_and_a_one_sided_p_is_named(tmp_path):
    # statcheck's test-decisionerror.R: "t(28) = 2.20, p = .05" is no decision error (p = .05 may be
    # significant); here p = .05 stands for 0.045 to 0.055, which straddles 0.05, so the decision is open.
    # t(28) = 2.20 has a two-sided p of 0.0362 (2 x pt(-2.20, 28); over the rounding 2.195 to 2.205, 0.0358 to
    # 0.0366): p = 0.018 is half of it, the one-sided p.
    rows = _audit(tmp_path, [_stat("stat", "t", "2.20", 2, "28"), p_row("p_05", "0.05", 2, "stat"),
                             p_row("p_one", "0.018", 3, "stat")])
    assert rows["statistic_p__p_05"].status == "inconsistent"
    assert "decision" not in rows["statistic_p__p_05"].finding
    assert rows["statistic_p__p_one"].status == "inconsistent"
    assert "one-sided test" in rows["statistic_p__p_one"].finding
    assert "decision" not in rows["statistic_p__p_one"].finding


def test_a_statistic_p_below_a_threshold(tmp_path):
    # t(37) = 4.93: p = 2 x pt(-4.93, 37) is about 1.8e-5, below 0.001.
    rows = _audit(tmp_path, [_stat("t", "t", "4.93", 2, "37"), p_row("p", "0.001", 3, "t", "<")])
    assert rows["statistic_p__p"].status == "consistent"


# --- summaries -----------------------------------------------------------------------------------

def _summary(quantity, stat, value, of="days", denominator="n", decimals=0, unit="days"):
    return {"quantity": quantity, "value": value, "decimals": decimals, "unit": unit, "statistic": stat, "of": of,
            "denominator": denominator}


def test_a_median_outside_its_range(tmp_path):
    # median 250 above the maximum 230: no data set has it.
    rows = _audit(tmp_path, [count("n", 9), _summary("med", "median", 250), _summary("lo", "min", 45),
                             _summary("hi", "max", 230)])
    row = rows["median_in_range__med"]
    assert row.status == "inconsistent"
    assert "median 250 above max 230" in row.finding


def test_kleiter_median_and_range_give_the_exact_mean_bounds(tmp_path):
    # n = 9 days with median 120, min 45, max 230. Smallest mean: four values at 45, the median 120, four
    # at 120 but the last at 230: (45 x 4 + 120 x 4 + 230) / 9 = 890 / 9 = 98.89. Largest: 45, then
    # three at 120, the median 120, then four at 230: (45 + 120 x 4 + 230 x 4) / 9 = 1445 / 9 = 160.56.
    rows = _audit(tmp_path, [count("n", 9, unit="relapses"), _summary("med", "median", 120),
                             _summary("lo", "min", 45), _summary("hi", "max", 230)])
    row = rows["mean_bounds__med"]
    assert (row.status, row.interval) == ("derived", "bounds")
    assert row.low == pytest.approx(890 / 9, rel=1e-5) and row.high == pytest.approx(1445 / 9, rel=1e-5)
    assert rows["median_in_range__med"].status == "consistent"
    # Luo 2018 mean (S1): w = 4 / (4 + 9**0.75) = 4 / 9.196 = 0.435; 0.435 x 137.5 + 0.565 x 120 = 127.6.
    assert rows["mean_sd_estimate__med__mean"].recomputed == pytest.approx(127.6, abs=0.1)


def test_a_printed_mean_outside_the_exact_bounds_and_grim(tmp_path):
    # n = 5 whole numbers, median 8, range 2 to 11: the mean lies in [(2 + 2 + 8 + 8 + 11) / 5,
    # (2 + 8 + 8 + 11 + 11) / 5] = [6.2, 8.0]; a printed mean of 9.0 is outside. GRIM: 9.0 x 5 = 45 is whole, so
    # GRIM passes; 7.3 x 5 = 36.5 and 7.25 to 7.35 x 5 = 36.25 to 36.75 holds no whole total: GRIM fails.
    rows = _audit(tmp_path, [count("n", 5), _summary("med", "median", 8, unit="infusions"),
                             _summary("lo", "min", 2, unit="infusions"), _summary("hi", "max", 11, unit="infusions"),
                             _summary("avg", "mean", "9.0", decimals=1, unit="infusions")])
    assert rows["mean_bounds__avg"].status == "inconsistent"
    assert (rows["mean_bounds__avg"].low, rows["mean_bounds__avg"].high) == (pytest.approx(6.2), pytest.approx(8.0))
    assert rows["grim_mean__avg"].status == "consistent"
    rows = _audit(tmp_path, [count("n", 5), _summary("avg", "mean", "7.3", decimals=1, unit="infusions")])
    assert rows["grim_mean__avg"].status == "inconsistent"


def test_grimmer_on_a_mean_and_sd(tmp_path):
    # n = 3 whole numbers with mean 2.00 (total 6) and SD 1.00: 1, 2, 3 has SD 1 exactly: consistent.
    # SD 0.50 with mean 2.00: sum of squares = 2 x 0.25 + 3 x 4 = 12.5 (12.4925 to 12.5075 over the rounding)
    # holds no whole number: inconsistent.
    base = [count("n", 3), _summary("avg", "mean", "2.00", decimals=2, unit="patients")]
    rows = _audit(tmp_path, [*base, _summary("sd", "sd", "1.00", decimals=2, unit="patients")])
    assert rows["grimmer__sd"].status == "consistent"
    rows = _audit(tmp_path, [*base, _summary("sd", "sd", "0.50", decimals=2, unit="patients")])
    assert rows["grimmer__sd"].status == "inconsistent"


# --- keys and the notebook section ---------------------------------------------------------------

def test_keys_are_check_and_quantity_and_every_row_names_both(tmp_path):
    rows = _audit(tmp_path, [count("n", 40), count("k", 8, "n"), percent("k_pct", "20.0", 1, "k", "n")])
    assert set(rows) == {"percent_recompute__k_pct", "count_ci__k"}
    assert all(key == f"{row.check}__{row.quantity}" for key, row in rows.items())
    assert set(row.check for row in rows.values()) <= set(audit.CHECKS)


def test_section_adds_prefixed_rows_to_a_notebook_ledger(tmp_path):
    from analysis.findings import Ledger

    values = read_values(values_file(tmp_path, [count("n", 7), percent("impossible_pct", "33.3", 1,
                                                                        denominator="n")]))
    ledger = Ledger("demo")
    ledger.section("intro")
    ledger.derived("own_row", "a row the notebook wrote itself", 1.0, source="X1")
    shown = audit.section(values, ledger)
    assert [row.key for row in ledger.rows] == ["own_row", "auto_percent_grim__impossible_pct"]
    assert ledger.rows[-1].section == "automatic_checks" and ledger.rows[-1].check == "percent_grim"
    assert list(shown["key"]) == ["auto_percent_grim__impossible_pct"]
    assert shown["status"].iloc[0] == "inconsistent"


def test_printed_cis_are_read_as_95_percent_whatever_level_the_derived_intervals_use(repo):
    from analysis import data

    values = data.load_values("mahler2026")
    at_95 = {row.key: row for row in audit.run(values, "mahler2026", level=0.95)}
    at_90 = {row.key: row for row in audit.run(values, "mahler2026", level=0.90)}
    # HR 0.06 (0.02-0.24), a printed 95 % CI: SE = ln(0.24 / 0.02) / (2 x 1.959964) = 0.63392, at any level.
    key = "ratio_se__hr_anticd20_vs_msdmt"
    assert at_95[key].recomputed == at_90[key].recomputed == pytest.approx(0.633916, rel=1e-5)
    # The CI the azathioprine HR's p implies is derived, so it follows the level asked for: narrower at 90 %.
    derived = "ratio_ci_from_p__p_hr_azathioprine_vs_rituximab"
    assert at_90[derived].high < at_95[derived].high


# --- inputs and level (issue 24): which printed numbers a row used, and at which level a CI was computed ----------

def test_a_row_names_the_quantities_it_used_and_a_derived_ci_its_level(tmp_path):
    rows = {row.key: row for row in audit.run(read_values(values_file(tmp_path, [
        count("n", 10), count("relapsed", 3, "n"), percent("relapsed_pct", "30.0", 1, "relapsed", "n")])), "demo",
        level=0.9)}
    # 3 of 10: the exact CI of the proportion used the count and its total, at the level the audit was asked for.
    assert rows["count_ci__relapsed"].inputs == "relapsed;n"
    assert rows["count_ci__relapsed"].level == 0.9
    # 100 x 3 / 10 = 30.0: the percent, its count and its total; a rounding range has no level.
    assert rows["percent_recompute__relapsed_pct"].inputs == "relapsed_pct;relapsed;n"
    assert rows["percent_recompute__relapsed_pct"].level is None


@pytest.mark.parametrize("study", ["bringeland2020", "mahler2026", "kleiter2012", "kimura2016", "kim2021"])
def test_every_audit_row_uses_quantities_of_the_audited_file(repo, study):
    from analysis import data

    values = data.load_values(study)
    quantities = set(values["quantity"])
    rows = audit.run(values, study, level=0.9)
    for row in rows:
        inputs = row.inputs.split(";")
        assert row.quantity in inputs, row.key
        assert set(inputs) <= quantities, row.key
        assert (row.level == 0.9) == (row.interval == "ci"), row.key
    findings = Ledger(study)
    shown = audit.section(values, findings, 0.9)
    assert [row.inputs for row in findings.rows] == [row.inputs for row in rows]
    assert len(shown) == len(rows)


# --- numeric edge cases (issue 20): a verdict or a stated reason, never a traceback or a silent drop ---------

def test_a_total_of_zero_gives_a_verdict_for_each_percent_ci_and_summary(tmp_path):
    # 0 of 0 has no share: a percent of it cannot be printed, its proportion has no CI, a sample of no one no mean.
    days = {"unit": "days", "of": "x", "denominator": "n"}
    rows = _audit(tmp_path, [count("n", 0), count("k", 0, "n"), percent("pct", "0.0", 1, "k", "n"),
                             percent("pct_no_count", "10.0", 1, denominator="n"),
                             {"quantity": "m", "value": "3.5", "decimals": 1, "statistic": "mean", **days},
                             {"quantity": "s", "value": "1.5", "decimals": 1, "statistic": "sd", **days}])
    assert rows["percent_recompute__pct"].status == "mismatch"
    assert "a total of 0 has no shares" in rows["percent_recompute__pct"].finding
    assert rows["percent_grim__pct_no_count"].status == "inconsistent"
    assert rows["count_ci__k"].status == "not_recomputable" and "the total is 0" in rows["count_ci__k"].finding
    assert rows["summary_of_none__m"].status == "inconsistent"
    assert rows["summary_of_none__s"].status == "inconsistent"


def test_a_percent_of_a_trillion_patients(tmp_path):
    # n = 10**12 at one decimal: a step of 100 / n is far below the rounding's 0.1, so GRIM cannot fail
    # (n >= 100 x 10**1); with the count, 333 x 10**9 of 10**12 is exactly 33.3 %. Its CI needs floats
    # that still tell 10**12 counts apart (10**12 < 2**53): 0.333 -/+ about 1.96 x sqrt(0.333 x 0.667 / 10**12)
    # = 0.333 -/+ 9.2e-7 (the ledger keeps 6 significant digits: 0.332999 to 0.333001).
    rows = _audit(tmp_path, [count("n", 10**12), count("k", 333 * 10**9, "n"), percent("pct", "33.3", 1, "k", "n"),
                             percent("pct_no_count", "33.3", 1, denominator="n")])
    assert rows["percent_grim__pct_no_count"].status == "by_construction"
    assert rows["percent_recompute__pct"].status == "match"
    ci = rows["count_ci__k"]
    assert (ci.low, ci.high) == (0.332999, 0.333001)


def test_values_of_1e308_give_verdicts(tmp_path):
    # A ratio 1e308 (1e307 to 1.5e308) at 0 decimals: about 1.4e308 estimates are printable between the bounds,
    # too many to test whether the symmetry check could fail; its geometric centre 3.9e307 is far from 1e308,
    # so no Wald reading exists and the p beside it is not recomputable (the CI excludes 1, p < 0.05 agree).
    # A count of 1e308 is beyond 10**15 (poisson_ci's bound), so no Poisson CI of its events.
    rate = {"quantity": "r", "value": "1e8", "unit": "per_patient_year", "statistic": "rate", "of": "ev",
            "denominator": "py"}
    rows = _audit(tmp_path, [ratio("hr", "1e308", "1e307", "1.5e308", 0), p_row("p", 0.01, 2, "hr"),
                             {"quantity": "hr_no_ci", "value": "1e308", "unit": "ratio", "statistic": "ratio"},
                             p_row("p_no_ci", 0.01, 2, "hr_no_ci"), count("ev", "1e308", unit="relapses"),
                             {"quantity": "py", "value": "1e300", "unit": "patient_years", "statistic": "value"},
                             rate])
    assert rows["estimate_in_ci__hr"].status == "consistent"
    assert rows["ratio_log_symmetry__hr"].status == "not_recomputable"
    assert "estimates are printable between the bounds" in rows["ratio_log_symmetry__hr"].finding
    assert rows["ratio_p_wald__p"].status == "not_recomputable"
    assert "no rounding makes the CI a Wald CI" in rows["ratio_p_wald__p"].finding
    assert "beyond the largest float" in rows["ratio_ci_from_p__p_no_ci"].finding
    assert rows["rate_recompute__r"].status == "match"
    assert "more than 1000000000000000 events" in rows["rate_exact_ci__r"].finding


# --- schema additions: ci_decimals, NS, rates per 100 / 1000 patient-years, measure and score ----------------

def test_ci_bounds_printed_with_fewer_decimals_than_the_estimate(tmp_path):
    # HR 0.45 (0.2 to 0.9). Read at the estimate's 2 decimals, L = 0.20 in [0.195, 0.205] and U = 0.90 in
    # [0.895, 0.905]: E / sqrt(L U) is at least 0.445 / sqrt(0.205 x 0.905) = 0.445 / 0.43073 = 1.033 > 1, so no
    # reading is log-symmetric. At the bounds' own 1 decimal, L in [0.15, 0.25] and U in [0.85, 0.95]: the centre
    # runs from 0.445 / sqrt(0.25 x 0.95) = 0.913 to 0.455 / sqrt(0.15 x 0.85) = 1.274, which holds 1.
    as_estimate = _audit(tmp_path, [ratio("hr", "0.45", "0.2", "0.9")])
    assert as_estimate["ratio_log_symmetry__hr"].status == "not_recomputable"  # no Wald reading: said, not flagged
    own = _audit(tmp_path, [{**ratio("hr", "0.45", "0.2", "0.9"), "ci_decimals": 1}])
    row = own["ratio_log_symmetry__hr"]
    assert row.status == "consistent"
    assert "hr = 0.45 (0.2 to 0.9)" in row.finding
    assert row.low == pytest.approx(0.445 / (0.25 * 0.95) ** 0.5, rel=1e-5)
    assert row.high == pytest.approx(0.455 / (0.15 * 0.85) ** 0.5, rel=1e-5)


def test_an_estimate_within_a_bound_only_at_the_bounds_own_decimals(tmp_path):
    # 2.44 (1.9 to 2.4): at 2 decimals the upper bound 2.40 reaches 2.405 < 2.435, the estimate's lowest value;
    # at the bound's 1 decimal it reaches 2.45 >= 2.435, so some rounding holds the estimate.
    diff = {"quantity": "d", "value": "2.44", "decimals": 2, "unit": "days", "statistic": "difference",
            "ci_low": "1.9", "ci_high": "2.4"}
    assert _audit(tmp_path, [diff])["estimate_in_ci__d"].status == "inconsistent"
    assert _audit(tmp_path, [{**diff, "ci_decimals": 1}])["estimate_in_ci__d"].status == "consistent"


def test_a_file_without_the_optional_ci_decimals_column_stays_valid(tmp_path):
    header = [column for column in HEADER if column != "ci_decimals"]
    cells = {"study": "demo", "quantity": "n", "value": "7", "decimals": "0", "comparator": "=", "unit": "patients",
             "role": "primary", "source": "X1", "location": "abstract", "status": "ABSTRACT", "statistic": "count"}
    path = tmp_path / "demo.csv"
    path.write_text(",".join(header) + "\n" + ",".join(cells.get(c, "") for c in header) + "\n", encoding="utf-8")
    assert list(read_values(path)["quantity"]) == ["n"]


def test_ci_decimals_without_a_ci_is_refused_naming_row_and_column(tmp_path):
    from analysis.data import DataError

    with pytest.raises(DataError, match=r"row 1 \(line 2\), column 'ci_decimals': is given for a row without a CI"):
        read_values(values_file(tmp_path, [{**count("n", 7), "ci_decimals": 1}]))


@pytest.mark.parametrize("spelling", ["NS", "n.s.", "N.S.", "ns"])
def test_a_p_printed_as_ns_beside_a_statistic(tmp_path, spelling):
    # t(28) = 2.20: the two-sided 0.05 critical value of t with 28 df is 2.048 and the 0.02 one 2.467 (t tables),
    # so 0.02 < p < 0.05: significant, and NS beside it is a decision inconsistency. t(28) = 1.50 is below the
    # 0.10 critical value 1.701, so p > 0.10: NS fits.
    rows = _audit(tmp_path, [_stat("t_big", "t", "2.20", 2, df=28),
                             {**p_row("p_big", spelling, "", "t_big")},
                             _stat("t_small", "t", "1.50", 2, df=28),
                             {**p_row("p_small", spelling, "", "t_small")}])
    big, small = rows["statistic_p__p_big"], rows["statistic_p__p_small"]
    assert big.status == "inconsistent"
    assert "decision inconsistency" in big.finding and "p_big = NS (not significant at 0.05)" in big.finding
    assert big.reported is None  # NS is no number
    assert small.status == "consistent"


def test_a_p_printed_as_ns_beside_a_ci_that_excludes_1(tmp_path):
    # HR 0.50 (0.30 to 0.80): the CI excludes 1, so NS beside it is a decision inconsistency.
    rows = _audit(tmp_path, [ratio("hr", "0.50", "0.30", "0.80"), p_row("p_hr", "NS", "", "hr")])
    row = rows["ratio_p_wald__p_hr"]
    assert row.status == "inconsistent"
    assert "decision inconsistency" in row.finding


@pytest.mark.parametrize("row, column, message", [
    ({"quantity": "n", "value": "NS", "decimals": "", "unit": "patients", "statistic": "count"}, "value",
     "NS (not significant) is a p value's"),
    ({"quantity": "p", "value": "NS", "decimals": 2, "unit": "p", "statistic": "p"}, "decimals",
     "must be empty for a p printed as NS"),
    ({"quantity": "p", "value": "", "decimals": 2, "unit": "p", "statistic": "p"}, "value", "is empty but required"),
    ({"quantity": "p", "value": "0.2", "decimals": 1, "unit": "p", "statistic": "p", "comparator": "NS"},
     "comparator", "must be one of =, <, >"),
])
def test_ns_only_as_the_value_of_a_p_without_decimals(tmp_path, row, column, message):
    from analysis.data import DataError

    with pytest.raises(DataError, match=re.escape(f"row 1 (line 2), column '{column}': {message}")) as raised:
        read_values(values_file(tmp_path, [row]))
    assert len(raised.value.problems) == 1  # the root cause alone


def test_rates_per_100_and_per_1000_patient_years_are_checked_after_scaling(tmp_path):
    # 10 events in 100 patient-years: 0.1 per patient-year, 10 per 100, 100 per 1000. The exact Poisson CI
    # per patient-year is chi2(0.025; 20) / 200 = 0.048 to chi2(0.975; 22) / 200 = 0.184 (see above): 4.8 to
    # 18.4 per 100 patient-years. A 10.0 typed as per patient-year is 100 times off, and the finding says so.
    exposure = {"quantity": "py", "value": 100, "unit": "patient_years", "statistic": "value"}
    rows = _audit(tmp_path, [count("events", 10, unit="relapses"), exposure,
                             {**_rate("per_100", "10.0", 1, "events", "py"), "unit": "per_100_patient_years"},
                             {**_rate("per_1000", "100", 0, "events", "py"), "unit": "per_1000_patient_years"},
                             _rate("typed_wrong", "10.0", 1, "events", "py")])
    assert rows["rate_recompute__per_100"].status == "match"
    assert rows["rate_recompute__per_1000"].status == "match"
    derived = rows["rate_exact_ci__per_100"]
    assert derived.low == pytest.approx(9.591 / 2, abs=1e-2) and derived.high == pytest.approx(36.781 / 2, abs=1e-2)
    wrong = rows["rate_recompute__typed_wrong"]
    assert wrong.status == "mismatch"
    assert "multiplied by 100" in wrong.finding
    assert "multiplied by" not in rows["rate_recompute__per_100"].finding


def test_a_score_gets_grim_and_a_measure_does_not(tmp_path):
    # A mean of 3.3 over n = 5: totals 16 and 17 give 3.2 and 3.4, so no whole-number points give 3.3 (GRIM).
    # The same mean of a continuous measure (mg/L) has no granularity to check.
    score = {**_summary("score_mean", "mean", "3.3", of="edss_points", decimals=1, unit="score")}
    measure = {**_summary("crp_mean", "mean", "3.3", of="crp", decimals=1, unit="measure"), "note": "mg/L"}
    rows = _audit(tmp_path, [count("n", 5), score, measure])
    assert rows["grim_mean__score_mean"].status == "inconsistent"
    assert not any(row.quantity == "crp_mean" for row in rows.values() if row.check in ("grim_mean", "grimmer"))


def test_a_measure_names_its_unit_in_note(tmp_path):
    from analysis.data import DataError

    with pytest.raises(DataError, match=r"column 'note': is empty: a measure names its unit in note"):
        read_values(values_file(tmp_path, [count("n", 5), _summary("crp_mean", "mean", "3.3", of="crp", decimals=1,
                                                                     unit="measure")]))


def test_an_estimate_from_a_median_and_range_of_whole_numbers_has_no_rounding_range(tmp_path):
    # Days to relapse are whole numbers: n = 9 (odd) with median 120, min 45, max 230 are exact, so the Luo mean
    # (127.6, above) is one number, not a range over rounding (issue 23).
    rows = _audit(tmp_path, [count("n", 9, unit="relapses"), _summary("med", "median", 120),
                             _summary("lo", "min", 45), _summary("hi", "max", 230)])
    for part in ("mean", "sd"):
        row = rows[f"mean_sd_estimate__med__{part}"]
        assert (row.low, row.high, row.interval) == (None, None, "")
        assert "exact: 9 whole numbers" in row.finding
    # n = 10 (even): the median of whole numbers is 119.5, 120 or 120.5. Luo's weight w = 4 / (4 + 10**0.75)
    # = 4 / 9.6234 = 0.41566, mean = w x 137.5 + (1 - w) x median, so the mean spans (1 - w) x 1 = 0.58434.
    rows = _audit(tmp_path, [count("n", 10, unit="relapses"), _summary("med", "median", 120),
                             _summary("lo", "min", 45), _summary("hi", "max", 230)])
    row = rows["mean_sd_estimate__med__mean"]
    assert row.interval == "feasible"
    assert row.high - row.low == pytest.approx(0.58434, abs=1e-3)  # the ledger keeps 6 significant digits
    assert row.low == pytest.approx(0.41566 * 137.5 + 0.58434 * 119.5, abs=1e-2)


# --- a p comparing two groups (of = a;b) -----------------------------------------------------------------------

def _group(mean, sd, n, name):
    # One group's mean, SD (sharing the variable name in of) and n.
    return [count(f"n_{name}", n, unit="participants"),
            {**_summary(f"mean_{name}", "mean", mean, of=name, denominator=f"n_{name}", decimals=1, unit="measure"),
             "note": "mg/L"},
            {**_summary(f"sd_{name}", "sd", sd, of=name, denominator=f"n_{name}", decimals=1, unit="measure"),
             "note": "mg/L"}]


def test_a_p_comparing_two_means_fits_student_and_welch(tmp_path):
    # Means 0.0 and 3.0, SDs 1.0, n 2 and 2: t = 3 with 2 df, p = 1 - 3 / sqrt(11) = 0.0955 at the printed digits
    # (closed form of t with 2 df; R: t.test(c(-0.7071068, 0.7071068), c(2.2928932, 3.7071068), var.equal = TRUE)).
    # A printed p = 0.10 (0.095 to 0.105) fits both tests; p = 0.01 is below every reading: the rounding moves
    # the means by 0.05 and the SDs by 0.05, t at most 3.1 / sqrt(0.95^2) = 3.26, p above 1 - 3.26 / sqrt(12.6) =
    # 0.082, so p < 0.05 against p >= 0.05 in every reading: a decision inconsistency.
    groups = [*_group("0.0", "1.0", 2, "a"), *_group("3.0", "1.0", 2, "b")]
    rows = _audit(tmp_path, [*groups, p_row("p_fits", "0.10", 2, "mean_a;mean_b"),
                             p_row("p_wrong", "0.01", 2, "mean_a;mean_b")])
    fits, wrong = rows["two_group_p__p_fits"], rows["two_group_p__p_wrong"]
    assert fits.status == "consistent"
    assert "Student's t-test, Welch's t-test give a p the printed p allows" in fits.finding
    assert wrong.status == "inconsistent"
    assert "decision inconsistency" in wrong.finding
    assert wrong.low > 1 - 3.26 / math.sqrt(12.6)


def test_a_p_comparing_two_counts_names_the_tests_that_fit(tmp_path):
    # 3 of 3 against 0 of 3: chi-squared p erfc(sqrt(3)) = 0.0143, with Yates' correction erfc(sqrt(4/3)) = 0.1025,
    # Fisher 0.1 (see tests/stats/test_two_groups.py for the R calls). A printed p = 0.10 stands for 0.095 to
    # 0.105: Fisher (0.1) and Yates (0.1025) fit, the uncorrected chi-squared (0.0143) does not.
    rows = _audit(tmp_path, [count("n_a", 3), count("n_b", 3), count("k_a", 3, "n_a"), count("k_b", 0, "n_b"),
                             p_row("p", "0.10", 2, "k_a;k_b")])
    row = rows["two_group_p__p"]
    assert row.status == "consistent"
    assert "chi-squared with Yates' correction, Fisher's exact test give" in row.finding
    assert row.low == pytest.approx(math.erfc(math.sqrt(3)), rel=1e-5)  # 6 digits kept


def test_a_p_comparing_two_percents_tries_every_count_they_allow(tmp_path):
    # 66.7 % and 33.3 % of 30 each: 20 of 30 and 10 of 30 only (100 x 20 / 30 = 66.67, 100 x 10 / 30 = 33.33).
    # Uncorrected chi-squared 6.667, p = erfc(sqrt(3.333)) = 0.0098; Yates 5.4, p = erfc(sqrt(2.7)) = 0.0201
    # (R: chisq.test(matrix(c(20, 10, 10, 20), 2), correct = FALSE) and correct = TRUE). p = 0.02 fits Yates only
    # among the chi-squared tests; p = 0.40 fits none and disagrees on significance with all three.
    rows = _audit(tmp_path, [count("n_a", 30), count("n_b", 30), percent("pct_a", "66.7", 1, denominator="n_a"),
                             percent("pct_b", "33.3", 1, denominator="n_b"), p_row("p", "0.02", 2, "pct_a;pct_b"),
                             p_row("p_far", "0.40", 2, "pct_a;pct_b")])
    row = rows["two_group_p__p"]
    assert row.status == "consistent"
    assert "chi-squared with Yates' correction" in row.finding.split(": ")[-1]
    assert row.low == pytest.approx(math.erfc(math.sqrt(60 * 300**2 / 30**4 / 2)), rel=1e-5)
    assert rows["two_group_p__p_far"].status == "inconsistent"
    assert "decision inconsistency" in rows["two_group_p__p_far"].finding


@pytest.mark.parametrize("rows, message", [
    ([count("n", 3), count("k", 2, "n"), p_row("p", "0.5", 1, "k;n"), {**count("x", 1), "of": "k;n"}],
     "two quantities (a;b) are compared only by a p"),
    ([count("n", 3), percent("pct", "50", 0, denominator="n"), p_row("p", "0.5", 1, "n;pct")],
     "two quantities (a;b) are compared only by a p"),
    ([count("n", 3), p_row("p", "0.5", 1, "n;missing")], "names no quantity in this file"),
])
def test_of_with_two_quantities_is_checked(tmp_path, rows, message):
    from analysis.data import DataError

    with pytest.raises(DataError, match=re.escape(message)):
        read_values(values_file(tmp_path, rows))


# --- a percent's own CI ------------------------------------------------------------------------------------------

def _pct_ci(quantity, value, low, high, of="k", denominator="n"):
    return {**percent(quantity, value, 1, of=of, denominator=denominator), "ci_low": low, "ci_high": high}


def test_a_percent_ci_names_the_binomial_methods_that_fit(tmp_path):
    # 5 of 10. Wald: 0.5 -/+ 1.959964 sqrt(0.25 / 10) = 0.5 -/+ 0.30990: 19.0 to 81.0 %. Clopper-Pearson:
    # R binom.test(5, 10)$conf.int = 0.1870860 0.8129140: 18.7 to 81.3 %. Wilson: centre 0.5, half-width
    # z / (1 + z^2 / n) sqrt(p q / n + z^2 / (4 n^2)) = 1.41601 x sqrt(0.025 + 0.0096036) = 0.26341: 23.7 to 76.3 %
    # (R: prop.test(5, 10, correct = FALSE)$conf.int). 10.0 to 90.0 % is none of them.
    rows = _audit(tmp_path, [count("n", 10), count("k", 5, "n"), _pct_ci("wald", "50.0", "19.0", "81.0"),
                             _pct_ci("exact", "50.0", "18.7", "81.3"), _pct_ci("wilson", "50.0", "23.7", "76.3"),
                             _pct_ci("none", "50.0", "10.0", "90.0")])
    assert rows["percent_ci__wald"].status == "consistent"
    assert "the Wald CI of 5 prints as it" in rows["percent_ci__wald"].finding
    assert "Clopper-Pearson" not in rows["percent_ci__wald"].finding
    assert "the Clopper-Pearson CI of 5 prints as it" in rows["percent_ci__exact"].finding
    assert "the Wilson CI of 5 prints as it" in rows["percent_ci__wilson"].finding
    assert rows["percent_ci__none"].status == "inconsistent"


def test_a_percent_ci_without_a_printed_count_tries_every_count(tmp_path):
    # 0.0 % of 10 can only be 0 of 10 (10 % is 1 of 10). Clopper-Pearson for 0 events: upper bound
    # 1 - 0.025^(1/10) = 1 - 0.69150 = 0.30850 (R: binom.test(0, 10)$conf.int = 0.0000000 0.3084971): 0.0 to 30.8 %.
    # Wilson for 0 events: upper z^2 / (n + z^2) = 3.841459 / 13.841459 = 0.27753: 0.0 to 27.8 %.
    rows = _audit(tmp_path, [count("n", 10), _pct_ci("cp", "0.0", "0.0", "30.8", of=""),
                             _pct_ci("wilson", "0.0", "0.0", "27.8", of="")])
    assert "the Clopper-Pearson CI of 0 prints as it" in rows["percent_ci__cp"].finding
    assert "Wilson" not in rows["percent_ci__cp"].finding
    assert "the Wilson CI of 0 prints as it" in rows["percent_ci__wilson"].finding


def test_a_t_or_chi2_comparing_two_groups(tmp_path):
    # Means 0.0 and 3.0, SDs 1.0, n 2 and 2 (see above): the distance of the means runs from 2.95 - 0.05 = 2.9 to
    # 3.05 + 0.05 = 3.1, the SDs from 0.95 to 1.05, so |t| runs from 2.9 / 1.05 = 2.762 to 3.1 / 0.95 = 3.263, for
    # Student and Welch alike (equal ns: sqrt(s1^2/2 + s2^2/2) equals the pooled SE at
    # equal SDs, and both fall with either SD). t = -3.00 fits (the sign says which group is larger); t = 4.00 does
    # not. 3 of 3 against 0 of 3: chi2 6 uncorrected, 2.6667 with Yates' correction (worked in
    # tests/stats/test_two_groups.py): a printed 2.67 fits Yates only, 5.00 neither.
    groups = [*_group("0.0", "1.0", 2, "a"), *_group("3.0", "1.0", 2, "b")]
    rows = _audit(tmp_path, [*groups, {**_stat("t_fits", "t", "-3.00", 2, df=2), "of": "mean_a;mean_b"},
                             {**_stat("t_wrong", "t", "4.00", 2, df=2), "of": "mean_a;mean_b"},
                             count("n_c", 3), count("n_d", 3), count("k_c", 3, "n_c"), count("k_d", 0, "n_d"),
                             {**_stat("x_yates", "chi2", "2.67", 2, df=1), "of": "k_c;k_d"},
                             {**_stat("x_wrong", "chi2", "5.00", 2, df=1), "of": "k_c;k_d"}])
    fits = rows["two_group_statistic__t_fits"]
    assert fits.status == "consistent" and "Student's t-test, Welch's t-test give it" in fits.finding
    assert fits.low == pytest.approx(2.9 / 1.05, rel=1e-5) and fits.high == pytest.approx(3.1 / 0.95, rel=1e-5)
    assert rows["two_group_statistic__t_wrong"].status == "inconsistent"
    assert rows["two_group_statistic__x_yates"].status == "consistent"
    assert "chi-squared with Yates' correction gives it" in rows["two_group_statistic__x_yates"].finding
    assert rows["two_group_statistic__x_wrong"].status == "inconsistent"
