"""The shared argument checks: what each accepts (and returns), what it refuses, and that every refusal names the
argument first (the project's rule: an argument error starts with the argument's exact name)."""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from analysis.stats import SIZE_BOUNDS
from analysis.stats import _validate as v

NAN, INF = float("nan"), float("inf")


# --- numbers ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    (3, 3.0), (-2.5, -2.5), (np.float32(0.5), 0.5), (np.int64(-4), -4.0), (Fraction(1, 4), 0.25),
    (Decimal("1.5"), 1.5), (0, 0.0),
])
def test_real_accepts_finite_reals_as_float(value, expected):
    result = v.real("x", value)
    assert result == expected and type(result) is float


@pytest.mark.parametrize("value", [True, np.bool_(False), "1", None, 1j, NAN, INF, -INF, Decimal("NaN"),
                                   Decimal("Infinity")])
def test_real_refuses_non_reals_and_non_finite(value):
    with pytest.raises(ValueError, match=r"^x must be a finite real number, got "):
        v.real("x", value)


@pytest.mark.parametrize("value, expected", [
    ("2.675", Fraction(2675, 1000)), (" 0.05 ", Fraction(1, 20)), (Decimal("1.25"), Fraction(5, 4)),
    (3, Fraction(3)), (np.int64(-7), Fraction(-7)), (Fraction(1, 3), Fraction(1, 3)),
    # a float is read as the shortest decimal that prints it, not as the binary double
    (2.675, Fraction(2675, 1000)), (0.1, Fraction(1, 10)), (np.float64(0.3), Fraction(3, 10)), ("-4", Fraction(-4)),
])
def test_exact_number_reads_the_printed_decimal(value, expected):
    result = v.exact_number("x", value)
    assert result == expected and type(result) is Fraction


@pytest.mark.parametrize("value", [True, np.bool_(True), INF, NAN, "inf", "NaN", Decimal("-Infinity"), None, 1j,
                                   [1]])
def test_exact_number_refuses_non_finite_and_non_numbers(value):
    with pytest.raises(ValueError, match=r"^x must be a finite number, got "):
        v.exact_number("x", value)


@pytest.mark.parametrize("value", ["abc", "", "1,5"])
def test_exact_number_refuses_text_that_is_no_number(value):
    with pytest.raises(ValueError, match=rf"^x must be a number, got {value!r}$"):
        v.exact_number("x", value)


@pytest.mark.parametrize("value, decimals, expected", [
    ("2.675", 3, Fraction(2675, 1000)), ("0.01", 2, Fraction(1, 100)), ("0.5", 1, Fraction(1, 2)),
    ("3", 0, Fraction(3)), (0.25, 4, Fraction(1, 4)), ("12.30", 1, Fraction(123, 10)),
])
def test_printed_number_with_at_most_the_decimals(value, decimals, expected):
    # 0.01 * 10**2 = 1 is whole; with 20 or 121 as the factor it would not be.
    assert v.printed_number("x", value, decimals) == expected


@pytest.mark.parametrize("value, decimals", [("2.675", 2), ("0.05", 1), ("0.5", 0), ("0.001", 2)])
def test_printed_number_refuses_more_decimals(value, decimals):
    with pytest.raises(ValueError, match=rf"^x has more than {decimals} decimals, got {value!r}$"):
        v.printed_number("x", value, decimals)


def test_printed_number_refuses_a_non_number_by_name():
    with pytest.raises(ValueError, match=r"^x must be a number, got 'a'$"):
        v.printed_number("x", "a", 2)


# --- counts and integers ------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [(0, 0), (3, 3), (np.int64(5), 5), (3.0, 3), (np.float64(2.0), 2),
                                             (Fraction(6, 2), 3)])
def test_count_accepts_non_negative_integral_values(value, expected):
    result = v.count("n", value)
    assert result == expected and type(result) is int


@pytest.mark.parametrize("value", [-1, -1.0, np.int64(-2), 3.5, 0.5, NAN, INF, "3", None, True, np.bool_(False),
                                   Decimal("3")])
def test_count_refuses(value):
    with pytest.raises(ValueError, match=r"^n must be a non-negative integer, got "):
        v.count("n", value)


@pytest.mark.parametrize("value, expected", [(-3, -3), (0, 0), (np.int64(-4), -4), (-3.0, -3), (7.0, 7)])
def test_integer_accepts_either_sign(value, expected):
    result = v.integer("k", value)
    assert result == expected and type(result) is int


