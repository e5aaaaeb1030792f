"""The checks of one sample's summaries (analysis.audit.checks_summaries) on the paths and boundaries a reviewer
meets, read in the words of each finding. Rows are built in memory and the module's ``summary_checks`` is called
directly; each expected number is worked by hand in a comment."""

import pytest

from analysis.audit import checks_summaries
from analysis.audit._context import Context, Printed


def printed(quantity, value, decimals=0, statistic="count", unit="patients", comparator="=", of="", denominator="",
            role="primary"):
    return Printed(quantity=quantity, value=float(value), decimals=decimals, comparator=comparator, unit=unit,
                   statistic=statistic, of=of, denominator=denominator, df="", ci_low=None, ci_high=None,
                   source="X1", ci_decimals=decimals, role=role)


def summary(statistic, value, decimals=0, of="age", denominator="n", unit="years", **extra):
    return printed(f"{of}_{statistic}", value, decimals, statistic, unit, of=of, denominator=denominator, **extra)


def run(*rows):
    ctx = Context("demo", {row.quantity: row for row in rows}, 0.95)
    checks_summaries.summary_checks(ctx)
    return {row.key: row for row in ctx.ledger.rows}


def test_a_median_between_its_extremes_is_in_order():
    # 40 lies between 20 and 70 in every rounding.
    rows = run(printed("n", 30), summary("min", 20), summary("median", 40), summary("max", 70))
    row = rows["median_in_range__age_median"]
    assert (row.status, row.kind, row.reported) == ("consistent", "consistency", 40.0)
    assert row.finding == "age: min 20, median 40, max 70: in order within rounding"
# Reference estimates (closed forms, scipy's norm.ppf only): Luo et al. 2018 eq. 7, mean = w (a + b) / 2 + (1 - w) m
# with w = 4 / (4 + n^0.75); eq. 11, w = 0.7 + 0.39 / n on (q1 + q3) / 2; Wan et al. 2014 eq. 9, SD = (b - a) / xi(n),
# xi(n) = 2 Phi^-1((n - 0.375) / (n + 0.25)); eq. 16, SD = (q3 - q1) / eta(n), eta(n) = 2 Phi^-1((0.75 n - 0.125) /
# (n + 0.25)). For n = 30: w = 0.237832, xi = 4.080562, eta = 1.284656; for n = 31: w = 0.232896, xi = 4.107481.
# The ledger keeps 6 significant digits.
CAVEAT = "Luo/Wan/Shi estimators assuming roughly normal data; unreliable for skewed data or small n"


def close(value):
    return pytest.approx(value, rel=1e-5)


# --- order of the five numbers and the mean within the range --------------------------------------------------------

@pytest.mark.parametrize(("low", "status", "words"), [
    (41, "consistent", "in order within rounding"),  # 41 (40.5 to 41.5) and 40 (39.5 to 40.5) can meet at 40.5
    (42, "inconsistent", "out of order: min 42 above median 40"),  # 41.5 > 40.5 in every rounding
])
def test_a_minimum_above_the_median_is_out_of_order_only_beyond_the_rounding(low, status, words):
    row = run(printed("n", 30), summary("min", low), summary("median", 40), summary("max", 70))[
        "median_in_range__age_median"]
    assert (row.status, row.inputs) == (status, "age_median;age_min;age_max")
    assert row.finding == f"age: min {low}, median 40, max 70: {words}"


def test_every_pair_out_of_order_is_named():
    # q1 50 above the median 40, and the median above q3 35: two breaks in min <= q1 <= median <= q3 <= max.
    row = run(summary("min", 20), summary("q1", 50), summary("median", 40), summary("q3", 35), summary("max", 70))[
        "median_in_range__age_median"]
    assert row.status == "inconsistent"
    assert row.finding == ("age: min 20, q1 50, median 40, q3 35, max 70: out of order: q1 50 above median 40; "
                           "median 40 above q3 35")


def test_a_median_alone_or_extremes_without_a_median_have_no_order_check():
    rows = run(summary("median", 40), summary("min", 20, of="weight"), summary("max", 70, of="weight"))
    assert not [key for key in rows if key.startswith("median_in_range")]


