"""The rate checks (analysis.audit.checks_rates) on the paths and boundaries a reviewer meets: an exposure implied
by events and rate, exposures and event counts at their limits, the verdict words of each check, and the
rate printed in the wrong unit. Exact Poisson bounds are chi-squared quantiles (Garwood 1936), taken from scipy
in the comments: for k events, lower chi2(0.025; 2k) / 2 and upper chi2(0.975; 2k + 2) / 2 at unit exposure."""

import pytest
from test_audit import _audit, count

EXPOSURE = {"unit": "patient_years", "statistic": "value"}


def rate(quantity, value, decimals, of="", denominator="", low="", high="", unit="per_patient_year", **extra):
    return {"quantity": quantity, "value": value, "decimals": decimals, "unit": unit, "statistic": "rate",
            "of": of, "denominator": denominator, "ci_low": low, "ci_high": high, **extra}


def exposure(quantity, value, decimals=0, **extra):
    return {"quantity": quantity, "value": value, "decimals": decimals, **EXPOSURE, **extra}


# --- an exposure implied by the events and the rate ------------------------------------------------------

def test_events_and_a_rate_without_exposure_imply_one_and_the_ci_is_checked_against_it(tmp_path):
    # 12 events at 0.40 per patient-year (0.395 to 0.405): the exposure lies in 12 / 0.405 = 29.63 to
    # 12 / 0.395 = 30.38. Exact bounds at unit exposure: 6.2006 and 20.9616. Printed 0.21 needs t in
    # 6.2006 / 0.215 = 28.84 to 6.2006 / 0.205 = 30.25; printed 0.70 needs t in 20.9616 / 0.705 = 29.73 to
    # 20.9616 / 0.695 = 30.16: t = 30 fits all three, so the printed CI is the exact one.
    rows = _audit(tmp_path, [count("events", 12, unit="relapses"),
                             rate("arr", "0.40", 2, "events", "", "0.21", "0.70")])
    poisson = rows["rate_ci_poisson__arr"]
    assert poisson.status == "consistent"
    assert poisson.finding == ("arr = 0.40 (0.21 to 0.70) beside the exact Poisson 95% CI of 12 events: the exact CI "
                               "of 12 events prints as the printed CI")
    assert poisson.inputs == "arr;events"
    # no exposure printed: nothing to recompute the rate from, and no derived CI
    assert "rate_recompute__arr" not in rows and "rate_exact_ci__arr" not in rows


def test_a_single_event_implies_an_exposure_too(tmp_path):
    # 1 event at 0.100 (0.0995 to 0.1005): t in 9.950 to 10.050. Exact bounds 0.025318 and 5.571643: the printed
    # 0.557 needs t in 5.571643 / 0.5575 = 9.994 to 5.571643 / 0.5565 = 10.012, the printed 0.003 needs t in
    # 0.025318 / 0.0035 = 7.23 to 0.025318 / 0.0025 = 10.13: t = 10 fits.
    rows = _audit(tmp_path, [count("events", 1, unit="relapses"),
                             rate("arr", "0.100", 3, "events", "", "0.003", "0.557")])
    assert rows["rate_ci_poisson__arr"].status == "consistent"
    assert "the exact CI of 1 events prints as the printed CI" in rows["rate_ci_poisson__arr"].finding


def test_zero_events_imply_no_exposure(tmp_path):
    # 0 events cannot be divided by a rate into an exposure: the CI is only tested for symmetry.
    rows = _audit(tmp_path, [count("events", 0, unit="relapses"), rate("arr", "0.10", 2, "events", "", "0.05", "0.20")])
    assert "rate_ci_poisson__arr" not in rows
    assert rows["rate_ci_symmetry__arr"].status == "consistent"


def test_a_rate_below_a_threshold_implies_no_exposure(tmp_path):
    rows = _audit(tmp_path, [count("events", 12, unit="relapses"),
                             rate("arr", "0.40", 2, "events", "", "0.21", "0.70", comparator="<")])
    assert "rate_ci_poisson__arr" not in rows


# --- exposures at their limits -----------------------------------------------------------------------------

