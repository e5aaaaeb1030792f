"""The ratio and difference checks (analysis.audit.checks_ratios) on the paths a reviewer meets: a ratio beside
its parts, the log-symmetry of its CI and the SE it implies, a p read with the CI as one Wald reading, the CI a p
implies, and a difference's CI and p on its own scale; the words of each verdict, its numbers and its refusals.

Expected numbers are worked in the comments from the printed numbers: z = Phi^-1(0.975) = 1.959964, a Wald SE of
the log ratio (ln U - ln L) / (2 z), a Wald p 2 Phi(-|ln E| / SE) (scipy.stats.norm in the arithmetic); the
rounding interval of a number printed with d decimals is its value -/+ 0.5 x 10^-d."""

import re
from types import SimpleNamespace

import pytest
from scipy.stats import chi2

from analysis.audit._context import Context, Printed
from analysis.audit.checks_ratios import ratio_checks


def row(quantity, value, decimals=2, statistic="ratio", unit="ratio", *, comparator="=", of="", denominator="",
        ci_low=None, ci_high=None, ci_decimals=None):
    """One values row, read as the audit reads a values file."""
    return Printed.from_row(SimpleNamespace(
        quantity=quantity, value=value, decimals=decimals, comparator=comparator, unit=unit, statistic=statistic,
        of=of, denominator=denominator, df="", ci_low=ci_low, ci_high=ci_high, source="X1", ci_decimals=ci_decimals,
        role="primary"))


def ratio(quantity, value, low=None, high=None, decimals=2, **extra):
    return row(quantity, value, decimals, ci_low=low, ci_high=high, **extra)


def p(quantity, value, decimals, of, comparator="="):
    return row(quantity, value, decimals, "p", "p", of=of, comparator=comparator)


def difference(quantity, value, low, high, decimals=1, **extra):
    return row(quantity, value, decimals, "difference", "days", ci_low=low, ci_high=high, **extra)


def checked(*rows, level=0.95):
    """The ledger rows ``ratio_checks`` adds for ``rows``, by key."""
    ctx = Context("demo", {printed.quantity: printed for printed in rows}, level)
    ratio_checks(ctx)
    return {finding.key: finding for finding in ctx.ledger.rows}


# --- a ratio beside its two parts --------------------------------------------------------------------------

def test_a_ratio_recomputed_from_its_parts_in_words():
    # 0.17 / 0.76 = 0.22368; over the parts' rounding 0.165 / 0.765 = 0.21569 to 0.175 / 0.755 = 0.23179. The ratio
    # printed 0.22 (0.215 to 0.225) meets that range; 0.25 (0.245 to 0.255) does not.
    rate = {"statistic": "rate", "unit": "per_patient_year"}
    found = checked(row("a", 0.17, **rate), row("b", 0.76, **rate), ratio("r_ok", 0.22, of="a", denominator="b"),
                    ratio("r_bad", 0.25, of="a", denominator="b"))
    ok, bad = found["ratio_parts__r_ok"], found["ratio_parts__r_bad"]
    assert ok.finding == ("r_ok = 0.22 recomputed from its parts a = 0.17 / b = 0.76: 0.2237 (range 0.2157 to 0.2318 "
                          "over the parts' rounding) prints as the ratio")
    assert (ok.kind, ok.status, ok.interval, ok.inputs) == ("reported", "match", "rounding", "r_ok;a;b")
    assert ok.reported == 0.22 and ok.recomputed == pytest.approx(0.17 / 0.76)
    assert bad.finding.endswith("(range 0.2157 to 0.2318 over the parts' rounding) cannot print as the ratio")
    assert bad.status == "mismatch"


def test_a_ratio_of_two_counts_at_a_rounding_tie_prints_either_way():
    # 3 / 2 = 1.5 exactly (counts are not rounded). Printed with no decimals, a ratio of 1 stands for 0.5 to 1.5 and
    # one of 2 for 1.5 to 2.5: each meets 1.5 only at its end, which is the tie that half-up and half-even round
    # apart, and the audit accepts both sides of a tie (as for percents). A ratio of 3 (2.5 to 3.5) is out.
    counts = [row("a", 3, 0, "count", "patients"), row("b", 2, 0, "count", "patients")]
    found = checked(*counts, *(ratio(f"r_{printed}", printed, decimals=0, of="a", denominator="b")
                               for printed in (1, 2, 3)))
    assert [found[f"ratio_parts__r_{printed}"].status for printed in (1, 2, 3)] == ["match", "match", "mismatch"]
    assert (found["ratio_parts__r_1"].low, found["ratio_parts__r_1"].high) == (1.5, 1.5)


@pytest.mark.parametrize(("top", "bottom"), [
    ((0, 0, "count", "patients"), (10, 0, "count", "patients")),  # a count of 0 (exact) above
    ((10, 0, "count", "patients"), (0, 0, "count", "patients")),  # and below
    ((0.00, 2, "rate", "per_patient_year"), (0.76, 2, "rate", "per_patient_year")),  # 0.00 is -0.005 to 0.005
    ((0.17, 2, "rate", "per_patient_year"), (0.00, 2, "rate", "per_patient_year")),
])
def test_a_part_that_may_be_0_gives_no_ratio(top, bottom):
    # A part whose rounding reaches 0: the ratio of the parts could be 0 or unbounded, whatever it prints as.
    found = checked(row("none", *top), row("all", *bottom), ratio("r", 0.50, of="none", denominator="all"))
    assert found["ratio_parts__r"].finding == "ratio_parts on r = 0.50: not recomputable (a part may be 0)"
    assert found["ratio_parts__r"].status == "not_recomputable"


def test_a_ratio_or_a_part_printed_as_a_threshold_is_not_recomputed_from_the_parts():
    rate = {"statistic": "rate", "unit": "per_patient_year"}
    found = checked(row("a", 0.17, **rate), row("b", 0.76, **rate), row("c", 0.76, comparator="<", **rate),
                    ratio("r_lt", 0.22, of="a", denominator="b", comparator="<"),
                    ratio("r_part_lt", 0.22, of="a", denominator="c"), ratio("r_no_part", 0.22, of="a"))
    assert not any(key.startswith("ratio_parts") for key in found)


# --- a ratio's CI: log-symmetry and the SE it implies --------------------------------------------------------

