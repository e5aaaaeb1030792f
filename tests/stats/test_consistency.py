"""Tests for analysis.consistency against brute force with the decimal module and hand cases."""

import math
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.stats.consistency import (
    grim_counts,
    grim_numerators,
    grim_pair_count,
    grim_totals,
    p_value_consistent,
    printed_interval,
    rounding_interval,
    rounds_to,
)

PROPERTY = settings.get_profile("property")  # registered in conftest.py


def _printed_percent(k, n, decimals, mode):
    """100 k / n printed at ``decimals`` places by the decimal module (independent of the code under test)."""
    with localcontext() as ctx:
        # 60 digits make every quotient that is a tie exact, and resolve every other one.
        ctx.prec = 60
        return (Decimal(100 * k) / Decimal(n)).quantize(Decimal(1).scaleb(-decimals), rounding=mode)


def _brute_force_grim(percent, decimals, n_max):
    target = Decimal(percent)
    return [
        (k, n)
        for n in range(1, n_max + 1)
        for k in range(n + 1)
        if target in (_printed_percent(k, n, decimals, ROUND_HALF_UP),
                      _printed_percent(k, n, decimals, ROUND_HALF_EVEN))
    ]


# --- GRIM ----------------------------------------------------------------------------------------------


def test_grim_hand_cases():
    pairs = grim_counts(84.6, 1, 30)
    assert (11, 13) in pairs and (22, 26) in pairs  # 84.615... %
    assert (11, 12) not in pairs  # 91.7 %
    assert all(k / n == pytest.approx(0.846, abs=0.0005) for k, n in pairs)


def test_grim_half_boundary_counts_under_either_rule():
    # 1/8 = 12.5 % exactly: half-even prints 12, half-up prints 13.
    assert (1, 8) in grim_counts(12, 0, 8)
    assert (1, 8) in grim_counts(13, 0, 8)
    # 3/8 = 37.5 %: half-even prints 38 (even), half-up prints 38 too; 37 is impossible.
    assert (3, 8) in grim_counts(38, 0, 8)
    assert (3, 8) not in grim_counts(37, 0, 8)


def test_grim_float_rounding_trap():
    # 100 * 57 / 20000 = 0.285 exactly, a tie at 2 decimals (half-up 0.29, half-even 0.28),
    # but as a double it is 0.28499999999999998: float rounding would lose the 0.29 reading.
    assert Fraction(100 * 57 / 20000) < Fraction(285, 1000)
    assert 57 in grim_numerators("0.29", 2, 20000)
    assert 57 in grim_numerators("0.28", 2, 20000)


@pytest.mark.parametrize(
    "percent,decimals",
    [("12", 0), ("13", 0), ("0", 0), ("100", 0), ("84.6", 1), ("50.0", 1), ("37.5", 1), ("2.25", 2), ("66.67", 2),
     ("99.9", 1)],
)
def test_grim_matches_brute_force(percent, decimals):
    assert grim_counts(percent, decimals, 60) == _brute_force_grim(percent, decimals, 60)


@PROPERTY
@given(st.integers(0, 1000), st.integers(0, 2), st.integers(1, 45))
def test_grim_matches_brute_force_property(digits, decimals, n_max):
    percent = Decimal(digits).scaleb(-decimals)
    if percent > 100:
        return
    assert grim_counts(str(percent), decimals, n_max) == _brute_force_grim(percent, decimals, n_max)


@PROPERTY
@given(st.integers(0, 10000), st.integers(0, 2))
def test_grim_results_all_print_as_the_value(digits, decimals):
    percent = Decimal(digits % (100 * 10**decimals + 1)).scaleb(-decimals)
    pairs = grim_counts(str(percent), decimals, 300)
    assert pairs == sorted(pairs, key=lambda kn: (kn[1], kn[0]))
    for k, n in pairs:
        assert rounds_to(Fraction(100 * k, n), str(percent), decimals)