def test_an_exposure_of_one_patient_year_is_an_exposure(tmp_path):
    # 3 events over 1 patient-year printed whole (0.5 to 1.5): 3 / 1.5 = 2 to 3 / 0.5 = 6, and 3.0 lies within.
    rows = _audit(tmp_path, [count("events", 3, unit="relapses"), exposure("py", 1),
                             rate("arr", "3.0", 1, "events", "py")])
    row = rows["rate_recompute__arr"]
    assert row.status == "match"
    assert (row.recomputed, row.low, row.high) == (3.0, 2.0, 6.0)
    assert row.interval == "rounding"


def test_an_exposure_printed_as_0_is_no_exposure(tmp_path):
    # A denominator that holds 0 gives no rate to recompute (no division by 0); the events and the rate still imply
    # an exposure for the CI: 12 events at 0.40, as in the test above, print as the exact CI.
    rows = _audit(tmp_path, [count("events", 12, unit="relapses"), count("nobody", 0),
                             rate("arr", "0.40", 2, "events", "nobody", "0.21", "0.70")])
    assert "rate_recompute__arr" not in rows
    assert rows["rate_ci_poisson__arr"].status == "consistent"


def test_an_exposure_below_a_threshold_is_no_exposure(tmp_path):
    rows = _audit(tmp_path, [count("events", 3, unit="relapses"), exposure("py", 100, comparator="<"),
                             rate("arr", "0.03", 2, "events", "py")])
    assert "rate_recompute__arr" not in rows and "rate_grim__arr" not in rows


# --- the words of each verdict ---------------------------------------------------------------------------

def test_a_recomputed_rate_and_its_exact_ci_in_words(tmp_path):
    # 10 events over 100 patient-years (99.5 to 100.5): 0.1, from 10 / 100.5 = 0.0995 to 10 / 99.5 = 0.1005,
    # which prints as 0.10. Exact CI 4.7954 / 100 = 0.04795 to 18.390 / 100 = 0.1839.
    rows = _audit(tmp_path, [count("events", 10, unit="relapses"), exposure("py", 100),
                             rate("arr", "0.10", 2, "events", "py")])
    recompute = rows["rate_recompute__arr"]
    assert recompute.finding == ("arr = 0.10 recomputed as events = 10 / py = 100: 0.1 (range 0.0995 to 0.1005 over "
                                 "the exposure's rounding) prints as the rate")
    assert (recompute.kind, recompute.status, recompute.reported) == ("reported", "match", 0.10)
    assert recompute.inputs == "arr;events;py"
    exact = rows["rate_exact_ci__arr"]
    assert exact.finding == ("arr: exact (Garwood) Poisson 95% CI of 10 events over 100 patient_years: 0.04795 to "
                             "0.1839")
    assert (exact.kind, exact.status, exact.interval, exact.level) == ("derived", "derived", "ci", 0.95)
    assert exact.recomputed == pytest.approx(0.1)
    assert exact.low == pytest.approx(0.0479539, rel=1e-5) and exact.high == pytest.approx(0.1839036, rel=1e-5)


def test_a_rate_that_cannot_be_recomputed_is_a_mismatch(tmp_path):
    # 10 / 100 gives 0.0995 to 0.1005: never 0.12, nor 0.12 scaled by any power of ten.
    rows = _audit(tmp_path, [count("events", 10, unit="relapses"), exposure("py", 100),
                             rate("arr", "0.12", 2, "events", "py")])
    row = rows["rate_recompute__arr"]
    assert row.status == "mismatch"
    assert row.finding.endswith("0.1 (range 0.0995 to 0.1005 over the exposure's rounding) cannot print as the rate")


