"""Confidence interval <-> P value for an estimated difference, normal approximation."""

from __future__ import annotations

import math
import numbers

from scipy.stats import norm


def _check_level(level) -> float:
    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0 < level < 1:
        raise ValueError(f"level must be a number strictly between 0 and 1, got {level!r}")
    return float(level)


def _check_finite(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def _z(level: float) -> float:
    """Two-sided normal quantile of a ``level`` CI (1.959964 for 0.95)."""
    return norm.isf((1 - level) / 2)


def se_from_difference_ci(low, high, level=0.95) -> float:
    """Standard error of a difference from its symmetric ``level`` CI: (high - low) / (2 z).

    Altman DG, Bland JM (2011). How to obtain the P value from a confidence interval.
    BMJ 343:d2304, step 1, with z the exact normal quantile (the paper rounds it to 1.96).
    """
    low, high = _check_finite("low", low), _check_finite("high", high)
    if not low < high:
        raise ValueError(f"high ({high}) must be greater than low ({low})")
    return float((high - low) / (2 * _z(_check_level(level))))


def p_from_difference_ci(estimate, low, high, level=0.95) -> float:
    """Two-sided P value of a difference from its estimate and ``level`` CI.

    Altman DG, Bland JM (2011). How to obtain the P value from a confidence interval.
    BMJ 343:d2304: SE from the CI (see se_from_difference_ci), z = estimate / SE,
    P = 2 * (1 - Phi(|z|)) computed exactly (the paper's exp(-0.717 z - 0.416 z^2) is an
    approximation of it). For a ratio, pass logarithms.
    """
    estimate = _check_finite("estimate", estimate)
    se = se_from_difference_ci(low, high, level)
    return float(2 * norm.sf(abs(estimate) / se))


def ci_from_difference_p(estimate, p, level=0.95) -> tuple[float, float]:
    """``level`` CI of a difference from its estimate and two-sided P value.

    Altman DG, Bland JM (2011). How to obtain the confidence interval from a P value.
    BMJ 343:d2090: z from P (here exactly z = Phi^-1(1 - P/2); the paper approximates it by
    -0.862 + sqrt(0.743 - 2.404 log P)), SE = |estimate| / z, CI = estimate -/+ z_level * SE.
    For a ratio, pass the log estimate and exponentiate the result.
    """
    estimate = _check_finite("estimate", estimate)
    p = _check_finite("p", p)
    if not 0 < p < 1:
        raise ValueError(f"p must lie strictly between 0 and 1, got {p}")
    if estimate == 0:
        raise ValueError("estimate must be non-zero (its SE is estimate / z)")
    se = abs(estimate) / norm.isf(p / 2)
    half = _z(_check_level(level)) * se
    return float(estimate - half), float(estimate + half)