def test_grim_extremes_and_impossible_values():
    assert grim_counts(0, 0, 3)[:3] == [(0, 1), (0, 2), (0, 3)]
    assert all((n, n) in grim_counts(100, 0, 50) for n in range(1, 51))
    assert grim_numerators(50.0, 1, 7) == []  # 3/7 = 42.9 %, 4/7 = 57.1 %
    assert grim_numerators(50.0, 1, 8) == [4]
    assert grim_numerators(33.3, 1, 3) == [1]


def test_grim_counts_at_large_n():
    pairs = grim_counts(84.6, 1, 2000)
    # 1691/2000 = 84.55 % and 1693/2000 = 84.65 % are ties that print as 84.6 under half-even
    # (and the first also under half-up); 1690 and 1694 give 84.5 and 84.7.
    assert [k for k, n in pairs if n == 2000] == [1691, 1692, 1693]


# --- rounding helpers ----------------------------------------------------------------------------------


def test_rounding_interval_is_exact():
    assert rounding_interval(0.02, 2) == (Fraction(15, 1000), Fraction(25, 1000))
    assert rounding_interval("84.6", 1) == (Fraction(8455, 100), Fraction(8465, 100))
    assert rounding_interval(3, 0) == (Fraction(5, 2), Fraction(7, 2))
    assert rounding_interval(Decimal("-1.20"), 2) == (Fraction(-1205, 1000), Fraction(-1195, 1000))


def test_printed_interval_hand_values():
    # 0.02 at 2 decimals stands for [0.015, 0.025]; 46 at 0 for [45.5, 46.5]; 0.00016 at 5 for
    # [0.000155, 0.000165]. Float literals of these ends are the nearest doubles to the exact values.
    assert printed_interval(0.02, 2) == (0.015, 0.025)
    assert printed_interval(46, 0) == (45.5, 46.5)
    assert printed_interval(0.00016, 5) == (0.000155, 0.000165)
    assert printed_interval("-1.20", 2) == (-1.205, -1.195)
    assert all(isinstance(end, float) for end in printed_interval(3, 0))


@PROPERTY
@given(st.integers(-10**6, 10**6), st.integers(0, 6))
def test_printed_interval_is_the_nearest_float_to_each_exact_end(digits, decimals):
    # value = digits / 10**decimals; the ends are (2 digits -/+ 1) / (2 10**decimals) exactly.
    value = Decimal(digits).scaleb(-decimals)
    low, high = printed_interval(value, decimals)
    assert low == (2 * digits - 1) / (2 * 10**decimals)  # int / int is correctly rounded in Python
    assert high == (2 * digits + 1) / (2 * 10**decimals)


def test_printed_interval_positive_refuses_a_value_that_may_be_zero():
    assert printed_interval(0.01, 2, positive=True) == (0.005, 0.015)
    with pytest.raises(ValueError, match="low printed as 0.0 at 2 decimals may be 0 or below"):
        printed_interval(0.0, 2, positive=True, name="low")
    with pytest.raises(ValueError, match="estimate printed as -0.1"):
        printed_interval(-0.1, 1, positive=True, name="estimate")
    assert printed_interval(0.0, 2) == (-0.005, 0.005)  # allowed without positive=True


@pytest.mark.parametrize(
    "x,value,decimals,rule,expected",
    [
        (Fraction(25, 2), 12, 0, "half_even", True),
        (Fraction(25, 2), 12, 0, "half_up", False),
        (Fraction(25, 2), 13, 0, "half_up", True),
        (Fraction(25, 2), 13, 0, "half_even", False),
        (Fraction(25, 2), 12, 0, "either", True),
        (Fraction(25, 2), 13, 0, "either", True),
        (Fraction(-25, 2), -13, 0, "half_up", True),  # ties away from zero
        (Fraction(-25, 2), -12, 0, "half_even", True),
        (2.675, 2.68, 2, "half_up", True),  # a float is read as the decimal it prints as
        ("0.0449999", "0.04", 2, "either", True),
        ("0.045", "0.04", 2, "half_up", False),
        (Fraction(1, 3), "0.333", 3, "either", True),
        (Fraction(2, 3), "0.666", 3, "either", False),
    ],
)
def test_rounds_to(x, value, decimals, rule, expected):
    assert rounds_to(x, value, decimals, rule) is expected