@pytest.mark.parametrize("value", [2.5, -0.5, NAN, INF, "3", None, True, np.bool_(True)])
def test_integer_refuses(value):
    with pytest.raises(ValueError, match=r"^k must be an integer, got "):
        v.integer("k", value)


@pytest.mark.parametrize("value", [1, 2, np.int64(9), 4.0])
def test_positive_count_accepts_one_and_more(value):
    result = v.positive_count("n", value)
    assert result == value and type(result) is int


def test_positive_count_refuses_zero_and_negatives_by_name():
    with pytest.raises(ValueError, match=r"^n must be a positive integer, got 0$"):
        v.positive_count("n", 0)
    with pytest.raises(ValueError, match=r"^n must be a non-negative integer, got -1$"):
        v.positive_count("n", -1)
    with pytest.raises(ValueError, match=r"^n must be a non-negative integer, got 1.5$"):
        v.positive_count("n", 1.5)


@pytest.mark.parametrize("value", [True, False, np.bool_(True), np.bool_(False)])
def test_boolean_accepts_only_booleans(value):
    result = v.boolean("flag", value)
    assert result is (value is True or value is np.bool_(True))


@pytest.mark.parametrize("value", [1, 0, "True", None, 1.0])
def test_boolean_refuses_stand_ins(value):
    with pytest.raises(ValueError, match=rf"^flag must be True or False, got {value!r}$"):
        v.boolean("flag", value)


# --- real ranges -------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [1e-300, 0.5, 1, 2.0, Fraction(1, 3)])
def test_positive_accepts_above_zero(value):
    assert v.positive("x", value) == float(value)


@pytest.mark.parametrize("value", [0, 0.0, -1e-300, -2])
def test_positive_refuses_zero_and_below(value):
    with pytest.raises(ValueError, match=rf"^x must be positive, got {value!r}$"):
        v.positive("x", value)


def test_positive_refuses_a_non_number_by_name():
    with pytest.raises(ValueError, match=r"^x must be a finite real number, got 'a'$"):
        v.positive("x", "a")


@pytest.mark.parametrize("value", [1e-9, 0.5, 0.95, 1 - 1e-12])
def test_level_inside_zero_one(value):
    assert v.level(value) == value


@pytest.mark.parametrize("value", [0, 1, 1.0, -0.5, 1.5, 95])
def test_level_refuses_the_ends_and_outside(value):
    with pytest.raises(ValueError, match=rf"^level must be strictly between 0 and 1, got {value!r}$"):
        v.level(value)


def test_level_refuses_a_non_number_by_name():
    with pytest.raises(ValueError, match=r"^level must be a finite real number, got True$"):
        v.level(True)


@pytest.mark.parametrize("value", [1e-9, 0.5, 1 - 1e-12])
def test_probability_open_inside(value):
    assert v.probability_open("p", value) == value


@pytest.mark.parametrize("value", [0, 1, -0.5, 1.5])
def test_probability_open_refuses_the_ends(value):
    with pytest.raises(ValueError, match=rf"^p must be strictly between 0 and 1, got {value!r}$"):
        v.probability_open("p", value)


@pytest.mark.parametrize("value", [0, 0.0, 0.5, 1, 1.0])
def test_probability_closed_includes_the_ends(value):
    assert v.probability("p", value) == value


@pytest.mark.parametrize("value", [-1e-9, 1 + 1e-9, 1.5, -1])
def test_probability_refuses_outside(value):
    with pytest.raises(ValueError, match=rf"^p must be between 0 and 1, got {value!r}$"):
        v.probability("p", value)


@pytest.mark.parametrize("check", [v.probability, v.probability_open])
def test_probabilities_refuse_a_non_number_by_name(check):
    with pytest.raises(ValueError, match=r"^p must be a finite real number, got 'x'$"):
        check("p", "x")


def test_not_above():
    assert v.not_above("events", 3, "n", 3) is None
    assert v.not_above("events", 2, "n", 3) is None
    with pytest.raises(ValueError, match=r"^events must not exceed n \(3\), got 4$"):
        v.not_above("events", 4, "n", 3)


# --- ratio estimates and intervals --------------------------------------------------------------------

def test_ratio_ci_accepts_the_estimate_on_either_bound():
    assert v.ratio_ci(1.5, 1, 2) == (1.5, 1.0, 2.0)
    assert v.ratio_ci(1, 1, 2) == (1.0, 1.0, 2.0)
    assert v.ratio_ci(2, 1, 2) == (2.0, 1.0, 2.0)


