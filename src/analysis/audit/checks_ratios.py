"""Ratios (HR, RR, OR, IRR) and their p values: ``ratio_parts``, ``ratio_log_symmetry``, ``ratio_se``,
``ratio_p_wald``, ``ratio_ci_from_p``; and differences: ``difference_symmetry``, ``difference_p_wald``.

* ``ratio_parts`` (reported): a ratio printed beside its two parts (``of`` the numerator,
  ``denominator`` the denominator): the ratio of the parts over their rounding must meet the
  printed ratio's rounding interval (``ratio_range``).
* ``ratio_log_symmetry`` (consistency): a ratio with a CI: a Wald CI on the log scale has
  ``E**2 = L U``; ``inconsistent`` ("not a Wald interval on the log scale") when no rounding of
  the three printed numbers allows it (``ratio_ci_check``); ``by_construction`` when at these
  decimals no estimate printed between the bounds could have failed.
* ``ratio_se`` (derived): the SE of the log ratio the CI implies, with its range over rounding.
* ``ratio_p_wald`` (consistency): a p whose ``of`` is a ratio with a CI: some rounding of
  estimate and CI gives a Wald p the printed p (its rounding, or its ``<``/``>``) allows.
  A log-rank, score or exact p can differ from the Wald p, so a disagreement says which test
  would be needed, not that a number is wrong.
* ``ratio_ci_from_p`` (derived): a p whose ``of`` is a ratio without a CI: the Wald CI the
  estimate and p imply (Altman & Bland 2011), its ends' ranges over rounding in the text.
* ``difference_symmetry`` / ``difference_p_wald``: the same for a ``difference`` on its own scale.
"""

from __future__ import annotations

import math

from scipy import stats as scipy_stats

from analysis.audit._context import PRINTED_CI_LEVEL, Context, Printed, level_text, p_allows
from analysis.stats import ci_from_p, ratio_ci_check
from analysis.stats.rates import z_value
from analysis.stats.reported_ratios import ci_from_p_range, ratio_range

_WALD_CAVEAT = "a log-rank, score or exact p can differ from the Wald p"


def ratio_checks(ctx: Context) -> None:
    for ratio in ctx.with_statistic("ratio"):
        _parts(ctx, ratio)
        if ratio.has_ci and ratio.exact:
            _with_ci(ctx, ratio)
    for p in ctx.with_statistic("p"):
        tested = ctx.get(p.of)
        if tested is None or not tested.exact:
            continue
        if tested.statistic == "ratio":
            if tested.has_ci:
                _p_wald(ctx, p, tested)
            else:
                _ci_from_p(ctx, p, tested)
        elif tested.statistic == "difference" and tested.has_ci:
            _difference_p(ctx, p, tested)
    for difference in ctx.with_statistic("difference"):
        if difference.has_ci and difference.exact:
            _difference_symmetry(ctx, difference)


def _parts(ctx: Context, ratio: Printed) -> None:
    top, bottom = ctx.get(ratio.of), ctx.get(ratio.denominator)
    if top is None or bottom is None or not (top.exact and bottom.exact and ratio.exact):
        return
    top_range, bottom_range = top.interval(), bottom.interval()
    if top_range[0] <= 0 or bottom_range[0] <= 0:
        ctx.not_recomputable("ratio_parts", ratio, [top, bottom], "a part may be 0", "reported")
        return
    low, high = ratio_range(top_range, bottom_range)
    r_low, r_high = ratio.interval()
    ok = low <= r_high and r_low <= high
    ctx.add("ratio_parts", ratio, [top, bottom],
            f"{ratio.named()} recomputed from its parts {top.quantity} = {top.digits()} / {bottom.quantity} = "
            f"{bottom.digits()}: {top.value / bottom.value:.4g} (range {low:.4g} to {high:.4g} over the parts' "
            f"rounding) {'prints as' if ok else 'cannot print as'} the ratio", "reported",
            "match" if ok else "mismatch", reported=ratio.value, recomputed=top.value / bottom.value,
            low=low, high=high, interval="rounding")


