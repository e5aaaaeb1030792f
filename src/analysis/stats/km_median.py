"""Kaplan-Meier median survival time with its confidence interval (lifelines)."""

from __future__ import annotations

import numpy as np
from lifelines import KaplanMeierFitter
from lifelines.utils import median_survival_times


def km_median_ci(durations, events, level=0.95) -> tuple[float, float, float]:
    """Median of the Kaplan-Meier estimate and its ``level`` confidence interval.

    Kaplan EL, Meier P (1958). Nonparametric estimation from incomplete observations. JASA
    53:457-481. Computed with lifelines (Davidson-Pilon C, lifelines, JOSS 2019;4:1317):
    ``KaplanMeierFitter(alpha=1 - level)`` and
    ``lifelines.utils.median_survival_times(kmf.confidence_interval_)``, i.e. the times where the
    pointwise log(-log) ("exponential" Greenwood) confidence band of S(t) crosses 0.5 (lower
    bound from the band's lower curve, upper from its upper curve). Returns (median, low, high),
    each ``inf`` when the curve or bound does not reach 0.5.
    """
    durations = np.asarray(durations, dtype=float)
    events = np.asarray(events)
    if durations.ndim != 1 or durations.size == 0:
        raise ValueError("durations must be a non-empty one-dimensional sequence")
    if not np.all(np.isfinite(durations)) or np.any(durations < 0):
        raise ValueError("durations must be finite and >= 0")
    if events.shape != durations.shape:
        raise ValueError(f"events must have the length of durations ({durations.size})")
    if not np.isin(events, (0, 1)).all():
        raise ValueError("events must be 0/1 or booleans")
    if isinstance(level, bool) or not isinstance(level, (int, float)) or not 0 < level < 1:
        raise ValueError(f"level must be a number strictly between 0 and 1, got {level!r}")
    kmf = KaplanMeierFitter(alpha=1 - level).fit(durations, event_observed=events.astype(bool))
    bounds = median_survival_times(kmf.confidence_interval_)
    low, high = (float(v) for v in bounds.iloc[0])
    return float(kmf.median_survival_time_), low, high
