"""What a two-group comparison of a given size can show: attainable p values and power.

Four questions, each answered with scipy or statsmodels:

* :func:`min_rank_test_p`: the smallest p value an exact Mann-Whitney (Wilcoxon
  rank-sum) test can return for groups of ``n1`` and ``n2``, whatever the data.
  Under the null hypothesis every one of the ``C(n1 + n2, n1)`` ways of assigning
  ranks to the first group is equally likely; the most extreme assignment (the
  first group holds the ``n1`` highest values) has probability ``1 / C(n1 + n2, n1)``
  and the two-sided p value doubles it. Computed by scipy on that arrangement.
  With ``method="asymptotic"`` the same arrangement gives the smallest p of the
  normal approximation to the test, which is not bound by the exact floor.
* :func:`attainable_rank_test_p`: every p value such a test can return at all for
  groups of ``n1`` and ``n2`` (no ties): one per value of the U statistic.
* :func:`t_test_power` and :func:`minimum_detectable_effect`: power of the
  two-sample t test for a standardised difference (Cohen's d), from statsmodels'
  ``TTestIndPower`` (noncentral t distribution).
* :func:`rank_test_power`: power of the exact Mann-Whitney test when the data are
  normal with a location shift of ``d`` standard deviations, by seeded Monte Carlo
  (no closed form exists for finite samples).

References: Mann HB, Whitney DR. On a test of whether one of two random variables is
stochastically larger than the other. Ann Math Stat 1947;18:50-60. Hollander M,
Wolfe DA, Chicken E. Nonparametric Statistical Methods, 3rd ed. Wiley 2014, ch. 4.
Cohen J. Statistical Power Analysis for the Behavioral Sciences, 2nd ed. 1988, ch. 2.
"""

from __future__ import annotations

import numpy as np
from scipy import stats
from statsmodels.stats.power import TTestIndPower

from analysis.stats import _validate

ALTERNATIVES = ("two-sided", "greater", "less")


# statsmodels' names for the one-sided alternatives (TTestIndPower), used only internally.
_STATSMODELS_ALTERNATIVE = {"two-sided": "two-sided", "greater": "larger", "less": "smaller"}


def _sizes(n1: object, n2: object) -> tuple[int, int]:
    return _validate.positive_count("n1", n1), _validate.positive_count("n2", n2)


def _rank_test_options(alternative: object, method: object, use_continuity: object) -> bool:
    """Check the Mann-Whitney options shared by the functions below; return ``use_continuity`` as a bool."""
    _validate.choice("alternative", alternative, ALTERNATIVES)
    _validate.choice("method", method, ("exact", "asymptotic"))
    return _validate.boolean("use_continuity", use_continuity)


def min_rank_test_p(n1: int, n2: int, alternative: str = "two-sided", method: str = "exact",
                    use_continuity: bool = True) -> float:
    """Smallest p value a Mann-Whitney test can give for groups of ``n1`` and ``n2``.

    Method: scipy's Mann-Whitney test (``scipy.stats.mannwhitneyu``) applied to the
    most extreme possible data, group 1 holding the ``n1`` highest of ``n1 + n2``
    distinct values (for ``alternative="less"``, the lowest).

    * ``method="exact"`` (default): no data set can give a smaller p, because the
      exact null distribution of U puts probability ``1 / C(n1 + n2, n1)`` on each
      extreme and the p value is a tail sum of it. Closed form: ``1 / C(n1 + n2, n1)``
      one-sided, twice that two-sided (capped at 1). Ties can only make p larger.
    * ``method="asymptotic"``: the normal approximation, ``z = (U - n1 n2 / 2 - c) /
      sqrt(n1 n2 (n1 + n2 + 1) / 12)`` with ``U = n1 n2`` and continuity correction
      ``c = 0.5`` if ``use_continuity`` (else 0); p is the normal tail of z (doubled
      two-sided). z grows with U, so the extreme arrangement again gives the smallest p.
      For small groups this p can fall below the exact floor, which is why a printed p
      below that floor points to an approximate (or a different) test.

    ``n1 + n2`` is at most 1,000,000 (``SIZE_BOUNDS``).
    Reference: Mann & Whitney, Ann Math Stat 1947;18:50-60; Hollander, Wolfe &
    Chicken, Nonparametric Statistical Methods, 3rd ed. 2014, sec. 4.1 (large-sample
    approximation).
    """
    a, b = _sizes(n1, n2)
    continuity = _rank_test_options(alternative, method, use_continuity)
    _validate.at_most("rank_test_values", a + b)
    values = np.arange(a + b)
    if alternative == "less":
        first, second = values[:a], values[a:]
    else:
        first, second = values[b:], values[:b]
    return float(stats.mannwhitneyu(first, second, alternative=alternative, method=method,
                                    use_continuity=continuity).pvalue)