def test_a_log_symmetric_ci_in_words_with_its_wald_readings_and_se():
    # HR 0.60 (0.40 to 0.90): E / sqrt(L U) = 0.60 / 0.60 = 1 at the printed digits; over the rounding box it runs
    # from 0.595 / sqrt(0.405 x 0.905) = 0.9828 to 0.605 / sqrt(0.395 x 0.895) = 1.0175 (it rises with E, falls with
    # L and U). Wald readings keep sqrt(L U) within 0.595 to 0.605: L = 0.395 fits with U = 0.905 (0.5979), L = 0.405
    # with U = 0.895 (0.6021), and so each bound's whole rounding interval is read; E runs over 0.595 to 0.605.
    # SE = ln(U / L) / (2 z): 0.81093 / 3.91993 = 0.2069 at the printed digits, smallest at L = 0.405, U = 0.895
    # (0.79302 / 3.91993 = 0.2023), largest at L = 0.395, U = 0.905 (0.82905 / 3.91993 = 0.2115). The Wald z,
    # z (-ln L - ln U) / ln(U / L), rises with L and falls with U: p from 0.01213 (L 0.405, U 0.895) to 0.01502
    # (L 0.395, U 0.905).
    found = checked(ratio("hr", 0.60, 0.40, 0.90))
    symmetry = found["ratio_log_symmetry__hr"]
    readings = ("its Wald readings: L 0.395 to 0.405, U 0.895 to 0.905, E 0.595 to 0.605, SE of the log ratio 0.2023 "
                "to 0.2115, Wald p 0.0121 to 0.015")
    assert symmetry.finding == ("hr = 0.60 (0.40 to 0.90): symmetric on the log scale within the rounding of all "
                                "three numbers, E / sqrt(L U) = 1 (range 0.9828 to 1.018); " + readings)
    assert (symmetry.kind, symmetry.status, symmetry.interval) == ("consistency", "consistent", "rounding")
    assert (symmetry.reported, symmetry.recomputed) == (1.0, pytest.approx(1.0))
    assert symmetry.low == pytest.approx(0.595 / (0.405 * 0.905) ** 0.5, rel=1e-5)
    assert symmetry.high == pytest.approx(0.605 / (0.395 * 0.895) ** 0.5, rel=1e-5)
    se = found["ratio_se__hr"]
    assert se.finding == ("hr = 0.60 (0.40 to 0.90): SE of the log ratio implied by the 95% CI, (ln U - ln L) / (2 z) "
                          "= 0.2069 at the printed digits; 0.2023 to 0.2115 over the Wald readings (the roundings that "
                          "keep the estimate at the CI's geometric centre)")
    assert (se.kind, se.status, se.interval) == ("derived", "derived", "rounding")
    assert se.recomputed == pytest.approx(0.206874, rel=1e-5)
    assert (se.low, se.high) == (pytest.approx(0.202283, rel=1e-5), pytest.approx(0.211496, rel=1e-5))


def test_a_symmetry_check_that_cannot_fail_in_words():
    # 0.02 (0.01 to 0.04): every estimate printable between the bounds passes (tests/test_audit.py works it), so the
    # row is by_construction; E / sqrt(L U) = 0.02 / sqrt(0.0004) = 1 at the printed digits, from
    # 0.015 / sqrt(0.015 x 0.045) = 0.5774 to 0.025 / sqrt(0.005 x 0.035) = 1.890 over the rounding.
    found = checked(ratio("irr", 0.02, 0.01, 0.04))
    row_ = found["ratio_log_symmetry__irr"]
    assert row_.finding.startswith("irr = 0.02 (0.01 to 0.04): log-symmetric within rounding, E / sqrt(L U) = 1 "
                                   "(range 0.5774 to 1.89); at 2 decimals every estimate printed between these "
                                   "bounds would pass, so this is no evidence; its Wald readings: L ")
    assert (row_.kind, row_.status, row_.interval) == ("consistency", "by_construction", "rounding")
    assert (row_.reported, row_.recomputed) == (1.0, pytest.approx(1.0))
    assert row_.low == pytest.approx(0.015 / (0.015 * 0.045) ** 0.5, rel=1e-5)
    assert row_.high == pytest.approx(0.025 / (0.005 * 0.035) ** 0.5, rel=1e-5)
    assert "ratio_se__irr" in found


def test_a_ci_that_no_rounding_makes_log_symmetric_in_words():
    # 0.50 (0.40 to 0.90): E / sqrt(L U) = 0.5 / 0.6 = 0.8333, at most 0.505 / sqrt(0.395 x 0.895) = 0.8493 and at
    # least 0.495 / sqrt(0.405 x 0.905) = 0.8176: never 1, no Wald reading, hence no SE and no readings named.
    found = checked(ratio("hr", 0.50, 0.40, 0.90))
    row_ = found["ratio_log_symmetry__hr"]
    assert row_.finding == (
        "hr = 0.50 (0.40 to 0.90): not a Wald interval on the log scale: no rounding of the three numbers puts the "
        "estimate at the geometric centre of its bounds. An exact, profile-likelihood, score or bootstrap interval (or "
        "a misprint) would explain it, and the printed numbers cannot tell which: not a flag, E / sqrt(L U) = 0.8333 "
        "(range 0.8176 to 0.8493)")
    assert (row_.kind, row_.status) == ("consistency", "not_recomputable")
    assert "ratio_se__hr" not in found


@pytest.mark.parametrize(("value", "low", "high", "decimals", "least"), [
    # OR 164.50 (152.30 to 708.50): lower side ln(164.50 / 152.30) = 0.0771, upper ln(708.50 / 164.50) = 1.4602;
    # at the box corner E = 164.505, L = 152.295, U = 708.495: ln(708.495 / 164.505) / ln(164.505 / 152.295) = 18.94
    (164.50, 152.30, 708.50, 2, 18.9),
    # OR 2.83 (0.10 to 7.48): lower side ln(2.83 / 0.10) = 3.343, upper ln(7.48 / 2.83) = 0.972; at the corner
    # E = 2.825, L = 0.105, U = 7.485: ln(2.825 / 0.105) / ln(7.485 / 2.825) = 3.2923 / 0.9744 = 3.38
    (2.83, 0.10, 7.48, 2, 3.38),
])
def test_a_ci_more_lopsided_than_any_interval_method_is_inconsistent(value, low, high, decimals, least):
    row_ = checked(ratio("or", value, low, high, decimals))["ratio_log_symmetry__or"]
    assert row_.status == "inconsistent"
    assert row_.finding.startswith(
        f"or = {value:.{decimals}f} ({low:.{decimals}f} to {high:.{decimals}f}): on the log scale one side of the CI "
        f"is {least:.3g} or more times the other in every rounding of the three numbers: more lopsided than any "
        "interval method gives a ratio (an exact interval with a single event is about 2.1 times), and no other CI "
        "of the text is lopsided (1.5 times or more), so a misprint of the estimate or a bound, E / sqrt(L U) = ")


