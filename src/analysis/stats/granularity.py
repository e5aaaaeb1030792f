"""Granularity-related consistency tests of reported summary statistics: GRIM, GRIMMER, DEBIT.

Reported values are passed as strings, because trailing zeros carry the number of decimals
("5.20" is reported to 2 decimals, "5.2" to 1).
"""

from __future__ import annotations

import math
import numbers
import re
from decimal import Decimal
from fractions import Fraction

from analysis.stats import _validate

RULES = ("either", "up_or_down", "half_up", "half_down")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _parse(name: str, value) -> tuple[Fraction, int]:
    """Exact value and number of decimals of a printed number."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string (trailing zeros count), got {type(value).__name__}")
    text = value.strip()
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"{name} must be a plain decimal number such as '5.20', got {value!r}")
    digits = len(text.partition(".")[2])
    return Fraction(Decimal(text)), digits


def _check_count(name: str, value, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def _ends_closed(rule: str) -> tuple[bool, bool]:
    """Whether the lower and upper ends of the rounding interval [x - h, x + h] belong to it."""
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, got {rule!r}")
    return {"either": (True, True), "up_or_down": (True, True),
            "half_up": (True, False), "half_down": (False, True)}[rule]


def _totals(x: Fraction, digits: int, count: int, rule: str) -> range:
    """Integer totals T with T / count inside the rounding interval of x (empty range if none)."""
    closed_low, closed_high = _ends_closed(rule)
    half = Fraction(1, 2 * 10 ** digits)
    low, high = (x - half) * count, (x + half) * count
    first = math.ceil(low) if closed_low else math.floor(low) + 1
    last = math.floor(high) if closed_high else math.ceil(high) - 1
    return range(first, last + 1)


def grim_mean(mean: str, n: int, items: int = 1, rule: str = "either") -> bool:
    """GRIM test: can a mean of n * items integer responses be printed as ``mean``?

    Brown NJL, Heathers JAJ (2017). The GRIM test: a simple technique detects numerous
    anomalies in the reporting of results in psychology. Soc Psychol Personal Sci 8(4):363-369.
    True iff some integer total T makes T / (n * items) round to ``mean`` at the number of
    decimals printed in ``mean`` (computed exactly with fractions, no floating point).

    ``rule`` is the rounding the authors are assumed to have used, h = 0.5 * 10^-decimals:
      * "either" (default): half up or half down, i.e. T / (n*items) in [mean - h, mean + h];
      * "up_or_down": scrutiny's default (lhdjung/scrutiny, R/grim.R and R/reround.R). It
        rounds each candidate mean both up from 5 and down from 5 and accepts if either
        result equals ``mean``; that accepts exactly the closed interval above, so it is the
        same test as "either" (scrutiny checks only floor and ceiling of mean * n * items,
        the totals nearest the centre, which contain an admissible total whenever one exists);
      * "half_up": ties rounded up (towards +inf, scrutiny's "up" with symmetric = FALSE):
        [mean - h, mean + h);
      * "half_down": ties rounded down (towards -inf, scrutiny's "down"): (mean - h, mean + h].
    """
    x, digits = _parse("mean", mean)
    n = _check_count("n", n, 1)
    items = _check_count("items", items, 1)
    return len(_totals(x, digits, n * items, rule)) > 0


def grimmer(mean: str, sd: str, n: int, items: int = 1) -> bool:
    """GRIMMER test: are a mean and sample SD of n scale scores (each the mean of ``items``
    integer responses) possible at their printed precision?

    Anaya J (2016). The GRIMMER test: a method for testing the validity of reported measures of
    variability. PeerJ Preprints 4:e2400v1. Algorithm: Allard A (2018), "Analytic-GRIMMER",
    as implemented in rsprite2's GRIMMER_test() and scrutiny's grimmer() (lhdjung/scrutiny,
    R/grimmer.R), with rounding "either" (half up or half down):
      1. GRIM: the admissible integer totals T (see grim_mean);
      2. for each T, the SD interval [max(sd - h, 0), sd + h] gives the interval of the sum of
         squares of the person totals, Q = items^2 * ((n - 1) * SD^2 + n * (T / (n*items))^2);
         some integer Q must lie in it (tests 1 and 2: any such Q reproduces the SD);
      3. Q must have the parity of T, since s^2 and s have the same parity (test 3), checked for
         the same Q as step 2.
    All in exact fractions. Differences from scrutiny 0.6.1: every GRIM-admissible total is
    tried (scrutiny takes round(mean * n * items) only), and step 3 pairs parity with the Q that
    passes step 2, as in Allard's and rsprite2's code (scrutiny 0.6.1 warns of a test-3 bug,
    its issue #80). Passing is necessary, not sufficient, for integer data to exist.
    At most 1,000,000 admissible totals are tried (``SIZE_BOUNDS``), counted first.
    """
    x, digits = _parse("mean", mean)
    s, sd_digits = _parse("sd", sd)
    if s < 0:
        raise ValueError(f"sd must be >= 0, got {sd!r}")
    n = _check_count("n", n, 2)
    items = _check_count("items", items, 1)
    half = Fraction(1, 2 * 10 ** sd_digits)
    sd_low, sd_high = max(s - half, Fraction(0)), s + half
    totals = _totals(x, digits, n * items, "either")
    _validate.at_most("grimmer_totals", len(totals))  # a range's length: counted before any is tried
    return any(_sum_of_squares_fits(total, n, items, sd_low, sd_high) for total in totals)


def _sum_of_squares_fits(total: int, n: int, items: int, sd_low: Fraction, sd_high: Fraction) -> bool:
    """Is there an integer Q of the parity of ``total`` in the sum-of-squares interval?"""
    mean = Fraction(total, n * items)
    low = items ** 2 * ((n - 1) * sd_low ** 2 + n * mean ** 2)
    high = items ** 2 * ((n - 1) * sd_high ** 2 + n * mean ** 2)
    first = math.ceil(low)
    if first % 2 != total % 2:
        first += 1
    return first <= high


# --- DEBIT: a port of scrutiny's floating-point procedure ----------------------------------------

_FUZZ = 2.0 ** -26  # .Machine$double.eps^0.5, scrutiny's threshold fuzz in round_up/round_down
_DUST = 1e-12       # scrutiny's dustify()


def _round_up(value: float, digits: int) -> float:
    """scrutiny round_up (R/round.R): up from 5, threshold 5 - eps^0.5."""
    p10 = 10.0 ** digits
    return math.floor(value * p10 + (1 - (5 - _FUZZ) / 10)) / p10


def _round_down(value: float, digits: int) -> float:
    """scrutiny round_down (R/round.R): down from 5, threshold 5 - eps^0.5."""
    p10 = 10.0 ** digits
    return math.ceil(value * p10 - (1 - (5 - _FUZZ) / 10)) / p10


def _sd_binary(mean: float, n: int) -> float:
    """Sample SD of binary data with proportion ``mean`` (scrutiny sd_binary_mean_n)."""
    return math.sqrt(n / (n - 1) * (mean * (1 - mean)))


def debit(mean: str, sd: str, n: int) -> bool:
    """DEBIT test: are a mean and sample SD of n binary (0/1) values consistent?

    Heathers JAJ, Brown NJL (2019). DEBIT: a simple consistency test for binary data. OSF
    preprint, https://osf.io/5vb3u. For binary data the sample SD is sqrt(n/(n-1) * m * (1 - m)).
    Ported from scrutiny's debit() (lhdjung/scrutiny, R/debit-table.R, rounding "up_or_down"):
    the SD is reconstructed at both ends of the mean's rounding interval [m - h, m + h],
    each rounded up and down from 5 to the SD's decimals, and the reported SD passes when some
    reconstruction is >= sd - h' and some (not necessarily the same) is <= sd + h', both ends
    closed, with scrutiny's 1e-12 "dust" on each side. Like scrutiny, it does not GRIM-test the mean.
    One deviation: an end of the mean's interval outside [0, 1] (mean "0.00" or "1.00") is moved
    to 0 or 1; scrutiny takes the square root of a negative number there and returns NA
    (e.g. for mean "0.00", SD "0.00", n = 2, which an all-zero sample produces).
    """
    m, m_digits = _parse("mean", mean)
    s, s_digits = _parse("sd", sd)
    for name, value in (("mean", m), ("sd", s)):
        if not 0 <= value <= 1:
            raise ValueError(f"{name} must lie between 0 and 1 for binary data, got {value}")
    n = _check_count("n", n, 2)
    m_half, s_half = 0.5 / 10 ** m_digits, 0.5 / 10 ** s_digits
    rec = []
    for end in (float(m) - m_half, float(m) + m_half):
        sd_end = _sd_binary(min(max(end, 0.0), 1.0), n)
        rec += [_round_up(sd_end, s_digits), _round_down(sd_end, s_digits)]
    rec = [r + d for r in rec for d in (-_DUST, _DUST)]
    lower = [float(s) - s_half + d for d in (-_DUST, _DUST)]
    upper = [float(s) + s_half + d for d in (-_DUST, _DUST)]
    return (any(lo <= r for lo in lower for r in rec)
            and any(r <= up for r in rec for up in upper))
