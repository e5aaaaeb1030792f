"""More of the rate checks (analysis.audit.checks_rates): a rate typed in a unit up to a million times off, and the
limits of that hint. Every expected number is worked in a comment from the printed ones."""

import pytest
from scipy import stats
from test_audit import _audit, count, values_file
from test_audit_rate_checks import exposure, rate

from analysis import audit
from analysis.audit.io import read_values

# --- a rate in the wrong unit, by every power of ten the hint names ----------------------------------------

@pytest.mark.parametrize(("printed", "decimals", "factor"), [
    # 10 events over 100 patient-years (99.5 to 100.5): 0.0995 to 0.1005 per patient-year. Each printed rate is
    # 0.1 times the factor, and no smaller power of ten (nor any positive one, for the negative powers) reaches it.
    ("1000", 0, "10000"),
    ("10000", 0, "100000"),
    ("100000", 0, "1e+06"),
    ("0.0010", 4, "0.01"),  # 0.00095 to 0.00105; x 0.1 gives 0.00995 to 0.01005, outside
    ("0.00010", 5, "0.001"),
    ("0.000010", 6, "0.0001"),
    ("0.0000010", 7, "1e-05"),
    ("0.00000010", 8, "1e-06"),
])
def test_a_rate_a_large_power_of_ten_off_names_it(tmp_path, printed, decimals, factor):
    rows = _audit(tmp_path, [count("events", 10, unit="relapses"), exposure("py", 100),
                             rate("arr", printed, decimals, "events", "py")])
    row = rows["rate_recompute__arr"]
    assert row.status == "mismatch"
    assert row.finding.endswith(f"cannot print as the rate; it does when multiplied by {factor}: the rate may be per "
                                f"{factor} patient-years, not in the unit given")


@pytest.mark.parametrize(("printed", "decimals"), [("1000000", 0), ("0.000000010", 9)])
def test_a_rate_ten_million_times_off_gets_no_hint(tmp_path, printed, decimals):
    # 0.1 x 10^7 = 1000000 and 0.1 x 10^-7 = 0.00000001: beyond the six powers of ten either way the hint tries.
    rows = _audit(tmp_path, [count("events", 10, unit="relapses"), exposure("py", 100),
                             rate("arr", printed, decimals, "events", "py")])
    row = rows["rate_recompute__arr"]
    assert row.status == "mismatch"
    assert row.finding.endswith("over the exposure's rounding) cannot print as the rate")


# --- a printed CI beside the exact Poisson CI, bound by bound ------------------------------------------------
# Exact bounds at unit exposure (scipy: chi2.ppf(0.025, 2k) / 2 and chi2.ppf(0.975, 2k + 2) / 2): k = 0: 0 and
# 3.68888; k = 1: 0.025318 and 5.571643; k = 2: 0.242209 and 7.224688; k = 10: 4.795389 and 18.390356.
# 10 events over 100 patient-years (99.5 to 100.5): the exact CI runs from 4.795389 / 100.5 = 0.04772 to
# 4.795389 / 99.5 = 0.04819 (prints as 0.05) up to 18.390356 / 100.5 = 0.18299 to 18.390356 / 99.5 = 0.18483 (0.18).

EXACT = "prints as the printed CI"
WIDER = ("wider than Poisson: model-based? (a negative binomial or robust interval allows for between-patient "
         "variation; not an error)")
OTHER = "the printed CI is narrower than, or shifted from, the exact Poisson CI of every count the rate allows"


