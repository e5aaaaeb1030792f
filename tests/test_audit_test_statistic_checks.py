"""The test-statistic checks (analysis.audit.checks_tests) on the paths a reviewer meets: a p beside a printed t, F,
chi-squared, z or r (statcheck's check), and a p, t or chi-squared comparing two means or two shares; the words of
each verdict, its numbers, and the rows it cannot use.

Expected p values are scipy's distribution functions on the printed statistic (stats.t.sf, stats.f.sf, stats.norm.sf,
stats.chi2.sf; R's pt, pf, pnorm, pchisq give the same), written in the comments; the rounding interval of a number
printed with d decimals is its value -/+ 0.5 x 10^-d."""

import math
from types import SimpleNamespace

import pytest

from analysis.audit._context import Context, Printed
from analysis.audit.checks_tests import statistic_checks


def row(quantity, value, decimals=2, statistic="t", unit="statistic", *, comparator="=", of="", denominator="",
        df="", role="primary"):
    """One values row, read as the audit reads a values file."""
    return Printed.from_row(SimpleNamespace(
        quantity=quantity, value=value, decimals=decimals, comparator=comparator, unit=unit, statistic=statistic,
        of=of, denominator=denominator, df=df, ci_low=None, ci_high=None, source="X1", ci_decimals=None, role=role))


def stat(quantity, test, value, df="", decimals=2, **extra):
    return row(quantity, value, decimals, test, df=df, **extra)


def p(quantity, value, decimals, of, comparator="="):
    return row(quantity, value, decimals, "p", "p", of=of, comparator=comparator)


def count(quantity, value, denominator=""):
    return row(quantity, value, 0, "count", "patients", denominator=denominator)


def percent(quantity, value, decimals, of="", denominator=""):
    return row(quantity, value, decimals, "percent", "percent", of=of, denominator=denominator)


def group(name, mean, sd, n, role="primary", sd_denominator=None):
    """One group's n, mean and SD (the mean and SD share the variable ``name`` in ``of``)."""
    return [count(f"n_{name}", n),
            row(f"mean_{name}", mean, 1, "mean", "measure", of=name, denominator=f"n_{name}", role=role),
            row(f"sd_{name}", sd, 1, "sd", "measure", of=name, role=role,
                denominator=f"n_{name}" if sd_denominator is None else sd_denominator)]


def checked(*rows):
    """The ledger rows ``statistic_checks`` adds for ``rows``, by key."""
    ctx = Context("demo", {printed.quantity: printed for printed in rows}, 0.95)
    statistic_checks(ctx)
    return {finding.key: finding for finding in ctx.ledger.rows}


# --- a p beside a printed test statistic ----------------------------------------------------------------------

def test_a_p_a_t_statistic_allows_in_words():
    # t(28) = 2.20: 2 x t.sf(2.20, 28) = 0.03623; over 2.195 to 2.205, 0.03584 to 0.03662. p = 0.036 (0.0355 to
    # 0.0365) allows it.
    found = checked(stat("stat", "t", 2.20, "28"), p("p", 0.036, 3, "stat"))
    row_ = found["statistic_p__p"]
    assert row_.finding == ("p = 0.036 beside t(28) = 2.20 (stat): two-sided p 0.0362 (range over the statistic's "
                            "rounding 0.0358 to 0.0366); the printed p allows it")
    assert (row_.kind, row_.status, row_.interval, row_.inputs) == ("consistency", "consistent", "rounding", "p;stat")
    assert (row_.reported, row_.recomputed) == (0.036, pytest.approx(0.0362255, rel=1e-5))
    assert (row_.low, row_.high) == (pytest.approx(0.0358357, rel=1e-5), pytest.approx(0.0366191, rel=1e-5))


def test_an_f_statistic_names_both_its_df_and_its_upper_tail():
    # F(2, 28) = 2.20: f.sf(2.20, 2, 28) = 0.1296; over 2.195 to 2.205, 0.1290 to 0.1302. p = 0.13 allows it.
    found = checked(stat("f", "F", 2.20, "2;28"), p("p", 0.13, 2, "f"))
    assert found["statistic_p__p"].finding == ("p = 0.13 beside F(2, 28) = 2.20 (f): upper tail p 0.13 (range over "
                                               "the statistic's rounding 0.129 to 0.13); the printed p allows it")


def test_a_z_statistic_has_no_df():
    # z = -2.42: 2 x norm.sf(2.42) = 0.01552; over 2.415 to 2.425, 0.01531 to 0.01574.
    found = checked(stat("z", "z", -2.42), p("p", 0.016, 3, "z"))
    assert found["statistic_p__p"].finding.startswith("p = 0.016 beside z = -2.42 (z): two-sided p 0.0155 (range "
                                                      "over the statistic's rounding 0.0153 to 0.0157); ")
    assert found["statistic_p__p"].status == "consistent"