def test_a_median_and_one_other_number_are_put_in_order():
    row = run(summary("median", 40), summary("max", 30))["median_in_range__age_median"]
    assert (row.status, row.finding) == ("inconsistent", "age: median 40, max 30: out of order: median 40 above max 30")


@pytest.mark.parametrize(("mean", "status", "words"), [
    (19, "consistent", "within"),  # 19 (18.5 to 19.5) meets the minimum 20 (19.5 to 20.5) at 19.5
    (18, "inconsistent", "outside"),  # at most 18.5 < 19.5
    (71, "consistent", "within"),  # 71 (70.5 to 71.5) meets the maximum 70 (69.5 to 70.5) at 70.5
    (72, "inconsistent", "outside"),
])
def test_a_mean_within_its_range_allows_for_the_rounding(mean, status, words):
    row = run(summary("min", 20), summary("mean", mean), summary("max", 70))["mean_in_range__age_mean"]
    assert (row.status, row.kind, row.reported, row.inputs) == (status, "consistency", float(mean),
                                                                "age_mean;age_min;age_max")
    assert row.finding == f"age: mean {mean} {words} the range 20 to 70"


@pytest.mark.parametrize("missing", ["min", "max"])
def test_a_mean_without_both_extremes_has_no_range_check(missing):
    rows = run(*(summary(name, value) for name, value in [("min", 20), ("mean", 40), ("max", 70)] if name != missing))
    assert "mean_in_range__age_mean" not in rows


# --- mean and SD estimated from the median, the range and the quartiles -------------------------------------------

def test_the_mean_and_sd_estimated_from_median_and_range_with_their_rounding_range():
    # n = 30, median 40, min 20, max 70 (years, continuous): mean 0.237832 x 45 + 0.762168 x 40 = 41.1892, SD
    # 50 / 4.080562 = 12.2532; over the rounding, mean from all ends low (19.5, 39.5, 69.5) 40.6892 to all high
    # 41.6892, SD from 49 / xi = 12.0081 to 51 / xi = 12.4983.
    rows = run(printed("n", 30), summary("min", 20), summary("median", 40), summary("max", 70))
    mean, sd = rows["mean_sd_estimate__age_median__mean"], rows["mean_sd_estimate__age_median__sd"]
    assert (mean.status, mean.kind, mean.inputs, mean.interval) == ("derived", "derived", "age_median;age_min;"
                                                                    "age_max;n", "rounding")
    assert (mean.recomputed, mean.low, mean.high) == (close(41.18916), close(40.68916), close(41.68916))
    assert (sd.recomputed, sd.low, sd.high) == (close(12.25321), close(12.00815), close(12.49828))
    head = "age from median 40, min 20, max 70, n = 30 (n): estimated "
    assert mean.finding == f"{head}mean 41.19 (range over rounding 40.69 to 41.69); {CAVEAT}"
    assert sd.finding == f"{head}SD 12.25 (range over rounding 12.01 to 12.5); {CAVEAT}"


def test_the_estimate_from_the_quartiles():
    # n = 30, median 40, q1 30, q3 55: mean (0.7 + 0.39 / 30) x 42.5 + (0.3 - 0.013) x 40 = 41.7825, SD
    # 25 / 1.284656 = 19.4605; over the rounding 41.2825 to 42.2825 and 24 / eta = 18.6821 to 26 / eta = 20.2389.
    rows = run(printed("n", 30), summary("q1", 30), summary("median", 40), summary("q3", 55))
    mean, sd = rows["mean_sd_estimate__age_median__mean"], rows["mean_sd_estimate__age_median__sd"]
    assert (mean.recomputed, mean.low, mean.high) == (close(41.7825), close(41.2825), close(42.2825))
    assert (sd.recomputed, sd.low, sd.high) == (close(19.46051), close(18.68209), close(20.23893))
    assert mean.finding.startswith("age from median 40, q1 30, q3 55, n = 30 (n): estimated mean 41.78 ")
    assert mean.inputs == "age_median;age_q1;age_q3;n"


