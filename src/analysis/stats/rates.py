"""Poisson rates, rate ratios, and moving between ratio estimates, confidence intervals and p values.

All functions validate their arguments (see ``analysis._validate``) and raise
``ValueError`` naming the offending argument. Event counts are at most 10**15
(``SIZE_BOUNDS``), as scipy takes them as floats.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import special, stats

from analysis.stats import _validate
from analysis.stats.consistency import printed_interval
from analysis.stats.proportions import exact_ci


def z_value(level: float = 0.95) -> float:
    """Two-sided standard normal quantile ``Phi^-1(1 - (1 - level) / 2)`` (1.959964 at 95 %).

    The multiplier of the SE in a Wald interval ``estimate -/+ z SE`` (``scipy.stats.norm.isf``).
    """
    return _z(_validate.level(level))


@lru_cache(maxsize=64)  # the audit asks for the same level thousands of times; scipy's call is the cost
def _z(level: float) -> float:
    return float(stats.norm.isf((1.0 - level) / 2.0))


def poisson_ci(events: int, exposure: float, level: float = 0.95) -> tuple[float, float, float]:
    """Event rate with its exact (Garwood) confidence interval.

    ``rate = events / exposure``; the bounds are chi-square quantiles,
    ``chi2(alpha/2; 2k) / 2 / exposure`` and ``chi2(1-alpha/2; 2k+2) / 2 / exposure``
    with ``alpha = 1 - level``; the lower bound is 0 when there are no events.
    Reference: Garwood F. Fiducial limits for the Poisson distribution.
    Biometrika 1936;28:437-442.

    Returns ``(rate, low, high)`` in events per unit of ``exposure``.
    """
    k = _validate.at_most("scipy_count", _validate.count("events", events), "events")
    t = _validate.positive("exposure", exposure)
    alpha = 1.0 - _validate.level(level)
    low = 0.0 if k == 0 else float(stats.chi2.ppf(alpha / 2.0, 2 * k)) / 2.0 / t
    high = float(stats.chi2.isf(alpha / 2.0, 2 * k + 2)) / 2.0 / t
    return k / t, low, high


def rate_ratio(
    events_a: int, exposure_a: float, events_b: int, exposure_b: float, level: float = 0.95
) -> tuple[float, float, float, float]:
    """Ratio of rate a to rate b with exact conditional CI and test.

    Conditional on the total ``events_a + events_b``, ``events_a`` is binomial
    with ``pi = exposure_a * ratio / (exposure_a * ratio + exposure_b)``. The
    CI is the Clopper-Pearson interval for ``pi`` mapped to the ratio scale
    by ``pi / (1 - pi) * exposure_b / exposure_a``. The p value is the
    two-sided exact binomial test of ``pi = exposure_a / (exposure_a +
    exposure_b)`` (equal rates) from ``scipy.stats.binomtest``, which sums the
    probabilities of all outcomes no more likely than the one observed; this
    is what ``statsmodels.stats.rates.test_poisson_2indep(method='exact-cond')``
    and R's ``poisson.test`` report.

    Zero counts: ``events_a = 0`` gives ratio 0 and low 0; ``events_b = 0``
    gives ratio inf and high inf; the other bound and the p value stay finite
    and informative. No events in either group carries no information on the
    ratio and raises ``ValueError``.

    References: Clopper & Pearson, Biometrika 1934;26:404-413; Breslow NE,
    Day NE. Statistical Methods in Cancer Research, Vol. II. IARC 1987,
    section 2.3 (conditional inference for two Poisson rates).

    Returns ``(ratio, low, high, p)``.
    """
    a = _validate.count("events_a", events_a)
    ta = _validate.positive("exposure_a", exposure_a)
    b = _validate.count("events_b", events_b)
    tb = _validate.positive("exposure_b", exposure_b)
    lvl = _validate.level(level)
    total = _validate.at_most("scipy_count", a + b, "events_a + events_b")
    if total == 0:
        raise ValueError("events_a and events_b are both 0: the rate ratio is undefined")
    pi_low, pi_high = exact_ci(a, total, lvl)

    def to_ratio(pi: float) -> float:
        return math.inf if pi == 1.0 else pi / (1.0 - pi) * tb / ta

    ratio = math.inf if b == 0 else (a / ta) / (b / tb)
    p = float(stats.binomtest(a, total, ta / (ta + tb), alternative="two-sided").pvalue)
    return ratio, to_ratio(pi_low), to_ratio(pi_high), p


def se_from_ci(low: float, high: float, level: float = 0.95) -> float:
    """Standard error of the log estimate implied by a ratio CI symmetric on the log scale.

    ``SE = (ln high - ln low) / (2 z)`` with ``z`` the ``1 - (1-level)/2``
    normal quantile (1.959964 at 95 %). Reference: Altman DG, Bland JM. How
    to obtain the P value from a confidence interval. BMJ 2011;343:d2304.
    """
    lo, hi = _validate.ratio_bounds(low, high)
    return (math.log(hi) - math.log(lo)) / (2.0 * z_value(level))


def p_from_ci(estimate: float, low: float, high: float, level: float = 0.95) -> float:
    """Two-sided p value implied by a ratio estimate and its CI (Wald test on the log scale).

    ``z = |ln estimate| / SE`` with ``SE`` from ``se_from_ci``, and
    ``p = 2 (1 - Phi(z))``, computed with the normal survival function so
    small p values keep their precision. The estimate must lie within the CI.
    Reference: Altman DG, Bland JM. How to obtain the P value from a
    confidence interval. BMJ 2011;343:d2304.
    """
    est, lo, hi = _validate.ratio_ci(estimate, low, high)
    se = se_from_ci(lo, hi, level)
    return float(2.0 * special.ndtr(-abs(math.log(est)) / se))  # norm.sf(x) is ndtr(-x), without its overhead


def se_from_p(estimate: float, p: float) -> float:
    """Standard error of the log estimate implied by a ratio estimate and its two-sided p value.

    Wald test on the log scale: ``z_p = Phi^-1(1 - p/2)`` (``scipy.stats.norm.isf(p / 2)``)
    and ``SE = |ln estimate| / z_p``. An estimate of exactly 1 says nothing about
    the SE and is rejected, as are ``p`` of 0 or 1. Reference: Altman DG, Bland JM.
    How to obtain the confidence interval from a P value. BMJ 2011;343:d2090.
    """
    est = _validate.positive("estimate", estimate)
    if est == 1.0:
        raise ValueError("estimate must differ from 1: a null estimate carries no standard error")
    p_value = _validate.probability_open("p", p)
    return abs(math.log(est)) / float(-special.ndtri(p_value / 2.0))  # norm.isf(q) is -ndtri(q)


def ci_from_p(estimate: float, p: float, level: float = 0.95) -> tuple[float, float]:
    """Ratio CI implied by an estimate and its two-sided p value (Wald test on the log scale).

    ``SE`` from ``se_from_p`` (``|ln estimate| / Phi^-1(1 - p/2)``) and
    ``CI = exp(ln estimate -/+ z_level * SE)``. An estimate of exactly 1
    says nothing about the SE and is rejected, as are ``p`` of 0 or 1.
    Reference: Altman DG, Bland JM. How to obtain the confidence interval
    from a P value. BMJ 2011;343:d2090.

    Returns ``(low, high)``.
    """
    se = se_from_p(estimate, p)
    z_level = z_value(level)
    est = float(estimate)
    return math.exp(math.log(est) - z_level * se), math.exp(math.log(est) + z_level * se)


@dataclass(frozen=True)
class PRange:
    """Range of the implied p value and log-scale SE over all true values behind printed ones."""

    p_min: float
    p_max: float
    se_min: float
    se_max: float


def _log_interval(name: str, value: float, decimals: int) -> tuple[float, float]:
    low, high = printed_interval(value, decimals, positive=True, name=name)
    return math.log(low), math.log(high)


def _constraints(sign: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The left-hand sides of ``_vertices``' nine constraints ``a x <= b`` (box, ``L <= E <= U``, the side
    of ``E = 0``), the 3x3 systems of the triples whose planes meet in one point, and those triples.

    They do not depend on the box, so they are made once per side. Entries are 0 and +-1, so each
    determinant is a whole number: 0 when the three planes do not meet in one point."""
    rows = []
    for unit in np.eye(3):
        rows += [-unit, unit]
    rows += [np.array([-1.0, 1.0, 0.0]), np.array([1.0, 0.0, -1.0]), np.array([-sign, 0.0, 0.0])]
    a = np.array(rows)
    triples = np.array(list(itertools.combinations(range(len(rows)), 3)))
    meeting = np.abs(np.linalg.det(a[triples])) > 0.5
    return a, a[triples[meeting]], triples[meeting]


