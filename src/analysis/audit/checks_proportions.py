"""Counts and percentages: ``percent_recompute``, ``percent_grim``, ``count_ci``.

* ``percent_recompute`` (reported): a percent printed beside its count (``of``) and total
  (``denominator``, or the count's own): ``100 k / n`` must round to the printed percent at its
  decimals under half-up or half-even (``rounds_to``, exact fractions); a printed ``< t`` or
  ``> t`` is compared with the threshold.
* ``percent_grim`` (consistency): a percent with a total but no printed count: some whole
  count ``k`` of ``n`` must print as the percent (GRIM for percentages, ``grim_numerators``;
  Brown & Heathers 2017); the finding lists the counts.
* ``count_ci`` (derived): a count with its total: the exact (Clopper-Pearson) CI of the
  proportion. That the count does not exceed its total is checked when the file is read.

Sizes are checked before any work. A total of 0 has no shares: a percent of it is ``mismatch`` /
``inconsistent`` and its count's CI ``not_recomputable``, each saying so. GRIM cannot fail once
``n >= 100 * 10**decimals`` (a step of ``100 / n`` is then no wider than the printed rounding), so it
is ``by_construction`` there without listing the counts (at ``n = 10**12`` they would be ``10**9``). A
total above ``2**53`` is beyond the whole numbers a float holds: its CI is ``not_recomputable``.
"""

from __future__ import annotations

from fractions import Fraction

from analysis.audit._context import Context, Printed, level_text
from analysis.stats import exact_ci, grim_numerators, rounds_to

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


def _of_nothing(ctx: Context, pct: Printed, count: Printed | None, total: Printed) -> None:
    """A percent of a total printed as 0: no share exists, so the printed percent cannot be one."""
    words = f"{pct.named()} % of {total.quantity} = 0: a total of 0 has no shares (100 k / 0 is undefined)"
    if count is not None and count.exact:
        ctx.add("percent_recompute", pct, [count, total], words, "reported", "mismatch", reported=pct.value)
    else:
        ctx.add("percent_grim", pct, [total], words, "consistency", "inconsistent", reported=pct.value)


def count_checks(ctx: Context) -> None:
    for count in ctx.with_statistic("count"):
        total = ctx.get(count.denominator)
        if total is None or total.statistic != "count" or not (count.exact and total.exact):
            continue
        k, n = int(count.value), int(total.value)
        if not 1 <= n <= LARGEST_TOTAL:
            why = "the total is 0: no proportion" if n < 1 else f"the total exceeds 2^53 = {LARGEST_TOTAL}"
            ctx.not_recomputable("count_ci", count, [total], why, "derived")
            continue
        low, high = exact_ci(k, n, ctx.level)
        ctx.add("count_ci", count, [total],
                f"{count.quantity} = {k} of {total.quantity} = {n}: proportion {k / n:.4g} with exact "
                f"(Clopper-Pearson) {level_text(ctx.level)} CI {low:.4g} to {high:.4g}", "derived", "derived",
                recomputed=k / n, low=low, high=high, interval="ci")


def run(ctx: Context) -> None:
    percent_checks(ctx)
    count_checks(ctx)
