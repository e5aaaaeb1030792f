"""Baseline tables of randomised trials: Carlisle's check of how different the arms' means are.

In a properly randomised trial the arms differ at baseline by chance alone, so the p value of each baseline
variable's difference between arms is uniform on (0, 1), and a combination of them over the variables is too.
Carlisle (Anaesthesia 2017;72:944-952) computed, for every continuous baseline variable printed as mean, SD and n
per arm, the p value of the difference between the arms' means, and combined a trial's p values into one; a
combined p near 0 says the arms differ more than randomisation gives, near 1 that they are more alike than it
gives (means too similar, as in fabricated tables).

The method as this module implements it, with where each part was read:

* Per variable, from the printed means, SDs and ns: one-way analysis of variance, ``F = [sum n_i (m_i - m)^2 /
  (k - 1)] / [sum (n_i - 1) s_i^2 / (N - k)]`` with ``m`` the n-weighted grand mean, upper tail of F(k - 1, N - k)
  (:func:`anova_from_stats`); for two arms this is Student's t-test (``scipy.stats.ttest_ind_from_stats``,
  ``F = t^2``). This is the ANOVA that the R package reappraised (Bolland et al., ``pval_cont_fn``, citing
  Carlisle 2017) fits to pseudo-data with the printed means and SDs, and that simdistr (Sousa-Pinto et al., with
  Carlisle and Loadsman as contributors, ``get_anova_p_vals``) computes from the summary statistics. scipy has no
  ANOVA from summary statistics, hence :func:`anova_from_stats`, tested against ``scipy.stats.f_oneway`` on raw
  data with the printed means and SDs and against the closed form of F(2, d2).
* Rounding: Carlisle and Loadsman (Anaesthesia 2017;72:17-27, their Appendix S1, adapted in simdistr's
  ``sim_distr``, reappraised's ``anova_fn`` and S. Shafer's Integrity Analysis) allow for the rounding of the
  printed means by Monte Carlo simulation. This module instead gives the exact range of each variable's p over
  the rounding box of the printed means and SDs (:func:`baseline_p_range`), which needs no random numbers: F
  rises with the spread of the means and falls with the SDs, which enter only the numerator and the denominator
  respectively, so its extremes over the box are the largest spread over the smallest SDs and the reverse.
* Combination: Stouffer's method, ``Z = sum_i Phi^-1(1 - p_i) / sqrt(k)``, combined ``p = 1 - Phi(Z)``
  (``scipy.stats.combine_pvalues(method="stouffer")``; Stouffer et al. 1949). Shafer's Integrity Analysis (R,
  ``P_Calc``, which cites Carlisle 2015 and 2017) combines the variables' p values with ``metap::sumz``, this
  same one-sided Stouffer combination, once for each tail; since ``Phi^-1(p) = -Phi^-1(1 - p)``, the combined p of
  the other tail is 1 minus this one, so a single combined p says both: near 0 too different, near 1 too similar.
  Implementations differ in which tail they print (an R ``carlisle()`` of the RIVETS tools, which also combines
  each p's range over the rounding, prints ``1 - Phi(sum Phi^-1(p_i) / sqrt(k))``, 1 minus this one); a verdict
  that looks at both tails alike does not depend on the convention.

Every size is bounded before the work starts (``SIZE_BOUNDS``: ``baseline.arms``, ``baseline.variables``).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

from analysis.stats import _validate

Interval = tuple[float, float]

# p values are kept within what a double holds before Stouffer's z is taken, so that a p of exactly 0 or 1 (an
# F at its limit, or a tail that rounds) gives a finite z and no sum of +inf and -inf.
_SMALLEST_P = np.finfo(float).tiny
_LARGEST_P = 1.0 - np.finfo(float).eps


@dataclass(frozen=True)
class Anova:
    """One-way ANOVA of k arms from their summary statistics: ``F`` on ``(df_between, df_within)``, its p."""

    statistic: float
    pvalue: float
    df_between: int
    df_within: int


def _arms(means: Sequence, sds: Sequence, ns: Sequence) -> int:
    """The number of arms, checked: three sequences of one length, at least 2 and at most the bound."""
    lengths = {name: len(value) for name, value in (("means", means), ("sds", sds), ("ns", ns))}
    if len(set(lengths.values())) != 1:
        raise ValueError(f"means, sds and ns must have one entry per arm, got lengths {lengths}")
    arms = _validate.at_most("baseline.arms", lengths["means"])
    if arms < 2:
        raise ValueError(f"means must hold at least 2 arms, got {arms}")
    return arms


def _counts(ns: Sequence, arms: int) -> list[int]:
    counts = [_validate.positive_count(f"ns[{i}]", n) for i, n in enumerate(ns)]
    for i, n in enumerate(counts):
        _validate.at_most("scipy_count", n, f"ns[{i}]")
    if sum(counts) - arms < 1:
        raise ValueError(f"ns must leave at least 1 degree of freedom within arms (sum of ns minus arms), got {ns!r}")
    return counts


def _square(x: float) -> float:
    """``x * x``: a float product past the largest double is inf, where Python's ``x ** 2`` raises OverflowError
    (means of 1e160 are finite, so a values file may print them)."""
    return x * x


def _between(means: Sequence[float], counts: Sequence[int]) -> float:
    """``sum n_i (m_i - m)^2``, ``m`` the n-weighted mean of the means."""
    grand = sum(n * m for n, m in zip(counts, means)) / sum(counts)
    return sum(n * _square(m - grand) for n, m in zip(counts, means))


def _within(sds: Sequence[float], counts: Sequence[int]) -> float:
    """``sum (n_i - 1) s_i^2``."""
    return sum((n - 1) * _square(s) for n, s in zip(counts, sds))


def _p_of_f(between: float, within: float, arms: int, total: int) -> float:
    df_between, df_within = arms - 1, total - arms
    return float(stats.f.sf((between / df_between) / (within / df_within), df_between, df_within))


def anova_from_stats(means: Sequence[float], sds: Sequence[float], ns: Sequence[int]) -> Anova:
    """One-way analysis of variance of k arms from each arm's mean, SD and n (Fisher's F test, equal variances).

    ``F = [sum n_i (m_i - m)^2 / (k - 1)] / [sum (n_i - 1) s_i^2 / (N - k)]``, ``m`` the n-weighted grand mean and
    ``N = sum n_i``; p is the upper tail of the F distribution with ``(k - 1, N - k)`` degrees of freedom
    (``scipy.stats.f.sf``). It equals ``scipy.stats.f_oneway`` on any raw data with these means, SDs (n - 1
    denominator) and ns, and for two arms Student's t-test (``F = t^2``). scipy has no ANOVA from summary statistics.

    Raises ``ValueError`` naming the argument: lengths differ, fewer than 2 or more arms than ``baseline.arms``
    allows, an n below 1, no degree of freedom within arms, a mean that is not finite or an SD that is not positive.
    """
    arms = _arms(means, sds, ns)
    counts = _counts(ns, arms)
    m = [_validate.real(f"means[{i}]", value) for i, value in enumerate(means)]
    s = [_validate.positive(f"sds[{i}]", value) for i, value in enumerate(sds)]
    between, within, total = _between(m, counts), _within(s, counts), sum(counts)
    statistic = (between / (arms - 1)) / (within / (total - arms))
    return Anova(float(statistic), _p_of_f(between, within, arms, total), arms - 1, total - arms)


def baseline_p(means: Sequence[float], sds: Sequence[float], ns: Sequence[int]) -> float:
    """The p value of one baseline variable's difference between arms, from the printed means, SDs and ns.

    Two arms: Student's two-sided t-test (``scipy.stats.ttest_ind_from_stats``, ``equal_var=True``); more arms:
    one-way ANOVA (:func:`anova_from_stats`). The two agree for two arms (``F = t^2``). Checks as for
    :func:`anova_from_stats`.
    """
    arms = _arms(means, sds, ns)
    if arms > 2:
        return anova_from_stats(means, sds, ns).pvalue
    counts = _counts(ns, arms)
    m = [_validate.real(f"means[{i}]", value) for i, value in enumerate(means)]
    s = [_validate.positive(f"sds[{i}]", value) for i, value in enumerate(sds)]
    with np.errstate(over="ignore", invalid="ignore"):  # means past what a double holds give p nan, said by callers
        result = stats.ttest_ind_from_stats(m[0], s[0], counts[0], m[1], s[1], counts[1], equal_var=True)
    return float(result.pvalue)


def _least_spread(means: Sequence[Interval], counts: Sequence[int]) -> float:
    """The smallest ``sum n_i (m_i - m)^2`` with each ``m_i`` in its interval, exactly.

    It equals ``min_c sum n_i d(c, [lo_i, hi_i])^2`` (for fixed means the weighted sum of squares about ``c`` is least
    at ``c = m``, and for fixed ``c`` each mean is best at the point of its interval nearest ``c``). That function of
    ``c`` is convex and quadratic between consecutive interval ends, so its minimum is at the stationary point of
    one piece (clipped to the piece) or at an end.
    """
    ends = sorted({end for interval in means for end in interval})
    candidates = list(ends)
    for left, right in zip(ends, ends[1:]):
        middle = (left + right) / 2
        # On (left, right) each interval is wholly below c, wholly above, or holds c (distance 0).
        pulls = [(n, hi if hi <= middle else lo) for n, (lo, hi) in zip(counts, means) if not lo <= middle <= hi]
        if pulls:
            stationary = sum(n * end for n, end in pulls) / sum(n for n, _ in pulls)
            candidates.append(min(max(stationary, left), right))

    def cost(c: float) -> float:
        return sum(n * _square(max(lo - c, 0.0, c - hi)) for n, (lo, hi) in zip(counts, means))

    return min(cost(c) for c in candidates)


def _most_spread(means: Sequence[Interval], counts: Sequence[int]) -> float:
    """The largest ``sum n_i (m_i - m)^2`` with each ``m_i`` in its interval: a convex function of the means, so
    largest at one of the ``2**k`` corners of the box (``k`` bounded by ``baseline.arms``)."""
    corners = np.array(list(itertools.product(*means)), dtype=float)
    weights = np.asarray(counts, dtype=float)
    with np.errstate(over="ignore"):  # a spread past the largest double is inf, as for _square
        grand = corners @ weights / weights.sum()
        return float((((corners - grand[:, None]) ** 2) @ weights).max())


def baseline_p_range(means: Sequence[Interval], sds: Sequence[Interval], ns: Sequence[int]) -> Interval:
    """The exact range of one baseline variable's p value (:func:`baseline_p`) over the rounding of the printed
    means and SDs: each mean and SD is an interval ``(low, high)`` (``consistency.printed_interval``), each n exact.

    F's numerator depends on the means only and rises with their spread ``sum n_i (m_i - m)^2``; its denominator
    depends on the SDs only and rises with each SD. So the smallest p is at the largest spread (a corner of the
    means' box) over the smallest SDs, the largest p at the least spread (zero when one value lies in every mean's
    interval, where p is 1) over the largest SDs. For two arms this is the range of Student's t-test over the box.

    Raises ``ValueError`` naming the argument, as :func:`anova_from_stats` (an SD interval must be positive).
    """
    arms = _arms(means, sds, ns)
    counts = _counts(ns, arms)
    mean_boxes = [_validate.interval(f"means[{i}]", value) for i, value in enumerate(means)]
    sd_boxes = [_validate.interval(f"sds[{i}]", value, _validate.positive) for i, value in enumerate(sds)]
    total = sum(counts)
    low = _p_of_f(_most_spread(mean_boxes, counts), _within([lo for lo, _ in sd_boxes], counts), arms, total)
    high = _p_of_f(_least_spread(mean_boxes, counts), _within([hi for _, hi in sd_boxes], counts), arms, total)
    return low, high


def stouffer_combined_p(p_values: Sequence[float]) -> float:
    """Stouffer's combination of independent one-sided p values: ``Z = sum Phi^-1(1 - p_i) / sqrt(k)``, combined
    ``p = 1 - Phi(Z)`` (``scipy.stats.combine_pvalues(method="stouffer")``; Stouffer SA et al., The American
    Soldier, vol. 1, Princeton 1949). The combined p rises with every p_i, so over intervals of the p_i its range
    is the combination of the lows to that of the highs.

    Each p is first kept within ``[2.2e-308, 1 - 2.2e-16]`` (what a double holds), so that a p of 0 or 1 gives a
    finite z. Raises ``ValueError`` naming the argument: no p, more than ``baseline.variables`` allows, or a p
    outside [0, 1].
    """
    count = _validate.at_most("baseline.variables", len(p_values))
    if count < 1:
        raise ValueError("p_values must hold at least one p value")
    checked = [_validate.probability(f"p_values[{i}]", p) for i, p in enumerate(p_values)]
    clipped = np.clip(np.asarray(checked, dtype=float), _SMALLEST_P, _LARGEST_P)
    return float(stats.combine_pvalues(clipped, method="stouffer").pvalue)