def attainable_rank_test_p(n1: int, n2: int, alternative: str = "two-sided", method: str = "exact",
                           use_continuity: bool = True) -> np.ndarray:
    """Every distinct p value a Mann-Whitney test can return for groups of ``n1`` and ``n2`` (no ties), ascending.

    Method: without ties the p value depends on the data only through the
    Mann-Whitney statistic U of group 1 (the number of pairs in which the group-1
    value is the larger), which takes every integer value from 0 to ``n1 n2``. One
    arrangement per U is built by starting from group 1 holding the lowest ranks
    (U = 0) and repeatedly swapping a group-1 rank with the group-2 rank just above
    it (each swap raises U by exactly 1); scipy's ``mannwhitneyu`` (``method``,
    ``alternative``, ``use_continuity`` as there) gives the p of each arrangement.
    The smallest element equals :func:`min_rank_test_p`. Ties in the data can only
    add further values between these. At most 2,000,000 ranks in all,
    ``(n1 n2 + 1) (n1 + n2)`` (``SIZE_BOUNDS``), checked before any arrangement is built.
    Reference: Mann & Whitney, Ann Math Stat 1947;18:50-60; Hollander, Wolfe &
    Chicken, Nonparametric Statistical Methods, 3rd ed. 2014, sec. 4.1.
    """
    a, b = _sizes(n1, n2)
    continuity = _rank_test_options(alternative, method, use_continuity)
    _validate.at_most("attainable_rank_test_p", (a * b + 1) * (a + b))
    labels = [True] * a + [False] * b  # in rank order, lowest first: group 1 holds the lowest ranks, U = 0
    arrangements = [list(labels)]
    while True:
        # The highest group-1 position with a group-2 position just above it.
        swap = next((i for i in range(a + b - 2, -1, -1) if labels[i] and not labels[i + 1]), None)
        if swap is None:
            break
        labels[swap], labels[swap + 1] = False, True
        arrangements.append(list(labels))
    ranks = np.arange(1, a + b + 1)
    first = np.array([ranks[np.array(row)] for row in arrangements])
    second = np.array([ranks[~np.array(row)] for row in arrangements])
    p = stats.mannwhitneyu(first, second, axis=1, alternative=alternative, method=method,
                           use_continuity=continuity).pvalue
    p = np.sort(p)
    # U and n1 n2 - U give the same two-sided p up to floating-point noise: keep one of each.
    keep = np.concatenate(([True], ~np.isclose(p[1:], p[:-1], rtol=1e-12, atol=0.0)))
    return p[keep]


def t_test_power(d: float, n1: int, n2: int, alpha: float = 0.05, alternative: str = "two-sided") -> float:
    """Power of the two-sample (pooled-variance) t test to detect a standardised difference ``d``.

    Method: statsmodels ``TTestIndPower().power`` (noncentral t distribution with
    ``n1 + n2 - 2`` degrees of freedom and noncentrality ``d * sqrt(n1 n2 / (n1 + n2))``).
    ``alternative`` is ``"two-sided"``, ``"greater"`` (group 1 larger by ``d``) or
    ``"less"``, as in the rest of this module (statsmodels calls the one-sided ones
    ``"larger"`` and ``"smaller"``).
    Reference: Cohen, Statistical Power Analysis, 2nd ed. 1988, ch. 2.
    """
    a, b = _sizes(n1, n2)
    level = _validate.probability_open("alpha", alpha)
    _validate.choice("alternative", alternative, ALTERNATIVES)
    return float(TTestIndPower().power(effect_size=_validate.real("d", d), nobs1=a, ratio=b / a, alpha=level,
                                       alternative=_STATSMODELS_ALTERNATIVE[alternative]))