def _with_ci(ctx: Context, ratio: Printed) -> None:
    try:
        check = ratio_ci_check(ratio.value, ratio.ci_low, ratio.ci_high, ratio.decimals, level=PRINTED_CI_LEVEL)
    except ValueError as err:
        ctx.not_recomputable("ratio_log_symmetry", ratio, [], str(err), "consistency")
        return
    centre = f"E / sqrt(L U) = {check.centre:.4g} (range {check.centre_min:.4g} to {check.centre_max:.4g})"
    if not check.symmetry_can_fail:
        ctx.add("ratio_log_symmetry", ratio, [],
                f"{ratio.named()}: log-symmetric within rounding, {centre}; at {ratio.decimals} decimals every "
                "estimate printed between these bounds would pass, so this is no evidence", "consistency",
                "by_construction", reported=1.0, recomputed=check.centre, low=check.centre_min,
                high=check.centre_max, interval="rounding")
    else:
        words = ("symmetric on the log scale within the rounding of all three numbers" if check.log_symmetric else
                 "not a Wald interval on the log scale: no rounding of the three numbers puts the estimate at "
                 "the geometric centre of its bounds")
        ctx.add("ratio_log_symmetry", ratio, [], f"{ratio.named()}: {words}, {centre}", "consistency",
                "consistent" if check.log_symmetric else "inconsistent", reported=1.0, recomputed=check.centre,
                low=check.centre_min, high=check.centre_max, interval="rounding")
    if check.log_symmetric:
        ctx.add("ratio_se", ratio, [],
                f"{ratio.named()}: SE of the log ratio implied by the {level_text(PRINTED_CI_LEVEL)} CI, "
                f"(ln U - ln L) / (2 z) = {check.se:.4g} (range over rounding {check.se_min:.4g} to "
                f"{check.se_max:.4g}), assuming a Wald CI on the log scale", "derived", "derived",
                recomputed=check.se, low=check.se_min, high=check.se_max, interval="rounding")


def _p_wald(ctx: Context, p: Printed, ratio: Printed) -> None:
    try:
        check = ratio_ci_check(ratio.value, ratio.ci_low, ratio.ci_high, ratio.decimals, p_value=p.value,
                               p_decimals=p.decimals, p_comparator=p.comparator, level=PRINTED_CI_LEVEL)
    except ValueError as err:
        ctx.not_recomputable("ratio_p_wald", p, [ratio], str(err), "consistency")
        return
    ok = bool(check.p_agrees_some)
    words = (f"some rounding of {ratio.text()} gives a Wald p the printed p allows" if ok else
             f"no rounding of {ratio.text()} gives a Wald p the printed p allows ({_WALD_CAVEAT}: the paper's "
             "test may not be the Wald test)")
    ctx.add("ratio_p_wald", p, [ratio],
            f"{p.named()} beside {ratio.named()}: Wald p from the CI {check.p:.3g} (range over rounding "
            f"{check.p_min:.3g} to {check.p_max:.3g}); {words}" + (f"; {_WALD_CAVEAT}" if ok else ""),
            "consistency", "consistent" if ok else "inconsistent", reported=p.value, recomputed=check.p,
            low=check.p_min, high=check.p_max, interval="rounding")


