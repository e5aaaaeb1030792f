"""Tests of analysis.stats.granularity: scrutiny's documented cases and brute-force enumeration."""

import itertools
import math
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal, localcontext

import pytest

from analysis.stats.granularity import debit, grim_mean, grimmer

T, F = True, False


def _printed(numerator, denominator, digits, mode):
    """A fraction printed at ``digits`` decimals with Decimal's exact tie rule ``mode``."""
    with localcontext() as ctx:
        ctx.prec = 60
        value = Decimal(numerator) / Decimal(denominator)
        return str(value.quantize(Decimal(1).scaleb(-digits), rounding=mode))


def _printed_sqrt(numerator, denominator, digits, mode):
    with localcontext() as ctx:
        ctx.prec = 60
        value = (Decimal(numerator) / Decimal(denominator)).sqrt()
        return str(value.quantize(Decimal(1).scaleb(-digits), rounding=mode))


# --- GRIM: scrutiny's documented examples --------------------------------------------------------

# lhdjung/scrutiny, R/grim.R, @examples (the outcomes are stated in the comments there):
# "A mean of 5.19 is not consistent with a sample size of 28" / "it is consistent with ... 32".
def test_scrutiny_grim_doc_examples():
    assert grim_mean("5.19", 28) is False
    assert grim_mean("5.19", 32) is True


# lhdjung/scrutiny, tests/testthat/test-grim.R: vec1 <- seq_endpoint(5.19, 5.3); grim(vec1, 28)
# expected c(f, f, t, f, f, f, t, f, f, f, t, f) (seq_endpoint keeps the trailing zeros).
def test_scrutiny_grim_vec1():
    xs = [f"{v / 100:.2f}" for v in range(519, 531)]
    assert [grim_mean(x, 28) for x in xs] == [F, F, T, F, F, F, T, F, F, F, T, F]


# Same file: grim(seq_endpoint(0.150, 0.159), 120, items = 3) -> c(t, f, f, t, f, f, t, f, t, f)
def test_scrutiny_grim_vec2_items3():
    xs = [f"0.{v}" for v in range(150, 160)]
    assert [grim_mean(x, 120, items=3) for x in xs] == [T, F, F, T, F, F, T, F, T, F]


# Same file: grim(seq_endpoint(0.80, 0.89), 28, items = 2) -> c(t, f, t, f, t, f, t, t, t, t)
def test_scrutiny_grim_vec3_items2():
    xs = [f"0.{v}" for v in range(80, 90)]
    assert [grim_mean(x, 28, items=2) for x in xs] == [T, F, T, F, T, F, T, T, T, T]


# Same file: grim(seq_endpoint(6, 16), 50, percent = TRUE) -> c(t, f, t, f, ...); percent = TRUE
# divides by 100 and adds two decimals, so "6" is the mean "0.06".
def test_scrutiny_grim_vec5_percent_as_proportion():
    xs = [f"{v / 100:.2f}" for v in range(6, 17)]
    assert [grim_mean(x, 50) for x in xs] == [T, F, T, F, T, F, T, F, T, F, T]


# lhdjung/scrutiny, README.md: grim_map(pigs1), consistency column.
PIGS1 = [("7.22", 32, T), ("4.74", 25, F), ("5.23", 29, F), ("2.57", 24, F), ("6.77", 27, F),
         ("2.68", 28, T), ("7.01", 29, F), ("7.38", 26, T), ("3.14", 27, F), ("6.89", 31, F),
         ("5.00", 25, T), ("0.24", 28, F)]


@pytest.mark.parametrize(("x", "n", "expected"), PIGS1)
def test_scrutiny_readme_pigs1(x, n, expected):
    assert grim_mean(x, n) is expected


# lhdjung/scrutiny, README.md: grim_map(pigs2, percent = TRUE), n = 150; the percentages
# 67.4 ... are shown converted to "0.674" ...
@pytest.mark.parametrize(("x", "expected"), [("0.674", F), ("0.542", F), ("0.540", T),
                                             ("0.698", F), ("0.681", F), ("0.554", F)])
def test_scrutiny_readme_pigs2_percent(x, expected):
    assert grim_mean(x, 150) is expected


def test_trailing_zeros_count():
    # 5.2 at 1 decimal: 146/28 = 5.214... prints as 5.2; at 2 decimals it prints 5.21, not 5.20.
    assert grim_mean("5.2", 28) is True
    assert grim_mean("5.20", 28) is False


