"""Exact (Clopper-Pearson) intervals for a binomial proportion, and helpers built on them.

All functions validate their arguments (see ``analysis._validate``) and raise
``ValueError`` naming the offending argument. Counts are at most 10**15
(``SIZE_BOUNDS``): scipy's Beta quantiles take them as floats, which hold
whole numbers exactly only up to 2**53, and a larger count would reach scipy
as an integer it cannot convert.
"""

from __future__ import annotations

from dataclasses import dataclass

from scipy import special

from analysis.stats import _validate


def _counts(successes: object, n: object) -> tuple[int, int]:
    k = _validate.count("successes", successes)
    m = _validate.at_most("scipy_count", _validate.positive_count("n", n))
    _validate.not_above("successes", k, "n", m)
    return k, m


# The Beta quantile as scipy.special.betaincinv, the inverse of the regularized incomplete beta function: the same
# Boost ibeta_inv that scipy.stats.beta.ppf calls, without the generic distribution's per-call argument handling
# (a few thousand CIs in one audit).


def _upper(k: int, n: int, tail: float) -> float:
    """Exact upper bound with ``tail`` probability above it."""
    if k == n:
        return 1.0
    if k == 0:
        # Closed form of the Beta(1, n) quantile; more accurate than the generic ppf.
        return 1.0 - tail ** (1.0 / n)
    return float(special.betaincinv(k + 1, n - k, 1.0 - tail))


def _lower(k: int, n: int, tail: float) -> float:
    """Exact lower bound with ``tail`` probability below it."""
    if k == 0:
        return 0.0
    if k == n:
        return tail ** (1.0 / n)
    return float(special.betaincinv(k, n - k + 1, tail))


def exact_ci(successes: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Two-sided exact confidence interval for a binomial proportion.

    Clopper-Pearson interval: the bounds are the Beta quantiles
    ``Beta(alpha/2; k, n-k+1)`` and ``Beta(1-alpha/2; k+1, n-k)`` with
    ``alpha = 1 - level``; at ``k = 0`` the lower bound is 0 and the upper
    bound is ``1 - (alpha/2)**(1/n)``, at ``k = n`` the upper bound is 1 and
    the lower bound is ``(alpha/2)**(1/n)``.

    Reference: Clopper CJ, Pearson ES. The use of confidence or fiducial
    limits illustrated in the case of the binomial. Biometrika 1934;26:404-413.

    Returns ``(low, high)``.
    """
    k, m = _counts(successes, n)
    tail = (1.0 - _validate.level(level)) / 2.0
    return _lower(k, m, tail), _upper(k, m, tail)


def one_sided_upper(successes: int, n: int, level: float = 0.95) -> float:
    """Exact one-sided upper confidence bound for a binomial proportion.

    Clopper-Pearson bound with the whole ``1 - level`` in the upper tail:
    ``Beta(level; k+1, n-k)``; ``1 - (1-level)**(1/n)`` at ``k = 0`` and 1 at
    ``k = n``. Reference: Clopper & Pearson, Biometrika 1934;26:404-413.
    """
    k, m = _counts(successes, n)
    return _upper(k, m, 1.0 - _validate.level(level))


def one_sided_lower(successes: int, n: int, level: float = 0.95) -> float:
    """Exact one-sided lower confidence bound for a binomial proportion.

    Clopper-Pearson bound with the whole ``1 - level`` in the lower tail:
    ``Beta(1-level; k, n-k+1)``; 0 at ``k = 0`` and ``(1-level)**(1/n)`` at
    ``k = n``. Reference: Clopper & Pearson, Biometrika 1934;26:404-413.
    """
    k, m = _counts(successes, n)
    return _lower(k, m, 1.0 - _validate.level(level))


def rule_of_three(n: int) -> float:
    """Approximate one-sided 95 % upper bound for a proportion when 0 of ``n`` had the event: ``3/n``.

    It approximates the exact bound ``1 - 0.05**(1/n)`` (because
    ``-ln 0.05 = 2.996``) and is good for n above about 30.
    Reference: Hanley JA, Lippman-Hand A. If nothing goes wrong, is
    everything all right? Interpreting zero numerators. JAMA 1983;249:1743-1745.
    """
    return 3.0 / _validate.positive_count("n", n)


@dataclass(frozen=True)
class ProportionCI:
    """A proportion with its exact two-sided confidence interval."""

    estimate: float
    low: float
    high: float


@dataclass(frozen=True)
class MissingDataBounds:
    """Worst and best case for a proportion when some outcomes are missing."""

    worst: ProportionCI
    best: ProportionCI


def missing_data_bounds(
    successes: int, observed: int, total: int, level: float = 0.95
) -> MissingDataBounds:
    """Bound a proportion over every possible value of the missing outcomes.

    ``successes`` of ``observed`` subjects had the outcome; ``total - observed``
    outcomes are missing. The worst case counts every missing subject as a
    failure (``successes / total``), the best case as a success
    (``(successes + total - observed) / total``). Each comes with its exact
    Clopper-Pearson interval over ``total`` (Clopper & Pearson, Biometrika
    1934;26:404-413): the pair brackets what complete follow-up could show.
    """
    k = _validate.count("successes", successes)
    obs = _validate.count("observed", observed)
    tot = _validate.at_most("scipy_count", _validate.positive_count("total", total), "total")
    _validate.not_above("successes", k, "observed", obs)
    _validate.not_above("observed", obs, "total", tot)
    lvl = _validate.level(level)
    best_k = k + tot - obs
    return MissingDataBounds(
        worst=ProportionCI(k / tot, *exact_ci(k, tot, lvl)),
        best=ProportionCI(best_k / tot, *exact_ci(best_k, tot, lvl)),
    )
