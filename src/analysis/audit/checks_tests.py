"""Test statistics and their p values: ``statistic_p`` (statcheck's check).

A ``p`` whose ``of`` names a ``t``, ``F``, ``chi2``, ``z`` or ``r`` row (with its ``df``): the p
values the statistic allows over its rounding (``p_from_statistic``; two-sided for t, z and r,
upper tail for F and chi2; Nuijten et al. 2016) must meet the values the printed p allows (its
rounding interval, or ``< t`` / ``> t``). A one-sided test would give half the two-sided p.
"""

from __future__ import annotations

from analysis.audit._context import Context, p_allows
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
        df_text = "" if df is None else f"({stat.df.replace(';', ', ')})"
        ctx.add("statistic_p", p, [stat],
                f"{p.named()} beside {stat.statistic}{df_text} = {stat.digits()} ({stat.quantity}): "
                f"{_TAILS[stat.statistic]} p {at:.3g} (range over the statistic's rounding {low:.3g} to {high:.3g}); "
                + ("the printed p allows it" if ok else "the printed p allows none of it"),
                "consistency", "consistent" if ok else "inconsistent", reported=p.value, recomputed=at,
                low=low, high=high, interval="rounding")