def test_tie_rules_at_an_exact_half():
    # 1/8 = 0.125 exactly: half up prints 0.13, half down 0.12; "either" accepts both.
    assert (grim_mean("0.13", 8, rule="half_up"), grim_mean("0.12", 8, rule="half_up")) == (T, F)
    assert (grim_mean("0.12", 8, rule="half_down"), grim_mean("0.13", 8, rule="half_down")) == (T, F)
    for rule in ("either", "up_or_down"):
        assert grim_mean("0.12", 8, rule=rule) and grim_mean("0.13", 8, rule=rule)


@pytest.mark.parametrize("n", range(1, 41))
@pytest.mark.parametrize("items", [1, 2, 3])
def test_grim_equals_brute_force(n, items):
    # Every total 0..(n*items*5) printed at 1 and 2 decimals with exact half-up / half-down.
    count = n * items
    for digits in (1, 2):
        up = {_printed(t, count, digits, ROUND_HALF_UP) for t in range(5 * count + 1)}
        down = {_printed(t, count, digits, ROUND_HALF_DOWN) for t in range(5 * count + 1)}
        for k in range(5 * 10 ** digits):  # candidates 0 .. 4.99 (inside the enumerated range)
            x = f"{k / 10 ** digits:.{digits}f}"
            assert grim_mean(x, n, items, rule="half_up") is (x in up), (x, n, items)
            assert grim_mean(x, n, items, rule="half_down") is (x in down), (x, n, items)
            assert grim_mean(x, n, items, rule="either") is (x in up or x in down), (x, n, items)
            assert grim_mean(x, n, items, rule="up_or_down") is (x in up or x in down)


def test_grim_negative_means():
    # -1/8 = -0.125: half up (towards +inf) prints -0.12, half down -0.13.
    assert grim_mean("-0.12", 8, rule="half_up") and not grim_mean("-0.13", 8, rule="half_up")
    assert grim_mean("-0.13", 8, rule="half_down") and not grim_mean("-0.12", 8, rule="half_down")


@pytest.mark.parametrize(("args", "error", "word"), [
    ((5.19, 28), TypeError, "mean"),
    (("5.19x", 28), ValueError, "mean"),
    (("5.19", 0), ValueError, "n"),
    (("5.19", 28.0), TypeError, "n"),
    (("5.19", 28, 0), ValueError, "items"),
    (("5.19", 28, 1, "even"), ValueError, "rule"),
])
def test_grim_argument_errors(args, error, word):
    with pytest.raises(error, match=word):
        grim_mean(*args)


# --- GRIMMER --------------------------------------------------------------------------------------

# lhdjung/scrutiny, tests/testthat/test-grimmer.R, "GRIMMER works correctly by default":
#   expect_true(grimmer_scalar("5.21", "1.6", 28)); expect_false(grimmer_scalar("3.44", "2.47", 18))
def test_scrutiny_grimmer_examples():
    assert grimmer("5.21", "1.6", 28) is True
    assert grimmer("3.44", "2.47", 18) is False
    assert grim_mean("3.44", 18) is True  # so the False above comes from the SD


def _rsprite2_grimmer(mean, sd, n_obs, n_items=1):
    """rsprite2's GRIMMER_test() (Allard's algorithm), as quoted in lhdjung/scrutiny,
    tests/testthat/test-grimmer.R, ported line by line (floating point, R round -> Python round)."""
    m_prec = max(len(mean.partition(".")[2]), 0)
    sd_prec = max(len(sd.partition(".")[2]), 0)
    mean, sd = float(mean), float(sd)
    effective_n = n_obs * n_items
    realsum = round(mean * effective_n)
    realmean = realsum / effective_n

    def round_down(number, decimals):
        to_round = number * 10 ** (decimals + 1) - math.floor(number * 10 ** decimals) * 10
        return math.floor(number * 10 ** decimals) / 10 ** decimals if to_round == 5 else round(number, decimals)

    def round_up(number, decimals):
        to_round = number * 10 ** (decimals + 1) - math.floor(number * 10 ** decimals) * 10
        return math.ceil(number * 10 ** decimals) / 10 ** decimals if to_round == 5 else round(number, decimals)

    if round_down(realmean, m_prec) != mean and round_up(realmean, m_prec) != mean:
        return False
    lsigma = 0 if sd < 5 / 10 ** (sd_prec + 1) else sd - 5 / 10 ** (sd_prec + 1)
    usigma = sd + 5 / 10 ** (sd_prec + 1)
    lower = ((n_obs - 1) * lsigma ** 2 + n_obs * realmean ** 2) * n_items ** 2
    upper = ((n_obs - 1) * usigma ** 2 + n_obs * realmean ** 2) * n_items ** 2
    if math.ceil(lower) > math.floor(upper):
        return False
    for q in range(math.ceil(lower), math.floor(upper) + 1):
        predicted = math.sqrt((q / n_items ** 2 - n_obs * realmean ** 2) / (n_obs - 1))
        matches = round_down(predicted, sd_prec) == sd or round_up(predicted, sd_prec) == sd
        if matches and q % 2 == realsum % 2:
            return True
    return False


