"""The rate checks (analysis.audit.checks_rates) read as a reviewer reads them: the words of each finding, the
numbers it names and the boundaries where a verdict turns. Each expected number is worked by hand in a comment
from the printed ones; exact Poisson bounds at unit exposure are chi-squared quantiles (Garwood 1936) taken from
scipy: lower chi2.ppf(0.025, 2k) / 2, upper chi2.ppf(0.975, 2k + 2) / 2."""

from test_audit import _audit, count
from test_audit_rate_checks import exposure, rate


def test_a_rate_per_100_patient_years_is_recomputed_with_its_scale_named(tmp_path):
    # 10 events over 200 patient-years (199.5 to 200.5), per 100: 100 x 10 / 200 = 5; over the rounding
    # 1000 / 200.5 = 4.9875 to 1000 / 199.5 = 5.0125, which meets the printed 5.0 (4.95 to 5.05).
    rows = _audit(tmp_path, [count("events", 10, unit="relapses"), exposure("py", 200),
                             rate("arr", "5.0", 1, "events", "py", unit="per_100_patient_years")])
    row = rows["rate_recompute__arr"]
    assert row.status == "match"
    assert row.finding == ("arr = 5.0 recomputed as events = 10 / py = 200 x 100 (per 100 patient-years): 5 "
                           "(range 4.988 to 5.013 over the exposure's rounding) prints as the rate")


# --- an exposure printed as a whole count is exact: the printed CI is compared at that exposure alone ------------
# A denominator that is a count (here 100 patients followed for one year each, typed as a count) is not rounded:
# the exposure is 100 exactly, so the exposures at which a printed CI can be the exact one, or hold it, meet the
# exposure's range in the single point 100. Exact bounds of 10 events at unit exposure (scipy):
# chi2.ppf(0.025, 20) / 2 = 4.795389 and chi2.ppf(0.975, 22) / 2 = 18.390356.

def test_the_exact_ci_over_an_exposure_printed_as_a_count_is_recognised(tmp_path):
    # 4.795389 / 100 = 0.048 prints as 0.05, 18.390356 / 100 = 0.184 as 0.18: the printed CI is the exact one.
    rows = _audit(tmp_path, [count("events", 10, unit="relapses"), count("patients", 100),
                             rate("arr", "0.10", 2, "events", "patients", "0.05", "0.18")])
    row = rows["rate_ci_poisson__arr"]
    assert row.finding == ("arr = 0.10 (0.05 to 0.18) beside the exact Poisson 95% CI of 10 events: the exact CI of 10 "
                           "events prints as the printed CI")
    assert row.status == "consistent"
    # over exactly 100: 10 / 100 = 0.1, no range
    assert (rows["rate_recompute__arr"].low, rows["rate_recompute__arr"].high) == (0.1, 0.1)


def test_a_ci_wider_than_the_exact_one_over_an_exposure_printed_as_a_count(tmp_path):
    # 0.03 to 0.30 is not the exact CI at exposure 100 (the upper bound 0.30 needs 18.390356 / 0.305 = 60.3 to
    # 18.390356 / 0.295 = 62.3 patient-years), but it holds the exact CI 0.048 to 0.184: wider.
    rows = _audit(tmp_path, [count("events", 10, unit="relapses"), count("patients", 100),
                             rate("arr", "0.10", 2, "events", "patients", "0.03", "0.30")])
    row = rows["rate_ci_poisson__arr"]
    assert row.finding.endswith("CI of 10 events: wider than Poisson: model-based? (a negative binomial or robust "
                                "interval allows for between-patient variation; not an error)")
    assert row.status == "consistent"



# --- a recomputed rate exactly on a rounding tie ----------------------------------------------------------------

def test_a_rate_recomputed_exactly_on_a_rounding_tie_prints_either_way(tmp_path):
    # 3 events over exactly 20 (a count: not rounded) is 3 / 20 = 0.15 exactly, half-way between 0.1 and 0.2 at one
    # decimal: rounded half up (or half to even) it prints 0.2, half down 0.1; the audit does not know the rule used.
    # Either is a match.
    rows = _audit(tmp_path, [count("events", 3, unit="relapses"), count("patients", 20),
                             rate("down", "0.1", 1, "events", "patients"), rate("up", "0.2", 1, "events", "patients")])
    for key in ("down", "up"):
        row = rows[f"rate_recompute__{key}"]
        assert row.status == "match"
        assert row.finding.endswith("0.15 (range 0.15 to 0.15 over the exposure's rounding) prints as the rate")


# --- rate_grim's list of counts, and its counts at the events limit ------------------------------------------

def test_rate_grim_with_seven_counts_shows_six_and_one_more(tmp_path):
    # 0.60 (0.595 to 0.605) over 640 patient-years (639.5 to 640.5): counts from ceil(0.595 x 639.5) =
    # ceil(380.5025) = 381 to floor(0.605 x 640.5) = floor(387.5025) = 387, seven of them: six shown, one more.
    row = _audit(tmp_path, [exposure("py", 640), rate("arr", "0.60", 2, denominator="py")])["rate_grim__arr"]
    assert row.finding == ("arr = 0.60 over py = 640 patient_years: whole event counts 381, 382, 383, 384, 385, 386 "
                           "and 1 more give it")
    assert (row.low, row.high) == (381, 387)


def test_counts_up_to_exactly_10_to_the_15_events_are_compared_with_their_exact_cis(tmp_path):
    # 190.7348632812 at 10 decimals: its upper rounding end is 190.73486328125 = 5**8 / 2**11, held exactly by a
    # float; over 2**26 x 5**7 = 5242880000000 patient-years the most events are 5**8 / 2**11 x 2**26 x 5**7 =
    # 10**15 exactly, the most poisson_ci takes (the exposure printed to 4 decimals moves that by under 0.01 event).
    # The rate's rounding width 1e-10 over that exposure is 524.288 events: counts from 10**15 - 524 to 10**15, 525
    # of them. The exact CI of about 10**15 events there is about 190.73486 +- 0.0000118: 100 to 300 holds it.
    rows = _audit(tmp_path, [exposure("py", "5242880000000.0000", 4),
                             rate("arr", "190.7348632812", 10, "", "py", "100.0000000000", "300.0000000000")])
    assert rows["rate_grim__arr"].finding.endswith("whole event counts 999999999999476, 999999999999477, "
                                                   "999999999999478, 999999999999479, 999999999999480, "
                                                   "999999999999481 and 519 more give it")
    row = rows["rate_ci_poisson__arr"]
    assert row.finding.startswith("arr = 190.7348632812 (100.0000000000 to 300.0000000000) beside the exact Poisson "
                                  "95% CI of each of the 525 event counts the rate allows: wider than Poisson")
    assert row.status == "consistent"
