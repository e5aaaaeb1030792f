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