# lhdjung/scrutiny, tests/testthat/test-grimmer.R: the cases compared with rsprite2's GRIMMER_test
RSPRITE2_CASES = [("1.2", "0.3", 57, 1), ("8.3", "7.5", 103, 1), ("5.23", "2.55", 35, 1),
                  ("5.23", "2.55", 127, 1), ("5.2", "2.5", 35, 1), ("2.57", "2.57", 30, 1),
                  ("3.756", "4.485", 89, 1), ("3.756", "4.485", 12, 1), ("3.75", "4.48", 12, 1),
                  ("3.75", "4.48", 89, 1), ("5.21", "1.60", 28, 2), ("3.44", "2.47", 18, 2),
                  ("5.21", "1.60", 28, 3), ("3.44", "2.47", 18, 3)]


@pytest.mark.parametrize(("x", "sd", "n", "items"), RSPRITE2_CASES)
def test_grimmer_agrees_with_rsprite2_on_scrutiny_cases(x, sd, n, items):
    assert grimmer(x, sd, n, items) is _rsprite2_grimmer(x, sd, n, items)


def test_grimmer_agrees_with_rsprite2_on_a_grid():
    # Away from GRIM ties (n*items < 100 at 2 decimals, one admissible total) the two agree.
    for n in (5, 12, 23, 37):
        for k in range(100, 400, 7):
            x = f"{k / 100:.2f}"
            for j in range(0, 300, 11):
                sd = f"{j / 100:.2f}"
                assert grimmer(x, sd, n) is _rsprite2_grimmer(x, sd, n), (x, sd, n)


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_grimmer_passes_every_real_sample(n):
    # Brute force: every multiset of n integers in 0..7, printed (mean, SD) at 2 decimals with
    # half up and half down, must pass; GRIMMER may never flag real data.
    seen = set()
    for values in itertools.combinations_with_replacement(range(8), n):
        total = sum(values)
        ss = n * sum(v * v for v in values) - total * total  # n(n-1) * variance
        for mode in (ROUND_HALF_UP, ROUND_HALF_DOWN):
            pair = (_printed(total, n, 2, mode), _printed_sqrt(ss, n * (n - 1), 2, mode))
            seen.add(pair)
    for x, sd in seen:
        assert grimmer(x, sd, n), (x, sd, n)


def test_grimmer_is_not_vacuous():
    # n = 3, mean 1.00 (total 3): integer samples are (1,1,1) sd 0, (0,1,2) sd 1, (0,0,3) sd 1.73.
    # SD 0.50: Q in [2*0.495^2 + 3, 2*0.505^2 + 3] = [3.49, 3.51] holds no integer.
    assert grimmer("1.00", "1.00", 3) is True
    assert grimmer("1.00", "0.50", 3) is False
    # SD 1.22: Q in [2*1.215^2 + 3, 2*1.225^2 + 3] = [5.95, 6.00] holds only Q = 6, even while
    # T = 3 is odd -> the parity test (test 3) fails although tests 1 and 2 pass.
    assert grimmer("1.00", "1.22", 3) is False


@pytest.mark.parametrize(("args", "error", "word"), [
    ((5.21, "1.6", 28), TypeError, "mean"),
    (("5.21", 1.6, 28), TypeError, "sd"),
    (("5.21", "-1.6", 28), ValueError, "sd"),
    (("5.21", "1.6", 1), ValueError, "n"),
    (("5.21", "1.6", 28, 0), ValueError, "items"),
])
def test_grimmer_argument_errors(args, error, word):
    with pytest.raises(error, match=word):
        grimmer(*args)


# --- DEBIT ----------------------------------------------------------------------------------------