def test_an_r_statistic_reads_its_df():
    # r(28) = 0.50: t = r sqrt(df / (1 - r^2)) = 0.5 x sqrt(28 / 0.75) = 3.0551, 2 x t.sf(3.0551, 28) = 0.0049.
    found = checked(stat("r", "r", 0.50, "28"), p("p", 0.005, 3, "r"))
    row_ = found["statistic_p__p"]
    assert row_.finding.startswith("p = 0.005 beside r(28) = 0.50 (r): two-sided p 0.0049 (")
    assert row_.status == "consistent"
    assert row_.recomputed == pytest.approx(0.0048999, rel=1e-4)


def test_a_p_no_rounding_of_the_statistic_gives_names_a_decision_inconsistency_both_ways():
    # t(28) = 2.20 gives 0.0358 to 0.0366, all below 0.05; p = 0.06 (0.055 to 0.065) is above it.
    # t(10) = 1.20 gives 2 x t.sf(1.205, 10) = 0.2559 to 2 x t.sf(1.195, 10) = 0.2597, all above 0.05; p = 0.03 below.
    found = checked(stat("t_big", "t", 2.20, "28"), p("p_big", 0.06, 2, "t_big"), stat("t_small", "t", 1.20, "10"),
                    p("p_small", 0.03, 2, "t_small"))
    big = found["statistic_p__p_big"]
    assert big.finding == ("p_big = 0.06 beside t(28) = 2.20 (t_big): two-sided p 0.0362 (range over the statistic's "
                           "rounding 0.0358 to 0.0366); the printed p allows none of it; a decision inconsistency "
                           "(statcheck's 'decision error'): the statistic gives p < 0.05, the printed p does not")
    assert big.status == "inconsistent"
    assert found["statistic_p__p_small"].finding.endswith(
        "the printed p allows none of it; a decision inconsistency (statcheck's 'decision error'): the printed p is "
        "below 0.05, the statistic's p is not")


def test_half_a_two_sided_p_is_named_as_a_one_sided_test_but_not_for_an_upper_tail_test():
    # t(28) = 2.20: half of 0.0358 to 0.0366 is 0.0179 to 0.0183, which p = 0.018 allows. chi2(1) = 3.00:
    # chi2.sf(3.00, 1) = 0.0833 (0.0830 to 0.0835 over 2.995 to 3.005); p = 0.042 (0.0415 to 0.0425) is half of it,
    # but a chi-squared p is an upper tail already: no one-sided reading. Both sides of 0.05: a decision
    # inconsistency for the chi-squared, none for the t (both below 0.05).
    found = checked(stat("t", "t", 2.20, "28"), p("p_t", 0.018, 3, "t"), stat("x", "chi2", 3.00, "1"),
                    p("p_x", 0.042, 3, "x"))
    assert found["statistic_p__p_t"].finding.endswith(
        "the printed p allows none of it; a one-sided test (half the two-sided p) would give the printed p")
    x = found["statistic_p__p_x"]
    assert x.finding.startswith("p_x = 0.042 beside chi2(1) = 3.00 (x): upper tail p 0.0833 (")
    assert "one-sided" not in x.finding
    assert x.finding.endswith("the statistic's p is not")


def test_a_p_below_a_threshold_is_read_as_a_threshold():
    # t(28) = 2.20 gives 0.0358 to 0.0366: p < 0.05 allows it, p < 0.01 does not; p > 0.03 allows it, p > 0.04 not.
    found = checked(stat("t", "t", 2.20, "28"), p("lt_05", 0.05, 2, "t", "<"), p("lt_01", 0.01, 2, "t", "<"),
                    p("gt_03", 0.03, 2, "t", ">"), p("gt_04", 0.04, 2, "t", ">"))
    statuses = {key.removeprefix("statistic_p__"): value.status for key, value in found.items()}
    assert statuses == {"lt_05": "consistent", "lt_01": "inconsistent", "gt_03": "consistent",
                        "gt_04": "inconsistent"}


def test_a_statistic_the_distribution_refuses_is_not_recomputable():
    # An r of 1.50 lies outside [-1, 1]: no p; the refusal names the statistic.
    found = checked(stat("r", "r", 1.50, "28"), p("p", 0.01, 2, "r"))
    row_ = found["statistic_p__p"]
    assert row_.finding.startswith("statistic_p on p = 0.01: not recomputable (statistic must ")
    assert (row_.kind, row_.status) == ("consistency", "not_recomputable")


