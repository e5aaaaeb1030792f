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
"""

from __future__ import annotations

from fractions import Fraction

from analysis.audit._context import Context, Printed, level_text
from analysis.stats import exact_ci, grim_numerators, rounds_to


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
        if total is None or total.value < 1:
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


def count_checks(ctx: Context) -> None:
    for count in ctx.with_statistic("count"):
        total = ctx.get(count.denominator)
        if total is None or total.statistic != "count" or not (count.exact and total.exact) or total.value < 1:
            continue
        k, n = int(count.value), int(total.value)
        low, high = exact_ci(k, n, ctx.level)
        ctx.add("count_ci", count, [total],
                f"{count.quantity} = {k} of {total.quantity} = {n}: proportion {k / n:.4g} with exact "
                f"(Clopper-Pearson) {level_text(ctx.level)} CI {low:.4g} to {high:.4g}", "derived", "derived",
                recomputed=k / n, low=low, high=high, interval="ci")


def run(ctx: Context) -> None:
    percent_checks(ctx)
    count_checks(ctx)