@pytest.mark.parametrize(("events", "years", "printed", "low", "high", "status", "words"), [
    # The exact CI itself, the lower bound printed as 0.00 (0.000252 to 0.000254 for 1 event): 1 / 100 = 0.01
    # (0.00 to 0.06); the upper bound 5.571643 / 100.5 = 0.0554 to 5.571643 / 99.5 = 0.0560 prints as 0.06.
    (1, 100, "0.01", "0.00", "0.06", "consistent", EXACT),
    # The lower bound right, the upper one too low: 0.15 needs an exposure of at least 18.390356 / 0.155 = 118.6.
    (10, 100, "0.10", "0.05", "0.15", "inconsistent", OTHER),
    # The lower bound right, the upper one too high: 0.25 needs at most 18.390356 / 0.245 = 75.1 patient-years, and
    # the printed CI holds the exact one for every exposure from 99.5 to 100.5.
    (10, 100, "0.10", "0.05", "0.25", "consistent", WIDER),
    # The upper bound right, the lower one too low: 0.03 needs at least 4.795389 / 0.035 = 137 patient-years.
    (10, 100, "0.10", "0.03", "0.18", "consistent", WIDER),
    # The upper bound right, the lower one too high: 0.06 needs at most 4.795389 / 0.055 = 87.2 patient-years, and
    # the exact lower bound (0.048) is then outside the printed CI.
    (10, 100, "0.10", "0.06", "0.18", "inconsistent", OTHER),
    # A lower bound printed as 0.00 (true values from -0.005): below every exact lower bound of 10 events, the
    # upper 0.30 above every exact upper one: wider.
    (10, 100, "0.10", "0.00", "0.30", "consistent", WIDER),
    # A Wald interval on the rate scale can print a lower bound below 0 (2 events: 0.02 - 1.96 x sqrt(2) / 100 =
    # -0.0077): never an exact bound, but the CI holds the exact one, whose upper bound 7.224688 / 100.5 = 0.0719
    # to 7.224688 / 99.5 = 0.0726 prints as 0.07.
    (2, 100, "0.02", "-0.01", "0.07", "consistent", WIDER),
    # The exact CI of 10 events over 50 patient-years (0.0959 to 0.3678): printed beside an exposure of 100, it is
    # shifted; so is the exact CI over 200 patient-years (0.0240 to 0.0920).
    (10, 100, "0.10", "0.10", "0.37", "inconsistent", OTHER),
    (10, 100, "0.10", "0.02", "0.09", "inconsistent", OTHER),
    # 2 events over 10 patient-years (9.5 to 10.5): the exact CI 0.0231 to 0.0255 up to 0.688 to 0.761; the
    # printed 0.01 to 0.90 holds it (0.242209 / 0.005 = 48 patient-years would be needed for 0.01 to be exact).
    (2, 10, "0.20", "0.01", "0.90", "consistent", WIDER),
    # No events over 100 patient-years, yet a rate of 0.01 (rate_recompute says it cannot be): the exact CI of 0
    # events is 0 (prints as 0.00) to 3.68888 / 100.5 = 0.0367 to 3.68888 / 99.5 = 0.0371 (0.04).
    (0, 100, "0.01", "0.00", "0.04", "consistent", EXACT),
    # No events, a lower bound printed above 0: no exposure makes 0 print as 0.01, nor does the CI hold the 0.
    (0, 100, "0.01", "0.01", "0.04", "inconsistent", OTHER),
    # No events, a lower bound printed below 0: not the exact CI (whose 0 prints as 0.00), but it holds it.
    (0, 100, "0.01", "-0.01", "0.04", "consistent", WIDER),
])
def test_a_printed_rate_ci_beside_the_exact_one(tmp_path, events, years, printed, low, high, status, words):
    rows = _audit(tmp_path, [count("events", events, unit="relapses"), exposure("py", years),
                             rate("arr", printed, 2, "events", "py", low, high)])
    row = rows["rate_ci_poisson__arr"]
    assert row.finding.startswith(f"arr = {printed} ({low} to {high}) beside the exact Poisson 95% CI of {events} "
                                  "events: ")
    assert row.finding.endswith(words)
    assert (row.status, row.reported) == (status, float(printed))


def test_a_ci_printed_with_fewer_decimals_than_the_rate_can_be_the_exact_one(tmp_path):
    # 2 events over 2000 patient-years (1999.5 to 2000.5): 0.001 per patient-year, exact CI 0.242209 / 2000 =
    # 0.00012 to 7.224688 / 2000 = 0.0036, both printing as 0.00 at the CI's 2 decimals.
    rows = _audit(tmp_path, [count("events", 2, unit="relapses"), exposure("py", 2000),
                             rate("arr", "0.001", 3, "events", "py", "0.00", "0.00", ci_decimals=2)])
    row = rows["rate_ci_poisson__arr"]
    assert row.finding == ("arr = 0.001 (0.00 to 0.00) beside the exact Poisson 95% CI of 2 events: the exact CI of 2 "
                           "events prints as the printed CI")
    assert row.status == "consistent"