def test_a_p_of_a_statistic_it_cannot_read_gets_no_row():
    # A t printed as a threshold, a p of a count, a p of a quantity not in the file, a p of nothing.
    found = checked(stat("t_lt", "t", 2.20, "28", comparator="<"), p("p_lt", 0.04, 2, "t_lt"), count("n", 10),
                    p("p_count", 0.04, 2, "n"), p("p_missing", 0.04, 2, "absent"), p("p_blank", 0.04, 2, ""))
    assert found == {}


# --- a p or a t comparing two means ----------------------------------------------------------------------------

# Means 5.0 (SD 1.0, n 20) and 6.0 (SD 3.0, n 5). At the printed digits scipy's ttest_ind_from_stats gives Student
# p = 0.2087 (pooled SD sqrt((19 + 36) / 23) = 1.5464, t = 1.2932, 23 df) and Welch p = 0.5009 (t = 0.7352,
# 4.23 df); brute force over a grid of 11 values of each mean and SD across its rounding interval gives Student
# 0.1568 to 0.2693 and Welch 0.4545 to 0.5491.
UNEQUAL = [*group("a", 5.0, 1.0, 20), *group("b", 6.0, 3.0, 5)]
UNEQUAL_WHAT = "mean 5.0 (SD 1.0, n 20, mean_a) and mean 6.0 (SD 3.0, n 5, mean_b)"


@pytest.mark.parametrize(("printed", "words"), [
    (0.21, "Student's t-test gives a p the printed p allows"),
    (0.50, "Welch's t-test gives a p the printed p allows"),
])
def test_a_p_comparing_two_means_names_the_one_test_that_fits(printed, words):
    found = checked(*UNEQUAL, p("p", printed, 2, "mean_a;mean_b"))
    row_ = found["two_group_p__p"]
    assert row_.finding == (f"p = {printed:.2f} comparing {UNEQUAL_WHAT}: Student's t-test p 0.157 to 0.269; Welch's "
                            f"t-test p 0.454 to 0.549 (over the rounding of the printed numbers); {words}")
    assert (row_.kind, row_.status, row_.interval, row_.reported) == ("consistency", "consistent", "rounding", printed)
    assert row_.inputs == "p;mean_a;sd_a;n_a;mean_b;sd_b;n_b"
    # Student's range is exact; Welch's is an outer range (analysis.stats.two_groups), so its top is at least the
    # brute-force 0.5491 and, printed as 0.549, below 0.5495.
    assert row_.low == pytest.approx(0.1568, abs=1e-4) and 0.5491 <= row_.high < 0.5495


@pytest.mark.parametrize(("printed", "words"), [
    # 0.35 lies between the two tests' ranges, above 0.05 like both of them: no decision inconsistency.
    (0.35, "no standard test gives the printed p, though they agree on significance at 0.05 (another test, such as an "
           "adjusted model or a rank test, may explain it)"),
    # 0.01 is below 0.05, every test's p above it.
    (0.01, "no standard test gives the printed p: a decision inconsistency (statcheck's 'decision error'), the "
           "printed p is below 0.05, no test's p is"),
    # 0.05 (0.045 to 0.055) may or may not be below 0.05: no decision inconsistency either.
    (0.05, "no standard test gives the printed p, though they agree on significance at 0.05 (another test, such as an "
           "adjusted model or a rank test, may explain it)"),
])
def test_a_p_comparing_two_means_that_no_test_gives(printed, words):
    found = checked(*UNEQUAL, p("p", printed, 2, "mean_a;mean_b"))
    row_ = found["two_group_p__p"]
    assert row_.finding.endswith(f"(over the rounding of the printed numbers); {words}")
    assert row_.status == "inconsistent"


def test_a_p_above_every_tests_p_below_0_05_is_a_decision_inconsistency():
    # Means 0.0 and 3.0, SD 1.0, n 10 each: t = 3 / sqrt(0.2) = 6.7 with 18 df, p about 3e-6, and at most
    # 3.1 / sqrt(2 x 1.05^2 / 10) = 6.6 ... at least 2.9 / sqrt(2 x 1.05^2 / 10) = 6.18, p < 1e-5: p = 0.20 is not.
    found = checked(*group("a", 0.0, 1.0, 10), *group("b", 3.0, 1.0, 10), p("p", 0.20, 2, "mean_a;mean_b"))
    assert found["two_group_p__p"].finding.endswith(
        "no standard test gives the printed p: a decision inconsistency (statcheck's 'decision error'), every test "
        "gives p < 0.05, the printed p does not")