def _ci_from_p(ctx: Context, p: Printed, ratio: Printed) -> None:
    e_range = ratio.interval()
    if e_range[0] <= 0 or e_range[0] <= 1 <= e_range[1] or p.comparator == ">":
        why = ("the estimate may be 1, where a p implies no SE" if e_range[0] > 0 and p.comparator != ">"
               else "a p printed as '> t' bounds no CI" if p.comparator == ">" else "the estimate may be 0")
        ctx.not_recomputable("ratio_ci_from_p", p, [ratio], why, "derived")
        return
    if p.comparator == "<":
        bounds = ci_from_p_range(e_range, (p.value, p.value), ctx.level)
        ctx.add("ratio_ci_from_p", p, [ratio],
                f"{p.named()} of {ratio.named()}: the Wald {level_text(ctx.level)} CI lies within "
                f"{bounds.low_min:.3g} to {bounds.high_max:.3g} (the CI a p of exactly {p.digits()} would give, "
                "widest over the estimate's rounding); assumes a Wald test on the log scale", "derived", "derived",
                low=bounds.low_min, high=bounds.high_max, interval="bounds")
        return
    p_low, p_high = p.interval()
    p_range = (max(p_low, 1e-300), min(p_high, 1 - 1e-12))
    bounds = ci_from_p_range(e_range, p_range, ctx.level)
    low, high = ci_from_p(ratio.value, p.value, ctx.level)
    ctx.add("ratio_ci_from_p", p, [ratio],
            f"{p.named()} of {ratio.named()}: implied Wald {level_text(ctx.level)} CI {low:.3g} to {high:.3g} "
            f"(over rounding: lower end {bounds.low_min:.3g} to {bounds.low_max:.3g}, upper end "
            f"{bounds.high_min:.3g} to {bounds.high_max:.3g}); assumes a Wald test on the log scale", "derived",
            "derived", low=low, high=high, interval="ci")


def _difference_box(d: Printed):
    return d.interval(d.value), d.interval(d.ci_low), d.interval(d.ci_high)


def _difference_symmetry(ctx: Context, d: Printed) -> None:
    (e_low, e_high), (l_low, l_high), (u_low, u_high) = _difference_box(d)
    low, high = e_low - (l_high + u_high) / 2, e_high - (l_low + u_low) / 2
    ok = low <= 0 <= high
    ctx.add("difference_symmetry", d, [],
            f"{d.named()}: estimate minus the CI's midpoint ranges over rounding from {low:.4g} to {high:.4g}; "
            + ("the CI is symmetric within rounding" if ok else
               "the CI is not symmetric around the estimate: not a Wald interval on this scale"),
            "consistency", "consistent" if ok else "inconsistent", reported=0.0, low=low, high=high,
            interval="rounding")


def _difference_p(ctx: Context, p: Printed, d: Printed) -> None:
    """Wald p of a difference over the rounding box: |z| = |E| 2z / (U - L) is monotone in |E| and in the
    width, so its extremes are at the box's corners (an estimate interval containing 0 gives p = 1)."""
    (e_low, e_high), (l_low, l_high), (u_low, u_high) = _difference_box(d)
    z = z_value(PRINTED_CI_LEVEL)
    widest, narrowest = u_high - l_low, max(u_low - l_high, 1e-300)
    far = max(abs(e_low), abs(e_high))
    near = 0.0 if e_low <= 0 <= e_high else min(abs(e_low), abs(e_high))
    p_min = float(2 * scipy_stats.norm.sf(far * 2 * z / narrowest))
    p_max = float(2 * scipy_stats.norm.sf(near * 2 * z / widest))
    width = d.ci_high - d.ci_low
    p_at = float(2 * scipy_stats.norm.sf(abs(d.value) * 2 * z / width)) if width > 0 else math.nan
    ok = p_allows(p, p_min, p_max)
    ctx.add("difference_p_wald", p, [d],
            f"{p.named()} beside {d.named()}: Wald p from the CI {p_at:.3g} (range over rounding {p_min:.3g} to "
            f"{p_max:.3g}); " + ("the printed p allows it" if ok else "the printed p allows none of it")
            + f" ({_WALD_CAVEAT.replace('log-rank, score', 't-test, rank')})", "consistency",
            "consistent" if ok else "inconsistent", reported=p.value, recomputed=None if math.isnan(p_at) else p_at,
            low=p_min, high=p_max, interval="rounding")
