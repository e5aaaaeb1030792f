"""The checks of counts and percentages (analysis.audit.checks_proportions) on the paths and boundaries a reviewer
meets, read in the words of each finding. Rows are built in memory and the module's ``run`` is called directly.
Reference intervals for 3 of 10 at 95 %, from scipy and closed forms (z = 1.959964):
Clopper-Pearson beta.ppf(0.025, 3, 8) = 0.066740, beta.ppf(0.975, 4, 7) = 0.652453 (R: binom.test(3, 10));
Wilson 0.107791 to 0.603222 (R: prop.test(3, 10, correct = FALSE)); Wald 0.3 -+ z sqrt(0.021) = 0.015974 to
0.584026; Agresti-Coull on 13.8415 trials, 0.103338 to 0.607675; Jeffreys beta.ppf(0.025 | 0.975, 3.5, 7.5) =
0.092695 to 0.605818."""

import pytest

from analysis.audit import checks_proportions
from analysis.audit._context import Context, Printed


def printed(quantity, value, decimals=0, statistic="count", unit="patients", comparator="=", of="", denominator="",
            low=None, high=None, ci_decimals=None, source="X1"):
    return Printed(quantity=quantity, value=float(value), decimals=decimals, comparator=comparator, unit=unit,
                   statistic=statistic, of=of, denominator=denominator, df="", ci_low=low, ci_high=high,
                   source=source, ci_decimals=decimals if ci_decimals is None else ci_decimals, role="primary")


def pct(quantity, value, decimals=0, of="", denominator="", **extra):
    return printed(quantity, value, decimals, "percent", "percent", of=of, denominator=denominator, **extra)


def run(*rows, level=0.95):
    ctx = Context("demo", {row.quantity: row for row in rows}, level)
    checks_proportions.run(ctx)
    return {row.key: row for row in ctx.ledger.rows}


# --- a percent recomputed from its count and total -----------------------------------------------------------

def test_a_percent_of_its_count_and_total_reads_the_recomputed_share():
    # 3 of 8 = 37.5 % exactly; printed 37.5 at one decimal: it rounds to the printed percent.
    rows = run(printed("n", 8), printed("k", 3), pct("k_pct", "37.5", 1, of="k", denominator="n"))
    row = rows["percent_recompute__k_pct"]
    assert (row.status, row.kind, row.inputs, row.reported, row.recomputed) == ("match", "reported", "k_pct;k;n",
                                                                               37.5, 37.5)
    assert row.finding == ("k_pct = 37.5 % recomputed from k = 3 of n = 8: 100 x 3 / 8 = 37.5 % rounds to the "
                           "printed percent")


def test_a_percent_that_no_rounding_of_its_share_gives_is_a_mismatch():
    # 3 of 8 = 37.5 % exactly: printed 38.5 at one decimal it is neither half-up nor half-even of 37.5.
    rows = run(printed("n", 8), printed("k", 3), pct("k_pct", "38.5", 1, of="k", denominator="n"))
    row = rows["percent_recompute__k_pct"]
    assert (row.status, row.recomputed) == ("mismatch", 37.5)
    assert row.finding == ("k_pct = 38.5 % recomputed from k = 3 of n = 8: 100 x 3 / 8 = 37.5 % is not the printed "
                           "percent under any rounding")


@pytest.mark.parametrize(("comparator", "threshold", "status", "reason"), [
    ("<", 20, "match", "satisfies the printed threshold"),  # 15 < 20
    ("<", 15, "mismatch", "does not satisfy the printed threshold"),  # 15 < 15 is false: the bound is strict
    (">", 10, "match", "satisfies the printed threshold"),  # 15 > 10
    (">", 15, "mismatch", "does not satisfy the printed threshold"),  # 15 > 15 is false
    (">", 16, "mismatch", "does not satisfy the printed threshold"),
])
def test_a_percent_printed_as_a_threshold_is_compared_with_it(comparator, threshold, status, reason):
    # 3 of 20 = 15 % exactly.
    rows = run(printed("n", 20), printed("k", 3),
               pct("k_pct", threshold, of="k", denominator="n", comparator=comparator))
    row = rows["percent_recompute__k_pct"]
    assert row.status == status
    assert row.finding == (f"k_pct {comparator} {threshold} % recomputed from k = 3 of n = 20: 100 x 3 / 20 = 15 % "
                           f"{reason}")


