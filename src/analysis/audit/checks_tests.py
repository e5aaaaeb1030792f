"""Test statistics and their p values: ``statistic_p`` (statcheck's check).

A ``p`` whose ``of`` names a ``t``, ``F``, ``chi2``, ``z`` or ``r`` row (with its ``df``): the p
values the statistic allows over its rounding (``p_from_statistic``; two-sided for t, z and r,
upper tail for F and chi2; Nuijten et al. 2016) must meet the values the printed p allows (its
rounding interval, or ``< t`` / ``> t``). When it does not, the finding says whether the two
disagree on significance at 0.05 (a decision inconsistency, statcheck's "decision error": every p the
statistic allows on one side of 0.05, every p the printed p allows on the other) and whether a
one-sided test, half the two-sided p, would give the printed p.
"""

from __future__ import annotations

from analysis.audit._context import ALPHA, Context, p_allows, p_significant
from analysis.data.schemas import TEST_STATISTICS
from analysis.stats import p_from_statistic

_TAILS = {"t": "two-sided", "z": "two-sided", "r": "two-sided", "F": "upper tail", "chi2": "upper tail"}


def statistic_checks(ctx: Context) -> None:
    for p in ctx.with_statistic("p"):
        stat = ctx.get(p.of)
        if stat is None or stat.statistic not in TEST_STATISTICS or not stat.exact:
            continue
        df = None
        if stat.statistic == "F":
            df = tuple(float(part) for part in stat.df.split(";"))
        elif stat.statistic != "z":
            df = float(stat.df)
        try:
            low, high = p_from_statistic(stat.statistic, stat.value, df, decimals=stat.decimals)
            at = p_from_statistic(stat.statistic, stat.value, df)[0]
        except ValueError as err:
            ctx.not_recomputable("statistic_p", p, [stat], str(err), "consistency")
            continue
        ok = p_allows(p, low, high)
        why = "" if ok else _why(p, low, high, _TAILS[stat.statistic] == "two-sided")
        df_text = "" if df is None else f"({stat.df.replace(';', ', ')})"
        ctx.add("statistic_p", p, [stat],
                f"{p.named()} beside {stat.statistic}{df_text} = {stat.digits()} ({stat.quantity}): "
                f"{_TAILS[stat.statistic]} p {at:.3g} (range over the statistic's rounding {low:.3g} to {high:.3g}); "
                + ("the printed p allows it" if ok else "the printed p allows none of it" + why),
                "consistency", "consistent" if ok else "inconsistent", reported=p.value, recomputed=at,
                low=low, high=high, interval="rounding")


def _why(p, low: float, high: float, two_sided: bool) -> str:
    computed = True if high < ALPHA else False if low >= ALPHA else None
    printed = p_significant(p)
    words = ""
    if computed is not None and printed is not None and computed != printed:
        words += "; a decision inconsistency (statcheck's 'decision error'): " + (
            "the statistic gives p < 0.05, the printed p does not" if computed else
            "the printed p is below 0.05, the statistic's p is not")
    if two_sided and p_allows(p, low / 2, high / 2):
        words += "; a one-sided test (half the two-sided p) would give the printed p"
    return words