@pytest.mark.parametrize(("value", "low", "high"), [
    # 0.50 (0.49 to 2.00): E may be 0.495 and L 0.495, the estimate on its lower bound
    (0.50, 0.49, 2.00),
    # 1.50 (0.20 to 1.51): E may be 1.505 and U 1.505, the estimate on its upper bound
    (1.50, 0.20, 1.51),
])
def test_an_estimate_whose_rounding_touches_its_bounds_is_not_judged_lopsided(value, low, high):
    # no ratio of sides (estimate_in_ci judges an estimate on its bound), so not a flag here
    assert checked(ratio("or", value, low, high))["ratio_log_symmetry__or"].status == "not_recomputable"


def test_a_ci_touching_its_estimate_says_nothing_of_the_texts_method():
    # beside 0.50 (0.49 to 2.00), whose sides cannot be compared, OR 2.83 (0.10 to 7.48) is still flagged
    found = checked(ratio("or_a", 2.83, 0.10, 7.48), ratio("or_b", 0.50, 0.49, 2.00))
    assert found["ratio_log_symmetry__or_a"].status == "inconsistent"


def test_a_lopsided_ci_beside_other_lopsided_cis_of_the_text_is_not_flagged():
    # OR 1.44 (0.69 to 1.59): sides ln(1.44 / 0.69) = 0.736 and ln(1.59 / 1.44) = 0.099, 7.4 times (6.9 at the box
    # corner); beside OR 2.59 (1.09 to 3.57), sides 0.866 and 0.321, 2.7 times (2.6 at the corner): the text's
    # method (a bootstrap, say) makes lopsided intervals, so neither is a misprint for that alone
    found = checked(ratio("or_a", 1.44, 0.69, 1.59), ratio("or_b", 2.59, 1.09, 3.57))
    assert found["ratio_log_symmetry__or_a"].status == "not_recomputable"
    # beside a near-symmetric CI, 1.07 (1.00 to 1.14) (sides 0.068 and 0.063), the same CI is flagged
    found = checked(ratio("or_a", 1.44, 0.69, 1.59), ratio("or_b", 1.07, 1.00, 1.14))
    assert found["ratio_log_symmetry__or_a"].status == "inconsistent"


def test_a_lopsided_ci_that_a_moved_decimal_point_centres_is_flagged_beside_other_lopsided_cis():
    # HR 5.1 (3.9 to 66.4): sides ln(5.1 / 3.9) = 0.268 and ln(66.4 / 5.1) = 2.567; at the box corner E = 5.05,
    # L = 3.85, U = 66.45: ln(66.45 / 5.05) / ln(5.05 / 3.85) = 2.5770 / 0.2714 = 8.79 times. Moving a decimal point
    # divides L U by ten: 5.1 / sqrt(3.9 x 6.64) = 5.1 / 5.089 = 1.002 (and 0.39 x 66.4 is the same product).
    # Beside it HR 0.04 (0.02 to 0.66), whose sides are 2.4 times apart at the most favourable corner (E = 0.045,
    # L = 0.015, U = 0.655: ln(0.655 / 0.045) / ln(0.045 / 0.015) = 2.678 / 1.099 = 2.44): under 3, not flagged,
    # yet lopsided enough to excuse the other's shape were no misprint to centre it.
    found = checked(ratio("hr_a", 5.1, 3.9, 66.4, 1), ratio("hr_b", 0.04, 0.02, 0.66))
    flagged = found["ratio_log_symmetry__hr_a"]
    assert flagged.status == "inconsistent"
    assert ("8.79 or more times the other in every rounding of the three numbers" in flagged.finding)
    assert ("other CIs of the text are lopsided too, but 0.39 for 3.9 or 6.64 for 66.4 centres this one on its "
            "estimate within rounding: a misprinted decimal point") in flagged.finding
    assert found["ratio_log_symmetry__hr_b"].status == "not_recomputable"
    # the bootstrap-like pair above: no moved decimal point centres OR 1.44 (0.69 to 1.59) (0.069 or 15.9 put
    # E / sqrt(L U) at 4.35 or 0.435), so it stays unflagged
    assert checked(ratio("or_a", 1.44, 0.69, 1.59), ratio("or_b", 2.59, 1.09, 3.57))[
        "ratio_log_symmetry__or_a"].status == "not_recomputable"


def test_the_exact_ci_of_a_rate_ratio_with_a_single_event_is_lopsided_but_not_flagged():
    # 1 event against a Poisson limit: exact bounds chi2.ppf(0.025, 2) / 2 = 0.0253 and chi2.ppf(0.975, 4) / 2 =
    # 5.572, around 1; as a rate ratio 1 / 1000 with the other arm's 1000 events taken as exact: 0.00100 (0.0000253
    # to 0.00557); sides ln(1 / 0.0253) = 3.68 and ln(5.572) = 1.72, 2.14 times: the most lopsided an interval gets
    low, high = chi2.ppf(0.025, 2) / 2 / 1000, chi2.ppf(0.975, 4) / 2 / 1000
    assert (round(low, 7), round(high, 5)) == (0.0000253, 0.00557)
    row_ = checked(ratio("rr", 0.00100, 0.0000253, 0.00557, 5, ci_decimals=7))["ratio_log_symmetry__rr"]
    assert row_.status == "not_recomputable"