@pytest.mark.parametrize("args, message", [
    ((3, 1, 2), r"^estimate must lie within \[low, high\] = \[1.0, 2.0\], got 3$"),
    ((0.5, 1, 2), r"^estimate must lie within \[low, high\] = \[1.0, 2.0\], got 0.5$"),
    ((0, 1, 2), r"^estimate must be positive, got 0$"),
    (("a", 1, 2), r"^estimate must be a finite real number, got 'a'$"),
    ((1, 0, 2), r"^low must be positive, got 0$"),
    ((1, 0.5, -2), r"^high must be positive, got -2$"),
    ((1, 1, "b"), r"^high must be a finite real number, got 'b'$"),
    ((1, 1, 1), r"^low must be below high, got low=1, high=1$"),
    ((1, 2, 0.5), r"^low must be below high, got low=2, high=0.5$"),
])
def test_ratio_ci_refuses(args, message):
    with pytest.raises(ValueError, match=message):
        v.ratio_ci(*args)


def test_ratio_bounds():
    assert v.ratio_bounds(0.5, 2) == (0.5, 2.0)
    with pytest.raises(ValueError, match=r"^low must be below high, got low=2.0, high=2.0$"):
        v.ratio_bounds(2.0, 2.0)
    with pytest.raises(ValueError, match=r"^high must be positive, got 0$"):
        v.ratio_bounds(1, 0)


def test_interval_returns_floats_in_order():
    result = v.interval("ci", (1, 2))
    assert result == (1.0, 2.0) and all(type(x) is float for x in result)
    assert v.interval("ci", [3, 3]) == (3.0, 3.0)  # a closed interval may be a single point
    assert v.interval("ci", np.array([-1.5, 4.0])) == (-1.5, 4.0)
    assert v.interval("ci", (0, 1), check=v.probability) == (0.0, 1.0)


@pytest.mark.parametrize("value", [(1, 2, 3), (1,), (), 5, None, np.float64(2.0), np.array(2.0)])
def test_interval_refuses_anything_but_a_pair(value):
    with pytest.raises(ValueError, match=r"^ci must be a \(low, high\) pair, got "):
        v.interval("ci", value)


@pytest.mark.parametrize("value, check, message", [
    ((2, 1), v.real, r"^ci must have low <= high, got \(2, 1\)$"),
    (("a", 1), v.real, r"^ci low must be a finite real number, got 'a'$"),
    ((1, NAN), v.real, r"^ci high must be a finite real number, got nan$"),
    ((0, 1), v.positive, r"^ci low must be positive, got 0$"),
    ((0.5, 1), v.probability_open, r"^ci high must be strictly between 0 and 1, got 1$"),
])
def test_interval_refuses_bad_ends_by_name(value, check, message):
    with pytest.raises(ValueError, match=message):
        v.interval("ci", value, check=check)


def test_choice():
    assert v.choice("rule", "b", ("a", "b")) == "b"
    with pytest.raises(ValueError, match=r"^rule must be one of \('a', 'b'\), got 'c'$"):
        v.choice("rule", "c", ("a", "b"))
    with pytest.raises(ValueError, match=r"^rule must be one of \('a', 'b'\), got 1$"):
        v.choice("rule", 1, ("a", "b"))
    # an array is no choice, even of allowed strings (and is not compared element by element)
    with pytest.raises(ValueError, match=r"^rule must be one of \('a', 'b'\), got array"):
        v.choice("rule", np.array(["a", "b"]), ("a", "b"))


# --- survival data --------------------------------------------------------------------------------------

def test_durations_events_returns_float_durations_and_integer_flags():
    dur, ev = v.durations_events([0, 2.5, 3], [True, False, 1])
    assert dur.dtype == np.float64 and dur.tolist() == [0.0, 2.5, 3.0]
    assert ev.dtype.kind == "i" and ev.tolist() == [1, 0, 1]
    dur, ev = v.durations_events((7,), np.array([0.0]))  # a single patient is enough
    assert dur.tolist() == [7.0] and ev.tolist() == [0] and ev.dtype.kind == "i"