def test_only_the_corners_of_the_rounding_box_in_order_are_used():
    # n = 30, min 40 = median 40, max 70. Corners with min 40.5 above median 39.5 are skipped; min 39.5 with median
    # 39.5 (equal) is kept. Mean from (39.5, 39.5, 69.5): 0.237832 x 54.5 + 0.762168 x 39.5 = 43.0675; from (40.5,
    # 40.5, 70.5): 44.0675. SD from 69.5 - 40.5 = 29 to 70.5 - 39.5 = 31 over xi: 7.10686 to 7.59699.
    rows = run(printed("n", 30), summary("min", 40), summary("median", 40), summary("max", 70))
    mean, sd = rows["mean_sd_estimate__age_median__mean"], rows["mean_sd_estimate__age_median__sd"]
    assert (mean.recomputed, mean.low, mean.high) == (close(43.56748), close(43.06748), close(44.06748))
    assert (sd.recomputed, sd.low, sd.high) == (close(7.351927), close(7.106863), close(7.596992))


def test_when_no_corner_of_the_rounding_box_is_in_order_the_printed_values_stand():
    # min 39.9 (39.85 to 39.95), median 40 (39.5 to 40.5), max 40.0 (39.95 to 40.05): a median of 39.5 is below every
    # minimum and one of 40.5 above every maximum, so no corner is in order; the estimate from the printed values,
    # mean 0.237832 x 39.95 + 0.762168 x 40 = 39.98811, is its own range.
    rows = run(printed("n", 30), summary("min", "39.9", 1), summary("median", 40), summary("max", "40.0", 1))
    mean, sd = rows["mean_sd_estimate__age_median__mean"], rows["mean_sd_estimate__age_median__sd"]
    assert mean.recomputed == mean.low == mean.high == close(39.98811)
    assert sd.recomputed == sd.low == sd.high == close(0.1 / 4.080562)


def test_whole_numbers_of_an_odd_sample_give_one_exact_estimate():
    # 31 whole days, median 10, min 2, max 30: the median is one of the values, so exact: mean 0.232896 x 16 +
    # 0.767104 x 10 = 11.40042, SD 28 / 4.107481 = 6.816802.
    rows = run(printed("n", 31), summary("min", 2, unit="days"), summary("median", 10, unit="days"),
               summary("max", 30, unit="days"))
    mean, sd = rows["mean_sd_estimate__age_median__mean"], rows["mean_sd_estimate__age_median__sd"]
    assert (mean.recomputed, mean.low, mean.high, mean.interval) == (close(11.40042), None, None, "")
    assert mean.finding == ("age from median 10, min 2, max 30, n = 31 (n): estimated mean 11.4 (exact: 31 whole "
                            f"numbers (days) have the printed median and range); {CAVEAT}")
    assert sd.recomputed == close(6.816802)


def test_whole_numbers_of_an_even_sample_range_over_the_half_unit_medians():
    # 30 whole days, median 10: the two middle values may average 9.5, 10 or 10.5, all printing as 10. Mean
    # 0.237832 x 16 + 0.762168 x m: 11.04591 (m = 9.5), 11.42699 (10), 11.80807 (10.5); the SD 28 / 4.080562 =
    # 6.861799 does not depend on the median: exact.
    rows = run(printed("n", 30), summary("min", 2, unit="days"), summary("median", 10, unit="days"),
               summary("max", 30, unit="days"))
    mean, sd = rows["mean_sd_estimate__age_median__mean"], rows["mean_sd_estimate__age_median__sd"]
    assert (mean.recomputed, mean.low, mean.high, mean.interval) == (close(11.42699), close(11.04591),
                                                                     close(11.80807), "feasible")
    assert mean.finding == ("age from median 10, min 2, max 30, n = 30 (n): estimated mean 11.43 (11.05 to 11.81 "
                            f"over the medians 30 whole numbers (days) can have); {CAVEAT}")
    assert (sd.recomputed, sd.low, sd.high) == (close(6.861799), None, None)
    assert "SD 6.862 (exact: 30 whole numbers (days) have the printed median and range)" in sd.finding