def test_bounds_at_their_own_decimals_are_read_at_the_box_corners():
    # HR 0.45 (0.2 to 0.9) with the bounds at 1 decimal: L in [0.15, 0.25], U in [0.85, 0.95], E in [0.445, 0.455].
    # E / sqrt(L U) = 0.45 / sqrt(0.18) = 1.0607 at the printed digits, from 0.445 / sqrt(0.25 x 0.95) = 0.9131 to
    # 0.455 / sqrt(0.15 x 0.85) = 1.2743; SE = ln(0.9 / 0.2) / (2 z) = 1.50408 / 3.91993 = 0.3837. Such a check is
    # taken as one that can fail: consistent, not by_construction.
    found = checked(ratio("hr", 0.45, 0.2, 0.9, ci_decimals=1))
    symmetry = found["ratio_log_symmetry__hr"]
    assert symmetry.status == "consistent"
    assert "E / sqrt(L U) = 1.061 (range 0.9131 to 1.274)" in symmetry.finding
    assert symmetry.recomputed == pytest.approx(0.45 / 0.18 ** 0.5, rel=1e-5)
    assert (symmetry.low, symmetry.high) == (pytest.approx(0.445 / (0.25 * 0.95) ** 0.5, rel=1e-5),
                                             pytest.approx(0.455 / (0.15 * 0.85) ** 0.5, rel=1e-5))
    assert found["ratio_se__hr"].recomputed == pytest.approx(0.383701, rel=1e-5)


def test_a_ratio_printed_as_a_threshold_gets_no_ci_check():
    found = checked(ratio("hr", 0.60, 0.40, 0.90, comparator="<"), ratio("hr_no_ci", 0.60))
    assert found == {}


# --- a p beside a ratio with a CI, read as one Wald reading --------------------------------------------------

HR = ("hr", 0.60, 0.40, 0.90)  # Wald p 0.01354 at the printed digits, 0.01213 to 0.01502 over its Wald readings


def test_a_p_one_wald_reading_gives_in_words():
    # p = 0.02 (0.015 to 0.025) is reached only at the widest reading, p 0.01502 (tests/test_audit.py works it).
    # At the printed digits: SE 0.20687, z = -ln 0.6 / 0.20687 = 0.51083 / 0.20687 = 2.4693, p = 0.01354.
    found = checked(ratio(*HR), p("p_hr", 0.02, 2, "hr"))
    row_ = found["ratio_p_wald__p_hr"]
    assert row_.finding.startswith("p_hr = 0.02 beside hr = 0.60 (0.40 to 0.90): one reading fits the CI as a Wald CI "
                                   "and the printed p as its Wald p: L ")
    assert row_.finding.endswith("; a log-rank, score or exact p can differ from the Wald p")
    assert (row_.kind, row_.status, row_.interval, row_.inputs) == ("consistency", "consistent", "rounding",
                                                                    "p_hr;hr")
    assert (row_.reported, row_.recomputed) == (0.02, pytest.approx(0.013539, rel=1e-4))
    assert (row_.low, row_.high) == (pytest.approx(0.012129, rel=1e-4), pytest.approx(0.015018, rel=1e-4))


def test_a_decision_inconsistency_in_words_names_the_p_the_ci_gives_and_the_ci_the_p_gives():
    # p = 0.08 (0.075 to 0.085) beside a CI that excludes 1: every reading says p >= 0.05 against p < 0.05. The CI
    # the p gives with the estimate (Altman & Bland 2011): z_p = Phi^-1(1 - p / 2), c = z / z_p, bounds E**(1 + c)
    # (lower, E < 1) and E**(1 - c), each monotone in E and in p: over E 0.595 to 0.605 and p 0.075 to 0.085,
    # lower end 0.595**(1 + 1.95996 / 1.72182) = 0.3296 (p 0.085) to 0.605**(1 + 1.95996 / 1.78046) = 0.3479
    # (p 0.075), upper end 0.605**(1 - 1.95996 / 1.78046) = 1.052 to 0.595**(1 - 1.95996 / 1.72182) = 1.074.
    found = checked(ratio(*HR), p("p_ns", 0.08, 2, "hr"))
    row_ = found["ratio_p_wald__p_ns"]
    assert row_.finding == (
        "p_ns = 0.08 beside hr = 0.60 (0.40 to 0.90): decision inconsistency (statcheck's 'decision error'): the CI "
        "excludes 1 but the p is not below 0.05; the Wald readings of the CI give p 0.0121 to 0.015; the printed p "
        "with the estimate gives the Wald 95% CI lower end 0.33 to 0.348, upper end 1.05 to 1.07")
    assert (row_.kind, row_.status, row_.reported) == ("consistency", "inconsistent", 0.08)
    assert (row_.low, row_.high) == (pytest.approx(0.012129, rel=1e-4), pytest.approx(0.015018, rel=1e-4))


def test_a_significant_p_beside_a_ci_that_includes_1_is_a_decision_inconsistency():
    # HR 0.80 (0.60 to 1.07): the lower bound is at most 0.605 and the upper at least 1.065, so 1 is inside in every
    # rounding; p = 0.03 is below 0.05 in every rounding.
    found = checked(ratio("hr", 0.80, 0.60, 1.07), p("p", 0.03, 2, "hr"))
    row_ = found["ratio_p_wald__p"]
    assert row_.status == "inconsistent"
    assert ": decision inconsistency (statcheck's 'decision error'): the p is below 0.05 but the CI includes 1; " \
        in row_.finding


@pytest.mark.parametrize(("printed", "agreement"), [
    # HR 0.80 (0.60 to 1.07) has a Wald p of 0.1305 at the printed digits and includes 1: p = 0.50 is no Wald p of
    # it, but both say p >= 0.05.
    ((("hr", 0.80, 0.60, 1.07), 0.50), "the CI and the p agree on significance (both say p >= 0.05)"),
    # HR 0.60 (0.40 to 0.90) excludes 1, p = 0.05 stands for 0.045 to 0.055, on both sides of 0.05.
    ((HR, 0.05), "the rounding leaves open whether the CI and the p agree on significance at 0.05"),
    # HR 0.70 (0.49 to 1.00): the upper bound 0.995 to 1.005 may or may not exclude 1; p = 0.30 is not significant.
    ((("hr", 0.70, 0.49, 1.00), 0.30), "the rounding leaves open whether the CI and the p agree on significance "
                                       "at 0.05"),
])
def test_a_p_no_wald_reading_gives_without_a_decision_inconsistency_is_no_flag(printed, agreement):
    estimate, p_value = printed
    found = checked(ratio(*estimate), p("p", p_value, 2, "hr"))
    row_ = found["ratio_p_wald__p"]
    assert row_.status == "not_recomputable"
    assert f"{agreement}, so another test (log-rank, score, exact) would explain it; the paper's test cannot be " \
        "recomputed from these numbers" in row_.finding
    assert row_.finding.startswith("p = ")
    assert ": the printed p is not the Wald p of any Wald reading: the Wald readings of the CI give p " in row_.finding


