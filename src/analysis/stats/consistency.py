"""Checks that printed numbers are consistent with the data they claim to summarise.

Printed values are handled exactly, with ``fractions.Fraction``: a check at a
rounding boundary (``1/8 = 12.5 %``) is the whole point, and binary floats
cannot represent most such boundaries.

How inputs are read:

* ``str`` and ``Decimal`` are read as the decimal they spell (``"0.040"``
  keeps its trailing zero when precision is inferred from it);
* ``float`` is read as the shortest decimal that round-trips (what it prints
  as), so ``2.675`` means 2.675, not the binary double 2.67499999...;
* ``int`` and ``Fraction`` are exact already. Pass a ``Fraction`` for an
  exact ratio such as ``Fraction(100 * k, n)``.

Rounding rules: ``"half_up"`` rounds ties away from zero (hand calculation,
SAS, Excel, most journals); ``"half_even"`` rounds ties to the even digit
(IEC 60559, R's and Python's ``round``); ``"either"`` accepts a value that
either rule would print, because the reader cannot know which one the
authors' software used.
"""

from __future__ import annotations

import math
import numbers
import re
from decimal import Decimal
from fractions import Fraction

from analysis.stats import _validate

RULES = ("half_up", "half_even", "either")


def _decimal_places(name: str, value: object) -> int:
    """Number of decimals a printed value shows (``"0.040"`` -> 3, ``0.04`` -> 2)."""
    if isinstance(value, str):
        text = value.strip()
    elif isinstance(value, Decimal):
        text = str(value)
    elif isinstance(value, numbers.Integral):
        return 0
    elif isinstance(value, numbers.Real) and not isinstance(value, Fraction):
        text = repr(float(value))
    else:
        raise ValueError(f"{name}: cannot infer the printed precision of {value!r}; pass decimals")
    exponent = Decimal(text).as_tuple().exponent
    return max(0, -exponent)


def _round(x: Fraction, decimals: int, rule: str) -> Fraction:
    """Round ``x`` exactly to ``decimals`` places (negative = tens, hundreds...) under one rule."""
    scale = Fraction(10) ** decimals
    scaled = x * scale
    floor = math.floor(scaled)
    remainder = scaled - floor
    if remainder < Fraction(1, 2):
        digits = floor
    elif remainder > Fraction(1, 2):
        digits = floor + 1
    elif rule == "half_even":
        digits = floor if floor % 2 == 0 else floor + 1
    else:
        digits = floor + 1 if x > 0 else floor
    return digits / scale


def _round_significant(x: Fraction, sig_figs: int, rule: str) -> Fraction:
    """Round ``x`` exactly to ``sig_figs`` significant figures under one rule."""
    if x == 0:
        return x
    magnitude = abs(x)
    # Float log10 only seeds the exponent, from above: the ceiling of a log10 accurate to far better than 1
    # is never below the true exponent, so exact comparisons only ever step it down.
    exponent = math.ceil(math.log10(magnitude))
    while Fraction(10) ** exponent > magnitude:
        exponent -= 1
    return _round(x, sig_figs - 1 - exponent, rule)


def _rules(rule: str) -> tuple[str, ...]:
    _validate.choice("rule", rule, RULES)
    return ("half_up", "half_even") if rule == "either" else (rule,)


def rounding_interval(value: object, decimals: int) -> tuple[Fraction, Fraction]:
    """Closed interval ``(low, high)`` of true values that can print as ``value`` at ``decimals`` places.

    ``low = value - h`` and ``high = value + h`` with ``h = 0.5 * 10**-decimals``,
    returned as exact ``Fraction`` objects (convert with ``float`` if needed).
    Whether each end itself prints as ``value`` depends on the rounding rule;
    ``rounds_to`` answers that exactly. Under half-up the set is
    ``[low, high)`` for positive values; under half-even both ends belong
    when the last printed digit is even and neither when it is odd.
    Reference: Brown NJL, Heathers JAJ. The GRIM test. Soc Psychol Personal
    Sci 2017;8:363-369 (the same interval underlies GRIM).
    """
    return _exact_interval("value", value, decimals)