# --- reported p values -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "computed,reported,kwargs,expected",
    [
        (0.000118, "0.00012", {"sig_figs": 2}, True),
        (0.000115, "0.00012", {"sig_figs": 2}, True),
        (0.0001149, "0.00012", {"sig_figs": 2}, False),
        (0.000125, "0.00012", {"sig_figs": 2}, True),  # tie: half-even keeps 12
        (0.000125, "0.00012", {"sig_figs": 2, "rule": "half_up"}, False),
        (0.0996, "0.10", {"sig_figs": 2}, True),  # 0.0996 -> 0.100
        (0.0951, "0.10", {"sig_figs": 2}, False),  # 0.0951 -> 0.095 at 2 significant figures
        (0.0951, "0.10", {"decimals": 2}, True),  # ... but 0.10 at 2 decimals
        (0.0404, "0.040", {}, True),  # 3 decimals inferred from the string
        (0.041, "0.040", {}, False),
        (0.041, 0.040, {}, True),  # a float loses the trailing zero: 2 decimals
        (0.03, "p = .03", {}, True),
        (0.0349, "P=0.03", {}, True),
        (0.00099, "< 0.001", {}, True),
        (0.001, "<0.001", {}, False),
        (0.0012, "p < .001", {}, False),
        (0.05, "≤ 0.05", {}, True),
        (0.2, "> 0.05", {}, True),
        (0.05, "P>0.05", {}, False),
        (0.0004, "0.000", {}, True),
        (1.0, "1.00", {}, True),
    ],
)
def test_p_value_consistent(computed, reported, kwargs, expected):
    assert p_value_consistent(computed, reported, **kwargs) is expected


@PROPERTY
@given(st.floats(1e-8, 1.0), st.integers(1, 4))
def test_p_value_consistent_with_its_own_rounding(p, sig_figs):
    # Decimal's own significant-figure rounding of p must always be accepted.
    with localcontext() as ctx:
        ctx.prec = sig_figs
        ctx.rounding = ROUND_HALF_EVEN
        printed = +Decimal(repr(p))
    assert p_value_consistent(p, str(printed), sig_figs=sig_figs)


# --- input checking --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call,match",
    [
        (lambda: grim_counts(84.65, 1, 10), "percent has more than 1 decimals"),
        (lambda: grim_counts(101, 0, 10), "percent must be between 0 and 100"),
        (lambda: grim_counts(-1, 0, 10), "percent must be between 0 and 100"),
        (lambda: grim_counts(50, 0, 0), "n_max must be a positive integer"),
        (lambda: grim_counts(math.nan, 0, 10), "percent must be a finite number"),
        (lambda: grim_counts(50, -1, 10), "decimals must be a non-negative integer"),
        (lambda: grim_counts(True, 0, 10), "percent"),
        (lambda: grim_numerators(50, 0, 0), "n must be a positive integer"),
        (lambda: rounding_interval("abc", 1), "value must be a number"),
        (lambda: printed_interval(0.021, 2, name="high"), "high has more than 2 decimals"),
        (lambda: printed_interval(0.02, -1), "decimals must be a non-negative integer"),
        (lambda: printed_interval(0.02, 2, positive=1), "positive must be True or False"),
        (lambda: rounds_to(math.inf, 1, 0), "x must be a finite number"),
        (lambda: rounds_to(1, 1, 0, rule="banker"), "rule must be one of"),
        (lambda: p_value_consistent(1.5, "0.5"), "p_computed must be between 0 and 1"),
        (lambda: p_value_consistent(0.5, "1.5"), "p_reported must be between 0 and 1"),
        (lambda: p_value_consistent(0.5, "about half"), "p_reported must look like"),
        (lambda: p_value_consistent(0.5, "0.5", decimals=1, sig_figs=1), "at most one"),
        (lambda: p_value_consistent(0.0005, "<0.001", decimals=3), "threshold"),
        (lambda: p_value_consistent(0.5, Fraction(1, 2)), "cannot infer the printed precision"),
        (lambda: p_value_consistent(0.5, "0.5", sig_figs=0), "sig_figs must be a positive integer"),
        (lambda: p_value_consistent(0.5, "0.123", sig_figs=2), "p_reported has more than 2 significant figures"),
        (lambda: p_value_consistent(0.5, "0.123", decimals=2), "p_reported has more than 2 decimals"),
        (lambda: p_value_consistent(np.nan, "0.5"), "p_computed"),
    ],
)
def test_bad_input_names_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# --- closed-interval ends, tie rules and input types (gaps found by mutation testing) -------------------