def test_a_p_beside_a_ci_that_is_no_wald_interval_in_words():
    # HR 0.50 (0.40 to 0.90) has no Wald reading (above), so no Wald p range; at the printed digits SE = 0.20687,
    # z = 0.69315 / 0.20687 = 3.3507, p = 0.000806. p = 0.01 (0.005 to 0.015) and the CI both say p < 0.05. The CI the
    # p gives over E 0.495 to 0.505: lower end 0.495**(1 + 1.95996 / 2.80703) = 0.2809 (p 0.005) to
    # 0.505**(1 + 1.95996 / 2.43238) = 0.3134 (p 0.015); upper end 0.505**(1 - 1.95996 / 2.80703) = 0.8088 to
    # 0.495**(1 - 1.95996 / 2.43238) = 0.8757.
    found = checked(ratio("hr", 0.50, 0.40, 0.90), p("p", 0.01, 2, "hr"))
    row_ = found["ratio_p_wald__p"]
    assert row_.finding == (
        "p = 0.01 beside hr = 0.50 (0.40 to 0.90): the printed p is not the Wald p of any Wald reading: no rounding "
        "makes the CI a Wald CI (see ratio_log_symmetry), so it gives no Wald p; the printed p with the estimate gives "
        "the Wald 95% CI lower end 0.281 to 0.313, upper end 0.809 to 0.876; the CI and the p agree on significance "
        "(both say p < 0.05), so another test (log-rank, score, exact) would explain it; the paper's test cannot be "
        "recomputed from these numbers")
    assert row_.recomputed == pytest.approx(0.00080642, rel=1e-4)
    assert (row_.low, row_.high, row_.interval) == (None, None, "")


def test_a_p_of_a_missing_or_thresholded_ratio_gets_no_row():
    found = checked(ratio("hr", 0.60, 0.40, 0.90, comparator="<"), p("p_lt", 0.02, 2, "hr"),
                    p("p_none", 0.02, 2, "nothing"), p("p_blank", 0.02, 2, ""))
    assert found == {}


# --- the CI a p implies for a ratio printed without one ------------------------------------------------------

def test_the_ci_a_p_implies_at_the_audits_level_in_words():
    # HR 4.95, p = 0.00016, at the audit's level 90 % (z 1.644854): z_p = Phi^-1(1 - 0.00008) = 3.77506,
    # SE = ln 4.95 / z_p = 1.59939 / 3.77506 = 0.42367, CI exp(1.59939 -/+ 1.644854 x 0.42367) = 2.466 to 9.937.
    # Over E 4.945 to 4.955 and p 0.000155 to 0.000165 (corners): lower end 2.461 to 2.471, upper end 9.908 to 9.966.
    found = checked(ratio("hr", 4.95), p("p_hr", 0.00016, 5, "hr"), level=0.90)
    row_ = found["ratio_ci_from_p__p_hr"]
    assert row_.finding == ("p_hr = 0.00016 of hr = 4.95: implied Wald 90% CI 2.47 to 9.94 (over rounding: lower end "
                            "2.46 to 2.47, upper end 9.91 to 9.97); assumes a Wald test on the log scale")
    assert (row_.kind, row_.status, row_.interval, row_.level) == ("derived", "derived", "ci", 0.90)
    assert (row_.low, row_.high) == (pytest.approx(2.46576, rel=1e-4), pytest.approx(9.93710, rel=1e-4))


def test_the_ci_a_p_below_a_threshold_implies_is_a_bound():
    # p < 0.001: the CI lies within the one p = 0.001 gives, widest over E 4.945 to 4.955: z_p = 3.29053,
    # c = 1.95996 / 3.29053 = 0.59564, lower end 4.945**(1 - c) = 1.909, upper end 4.955**(1 + c) = 12.85.
    found = checked(ratio("hr", 4.95), p("p_hr", 0.001, 3, "hr", "<"))
    row_ = found["ratio_ci_from_p__p_hr"]
    assert row_.finding == ("p_hr < 0.001 of hr = 4.95: the Wald 95% CI lies within 1.91 to 12.9 (the CI a p of "
                            "exactly 0.001 would give, widest over the estimate's rounding); assumes a Wald test on "
                            "the log scale")
    assert (row_.kind, row_.status, row_.interval) == ("derived", "derived", "bounds")
    assert (row_.low, row_.high) == (pytest.approx(1.908509, rel=1e-5), pytest.approx(12.854001, rel=1e-5))


def test_the_ci_at_the_printed_p_is_the_one_the_row_holds():
    # HR 2.00, p = 0.5: z_p = Phi^-1(0.75) = 0.67449, SE = ln 2 / z_p = 0.69315 / 0.67449 = 1.02766,
    # CI exp(0.69315 -/+ 1.95996 x 1.02766) = exp(-1.32104) to exp(2.70734) = 0.26686 to 14.989.
    found = checked(ratio("hr", 2.00), p("p_hr", 0.5, 1, "hr"))
    row_ = found["ratio_ci_from_p__p_hr"]
    assert (row_.low, row_.high) == (pytest.approx(0.266860, rel=1e-4), pytest.approx(14.98915, rel=1e-4))


def test_a_p_printed_as_0_beside_a_ratio_without_ci_is_not_recomputable():
    # "p = 0.000" (as statistics software prints p < 0.0005): at the printed digits z_p = Phi^-1(1 - 0 / 2) is
    # infinite, so no SE and no CI; the audit said so for no other reason before it crashed on this row.
    found = checked(ratio("hr", 2.00), p("p_hr", 0.0, 3, "hr"))
    row_ = found["ratio_ci_from_p__p_hr"]
    assert row_.finding == "ratio_ci_from_p on p_hr = 0.000: not recomputable (a p printed as 0 implies no SE)"
    assert (row_.kind, row_.status) == ("derived", "not_recomputable")