@pytest.mark.parametrize("rows", [
    # a median printed with a decimal is rounded, not a whole number
    [summary("min", 2, unit="days"), summary("median", "10.0", 1, unit="days"), summary("max", 30, unit="days")],
    # quartiles of whole numbers can be fractions
    [summary("min", 2, unit="days"), summary("q1", 6, unit="days"), summary("median", 10, unit="days"),
     summary("q3", 20, unit="days"), summary("max", 30, unit="days")],
    # a maximum printed with a decimal
    [summary("min", 2, unit="days"), summary("median", 10, unit="days"), summary("max", "30.0", 1, unit="days")],
])
def test_whole_number_data_printed_with_rounding_keep_a_rounding_range(rows):
    mean = run(printed("n", 31), *rows)["mean_sd_estimate__age_median__mean"]
    assert mean.interval == "rounding"
    assert mean.low < mean.recomputed < mean.high


def test_an_estimate_the_printed_numbers_do_not_allow_is_not_recomputable():
    # A minimum of 50 above the median 40: no estimate (the order check flags it).
    rows = run(printed("n", 30), summary("min", 50), summary("median", 40), summary("max", 70))
    row = rows["mean_sd_estimate__age_median"]
    assert (row.status, row.kind, row.inputs) == ("not_recomputable", "derived", "age_median;age_min;age_max;n")
    assert row.finding == ("mean_sd_estimate on age_median = 40: not recomputable (median (40.0) must be >= minimum "
                           "(50.0))")


def test_a_sample_of_one_has_no_estimated_sd():
    # n = 1 is a sample (n >= 1), but Wan's xi(1) = 0: no SD from one value.
    rows = run(printed("n", 1), summary("min", 40), summary("median", 40), summary("max", 40))
    row = rows["mean_sd_estimate__age_median"]
    assert row.status == "not_recomputable"
    assert "n must be >= 2" in row.finding
    assert not [key for key in rows if key.startswith("summary_of_none")]


@pytest.mark.parametrize("rows", [
    [summary("median", 40), summary("max", 70)],  # half a range
    [summary("median", 40), summary("q3", 55)],  # half the quartiles
    [summary("min", 20), summary("max", 70)],  # no median
])
def test_no_estimate_without_a_median_and_a_whole_range_or_both_quartiles(rows):
    assert not [key for key in run(printed("n", 30), *rows) if key.startswith("mean_sd_estimate")]


def test_the_range_is_used_with_half_the_quartiles():
    # q3 without q1 is left out: the estimate uses the median and the range only.
    rows = run(printed("n", 30), summary("min", 20), summary("median", 40), summary("q3", 55), summary("max", 70))
    mean = rows["mean_sd_estimate__age_median__mean"]
    assert mean.recomputed == close(41.18916)
    assert mean.inputs == "age_median;age_min;age_max;n"


# --- exact bounds of the mean of whole numbers --------------------------------------------------------------------

def days(statistic, value, decimals=0, **extra):
    return summary(statistic, value, decimals, unit="days", **extra)


def test_the_exact_bounds_of_the_mean_of_an_odd_number_of_whole_numbers():
    # 5 whole days, median 10, min 2, max 30: smallest 2, 2, 10, 10, 30 (mean 54 / 5 = 10.8), largest
    # 2, 10, 10, 30, 30 (82 / 5 = 16.4).
    row = run(printed("n", 5), days("min", 2), days("median", 10), days("max", 30))["mean_bounds__age_median"]
    assert (row.status, row.kind, row.inputs, row.interval) == ("derived", "derived", "age_median;age_min;age_max;n",
                                                                "bounds")
    assert (row.low, row.high) == (10.8, 16.4)
    assert row.finding == ("age: n = 5 (n) whole numbers (days, counted whole) with median 10, minimum 2, maximum 30: "
                           "the mean lies between 10.8 and 16.4 exactly")