def test_grim_numerators_include_the_ends_each_rule_prints():
    # 1 % at 0 decimals with n = 200: 100 k / 200 = k / 2 must lie in [0.5, 1.5]. k = 1 gives 0.5, which
    # half-up prints as 1 (ties away from zero); k = 3 gives 1.5, which both rules print as 2 (1 is odd,
    # so half-even goes up too). So exactly k = 1 and 2.
    assert grim_numerators(1, 0, 200) == [1, 2]
    # 2 %: [1.5, 2.5]; 1.5 prints as 2 under both rules, 2.5 as 2 under half-even (2 is even): k = 3, 4, 5.
    assert grim_numerators(2, 0, 200) == [3, 4, 5]
    for percent in (1, 2):
        assert [(k, n) for k, n in _brute_force_grim(str(percent), 0, 200) if n == 200] == \
            [(k, 200) for k in grim_numerators(percent, 0, 200)]


@pytest.mark.parametrize(
    "computed,reported,kwargs,expected",
    [
        # 0.045 is a tie at 2 decimals: half-even prints 0.04, half-up 0.05; "either" accepts both.
        (0.045, "0.04", {"rule": "half_even"}, True),
        (0.045, "0.04", {"rule": "half_up"}, False),
        (0.045, "0.05", {"rule": "half_up"}, True),
        (0.045, "0.05", {"rule": "half_even"}, False),
        (0.045, "0.04", {}, True),
        (0.045, "0.05", {}, True),
        (0.055, "0.06", {"rule": "half_even"}, True),  # 5 is odd: half-even goes up as well
        # The same tie at 1 significant figure.
        (0.045, "0.04", {"sig_figs": 1, "rule": "half_even"}, True),
        (0.045, "0.04", {"sig_figs": 1, "rule": "half_up"}, False),
        (0.045, "0.05", {"sig_figs": 1, "rule": "half_up"}, True),
        (0.045, "0.05", {"sig_figs": 1, "rule": "half_even"}, False),
    ],
)
def test_p_value_consistent_tie_rule_on_the_value_path(computed, reported, kwargs, expected):
    assert p_value_consistent(computed, reported, **kwargs) is expected


@pytest.mark.parametrize(
    "computed,reported,expected",
    [
        # An int prints at 0 decimals: p = 1 stands for [0.5, 1.5) clipped to p <= 1.
        (0.6, 1, True),
        (0.4, 1, False),
        (0.4, 0, True),
        (0.5, 1, True),  # half-up
        (0.5, 0, True),  # half-even
        # A Decimal keeps its trailing zero: "0.040" is 3 decimals, [0.0395, 0.0405].
        (0.0404, Decimal("0.040"), True),
        (0.0406, Decimal("0.040"), False),
        (0.0406, Decimal("0.04"), True),
        (0.0394, Decimal("0.040"), False),
    ],
)
def test_p_value_consistent_int_and_decimal_reported(computed, reported, expected):
    assert p_value_consistent(computed, reported) is expected


def test_p_value_one_step_below_a_power_of_ten():
    # The largest double below 0.1 is 0.09999999999999999 (shortest repr, read exactly). It has 16
    # significant figures, counted from the 9 in the second decimal place (exponent -2, not the -1 a
    # float log10 suggests: log10 of it rounds to -1.0). At 16 significant figures it prints as itself,
    # and at 15 as 0.100000000000000.
    below = math.nextafter(0.1, 0.0)
    assert repr(below) == "0.09999999999999999" and math.log10(below) == -1.0
    assert p_value_consistent(below, "0.09999999999999999", sig_figs=16)
    assert p_value_consistent(below, "0.100000000000000", sig_figs=15)
    assert not p_value_consistent(below, "0.09999999999999998", sig_figs=16)
    # The same value against decimals: 17 decimals hold it exactly, 16 round it to 0.1.
    assert p_value_consistent(below, "0.09999999999999999")
    assert p_value_consistent(below, "0.1000000000000000")


