"""Association tests in a 2x2 table when only the margins of a study are known.

A paper often reports how many patients were in each exposure group and how many had
the outcome, but not how the two cross. This module enumerates every 2x2 table the
summary allows and runs Fisher's exact test on each (``scipy.stats.fisher_exact``),
and gives what a group with no events can still claim (an exact one-sided upper bound
on its risk).

The tables are laid out as::

                     events          no events
    in group         events_in_group  n_in_group - events_in_group
    outside group    events_outside   n_outside - events_outside

Follow-up is modelled as in a cohort where ``total`` patients were classified into
the group (``group_size`` of them) or not, and ``followed`` of the ``total`` were seen
at the end. Which of the ``total - followed`` lost patients belonged to the group is
unknown, so the number followed in the group can be anything between
``max(0, group_size - lost)`` and ``min(group_size, followed)`` (every patient of the
group may have been lost, or none).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator, Sized

import pandas as pd
from scipy import stats

from analysis.stats import _validate, proportions

ALTERNATIVES = ("two-sided", "less", "greater")
SPLIT_COLUMNS = ["followed_in_group", "followed_outside", "events_in_group", "events_outside",
                 "odds_ratio", "odds_ratio_defined", "p_value"]
COMPLETION_COLUMNS = ["followed_in_group", "lost_in_group", "lost_outside", "events_in_group",
                      "n_in_group", "events_outside", "n_outside", "odds_ratio", "odds_ratio_defined",
                      "p_value"]


def _cohort(group_size: object, total: object, followed: object) -> tuple[int, int, int]:
    g = _validate.count("group_size", group_size)
    n = _validate.positive_count("total", total)
    f = _validate.count("followed", followed)
    _validate.not_above("group_size", g, "total", n)
    _validate.not_above("followed", f, "total", n)
    return g, n, f


def feasible_followed(group_size: int, total: int, followed: int) -> range:
    """Every possible number of followed patients inside a group, given the margins.

    ``group_size`` of ``total`` patients are in the group and ``followed`` of the
    ``total`` were followed up; the ``lost = total - followed`` others may have come
    from the group or not in any proportion. So the number followed in the group is
    any integer ``a`` with ``max(0, group_size - lost) <= a <= min(group_size, followed)``
    (the support of a hypergeometric distribution; Johnson NL, Kemp AW, Kotz S.
    Univariate Discrete Distributions, 3rd ed., Wiley 2005, section 6.2).
    Returned as a ``range`` in increasing order.
    """
    g, n, f = _cohort(group_size, total, followed)
    lost = n - f
    return range(max(0, g - lost), min(g, f) + 1)


def _fisher(table: list[list[int]], alternative: str) -> tuple[float, float]:
    """Sample odds ratio and p value from ``scipy.stats.fisher_exact`` (nan odds ratio when 0/0)."""
    result = stats.fisher_exact(table, alternative=alternative)
    return float(result.statistic), float(result.pvalue)


def _event_splits(events: int, in_group: int, outside: int) -> range:
    """Numbers of ``events`` that can fall in a group of ``in_group`` when ``outside`` others share them."""
    return range(max(0, events - outside), min(events, in_group) + 1)


def _sum_of_min(cap: int, low: int, high: int) -> int:
    """``sum(min(cap, a) for a in range(low, high + 1))`` in closed form, for ``low <= high`` (the callers' ranges
    of followed or lost patients in the group are never empty)."""
    turn = min(max(cap, low - 1), high)  # a <= turn contribute a, the others cap
    return (low + turn) * (turn - low + 1) // 2 + cap * (high - turn)


def _split_count(events: int, pool: int, low: int, high: int) -> int:
    """Number of pairs ``(a, e)`` with ``low <= a <= high`` and ``e`` in ``_event_splits(events, a, pool - a)``.

    For each ``a`` that is ``min(events, a) - max(0, events - pool + a) + 1`` (never below 1 when
    ``events <= pool`` and ``a <= pool``); with ``max(0, a - c) = a - min(a, c)`` the sum is three
    arithmetic series.
    """
    width = high - low + 1
    return (_sum_of_min(events, low, high) - (low + high) * width // 2
            + _sum_of_min(pool - events, low, high) + width)


def _splits(g: int, n: int, f: int, events: int) -> Iterator[tuple[int, int, int, int]]:
    for a in feasible_followed(g, n, f):
        for e_in in _event_splits(events, a, f - a):
            yield a, f - a, e_in, events - e_in


def fisher_on_every_split(group_size: int, total: int, followed: int, events: int = 0,
                          alternative: str = "two-sided") -> pd.DataFrame:
    """Fisher's exact test on every 2x2 table of the followed patients the margins allow.

    ``events`` of the ``followed`` patients had the outcome. For every feasible
    number ``a`` followed in the group (:func:`feasible_followed`) and every way the
    events can fall between the ``a`` in the group and the ``followed - a`` outside it,
    the table ``[[e, a - e], [events - e, followed - a - (events - e)]]`` is tested
    with ``scipy.stats.fisher_exact`` (Fisher RA. Statistical Methods for Research
    Workers, 1934; the conditional test given both margins).

    With ``events = 0`` the event column is empty: given the margins only one table
    is possible, so its conditional probability is 1 and so is every p value, and the
    sample odds ratio is 0/0 (``nan``, reported as ``odds_ratio_defined = False``).

    Bounded before any test runs (``SIZE_BOUNDS``): ``total`` at most 10**6 and at most
    500 tables, counted in closed form (sums of arithmetic series over the feasible splits).

    Returns one row per table with columns ``followed_in_group, followed_outside,
    events_in_group, events_outside, odds_ratio, odds_ratio_defined, p_value``.
    """
    g, n, f = _cohort(group_size, total, followed)
    _validate.at_most("fisher.total", n)
    e = _validate.count("events", events)
    _validate.not_above("events", e, "followed", f)
    _validate.choice("alternative", alternative, ALTERNATIVES)
    followed_in_group = feasible_followed(g, n, f)
    _validate.at_most("fisher_on_every_split",
                      _split_count(e, f, followed_in_group.start, followed_in_group.stop - 1))
    rows = []
    for a, outside, e_in, e_out in _splits(g, n, f, e):
        odds, p = _fisher([[e_in, a - e_in], [e_out, outside - e_out]], alternative)
        rows.append((a, outside, e_in, e_out, odds, not math.isnan(odds), p))
    return pd.DataFrame(rows, columns=SPLIT_COLUMNS)


def fisher_on_completions(group_size: int, total: int, followed: int, lost_events: int,
                          alternative: str = "two-sided") -> pd.DataFrame:
    """Fisher's exact test on every complete cohort in which no followed patient had an event.

    For the situation where every followed patient was event-free (as in a study
    where all followed met NEDA) and ``lost_events`` of the ``total - followed``
    lost patients are *assumed* to have had the event. For every feasible number
    ``a`` followed in the group, ``group_size - a`` of the lost were in the group and
    the rest outside; for every way the ``lost_events`` can fall among the lost in and
    outside the group, the complete table over all ``total`` patients,
    ``[[e, group_size - e], [lost_events - e, total - group_size - (lost_events - e)]]``,
    is tested with ``scipy.stats.fisher_exact`` (Fisher, 1934). The spread of p values
    is how much the lost patients could change the answer (a worst/best-case
    sensitivity analysis for missing binary outcomes; Higgins JPT, White IR, Wood AM.
    Imputation methods for missing outcome data in meta-analysis of clinical trials.
    Clin Trials 2008;5:225-239).

    Bounded before any test runs (``SIZE_BOUNDS``): ``total`` at most 10**6 and at most
    500 tables, counted in closed form.

    Returns one row per complete table with columns ``followed_in_group,
    lost_in_group, lost_outside, events_in_group, n_in_group, events_outside,
    n_outside, odds_ratio, odds_ratio_defined, p_value``.
    """
    g, n, f = _cohort(group_size, total, followed)
    _validate.at_most("fisher.total", n)
    m = _validate.count("lost_events", lost_events)
    lost = n - f
    _validate.not_above("lost_events", m, "lost (total - followed)", lost)
    _validate.choice("alternative", alternative, ALTERNATIVES)
    followed_in_group = feasible_followed(g, n, f)
    # The lost in the group, g - a, run over a range too; the events split between them and the other lost.
    _validate.at_most("fisher_on_completions",
                      _split_count(m, lost, g - (followed_in_group.stop - 1), g - followed_in_group.start))
    rows = []
    for a in feasible_followed(g, n, f):
        lost_in, lost_out = g - a, lost - (g - a)
        for e_in in _event_splits(m, lost_in, lost_out):
            e_out = m - e_in
            odds, p = _fisher([[e_in, g - e_in], [e_out, n - g - e_out]], alternative)
            rows.append((a, lost_in, lost_out, e_in, g, e_out, n - g, odds, not math.isnan(odds), p))
    return pd.DataFrame(rows, columns=COMPLETION_COLUMNS)


def zero_event_upper_bounds(group_sizes: Iterable[int], level: float = 0.95) -> pd.DataFrame:
    """What a group with no events can still claim: the exact one-sided upper bound on its risk.

    With 0 events in ``n`` patients, the Clopper-Pearson one-sided upper bound at
    ``level`` is the ``p`` solving ``(1 - p)**n = 1 - level``, i.e.
    ``1 - (1 - level)**(1/n)`` ("with 0 of n events the risk is at most ...");
    computed by :func:`analysis.proportions.one_sided_upper`. At 95 % it is close to
    the rule of three, ``3/n`` (Hanley JA, Lippman-Hand A. JAMA 1983;249:1743-1745).

    At most 100,000 sizes (``SIZE_BOUNDS``), counted before any bound is computed.

    Returns one row per size (in the order given, duplicates dropped) with columns
    ``n, events, upper_bound``.
    """
    lvl = _validate.level(level)
    # Counted before any bound: a sized collection by its length, any other iterable read one past the bound.
    limit = _validate.SIZE_BOUNDS["group_sizes"].limit
    given = group_sizes if isinstance(group_sizes, Sized) else list(itertools.islice(group_sizes, limit + 1))
    _validate.at_most("group_sizes", len(given))
    sizes = list(dict.fromkeys(_validate.positive_count("group_sizes", n) for n in given))
    if not sizes:
        raise ValueError("group_sizes must name at least one group size")
    return pd.DataFrame(
        [(n, 0, proportions.one_sided_upper(0, n, lvl)) for n in sizes],
        columns=["n", "events", "upper_bound"],
    )


def fisher_power(n_in_group: int, n_outside: int, risk_in_group: float, risk_outside: float,
                 alpha: float = 0.05, alternative: str = "two-sided") -> float:
    """Power of Fisher's exact test for two independent groups of fixed size, computed exactly.

    Events arise independently, ``Binomial(n_in_group, risk_in_group)`` in the group
    and ``Binomial(n_outside, risk_outside)`` outside it. The power is the probability
    that the observed table gives ``p < alpha`` with ``scipy.stats.fisher_exact``:
    the sum, over every table ``[[x, n_in_group - x], [y, n_outside - y]]`` whose p is
    below ``alpha``, of ``binom.pmf(x) * binom.pmf(y)`` (exact unconditional power of
    the conditional test, by complete enumeration; Casagrande JT, Pike MC, Smith PG.
    The power function of the "exact" test for comparing two binomial distributions.
    J R Stat Soc C 1978;27:176-180). At most 5000 tables, ``(n_in_group + 1) (n_outside + 1)``,
    are allowed (``SIZE_BOUNDS``), checked before any probability is computed.
    """
    n1 = _validate.positive_count("n_in_group", n_in_group)
    n2 = _validate.positive_count("n_outside", n_outside)
    r1 = _validate.probability("risk_in_group", risk_in_group)
    r2 = _validate.probability("risk_outside", risk_outside)
    a = _validate.probability_open("alpha", alpha)
    _validate.choice("alternative", alternative, ALTERNATIVES)
    _validate.at_most("fisher_power", (n1 + 1) * (n2 + 1))
    p_in = stats.binom.pmf(range(n1 + 1), n1, r1)
    p_out = stats.binom.pmf(range(n2 + 1), n2, r2)
    return float(sum(p_in[x] * p_out[y] for x in range(n1 + 1) for y in range(n2 + 1)
                     if p_in[x] * p_out[y] > 0 and _fisher([[x, n1 - x], [y, n2 - y]], alternative)[1] < a))