def test_the_total_of_a_percent_may_be_its_counts_denominator():
    # The percent names only its count; the count names its total: 3 of 8 = 37.5 %.
    rows = run(printed("n", 8), printed("k", 3, denominator="n"), pct("k_pct", "37.5", 1, of="k"))
    assert rows["percent_recompute__k_pct"].status == "match"
    assert rows["percent_recompute__k_pct"].inputs == "k_pct;k;n"


def test_the_percents_own_total_comes_before_its_counts():
    # The percent's denominator (8) is used, not the count's (10): 3 of 8 = 37.5 %, 3 of 10 would be 30 %.
    rows = run(printed("n", 8), printed("other", 10), printed("k", 3, denominator="other"),
               pct("k_pct", "37.5", 1, of="k", denominator="n"))
    assert rows["percent_recompute__k_pct"].status == "match"
    assert rows["percent_recompute__k_pct"].inputs == "k_pct;k;n"


@pytest.mark.parametrize("total", [printed("n", 8, 1, statistic="mean", unit="years"),
                                   printed("n", 8, comparator=">")])
def test_a_total_that_is_not_an_exact_count_checks_nothing(total):
    # A mean, or a count printed as "> 8", is no total of which 3 is a share: the percent is only tested for some
    # whole total of 3 (8: 300 / 8 = 37.5 exactly), and its CI, which needs the total, not at all.
    rows = run(total, printed("k", 3, denominator="n"), pct("k_pct", "37.5", 1, of="k", denominator="n",
                                                                     low=10.0, high=70.0))
    assert list(rows) == ["percent_some_total__k_pct"]
    assert rows["percent_some_total__k_pct"].status == "consistent"


def test_a_percent_with_a_count_printed_as_a_threshold_is_tested_for_a_count_only():
    # "< 5" patients is no count to divide: the percent is only tested as some share of 8 (GRIM): 3 of 8 = 37.5 %.
    rows = run(printed("n", 8), printed("k", 5, comparator="<"), pct("k_pct", "37.5", 1, of="k", denominator="n"))
    assert "percent_recompute__k_pct" not in rows
    assert rows["percent_grim__k_pct"].status == "consistent"
    assert rows["percent_grim__k_pct"].inputs == "k_pct;n"


# --- a total of 0 or 1 -----------------------------------------------------------------------------------------

def test_a_percent_of_a_total_of_0_with_its_count_is_a_mismatch():
    rows = run(printed("n", 0), printed("k", 0), pct("k_pct", 0, of="k", denominator="n", low=0.0, high=5.0))
    row = rows["percent_recompute__k_pct"]
    assert (row.status, row.kind, row.reported, row.inputs) == ("mismatch", "reported", 0.0, "k_pct;k;n")
    assert row.finding == "k_pct = 0 (0 to 5) % of n = 0: a total of 0 has no shares (100 k / 0 is undefined)"
    # nothing else is tested: no count's CI, no percent CI of no trials
    assert list(rows) == ["percent_recompute__k_pct"]


@pytest.mark.parametrize("count", [None, printed("k", 1, comparator="<")])
def test_a_percent_of_a_total_of_0_without_a_count_is_inconsistent(count):
    rows = run(printed("n", 0), *([count] if count else []), pct("k_pct", 50, of="k", denominator="n"))
    row = rows["percent_grim__k_pct"]
    assert (row.status, row.kind, row.reported, row.inputs) == ("inconsistent", "consistency", 50.0, "k_pct;n")
    assert row.finding == "k_pct = 50 % of n = 0: a total of 0 has no shares (100 k / 0 is undefined)"


def test_a_percent_of_a_total_of_1_is_a_share():
    # 1 of 1 = 100 %.
    rows = run(printed("n", 1), printed("k", 1), pct("k_pct", 100, of="k", denominator="n"))
    assert rows["percent_recompute__k_pct"].status == "match"
    assert rows["percent_recompute__k_pct"].recomputed == 100.0


# --- GRIM for a percent without its count ------------------------------------------------------------------------