@pytest.mark.parametrize(("printed", "decimals", "factor", "per"), [
    ("10.0", 1, "100", "100"),  # 10 / 100 = 0.1 per patient-year typed as 10.0: per 100
    ("1.0", 1, "10", "10"),  # 1.0 is 0.1 x 10
    ("100", 0, "1000", "1000"),
    ("0.010", 3, "0.1", "0.1"),  # 0.01 x 10 = 0.1: the reverse
])
def test_a_rate_in_the_wrong_unit_names_the_power_of_ten(tmp_path, printed, decimals, factor, per):
    rows = _audit(tmp_path, [count("events", 10, unit="relapses"), exposure("py", 100),
                             rate("arr", printed, decimals, "events", "py")])
    row = rows["rate_recompute__arr"]
    assert row.status == "mismatch"
    assert row.finding.endswith(f"cannot print as the rate; it does when multiplied by {factor}: the rate may be per "
                                f"{per} patient-years, not in the unit given")


def test_a_rate_per_100_patient_years_in_the_wrong_unit_says_per_what(tmp_path):
    # 10 events over 100 patient-years is 10 per 100 patient-years (9.95 to 10.05 over the exposure's rounding);
    # the printed 1.0 is that multiplied by 0.1: 1.0 events per 0.1 x 100 = 10 patient-years.
    rows = _audit(tmp_path, [count("events", 10, unit="relapses"), exposure("py", 100),
                             rate("arr", "1.0", 1, "events", "py", unit="per_100_patient_years")])
    row = rows["rate_recompute__arr"]
    assert row.finding.startswith("arr = 1.0 recomputed as events = 10 / py = 100 x 100 (per 100 patient-years): 10 ")
    assert row.finding.endswith("it does when multiplied by 0.1: the rate may be per 10 patient-years, not in the "
                                "unit given")


def test_rate_grim_lists_six_counts_and_says_how_many_more(tmp_path):
    # 0.6 per patient-year (0.55 to 0.65) over 321 patient-years (320.5 to 321.5): counts from
    # ceil(0.55 x 320.5) = ceil(176.3) = 177 to floor(0.65 x 321.5) = floor(209.0) = 208, 32 of them.
    rows = _audit(tmp_path, [exposure("py", 321), rate("arr", "0.6", 1, denominator="py")])
    row = rows["rate_grim__arr"]
    assert row.finding == ("arr = 0.6 over py = 321 patient_years: whole event counts 177, 178, 179, 180, 181, 182 "
                           "and 26 more give it")
    assert (row.kind, row.status, row.low, row.high, row.interval) == ("consistency", "consistent", 177, 208,
                                                                       "feasible")
    assert row.reported == 0.6 and row.inputs == "arr;py"


def test_rate_grim_with_six_counts_lists_them_all(tmp_path):
    # 0.60 (0.595 to 0.605) over 540 patient-years (539.5 to 540.5): counts from ceil(0.595 x 539.5) =
    # ceil(321.0025) = 322 to floor(0.605 x 540.5) = floor(327.0025) = 327: six counts, each shown.
    rows = _audit(tmp_path, [exposure("py", 540), rate("arr", "0.60", 2, denominator="py")])
    row = rows["rate_grim__arr"]
    assert row.finding.endswith("whole event counts 322, 323, 324, 325, 326, 327 give it")
    assert (row.low, row.high) == (322, 327)


def test_a_rate_no_whole_count_gives_is_inconsistent(tmp_path):
    # 0.30 (0.295 to 0.305) over 1.0 patient-year (0.95 to 1.05): k between 0.295 x 0.95 = 0.28 and
    # 0.305 x 1.05 = 0.32: no whole number.
    rows = _audit(tmp_path, [exposure("py", "1.0", 1), rate("arr", "0.30", 2, denominator="py")])
    row = rows["rate_grim__arr"]
    assert row.status == "inconsistent"
    assert row.finding == ("arr = 0.30 over py = 1.0 patient_years: no whole number of events over any exposure that "
                           "prints as the printed one gives it")
    assert (row.low, row.high, row.interval) == (None, None, "")


