"""The audit: every check a typed values table allows, run by itself.

``run(values, study)`` reads one values table (the columns of ``data/values/*.csv``, see
``data/README.md``; ``statistic``, ``of``, ``denominator`` and ``df`` say what each printed number
is and what it belongs to) and returns one :class:`~analysis.findings.ledger.Finding` per check,
in a fixed order (by topic, then file order). Each row names ``quantity`` (the row whose printed
number is tested; for a p checked against a CI or a statistic, the p's row) and ``check`` (one of
:data:`CHECKS`); its key is ``<check>__<quantity>`` (plus ``__mean``/``__sd`` for the two
estimates), unique and stable. Statuses follow the ledger: ``match``/``mismatch`` for a printed
number recomputed from others, ``consistent``/``inconsistent`` for agreement, ``derived`` for a new
number, ``by_construction`` for a check that could not have failed, ``not_recomputable`` when the
printed numbers make a check impossible (the row says why). A flag is a row whose status is in
``analysis.findings.FAILED``.

Every check allows for the rounding of every printed number it uses (a number printed at ``d``
decimals stands for ``[v - h, v + h]``, ``h = 0.5 * 10**-d``; counts printed without decimals are
exact), honours ``<``/``>`` comparators, and uses printed numbers only. CI bounds are read at ``ci_decimals``
where given; a p printed as NS is read as ``> 0.05`` (not significant, no number of its own), so only the checks of
a decision use it; rates per 100 or 1000 patient-years are scaled to per patient-year; a ``score`` is whole points
(GRIM and GRIMMER apply), a ``measure`` continuous (no granularity check). A check that uses several
printed numbers reads them as one: a single rounding of all of them must satisfy the whole relation (a
ratio's CI, SE and p in one Wald reading, :mod:`analysis.stats.joint_readings`), and a failed check names
the nearest readings that would work. The checks by topic:
:mod:`.checks_intervals`, :mod:`.checks_proportions`, :mod:`.checks_rates`, :mod:`.checks_ratios`, :mod:`.checks_tests`,
:mod:`.checks_summaries`, :mod:`.checks_baseline`; :mod:`.io` audits a file into ``findings.csv`` and ``index.html``.

In a study notebook, :func:`section` adds the audit's rows to the notebook's ledger under the
section ``automatic_checks`` with keys prefixed ``auto_`` (so they never collide with the
notebook's own keys) and returns the table to display.
"""

from __future__ import annotations

import pandas as pd

from analysis.audit import (
    checks_baseline,
    checks_intervals,
    checks_proportions,
    checks_rates,
    checks_ratios,
    checks_summaries,
    checks_tests,
)
from analysis.audit._context import Context
from analysis.findings.ledger import FAILED, Finding, Ledger