def test_a_percent_some_count_of_its_total_gives_names_the_count():
    # 37 % of 99 stands for 36.5 to 37.5: 100 k / 99 in it means k in 36.135 to 37.125, so k = 37 (37.37 %).
    rows = run(printed("n", 99), pct("p", 37, denominator="n"))
    row = rows["percent_grim__p"]
    assert (row.status, row.kind, row.reported, row.inputs, row.interval) == ("consistent", "consistency", 37.0,
                                                                              "p;n", "feasible")
    # 3700 / 99 = 37.373737..., kept by the ledger to 6 significant digits
    assert row.recomputed == row.low == row.high == 37.3737
    assert row.finding == ("p = 37 % as a share of n = 99 (GRIM): the whole count(s) 37 of 99 print as 37 % "
                           "(100 k / 99 within [36.5, 37.5])")


def test_a_percent_no_count_of_its_total_gives_is_inconsistent():
    # Of 7: 2 / 7 = 28.57 % and 3 / 7 = 42.86 %; 33.3 % (33.25 to 33.35) is neither.
    row = run(printed("n", 7), pct("p", "33.3", 1, denominator="n"))["percent_grim__p"]
    assert (row.status, row.reported, row.recomputed, row.low, row.high) == ("inconsistent", 33.3, None, None, None)
    assert row.finding == ("p = 33.3 % as a share of n = 7 (GRIM): no whole count k of 7 gives 100 k / 7 within "
                           "[33.25, 33.35], the values that print as 33.3 %: not a share of 7")


@pytest.mark.parametrize(("total", "decimals", "value"), [(100, 0, "37"), (1000, 1, "37.3")])
def test_grim_cannot_fail_from_a_total_of_100_times_10_to_the_decimals(total, decimals, value):
    # A step of 100 / n is then at most 10^-decimals, the width of the printed rounding: some count always fits.
    row = run(printed("n", total), pct("p", value, decimals, denominator="n"))["percent_grim__p"]
    assert (row.status, row.kind, row.reported, row.recomputed) == ("by_construction", "consistency",
                                                                     float(value), None)
    assert row.finding == (f"p = {value} % as a share of n = {total} (GRIM): cannot fail when n >= 100 x "
                           f"10^decimals ({total} >= {total}), every printed percent is some count's share")


def test_grim_is_tested_just_below_that_total():
    # 10.0 % of 999 (9.95 to 10.05): 100 k / 999 for k = 100 is 10.01 %, so k = 100 (and no other: 99 gives 9.91).
    row = run(printed("n", 999), pct("p", "10.0", 1, denominator="n"))["percent_grim__p"]
    assert row.status == "consistent"
    assert "the whole count(s) 100 of 999 print as 10.0 %" in row.finding


def test_a_percent_printed_as_a_threshold_without_a_count_is_not_tested():
    # "< 5 %" of 40 is satisfied by k = 0 or 1: nothing to test, and no CI check of a threshold.
    rows = run(printed("n", 40), pct("p", 5, denominator="n", comparator="<", low=1.0, high=9.0))
    assert rows == {}


def test_a_percent_without_a_total_is_tested_only_for_some_whole_total():
    # no CI check without the total; 300 / 8 = 37.5 exactly, 300 / 7 = 42.9 and 300 / 9 = 33.3
    rows = run(printed("k", 3), pct("p", "37.5", 1, of="k", low=10.0, high=70.0))
    assert list(rows) == ["percent_some_total__p"]
    assert "a total of 8 gives it" in rows["percent_some_total__p"].finding


def test_a_percent_without_a_count_or_a_total_is_not_tested():
    assert run(pct("p", "37.5", 1, low=10.0, high=70.0)) == {}


# --- a percent's printed CI ------------------------------------------------------------------------------------

def test_a_printed_ci_that_is_the_clopper_pearson_interval_of_the_count():
    # 3 of 10 = 30.0 %, printed CI 6.7 to 65.2 at one decimal: Clopper-Pearson 6.674 to 65.245 prints so; Wilson
    # (10.8 to 60.3), Wald (1.6 to 58.4), Agresti-Coull (10.3 to 60.8) and Jeffreys (9.3 to 60.6) do not.
    rows = run(printed("n", 10), printed("k", 3), pct("k_pct", "30.0", 1, of="k", denominator="n", low=6.7, high=65.2))
    row = rows["percent_ci__k_pct"]
    assert (row.status, row.kind, row.reported, row.inputs) == ("consistent", "consistency", 30.0, "k_pct;k;n")
    assert row.finding == ("k_pct = 30.0 (6.7 to 65.2) % beside the 95% CIs of 3 of 10: the Clopper-Pearson CI of 3 "
                           "prints as it")