# lhdjung/scrutiny, README.md: pigs3 %>% debit_map() (n = 1683), consistency column; the same
# expectations are in tests/testthat/test-debit.R (out_expected <- c(T, T, T, F, T, T, T)).
PIGS3 = [("0.53", "0.50", T), ("0.44", "0.50", T), ("0.77", "0.42", T), ("0.19", "0.35", F),
         ("0.34", "0.47", T), ("0.93", "0.25", T), ("0.12", "0.33", T)]


@pytest.mark.parametrize(("x", "sd", "expected"), PIGS3)
def test_scrutiny_pigs3(x, sd, expected):
    assert debit(x, sd, 1683) is expected


def test_debit_closed_form_case():
    # 0.19 * 0.81 * 1683/1682 = 0.15399...; sqrt = 0.3924 -> an SD of 0.39, not 0.35.
    assert debit("0.19", "0.39", 1683) is True


@pytest.mark.parametrize("n", range(2, 61))
def test_debit_passes_every_binary_sample(n):
    # Brute force: k ones out of n, mean and sample SD printed at 2 and 3 decimals, half up and
    # half down: DEBIT must never flag real binary data.
    for k in range(n + 1):
        for digits in (2, 3):
            for mode in (ROUND_HALF_UP, ROUND_HALF_DOWN):
                x = _printed(k, n, digits, mode)
                sd = _printed_sqrt(k * (n - k), n * (n - 1), digits, mode)
                assert debit(x, sd, n), (x, sd, n)


def test_debit_flags_impossible_sd():
    # n = 10, mean 0.50: sd = sqrt(10/9 * 0.25) = 0.527 -> 0.53; 0.40 is impossible.
    assert debit("0.50", "0.53", 10) is True
    assert debit("0.50", "0.40", 10) is False


@pytest.mark.parametrize(("args", "error", "word"), [
    ((0.5, "0.53", 10), TypeError, "mean"),
    (("0.50", 0.53, 10), TypeError, "sd"),
    (("1.50", "0.53", 10), ValueError, "mean"),
    (("0.50", "1.53", 10), ValueError, "sd"),
    (("0.50", "0.53", 1), ValueError, "n"),
])
def test_debit_argument_errors(args, error, word):
    with pytest.raises(error, match=word):
        debit(*args)


# --- argument errors start with the argument's exact name (anchored patterns) ----------------------