def _exact_interval(name: str, value: object, decimals: int) -> tuple[Fraction, Fraction]:
    d = _validate.decimals("decimals", decimals)
    v = _validate.printed_number(name, value, d)
    h = Fraction(1, 2 * 10**d)
    return v - h, v + h


def printed_interval(value: object, decimals: int, positive: bool = False,
                     *, name: str = "value") -> tuple[float, float]:
    """``rounding_interval`` as floats: the true values ``[value - h, value + h]`` behind a printed value.

    ``h = 0.5 * 10**-decimals``; the ends are computed exactly and then converted
    (``float`` of a ``Fraction`` is correctly rounded), e.g. 0.02 at 2 decimals gives
    ``(0.015, 0.025)``. With ``positive=True`` a value whose interval reaches 0 or
    below is refused (``ValueError``): a log, or a ratio with it as divisor, would be
    unbounded there. Errors name the argument as ``name``. Reference: Brown NJL,
    Heathers JAJ. The GRIM test. Soc Psychol Personal Sci 2017;8:363-369.
    """
    check_positive = _validate.boolean("positive", positive)
    d = _validate.decimals("decimals", decimals)
    v = _validate.printed_number(name, value, d)
    # The ends as whole numbers over 2 * 10**d (v has at most d decimals, so its denominator divides 10**d):
    # int / int is correctly rounded, as float() of the Fraction is, without building the Fractions.
    scale = 2 * 10**d
    twice = v.numerator * (scale // v.denominator)
    low, high = (twice - 1) / scale, (twice + 1) / scale
    if check_positive and low <= 0:
        raise ValueError(f"{name} printed as {value!r} at {decimals} decimals may be 0 or below "
                         f"(true values from {low!r}): a log or ratio would be unbounded")
    return low, high


def rounds_to(x: object, value: object, decimals: int, rule: str = "either") -> bool:
    """Whether the true value ``x`` prints as ``value`` when rounded to ``decimals`` places.

    Exact: ``x`` is read as described in the module docstring, and ties are
    resolved by ``rule`` (``"half_up"``, ``"half_even"`` or ``"either"``).
    Reference: Brown & Heathers, Soc Psychol Personal Sci 2017;8:363-369.
    """
    d = _validate.decimals("decimals", decimals)
    v = _validate.printed_number("value", value, d)
    exact = _validate.exact_number("x", x)
    return any(_round(exact, d, r) == v for r in _rules(rule))


def _grim_k_range(low_num: int, high_num: int, include_high: bool, denominator: int, n: int) -> range:
    """Numerators k with ``low_num/denominator <= 100 k/n <= high_num/denominator`` (high end optional).

    Integer arithmetic: ``100 k / n >= low_num / denominator`` iff
    ``k * 100 * denominator >= low_num * n``.
    """
    scale = 100 * denominator
    k_min = max(0, -((-low_num * n) // scale))
    k_max, remainder = divmod(high_num * n, scale)
    if remainder == 0 and not include_high:
        k_max -= 1
    return range(k_min, min(n, k_max) + 1)


def _grim_bounds(percent: object, decimals: int) -> tuple[int, int, bool, int]:
    d = _validate.decimals("decimals", decimals)
    v = _validate.printed_number("percent", percent, d)
    if not 0 <= v <= 100:
        raise ValueError(f"percent must be between 0 and 100, got {percent!r}")
    digits = int(v * 10**d)
    # The interval [v - h, v + h] with h = 1 / (2 * 10**d), scaled to a common denominator.
    # Its lower end prints as v under half-up (ties away from zero) and so belongs to the union
    # of the rules; its upper end prints as v only under half-even, when the last digit is even.
    return 2 * digits - 1, 2 * digits + 1, digits % 2 == 0, 2 * 10**d


def grim_numerators(percent: object, decimals: int, n: int) -> list[int]:
    """Every count k of ``n`` whose percentage ``100 k / n`` prints as ``percent``.

    Same rule as ``grim_counts`` (half-up or half-even, exact arithmetic) for
    one known denominator; an empty list means the percentage is impossible
    with ``n`` subjects. At most 1,000,000 numerators (``SIZE_BOUNDS``): they are
    counted before they are listed, and more are refused (``ValueError``).
    Reference: Brown & Heathers, Soc Psychol Personal Sci 2017;8:363-369.
    """
    m = _validate.positive_count("n", n)
    numerators = _grim_k_range(*_grim_bounds(percent, decimals), m)
    _validate.at_most("grim_numerators", len(numerators))  # a range's length is arithmetic: nothing listed yet
    return list(numerators)


def grim_totals(count: int, percent: object, decimals: int) -> tuple[int, int | None] | None:
    """The whole totals ``n`` of which ``count`` is a share that prints as ``percent``: ``(first, last)``.

    GRIM for a percent printed beside its count but without its total (Brown & Heathers 2017, with the
    roles of numerator and denominator exchanged): ``n >= max(count, 1)`` with ``100 count / n`` in the
    percent's rounding interval under half-up or half-even, as ``grim_numerators`` reads it. Closed form in
    integers: with the interval ``[L/D, H/D]`` and ``K = 100 count D``, ``n <= K / L`` (when ``L > 0``) and
    ``n >= K / H`` (strictly above when the upper end is excluded). ``last`` is None when every larger total
    prints so too (a percent of 0 or a count of 0 beside 0 %); the result is None when no whole total does:
    then the percent cannot be a share of that count, whatever the total. No list is built, so any count is
    cheap. Reference: Brown NJL, Heathers JAJ. Soc Psychol Personal Sci 2017;8:363-369.
    """
    k = _validate.count("count", count)
    low_num, high_num, include_high, denominator = _grim_bounds(percent, decimals)
    scaled = 100 * k * denominator
    above, remainder = divmod(scaled, high_num)  # n * high_num >= scaled, or > when the high end is excluded
    first = max(k, 1, above + (1 if remainder or not include_high else 0))
    if low_num <= 0:  # a percent of 0: every larger total gives a smaller share
        return first, None
    last = scaled // low_num  # n * low_num <= scaled
    return (first, last) if first <= last else None


def grim_counts(percent: object, decimals: int, n_max: int) -> list[tuple[int, int]]:
    """All pairs ``(k, n)`` with ``1 <= n <= n_max`` and ``0 <= k <= n`` whose ``100 k / n`` prints as ``percent``.

    GRIM test (granularity-related inconsistency of means) applied to
    percentages: a pair counts when ``100 k / n`` rounds to ``percent`` at
    ``decimals`` places under round-half-up or round-half-even. Computed
    exactly with integer interval arithmetic (no float rounding), one range
    of k per n, so ``n_max`` in the thousands is fast. Sorted by n, then k.
    Bounded (``SIZE_BOUNDS``): ``n_max`` at most 100,000, and at most 2,000,000
    pairs, counted (:func:`grim_pair_count`) before any is listed.
    Reference: Brown NJL, Heathers JAJ. The GRIM test: a simple technique
    detects numerous anomalies in the reporting of results in psychology.
    Soc Psychol Personal Sci 2017;8:363-369.
    """
    bounds, top = _grim_pair_arguments(percent, decimals, n_max)
    _validate.at_most("grim_counts.pairs", _pair_count(bounds, top))
    return [(k, n) for n in range(1, top + 1) for k in _grim_k_range(*bounds, n)]


def _grim_pair_arguments(percent: object, decimals: object, n_max: object) -> tuple[tuple[int, int, bool, int], int]:
    bounds = _grim_bounds(percent, decimals)
    return bounds, _validate.at_most("grim_counts.n_max", _validate.positive_count("n_max", n_max))


def _pair_count(bounds: tuple[int, int, bool, int], top: int) -> int:
    return sum(len(_grim_k_range(*bounds, n)) for n in range(1, top + 1))


def grim_pair_count(percent: object, decimals: int, n_max: int) -> int:
    """How many pairs :func:`grim_counts` lists, counted without listing them.

    The sum over ``n = 1 .. n_max`` of the number of k in that n's range (integer
    arithmetic, as in ``grim_counts``). ``n_max`` is bounded as there (at most 100,000).
    Reference: Brown & Heathers, Soc Psychol Personal Sci 2017;8:363-369.
    """
    return _pair_count(*_grim_pair_arguments(percent, decimals, n_max))


_P_PATTERN = re.compile(r"^\s*(?:p\s*)?(<=|>=|≤|≥|<|>|=)?\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*$", re.IGNORECASE)
_COMPARATORS = {
    "<": lambda p, t: p < t,
    "<=": lambda p, t: p <= t,
    "≤": lambda p, t: p <= t,
    ">": lambda p, t: p > t,
    ">=": lambda p, t: p >= t,
    "≥": lambda p, t: p >= t,
}


def p_value_consistent(
    p_computed: object,
    p_reported: object,
    *,
    decimals: int | None = None,
    sig_figs: int | None = None,
    rule: str = "either",
) -> bool:
    """Whether a recomputed p value agrees with the p value a paper printed.

    ``p_reported`` is a number or a string such as ``"0.040"``,
    ``"p = .03"``, ``"< 0.001"`` or ``"P>0.05"``.

    * Threshold (``<``, ``<=``, ``≤``, ``>``, ``>=``, ``≥``): the computed p
      is compared with the threshold exactly, e.g. ``"< 0.001"`` holds for
      0.00099 and fails for 0.001 and 0.0012. ``decimals``/``sig_figs`` must
      not be given.
    * Value: the computed p must print as the reported one at its precision,
      given either as ``decimals`` (0.040 at 3 decimals: [0.0395, 0.0405])
      or as ``sig_figs`` (0.00012 at 2 significant figures: [0.000115,
      0.000125]; near a power of ten this is handled exactly, e.g. 0.0996
      prints as 0.10 at 2 significant figures but 0.0951 does not). With
      neither, decimals are inferred from the printed value; a float loses
      trailing zeros (0.040 becomes 0.04), so pass such values as strings.
      Ties follow ``rule`` (see module docstring).

    Rounding logic as in Brown & Heathers, Soc Psychol Personal Sci
    2017;8:363-369.
    """
    computed = _validate.exact_number("p_computed", p_computed)
    if not 0 <= computed <= 1:
        raise ValueError(f"p_computed must be between 0 and 1, got {p_computed!r}")
    rules = _rules(rule)
    comparator = None
    text = p_reported
    if isinstance(p_reported, str):
        match = _P_PATTERN.match(p_reported)
        if match is None:
            raise ValueError(f"p_reported must look like '0.04', 'p = .04' or '< 0.001', got {p_reported!r}")
        comparator, text = match.group(1), match.group(2)
    reported = _validate.exact_number("p_reported", text)
    if not 0 <= reported <= 1:
        raise ValueError(f"p_reported must be between 0 and 1, got {p_reported!r}")
    if decimals is not None and sig_figs is not None:
        raise ValueError("decimals and sig_figs: give at most one of them")
    if comparator in _COMPARATORS:
        if decimals is not None or sig_figs is not None:
            raise ValueError(f"decimals/sig_figs do not apply to a threshold, got p_reported={p_reported!r}")
        return _COMPARATORS[comparator](computed, reported)
    if sig_figs is not None:
        s = _validate.at_most("sig_figs", _validate.positive_count("sig_figs", sig_figs))
        if _round_significant(reported, s, "half_even") != reported:
            raise ValueError(f"p_reported has more than {s} significant figures, got {p_reported!r}")
        return any(_round_significant(computed, s, r) == reported for r in rules)
    d = _decimal_places("p_reported", text) if decimals is None else _validate.decimals("decimals", decimals)
    _validate.printed_number("p_reported", text, d)
    return any(_round(computed, d, r) == reported for r in rules)
