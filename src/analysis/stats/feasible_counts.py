"""Every set of group counts consistent with printed percentages and a printed chi-squared p value.

A paper prints, per group, the share with an outcome (``84.6 %``) and one chi-squared p
value across the groups, but not the counts. GRIM-style reasoning (Brown NJL, Heathers
JAJ. The GRIM test. Soc Psychol Personal Sci 2017;8:363-369) lists every ``(k, n)`` whose
``100 k / n`` prints as each percentage (``consistency.grim_counts``); this module keeps
the combinations across groups whose Pearson chi-squared test (uncorrected by default;
Yates-corrected on request for two groups) of the
``r x 2`` table also prints as the reported p. The result is a *set of feasible tables*, none of which
is known to be the data.

The statistic is evaluated for all combinations at once by numpy broadcasting, one
array axis per group, so tens of thousands of candidate tables take milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from analysis.stats import _validate
from analysis.stats.consistency import grim_counts, grim_pair_count, printed_interval


def chi2_rx2(k: np.ndarray, n: np.ndarray, *, correction: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Pearson chi-squared statistic and p value of ``r x 2`` tables, vectorised.

    ``k`` and ``n`` broadcast together; their LAST axis runs over the ``r`` groups
    (group ``i`` has ``k_i`` with the outcome out of ``n_i``). With pooled share
    ``P = sum k / sum n`` the statistic is
    ``X2 = sum_i (k_i - n_i P)**2 / (n_i P (1 - P))``, the usual
    ``sum (O - E)**2 / E`` over both columns of the table, and ``p`` is the upper
    tail of chi-squared with ``r - 1`` degrees of freedom (``scipy.stats.chi2.sf``).
    This is the uncorrected Pearson statistic for every ``r``: it equals
    ``scipy.stats.chi2_contingency(table, correction=False)``, and plain
    ``chi2_contingency(table)`` only for ``r >= 3``. For a 2 x 2 table (``r = 2``, one
    degree of freedom) ``chi2_contingency`` applies Yates' continuity correction by
    default (Yates F. Contingency tables involving small numbers and the chi-squared
    test. J R Stat Soc Suppl 1934;1:217-235), whose statistic is never larger and
    whose p is never smaller; a paper that printed a Yates-corrected p for two groups
    is not matched here. Reference: Agresti A. Categorical Data Analysis, 3rd ed.,
    Wiley 2013, section 3.2.1.

    ``correction=True`` applies Yates' continuity correction, which exists only for a
    2 x 2 table (``r = 2``, one degree of freedom; otherwise ``ValueError``): each
    ``|O - E|`` is shrunk by ``min(0.5, |O - E|)`` before squaring, exactly as
    ``scipy.stats.chi2_contingency(table, correction=True)`` does (Yates 1934, above).
    In a 2 x 2 table ``|O - E|`` is the same in all four cells, ``|k_1 - n_1 P|``.

    A table whose pooled share is 0 or 1 has an empty column (expected count 0):
    its statistic and p are ``nan``. Every ``n_i`` must be at least 1 and
    ``0 <= k_i <= n_i``.
    """
    k, n = np.broadcast_arrays(np.asarray(k), np.asarray(n))
    if k.ndim == 0 or k.shape[-1] < 2:
        raise ValueError("k and n need a last axis of at least 2 groups")
    if np.any(n < 1) or np.any(k < 0) or np.any(k > n):
        raise ValueError("need n >= 1 and 0 <= k <= n in every group")
    if _validate.boolean("correction", correction) and k.shape[-1] != 2:
        raise ValueError(f"correction (Yates) applies only to 2 groups (a 2 x 2 table), got {k.shape[-1]} groups")
    share = k.sum(axis=-1, keepdims=True) / n.sum(axis=-1, keepdims=True)
    spread = share * (1.0 - share)
    deviation = np.abs(k - n * share)
    if correction:
        deviation = deviation - np.minimum(0.5, deviation)
    # Pooled share 0 or 1: every k_i is 0 (or n_i), so every deviation and every n_i P (1 - P)
    # is exactly 0 and each term is 0/0 = nan, which the sum keeps (documented above).
    with np.errstate(invalid="ignore"):
        statistic = np.sum(deviation ** 2 / (n * spread), axis=-1)
    p = stats.chi2.sf(statistic, k.shape[-1] - 1)
    return statistic, p