def test_every_method_whose_interval_prints_as_the_ci_is_named():
    # 5 of 10 = 50 %: Clopper-Pearson 18.71 to 81.29 and Wald 0.5 -+ 1.96 sqrt(0.025) = 19.01 to 80.99 both print as
    # 19 to 81; Wilson and Agresti-Coull (23.66 to 76.34) and Jeffreys (22.35 to 77.65) do not.
    row = run(printed("n", 10), printed("k", 5),
              pct("k_pct", 50, of="k", denominator="n", low=19.0, high=81.0))["percent_ci__k_pct"]
    assert row.status == "consistent"
    assert row.finding.endswith(": the Clopper-Pearson CI of 5 prints as it; the Wald CI of 5 prints as it")


def test_the_wilson_agresti_coull_and_jeffreys_intervals_are_tried_too():
    # 5 of 10: Wilson and Agresti-Coull 23.66 to 76.34 print as 24 to 76 (for k = n / 2 the two coincide);
    # Jeffreys 22.35 to 77.65 prints as 22 to 78.
    rows = run(printed("n", 10), printed("k", 5), pct("k_pct", 50, of="k", denominator="n", low=24.0, high=76.0),
               printed("j", 5), pct("j_pct", 50, of="j", denominator="n", low=22.0, high=78.0))
    assert rows["percent_ci__k_pct"].finding.endswith(": the Wilson CI of 5 prints as it; the Agresti-Coull CI of 5 "
                                                      "prints as it")
    assert rows["percent_ci__j_pct"].finding.endswith(": the Jeffreys CI of 5 prints as it")


def test_a_printed_ci_that_is_no_methods_interval_is_inconsistent():
    # 3 of 10 with 6.7 to 60.3: the Clopper-Pearson lower bound and the Wilson upper one, no single method.
    row = run(printed("n", 10), printed("k", 3),
              pct("k_pct", "30.0", 1, of="k", denominator="n", low=6.7, high=60.3))["percent_ci__k_pct"]
    assert (row.status, row.kind, row.reported) == ("inconsistent", "consistency", 30.0)
    assert row.finding == ("k_pct = 30.0 (6.7 to 60.3) % beside the 95% CIs of 3 of 10: the printed CI is none of "
                           "the Clopper-Pearson, Wilson, Wald, Agresti-Coull or Jeffreys intervals of any count the "
                           "percent allows")


def test_the_ci_bounds_are_read_at_their_own_decimals():
    # 30 % at no decimals with its CI at one decimal: 6.7 to 65.2 is Clopper-Pearson's for 3 of 10 (6.674, 65.245);
    # read at the estimate's decimals (7 to 65) it would be none.
    row = run(printed("n", 10), printed("k", 3), pct("k_pct", 30, of="k", denominator="n", low=6.7, high=65.2,
                                                     ci_decimals=1))["percent_ci__k_pct"]
    assert row.status == "consistent"
    assert "Clopper-Pearson CI of 3 prints as it" in row.finding


def test_without_a_count_every_count_the_percent_allows_is_tried():
    # 30 % of 1000 stands for 29.5 to 30.5: counts 295 to 305. Clopper-Pearson (scipy beta.ppf) for k = 295:
    # 26.687 to 32.434 (upper below 32.5); 296: 26.784 to 32.536; 303: 27.463 to 33.253; 304: 27.560 (lower above
    # 27.5): the printed 27 to 33 is the Clopper-Pearson CI of the eight counts 296 to 303.
    row = run(printed("n", 1000), pct("p", 30, denominator="n", low=27.0, high=33.0))["percent_ci__p"]
    assert (row.status, row.inputs) == ("consistent", "p;n")
    assert row.finding.startswith("p = 30 (27 to 33) % beside the 95% CIs of each of the counts 295 to 305 of 1000: "
                                  "the Clopper-Pearson CI of 296, 297, 298, 299, 300, 301 and 2 more prints as it; ")