@pytest.mark.parametrize(("estimate", "decimals", "p_value", "comparator", "why"), [
    (1.00, 2, 0.02, "=", "the estimate may be 1, where a p implies no SE"),
    (1.0, 0, 0.02, "<", "the estimate may be 1, where a p implies no SE"),  # 0.5 to 1.5 holds 1
    (1.20, 2, 0.05, ">", "a p printed as '> t' bounds no CI"),
    (0.00, 2, 0.02, "=", "the estimate may be 0"),
    (0.00, 2, 0.05, ">", "a p printed as '> t' bounds no CI"),
])
def test_no_ci_from_a_p_where_none_is_implied(estimate, decimals, p_value, comparator, why):
    found = checked(ratio("hr", estimate, decimals=decimals), p("p_hr", p_value, 2, "hr", comparator))
    row_ = found["ratio_ci_from_p__p_hr"]
    assert row_.finding.endswith(f": not recomputable ({why})")
    assert (row_.kind, row_.status) == ("derived", "not_recomputable")


def test_a_ratio_near_the_largest_float_has_no_implied_ci():
    # 1e308 with p = 0.01: ln E / z_p = 709.2 / 2.5758 = 275.3, the upper end exp(709.2 + 1.96 x 275.3) overflows.
    found = checked(ratio("hr", 1e308, decimals=0), p("p_hr", 0.01, 2, "hr"))
    assert found["ratio_ci_from_p__p_hr"].finding == (
        "ratio_ci_from_p on p_hr = 0.01: not recomputable (the implied CI lies beyond the largest float)")
    assert found["ratio_ci_from_p__p_hr"].kind == "derived"


# --- a difference and its CI on its own scale -----------------------------------------------------------------

def test_a_difference_with_a_symmetric_ci_and_its_wald_p_in_words():
    # -2.0 (-3.5 to -0.5): E minus the midpoint of the bounds runs from -2.05 - (-3.45 - 0.45) / 2 = -0.1 to
    # -1.95 - (-3.55 - 0.55) / 2 = 0.1, which holds 0. Wald p: SE = (U - L) / (2 z), p = 2 Phi(-|E| 2 z / (U - L)):
    # 2 Phi(-2.0 x 3.91993 / 3.0) = 0.008968 at the printed digits. In a Wald reading E is the midpoint of L and U;
    # every corner of the bounds' rounding box has its midpoint within -2.05 to -1.95, and |midpoint| / width there
    # is 2.0 / 2.9 (L -3.45, U -0.55: p 0.006863, the smallest), 2.05 / 3.0, 1.95 / 3.0 and 2.0 / 3.1 (L -3.55,
    # U -0.45: p 0.01144, the largest).
    found = checked(difference("d", -2.0, -3.5, -0.5), p("p_d", 0.01, 2, "d"))
    symmetry = found["difference_symmetry__d"]
    assert symmetry.finding == ("d = -2.0 (-3.5 to -0.5): estimate minus the CI's midpoint ranges over rounding from "
                                "-0.1 to 0.1; the CI is symmetric within rounding")
    assert (symmetry.kind, symmetry.status, symmetry.interval, symmetry.reported) == (
        "consistency", "consistent", "rounding", 0.0)
    assert (symmetry.low, symmetry.high) == (pytest.approx(-0.1), pytest.approx(0.1))
    wald = found["difference_p_wald__p_d"]
    assert wald.finding == ("p_d = 0.01 beside d = -2.0 (-3.5 to -0.5): one reading fits the CI as a Wald CI and the "
                            "printed p as its Wald p: L -3.55 to -3.45, U -0.55 to -0.45, E -2.05 to -1.95, Wald p "
                            "0.00686 to 0.0114 (a t-test, rank or exact p can differ from the Wald p)")
    assert (wald.kind, wald.status, wald.interval, wald.inputs) == ("consistency", "consistent", "rounding", "p_d;d")
    assert wald.recomputed == pytest.approx(0.0089676, rel=1e-4)
    assert (wald.low, wald.high) == (pytest.approx(0.0068634, rel=1e-4), pytest.approx(0.0114393, rel=1e-4))


def test_a_p_no_rounding_of_a_difference_gives_but_on_the_same_side_of_0_05_is_no_flag():
    # -2.0 (-3.5 to -0.5) gives 0.00686 to 0.0114; p = 0.04 (0.035 to 0.045) is none of it, but the CI excludes 0
    # (upper bound at most -0.45) and the p is below 0.05: both say significant, as for a ratio another test
    # (a t-test with few degrees of freedom) may give it, so the row is not recomputable, not a flag.
    found = checked(difference("d", -2.0, -3.5, -0.5), p("p_d", 0.04, 2, "d"))
    wald = found["difference_p_wald__p_d"]
    assert wald.status == "not_recomputable"
    assert wald.finding == ("p_d = 0.04 beside d = -2.0 (-3.5 to -0.5): the printed p is not the Wald p of any Wald "
                            "reading: the Wald readings of the CI give p 0.00686 to 0.0114; the CI and the p agree on "
                            "significance (both say p < 0.05), so another test (a t-test with few degrees of freedom, "
                            "a rank or exact test, another model) would explain it; the paper's test cannot be "
                            "recomputed from these numbers")


def test_a_difference_whose_ci_excludes_0_beside_a_p_above_0_05_is_a_decision_inconsistency():
    # 1.0 (0.2 to 1.8): the lower bound is at least 0.15 > 0; Wald p = 2 Phi(-1.0 x 3.91993 / 1.6) = 0.0143, over
    # the Wald readings 0.008968 (L 0.25, U 1.75: 1.0 / 1.5) to 0.02112 (L 0.15, U 1.85: 1.0 / 1.7). A p of 0.08
    # (0.075 to 0.085) is not below 0.05: the two disagree on significance.
    wald = checked(difference("d", 1.0, 0.2, 1.8), p("p_d", 0.08, 2, "d"))["difference_p_wald__p_d"]
    assert wald.status == "inconsistent"
    assert wald.finding.endswith("decision inconsistency (statcheck's 'decision error'): the CI excludes 0 but the p "
                                 "is not below 0.05; the Wald readings of the CI give p 0.00897 to 0.0211")
    assert wald.recomputed == pytest.approx(0.014285, rel=1e-3)