_CONSTRAINTS = {sign: _constraints(sign) for sign in (1, -1)}


def _vertices(box: list[tuple[float, float]], sign: int) -> list[np.ndarray]:
    """Vertices of {x = (E, L, U) in box, L <= E <= U, sign * E >= 0} by brute force over tight constraint triples
    (all triples solved in one call)."""
    a, systems, triples = _CONSTRAINTS[sign]
    b = np.array([bound for lo, hi in box for bound in (-lo, hi)] + [0.0, 0.0, 0.0])
    points = np.linalg.solve(systems, b[triples][..., None])[..., 0]
    inside = np.all(points @ a.T <= b + 1e-12, axis=1)
    return list(points[inside])


def rounding_aware_p_range(
    estimate: float, low: float, high: float, decimals: int, level: float = 0.95
) -> PRange:
    """Range of the implied p value (and SE) over every estimate/CI that prints as the given values.

    Each printed value ``v`` stands for a true value in ``[v - h, v + h]``,
    ``h = 0.5 * 10**-decimals`` (``consistency.printed_interval``; ends
    included, so the result is the infimum/supremum), e.g. 0.02 (0.01-0.04)
    at 2 decimals: estimate in [0.015, 0.025], low in [0.005, 0.015], high
    in [0.035, 0.045]. The true values must also satisfy
    ``low <= estimate <= high``. For each combination ``SE`` and ``p`` follow
    ``se_from_ci`` and ``p_from_ci`` (Altman & Bland, BMJ 2011;343:d2304).

    Why vertices suffice: on the log scale ``(E, L, U)`` the test statistic
    is ``|E| * 2z / (U - L)``. On each side of ``E = 0`` this is a ratio of
    linear functions, hence quasi-linear, so its extremes over a polytope
    lie at vertices; and it is monotone in each coordinate (rising with
    ``|E|`` and ``L``, falling with ``U``). Without the ordering constraint
    the vertices are the 8 corners of the box; ``L <= E <= U`` can cut some
    corners off, and an estimate interval containing 1 adds vertices at
    ``E = 0`` (where p = 1). All vertices of the clipped box, split at
    ``E = 0``, are enumerated. SE is linear, so its range comes from the
    same vertices. When the box allows ``low = high`` the infimum of SE is 0
    and, for an estimate away from 1, the infimum of p is 0.

    Raises ``ValueError`` if a printed value may be 0 (log unbounded), if no
    true values satisfy ``low <= estimate <= high``, or if the printed values
    allow a zero-width CI at exactly 1 (p undetermined there).
    """
    d = _validate.decimals("decimals", decimals)
    z = z_value(level)
    box = [_log_interval(name, value, d) for name, value in (("estimate", estimate), ("low", low), ("high", high))]
    vertices = _vertices(box, 1) + _vertices(box, -1)
    if not vertices:
        raise ValueError(
            f"estimate {estimate!r} cannot lie within [low, high] = [{low!r}, {high!r}] at {decimals} decimals"
        )
    estimates, lows, highs = np.array(vertices).T
    widths = np.maximum(highs - lows, 0.0)
    flat = widths <= 1e-12
    if np.any(flat & (np.abs(estimates) <= 1e-12)):
        raise ValueError("the printed values allow a zero-width CI at 1: the p value is undetermined")
    ses = np.where(flat, 0.0, widths / (2.0 * z))
    # One survival-function call for every vertex; a zero-width CI away from 1 gives p = 0.
    ps = np.where(flat, 0.0, 2.0 * special.ndtr(-np.abs(estimates) / np.where(flat, 1.0, ses)))  # norm.sf
    return PRange(p_min=float(ps.min()), p_max=float(ps.max()), se_min=float(ses.min()), se_max=float(ses.max()))