def test_a_t_comparing_two_means_in_words():
    # Means 0.0 and 3.0, SD 1.0, n 2 and 2: the distance runs from 2.9 to 3.1 and the SDs from 0.95 to 1.05, so |t|
    # runs from 2.9 / 1.05 = 2.762 to 3.1 / 0.95 = 3.263 for Student and Welch alike (equal ns). t = -3.00 fits,
    # whatever its sign; t = 4.00 fits neither.
    groups = [*group("a", 0.0, 1.0, 2), *group("b", 3.0, 1.0, 2)]
    found = checked(*groups, stat("t_fits", "t", -3.00, "2", of="mean_a;mean_b"),
                    stat("t_wrong", "t", 4.00, "2", of="mean_a;mean_b"))
    fits = found["two_group_statistic__t_fits"]
    what = "mean 0.0 (SD 1.0, n 2, mean_a) and mean 3.0 (SD 1.0, n 2, mean_b)"
    assert fits.finding == (f"t_fits = -3.00 comparing {what}: Student's t-test 2.762 to 3.263; Welch's t-test 2.762 "
                            "to 3.263 (over the rounding of the printed numbers); Student's t-test, Welch's t-test "
                            "give it")
    assert (fits.kind, fits.status, fits.interval, fits.reported) == ("consistency", "consistent", "rounding", -3.0)
    assert (fits.low, fits.high) == (pytest.approx(2.9 / 1.05, rel=1e-5), pytest.approx(3.1 / 0.95, rel=1e-5))
    wrong = found["two_group_statistic__t_wrong"]
    assert wrong.finding.endswith("(over the rounding of the printed numbers); no standard test gives it (another "
                                  "test, such as an adjusted model, may)")
    assert wrong.status == "inconsistent"
    # no statistic_p row: these t rows compare two means, they are not tested against a p of their own
    assert set(found) == {"two_group_statistic__t_fits", "two_group_statistic__t_wrong"}


def test_a_t_that_fits_one_test_only():
    # The unequal groups above: Student's |t| at the printed digits 1.0 / (1.5464 x sqrt(1 / 20 + 1 / 5)) = 1.293,
    # Welch's 1.0 / sqrt(1 / 20 + 9 / 5) = 0.735; a printed t = 1.29 is Student's only.
    found = checked(*UNEQUAL, stat("t", "t", 1.29, "23", of="mean_a;mean_b"))
    assert found["two_group_statistic__t"].finding.endswith("; Student's t-test gives it")


def test_a_t_of_0_fits_means_that_may_not_be_equal():
    # Means 1.000 and 1.002 (3 decimals) are 0.001 to 0.003 apart, never equal: |t| is at least 0.001 / 1.05 and at
    # most 0.003 / 0.95, all below 0.005, so a printed t = 0.00 (-0.005 to 0.005, |t| from 0 to 0.005) fits both.
    groups = [count("n_a", 2), row("mean_a", 1.000, 3, "mean", "measure", of="a", denominator="n_a"),
              row("sd_a", 1.0, 1, "sd", "measure", of="a", denominator="n_a"), count("n_b", 2),
              row("mean_b", 1.002, 3, "mean", "measure", of="b", denominator="n_b"),
              row("sd_b", 1.0, 1, "sd", "measure", of="b", denominator="n_b")]
    found = checked(*groups, stat("t", "t", 0.00, "2", of="mean_a;mean_b"))
    assert found["two_group_statistic__t"].status == "consistent"


def test_baseline_arms_each_use_their_own_sd():
    # Two arms of one baseline variable (of = age): each arm's SD is the one with its own n. Arm a: 50.0 (SD 5.0,
    # n 20); arm b: 52.0 (SD 10.0, n 20). Were arm b read with arm a's SD, the finding would say SD 5.0 twice.
    arms = [*group("a", 50.0, 5.0, 20, role="baseline"), *group("b", 52.0, 10.0, 20, role="baseline")]
    arms = [row_ if row_.statistic == "count" else Printed(**{**row_.__dict__, "of": "age"}) for row_ in arms]
    found = checked(*arms, p("p", 0.43, 2, "mean_a;mean_b"))
    assert "comparing mean 50.0 (SD 5.0, n 20, mean_a) and mean 52.0 (SD 10.0, n 20, mean_b): " in \
        found["two_group_p__p"].finding