# Every check name, with what it tests (the ``check`` column of an audit row).
CHECKS = {
    "estimate_in_ci": "an estimate within its own CI, over the rounding of all three numbers",
    "percent_recompute": "a percent recomputed from its printed count and total",
    "percent_grim": "a percent with a total but no count: some whole count gives it (GRIM)",
    "percent_some_total": "a percent with its count but no total: some whole total gives it (GRIM on the total)",
    "percent_ci": "a percent's printed CI beside the Clopper-Pearson, Wilson, Wald (and Agresti-Coull, Jeffreys) CIs",
    "count_ci": "a count of its total: the exact (Clopper-Pearson) CI of the proportion",
    "rate_recompute": "a rate recomputed from its printed events and exposure",
    "rate_grim": "a rate with an exposure but no events: some whole event count gives it",
    "rate_exact_ci": "a rate with events and exposure: the exact Poisson CI",
    "rate_ci_poisson": "a printed rate CI beside the exact Poisson CI of the counts the rate allows",
    "rate_ci_symmetry": "a printed rate CI symmetric on the rate or log scale, or skewed between them (exact Poisson)",
    "ratio_parts": "a ratio recomputed from its two printed parts",
    "ratio_log_symmetry": "a ratio CI that some rounding makes a Wald CI (symmetric on the log scale)",
    "ratio_se": "the SE of the log ratio over the Wald readings of its CI",
    "ratio_p_wald": "a p and a ratio's CI read as one Wald reading; else a decision inconsistency or another test",
    "ratio_ci_from_p": "a ratio without CI and its p: the implied Wald CI",
    "difference_symmetry": "a difference's CI symmetric around it",
    "difference_p_wald": "a p beside a difference and its CI: the Wald p",
    "statistic_p": "a p beside a t, F, chi2, z or r statistic (statcheck)",
    "two_group_p": "a p comparing two means (Student's, Welch's t) or two shares (chi-squared, Yates, Fisher)",
    "two_group_statistic": "a t comparing two means (Student's, Welch's) or a chi2 comparing two shares (Yates or not)",
    "median_in_range": "min <= q1 <= median <= q3 <= max",
    "mean_in_range": "a mean within its range",
    "mean_sd_estimate": "mean and SD estimated from median, range and/or quartiles, and n",
    "mean_bounds": "exact bounds of the mean of n whole numbers with that median and range",
    "grim_mean": "a mean of n whole numbers reachable at its decimals (GRIM)",
    "grimmer": "a mean and SD of n whole numbers reachable at their decimals (GRIMMER)",
    "summary_of_none": "a mean, SD, median, quartile or extreme of a sample whose n is printed as 0",
    "baseline_carlisle": "a trial's baseline means, SDs and ns per arm: per-variable p values, Stouffer (Carlisle)",
}

SECTION = "automatic_checks"
PREFIX = "auto_"
_TOPICS = (checks_intervals.interval_checks, checks_proportions.run, checks_rates.rate_checks,
           checks_ratios.ratio_checks, checks_tests.statistic_checks, checks_summaries.summary_checks,
           checks_baseline.baseline_checks)
DISPLAY_COLUMNS = ["key", "check", "quantity", "status", "reported", "recomputed", "low", "high", "interval",
                   "finding"]


def run(values: pd.DataFrame, study: str, level: float = 0.95) -> list[Finding]:
    """Every check the typed rows of ``values`` (one study's values table) allow, as ledger rows."""
    ctx = Context.of_table(values, study, level)
    for topic in _TOPICS:
        topic(ctx)
    return list(ctx.ledger.rows)


def flags(findings: list[Finding]) -> list[Finding]:
    """The rows whose status is a failed check (``mismatch``, ``inconsistent``, ``infeasible``)."""
    return [row for row in findings if row.status in FAILED]


def table(findings: list[Finding]) -> pd.DataFrame:
    """The rows as a display table, flags first (then file order)."""
    rows = sorted(findings, key=lambda row: row.status not in FAILED)
    frame = pd.DataFrame([{name: getattr(row, name) for name in DISPLAY_COLUMNS} for row in rows],
                         columns=DISPLAY_COLUMNS)
    return frame.astype({c: float for c in ("reported", "recomputed", "low", "high")})


def section(values: pd.DataFrame, findings: Ledger, level: float = 0.95) -> pd.DataFrame:
    """Add the audit of ``values`` to a study notebook's ledger and return the table to display.

    Starts the notebook section ``automatic_checks`` (its heading needs the anchor
    ``<a id="automatic_checks"></a>``); each row's key is the audit key prefixed ``auto_``. A
    finding text the notebook already has is refused by the ledger (``ValueError``), so nothing is
    recorded twice.
    """
    rows = run(values, findings.study, level)
    findings.section(SECTION)
    added = []
    for row in rows:
        added.append(findings.add(PREFIX + row.key, row.finding, row.kind, row.status, source=row.source,
                                  reported=row.reported, recomputed=row.recomputed, low=row.low, high=row.high,
                                  interval=row.interval, quantity=row.quantity, check=row.check,
                                  inputs=row.inputs, level=row.level))
    return table(added)