@pytest.mark.parametrize(("years", "listed"), [(1998, True), (1999, False)])
def test_rate_grim_lists_at_most_2000_counts(tmp_path, years, listed):
    # A rate of 2 (1.5 to 2.5) over 1998 patient-years (1997.5 to 1998.5): ceil(2996.25) = 2997 to
    # floor(4996.25) = 4996, exactly 2000 counts. Over 1999: ceil(2997.75) = 2998 to floor(4998.75) = 4998, 2001:
    # the rate pins nothing down, and no row is written.
    rows = _audit(tmp_path, [exposure("py", years), rate("arr", 2, 0, denominator="py")])
    assert ("rate_grim__arr" in rows) is listed
    if listed:
        assert rows["rate_grim__arr"].finding.endswith("2997, 2998, 2999, 3000, 3001, 3002 and 1994 more give it")


def test_a_ci_narrower_than_poisson_says_so(tmp_path):
    # 10 events over 100 patient-years: exact CI 0.048 to 0.184; 0.10 (0.08 to 0.12) is inside it.
    rows = _audit(tmp_path, [count("events", 10, unit="relapses"), exposure("py", 100),
                             rate("arr", "0.10", 2, "events", "py", "0.08", "0.12")])
    row = rows["rate_ci_poisson__arr"]
    assert row.finding == ("arr = 0.10 (0.08 to 0.12) beside the exact Poisson 95% CI of 10 events: the printed CI is "
                           "narrower than, or shifted from, the exact Poisson CI of every count the rate allows")
    assert (row.status, row.reported, row.inputs) == ("inconsistent", 0.10, "arr;events;py")


def test_a_ci_wider_than_poisson_says_model_based(tmp_path):
    rows = _audit(tmp_path, [count("events", 10, unit="relapses"), exposure("py", 100),
                             rate("arr", "0.10", 2, "events", "py", "0.03", "0.30")])
    row = rows["rate_ci_poisson__arr"]
    assert row.finding == ("arr = 0.10 (0.03 to 0.30) beside the exact Poisson 95% CI of 10 events: wider than "
                           "Poisson: model-based? (a negative binomial or robust interval allows for between-patient "
                           "variation; not an error)")
    assert row.status == "consistent"


def test_a_ci_beside_every_count_an_exposure_allows(tmp_path):
    # 0.60 over 321 patient-years allows 191 to 194 events (test_audit): the printed CI is compared with each.
    rows = _audit(tmp_path, [exposure("py", 321), rate("arr", "0.60", 2, "", "py", "0.10", "5.00")])
    row = rows["rate_ci_poisson__arr"]
    assert row.finding.startswith("arr = 0.60 (0.10 to 5.00) beside the exact Poisson 95% CI of each of the 4 event "
                                  "counts the rate allows: wider than Poisson")


# --- symmetry -------------------------------------------------------------------------------------------------

def test_a_ci_symmetric_on_the_rate_scale(tmp_path):
    # 0.50 (0.30 to 0.70): the midpoint 0.50 is the estimate; on the log scale 0.50 / sqrt(0.21) = 1.091, at most
    # 0.505 / sqrt(0.295 x 0.695) = 1.114 and at least 0.495 / sqrt(0.305 x 0.705) = 1.067: not log-symmetric.
    row = _audit(tmp_path, [rate("arr", "0.50", 2, low="0.30", high="0.70")])["rate_ci_symmetry__arr"]
    assert row.finding == "arr = 0.50 (0.30 to 0.70): the CI is symmetric on the rate scale within rounding"
    assert (row.status, row.reported) == ("consistent", 0.5)


def test_a_ci_symmetric_on_both_scales_within_rounding(tmp_path):
    # 0.10 (0.09 to 0.11): midpoint 0.10, and 0.10 / sqrt(0.0099) = 1.005, within rounding of 1.
    row = _audit(tmp_path, [rate("arr", "0.10", 2, low="0.09", high="0.11")])["rate_ci_symmetry__arr"]
    assert row.finding.endswith("the CI is symmetric on the rate scale and on the log scale within rounding")