def test_means_without_an_sd_or_an_n_are_not_compared():
    # No SD for b; an n printed as a threshold; an n that is no count; an SD printed as a threshold.
    without_sd = [*group("a", 0.0, 1.0, 2), count("n_b", 2),
                  row("mean_b", 3.0, 1, "mean", "measure", of="b", denominator="n_b")]
    assert checked(*without_sd, p("p", 0.10, 2, "mean_a;mean_b")) == {}
    n_threshold = [*group("a", 0.0, 1.0, 2), *group("b", 3.0, 1.0, 2)]
    n_threshold[3] = row("n_b", 2, 0, "count", "patients", comparator="<")
    assert checked(*n_threshold, p("p", 0.10, 2, "mean_a;mean_b")) == {}
    n_not_count = [*group("a", 0.0, 1.0, 2), *group("b", 3.0, 1.0, 2)]
    n_not_count[3] = row("n_b", 2, 0, "value", "patients")
    assert checked(*n_not_count, p("p", 0.10, 2, "mean_a;mean_b")) == {}
    sd_threshold = [*group("a", 0.0, 1.0, 2), *group("b", 3.0, 1.0, 2)]
    sd_threshold[5] = row("sd_b", 1.0, 1, "sd", "measure", of="b", denominator="n_b", comparator="<")
    assert checked(*sd_threshold, p("p", 0.10, 2, "mean_a;mean_b")) == {}
    mean_threshold = [*group("a", 0.0, 1.0, 2), *group("b", 3.0, 1.0, 2)]
    mean_threshold[4] = row("mean_b", 3.0, 1, "mean", "measure", of="b", denominator="n_b", comparator="<")
    assert checked(*mean_threshold, p("p", 0.10, 2, "mean_a;mean_b")) == {}
    assert checked(*group("a", 0.0, 1.0, 2), p("p", 0.10, 2, "mean_a;absent")) == {}


def test_a_group_of_one_cannot_be_compared_and_says_why():
    groups = [*group("a", 0.0, 1.0, 1), *group("b", 3.0, 1.0, 2)]
    found = checked(*groups, p("p", 0.10, 2, "mean_a;mean_b"), stat("t", "t", 3.00, "1", of="mean_a;mean_b"))
    assert found["two_group_p__p"].finding == (
        "two_group_p on p = 0.10: not recomputable (n_1 and n_2 must be at least 2, got 1 and 2)")
    assert found["two_group_p__p"].status == "not_recomputable"
    assert found["two_group_statistic__t"].finding.startswith("two_group_statistic on t = 3.00: not recomputable (")


# --- a p or a chi-squared comparing two shares ----------------------------------------------------------------

def test_a_p_comparing_two_counts_in_words():
    # 3 of 3 against 0 of 3: chi-squared p = erfc(sqrt(3)) = 0.0143, with Yates' correction 0.1025, Fisher's exact
    # test 0.1 (scipy's chi2_contingency and fisher_exact; R chisq.test and fisher.test agree). p = 0.10 (0.095 to
    # 0.105) allows Yates and Fisher.
    found = checked(count("n_a", 3), count("n_b", 3), count("k_a", 3, "n_a"), count("k_b", 0, "n_b"),
                    p("p", 0.10, 2, "k_a;k_b"))
    row_ = found["two_group_p__p"]
    assert row_.finding == ("p = 0.10 comparing k_a of n_a = 3 and k_b of n_b = 3: chi-squared p 0.0143 to 0.0143; "
                            "chi-squared with Yates' correction p 0.102 to 0.102; Fisher's exact test p 0.1 to 0.1 "
                            "(over the rounding of the printed numbers); chi-squared with Yates' correction, Fisher's "
                            "exact test give a p the printed p allows")
    assert row_.inputs == "p;k_a;n_a;k_b;n_b"
    assert (row_.low, row_.high) == (pytest.approx(math.erfc(math.sqrt(3)), rel=1e-5), pytest.approx(0.102470,
                                                                                                     rel=1e-5))


def test_a_p_comparing_two_percents_tries_every_pair_of_counts_they_allow():
    # 33 % of 200 is 65, 66 or 67 (32.5 to 33.5 % of 200 is 65 to 67, both ends printing as 33) and 20 % of 200 is 39,
    # 40 or 41: nine tables. Over them (scipy, table by table): chi-squared p 0.001513 to 0.006547, Yates 0.002221 to
    # 0.009168, Fisher 0.002137 to 0.008987. p = 0.009 (0.0085 to 0.0095) fits Yates and Fisher; p = 0.002 (0.0015 to
    # 0.0025) all three; p = 0.001 (0.0005 to 0.0015) none, though all agree that p < 0.05.
    rows = [count("n_a", 200), count("n_b", 200), percent("pct_a", 33, 0, denominator="n_a"),
            percent("pct_b", 20, 0, denominator="n_b")]
    found = checked(*rows, p("p_9", 0.009, 3, "pct_a;pct_b"), p("p_2", 0.002, 3, "pct_a;pct_b"),
                    p("p_1", 0.001, 3, "pct_a;pct_b"))
    assert found["two_group_p__p_9"].finding.startswith(
        "p_9 = 0.009 comparing pct_a of n_a = 200 and pct_b of n_b = 200: chi-squared p 0.00151 to 0.00655; "
        "chi-squared with Yates' correction p 0.00222 to 0.00917; Fisher's exact test p 0.00214 to 0.00899 (")
    assert found["two_group_p__p_9"].finding.endswith(
        "; chi-squared with Yates' correction, Fisher's exact test give a p the printed p allows")
    assert found["two_group_p__p_2"].finding.endswith("; chi-squared, chi-squared with Yates' correction, Fisher's "
                                                      "exact test give a p the printed p allows")
    assert found["two_group_p__p_1"].status == "inconsistent"
    assert (found["two_group_p__p_9"].low, found["two_group_p__p_9"].high) == (
        pytest.approx(0.00151285, rel=1e-4), pytest.approx(0.00916758, rel=1e-4))
    assert found["two_group_p__p_9"].inputs == "p_9;pct_a;n_a;pct_b;n_b"