def test_a_percent_no_count_gives_has_no_ci_to_test():
    # 33.3 % of 7 is no share of 7 (see the GRIM test above): its CI is not recomputable.
    row = run(printed("n", 7), pct("p", "33.3", 1, denominator="n", low=5.0, high=70.0))["percent_ci__p"]
    assert (row.status, row.kind, row.inputs) == ("not_recomputable", "consistency", "p;n")
    assert row.finding == ("percent_ci on p = 33.3 (5.0 to 70.0): not recomputable (no whole count prints as the "
                           "percent (see percent_grim))")


def test_at_most_2000_counts_are_tried_one_by_one():
    # 50 % (49.5 to 50.5) of 199,999: k from ceil(98,999.505) = 99,000 to floor(100,999.495) = 100,999, 2000 counts,
    # all tried; of 200,000: 99,000 to 101,000, 2001 counts, refused. For k = n / 2 the Wald CI is
    # 50 -+ 1.96 x sqrt(0.25 / 199,999) x 100 = 50 -+ 0.22 %, printed 50 to 50.
    rows = run(printed("n", 199_999), printed("m", 200_000), pct("p", 50, denominator="n", low=50.0, high=50.0),
               pct("q", 50, denominator="m", low=50.0, high=50.0))
    assert rows["percent_ci__p"].status == "consistent"
    assert "each of the counts 99000 to 100999 of 199999" in rows["percent_ci__p"].finding
    refused = rows["percent_ci__q"]
    assert (refused.status, refused.inputs) == ("not_recomputable", "q;m")
    assert refused.finding == ("percent_ci on q = 50 (50 to 50): not recomputable (2001 counts of 200000 print as the "
                               "percent, more than the 2000 tested one by one)")


def test_a_percent_of_0_or_100_tries_only_the_counts_within_the_total():
    # 0 % of 10 (-0.5 to 0.5) allows k = 0 only; 100 % (99.5 to 100.5) k = 10 only. Clopper-Pearson for 0 of 10:
    # 0 to 1 - 0.025^(1/10) = 30.85 %, for 10 of 10: 69.15 to 100 %.
    rows = run(printed("n", 10), pct("none", 0, denominator="n", low=0.0, high=31.0),
               pct("all", 100, denominator="n", low=69.0, high=100.0))
    assert "95% CIs of 0 of 10: the Clopper-Pearson CI of 0 prints as it" in rows["percent_ci__none"].finding
    assert "95% CIs of 10 of 10: the Clopper-Pearson CI of 10 prints as it" in rows["percent_ci__all"].finding


@pytest.mark.parametrize("extra", [{"low": 10.0}, {"high": 70.0}, {"comparator": "<", "low": 10.0, "high": 70.0}])
def test_a_percent_without_both_bounds_or_printed_as_a_threshold_has_no_ci_check(extra):
    rows = run(printed("n", 10), printed("k", 3), pct("k_pct", 30, of="k", denominator="n", **extra))
    assert "percent_ci__k_pct" not in rows


def test_a_total_of_2_to_the_53_is_the_largest_whose_ci_is_tested():
    # 2^53 = 9007199254740992 is the largest total a float holds count by count: half of it is 50 % with a CI of
    # width about 2e-6 %, which prints as 50.0 to 50.0 at one decimal. 2^53 + 2 is past it: not tested at all.
    half = 2**52
    rows = run(printed("n", 2**53), printed("k", half), pct("k_pct", "50.0", 1, of="k", denominator="n",
                                                              low=50.0, high=50.0),
               printed("m", 2**53 + 2), printed("j", half), pct("j_pct", "50.0", 1, of="j", denominator="m",
                                                                  low=50.0, high=50.0))
    assert rows["percent_ci__k_pct"].status == "consistent"
    assert "percent_ci__j_pct" not in rows


# --- the exact CI of a count's proportion ----------------------------------------------------------------------

@pytest.mark.parametrize(("level", "low", "high", "words"), [
    (0.95, 0.066740, 0.652453, "95% CI 0.06674 to 0.6525"),  # R: binom.test(3, 10)$conf.int
    (0.90, 0.087264, 0.606624, "90% CI 0.08726 to 0.6066"),  # R: binom.test(3, 10, conf.level = 0.9)$conf.int
])
def test_a_count_of_its_total_gets_the_exact_ci_of_its_proportion(level, low, high, words):
    row = run(printed("n", 10), printed("k", 3, denominator="n"), level=level)["count_ci__k"]
    assert (row.status, row.kind, row.inputs, row.interval, row.level) == ("derived", "derived", "k;n", "ci", level)
    assert row.recomputed == 0.3
    assert row.low == pytest.approx(low, abs=1e-6) and row.high == pytest.approx(high, abs=1e-6)
    assert row.finding == f"k = 3 of n = 10: proportion 0.3 with exact (Clopper-Pearson) {words}"


