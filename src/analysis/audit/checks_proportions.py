"""Counts and percentages: ``percent_recompute``, ``percent_grim``, ``percent_some_total``, ``percent_ci``,
``count_ci``.

* ``percent_recompute`` (reported): a percent printed beside its count (``of``) and total
  (``denominator``, or the count's own): ``100 k / n`` must round to the printed percent at its
  decimals under half-up or half-even (``rounds_to``, exact fractions); a printed ``< t`` or
  ``> t`` is compared with the threshold.
* ``percent_grim`` (consistency): a percent with a total but no printed count: some whole
  count ``k`` of ``n`` must print as the percent (GRIM for percentages, ``grim_numerators``;
  Brown & Heathers 2017); the finding lists the counts.
* ``percent_some_total`` (consistency): a percent beside its count (``of``) whose total is not printed: some whole
  total ``n >= k`` must give ``100 k / n`` that prints as the percent (``grim_totals``, GRIM with numerator and
  denominator exchanged); "183 (66.78%)" fits none (274 gives 66.79). ``by_construction`` where the totals the
  percent's rounding allows span at least 1 (any count of 100 or more beside a whole percent).
* ``percent_ci`` (consistency): a percent printed with ``ci_low``/``ci_high`` and a total: the printed CI (its
  bounds over their rounding, at ``ci_decimals`` where given) beside the 95 % Clopper-Pearson, Wilson and Wald
  intervals (``statsmodels.stats.proportion.proportion_confint``; Clopper & Pearson 1934, Wilson 1927), and the
  Agresti-Coull and Jeffreys intervals (Brown, Cai & DasGupta 2001), of the printed count or of every count whose
  share prints as the percent (counted before they are tried, at most ``MOST_COUNTS``). ``consistent`` when one
  method's interval of one count prints as the printed CI, the finding naming every method and count that fit;
  ``inconsistent`` when none does.
* ``count_ci`` (derived): a count with its total: the exact (Clopper-Pearson) CI of the
  proportion. That the count does not exceed its total is checked when the file is read.

Sizes are checked before any work. A total of 0 has no shares: a percent of it is ``mismatch`` /
``inconsistent`` and its count's CI ``not_recomputable``, each saying so. GRIM cannot fail once
``n >= 100 * 10**decimals`` (a step of ``100 / n`` is then no wider than the printed rounding), so it
is ``by_construction`` there without listing the counts (at ``n = 10**12`` they would be ``10**9``). A
total above ``2**53`` is beyond the whole numbers a float holds: its percent's CI is ``not_recomputable``, and so
is a count's exact CI past the largest total ``exact_ci`` takes (``10**15``; the row gives its refusal).
"""

from __future__ import annotations

import math
from fractions import Fraction

from statsmodels.stats.proportion import proportion_confint

from analysis.audit._context import PRINTED_CI_LEVEL, Context, Printed, level_text
from analysis.stats import exact_ci, grim_numerators, grim_totals, rounds_to

# Largest total whose proportion a float (53-bit mantissa) still resolves count by count.
LARGEST_TOTAL = 2**53


def _total(ctx: Context, percent: Printed, count: Printed | None) -> Printed | None:
    total = ctx.get(percent.denominator) or (ctx.get(count.denominator) if count else None)
    return total if total is not None and total.statistic == "count" and total.exact else None


def _list(counts: list[int], most: int = 6) -> str:
    shown = ", ".join(str(k) for k in counts[:most])
    return shown + (f" and {len(counts) - most} more" if len(counts) > most else "")