def test_shares_of_0_and_100_percent_stay_within_0_and_n():
    # 0 % of 300 printed whole stands for -0.5 to 0.5 %: counts 0 and 1 (1 of 300 is 0.33 %); 100 % of 300 for 299 and
    # 300. Four tables, every p tiny: p < 0.001 fits.
    found = checked(count("n_a", 300), count("n_b", 300), percent("pct_a", 0, 0, denominator="n_a"),
                    percent("pct_b", 100, 0, denominator="n_b"), p("p", 0.001, 3, "pct_a;pct_b", "<"))
    assert found["two_group_p__p"].status == "consistent"


def test_a_percent_with_its_printed_count_uses_the_count():
    # 66.7 % (k_a = 20 of 30) and 33.3 % (k_b = 10 of 30); the percents name their counts (of) and the counts their
    # totals, so the table is 20 of 30 against 10 of 30: chi-squared 6.667 (p 0.00982), with Yates' correction 5.4
    # (p 0.02014), Fisher p 0.01938. A chi-squared printed 5.40 is Yates'; 6.67 the uncorrected one.
    rows = [count("n_a", 30), count("n_b", 30), count("k_a", 20, "n_a"), count("k_b", 10, "n_b"),
            percent("pct_a", 66.7, 1, of="k_a"), percent("pct_b", 33.3, 1, of="k_b")]
    found = checked(*rows, stat("x_yates", "chi2", 5.40, "1", of="pct_a;pct_b"),
                    stat("x_plain", "chi2", 6.67, "1", of="pct_a;pct_b"), p("p", 0.02, 2, "pct_a;pct_b"))
    yates = found["two_group_statistic__x_yates"]
    assert yates.finding == ("x_yates = 5.40 comparing pct_a of n_a = 30 and pct_b of n_b = 30: chi-squared 6.667 to "
                             "6.667; chi-squared with Yates' correction 5.4 to 5.4 (over the rounding of the printed "
                             "numbers); chi-squared with Yates' correction gives it")
    assert yates.inputs == "x_yates;pct_a;k_a;n_a;pct_b;k_b;n_b"
    assert (yates.low, yates.high, yates.reported) == (pytest.approx(5.4), pytest.approx(20 / 3), 5.4)
    assert found["two_group_statistic__x_plain"].finding.endswith("; chi-squared gives it")
    # p = 0.02 (0.015 to 0.025): Yates' 0.02014 and Fisher's 0.01938, not the uncorrected 0.00982
    assert found["two_group_p__p"].finding.endswith(
        "; chi-squared with Yates' correction, Fisher's exact test give a p the printed p allows")


def test_a_percent_of_a_count_printed_as_a_threshold_takes_its_total_from_the_count():
    # The percents name counts printed as thresholds (< 25), which give no count; their totals come from the counts'
    # denominators, and the percents give the counts: 66.7 % of 30 is 20, 33.3 % of 30 is 10 (as above).
    rows = [count("n_a", 30), count("n_b", 30), row("k_a", 25, 0, "count", "patients", denominator="n_a",
                                                    comparator="<"),
            row("k_b", 25, 0, "count", "patients", denominator="n_b", comparator="<"),
            percent("pct_a", 66.7, 1, of="k_a"), percent("pct_b", 33.3, 1, of="k_b")]
    found = checked(*rows, stat("x", "chi2", 5.40, "1", of="pct_a;pct_b"))
    assert found["two_group_statistic__x"].status == "consistent"
    assert found["two_group_statistic__x"].inputs == "x;pct_a;n_a;pct_b;n_b"


def test_percents_that_no_count_prints_as_are_not_compared():
    # 33.3 % of 7: 2 of 7 is 28.57 %, 3 of 7 is 42.86 %: no count.
    found = checked(count("n_a", 7), count("n_b", 7), percent("pct_a", 33.3, 1, denominator="n_a"),
                    percent("pct_b", 42.9, 1, denominator="n_b"), p("p", 0.50, 2, "pct_a;pct_b"))
    assert found["two_group_p__p"].finding == (
        "two_group_p on p = 0.50: not recomputable (no whole count prints as one of the shares (see percent_grim))")
    assert (found["two_group_p__p"].kind, found["two_group_p__p"].status) == ("consistency", "not_recomputable")


