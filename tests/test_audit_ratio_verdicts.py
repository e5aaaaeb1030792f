"""Verdicts of the ratio and difference checks (analysis.audit.checks_ratios) that a reader of the findings meets and
no other test reads in full: a difference's p beside a CI that holds 0, or whose rounding leaves the decision at 0.05
open (difference_p_wald flags only a decision inconsistency, as ratio_p_wald does).

Expected numbers are worked in the comments from the printed numbers: z = Phi^-1(0.975) = 1.959964, the Wald p of a
difference 2 Phi(-|E| 2 z / (U - L)) (scipy.stats.norm in the arithmetic) over its Wald readings, the points of the
rounding box where E is the midpoint of L and U, extreme at the box's corners where that holds; a number printed
with d decimals stands for its value -/+ 0.5 x 10^-d."""

from statistics import NormalDist
from types import SimpleNamespace

import pytest

from analysis.audit._context import Context, Printed
from analysis.audit.checks_ratios import ratio_checks


def row(quantity, value, decimals, statistic, unit, *, comparator="=", of="", ci_low=None, ci_high=None,
        ci_decimals=None):
    """One values row, read as the audit reads a values file."""
    return Printed.from_row(SimpleNamespace(
        quantity=quantity, value=value, decimals=decimals, comparator=comparator, unit=unit, statistic=statistic,
        of=of, denominator="", df="", ci_low=ci_low, ci_high=ci_high, source="X1", ci_decimals=ci_decimals,
        role="primary"))


def difference(quantity, value, low, high, decimals=1, ci_decimals=None):
    return row(quantity, value, decimals, "difference", "days", ci_low=low, ci_high=high, ci_decimals=ci_decimals)


def p(quantity, value, decimals, of):
    return row(quantity, value, decimals, "p", "p", of=of)


def difference_p(d, printed_p):
    """The difference_p_wald row of the p ``printed_p`` beside the difference ``d``."""
    ctx = Context("demo", {row_.quantity: row_ for row_ in (d, printed_p)}, 0.95)
    ratio_checks(ctx)
    return {finding.key: finding for finding in ctx.ledger.rows}[f"difference_p_wald__{printed_p.quantity}"]


def test_a_significant_p_beside_a_difference_whose_ci_holds_0_is_a_decision_inconsistency():
    # 0.5 (-0.5 to 1.5): the bounds are at most -0.45 and at least 1.45, so every rounding holds 0. Over the Wald
    # readings (E the midpoint of L and U) the Wald p runs from 2 Phi(-0.55 x 3.91993 / 2.0) = 0.2810 (L -0.45,
    # U 1.55) to 2 Phi(-0.45 x 3.91993 / 2.0) = 0.3778 (L -0.55, U 1.45). p = 0.01 is below 0.05: the two disagree on
    # significance.
    found = difference_p(difference("d", 0.5, -0.5, 1.5), p("p_d", 0.01, 2, "d"))
    assert found.finding == ("p_d = 0.01 beside d = 0.5 (-0.5 to 1.5): decision inconsistency (statcheck's 'decision "
                             "error'): the p is below 0.05 but the CI includes 0; the Wald readings of the CI give p "
                             "0.281 to 0.378")
    assert (found.kind, found.status) == ("consistency", "inconsistent")


def test_a_p_above_0_05_beside_a_difference_whose_ci_holds_0_is_no_flag_and_says_both_agree():
    # 0.1 (-0.4 to 0.6): every rounding holds 0 (upper bound at least 0.55, lower at most -0.35). Wald p
    # 2 Phi(-0.1 x 3.91993 / 1.0) = 0.6951 at the printed digits; over the Wald readings (E the midpoint of L and U)
    # from 2 Phi(-0.15 x 3.91993 / 1.0) = 0.5565 (L -0.35, U 0.65) to 2 Phi(-0.05 x 3.91993 / 1.0) = 0.8446 (L -0.45,
    # U 0.55). p = 0.90 (0.895 to 0.905) is none of it, but both say not significant.
    found = difference_p(difference("d", 0.1, -0.4, 0.6), p("p_d", 0.90, 2, "d"))
    assert found.finding == ("p_d = 0.90 beside d = 0.1 (-0.4 to 0.6): the printed p is not the Wald p of any Wald "
                             "reading: the Wald readings of the CI give p 0.557 to 0.845; the CI and the p agree on "
                             "significance (both say p >= 0.05), so another test (a t-test with few degrees of "
                             "freedom, a rank or exact test, another model) would explain it; the paper's test cannot "
                             "be recomputed from these numbers")
    assert (found.kind, found.status, found.interval, found.reported) == (
        "consistency", "not_recomputable", "rounding", 0.90)
    assert (found.recomputed, found.low, found.high) == (pytest.approx(0.695064, rel=1e-5),
                                                         pytest.approx(0.556540, rel=1e-5),
                                                         pytest.approx(0.844613, rel=1e-5))


def test_a_p_beside_a_difference_ci_printed_with_a_bound_of_0_leaves_the_decision_open():
    # 1.0 (0.0 to 2.0): the lower bound 0.0 is anything from -0.05 to 0.05, so the CI may or may not hold 0. Wald p
    # 2 Phi(-1.0 x 3.91993 / 2.0) = 0.05 at the printed digits; over the Wald readings (E the midpoint of L and U)
    # from 2 Phi(-1.0 x 3.91993 / 1.9) = 0.0391 (L 0.05, U 1.95) to 2 Phi(-0.95 x 3.91993 / 2.0) = 0.0626 (L -0.05,
    # U 1.95). p = 0.001 is none of it; significant, but the CI's side of 0 is open: no flag.
    found = difference_p(difference("d", 1.0, 0.0, 2.0), p("p_d", 0.001, 3, "d"))
    assert found.finding == ("p_d = 0.001 beside d = 1.0 (0.0 to 2.0): the printed p is not the Wald p of any Wald "
                             "reading: the Wald readings of the CI give p 0.0391 to 0.0626; the rounding leaves open "
                             "whether the CI and the p agree on significance at 0.05, so another test (a t-test with "
                             "few degrees of freedom, a rank or exact test, another model) would explain it; the "
                             "paper's test cannot be recomputed from these numbers")
    assert found.status == "not_recomputable"