# --- argument errors start with the argument's exact name (anchored patterns) -----------------------------


@pytest.mark.parametrize(
    "call,pattern",
    [
        (lambda: rounds_to(1, 1, -1), r"^decimals must be a non-negative integer, got -1$"),
        (lambda: rounds_to(1, "abc", 0), r"^value must be a number, got 'abc'$"),
        (lambda: rounds_to(1, 0.15, 1), r"^value has more than 1 decimals, got 0.15$"),
        (lambda: rounds_to("x", 1, 0), r"^x must be a number, got 'x'$"),
        (lambda: printed_interval(0.021, 2), r"^value has more than 2 decimals, got 0.021$"),
        (lambda: printed_interval(0.0, 1, positive=True), r"^value printed as 0.0 at 1 decimals may be 0 or below"),
        (lambda: rounding_interval(0.021, 2), r"^value has more than 2 decimals, got 0.021$"),
        (lambda: p_value_consistent(math.inf, "0.5"), r"^p_computed must be a finite number, got "),
        (lambda: p_value_consistent(1.5, "0.5"), r"^p_computed must be between 0 and 1, got 1.5$"),
        (lambda: p_value_consistent(-0.1, "0.5"), r"^p_computed must be between 0 and 1, got -0.1$"),
        (lambda: p_value_consistent(0.5, Decimal("NaN")),
         r"^p_reported must be a finite number, got Decimal\('NaN'\)$"),
        (lambda: p_value_consistent(0.5, "1.5"), r"^p_reported must be between 0 and 1, got '1.5'$"),
        (lambda: p_value_consistent(0.5, "0.5", decimals=1, sig_figs=1),
         r"^decimals and sig_figs: give at most one of them$"),
        (lambda: p_value_consistent(0.5, Fraction(1, 2)),
         r"^p_reported: cannot infer the printed precision of Fraction\(1, 2\); pass decimals$"),
        (lambda: p_value_consistent(0.5, "0.5", decimals=-1), r"^decimals must be a non-negative integer, got -1$"),
        (lambda: p_value_consistent(0.5, "0.5", sig_figs=0), r"^sig_figs must be a positive integer, got 0$"),
        (lambda: p_value_consistent(0.5, "0.5", rule="banker"), r"^rule must be one of \('half_up', 'half_even'"),
    ],
)
def test_argument_errors_start_with_the_argument_name(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()


# --- sizes bounded before any work (analysis.stats._validate.SIZE_BOUNDS) -----------------------------------

_DECIMALS_BOUND = r"must be at most 1000 \(got 1001\): exact rounding works with 10\*\*decimals"
_DIGITS_BOUND = r"must have at most 1000 digits before or after the decimal point \(got 1001\): it is read exactly"
_PAIRS_BOUND = r"^percent, decimals and n_max must give at most 2000000 pairs \(got {}\): grim_counts lists every"


@pytest.mark.parametrize(
    "call,pattern",
    [
        (lambda: rounding_interval(1.5, 1001), r"^decimals " + _DECIMALS_BOUND),
        (lambda: rounding_interval(1.5, 10**6), r"^decimals must be at most 1000 \(got 1000000\): "),
        (lambda: rounding_interval(1.5, 10**5000), r"^decimals must be at most 1000 \(got 1\.000e\+5000\): "),
        (lambda: printed_interval(1.5, 1001), r"^decimals " + _DECIMALS_BOUND),
        (lambda: rounds_to(1.5, 1.5, 1001), r"^decimals " + _DECIMALS_BOUND),
        (lambda: grim_counts(50, 1001, 10), r"^decimals " + _DECIMALS_BOUND),
        (lambda: grim_numerators(50, 1001, 10), r"^decimals " + _DECIMALS_BOUND),
        (lambda: p_value_consistent(0.5, "0.5", decimals=1001), r"^decimals " + _DECIMALS_BOUND),
        (lambda: p_value_consistent(0.5, "0.5", sig_figs=1001),
         r"^sig_figs must be at most 1000 \(got 1001\): exact rounding works with 10\*\*sig_figs"),
        (lambda: rounding_interval("1e-1001", 1001), r"^decimals " + _DECIMALS_BOUND),
        (lambda: rounding_interval("1e-1001", 1000), r"^value " + _DIGITS_BOUND),
        (lambda: rounding_interval("1e1000", 0), r"^value " + _DIGITS_BOUND),
        (lambda: rounding_interval(Decimal("-1e1000"), 0), r"^value " + _DIGITS_BOUND),
        (lambda: rounds_to("1e1000", 1, 0), r"^x " + _DIGITS_BOUND),
        (lambda: p_value_consistent(0.5, "1e-1001"), r"^p_reported " + _DIGITS_BOUND),
        (lambda: rounding_interval("1e999999999", 0),
         r"^value must have at most 1000 digits before or after the decimal point \(got 1000000000\)"),
        (lambda: grim_numerators(0, 0, 200_000_000),
         r"^n must give at most 1000000 numerators \(got 1000001\): grim_numerators lists every count k of n"),
        (lambda: grim_numerators(37.1, 1, 10**12), r"^n must give at most 1000000 numerators \(got 1000000000\): "),
        (lambda: grim_counts(0, 0, 100_001),
         r"^n_max must be at most 100000 \(got 100001\): grim_counts tries every denominator up to n_max$"),
        (lambda: grim_counts(33.3, 1, 10**9), r"^n_max must be at most 100000 \(got 1000000000\): "),
        (lambda: grim_pair_count(0, 0, 100_001), r"^n_max must be at most 100000 \(got 100001\): "),
        # percent 0 at 0 decimals: 100 k / n <= 0.5 (a tie, which half-even prints as 0), so k = 0 .. n // 200.
        (lambda: grim_counts(0, 0, 28184), _PAIRS_BOUND.format(sum(n // 200 + 1 for n in range(1, 28185)))),
    ],
)
def test_sizes_past_their_bound_are_refused_before_any_work(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()


def test_sizes_at_their_bound_are_accepted():
    assert rounding_interval(1.5, 1000) == (Fraction(3, 2) - Fraction(1, 2 * 10**1000),
                                            Fraction(3, 2) + Fraction(1, 2 * 10**1000))
    assert rounds_to(1.5, 1.5, 1000)
    assert p_value_consistent(0.5, "0.5", sig_figs=1000)
    assert rounding_interval("1e-1000", 1000)[1] == Fraction(3, 2 * 10**1000)
    assert rounding_interval("1e999", 0)[0] == 10**999 - Fraction(1, 2)
    assert rounding_interval(Decimal("-1e999"), 0)[1] == -(10**999) + Fraction(1, 2)
    assert grim_numerators(0, 0, 199_999_800) == list(range(1_000_000))  # k <= n / 200 = 999,999
    assert grim_counts(0, 1000, 100_000) == [(0, n) for n in range(1, 100_001)]
    assert grim_pair_count(0, 0, 100_000) == sum(n // 200 + 1 for n in range(1, 100_001))
    assert len(grim_counts(6.3, 1, 63214)) == 2_000_000  # exactly on the bound of pairs


@pytest.mark.parametrize(("percent", "decimals", "n_max"), [(84.6, 1, 30), (12, 0, 8), (50, 0, 40), (0.5, 1, 300)])
def test_grim_pair_count_counts_what_grim_counts_lists(percent, decimals, n_max):
    assert grim_pair_count(percent, decimals, n_max) == len(_brute_force_grim(str(percent), decimals, n_max))


@pytest.mark.parametrize(
    "computed,reported,kwargs,expected",
    [
        # A printed integer string has 0 decimals: "1" stands for [0.5, 1.5], so 0.6 agrees with it, as does
        # 0.4 with "0"; at 1 decimal neither would.
        (0.6, "1", {}, True),
        (0.4, "0", {}, True),
        (0.4, Decimal("0"), {}, True),
        # p = 0 exactly is a valid computed p (e.g. a degenerate permutation test) and prints as 0.000,
        # also at 1 significant figure; a reported 0 is checked without taking its logarithm.
        (0, "0.000", {}, True),
        (0.0, "0", {"sig_figs": 1}, True),
        (0.0004, "0", {"sig_figs": 1}, False),
        (0, "0.0004", {"sig_figs": 1}, False),
    ],
)
def test_p_value_consistent_zero_and_integer_strings(computed, reported, kwargs, expected):
    assert p_value_consistent(computed, reported, **kwargs) is expected


def _brute_force_totals(count, percent, decimals, n_max):
    """Totals n whose 100 count / n prints as ``percent``: each n tried, rounded half-up and half-even with
    integer division (the shares as whole numbers of 10**-decimals percent)."""
    target = round(Decimal(percent).scaleb(decimals))
    scaled = 100 * count * 10**decimals
    found = []
    for n in range(max(count, 1), n_max + 1):
        half_up = (2 * scaled + n) // (2 * n)
        quotient, remainder = divmod(scaled, n)
        half_even = quotient + (2 * remainder > n or (2 * remainder == n and quotient % 2 == 1))
        if target in (half_up, half_even):
            found.append(n)
    return found


@pytest.mark.parametrize(("count", "percent", "decimals", "expected"), [
    # 183 of 274 is 66.788 %, which prints 66.79; 183/274.02 ... 183/274.05 would print 66.78: no whole total
    (183, "66.78", 2, None),
    (44, "16.05", 2, None),  # 44/274 = 16.058 % (16.06), 44/275 = 16.0 %
    (3, "1.10", 2, (272, 273)),  # 300/272 = 1.1029, 300/273 = 1.0989; 300/274 = 1.0949 prints 1.09
    (1, "40", 0, None),  # 1/2 = 50 %, 1/3 = 33 %
    (1, "50", 0, (2, 2)),
    (2, "12.5", 1, (16, 16)),  # 200/16 = 12.5 exactly
    (5, "100", 0, (5, 5)),  # a total below the count would print above 100 %
    # 300/299 = 100.33 % would print 100, but a total is never below its count; 300/301 = 99.67 %, 300/302 = 99.34 %
    (300, "100", 0, (300, 301)),
    (0, "0", 0, (1, None)),  # 0 of any total is 0 %
    (0, "5", 0, None),
    (1, "0", 0, (200, None)),  # 100/201 = 0.4975 % prints 0; 100/200 = 0.5 % prints 1 under half-up, 0 under
])                             # half-even: so 200 too
def test_grim_totals_hand_cases(count, percent, decimals, expected):
    assert grim_totals(count, percent, decimals) == expected


def test_grim_totals_of_a_share_printing_0_includes_the_half_even_tie():
    # 100 x 1 / 200 = 0.5 exactly: half-even prints 0, so 200 is a total too (brute force agrees)
    assert grim_totals(1, "0", 0)[0] == _brute_force_totals(1, "0", 0, 400)[0] == 200


@settings(max_examples=150, deadline=None)
@given(count=st.integers(0, 40), percent=st.integers(0, 1000), decimals=st.integers(0, 1))
def test_grim_totals_agree_with_brute_force(count, percent, decimals):
    printed = f"{percent / 10:.1f}" if decimals else str(percent // 10)
    found = grim_totals(count, printed, decimals)
    # A share above 0 is at least half a unit of the last decimal, 0.5 x 10**-decimals %, so a finite total is
    # at most 100 count / that = 200 count 10**decimals; one more shows whether the totals go on for ever.
    n_max = 200 * count * 10**decimals + 1
    brute = _brute_force_totals(count, printed, decimals, n_max)
    if found is None:
        assert brute == []
    elif found[1] is None:
        assert brute == list(range(found[0], n_max + 1))
    else:
        assert brute == list(range(found[0], found[1] + 1))


@pytest.mark.parametrize("count", [-1, 2.5, True])
def test_grim_totals_refuses_a_count_that_is_no_whole_number_naming_it(count):
    with pytest.raises(ValueError, match="^count must be a non-negative integer"):
        grim_totals(count, "5", 0)