def percent_checks(ctx: Context) -> None:
    for pct in ctx.with_statistic("percent"):
        count = ctx.get(pct.of)
        total = _total(ctx, pct, count)
        if total is None:
            if count is not None and count.exact and pct.exact:
                _some_total(ctx, pct, count)
            continue
        if total.value < 1:
            _of_nothing(ctx, pct, count, total)
            continue
        n = int(total.value)
        if count is not None and count.exact:
            k = int(count.value)
            share = Fraction(100 * k, n)
            if pct.comparator == "<":
                ok = share < Fraction(pct.digits())
            elif pct.comparator == ">":
                ok = share > Fraction(pct.digits())
            else:
                ok = rounds_to(share, pct.digits(), pct.decimals)
            reason = ("rounds to the printed percent" if ok and pct.exact else "satisfies the printed threshold" if ok
                      else "is not the printed percent under any rounding" if pct.exact
                      else "does not satisfy the printed threshold")
            ctx.add("percent_recompute", pct, [count, total],
                    f"{pct.named()} % recomputed from {count.quantity} = {k} of {total.quantity} = {n}: "
                    f"100 x {k} / {n} = {float(share):.4g} % {reason}", "reported",
                    "match" if ok else "mismatch", reported=pct.value, recomputed=float(share))
        elif pct.exact and n >= 100 * 10**pct.decimals:
            ctx.add("percent_grim", pct, [total], f"{pct.named()} % as a share of {total.quantity} = {n} (GRIM): "
                    f"cannot fail when n >= 100 x 10^decimals ({n} >= {100 * 10**pct.decimals}), every printed "
                    "percent is some count's share", "consistency", "by_construction", reported=pct.value)
        elif pct.exact:
            counts = grim_numerators(pct.digits(), pct.decimals, n)
            low, high = pct.interval()
            if counts:
                words = (f"the whole count(s) {_list(counts)} of {n} print as {pct.digits()} % "
                         f"(100 k / {n} within [{low:g}, {high:g}])")
            else:
                words = (f"no whole count k of {n} gives 100 k / {n} within [{low:g}, {high:g}], the values "
                         f"that print as {pct.digits()} %: not a share of {n}")
            ctx.add("percent_grim", pct, [total], f"{pct.named()} % as a share of {total.quantity} = {n} "
                    f"(GRIM): {words}", "consistency", "consistent" if counts else "inconsistent",
                    reported=pct.value, recomputed=100 * counts[0] / n if counts else None,
                    low=100 * counts[0] / n if counts else None, high=100 * counts[-1] / n if counts else None,
                    interval="feasible" if counts else None)


def _some_total(ctx: Context, pct: Printed, count: Printed) -> None:
    """A percent beside its count, its total not printed: some whole total must give the percent (``grim_totals``).
    ``by_construction`` where the totals the rounding allows span at least 1, so that one is whole whatever the
    digits: the check could not have failed."""
    k = int(count.value)
    low, high = pct.interval()
    head = f"{pct.named()} % beside {count.quantity} = {k}, no total printed"
    if low > 0 and 100 * k / low - 100 * k / high >= 1:
        ctx.add("percent_some_total", pct, [count], f"{head}: the totals it allows run from {100 * k / high:.6g} to "
                f"{100 * k / low:.6g}, at least 1 apart, so one is whole however the percent is printed: the check "
                "cannot fail here", "consistency", "by_construction", reported=pct.value)
        return
    totals = grim_totals(k, pct.digits(), pct.decimals)
    if totals is None:
        ctx.add("percent_some_total", pct, [count], f"{head}: no whole total n gives 100 x {k} / n within "
                f"[{low:g}, {high:g}], the values that print as {pct.digits()} % (any total between "
                f"{100 * k / high:.6g} and {100 * k / low:.6g} would): the percent is no share of {k} of any "
                "whole number", "consistency", "inconsistent", reported=pct.value)
        return
    first, last = totals  # totals spanning less than 1 hold one whole number, or all from first on for 0 %
    span = f"{first}" if last is not None else f"{first} or more"
    ctx.add("percent_some_total", pct, [count], f"{head}: a total of {span} gives it (GRIM on the total)",
            "consistency", "consistent", reported=pct.value, low=float(first),
            high=float(last) if last is not None else None, interval="feasible")


def _of_nothing(ctx: Context, pct: Printed, count: Printed | None, total: Printed) -> None:
    """A percent of a total printed as 0: no share exists, so the printed percent cannot be one."""
    words = f"{pct.named()} % of {total.quantity} = 0: a total of 0 has no shares (100 k / 0 is undefined)"
    if count is not None and count.exact:
        ctx.add("percent_recompute", pct, [count, total], words, "reported", "mismatch", reported=pct.value)
    else:
        ctx.add("percent_grim", pct, [total], words, "consistency", "inconsistent", reported=pct.value)