def ratio(quantity, value, decimals, low, high, ci_decimals):
    return Printed.from_row(SimpleNamespace(
        quantity=quantity, value=value, decimals=decimals, comparator="=", unit="ratio", statistic="ratio", of="",
        denominator="", df="", ci_low=low, ci_high=high, source="X1", ci_decimals=ci_decimals, role="primary"))


# HR 0.04 (0.02 to 0.66) beside each: lopsided (2.4 times at its most favourable corner, E = 0.045, L = 0.015,
# U = 0.655: ln(0.655 / 0.045) / ln(0.045 / 0.015) = 2.678 / 1.099), so another lopsided CI of the text is flagged
# only when a bound with its decimal point moved one place centres it within rounding.
LOPSIDED_OTHER = ratio("hr_b", 0.04, 2, 0.02, 0.66, None)


@pytest.mark.parametrize(("value", "decimals", "low", "high", "ci_decimals", "slips"), [
    # 5.00 (0.20 to 12.85): sides ln(4.995 / 0.205) / ln(12.855 / 4.995) = 3.193 / 0.945 = 3.38 times at the
    # corner. 0.20 moved to 2.0 (1.95 to 2.05) or 12.85 to 128.5 (128.45 to 128.55) make the same product L U: E /
    # sqrt(L U) runs from 4.995 / sqrt(0.205 x 128.55) = 0.973 to 5.005 / sqrt(0.195 x 128.45) = 1.00005, which holds
    # 1. Moved the other way, 0.020 puts it at 4.995 / sqrt(0.0205 x 12.855) = 9.7 or more, and 1.285 is below E.
    (5.00, 2, 0.20, 12.85, 2, "2.0 for 0.20 or 128.5 for 12.85"),
    # 1.500 (0.1 to 2.0): 7.4 times (ln(1.4995 / 0.15) / ln(2.05 / 1.4995) = 2.302 / 0.313). 2.0 moved to 20
    # (19.5 to 20.5): 1.4995 / sqrt(0.15 x 20.5) = 0.855 to 1.5005 / sqrt(0.05 x 19.5) = 1.52, which holds 1. 0.1 moved
    # to 1 (0.5 to 1.5) would centre it too, but 1 may be above the estimate (1.5 > 1.4995): no such CI.
    (1.500, 3, 0.1, 2.0, 1, "20 for 2.0"),
])
def test_each_bound_whose_moved_decimal_point_centres_a_lopsided_ci_is_named(value, decimals, low, high, ci_decimals,
                                                                             slips):
    ctx = Context("demo", {"hr_a": ratio("hr_a", value, decimals, low, high, ci_decimals), "hr_b": LOPSIDED_OTHER},
                  0.95)
    ratio_checks(ctx)
    found = {finding.key: finding for finding in ctx.ledger.rows}["ratio_log_symmetry__hr_a"]
    assert found.status == "inconsistent"
    assert (f"other CIs of the text are lopsided too, but {slips} centres this one on its estimate within rounding: "
            "a misprinted decimal point, ") in found.finding


def test_a_p_beside_a_difference_whose_ci_no_rounding_makes_symmetric_names_the_estimate_s_own_p():
    # -0.8 (-2.0 to -0.5): the midpoint of the bounds is at most (-1.95 - 0.45) / 2 = -1.2, never within -0.85 to
    # -0.75: no Wald reading. The estimate with the CI's width gives 2 Phi(-0.8 x 3.91993 / 1.5) = 0.0366. p = 0.001
    # and the CI (upper bound at most -0.45) both say significant: no flag.
    found = difference_p(difference("d", -0.8, -2.0, -0.5), p("p_d", 0.001, 3, "d"))
    assert found.status == "not_recomputable"
    assert found.finding.startswith("p_d = 0.001 beside d = -0.8 (-2.0 to -0.5): the printed p is not the Wald p of "
                                    "any Wald reading: no rounding makes the CI symmetric around the estimate (see "
                                    "difference_symmetry), so it gives no Wald p (the estimate with the CI's width "
                                    "gives 0.0366); the CI and the p agree on significance (both say p < 0.05)")


def test_a_difference_s_bounds_are_read_at_their_own_decimals():
    # 0.55 (0.2 to 0.9), bounds at one decimal: L 0.15 to 0.25, U 0.85 to 0.95, and L + U within 1.09 to 1.11. The
    # narrowest reading is L 0.25, U 0.85 (width 0.60, midpoint 0.55: z = 0.55 x 3.91993 / 0.60 = 3.593, p 0.000327),
    # the widest L 0.15, U 0.95; p = 0.0005 (0.00045 to 0.00055) is one of them. Read at two decimals (0.195 to 0.205,
    # 0.895 to 0.905) the width is at least 0.69, |E| at most 0.555: p at least 2 Phi(-3.153) = 0.0016, none of 0.0005.
    found = difference_p(difference("d", 0.55, 0.2, 0.9, decimals=2, ci_decimals=1), p("p_d", 0.0005, 4, "d"))
    assert found.status == "consistent"
    assert found.low == pytest.approx(2 * (1 - NormalDist().cdf(0.55 * 2 * 1.959964 / 0.60)), rel=1e-5)