def minimum_detectable_effect(n1: int, n2: int, alpha: float = 0.05, power: float = 0.8) -> float:
    """Smallest Cohen's d a two-sided two-sample t test detects with the given power.

    Method: statsmodels ``TTestIndPower().solve_power`` solving
    ``power(d) = power`` for d > 0 (root finding on the noncentral t power).
    Reference: Cohen, Statistical Power Analysis, 2nd ed. 1988, ch. 2.
    """
    a, b = _sizes(n1, n2)
    if a + b < 3:
        raise ValueError(f"n1 + n2 must be at least 3 for a t test, got {a + b}")
    level = _validate.probability_open("alpha", alpha)
    target = _validate.probability_open("power", power)
    if target <= level:
        raise ValueError(f"power must exceed alpha ({level}), got {power!r}")
    # statsmodels solves for the one argument left out (effect_size); its alternative defaults to two-sided.
    d = float(TTestIndPower().solve_power(nobs1=a, ratio=b / a, alpha=level, power=target))
    # statsmodels returns its last iterate, with only a warning, when the root finding fails (with 1 df
    # scipy's noncentral t gives nan at large noncentrality): never return a d that misses the power.
    reached = TTestIndPower().power(effect_size=d, nobs1=a, ratio=b / a, alpha=level)
    if not abs(reached - target) <= 1e-6:
        raise ValueError(f"no d found with power {target} for n1 = {a}, n2 = {b} (the solver reached power "
                         f"{reached:.4g} at d = {d:.4g})")
    return d


def rank_test_power(effect_sizes, n1: int, n2: int, alpha: float = 0.05, n_sim: int = 4000,
                    seed: int = 0) -> np.ndarray:
    """Monte Carlo power of the two-sided exact Mann-Whitney test under a normal location shift.

    Method: draw ``n_sim`` data sets of ``n1 + n2`` independent standard normal values
    (``numpy.random.default_rng(seed)``), add ``d`` to the first ``n1`` of each, run
    scipy's exact test on all data sets at once (``mannwhitneyu(..., axis=1,
    method="exact")``) and count p <= ``alpha``. The same draws are reused for every
    ``d`` (common random numbers), so the curve is smooth and monotone in ``d`` up to
    the test's discreteness, and the result depends only on the arguments.
    Monte Carlo standard error: ``sqrt(power (1 - power) / n_sim)``. Bounded before any draw
    (``SIZE_BOUNDS``): ``n_sim (n1 + n2)`` at most 1,000,000 values, and that times the number
    of effect sizes at most 5,000,000.
    Reference: Hollander, Wolfe & Chicken, Nonparametric Statistical Methods, 3rd ed.
    2014, sec. 4.1; Mann & Whitney 1947.
    """
    a, b = _sizes(n1, n2)
    level = _validate.probability_open("alpha", alpha)
    sims = _validate.positive_count("n_sim", n_sim)
    _validate.at_most("rank_test_power.draws", sims * (a + b))
    grid = np.atleast_1d(np.asarray(effect_sizes, dtype=float))
    if grid.ndim != 1 or not np.all(np.isfinite(grid)):
        raise ValueError("effect_sizes must be a finite number or a one-dimensional sequence of them")
    _validate.at_most("rank_test_power.tests", grid.size * sims * (a + b))
    rng = np.random.default_rng(_validate.count("seed", seed))
    draws = rng.standard_normal((sims, a + b))
    out = np.empty(grid.size)
    for i, d in enumerate(grid):
        p = stats.mannwhitneyu(draws[:, :a] + d, draws[:, a:], axis=1, method="exact").pvalue
        out[i] = np.mean(p <= level)
    return out