@pytest.mark.parametrize("durations, events, message", [
    (["a", 1], [1, 0], r"^durations must be a sequence of numbers, got \['a', 1\]$"),
    ([1, 2], ["a", "b"], r"^events must be a sequence of 0/1 flags, got \['a', 'b'\]$"),
    ([1, 2], [object(), 1], r"^events must be a sequence of 0/1 flags, got "),
    ([], [], r"^durations must be a non-empty one-dimensional sequence, got shape \(0,\)$"),
    ([[1, 2]], [[1, 0]], r"^durations must be a non-empty one-dimensional sequence, got shape \(1, 2\)$"),
    (3, 1, r"^durations must be a non-empty one-dimensional sequence, got shape \(\)$"),
    ([1, 2], [[1, 0]], r"^events must be one-dimensional, got shape \(1, 2\)$"),
    ([1], 1, r"^events must be one-dimensional, got shape \(\)$"),
    ([1, 2], [1], r"^events must have the same length as durations \(2\), got 1$"),
    ([1], [1, 0], r"^events must have the same length as durations \(1\), got 2$"),
    ([1, -1], [1, 0], r"^durations must be finite and non-negative$"),
    ([1, NAN], [1, 0], r"^durations must be finite and non-negative$"),
    ([INF, 1], [1, 0], r"^durations must be finite and non-negative$"),
    ([1, 2], [1, 2], r"^events must contain only 0/1 \(or False/True\)$"),
    ([1, 2], [0.5, 1], r"^events must contain only 0/1 \(or False/True\)$"),
    ([1, 2], [-1, 0], r"^events must contain only 0/1 \(or False/True\)$"),
    ([1, 2], [1, NAN], r"^events must contain only 0/1 \(or False/True\)$"),
])
def test_durations_events_refuses(durations, events, message):
    with pytest.raises(ValueError, match=message):
        v.durations_events(durations, events)


def test_durations_events_names_the_arguments_as_told():
    names = dict(durations_name="times_b", events_name="events_b")
    with pytest.raises(ValueError, match=r"^times_b must be a sequence of numbers, got "):
        v.durations_events(["x"], [1], **names)
    with pytest.raises(ValueError, match=r"^events_b must be a sequence of 0/1 flags, got "):
        v.durations_events([1], ["x"], **names)
    with pytest.raises(ValueError, match=r"^times_b must be a non-empty one-dimensional sequence, got shape"):
        v.durations_events([], [], **names)
    with pytest.raises(ValueError, match=r"^events_b must be one-dimensional, got shape"):
        v.durations_events([1], [[1]], **names)
    with pytest.raises(ValueError, match=r"^events_b must have the same length as times_b \(1\), got 2$"):
        v.durations_events([1], [1, 1], **names)
    with pytest.raises(ValueError, match=r"^times_b must be finite and non-negative$"):
        v.durations_events([-1], [1], **names)
    with pytest.raises(ValueError, match=r"^events_b must contain only 0/1"):
        v.durations_events([1], [3], **names)


def test_is_bool():
    assert v.is_bool(True) and v.is_bool(np.bool_(False))
    assert not v.is_bool(1) and not v.is_bool(0.0) and not v.is_bool(None) and not v.is_bool("True")


# --- size bounds --------------------------------------------------------------------------------------------


def test_at_most_accepts_the_bound_and_refuses_one_past_it():
    assert v.at_most("grim_counts.n_max", 100_000) == 100_000
    with pytest.raises(ValueError, match=r"^n_max must be at most 100000 \(got 100001\): grim_counts tries every "
                                         r"denominator up to n_max$"):
        v.at_most("grim_counts.n_max", 100_001)


def test_at_most_names_a_count_and_takes_another_name():
    with pytest.raises(ValueError, match=r"^candidates must give at most 2000000 combinations \(got 2000001\): "):
        v.at_most("combinations", 2_000_001)
    with pytest.raises(ValueError, match=r"^p_decimals must be at most 1000 \(got 1001\): "):
        v.at_most("decimals", 1001, "p_decimals")


@pytest.mark.parametrize(("value", "text"), [(10**30 - 1, str(10**30 - 1)), (10**30, "1.000e+30"),
                                             (-(10**30), "-1.000e+30"), (10**5000, "1.000e+5000")],
                         ids=["short", "long", "negative", "past 4300 digits"])  # str() of the last would fail
def test_shown_writes_huge_integers_in_scientific_notation(value, text):
    assert v.shown(value) == text


def test_every_bound_says_what_it_bounds_and_why():
    assert SIZE_BOUNDS is v.SIZE_BOUNDS
    for bound in v.SIZE_BOUNDS.values():
        assert bound.name and bound.reason and bound.limit > 0