def _grid(candidates: Sequence[Sequence[tuple[int, int]]]) -> tuple[np.ndarray, np.ndarray]:
    """Broadcast per-group candidate lists into arrays of shape ``(m_1, ..., m_r, r)``."""
    r = len(candidates)
    sizes = [len(c) for c in candidates]
    _validate.at_most("combinations", math.prod(sizes))
    ks, ns = [], []
    for axis, pairs in enumerate(candidates):
        arr = np.asarray(pairs)  # shape (len(pairs), 2): every list is non-empty here
        shape = [1] * r
        shape[axis] = len(pairs)
        ks.append(arr[:, 0].reshape(shape))
        ns.append(arr[:, 1].reshape(shape))
    full = tuple(sizes)
    k = np.stack([np.broadcast_to(a, full) for a in ks], axis=-1)
    n = np.stack([np.broadcast_to(a, full) for a in ns], axis=-1)
    return k, n


def feasible_tables(candidates: Sequence[Sequence[tuple[int, int]]], p_interval: Sequence[float],
                    names: Sequence[str], *, correction: bool = False) -> pd.DataFrame:
    """Combinations of one ``(k, n)`` per group whose chi-squared p lies in ``p_interval`` (closed).

    ``candidates[i]`` lists group ``i``'s possible ``(k, n)``; every combination is
    tested at once with ``chi2_rx2`` (``correction=True``: with Yates' continuity
    correction, 2 groups only). Returns one row per feasible combination,
    columns ``k_<name>, n_<name>`` per group, ``total_k, total_n, statistic, p``,
    sorted by ``total_n`` and then the group counts. At most 2,000,000 combinations
    (``SIZE_BOUNDS``; about 0.75 GB and 3 s at the bound), refused before any array is built.
    """
    if len(candidates) != len(names) or len(names) < 2:
        raise ValueError("need one name per candidate list and at least 2 groups")
    p_low, p_high = (float(x) for x in p_interval)
    columns = [f"{c}_{name}" for name in names for c in ("k", "n")] + ["total_k", "total_n", "statistic", "p"]
    if any(len(c) == 0 for c in candidates):
        return pd.DataFrame(columns=columns)
    k, n = _grid(candidates)
    statistic, p = chi2_rx2(k, n, correction=correction)
    keep = (p >= p_low) & (p <= p_high)  # nan (degenerate tables) compares False
    kk, nn = k[keep], n[keep]
    data = {}
    for i, name in enumerate(names):
        data[f"k_{name}"] = kk[:, i]
        data[f"n_{name}"] = nn[:, i]
    data["total_k"] = kk.sum(axis=1)
    data["total_n"] = nn.sum(axis=1)
    data["statistic"] = statistic[keep]
    data["p"] = p[keep]
    frame = pd.DataFrame(data)  # data holds the columns in the order of ``columns``
    order = ["total_n"] + [f"n_{name}" for name in names] + [f"k_{name}" for name in names]
    return frame.sort_values(order).reset_index(drop=True)


def all_tables(candidates: Sequence[Sequence[tuple[int, int]]], names: Sequence[str], *,
               correction: bool = False) -> pd.DataFrame:
    """Every combination with its statistic and p (``feasible_tables`` with the window [0, 1])."""
    return feasible_tables(candidates, (0.0, 1.0), names, correction=correction)


def feasible_from_percents(percents: Sequence[float], decimals: Sequence[int], n_max: int | Sequence[int],
                           p_value: float, p_decimals: int, names: Sequence[str], *,
                           correction: bool = False) -> pd.DataFrame:
    """Feasible tables for printed per-group percentages and a printed chi-squared p.

    Group ``i``'s candidates are ``consistency.grim_counts(percents[i], decimals[i],
    n_max[i])`` (every ``(k, n)``, ``n <= n_max``, whose percentage prints as given);
    the p window is the rounding interval of ``p_value`` at ``p_decimals`` places
    (``consistency.printed_interval``, both ends included; an end itself prints as
    the value under one of the two rounding rules). GRIM: Brown & Heathers 2017.
    ``correction=True`` matches a Yates-corrected p (2 groups only; ``chi2_rx2``).
    Bounded before any candidate is listed: each ``n_max`` at most 100,000 and the product of
    the groups' candidate counts (:func:`analysis.stats.consistency.grim_pair_count`) at most
    2,000,000 combinations (``SIZE_BOUNDS``).
    """
    r = len(percents)
    if not (len(decimals) == len(names) == r):
        raise ValueError("percents, decimals and names must have the same length")
    limits = [n_max] * r if isinstance(n_max, (int, np.integer)) else list(n_max)
    if len(limits) != r:
        raise ValueError("n_max must be one number or one per group")
    # Counted before any group's candidates are listed: the product is what _grid would allocate.
    _validate.at_most("combinations", math.prod(grim_pair_count(pct, dec, top)
                                                for pct, dec, top in zip(percents, decimals, limits)))
    candidates = [grim_counts(pct, dec, top) for pct, dec, top in zip(percents, decimals, limits)]
    return feasible_tables(candidates, printed_interval(p_value, p_decimals), names, correction=correction)
