"""Kaplan-Meier tables, the Kaplan-Meier median with its confidence interval and the log-rank test (lifelines)."""

from __future__ import annotations

import pandas as pd

from analysis.stats import _validate

# lifelines is imported inside the functions: importing it costs about a second, which
# every notebook importing this module would otherwise pay without fitting anything.

def km_table(durations, events, level: float = 0.95) -> pd.DataFrame:
    """Kaplan-Meier estimate with pointwise log-log (exponential Greenwood) confidence intervals.

    One row per distinct observed time, that is every time at which at least
    one subject had the event or was censored, in increasing order. Columns:
    ``time``; ``at_risk`` (subjects still followed just before ``time``);
    ``events`` (events at ``time``); ``survival`` (the product-limit estimate
    just after ``time``); ``ci_low`` and ``ci_high``.

    The CI is the one lifelines' ``KaplanMeierFitter`` reports:
    ``S ** exp(-/+ z * sigma / ln S)`` with Greenwood's
    ``sigma**2 = sum d / (n (n - d))`` over event times up to ``time``, i.e. a
    symmetric interval for ``ln(-ln S)``. Where ``S = 1`` it is (1, 1) and
    where ``S = 0`` it is (0, 0), as in lifelines.

    ``events`` holds 1 (or True) for an event and 0 for censoring.
    References: Kaplan EL, Meier P. JASA 1958;53:457-481; Greenwood M. The
    natural duration of cancer. Reports on Public Health and Medical Subjects
    33, HMSO 1926; Kalbfleisch JD, Prentice RL. The Statistical Analysis of
    Failure Time Data. Wiley 1980 (log-log interval).
    """
    dur, ev = _validate.durations_events(durations, events)
    lvl = _validate.level(level)
    from lifelines import KaplanMeierFitter

    fitter = KaplanMeierFitter(alpha=1.0 - lvl).fit(dur, event_observed=ev)
    table = fitter.event_table
    # lifelines adds a row at time 0 with nobody removed when 0 is not an observed time.
    observed = table.index[table["removed"] > 0]
    ci = fitter.confidence_interval_.loc[observed]
    # The durations reach lifelines as floats and the events as ints (_validate.durations_events), so
    # the times, survival and bounds come back float64 and the counts int64: no cast is needed.
    return pd.DataFrame(
        {
            "time": observed.to_numpy(),
            "at_risk": table.loc[observed, "at_risk"].to_numpy(),
            "events": table.loc[observed, "observed"].to_numpy(),
            "survival": fitter.survival_function_.loc[observed].iloc[:, 0].to_numpy(),
            "ci_low": ci.iloc[:, 0].to_numpy(),
            "ci_high": ci.iloc[:, 1].to_numpy(),
        }
    )


def km_median_ci(durations, events, level=0.95) -> tuple[float, float, float]:
    """Median of the Kaplan-Meier estimate and its ``level`` confidence interval.

    Kaplan EL, Meier P (1958). Nonparametric estimation from incomplete observations. JASA
    53:457-481. Computed with lifelines (Davidson-Pilon C, lifelines, JOSS 2019;4:1317):
    ``KaplanMeierFitter(alpha=1 - level)`` and
    ``lifelines.utils.median_survival_times(kmf.confidence_interval_)``, i.e. the times where the
    pointwise log(-log) ("exponential" Greenwood) confidence band of S(t) crosses 0.5 (lower
    bound from the band's lower curve, upper from its upper curve; the band of :func:`km_table`).
    Returns (median, low, high), each ``inf`` when the curve or bound does not reach 0.5.
    ``events`` holds 1 (or True) for an event and 0 for censoring.
    """
    dur, ev = _validate.durations_events(durations, events)
    lvl = _validate.level(level)
    from lifelines import KaplanMeierFitter
    from lifelines.utils import median_survival_times

    fitter = KaplanMeierFitter(alpha=1.0 - lvl).fit(dur, event_observed=ev)
    low, high = (float(v) for v in median_survival_times(fitter.confidence_interval_).iloc[0])
    return float(fitter.median_survival_time_), low, high


def logrank(durations_a, events_a, durations_b, events_b) -> tuple[float, float]:
    """Two-sample log-rank test (lifelines ``logrank_test``).

    At each distinct event time the observed events in group a are compared
    with those expected under equal hazards, ``d * n_a / n``, with
    hypergeometric variance ``d (n - d) n_a n_b / (n**2 (n - 1))``; the
    statistic ``(sum O - E)**2 / sum V`` is referred to chi-square with 1 df.
    ``events_*`` hold 1 (or True) for an event and 0 for censoring.
    Reference: Mantel N. Evaluation of survival data and two new rank order
    statistics arising in its consideration. Cancer Chemother Rep
    1966;50:163-170.

    Returns ``(statistic, p)``.
    """
    dur_a, ev_a = _validate.durations_events(
        durations_a, events_a, durations_name="durations_a", events_name="events_a"
    )
    dur_b, ev_b = _validate.durations_events(
        durations_b, events_b, durations_name="durations_b", events_name="events_b"
    )
    from lifelines.statistics import logrank_test

    result = logrank_test(dur_a, dur_b, event_observed_A=ev_a, event_observed_B=ev_b)
    return float(result.test_statistic), float(result.p_value)