@pytest.mark.parametrize(("mean", "status", "words"), [
    ("13.3", "consistent", "is within them"),  # 13.25 to 13.35 meets the largest mean 13.25
    ("13.4", "inconsistent", "is outside them"),  # at least 13.35
    ("12.7", "consistent", "is within them"),  # 12.65 to 12.75 meets the smallest mean 12.75
    ("12.6", "inconsistent", "is outside them"),  # at most 12.65
])
def test_a_printed_mean_is_held_against_the_exact_bounds(mean, status, words):
    # 4 whole days, min 2, max 30, median printed 10: the middle two sum to 19, 20 or 21 (medians 9.5, 10, 10.5
    # print as 10), so the mean is (2 + 30 + 19) / 4 = 12.75 to (2 + 30 + 21) / 4 = 13.25.
    row = run(printed("n", 4), days("min", 2), days("median", 10), days("mean", mean, 1), days("max", 30))[
        "mean_bounds__age_mean"]
    assert (row.status, row.kind, row.inputs, row.interval) == (status, "consistency",
                                                                "age_mean;age_median;age_min;age_max;n", "bounds")
    assert (row.reported, row.low, row.high) == (float(mean), 12.75, 13.25)
    assert row.finding == ("age: n = 4 (n) whole numbers (days, counted whole) with median 10, minimum 2, maximum 30: "
                           f"the mean lies between 12.75 and 13.25 exactly; the printed mean {mean} {words}")


def test_a_median_no_whole_numbers_can_have_with_their_extremes_is_inconsistent():
    # Two whole days with min 2 and max 30 are 2 and 30: their median is 16, not 9.5, 10 or 10.5.
    row = run(printed("n", 2), days("min", 2), days("median", 10), days("max", 30))["mean_bounds__age_median"]
    assert (row.status, row.kind, row.reported, row.inputs) == ("inconsistent", "consistency", 10.0,
                                                                "age_median;age_min;age_max;n")
    assert row.finding == ("age: n = 2 (n) whole numbers (days, counted whole) with median 10, minimum 2, maximum 30: "
                           "no such data exist")


def test_the_medians_no_data_can_have_are_skipped_and_the_others_kept():
    # Two whole days 9 and 11: median 10; a median of 9.5 or 10.5 would need 9 and 10 or 10 and 11. Mean 10 exactly.
    row = run(printed("n", 2), days("min", 9), days("median", 10), days("max", 11))["mean_bounds__age_median"]
    assert (row.status, row.low, row.high) == ("derived", 10.0, 10.0)


@pytest.mark.parametrize("rows", [
    [summary("min", 2), summary("median", 10), summary("max", 30)],  # years are continuous
    [days("min", 2), days("median", "10.0", 1), days("max", 30)],  # a rounded median
    [days("min", "2.0", 1), days("median", 10), days("max", 30)],
    [days("min", 2), days("median", 10), days("max", "30.0", 1)],
    [days("median", 10), days("max", 30)],
    [days("min", 2), days("median", 10)],
])
def test_no_exact_bounds_without_a_whole_median_minimum_and_maximum(rows):
    assert "mean_bounds__age_median" not in run(printed("n", 5), *rows)


# --- GRIM and GRIMMER ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("mean", "status", "words"), [
    ("12.4", "consistent", "some whole total gives this mean (GRIM)"),  # 112 / 9 = 12.44
    # 112 / 9 = 12.44 and 113 / 9 = 12.56: none prints as 12.5
    ("12.5", "inconsistent", "no whole total divided by n prints as this mean (GRIM)"),
])
def test_grim_on_a_mean_of_whole_numbers(mean, status, words):
    row = run(printed("n", 9), days("mean", mean, 1))["grim_mean__age_mean"]
    assert (row.status, row.kind, row.reported, row.inputs) == (status, "consistency", float(mean), "age_mean;n")
    assert row.finding == f"age: mean {mean} of n = 9 (n) whole numbers: {words}"