def test_a_rate_per_100_patient_years_beside_the_exact_ci(tmp_path):
    # 10 events over 100 patient-years is 10 per 100 patient-years; the exact CI per 100 patient-years runs from
    # 100 x 4.795389 / 100.5 = 4.772 to 4.820 (prints as 4.8) up to 18.299 to 18.483 (18.3 or 18.4). An upper
    # bound of 15.0 would need an exposure of at least 100 x 18.390356 / 15.05 = 122 patient-years.
    rows = _audit(tmp_path, [count("events", 10, unit="relapses"), exposure("py", 100),
                             rate("exact", "10.0", 1, "events", "py", "4.8", "18.4", unit="per_100_patient_years"),
                             rate("short", "10.0", 1, "events", "py", "4.8", "15.0", unit="per_100_patient_years")])
    assert rows["rate_ci_poisson__exact"].finding.endswith("the exact CI of 10 events prints as the printed CI")
    assert rows["rate_ci_poisson__short"].status == "inconsistent"


def test_rate_grim_of_a_rate_per_100_patient_years(tmp_path):
    # 60 per 100 patient-years (59.5 to 60.5: 0.595 to 0.605 per patient-year) over 540 patient-years: as 0.60 per
    # patient-year in test_audit_rate_checks, counts from ceil(0.595 x 539.5) = 322 to floor(0.605 x 540.5) = 327.
    rows = _audit(tmp_path, [exposure("py", 540), rate("arr", "60", 0, denominator="py", unit="per_100_patient_years")])
    assert rows["rate_grim__arr"].finding.endswith("whole event counts 322, 323, 324, 325, 326, 327 give it")


@pytest.mark.parametrize(("years", "compared"), [(1998, True), (1999, False)])
def test_a_rate_ci_is_compared_with_at_most_2000_counts(tmp_path, years, compared):
    # A rate of 2 over 1998 patient-years allows exactly 2000 counts, over 1999 patient-years 2001
    # (test_rate_grim_lists_at_most_2000_counts): past 2000 the printed CI is not compared with each.
    rows = _audit(tmp_path, [exposure("py", years), rate("arr", 2, 0, denominator="py", low=1, high=3)])
    assert ("rate_ci_poisson__arr" in rows) is compared
    if compared:
        assert rows["rate_ci_poisson__arr"].finding.startswith("arr = 2 (1 to 3) beside the exact Poisson 95% CI of "
                                                               "each of the 2000 event counts the rate allows: ")


# --- the power-of-ten hint where the scaled range only touches the printed rate's rounding ----------------------

@pytest.mark.parametrize(("events", "years"), [
    # 25 events over 1 patient-year (0.5 to 1.5): 16.67 to 25 / 0.5 = 50 per patient-year; x 0.01 gives 0.1667 to
    # 0.5, whose top meets the bottom of the printed 1 (0.5 to 1.5) at 0.5.
    (25, 1),
    # 375 events over 2 patient-years (1.5 to 2.5): 375 / 2.5 = 150 to 250; x 0.01 gives 1.5 to 2.5, whose bottom
    # meets the top of the printed 1 at 1.5.
    (375, 2),
])
def test_a_rate_whose_scaled_range_touches_the_printed_one_gets_the_hint(tmp_path, events, years):
    rows = _audit(tmp_path, [count("events", events, unit="relapses"), exposure("py", years),
                             rate("arr", 1, 0, "events", "py")])
    assert rows["rate_recompute__arr"].finding.endswith("cannot print as the rate; it does when multiplied by 0.01: "
                                                        "the rate may be per 0.01 patient-years, not in the unit given")


# --- an exposure implied by the events and the rate bounds the exposures the CI is compared at ---------------------

def test_a_ci_exact_for_a_shorter_exposure_than_events_and_rate_imply_is_shifted(tmp_path):
    # 12 events at 0.40 (0.395 to 0.405) imply 12 / 0.405 = 29.63 to 12 / 0.395 = 30.38 patient-years. The printed
    # 0.31 to 1.05 is the exact CI over 20 patient-years (6.200575 / 20 = 0.3100, 20.961585 / 20 = 1.0481), which
    # needs an exposure of at most 6.200575 / 0.305 = 20.3: shifted, and too narrow to hold the exact CI.
    rows = _audit(tmp_path, [count("events", 12, unit="relapses"),
                             rate("arr", "0.40", 2, "events", "", "0.31", "1.05")])
    row = rows["rate_ci_poisson__arr"]
    assert row.finding.endswith(OTHER)
    assert row.status == "inconsistent"


# --- symmetry on its boundaries ---------------------------------------------------------------------------------
# Rates per 1000 patient-years printed whole: every rounding end is a half, held exactly by a float, so each case
# below sits exactly on the boundary of a symmetry (a meeting point counts as meeting).