def test_a_difference_whose_ci_is_not_symmetric_in_words():
    # 1.0 (0.5 to 3.0): 0.95 - (0.55 + 3.05) / 2 = -0.85 to 1.05 - (0.45 + 2.95) / 2 = -0.65: never 0.
    found = checked(difference("d", 1.0, 0.5, 3.0))
    row_ = found["difference_symmetry__d"]
    assert row_.finding == (
        "d = 1.0 (0.5 to 3.0): estimate minus the CI's midpoint ranges over rounding from -0.85 to -0.65; the CI is "
        "not symmetric around the estimate: not a Wald interval on this scale. An exact, profile-likelihood, score or "
        "bootstrap interval (or a misprint) would explain it, and the printed numbers cannot tell which: not a flag")
    assert row_.status == "not_recomputable"


@pytest.mark.parametrize(("estimate", "low", "high"), [
    (2, 2, 4),  # 2.5 - (1.5 + 3.5) / 2 = 0: symmetric only at E = 2.5, L = 1.5, U = 3.5
    (4, 2, 4),  # 3.5 - (2.5 + 4.5) / 2 = 0: symmetric only at E = 3.5, L = 2.5, U = 4.5
])
def test_a_difference_symmetric_only_at_a_corner_of_the_rounding_is_symmetric(estimate, low, high):
    found = checked(difference("d", estimate, low, high, decimals=0))
    assert found["difference_symmetry__d"].status == "consistent"


def test_a_difference_whose_rounding_holds_0_allows_a_p_of_1():
    # 0.0 (-1.0 to 1.0): |E| may be 0, so the Wald p reaches 2 Phi(0) = 1; the smallest is where the midpoint of the
    # bounds is farthest from 0 for its width: |E| = 0.05 over 2.0 (L -1.05, U 0.95, or -0.95 and 1.05):
    # 2 Phi(-0.05 x 3.91993 / 2.0) = 0.92193. p = 0.95 fits, p = 0.90 (0.895 to 0.905) does not.
    found = checked(difference("d", 0.0, -1.0, 1.0), p("p_fits", 0.95, 2, "d"), p("p_not", 0.90, 2, "d"))
    fits = found["difference_p_wald__p_fits"]
    assert fits.status == "consistent"
    assert (fits.low, fits.high) == (pytest.approx(0.921934, rel=1e-4), 1.0)
    # p = 0.90 is none of 0.918 to 1, yet both the CI (holding 0) and the p say not significant: no flag
    assert found["difference_p_wald__p_not"].status == "not_recomputable"


def test_a_difference_printed_as_a_threshold_or_without_ci_gets_no_check():
    found = checked(difference("d_lt", 1.0, 0.5, 1.5, comparator="<"), row("d_none", 1.0, 1, "difference", "days"),
                    p("p_lt", 0.04, 2, "d_lt"), p("p_none", 0.04, 2, "d_none"))
    assert found == {}


# --- boundaries and paths the tests above do not reach ----------------------------------------------------------

def test_a_ci_wholly_above_1_beside_a_p_above_0_05_is_a_decision_inconsistency():
    # HR 2.50 (1.50 to 4.00): the lower bound is at least 1.495 > 1, so the CI excludes 1 (Wald p at the printed
    # digits: SE = ln(4 / 1.5) / 3.91993 = 0.25022, z = 0.91629 / 0.25022 = 3.662, p = 0.00025); p = 0.08 is not
    # below 0.05.
    found = checked(ratio("hr", 2.50, 1.50, 4.00), p("p", 0.08, 2, "hr"))
    assert found["ratio_p_wald__p"].status == "inconsistent"
    assert "the CI excludes 1 but the p is not below 0.05" in found["ratio_p_wald__p"].finding


def test_a_p_read_with_bounds_at_their_own_decimals():
    # HR 0.45 (0.2 to 0.9), bounds at 1 decimal: a Wald reading needs L U in [0.445^2, 0.455^2] = [0.198, 0.207];
    # L = 0.21, U = 0.95 gives L U = 0.1995, E = 0.44665, SE = ln(0.95 / 0.21) / 3.91993 = 0.38504,
    # z = 0.80598 / 0.38504 = 2.0932, p = 0.0363, which p = 0.04 (0.035 to 0.045) allows. Read at the estimate's 2
    # decimals the CI has no Wald reading at all (tests/test_audit.py), so only the bounds' own decimals fit.
    found = checked(ratio("hr", 0.45, 0.2, 0.9, ci_decimals=1), p("p", 0.04, 2, "hr"))
    assert found["ratio_p_wald__p"].status == "consistent"


WHICH_P = r"the Wald readings of the CI give p [0-9.e-]+ to [0-9.e-]+"


@pytest.mark.parametrize(("estimate", "printed_p"), [
    (("hr", 1.00, 0.50, 2.00), ("0.01", 2, "=")),  # an estimate of 1 carries no SE: no CI from the p
    (HR, ("0.001", 3, "<")),  # a threshold gives no one CI
    (HR, ("0.00", 2, "=")),  # p = 0.00 may be 0, where z_p is infinite
    (("hr", 1.20, 0.80, 1.80), ("1.00", 2, "=")),  # p = 1.00 may be 1, where z_p is 0
])
def test_the_p_the_ci_gives_is_followed_by_the_verdict_when_the_p_gives_no_ci(estimate, printed_p):
    value, decimals, comparator = printed_p
    finding = checked(ratio(*estimate), p("p", float(value), decimals, "hr", comparator))["ratio_p_wald__p"].finding
    assert re.search(WHICH_P + r"(; the CI and the p agree on significance|$)", finding), finding


def test_a_ci_the_p_gives_beyond_the_largest_float_is_left_out():
    # HR 1e308 (1e307 to 1.5e308): no Wald reading (E / sqrt(L U) = 1e308 / 3.87e307 = 2.6), and the CI a p of 0.01
    # gives around 1e308 overflows: the finding goes straight from the missing Wald p to the verdict.
    found = checked(ratio("hr", 1e308, 1e307, 1.5e308, decimals=0), p("p", 0.01, 2, "hr"))
    assert "so it gives no Wald p; the CI and the p agree on significance (both say p < 0.05)" in \
        found["ratio_p_wald__p"].finding