def test_a_ci_symmetric_on_neither_scale_is_flagged_unless_it_is_the_exact_one(tmp_path):
    # 0.10 (0.05 to 0.50): the midpoint is at least (0.045 + 0.495) / 2 = 0.27 > 0.105; the log centre
    # E / sqrt(L U) runs from 0.095 / sqrt(0.055 x 0.505) = 0.571 to 0.105 / sqrt(0.045 x 0.495) = 0.704 < 1.
    # Not the exact CI either: no events or exposure are printed.
    rows = _audit(tmp_path, [rate("arr", "0.10", 2, low="0.05", high="0.50")])
    row = rows["rate_ci_symmetry__arr"]
    assert row.status == "inconsistent"
    # Skewed beyond both: the least geometric mean of the bounds, sqrt(0.045 x 0.495) = 0.149, is above the
    # estimate's 0.105, and exact, score and likelihood-ratio intervals keep the estimate at or above it.
    assert row.finding == ("arr = 0.10 (0.05 to 0.50): the CI is symmetric on neither the rate nor the log scale "
                           "within rounding, and skewed beyond both: its estimate lies outside the band from the "
                           "bounds' geometric mean to their midpoint, where Wald intervals on either scale and exact "
                           "Poisson, score and likelihood-ratio intervals lie")


def test_a_ci_skewed_between_the_two_scales_passes_without_its_counts(tmp_path):
    # The exact Poisson CI of 40 events (scipy: chi2.ppf(0.025, 80) / 2 = 28.58, chi2.ppf(0.975, 82) / 2 = 54.47)
    # over 20 patient-years, printed 2.00 (1.43 to 2.72) with neither printed. Rate scale: the midpoint is at least
    # (1.425 + 2.715) / 2 = 2.07 > 2.005. Log scale: E / sqrt(L U) is at least 1.995 / sqrt(1.435 x 2.725) = 1.0088
    # > 1. Between them: sqrt(1.425 x 2.715) = 1.967 <= 2.005 and 2.08 >= 1.995.
    row = _audit(tmp_path, [rate("arr", "2.00", 2, low="1.43", high="2.72")])["rate_ci_symmetry__arr"]
    assert row.status == "consistent"
    assert row.finding == ("arr = 2.00 (1.43 to 2.72): the CI is symmetric on neither scale but skewed between them, "
                           "as an exact Poisson, score or likelihood-ratio interval is: its estimate lies between the "
                           "bounds' geometric mean and their midpoint within rounding")


@pytest.mark.parametrize("events", [1, 2, 3, 5, 8, 13, 40, 97, 250, 1000])
def test_every_exact_poisson_ci_printed_without_its_counts_passes(tmp_path, events):
    # scipy's chi-squared quantiles give the exact (Garwood) CI; over 7.3 patient-years, printed with 2 decimals.
    from scipy.stats import chi2

    exposure_years = 7.3
    low, high = chi2.ppf(0.025, 2 * events) / 2 / exposure_years, chi2.ppf(0.975, 2 * events + 2) / 2 / exposure_years
    row = _audit(tmp_path, [rate("arr", f"{events / exposure_years:.2f}", 2, low=f"{low:.2f}",
                                 high=f"{high:.2f}")])["rate_ci_symmetry__arr"]
    assert row.status == "consistent", row.finding


def test_an_exact_poisson_ci_is_asymmetric_on_both_scales_and_passes(tmp_path):
    # 2 events over 10 patient-years: exact CI 0.24221 / 10 = 0.024 and 7.2247 / 10 = 0.72, printed
    # 0.20 (0.02 to 0.72). Rate scale: midpoint at least (0.015 + 0.715) / 2 = 0.365 > 0.205. Log scale: centre at
    # most 0.205 / sqrt(0.015 x 0.715) = 1.979, at least 0.195 / sqrt(0.025 x 0.725) = 1.448 > 1. Neither: but it
    # is the exact CI (rate_ci_poisson matches), so it passes.
    rows = _audit(tmp_path, [count("events", 2, unit="relapses"), exposure("py", 10),
                             rate("arr", "0.20", 2, "events", "py", "0.02", "0.72")])
    assert rows["rate_ci_poisson__arr"].status == "consistent"
    row = rows["rate_ci_symmetry__arr"]
    assert row.status == "consistent"
    assert row.finding.endswith("the CI is symmetric on neither scale, as an exact Poisson CI is; it is the exact CI "
                                "(rate_ci_poisson)")