@pytest.mark.parametrize(("value", "low", "high", "words"), [
    # 8 (4 to 10): the estimate's lowest reading 7.5 equals the highest midpoint (4.5 + 10.5) / 2 = 7.5; on the
    # log scale 7.5 / sqrt(4.5 x 10.5) = 1.091 > 1 at its lowest.
    (8, 4, 10, "the rate scale"),
    # 8 (5 to 13): the estimate's highest reading 8.5 equals the lowest midpoint (4.5 + 12.5) / 2; on the log
    # scale 7.5 / sqrt(5.5 x 13.5) = 0.870 <= 1 <= 8.5 / sqrt(4.5 x 12.5) = 1.133.
    (8, 5, 13, "the rate scale and on the log scale"),
    # 8 (4 to 12): on the log scale 7.5 / sqrt(4.5 x 12.5) = 7.5 / 7.5 = 1 exactly; on the rate scale the midpoint
    # runs from (3.5 + 11.5) / 2 = 7.5 to (4.5 + 12.5) / 2 = 8.5, which the estimate 7.5 to 8.5 meets.
    (8, 4, 12, "the rate scale and on the log scale"),
    # 7 (5 to 13): the highest log centre 7.5 / sqrt(4.5 x 12.5) = 1 exactly; the midpoint is at least
    # (4.5 + 12.5) / 2 = 8.5, above the estimate's 7.5.
    (7, 5, 13, "the log scale"),
])
def test_a_ci_symmetric_exactly_at_the_edge_of_the_rounding(tmp_path, value, low, high, words):
    rows = _audit(tmp_path, [rate("arr", value, 0, low=low, high=high, unit="per_1000_patient_years")])
    row = rows["rate_ci_symmetry__arr"]
    assert row.finding == f"arr = {value} ({low} to {high}): the CI is symmetric on {words} within rounding"
    assert row.status == "consistent"


def test_a_ci_whose_midpoint_is_below_the_estimate_is_not_symmetric(tmp_path):
    # 0.50 (0.20 to 0.60): the midpoint is at most (0.205 + 0.605) / 2 = 0.405, below the estimate's 0.495; the log
    # centre is at least 0.495 / sqrt(0.205 x 0.605) = 1.405 > 1.
    row = _audit(tmp_path, [rate("arr", "0.50", 2, low="0.20", high="0.60")])["rate_ci_symmetry__arr"]
    assert row.status == "inconsistent"
    assert row.finding.startswith("arr = 0.50 (0.20 to 0.60): the CI is symmetric on neither the rate nor the log")


@pytest.mark.parametrize(("comparator", "words"), [
    # Below 0.40: the log centre sqrt(0.21 x 0.70) = 0.383 is such a rate (0.40 / sqrt(0.205 x 0.695) = 1.060 >= 1),
    # the midpoint (0.21 + 0.70) / 2 = 0.455 is not (at least (0.205 + 0.695) / 2 = 0.45 > 0.40).
    ("<", "the log scale"),
    # Above 0.40: the midpoint 0.455 is such a rate, the log centre (at most sqrt(0.215 x 0.705) = 0.389) is not.
    (">", "the rate scale"),
])
def test_a_rate_printed_as_a_threshold_is_symmetric_about_any_value_beyond_it(tmp_path, comparator, words):
    rows = _audit(tmp_path, [rate("arr", "0.40", 2, low="0.21", high="0.70", comparator=comparator)])
    row = rows["rate_ci_symmetry__arr"]
    assert row.finding == f"arr {comparator} 0.40 (0.21 to 0.70): the CI is symmetric on {words} within rounding"
    assert row.status == "consistent"


def test_events_printed_as_a_threshold_are_no_count_to_recompute_from(tmp_path):
    # "< 5 relapses" over 100 patient-years: no rate to recompute, and the rate is read as rate_grim reads one with
    # no events: 0.03 (0.025 to 0.035) over 99.5 to 100.5 patient-years gives ceil(2.4875) = 3 to floor(3.5175) = 3.
    rows = _audit(tmp_path, [{**count("events", 5, unit="relapses"), "comparator": "<"}, exposure("py", 100),
                             rate("arr", "0.03", 2, "events", "py")])
    assert "rate_recompute__arr" not in rows
    assert rows["rate_grim__arr"].finding.endswith("whole event counts 3 give it")


