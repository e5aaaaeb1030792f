"""What printed ratio estimates (rate ratios, hazard ratios) and their CIs still tell, rounding-aware.

A paper prints a ratio such as ``0.02 (0.01-0.04)`` to a few decimals. Each printed
number stands for an interval of true values, ``[v - h, v + h]`` with
``h = 0.5 * 10**-decimals`` (``consistency.printed_interval``; Brown & Heathers,
Soc Psychol Personal Sci 2017;8:363-369). The functions here return the range a
derived quantity takes over those intervals, never a single value from the printed
digits alone. The Wald relations between a ratio, its CI and its p value are those of
Altman DG, Bland JM, BMJ 2011;343:d2304 and d2090 (implemented in ``analysis.rates``).

All ranges are closed intervals ``(low, high)`` of floats (infimum and supremum; the
ends are reached at a rounding boundary that may or may not itself print as the value).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence, Sized
from dataclasses import dataclass

import pandas as pd

from analysis.stats import _validate, rates
from analysis.stats.consistency import printed_interval

Interval = tuple[float, float]


def ratio_range(numerator: Sequence[float], denominator: Sequence[float]) -> Interval:
    """Range of ``a / b`` for ``a`` in ``numerator`` and ``b`` in ``denominator`` (both positive intervals).

    ``a / b`` rises with ``a`` and falls with ``b``, so the range is
    ``(a_low / b_high, a_high / b_low)`` (interval arithmetic; Moore RE,
    Interval Analysis, Prentice-Hall 1966). Used for the ratio of two printed
    rates and for a rate divided by a printed rate ratio.
    """
    a_low, a_high = _validate.interval("numerator", numerator, _validate.positive)
    b_low, b_high = _validate.interval("denominator", denominator, _validate.positive)
    return a_low / b_high, a_high / b_low


def percent_reduction(ratio: Sequence[float]) -> Interval:
    """Percent reduction ``100 (1 - r)`` for a ratio interval ``r``, returned as ``(low, high)``.

    The map is decreasing, so the ends swap: ``(100 (1 - r_high), 100 (1 - r_low))``.
    """
    low, high = _validate.interval("ratio", ratio, _validate.positive)
    return 100.0 * (1.0 - high), 100.0 * (1.0 - low)


def overlap(intervals: Iterable[Sequence[float]]) -> Interval | None:
    """The common part ``(max of lows, min of highs)`` of closed intervals, or ``None`` if they share no point."""
    pairs = [(float(lo), float(hi)) for lo, hi in intervals]
    if not pairs:
        raise ValueError("intervals must hold at least one interval")
    low, high = max(p[0] for p in pairs), min(p[1] for p in pairs)
    return (low, high) if low <= high else None


def centre_ratio_range(estimate: float, low: float, high: float, decimals: int) -> Interval:
    """Range of ``E / sqrt(L U)`` over every estimate ``E`` and CI ``(L, U)`` that print as the given values.

    A CI that is symmetric on the log scale, ``ln E -/+ z SE``, has its estimate at
    the geometric centre of the bounds: ``E**2 = L U``, i.e. ``E / sqrt(L U) = 1``
    (Altman & Bland, BMJ 2011;343:d2304). The ratio rises with ``E`` and falls with
    ``L`` and ``U``, so over the box of rounding intervals its extremes are at two
    corners: ``(E_low / sqrt(L_high U_high), E_high / sqrt(L_low U_low))``.

    All three printed values must be positive with ``low < high`` and
    ``low <= estimate <= high``, with at most ``decimals`` decimals (the error names
    the value at fault). None of them can then stand for a true value of 0 or below:
    a positive value printed at ``d`` decimals is at least ``10**-d``, so its rounding
    interval starts at ``0.5 * 10**-d`` or above.
    """
    d = _validate.decimals("decimals", decimals)
    est, lo, hi = _validate.ratio_ci(estimate, low, high)
    e_low, e_high = printed_interval(est, d, name="estimate")
    l_low, l_high = printed_interval(lo, d, name="low")
    u_low, u_high = printed_interval(hi, d, name="high")
    return e_low / math.sqrt(l_high * u_high), e_high / math.sqrt(l_low * u_low)


def is_log_symmetric(estimate: float, low: float, high: float, decimals: int) -> bool:
    """Whether some true ``E, L, U`` behind the printed values satisfy ``E**2 = L U`` exactly.

    ``E / sqrt(L U)`` is continuous on the (connected) box of rounding intervals, so
    it takes every value between its extremes (intermediate value theorem); the CI
    can be log-symmetric iff 1 lies in ``centre_ratio_range``. A solution keeps
    ``L <= E <= U`` automatically, because ``E`` is then the geometric mean of
    ``L <= U`` (and ``L <= U`` holds on the whole box when the printed ``low < high``).
    """
    centre_low, centre_high = centre_ratio_range(estimate, low, high, decimals)
    return centre_low <= 1.0 <= centre_high


@dataclass(frozen=True)
class CIRange:
    """Range of the CI bounds and log-scale SE implied by an estimate and a p value."""

    low_min: float
    low_max: float
    high_min: float
    high_max: float
    se_min: float
    se_max: float


def ci_from_p_range(estimate: Sequence[float], p: Sequence[float], level: float = 0.95) -> CIRange:
    """Range of the CI (and SE of the log) implied by an estimate interval and a p interval.

    For each ``(E, p)`` the CI is ``rates.ci_from_p(E, p, level)``: ``SE = |ln E| / z_p``
    (``rates.se_from_p``) with ``z_p = Phi^-1(1 - p/2)`` and bounds ``exp(ln E -/+ z SE)`` (Altman DG,
    Bland JM. How to obtain the confidence interval from a P value. BMJ
    2011;343:d2090). With ``c = z / z_p`` the bounds are ``E**(1 - c)`` and
    ``E**(1 + c)``; for fixed ``p`` each is monotone in ``E`` (the sign of the
    exponent is fixed), for fixed ``E`` each is monotone in ``p`` (``c`` rises with
    ``p``), and ``SE`` likewise. A function monotone in each coordinate separately
    takes its extremes over a box at the corners, so the four corners suffice.

    ``estimate`` must not contain 1 (an estimate of 1 carries no SE) and ``p``
    must lie strictly between 0 and 1.
    """
    e_low, e_high = _validate.interval("estimate", estimate, _validate.positive)
    if e_low <= 1.0 <= e_high:
        raise ValueError(f"estimate interval {estimate!r} contains 1: the SE is undetermined")
    p_low, p_high = _validate.interval("p", p, _validate.probability_open)
    lows, highs, ses = [], [], []
    for e in (e_low, e_high):
        for q in (p_low, p_high):
            lo, hi = rates.ci_from_p(e, q, level)
            lows.append(lo)
            highs.append(hi)
            ses.append(rates.se_from_p(e, q))
    return CIRange(min(lows), max(lows), min(highs), max(highs), min(ses), max(ses))


def bonferroni_raw_p(adjusted: Sequence[float], comparisons: int) -> Interval:
    """Range of the unadjusted p behind a Bonferroni-adjusted p interval below 1.

    Bonferroni's adjustment is ``p_adj = min(1, m p)`` for ``m`` comparisons
    (Dunn OJ. Multiple comparisons among means. J Am Stat Assoc 1961;56:52-64),
    so an adjusted value below 1 gives ``p = p_adj / m`` exactly.
    """
    m = _validate.positive_count("comparisons", comparisons)
    low, high = _validate.interval("adjusted", adjusted, _validate.probability)
    if not high < 1.0:
        raise ValueError(f"adjusted must be an interval below 1, got {adjusted!r}")
    return low / m, high / m


ILLUSTRATIVE_COLUMNS = ["events_a", "exposure_a", "events_b", "exposure_b", "total_events",
                        "ratio", "low", "high", "width_ratio", "p"]


def illustrative_rate_ratio_cis(rate_a: float, rate_b: float, events_a: Iterable[int],
                                exposure_ratio: float = 1.0, level: float = 0.95) -> pd.DataFrame:
    """Exact conditional CIs a rate ratio ``rate_a / rate_b`` WOULD have under assumed relapse counts.

    ILLUSTRATIVE, not study data. For each assumed count ``k_a`` in arm a the
    exposure is ``T_a = k_a / rate_a`` (so arm a's rate is exactly ``rate_a``);
    arm b is given ``k_b = max(1, round(rate_b * exposure_ratio * T_a))`` events and
    ``T_b = k_b / rate_b`` (its rate is exactly ``rate_b``; its exposure is
    ``exposure_ratio * T_a`` up to the rounding of ``k_b``). The ratio is then
    ``rate_a / rate_b`` on every row, and ``rates.rate_ratio`` gives the exact
    conditional (binomial) CI and p (Breslow NE, Day NE. Statistical Methods in
    Cancer Research, Vol. II, IARC 1987, section 2.3).

    A Poisson model has variance equal to the mean; a negative binomial model
    with between-patient heterogeneity gives wider intervals for the same counts.

    At most 500 counts (``SIZE_BOUNDS``), counted before any CI: a sized collection by its
    length, any other iterable by reading at most one count past the bound.

    Returns one row per ``k_a`` with columns ``ILLUSTRATIVE_COLUMNS``;
    ``width_ratio = high / low`` (the CI's width on the log scale, exponentiated).
    """
    ra = _validate.positive("rate_a", rate_a)
    rb = _validate.positive("rate_b", rate_b)
    ratio_t = _validate.positive("exposure_ratio", exposure_ratio)
    # Counted before any work: a sized collection by its length, any other iterable by reading one past the bound.
    limit = _validate.SIZE_BOUNDS["illustrative_rate_ratio_cis"].limit
    counts = events_a if isinstance(events_a, Sized) else list(itertools.islice(events_a, limit + 1))
    _validate.at_most("illustrative_rate_ratio_cis", len(counts))
    rows = []
    for k in counts:
        ka = _validate.positive_count("events_a", k)
        ta = ka / ra
        kb = max(1, round(rb * ratio_t * ta))
        tb = kb / rb
        ratio, low, high, p = rates.rate_ratio(ka, ta, kb, tb, level)
        rows.append((ka, ta, kb, tb, ka + kb, ratio, low, high, high / low, p))
    return pd.DataFrame(rows, columns=ILLUSTRATIVE_COLUMNS)


@dataclass(frozen=True)
class RatioCICheck:
    """What a printed ratio with its CI (and optionally a printed p) implies, rounding-aware.

    ``se``/``p``/``centre`` are computed from the printed digits; ``*_min``/``*_max`` are
    their ranges over every true estimate and bounds that print as the given values.
    ``centre`` is ``E / sqrt(L U)``. ``log_symmetric`` says whether 1 lies in the
    ``centre`` range; ``symmetry_can_fail`` whether that verdict could have been False
    for some other estimate printed strictly between the printed bounds at the same
    decimals (if not, the symmetry check holds by construction and is no evidence).
    ``ci_excludes_1`` holds when every reading of the printed CI excludes 1. The ``p_*``
    fields compare the printed p with ``[p_min, p_max]``: ``p_agrees_some`` when some
    reading of the rounding gives a p the printed one allows, ``p_agrees_every`` when
    all do; both are ``None`` when no p was printed.
    """

    estimate: float
    low: float
    high: float
    decimals: int
    se: float
    se_min: float
    se_max: float
    p: float
    p_min: float
    p_max: float
    centre: float
    centre_min: float
    centre_max: float
    log_symmetric: bool
    symmetry_can_fail: bool
    ci_excludes_1: bool
    p_reported: str | None
    p_agrees_some: bool | None
    p_agrees_every: bool | None


_COMPARATORS = ("=", "<", ">")


def _printed_p_window(p_value: float, p_decimals: int | None) -> tuple[float, float]:
    """The closed set of true p a printed p (comparator ``"="``) allows: its rounding interval."""
    if p_decimals is None:
        raise ValueError("p_decimals must be given with a printed p value (comparator '=')")
    return printed_interval(p_value, _validate.decimals("p_decimals", p_decimals))


def ratio_ci_check(estimate: float, low: float, high: float, decimals: int, *, p_value: float | None = None,
                   p_decimals: int | None = None, p_comparator: str = "=", level: float = 0.95) -> RatioCICheck:
    """Implied SE, Wald p range and log-symmetry verdict of a printed ratio ``estimate (low-high)``.

    Method (Altman DG, Bland JM. How to obtain the P value from a confidence interval.
    BMJ 2011;343:d2304): a model-based ratio CI is ``exp(ln E -/+ z SE)``, so
    ``SE = (ln U - ln L) / (2 z)`` (``rates.se_from_ci``), ``p = 2 (1 - Phi(|ln E| / SE))``
    (``rates.p_from_ci``), and the estimate sits at the geometric centre of its bounds,
    ``E / sqrt(L U) = 1``. Every printed number stands for its rounding interval
    (``consistency.printed_interval``; Brown & Heathers, Soc Psychol Personal Sci
    2017;8:363-369), so the SE and p are given as ranges over those intervals
    (``rates.rounding_aware_p_range``) and the symmetry verdict is whether 1 lies in
    the range of ``E / sqrt(L U)`` (``is_log_symmetric``). ``symmetry_can_fail`` asks
    the same question for every other estimate printed strictly between ``low`` and
    ``high`` at ``decimals`` places: if all of them pass too, the verdict could not have
    been False and must not be counted as a passed check.

    A printed p (``p_value`` with ``p_comparator`` ``"="`` and its ``p_decimals``, or a
    threshold ``"<"``/``">"``) is compared with ``[p_min, p_max]``: for ``"="`` the
    printed p's rounding interval must meet the range (some reading) or contain it
    (every reading); for ``"< t"`` some reading needs ``p_min < t``, every reading
    ``p_max < t`` (and symmetrically for ``">"``). ``level`` is the level the CI was
    printed at. Raises ``ValueError`` naming the argument at fault. Whether the symmetry
    check can fail is decided by the lowest and highest inner estimates alone (the passing
    estimates form an interval, ``E / sqrt(L U)`` rising with ``E``), so many decimals cost nothing.
    """
    d = _validate.decimals("decimals", decimals)
    est, lo, hi = _validate.ratio_ci(estimate, low, high)
    if p_comparator not in _COMPARATORS:
        raise ValueError(f"p_comparator must be one of {_COMPARATORS}, got {p_comparator!r}")
    se = rates.se_from_ci(lo, hi, level)
    p = rates.p_from_ci(est, lo, hi, level)
    bounds = rates.rounding_aware_p_range(est, lo, hi, d, level)
    centre_min, centre_max = centre_ratio_range(est, lo, hi, d)
    # The other estimates printable strictly between the bounds, k / 10**d for the integers k between
    # the bounds' digits (division by a power of ten gives the float that prints as that decimal).
    # E / sqrt(L U) rises with E, so the estimates that pass form an interval: some estimate fails
    # iff the lowest or the highest one does, and only those two are tried (however many lie between).
    first = int(_validate.exact_number("low", lo) * 10**d) + 1
    last = int(_validate.exact_number("high", hi) * 10**d) - 1
    inner = [k / 10**d for k in dict.fromkeys((first, last))] if first <= last else []
    can_fail = any(not is_log_symmetric(e, lo, hi, d) for e in inner)
    # A bound printed below 1 is at most 1 - 10**-d, so its whole rounding interval (half a step either
    # side) lies below 1; a bound printed at 1 or above reaches 1 (and symmetrically above 1).
    excludes_1 = hi < 1.0 or lo > 1.0
    p_text = some = every = None
    if p_value is not None:
        pv = _validate.probability("p_value", p_value)
        if p_comparator == "<":
            some, every = bounds.p_min < pv, bounds.p_max < pv
        elif p_comparator == ">":
            some, every = bounds.p_max > pv, bounds.p_min > pv
        else:
            p_range = (bounds.p_min, bounds.p_max)
            common = overlap([p_range, _printed_p_window(pv, p_decimals)])
            some, every = common is not None, common == p_range
        p_text = f"{p_comparator} {pv:g}" if p_comparator != "=" else f"{pv:.{p_decimals}f}"
    return RatioCICheck(est, lo, hi, d, se, bounds.se_min, bounds.se_max, p, bounds.p_min, bounds.p_max,
                        est / math.sqrt(lo * hi), centre_min, centre_max, centre_min <= 1.0 <= centre_max,
                        can_fail, excludes_1, p_text, some, every)