def test_one_pair_of_counts_too_many_is_refused_before_they_are_listed():
    # 50 % printed whole of 7,300 is 3,614 to 3,686 (49.5 % of 7,300 is 3,613.5, 50.5 % is 3,686.5): 73 counts; of
    # 13,700 it is 6,782 to 6,918 (6,781.5 and 6,918.5): 137 counts. 73 x 137 = 10,001 pairs, one more than allowed.
    rows = [count("n_a", 7300), count("n_b", 13700), percent("pct_a", 50, 0, denominator="n_a"),
            percent("pct_b", 50, 0, denominator="n_b")]
    found = checked(*rows, p("p", 0.50, 2, "pct_a;pct_b"))
    assert found["two_group_p__p"].finding == (
        "two_group_p on p = 0.50: not recomputable (10001 pairs of counts print as the two shares, more than the 10000 "
        "tested one by one)")


@pytest.mark.parametrize("total", [
    None,  # a count without a total
    "value",  # a total that is no count
    "zero",  # a total of 0
    "threshold",  # a total printed as a threshold
])
def test_shares_without_a_usable_total_are_not_compared(total):
    totals = {None: [], "value": [row("n_b", 3, 0, "value", "patients")], "zero": [count("n_b", 0)],
              "threshold": [row("n_b", 3, 0, "count", "patients", comparator="<")]}[total]
    found = checked(count("n_a", 3), *totals, count("k_a", 3, "n_a"), count("k_b", 0, "n_b" if total else ""),
                    p("p", 0.10, 2, "k_a;k_b"))
    assert found == {}


def test_a_percent_without_count_or_total_is_not_compared():
    found = checked(count("n_a", 3), count("k_a", 3, "n_a"), percent("pct_b", 50.0, 1), p("p", 0.10, 2, "k_a;pct_b"))
    assert found == {}


# --- boundaries ---------------------------------------------------------------------------------------------

def test_a_share_of_0_percent_is_a_count_of_0():
    # 0.0 % of 10 can only be 0 of 10, 50.0 % of 10 only 5 of 10: one table. scipy on [[0, 10], [5, 5]]: chi-squared
    # p 0.00982, with Yates' correction 0.0389, Fisher's exact test 0.0325. p = 0.03 (0.025 to 0.035) is Fisher's.
    found = checked(count("n_a", 10), count("n_b", 10), percent("pct_a", 0.0, 1, denominator="n_a"),
                    percent("pct_b", 50.0, 1, denominator="n_b"), p("p", 0.03, 2, "pct_a;pct_b"))
    assert found["two_group_p__p"].finding.endswith("; Fisher's exact test gives a p the printed p allows")


def _tie_groups(mean_b):
    # Means 0.00 and mean_b (2 decimals), SDs printed 1 (0.5 to 1.5), n 2 and 2: with equal ns the pooled and the
    # separate SEs are both sqrt((s1^2 + s2^2) / 2), so Student's and Welch's |t| are the same.
    return [count("n_a", 2), row("mean_a", 0.00, 2, "mean", "measure", of="a", denominator="n_a"),
            row("sd_a", 1, 0, "sd", "measure", of="a", denominator="n_a"), count("n_b", 2),
            row("mean_b", mean_b, 2, "mean", "measure", of="b", denominator="n_b"),
            row("sd_b", 1, 0, "sd", "measure", of="b", denominator="n_b")]


@pytest.mark.parametrize(("mean_b", "printed"), [
    # 2.26: the means are at least 2.255 - 0.005 = 2.25 apart, so |t| is at least 2.25 / 1.5 = 1.5, the top of a t
    # printed 1 (0.5 to 1.5): they meet at the rounding tie 1.5, which the audit reads either way.
    (2.26, 1),
    # 2.24: at most 2.245 + 0.005 = 2.25 apart, |t| at most 2.25 / 0.5 = 4.5, the bottom of a t printed 5 (4.5 to 5.5).
    (2.24, 5),
])
def test_a_t_meeting_the_tests_range_at_a_rounding_tie_fits(mean_b, printed):
    found = checked(*_tie_groups(mean_b), stat("t", "t", printed, "2", decimals=0, of="mean_a;mean_b"))
    assert found["two_group_statistic__t"].status == "consistent"