# The binomial CI methods a printed percent CI is compared with (statsmodels' names), the usual three first.
CI_METHODS = {"beta": "Clopper-Pearson", "wilson": "Wilson", "normal": "Wald", "agresti_coull": "Agresti-Coull",
              "jeffreys": "Jeffreys"}
# Most counts a percent's CI is tested with one by one.
MOST_COUNTS = 2000


def percent_ci_checks(ctx: Context) -> None:
    for pct in ctx.with_statistic("percent"):
        count = ctx.get(pct.of)
        total = _total(ctx, pct, count)
        if not pct.has_ci or not pct.exact or total is None or total.value < 1 or total.value > LARGEST_TOTAL:
            continue
        n = int(total.value)
        if count is not None and count.exact:
            counts, used = range(int(count.value), int(count.value) + 1), [count, total]
        else:
            low, high = pct.interval()
            counts, used = range(max(0, math.ceil(low * n / 100)), min(n, math.floor(high * n / 100)) + 1), [total]
        if not counts or len(counts) > MOST_COUNTS:
            why = (f"{len(counts)} counts of {n} print as the percent, more than the {MOST_COUNTS} tested one by one"
                   if counts else "no whole count prints as the percent (see percent_grim)")
            ctx.not_recomputable("percent_ci", pct, used, why, "consistency")
            continue
        _percent_ci(ctx, pct, counts, n, used)


def _percent_ci(ctx: Context, pct: Printed, counts: range, n: int, used: list[Printed]) -> None:
    (l_low, l_high), (u_low, u_high) = pct.bound_interval(pct.ci_low), pct.bound_interval(pct.ci_high)
    fits: dict[str, list[int]] = {}
    for method, name in CI_METHODS.items():
        lows, highs = proportion_confint(list(counts), n, alpha=1 - PRINTED_CI_LEVEL, method=method)
        for k, low, high in zip(counts, lows, highs):
            if l_low <= 100 * low <= l_high and u_low <= 100 * high <= u_high:
                fits.setdefault(name, []).append(k)
    which = f"{counts[0]} of {n}" if len(counts) == 1 else f"each of the counts {counts[0]} to {counts[-1]} of {n}"
    head = f"{pct.named()} % beside the {level_text(PRINTED_CI_LEVEL)} CIs of {which}: "
    if fits:
        words = "; ".join(f"the {name} CI of {_list(ks)} prints as it" for name, ks in fits.items())
        ctx.add("percent_ci", pct, used, head + words, "consistency", "consistent", reported=pct.value)
        return
    ctx.add("percent_ci", pct, used, head + "the printed CI is none of the Clopper-Pearson, Wilson, Wald, "
            "Agresti-Coull or Jeffreys intervals of any count the percent allows", "consistency", "inconsistent",
            reported=pct.value)


def count_checks(ctx: Context) -> None:
    for count in ctx.with_statistic("count"):
        total = ctx.get(count.denominator)
        if total is None or total.statistic != "count" or not (count.exact and total.exact):
            continue
        k, n = int(count.value), int(total.value)
        if n < 1:
            ctx.not_recomputable("count_ci", count, [total], "the total is 0: no proportion", "derived")
            continue
        try:
            low, high = exact_ci(k, n, ctx.level)
        except ValueError as err:  # a total past the largest exact_ci takes (it names the bound and why)
            ctx.not_recomputable("count_ci", count, [total], str(err), "derived")
            continue
        ctx.add("count_ci", count, [total],
                f"{count.quantity} = {k} of {total.quantity} = {n}: proportion {k / n:.4g} with exact "
                f"(Clopper-Pearson) {level_text(ctx.level)} CI {low:.4g} to {high:.4g}", "derived", "derived",
                recomputed=k / n, low=low, high=high, interval="ci")


def run(ctx: Context) -> None:
    percent_checks(ctx)
    percent_ci_checks(ctx)
    count_checks(ctx)