def test_a_count_of_a_total_of_1_has_a_ci():
    # 1 of 1: Clopper-Pearson 0.025^(1/1) = 0.025 to 1.
    row = run(printed("n", 1), printed("k", 1, denominator="n"))["count_ci__k"]
    assert row.status == "derived"
    assert row.low == pytest.approx(0.025) and row.high == 1.0


def test_a_count_of_a_total_of_0_has_no_ci():
    row = run(printed("n", 0), printed("k", 0, denominator="n"))["count_ci__k"]
    assert (row.status, row.kind, row.inputs, row.reported) == ("not_recomputable", "derived", "k;n", 0.0)
    assert row.finding == "count_ci on k = 0: not recomputable (the total is 0: no proportion)"


def test_a_count_of_a_total_past_what_exact_ci_takes_has_no_ci_and_no_crash():
    # exact_ci takes totals up to 10^15 (scipy holds counts as floats). A total of 2^53 = 9007199254740992, the
    # largest whole number a float holds count by count, is past it: the row says why, and the audit goes on.
    rows = run(printed("n", 10**15), printed("k", 10**15 // 2, denominator="n"),
               printed("m", 2**53), printed("j", 2**52, denominator="m"))
    assert rows["count_ci__k"].status == "derived"
    assert rows["count_ci__k"].recomputed == 0.5
    refused = rows["count_ci__j"]
    assert (refused.status, refused.kind, refused.inputs) == ("not_recomputable", "derived", "j;m")
    assert refused.finding.startswith("count_ci on j = 4503599627370496: not recomputable (n must be at most "
                                      "1000000000000000 (got 9007199254740992)")


@pytest.mark.parametrize("rows", [
    [printed("n", 10), printed("k", 3, denominator="n", comparator="<")],
    [printed("n", 10, comparator="<"), printed("k", 3, denominator="n")],
    [printed("n", 10, 1, statistic="mean", unit="years"), printed("k", 3, denominator="n")],
    [printed("n", 10), printed("k", 3)],
])
def test_a_count_without_an_exact_count_for_a_total_has_no_ci(rows):
    assert "count_ci__k" not in run(*rows)


def test_six_fitting_counts_are_all_named():
    # 38 % of 600 (37.5 to 38.5): counts 225 to 231. Clopper-Pearson (scipy beta.ppf): 225 gives 33.613 to 41.511,
    # 230 gives 34.425 to 42.357, 231 gives 34.588 (above 34.5): the printed 34 to 42 is the CI of 225 to 230, six
    # counts, all written out.
    row = run(printed("n", 600), pct("p", 38, denominator="n", low=34.0, high=42.0))["percent_ci__p"]
    assert "95% CIs of each of the counts 225 to 231 of 600: " in row.finding
    assert "the Clopper-Pearson CI of 225, 226, 227, 228, 229, 230 prints as it" in row.finding


def test_a_percent_of_a_total_of_1_has_its_ci_tested():
    # 1 of 1 = 100 %: Clopper-Pearson 0.025^(1/1) = 2.5 % to 100 %, printed 3 (2.5 to 3.5) to 100.
    row = run(printed("n", 1), printed("k", 1), pct("k_pct", 100, of="k", denominator="n", low=3.0, high=100.0))[
        "percent_ci__k_pct"]
    assert row.finding.startswith("k_pct = 100 (3 to 100) % beside the 95% CIs of 1 of 1: the Clopper-Pearson CI of 1 "
                                  "prints as it")


def test_a_percent_without_a_total_does_not_stop_the_percents_after_it():
    # The first percent has no total; the second is 3 of 8 = 37.5 %.
    rows = run(printed("n", 8), printed("k", 3), pct("alone", 20), pct("k_pct", "37.5", 1, of="k", denominator="n"))
    assert rows["percent_recompute__k_pct"].status == "match"
    assert not [key for key in rows if key.endswith("__alone")]


def test_the_ci_of_a_percent_whose_total_is_its_counts_denominator_is_tested():
    # The percent names only its count, the count its total: 3 of 10 and Clopper-Pearson's 6.7 to 65.2, as above.
    row = run(printed("n", 10), printed("k", 3, denominator="n"),
              pct("k_pct", "30.0", 1, of="k", low=6.7, high=65.2))["percent_ci__k_pct"]
    assert (row.status, row.inputs) == ("consistent", "k_pct;k;n")


def test_a_percent_without_a_ci_does_not_stop_the_ci_checks_after_it():
    # The first percent has no CI; the second is 3 of 10 with Clopper-Pearson's 6.7 to 65.2.
    rows = run(printed("n", 10), printed("k", 3), pct("first", "30.0", 1, of="k", denominator="n"),
               pct("k_pct", "30.0", 1, of="k", denominator="n", low=6.7, high=65.2))
    assert rows["percent_ci__k_pct"].status == "consistent"


@pytest.mark.parametrize("blockers", [
    [printed("none", 0), pct("first", 0, denominator="none", low=0.0, high=5.0)],  # a total of 0
    [printed("seven", 7), pct("first", "33.3", 1, denominator="seven", low=5.0, high=70.0)],  # no count prints so
])
def test_a_percent_refused_does_not_stop_the_percents_after_it(blockers):
    # 3 of 10 = 30.0 % with Clopper-Pearson's 6.7 to 65.2, after a percent that is refused.
    rows = run(*blockers, printed("n", 10), printed("k", 3),
               pct("k_pct", "30.0", 1, of="k", denominator="n", low=6.7, high=65.2))
    assert rows["percent_recompute__k_pct"].status == "match"
    assert rows["percent_ci__k_pct"].status == "consistent"


@pytest.mark.parametrize("blockers", [
    [printed("first", 3)],  # no total
    [printed("none", 0), printed("first", 0, denominator="none")],  # a total of 0
    [printed("huge", 2**53), printed("first", 1, denominator="huge")],  # past exact_ci's totals
])
def test_a_count_refused_does_not_stop_the_counts_after_it(blockers):
    rows = run(*blockers, printed("n", 10), printed("k", 3, denominator="n"))
    assert rows["count_ci__k"].status == "derived"


# --- a percent beside its count, no total printed ---------------------------------------------------------------

@pytest.mark.parametrize(("count", "value", "decimals", "status", "words"), [
    # 183 / 274 = 66.788 % prints 66.79; 183 / 275 = 66.545 %: 66.78 would need a total between 274.014 and 274.055
    (183, "66.78", 2, "inconsistent", "no whole total n gives 100 x 183 / n within [66.775, 66.785]"),
    # 1 / 2 = 50 %, 1 / 3 = 33.3 %: no total gives 40 %
    (1, "40", 0, "inconsistent", "no whole total n gives 100 x 1 / n within [39.5, 40.5]"),
    # 49 / 103 = 47.57 % prints 47.6: the totals for 47.6 run from 100 x 49 / 47.65 = 102.83 to 102.94 ... only 103
    (49, "47.6", 1, "consistent", "a total of 103 gives it"),
    (2, "12.5", 1, "consistent", "a total of 16 gives it"),  # 200 / 16 = 12.5 exactly; 15 and 17 give 13.3, 11.8
])
def test_a_percent_beside_its_count_needs_some_whole_total(count, value, decimals, status, words):
    rows = run(printed("k", count), pct("k_pct", value, decimals, of="k"))
    row = rows["percent_some_total__k_pct"]
    assert (row.status, row.kind, row.inputs) == (status, "consistency", "k_pct;k")
    assert words in row.finding


def test_a_percent_no_total_gives_names_the_totals_its_rounding_would_need():
    # 18300 / 66.785 = 274.014 and 18300 / 66.775 = 274.055: no whole number between
    row = run(printed("k", 183), pct("k_pct", "66.78", 2, of="k"))["percent_some_total__k_pct"]
    assert "(any total between 274.014 and 274.055 would)" in row.finding


def test_a_percent_beside_a_large_count_has_a_total_by_construction():
    # 150 at 40 %: the totals 100 x 150 / 40.5 = 370.4 to 100 x 150 / 39.5 = 379.7 span more than 1
    rows = run(printed("k", 150), pct("k_pct", "40", 0, of="k"))
    row = rows["percent_some_total__k_pct"]
    assert row.status == "by_construction"
    assert "the check cannot fail here" in row.finding


def test_a_percent_of_a_printed_total_is_recomputed_not_tested_for_some_total():
    rows = run(printed("n", 274), printed("k", 183), pct("k_pct", "66.78", 2, of="k", denominator="n"))
    assert "percent_some_total__k_pct" not in rows
    assert rows["percent_recompute__k_pct"].status == "mismatch"  # 183 / 274 = 66.788 % prints 66.79


def test_a_percent_threshold_beside_its_count_is_not_tested_for_some_total():
    assert "percent_some_total__k_pct" not in run(printed("k", 1), pct("k_pct", "1", 0, of="k", comparator="<"))


def test_the_words_and_numbers_of_a_percent_with_a_total_by_construction():
    # 150 at 40 %: totals from 100 x 150 / 40.5 = 370.370 to 100 x 150 / 39.5 = 379.747
    row = run(printed("k", 150), pct("k_pct", "40", 0, of="k"))["percent_some_total__k_pct"]
    assert row.finding == ("k_pct = 40 % beside k = 150, no total printed: the totals it allows run from 370.37 to "
                           "379.747, at least 1 apart, so one is whole however the percent is printed: the check "
                           "cannot fail here")
    assert row.reported == 40.0


@pytest.mark.parametrize(("count", "value", "status"), [
    # 30 at 40 %: 3000 / 39.5 - 3000 / 40.5 = 75.949 - 74.074 = 1.875, between 1 and 2: by construction
    (30, "40", "by_construction"),
    # 3 at 1 %: 300 / 0.5 - 300 / 1.5 = 400 apart, a percent whose rounding starts below 1
    (3, "1", "by_construction"),
    # 30 at 50 %: 3000 / 49.5 - 3000 / 50.5 = 60.606 - 59.406 = 1.200 apart
    (30, "50", "by_construction"),
    # 10 at 40 %: 1000 / 39.5 - 1000 / 40.5 = 0.625 apart: tested, and 25 gives it (40 % exactly)
    (10, "40", "consistent"),
])
def test_a_percent_beside_its_count_is_by_construction_once_its_totals_span_1(count, value, status):
    assert run(printed("k", count), pct("k_pct", value, 0, of="k"))["percent_some_total__k_pct"].status == status


def test_the_words_and_numbers_of_a_percent_no_total_gives():
    # 1 at 40 %: 100 / 40.5 = 2.46914 to 100 / 39.5 = 2.53165, no whole number between
    row = run(printed("k", 1), pct("k_pct", "40", 0, of="k"))["percent_some_total__k_pct"]
    assert row.finding == ("k_pct = 40 % beside k = 1, no total printed: no whole total n gives 100 x 1 / n within "
                           "[39.5, 40.5], the values that print as 40 % (any total between 2.46914 and 2.53165 "
                           "would): the percent is no share of 1 of any whole number")
    assert (row.status, row.reported) == ("inconsistent", 40.0)


def test_a_percent_of_0_beside_a_count_allows_every_large_enough_total():
    # 100 x 1 / n prints as 0 % (below 0.5, or 0.5 itself under half-even) from n = 200 on
    row = run(printed("k", 1), pct("k_pct", "0", 0, of="k"))["percent_some_total__k_pct"]
    assert row.status == "consistent"
    assert row.finding.endswith("no total printed: a total of 200 or more gives it (GRIM on the total)")
    assert (row.low, row.high, row.reported) == (200.0, None, 0.0)


def test_the_one_total_a_percent_allows_is_named():
    # 1 at 13 %: 1/7 = 14.3, 1/8 = 12.5 (13 under half-up), 1/9 = 11.1: only 8 (100 / 13.5 = 7.41 to 100 / 12.5 = 8)
    row = run(printed("k", 1), pct("k_pct", "13", 0, of="k"))["percent_some_total__k_pct"]
    assert row.finding.endswith("no total printed: a total of 8 gives it (GRIM on the total)")
    assert (row.low, row.high) == (8.0, 8.0)