@pytest.mark.parametrize(("call", "error", "pattern"), [
    (lambda: grim_mean(5.19, 28), TypeError, r"^mean must be a string \(trailing zeros count\), got float$"),
    (lambda: grim_mean("5.19x", 28), ValueError, r"^mean must be a plain decimal number such as '5.20', got '5.19x'$"),
    (lambda: grim_mean("5.19", 28.0), TypeError, r"^n must be an integer, got 28.0$"),
    (lambda: grim_mean("5.19", True), TypeError, r"^n must be an integer, got True$"),
    (lambda: grim_mean("5.19", 0), ValueError, r"^n must be >= 1, got 0$"),
    (lambda: grim_mean("5.19", 28, 0), ValueError, r"^items must be >= 1, got 0$"),
    (lambda: grim_mean("5.19", 28, 2.0), TypeError, r"^items must be an integer, got 2.0$"),
    (lambda: grim_mean("5.19", 28, 1, "even"), ValueError,
     r"^rule must be one of \('either', 'up_or_down', 'half_up', 'half_down'\), got 'even'$"),
    (lambda: grimmer(5.21, "1.6", 28), TypeError, r"^mean must be a string "),
    (lambda: grimmer("5.21x", "1.6", 28), ValueError, r"^mean must be a plain decimal number"),
    (lambda: grimmer("5.21", 1.6, 28), TypeError, r"^sd must be a string "),
    (lambda: grimmer("5.21", "1.6x", 28), ValueError, r"^sd must be a plain decimal number"),
    (lambda: grimmer("5.21", "-1.6", 28), ValueError, r"^sd must be >= 0, got '-1.6'$"),
    (lambda: grimmer("5.21", "1.6", 1), ValueError, r"^n must be >= 2, got 1$"),
    (lambda: grimmer("5.21", "1.6", 2.0), TypeError, r"^n must be an integer"),
    (lambda: grimmer("5.21", "1.6", 28, 0), ValueError, r"^items must be >= 1, got 0$"),
    (lambda: grimmer("5.21", "1.6", 28, 1.0), TypeError, r"^items must be an integer"),
    (lambda: debit(0.5, "0.53", 10), TypeError, r"^mean must be a string "),
    (lambda: debit("0.5x", "0.53", 10), ValueError, r"^mean must be a plain decimal number"),
    (lambda: debit("0.50", 0.53, 10), TypeError, r"^sd must be a string "),
    (lambda: debit("0.50", "0.53x", 10), ValueError, r"^sd must be a plain decimal number"),
    (lambda: debit("1.50", "0.53", 10), ValueError, r"^mean must lie between 0 and 1 for binary data, got 3/2$"),
    (lambda: debit("0.50", "1.53", 10), ValueError, r"^sd must lie between 0 and 1 for binary data, got 153/100$"),
    (lambda: debit("0.50", "0.53", 1), ValueError, r"^n must be >= 2, got 1$"),
    (lambda: debit("0.50", "0.53", 10.0), TypeError, r"^n must be an integer"),
])
def test_argument_errors_start_with_the_argument_name(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


# --- DEBIT against an exact re-statement of scrutiny's rule ----------------------------------------


def _debit_band(mean, n, sd_digits):
    """The SDs (at ``sd_digits`` decimals) scrutiny's DEBIT accepts for ``mean``, in exact arithmetic.

    The SD sqrt(n/(n-1) * e * (1 - e)) is taken at both ends e = mean -/+ h of the mean's rounding
    interval (clipped to [0, 1]) and printed half up and half down; a reported SD passes iff it lies
    between the smallest and largest of these four prints (on the SD's grid, a print at or above
    sd - h' is one at or above sd). Returns (low, high) as Decimals, or None when a reconstructed SD
    is within 1e-3 of a step from a printing tie, where scrutiny's floating-point fuzz decides.
    """
    with localcontext() as ctx:
        ctx.prec = 50
        m = Decimal(mean)
        half = Decimal(5).scaleb(-len(mean.partition(".")[2]) - 1)
        step = Decimal(1).scaleb(-sd_digits)
        prints = []
        for end in (max(m - half, Decimal(0)), min(m + half, Decimal(1))):
            value = (Decimal(n) / Decimal(n - 1) * end * (1 - end)).sqrt()
            scaled = value / step
            if abs(scaled - scaled.to_integral_value(rounding="ROUND_FLOOR") - Decimal("0.5")) < Decimal("1e-3"):
                return None
            prints += [value.quantize(step, rounding=ROUND_HALF_UP), value.quantize(step, rounding=ROUND_HALF_DOWN)]
        return min(prints), max(prints)


def _check_debit_around_band(x, n, sd_digits, reach=3, widen=0):
    """debit() for every SD within ``reach`` steps of either end of the exact band;
    ``widen`` steps beyond each end of the band are expected to pass as well."""
    band = _debit_band(x, n, sd_digits)
    if band is None:
        return 0
    low, high = (int(end.scaleb(sd_digits)) for end in band)
    near_ends = set(range(low - reach, low + reach + 1)) | set(range(high - reach, high + reach + 1))
    for j in sorted(j for j in near_ends if 0 <= j <= 10 ** sd_digits):
        sd = f"{Decimal(j).scaleb(-sd_digits):.{sd_digits}f}"
        assert debit(x, sd, n) is (low - widen <= j <= high + widen), (x, sd, n, band)
    return 1


@pytest.mark.parametrize("n", [2, 3, 7, 12, 40, 333])
def test_debit_equals_the_exact_rule_on_a_grid(n):
    # Every mean 0.00 .. 1.00 at 2 decimals, SDs at 2 decimals: the SDs just below and just above
    # the band of reconstructions are refused, those inside it accepted.
    assert sum(_check_debit_around_band(f"{i / 100:.2f}", n, 2) for i in range(101)) > 95


@pytest.mark.parametrize(("x_digits", "sd_digits"), [(1, 1), (1, 3), (3, 2), (3, 3), (2, 3)])
def test_debit_equals_the_exact_rule_at_other_precisions(x_digits, sd_digits):
    for n in (9, 150):
        for i in range(0, 10 ** x_digits + 1, max(1, 10 ** x_digits // 40)):
            _check_debit_around_band(f"{i / 10 ** x_digits:.{x_digits}f}", n, sd_digits)


@pytest.mark.parametrize(("x", "n"), [("0.30", 10), ("0.07", 25), ("0.815", 4)])
def test_debit_dust_matters_at_twelve_decimals(x, n):
    # scrutiny adds and subtracts 1e-12 ("dust") to the reconstructed SDs and to the bounds sd -/+ h'.
    # At 12 decimals h' = 5e-13, so the dust (up to 2e-12 between a bound and a reconstruction)
    # reaches two steps of 1e-12 beyond each end of the band; three steps out still fails.
    assert _check_debit_around_band(x, n, 12, reach=4, widen=2) == 1
    # At 11 decimals (step 1e-11, h' = 5e-12) the dust cannot reach the next step.
    assert _check_debit_around_band(x, n, 11, reach=2, widen=0) == 1


def test_scrutiny_rounding_fuzz():
    # scrutiny's round_up / round_down (R/round.R) treat a value whose digit after the last kept one
    # is 5 - eps^0.5 or more as a tie, so a double just below a printed tie still counts as one.
    # 2.675 as a double is 2.67499999999999982..., 267.49999999999997 after scaling by 100: a tie
    # for scrutiny (up: 2.68, down: 2.67), while exact rounding would give 2.67 both ways.
    from analysis.stats.granularity import _round_down, _round_up

    assert Decimal(2.675) < Decimal("2.675")
    assert (_round_up(2.675, 2), _round_down(2.675, 2)) == (2.68, 2.67)
    # Exact ties and values off a tie (digit after the last kept one 4.7, 5.5, 5.0 at 1 and 3 decimals).
    assert (_round_up(0.125, 2), _round_down(0.125, 2)) == (0.13, 0.12)
    assert (_round_up(0.1247, 2), _round_down(0.1247, 2)) == (0.12, 0.12)
    assert (_round_up(0.1255, 2), _round_down(0.1255, 2), _round_down(0.1252, 2)) == (0.13, 0.13, 0.13)
    assert (_round_up(0.25, 1), _round_down(0.25, 1)) == (0.3, 0.2)
    assert (_round_up(0.0625, 3), _round_down(0.0625, 3)) == (0.063, 0.062)
    # A value 1e-6 of a step below a tie is no tie: the fuzz is eps^0.5 = 1.5e-8 of a step.
    assert (_round_up(0.1249999, 2), _round_down(0.1250001, 2)) == (0.12, 0.13)


def test_grimmer_with_items_and_an_exact_upper_end():
    # n = 3 persons, 2 items, mean 1.00: person totals t_i sum to 6 and the SD of the scale scores t_i / 2
    # gives sum (t_i - 2)^2 = 4 * 2 * SD^2; SD 0.25 (0.245 .. 0.255) needs it in [0.48, 0.52]: impossible.
    assert grimmer("1.00", "0.25", 3, items=2) is False
    assert grimmer("1.00", "0.50", 3, items=2) is True  # totals (1, 2, 3): scores 0.5, 1, 1.5, SD 0.5
    # n = 4 persons, 10 items, totals (1, 0, 0, 0): scale scores (0.1, 0, 0, 0), mean 0.025 and SD exactly
    # sqrt((0.075^2 + 3 * 0.025^2) / 3) = 0.05, a tie printed "0.0" half down. SD "0.0" means [0, 0.05], so
    # Q = sum t_i^2 lies in 100 * [4 * 0.025^2, 3 * 0.05^2 + 4 * 0.025^2] = [0.25, 1]: Q = 1, the closed upper end.
    assert grimmer("0.025", "0.0", 4, items=10) is True
    assert grimmer("0.025", "0.1", 4, items=10) is True


# --- sizes bounded before any work (analysis.stats._validate.SIZE_BOUNDS) -----------------------------------


def test_grimmer_totals_past_the_bound_are_refused_before_any_is_tried():
    # Mean 0.5 at 1 decimal: totals T with 0.45 N <= T <= 0.55 N, here 4,500,000 .. 5,500,000.
    with pytest.raises(ValueError, match=r"^mean and n must give at most 1000000 totals \(got 1000001\): grimmer "
                                         r"tries every total the mean allows$"):
        grimmer("0.5", "0.5", 10_000_000)
    with pytest.raises(ValueError, match=r"^mean and n must give at most 1000000 totals \(got 100000000001\): "):
        grimmer("5.2", "1.1", 10**12)


def test_grimmer_totals_at_the_bound_are_accepted():
    # 0.45 * 9,999,999 = 4,499,999.55 and 0.55 * 9,999,999 = 5,499,999.45: totals 4,500,000 .. 5,499,999.
    assert grimmer("0.5", "0.5", 9_999_999)