@dataclass(frozen=True)
class Indirect:
    """An adjusted indirect comparison ``A vs B`` through a common comparator ``C``."""

    ratio: float
    se: float
    low: float
    high: float
    p: float


def bucher_indirect(ratio_ac: float, se_ac: float, ratio_bc: float, se_bc: float, level: float = 0.95) -> Indirect:
    """Adjusted indirect comparison of A with B through a common comparator C (Bucher's method).

    ``ln R_AB = ln R_AC - ln R_BC`` and, the two estimates being independent,
    ``SE_AB = sqrt(SE_AC**2 + SE_BC**2)``; the CI is ``exp(ln R_AB -/+ z SE_AB)`` and
    ``p = 2 (1 - Phi(|ln R_AB| / SE_AB))``. Reference: Bucher HC, Guyatt GH, Griffith LE,
    Walter SD. The results of direct and indirect treatment comparisons in meta-analysis
    of randomized controlled trials. J Clin Epidemiol 1997;50:683-691. The independence
    is an assumption: when both ratios come from the same patients (a shared reference
    period) their estimates are correlated, and the SE is then off in either direction.
    """
    r_ac = _validate.positive("ratio_ac", ratio_ac)
    r_bc = _validate.positive("ratio_bc", ratio_bc)
    s_ac = _validate.positive("se_ac", se_ac)
    s_bc = _validate.positive("se_bc", se_bc)
    log_ratio = math.log(r_ac) - math.log(r_bc)
    se = math.hypot(s_ac, s_bc)
    z = z_value(level)
    p = float(2.0 * stats.norm.sf(abs(log_ratio) / se))
    return Indirect(math.exp(log_ratio), se, math.exp(log_ratio - z * se), math.exp(log_ratio + z * se), p)


def events_from_log_hr_se(se: float) -> float:
    """Approximate number of events behind a hazard ratio from the SE of its log: ``d ~ 4 / SE**2``.

    Under 1:1 allocation and few ties, ``var(ln HR) ~ 4 / d`` with ``d`` the total number
    of events (Tierney JF, Stewart LA, Ghersi D, Burdett S, Sydes MR. Practical methods
    for incorporating summary time-to-event data into meta-analysis. Trials 2007;8:16;
    the log-rank variance ``d / 4`` of Peto's method). With unequal allocation ``p : 1 - p``
    the variance is about ``1 / (d p (1 - p)) >= 4 / d``, so ``4 / SE**2`` is then the
    smallest event count: read the result as approximate, and as a lower bound.
    """
    return 4.0 / _validate.positive("se", se) ** 2