def test_grim_cannot_fail_from_n_of_10_to_the_decimals():
    # 10 whole numbers: totals step by 0.1 in the mean, as fine as one decimal prints.
    row = run(printed("n", 10), days("mean", "12.5", 1))["grim_mean__age_mean"]
    assert (row.status, row.reported) == ("by_construction", 12.5)
    assert row.finding == ("age: mean 12.5 of n = 10 (n) whole numbers: GRIM cannot fail when n >= 10^decimals "
                           "(10 >= 10)")


def test_a_continuous_mean_gets_no_grim():
    rows = run(printed("n", 9), summary("mean", "12.5", 1), summary("sd", "0.50", 2))
    assert not [key for key in rows if key.startswith(("grim", "grimmer"))]


@pytest.mark.parametrize(("sd", "status", "words"), [
    # 5 whole numbers with mean 2.2 sum to 11; their sum of squares S is odd (as the sum), and the SD is
    # sqrt((S - 121 / 5) / 4): S = 25 (2, 2, 2, 2, 3) gives 0.447, S = 27 gives 0.837.
    ("0.45", "consistent", "some whole-number data give this mean and SD (GRIMMER)"),
    ("0.50", "inconsistent", "no whole-number data give this mean and SD (GRIMMER)"),
])
def test_grimmer_on_a_mean_and_sd_of_whole_numbers(sd, status, words):
    row = run(printed("n", 5), days("mean", "2.2", 1), days("sd", sd, 2))["grimmer__age_sd"]
    assert (row.status, row.kind, row.reported, row.inputs) == (status, "consistency", float(sd), "age_sd;age_mean;n")
    assert row.finding == f"age: mean 2.2 of n = 5 (n) whole numbers, SD {sd}: {words}"


def test_grimmer_needs_two_values():
    # One value has no SD to test; two, 1 and 2, have mean 1.5 and SD sqrt(0.5) = 0.707.
    rows = run(printed("one", 1), days("mean", "1.5", 1, denominator="one"), days("sd", "0.71", 2, denominator="one"),
               printed("n", 2), days("mean", "1.5", 1, of="pain"), days("sd", "0.71", 2, of="pain"))
    assert "grimmer__age_sd" not in rows
    assert rows["grimmer__pain_sd"].status == "consistent"


# --- the sample's n -----------------------------------------------------------------------------------------------

def test_the_n_of_a_sample_may_come_from_its_mean():
    # The median names no n; the mean does: 9 whole numbers, 112 / 9 = 12.44.
    rows = run(printed("n", 9), days("median", 12, denominator=""), days("mean", "12.4", 1))
    assert rows["grim_mean__age_mean"].status == "consistent"


@pytest.mark.parametrize("total", [printed("n", 9, comparator="<"), printed("n", 9, 1, statistic="mean")])
def test_an_n_that_is_not_an_exact_count_checks_nothing_that_needs_it(total):
    rows = run(total, days("min", 2), days("median", 10), days("mean", "12.4", 1), days("max", 30))
    assert sorted(rows) == ["mean_in_range__age_mean", "median_in_range__age_median"]


def test_a_summary_of_a_sample_of_no_one_is_inconsistent():
    rows = run(printed("n", 0), printed("m", 30), days("median", 10), days("sd", "2.0", 1),
               days("mean", "9.0", 1, denominator="m"))
    row = rows["summary_of_none__age_median"]
    assert (row.status, row.kind, row.reported, row.inputs) == ("inconsistent", "consistency", 10.0, "age_median;n")
    assert row.finding == "age: median 10 of n = 0: a sample of no one has no median"
    assert rows["summary_of_none__age_sd"].finding == "age: sd 2.0 of n = 0: a sample of no one has no sd"
    assert "summary_of_none__age_mean" not in rows  # its n is 30


@pytest.mark.parametrize("total", [printed("n", 0, comparator="<"), printed("n", 0, statistic="mean")])
def test_an_n_of_0_that_is_not_an_exact_count_is_no_empty_sample(total):
    assert not [key for key in run(total, days("median", 10)) if key.startswith("summary_of_none")]