@pytest.mark.parametrize("printed", [4, 5])
def test_a_chi_squared_meeting_a_tests_value_at_a_rounding_tie_fits(printed):
    # 0 of 4 against 4 of 4: chi-squared 8 (N (ad - bc)^2 / (r1 r2 c1 c2) = 8 x 16^2 / 4^4), with Yates' correction
    # 8 x (16 - 4)^2 / 4^4 = 4.5 exactly: the top of a chi-squared printed 4 (3.5 to 4.5) and the bottom of one printed
    # 5 (4.5 to 5.5), a rounding tie that the audit reads either way.
    found = checked(count("n_a", 4), count("n_b", 4), count("k_a", 0, "n_a"), count("k_b", 4, "n_b"),
                    stat("x", "chi2", printed, "1", decimals=0, of="k_a;k_b"))
    assert found["two_group_statistic__x"].finding.endswith("; chi-squared with Yates' correction gives it")


def test_a_group_of_one_counts():
    # 1 of 1 against 0 of 3: chi-squared 4 x 3^2 / 9 = 4, p 0.0455; with Yates' correction 4 x (3 - 2)^2 / 9 = 0.444,
    # p 0.505; Fisher's exact test 1 / 4 = 0.25 (one table of the four with the margins is as extreme). p = 0.25 is
    # Fisher's only. Below a threshold the comparison is strict: p < 0.25 allows the chi-squared p, not Fisher's 0.25.
    rows = [count("n_a", 1), count("n_b", 3), count("k_a", 1, "n_a"), count("k_b", 0, "n_b")]
    found = checked(*rows, p("p", 0.25, 2, "k_a;k_b"), p("p_lt", 0.25, 2, "k_a;k_b", "<"))
    assert found["two_group_p__p"].finding.endswith("; Fisher's exact test gives a p the printed p allows")
    assert found["two_group_p__p_lt"].finding.endswith("; chi-squared gives a p the printed p allows")


def test_tests_on_both_sides_of_0_05_make_no_decision_inconsistency():
    # 3 of 3 against 0 of 3: chi-squared p 0.0143, Yates 0.1025, Fisher 0.1: the tests disagree about 0.05, so a
    # printed p = 0.001 that none of them gives is no decision inconsistency.
    found = checked(count("n_a", 3), count("n_b", 3), count("k_a", 3, "n_a"), count("k_b", 0, "n_b"),
                    p("p", 0.001, 3, "k_a;k_b"))
    row_ = found["two_group_p__p"]
    assert row_.status == "inconsistent"
    assert "decision" not in row_.finding


def test_a_decision_inconsistency_that_a_one_sided_test_explains_names_both():
    # t(28) = 1.80: 2 x t.sf over 1.795 to 1.805 gives 0.08184 to 0.08346, all above 0.05; half of it is 0.04092 to
    # 0.04173. p = 0.041 (0.0405 to 0.0415) is below 0.05 and half the two-sided p; p = 0.030 is below 0.05 but not
    # half of it (a third, 0.0273 to 0.0278, would be).
    found = checked(stat("t", "t", 1.80, "28"), p("p_half", 0.041, 3, "t"), p("p_third", 0.030, 3, "t"))
    assert found["statistic_p__p_half"].finding.endswith(
        "the printed p allows none of it; a decision inconsistency (statcheck's 'decision error'): the printed p is "
        "below 0.05, the statistic's p is not; a one-sided test (half the two-sided p) would give the printed p")
    assert found["statistic_p__p_third"].finding.endswith("the printed p is below 0.05, the statistic's p is not")


def test_a_statistic_whose_rounding_straddles_0_05_makes_no_decision_inconsistency():
    # t(28) = 2 printed whole stands for 1.5 to 2.5: 2 x t.sf(2.5, 28) = 0.0185 to 2 x t.sf(1.5, 28) = 0.1448, on both
    # sides of 0.05. p = 0.001 is none of it (nor half of it, 0.009 to 0.072), and no decision inconsistency.
    row_ = checked(stat("t", "t", 2, "28", decimals=0), p("p", 0.001, 3, "t"))["statistic_p__p"]
    assert row_.finding.endswith("the printed p allows none of it")


def test_every_p_is_checked_whatever_comes_before_it():
    # A p comparing two groups and a p of a quantity not in the file come first; the p of the t after them is still
    # checked (t(28) = 2.20 and p = 0.036, as above).
    rows = [count("n_a", 3), count("n_b", 3), count("k_a", 3, "n_a"), count("k_b", 0, "n_b"),
            p("p_groups", 0.10, 2, "k_a;k_b"), p("p_missing", 0.04, 2, "absent"), stat("stat", "t", 2.20, "28"),
            p("p", 0.036, 3, "stat")]
    found = checked(*rows)
    assert set(found) == {"two_group_p__p_groups", "statistic_p__p"}
    found = checked(*rows[5:])
    assert set(found) == {"statistic_p__p"}
    # a p whose statistic the distribution refuses (r = 1.50) first: the next p is still checked
    found = checked(stat("r", "r", 1.50, "28"), p("p_r", 0.01, 2, "r"), *rows[6:])
    assert set(found) == {"statistic_p__p_r", "statistic_p__p"}