def test_the_ci_a_p_implies_for_a_ratio_below_1():
    # HR 0.50, p = 0.01: z_p = Phi^-1(0.995) = 2.57583, SE = 0.69315 / 2.57583 = 0.26910,
    # CI exp(-0.69315 -/+ 1.95996 x 0.26910) = exp(-1.22057) to exp(-0.16572) = 0.2951 to 0.8473.
    row_ = checked(ratio("hr", 0.50), p("p", 0.01, 2, "hr"))["ratio_ci_from_p__p"]
    assert row_.status == "derived"
    assert (row_.low, row_.high) == (pytest.approx(0.295063, rel=1e-4), pytest.approx(0.847277, rel=1e-4))


def test_the_ci_a_p_below_a_threshold_implies_at_the_audits_level():
    # As above at 90 % (z 1.644854): c = 1.644854 / 3.29053 = 0.49988, lower end 4.945**(1 - c) = 2.224, upper end
    # 4.955**(1 + c) = 11.03.
    row_ = checked(ratio("hr", 4.95), p("p_hr", 0.001, 3, "hr", "<"), level=0.90)["ratio_ci_from_p__p_hr"]
    assert "the Wald 90% CI lies within 2.22 to 11" in row_.finding
    assert (row_.low, row_.high) == (pytest.approx(2.224178, rel=1e-5), pytest.approx(11.027548, rel=1e-5))


def test_a_p_printed_as_1_implies_a_ci_beyond_every_float():
    # p = 1.00 stands for 0.995 to 1: as p nears 1, z_p = Phi^-1(1 - p / 2) nears 0 and the SE |ln E| / z_p grows
    # without bound, so the implied CI has no finite upper end.
    row_ = checked(ratio("hr", 2.00), p("p", 1.00, 2, "hr"))["ratio_ci_from_p__p"]
    assert row_.finding == ("ratio_ci_from_p on p = 1.00: not recomputable (the implied CI lies beyond the largest "
                            "float)")


def test_a_difference_with_a_narrow_ci_and_its_wald_p():
    # 0.5 (0.2 to 0.8): 2 Phi(-0.5 x 3.91993 / 0.6) = 0.001088 at the printed digits. Over the Wald readings (E the
    # midpoint of L and U): smallest at L 0.25, U 0.75, 0.5 / 0.5 (8.858e-5), largest at L 0.15, U 0.85, 0.5 / 0.7
    # (0.005111); the corners 0.45 / 0.6 and 0.55 / 0.6 lie between.
    row_ = checked(difference("d", 0.5, 0.2, 0.8), p("p", 0.001, 3, "d"))["difference_p_wald__p"]
    assert row_.status == "consistent"
    assert (row_.reported, row_.recomputed) == (0.001, pytest.approx(0.00108845, rel=1e-4))
    assert (row_.low, row_.high) == (pytest.approx(8.85754e-5, rel=1e-4), pytest.approx(0.00511108, rel=1e-4))


def test_a_difference_whose_ci_is_printed_as_a_point_has_no_wald_p_at_the_printed_digits():
    # 1.0 (1.0 to 1.0): a CI of width 0 gives no SE at the printed digits; over the rounding the bounds (L <= U) may
    # meet (width 0, p 0) or be 0.1 apart (L 0.95, U 1.05: z = 1.0 x 3.91993 / 0.1 = 39.2, p below 1e-300), so
    # p < 0.001 is allowed.
    row_ = checked(difference("d", 1.0, 1.0, 1.0), p("p", 0.001, 3, "d", "<"))["difference_p_wald__p"]
    assert row_.status == "consistent"
    assert row_.recomputed is None
    assert row_.low == 0.0 and row_.high < 1e-300


@pytest.mark.parametrize(("high", "decimals", "refused"), [
    # At 0 decimals, 1 to 100001 leaves 100,000 printable estimates between the bounds: the most that are tested.
    (100001, 0, None),
    (100002, 0, "hr = 316 (1 to 100002)"),  # 100,001: one too many
    (10000.0, 1, None),  # (10000.0 - 0.5) x 10 = 99,995 at 1 decimal
    (10000.6, 1, "hr = 70.7 (0.5 to 10000.6)"),  # (10000.6 - 0.5) x 10 = 100,001 at 1 decimal
])
def test_the_estimates_printable_between_the_bounds_are_counted_before_they_are_tested(high, decimals, refused):
    # The estimate is the bounds' geometric centre, sqrt(100001) = 316.2 or sqrt(0.5 x 10000) = 70.7, printed.
    low, estimate = (1, 316) if decimals == 0 else (0.5, 70.7)
    row_ = checked(ratio("hr", estimate, low, high, decimals=decimals))["ratio_log_symmetry__hr"]
    if refused:
        assert row_.finding == (f"ratio_log_symmetry on {refused}: not recomputable (1e+05 estimates are printable "
                                f"between the bounds at {decimals} decimals, more than the 100000 whose symmetry can "
                                "be tested)")
    else:
        assert row_.status == "consistent"


def test_a_ci_bound_of_0_is_refused_once_for_the_ci_and_again_for_each_p():
    # HR 0.50 (0.00 to 1.20): a ratio's bound must be positive for its logarithm; the refusal is said for the CI and
    # again for each p beside it.
    found = checked(ratio("hr", 0.50, 0.00, 1.20), p("p_a", 0.30, 2, "hr"), p("p_b", 0.40, 2, "hr"))
    assert found["ratio_log_symmetry__hr"].status == "not_recomputable"
    reason = found["ratio_log_symmetry__hr"].finding.split("not recomputable (")[1]
    assert found["ratio_p_wald__p_a"].finding == f"ratio_p_wald on p_a = 0.30: not recomputable ({reason}"
    assert found["ratio_p_wald__p_b"].finding == f"ratio_p_wald on p_b = 0.40: not recomputable ({reason}"
    assert "must be" in reason


def test_a_ci_bound_of_0_at_its_own_decimals_is_refused_for_its_logarithm():
    # HR 0.50 (0.0 to 1.2), the bounds at 1 decimal: the refusal names the bound, not an arithmetic error further on.
    found = checked(ratio("hr", 0.50, 0.0, 1.2, ci_decimals=1))
    assert found["ratio_log_symmetry__hr"].finding == (
        "ratio_log_symmetry on hr = 0.50 (0.0 to 1.2): not recomputable (low must be positive, got 0.0)")