# --- event counts past what an exact Poisson CI is computed for (poisson_ci takes at most 10**15) ---------------

@pytest.mark.parametrize(("events", "computed"), [(10**15, True), (10**15 + 1, False), (2 * 10**15, False)])
def test_an_exact_ci_of_at_most_10_to_the_15_events(tmp_path, events, computed):
    # Past 10**15 events (below 2**53, which a float still holds exactly) the audit said nothing and stopped on
    # poisson_ci's refusal; now the exact CI is not recomputable and the audit goes on.
    rows = _audit(tmp_path, [count("events", events, unit="relapses"), exposure("py", 10**15),
                             rate("arr", 1, 0, "events", "py", "1", "2")])
    row = rows["rate_exact_ci__arr"]
    assert (row.status == "derived") is computed
    if not computed:
        assert row.finding == ("rate_exact_ci on arr = 1 (1 to 2): not recomputable (more than 1000000000000000 "
                               "events, the most an exact Poisson CI is computed for)")
    assert "rate_ci_symmetry__arr" in rows


def test_too_many_events_for_a_poisson_ci_with_no_exposure_printed(tmp_path):
    # 2 x 10**15 events at a rate of 2 imply an exposure, but their exact CI is not computed: only the symmetry of
    # the printed CI is checked.
    rows = _audit(tmp_path, [count("events", 2 * 10**15, unit="relapses"), rate("arr", 2, 0, "events", "", "1", "3")])
    assert "rate_ci_poisson__arr" not in rows
    assert rows["rate_ci_symmetry__arr"].status == "consistent"


def test_too_many_counts_for_a_poisson_ci_behind_a_rate_and_exposure(tmp_path):
    # 2000000.0000000 per patient-year (half a step 5e-8) over 1000000000.0000 patient-years (5e-5): whole counts
    # from about 2e15 - 2e6 x 5e-5 - 1e9 x 5e-8 = 2e15 - 150 to 2e15 + 150, fewer than 2000 but each past 10**15:
    # listed by rate_grim, and the printed CI is compared with none of their Poisson CIs.
    rows = _audit(tmp_path, [exposure("py", "1000000000.0000", 4),
                             rate("arr", "2000000.0000000", 7, "", "py", "1999999.0000000", "2000001.0000000")])
    assert rows["rate_grim__arr"].status == "consistent"
    assert rows["rate_grim__arr"].low > 10**15
    assert "rate_ci_poisson__arr" not in rows


def test_a_rate_past_the_events_limit_does_not_stop_the_checks_of_the_rates_after_it(tmp_path):
    rows = _audit(tmp_path, [count("many", 2 * 10**15, unit="relapses"), exposure("py_many", 10**15),
                             rate("arr_many", 2, 0, "many", "py_many"),
                             count("events", 10, unit="relapses"), exposure("py", 100),
                             rate("arr", "0.10", 2, "events", "py")])
    assert rows["rate_exact_ci__arr_many"].status == "not_recomputable"
    assert rows["rate_exact_ci__arr"].status == "derived"


def test_the_exact_ci_of_a_rate_is_computed_at_the_audits_level(tmp_path):
    # 10 events over 100 patient-years at 90 %: chi2.ppf(0.05, 20) / 2 / 100 and chi2.ppf(0.95, 22) / 2 / 100,
    # the Garwood interval (scipy on the printed numbers).
    rows = {row.key: row for row in audit.run(read_values(values_file(tmp_path, [
        count("events", 10, unit="relapses"), exposure("py", 100), rate("arr", "0.10", 2, "events", "py")])),
        "demo", level=0.9)}
    row = rows["rate_exact_ci__arr"]
    # the ledger keeps six significant digits
    assert row.low == pytest.approx(stats.chi2.ppf(0.05, 20) / 2 / 100, rel=1e-5)
    assert row.high == pytest.approx(stats.chi2.ppf(0.95, 22) / 2 / 100, rel=1e-5)
    assert "90%" in row.finding


def test_events_at_the_limit_with_no_exposure_printed_still_get_their_poisson_comparison(tmp_path):
    # 10**15 events, the most poisson_ci takes, at a rate of 2 imply an exposure; one more and they would not.
    rows = _audit(tmp_path, [count("events", 10**15, unit="relapses"), rate("arr", 2, 0, "events", "", "1", "3")])
    assert "rate_ci_poisson__arr" in rows