def test_the_arms_of_a_baseline_variable_are_samples_of_their_own():
    # Age in two arms sharing ``of``: 9 and 10 whole numbers, each mean tested against its own n.
    rows = run(printed("n_a", 9), printed("n_b", 10),
               printed("age_a", "12.5", 1, "mean", "days", of="age", denominator="n_a", role="baseline"),
               printed("age_b", "12.5", 1, "mean", "days", of="age", denominator="n_b", role="baseline"))
    assert rows["grim_mean__age_a"].status == "inconsistent"
    assert rows["grim_mean__age_a"].finding.startswith("age (n_a): mean 12.5 of n = 9 (n_a) whole numbers: ")
    assert rows["grim_mean__age_b"].status == "by_construction"


def test_a_summary_printed_as_a_threshold_is_no_member_of_its_sample():
    # "< 25" is no printed mean: no range check, no GRIM.
    assert run(printed("n", 9), days("min", 2), days("mean", 25, comparator="<"), days("max", 30)) == {}


def test_grim_at_two_decimals_is_tested_below_100():
    # 50 whole numbers: totals step by 0.02 in the mean, coarser than two decimals print: 617 / 50 = 12.34 prints so,
    # 12.35 is no total over 50 (617 / 50 = 12.34, 618 / 50 = 12.36).
    rows = run(printed("n", 50), days("mean", "12.34", 2), days("mean", "12.35", 2, of="pain"))
    assert rows["grim_mean__age_mean"].status == "consistent"
    assert rows["grim_mean__pain_mean"].status == "inconsistent"


def test_the_n_of_the_median_comes_before_the_n_of_the_mean():
    # The median names 31, the mean 9: the sample's n is the median's, so the estimate is from n = 31.
    rows = run(printed("n31", 31), printed("n9", 9), summary("min", 20, denominator="n31"),
               summary("median", 40, denominator="n31"), summary("mean", 41, denominator="n9"),
               summary("max", 70, denominator="n31"))
    assert "n = 31 (n31)" in rows["mean_sd_estimate__age_median__mean"].finding


def test_corners_with_a_quartile_beyond_the_median_are_skipped():
    # n = 30, w = 0.7 + 0.39 / 30 = 0.713 on (q1 + q3) / 2. q1 39.8 (39.75 to 39.85) with median 40 (39.5 to 40.5):
    # a median of 39.5 would lie below every q1, so only 40.5 is kept: mean from (39.75, 40.5, 54.5) =
    # 0.713 x 47.125 + 0.287 x 40.5 = 45.22363 to (39.85, 40.5, 55.5) = 45.61578. Likewise q3 40.2 keeps only the
    # median 39.5: (24.5, 39.5, 40.15) = 0.713 x 32.325 + 0.287 x 39.5 = 34.38423 to (25.5, 39.5, 40.25) = 34.77638.
    rows = run(printed("n", 30), summary("q1", "39.8", 1), summary("median", 40), summary("q3", 55),
               summary("q1", 25, of="pain"), summary("median", 40, of="pain"), summary("q3", "40.2", 1, of="pain"))
    age, pain = rows["mean_sd_estimate__age_median__mean"], rows["mean_sd_estimate__pain_median__mean"]
    assert (age.low, age.high) == (close(45.22363), close(45.61578))
    assert (pain.low, pain.high) == (close(34.38423), close(34.77638))


def test_without_a_median_the_n_of_the_mean_comes_first():
    # The mean names 9, the SD 31: the sample's n is the mean's, and 12.5 is no total over 9 (GRIM).
    rows = run(printed("n9", 9), printed("n31", 31), days("mean", "12.5", 1, denominator="n9"),
               days("sd", "2.0", 1, denominator="n31"))
    assert rows["grim_mean__age_mean"].finding.startswith("age: mean 12.5 of n = 9 (n9) whole numbers: no whole total")


def test_grim_cannot_fail_for_a_whole_mean_of_any_sample():
    # No decimals: every total over n is some whole mean when n >= 10^0 = 1.
    row = run(printed("n", 5), days("mean", 12))["grim_mean__age_mean"]
    assert row.finding == "age: mean 12 of n = 5 (n) whole numbers: GRIM cannot fail when n >= 10^decimals (5 >= 1)"
