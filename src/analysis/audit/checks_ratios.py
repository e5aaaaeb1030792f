"""Ratios (HR, RR, OR, IRR) and their p values: ``ratio_parts``, ``ratio_log_symmetry``, ``ratio_se``,
``ratio_p_wald``, ``ratio_ci_from_p``; and differences: ``difference_symmetry``, ``difference_p_wald``.

Every check that uses a ratio's CI reads it through its *Wald readings*
(``analysis.stats.joint_readings``): the roundings of estimate and bounds under which the CI is a Wald CI,
``exp(ln E -/+ z SE)``, i.e. the estimate sits at the bounds' geometric centre. The CI, the SE and the
p must then hold in one such reading, never each in a rounding of its own.

* ``ratio_parts`` (reported): a ratio printed beside its two parts (``of`` the numerator,
  ``denominator`` the denominator): the ratio of the parts over their rounding must meet the
  printed ratio's rounding interval (``ratio_range``).
* ``ratio_log_symmetry`` (consistency): a ratio with a CI: ``consistent`` when a Wald reading exists
  (the finding names its ranges of L, U, E, SE and Wald p); ``not_recomputable`` ("not a Wald interval on
  the log scale", not a flag: exact, profile-likelihood, score and bootstrap intervals are asymmetric too,
  and an abstract rarely says which it printed) when none does (``E**2 = L U`` fails in every rounding),
  unless one side of the CI on the log scale is ``LOPSIDED`` (3) or more times the other in every rounding
  while every other ratio CI of the text is near-symmetric (less than 1.5 times): ``inconsistent``, since no
  interval method gives that (the exact CI of a ratio with a single event, the most lopsided, is 2.1 times);
  also beside other lopsided CIs when a bound with its decimal point moved one place centres the CI within
  rounding (HR 5.1, 3.9 to 66.4, with 6.64): a misprinted decimal point, which no method's shape explains;
  ``by_construction`` when at these decimals no estimate printed between the bounds could have failed. An
  estimate outside its own CI is flagged by ``estimate_in_ci``.
Bounds printed at other decimals than the estimate (``ci_decimals``) are read at their own decimals: 0.45
(0.2 to 0.9) has bounds 0.15 to 0.25 and 0.85 to 0.95, and its symmetry check is then taken as one that can fail.

* ``ratio_se`` (derived): the SE of the log ratio at the printed digits, with its range over the Wald
  readings (``low``/``high``).
* ``ratio_p_wald`` (consistency): a p whose ``of`` is a ratio with a CI, read with the CI as one:
  ``consistent`` when one Wald reading of the CI has a Wald p the printed p allows (the finding names
  that reading). Otherwise the finding names which p the CI's Wald readings give and which CI the
  printed p gives with the estimate (Altman & Bland 2011), and: when every reading of the CI and of the
  p take opposite sides of 0.05 (a CI excluding 1 beside p >= 0.05, or including 1 beside p < 0.05),
  ``inconsistent``, a decision inconsistency (statcheck's "decision error", alpha 0.05); when they agree
  on significance, ``not_recomputable``: another test (log-rank, score, exact) would explain the p,
  which the printed numbers cannot recompute, and that is not a flag.
* ``ratio_ci_from_p`` (derived): a p whose ``of`` is a ratio without a CI: the Wald CI the
  estimate and p imply (Altman & Bland 2011), its ends' ranges over rounding in the text.
* ``difference_symmetry`` / ``difference_p_wald``: the same for a ``difference`` on its own scale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy import special

from analysis.audit._context import (
    PRINTED_CI_LEVEL,
    Context,
    Printed,
    level_text,
    p_significant,
    p_window,
)
from analysis.stats import ci_from_p, ratio_ci_check
from analysis.stats.joint_readings import WaldReadings, difference_wald_readings, wald_readings
from analysis.stats.rates import p_from_ci, se_from_ci, z_value
from analysis.stats.reported_ratios import ci_from_p_range, ratio_range

_WALD_CAVEAT = "a log-rank, score or exact p can differ from the Wald p"
# Most estimates printable between a CI's bounds that the symmetry check tests one by one.
MOST_PRINTABLE_ESTIMATES = 100_000


def ratio_checks(ctx: Context) -> None:
    readings: dict[str, WaldReadings | ValueError] = {}  # each ratio's, for its symmetry and each of its p values
    # Another CI of the text lopsided too says the text's method (a bootstrap, say) makes them so: the lopsided
    # ones are found once, so that a file of many ratios is not read once per ratio.
    lopsided = {ratio.quantity for ratio in ctx.with_statistic("ratio") if ratio.has_ci and ratio.exact
                and (_least_side_ratio(ratio) or 1.0) >= NEAR_SYMMETRIC}
    for ratio in ctx.with_statistic("ratio"):
        _parts(ctx, ratio)
        if ratio.has_ci and ratio.exact:
            others_lopsided = len(lopsided) - (ratio.quantity in lopsided) > 0
            _with_ci(ctx, ratio, readings, method_lopsided=others_lopsided)
    for p in ctx.with_statistic("p"):
        tested = ctx.get(p.of)
        if tested is None or not tested.exact:
            continue
        if tested.statistic == "ratio":
            if tested.has_ci:
                _p_wald(ctx, p, tested, readings)
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


def _wald(ratio: Printed, readings: dict[str, WaldReadings | ValueError]) -> WaldReadings:
    """The Wald readings of ``ratio``'s printed CI (no p), read once per audit and kept in ``readings`` (by
    quantity) with the ``ValueError`` that refused them, raised again on each use."""
    if ratio.quantity not in readings:
        try:
            readings[ratio.quantity] = wald_readings(ratio.value, ratio.ci_low, ratio.ci_high, ratio.decimals,
                                                     ci_decimals=ratio.ci_decimals, level=PRINTED_CI_LEVEL)
        except ValueError as err:
            readings[ratio.quantity] = err
    found = readings[ratio.quantity]
    if isinstance(found, ValueError):
        raise found
    return found


def _with_ci(ctx: Context, ratio: Printed, readings: dict[str, WaldReadings | ValueError],
             method_lopsided: bool) -> None:
    # Whether the symmetry check could fail is asked of every estimate printable between the bounds: count them
    # before ratio_ci_check lists them.
    printable = (ratio.ci_high - ratio.ci_low) * 10.0**ratio.decimals
    try:
        wald = _wald(ratio, readings)
        if printable > MOST_PRINTABLE_ESTIMATES:
            raise ValueError(f"{printable:.3g} estimates are printable between the bounds at {ratio.decimals} "
                             f"decimals, more than the {MOST_PRINTABLE_ESTIMATES} whose symmetry can be tested")
        check = _centre(ratio)
    except ValueError as err:
        ctx.not_recomputable("ratio_log_symmetry", ratio, [], str(err), "consistency")
        return
    centre = f"E / sqrt(L U) = {check.centre:.4g} (range {check.centre_min:.4g} to {check.centre_max:.4g})"
    readings = f"; its Wald readings: {_reading_text(wald)}" if wald.exists else ""
    if not check.symmetry_can_fail:
        ctx.add("ratio_log_symmetry", ratio, [],
                f"{ratio.named()}: log-symmetric within rounding, {centre}; at {ratio.decimals} decimals every "
                f"estimate printed between these bounds would pass, so this is no evidence{readings}",
                "consistency", "by_construction", reported=1.0, recomputed=check.centre, low=check.centre_min,
                high=check.centre_max, interval="rounding")
    else:
        if wald.exists:
            words, status = "symmetric on the log scale within the rounding of all three numbers", "consistent"
        elif (sides := _least_side_ratio(ratio)) is not None and sides >= LOPSIDED and (
                not method_lopsided or (slips := _decimal_slips(ratio))):
            lopsided_words = (f"on the log scale one side of the CI is {sides:.3g} or more times the other in every "
                              "rounding of the three numbers: more lopsided than any interval method gives a ratio "
                              f"(an exact interval with a single event is about {EXACT_ONE_EVENT_SIDES} times)")
            if method_lopsided:
                moved = " or ".join(f"{moved} for {printed}" for printed, moved in slips)
                words = (f"{lopsided_words}; other CIs of the text are lopsided too, but {moved} centres this one on "
                         "its estimate within rounding: a misprinted decimal point")
            else:
                words = (f"{lopsided_words}, and no other CI of the text is lopsided ({NEAR_SYMMETRIC} times or "
                         "more), so a misprint of the estimate or a bound")
            status = "inconsistent"
        else:
            words, status = ("not a Wald interval on the log scale: no rounding of the three numbers puts the "
                             f"estimate at the geometric centre of its bounds. {OTHER_INTERVAL}"), "not_recomputable"
        ctx.add("ratio_log_symmetry", ratio, [], f"{ratio.named()}: {words}, {centre}{readings}", "consistency",
                status, reported=1.0, recomputed=check.centre, low=check.centre_min, high=check.centre_max,
                interval="rounding")
    if wald.exists:
        ctx.add("ratio_se", ratio, [],
                f"{ratio.named()}: SE of the log ratio implied by the {level_text(PRINTED_CI_LEVEL)} CI, "
                f"(ln U - ln L) / (2 z) = {check.se:.4g} at the printed digits; {wald.se_min:.4g} to "
                f"{wald.se_max:.4g} over the Wald readings (the roundings that keep the estimate at the CI's "
                "geometric centre)", "derived", "derived", recomputed=check.se, low=wald.se_min,
                high=wald.se_max, interval="rounding")


def _least_side_ratio(ratio: Printed) -> float | None:
    """The least ratio of the longer to the shorter side of the CI on the log scale, ``ln(E/L)`` against
    ``ln(U/E)``, over the rounding box of the estimate and both bounds; None when the estimate may sit on or
    beyond a bound (``estimate_in_ci`` judges that). The longer side is shortest, and the shorter longest, with
    the estimate at the end of its rounding nearest the longer side's bound, that bound at its end nearest the
    estimate and the other bound at its end farthest from it."""
    (e_low, e_high), (l_low, l_high), (u_low, u_high) = (ratio.interval(), ratio.bound_interval(ratio.ci_low),
                                                          ratio.bound_interval(ratio.ci_high))
    if l_low <= 0 or not l_high < e_low <= e_high < u_low:
        return None
    if math.log(ratio.value / ratio.ci_low) >= math.log(ratio.ci_high / ratio.value):  # the lower side is longer
        return math.log(e_low / l_high) / math.log(u_high / e_low)
    return math.log(u_low / e_high) / math.log(e_high / l_low)


def _decimal_slips(ratio: Printed) -> list[tuple[str, str]]:
    """Every ``(printed bound, that bound with its decimal point moved one place)`` that puts the estimate at the
    geometric centre of the CI within rounding (``E / sqrt(L U)`` = 1 somewhere in the box of the estimate, the
    other bound and the moved one, whose box is the printed box moved with it), the estimate staying inside:
    HR 5.1 (3.9 to 66.4) with 0.39 or 6.64 (either divides ``L U`` by ten)."""
    e_box, l_box, u_box = ratio.interval(), ratio.bound_interval(ratio.ci_low), ratio.bound_interval(ratio.ci_high)
    slips = []
    for printed, factor in ((ratio.ci_low, 10.0), (ratio.ci_low, 0.1), (ratio.ci_high, 10.0), (ratio.ci_high, 0.1)):
        low, high = ((l_box[0] * factor, l_box[1] * factor), u_box) if printed == ratio.ci_low else (
            l_box, (u_box[0] * factor, u_box[1] * factor))
        if not (low[1] < e_box[0] and e_box[1] < high[0]):
            continue
        if e_box[0] / math.sqrt(low[1] * high[1]) <= 1.0 <= e_box[1] / math.sqrt(low[0] * high[0]):
            decimals = ratio.ci_decimals + (1 if factor < 1 else -1)
            slips.append((ratio.bound_digits(printed), f"{printed * factor:.{max(decimals, 0)}f}"))
    return slips


# An interval that is not a Wald interval is no flag on its own: exact (Clopper-Pearson, conditional), profile-
# likelihood, score (Wilson, Newcombe), Wilcoxon-Mann-Whitney odds and bootstrap intervals are all asymmetric on the
# Wald scale, and an abstract rarely says which it printed. A real abstract of the field (Marignier 2021's OR 1.663,
# 1.195 to 2.385, a CI on the probability scale) was a false alarm when this was flagged.
# Unless it is lopsided beyond what any method gives. The exact (Clopper-Pearson conditional) CI of a rate ratio
# with a single event in one arm is the most lopsided a ratio's interval gets: in the limit of a large other arm,
# Poisson bounds 0.0253 and 5.572 around 1 event, sides ln(1 / 0.0253) = 3.68 and ln(5.572) = 1.72, a ratio of 2.14
# (2 events: 1.65; mid-p and profile-likelihood intervals are less lopsided). A CI whose sides differ 3 times or
# more in every rounding is no interval method's output: a misprint.
# A text whose other ratio CIs are lopsided too (1.5 times or more) uses a method that makes them so (a bootstrap
# around a weighted estimate, as one held-out abstract of the field does, 2.6 to 6.9 times): none of its CIs is
# flagged for that alone.
LOPSIDED = 3.0
NEAR_SYMMETRIC = 1.5
EXACT_ONE_EVENT_SIDES = 2.1
OTHER_INTERVAL = ("An exact, profile-likelihood, score or bootstrap interval (or a misprint) would explain it, and "
                  "the printed numbers cannot tell which: not a flag")


@dataclass(frozen=True)
class _Centre:
    centre: float
    centre_min: float
    centre_max: float
    symmetry_can_fail: bool
    se: float


def _centre(ratio: Printed) -> _Centre:
    """``E / sqrt(L U)`` at the printed digits and over the rounding box, whether the symmetry check can fail,
    and the SE at the printed digits. With the bounds printed at the estimate's decimals, ``ratio_ci_check``
    (which also tries every printable estimate); with bounds at other decimals (``ci_decimals``), the box's
    corners (the centre rises with E and falls with L and U), the check being taken as one that can fail."""
    if ratio.ci_decimals == ratio.decimals:
        check = ratio_ci_check(ratio.value, ratio.ci_low, ratio.ci_high, ratio.decimals, level=PRINTED_CI_LEVEL)
        return _Centre(check.centre, check.centre_min, check.centre_max, check.symmetry_can_fail, check.se)
    (e_low, e_high), (l_low, l_high), (u_low, u_high) = (ratio.interval(), ratio.bound_interval(ratio.ci_low),
                                                          ratio.bound_interval(ratio.ci_high))
    return _Centre(ratio.value / math.sqrt(ratio.ci_low * ratio.ci_high), e_low / math.sqrt(l_high * u_high),
                   e_high / math.sqrt(l_low * u_low), True,
                   se_from_ci(ratio.ci_low, ratio.ci_high, PRINTED_CI_LEVEL))


def _reading_text(wald) -> str:
    return (f"L {wald.low_min:.4g} to {wald.low_max:.4g}, U {wald.high_min:.4g} to {wald.high_max:.4g}, E "
            f"{wald.estimate_min:.4g} to {wald.estimate_max:.4g}, SE of the log ratio {wald.se_min:.4g} to "
            f"{wald.se_max:.4g}, Wald p {wald.p_min:.3g} to {wald.p_max:.3g}")


def _significance(ratio: Printed, p: Printed) -> tuple[bool | None, bool | None]:
    """(whether every reading of the CI excludes 1, whether every reading of p is below 0.05); ``None``
    where the rounding allows both answers."""
    (l_low, l_high), (u_low, u_high) = ratio.bound_interval(ratio.ci_low), ratio.bound_interval(ratio.ci_high)
    excludes = True if (u_high < 1 or l_low > 1) else False if l_high <= 1 <= u_low else None
    return excludes, p_significant(p)


def _p_wald(ctx: Context, p: Printed, ratio: Printed, readings: dict[str, WaldReadings | ValueError]) -> None:
    """The printed p and the ratio's CI read as one: some Wald reading of the CI whose Wald p the printed
    p allows; otherwise a decision inconsistency when the two disagree on significance at 0.05."""
    try:
        alone = _wald(ratio, readings)
        joint = wald_readings(ratio.value, ratio.ci_low, ratio.ci_high, ratio.decimals,
                              ci_decimals=ratio.ci_decimals, p=p_window(p), level=PRINTED_CI_LEVEL)
        at_printed = p_from_ci(ratio.value, ratio.ci_low, ratio.ci_high, PRINTED_CI_LEVEL)
    except ValueError as err:
        ctx.not_recomputable("ratio_p_wald", p, [ratio], str(err), "consistency")
        return
    head = f"{p.named()} beside {ratio.named()}: "
    numbers = {"reported": p.value, "recomputed": at_printed}
    if alone.exists:
        numbers.update(low=alone.p_min, high=alone.p_max, interval="rounding")
    if joint.exists:
        ctx.add("ratio_p_wald", p, [ratio],
                head + f"one reading fits the CI as a Wald CI and the printed p as its Wald p: "
                f"{_reading_text(joint)}; {_WALD_CAVEAT}", "consistency", "consistent", **numbers)
        return
    excludes, significant = _significance(ratio, p)
    which_p = (f"the Wald readings of the CI give p {alone.p_min:.3g} to {alone.p_max:.3g}" if alone.exists else
               "no rounding makes the CI a Wald CI (see ratio_log_symmetry), so it gives no Wald p")
    which_ci = _ci_the_p_gives(p, ratio)
    if excludes is not None and significant is not None and excludes != significant:
        words = ("the CI excludes 1 but the p is not below 0.05" if excludes else
                 "the p is below 0.05 but the CI includes 1")
        ctx.add("ratio_p_wald", p, [ratio],
                head + f"decision inconsistency (statcheck's 'decision error'): {words}; {which_p}{which_ci}",
                "consistency", "inconsistent", **numbers)
        return
    ctx.add("ratio_p_wald", p, [ratio],
            head + f"the printed p is not the Wald p of any Wald reading: {which_p}{which_ci}; "
            f"{_agreement(excludes, significant)}, so another test (log-rank, score, exact) would explain it; the "
            "paper's test cannot be recomputed from these numbers", "consistency", "not_recomputable", **numbers)


def _agreement(excludes: bool | None, significant: bool | None) -> str:
    """What the CI and the p say of significance at 0.05 where they show no decision inconsistency: both the same,
    or one of them left open by the rounding."""
    if excludes is None or significant is None:
        return "the rounding leaves open whether the CI and the p agree on significance at 0.05"
    return f"the CI and the p agree on significance (both say p {'<' if excludes else '>='} 0.05)"


def _ci_the_p_gives(p: Printed, ratio: Printed) -> str:
    """``; the printed p with the estimate gives the Wald CI ...`` when that CI is defined, else ``""``."""
    e_range = ratio.interval()
    window_low, window_high = p_window(p)
    if e_range[0] <= 1 <= e_range[1] or p.comparator != "=" or not 0 < window_low <= window_high < 1:
        return ""
    try:
        bounds = ci_from_p_range(e_range, (window_low, window_high), PRINTED_CI_LEVEL)
    except OverflowError:  # an estimate near the float limit has a CI beyond it
        return ""
    return (f"; the printed p with the estimate gives the Wald {level_text(PRINTED_CI_LEVEL)} CI lower end "
            f"{bounds.low_min:.3g} to {bounds.low_max:.3g}, upper end {bounds.high_min:.3g} to {bounds.high_max:.3g}")


def _ci_from_p(ctx: Context, p: Printed, ratio: Printed) -> None:
    try:
        _implied_ci(ctx, p, ratio)
    except OverflowError:  # an estimate near the float limit has a CI beyond it
        ctx.not_recomputable("ratio_ci_from_p", p, [ratio], "the implied CI lies beyond the largest float",
                             "derived")


def _implied_ci(ctx: Context, p: Printed, ratio: Printed) -> None:
    e_range = ratio.interval()
    if e_range[0] <= 0 or e_range[0] <= 1 <= e_range[1] or p.comparator == ">":
        why = ("the estimate may be 1, where a p implies no SE" if e_range[0] > 0 and p.comparator != ">"
               else "a p printed as '> t' bounds no CI" if p.comparator == ">" else "the estimate may be 0")
        ctx.not_recomputable("ratio_ci_from_p", p, [ratio], why, "derived")
        return
    if p.exact and p.value == 0:  # "p = 0.000": z_p is infinite at the printed digits
        ctx.not_recomputable("ratio_ci_from_p", p, [ratio], "a p printed as 0 implies no SE", "derived")
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
    return d.interval(), d.bound_interval(d.ci_low), d.bound_interval(d.ci_high)


def _difference_symmetry(ctx: Context, d: Printed) -> None:
    (e_low, e_high), (l_low, l_high), (u_low, u_high) = _difference_box(d)
    low, high = e_low - (l_high + u_high) / 2, e_high - (l_low + u_low) / 2
    ok = low <= 0 <= high
    ctx.add("difference_symmetry", d, [],
            f"{d.named()}: estimate minus the CI's midpoint ranges over rounding from {low:.4g} to {high:.4g}; "
            + ("the CI is symmetric within rounding" if ok else
               f"the CI is not symmetric around the estimate: not a Wald interval on this scale. {OTHER_INTERVAL}"),
            "consistency", "consistent" if ok else "not_recomputable", reported=0.0, low=low, high=high,
            interval="rounding")


def _difference_p(ctx: Context, p: Printed, d: Printed) -> None:
    """The printed p and the difference's CI read as one, as for a ratio on its log scale: some Wald reading of
    the CI (symmetric around the estimate within rounding) whose Wald p the printed p allows; otherwise a decision
    inconsistency when the CI and the p disagree on significance at 0.05."""
    # The schema's bounds are ordered and finite, so the readings are always defined.
    alone = difference_wald_readings(d.value, d.ci_low, d.ci_high, d.decimals, ci_decimals=d.ci_decimals,
                                     level=PRINTED_CI_LEVEL)
    joint = difference_wald_readings(d.value, d.ci_low, d.ci_high, d.decimals, ci_decimals=d.ci_decimals,
                                     p=p_window(p), level=PRINTED_CI_LEVEL)
    z = z_value(PRINTED_CI_LEVEL)
    width = d.ci_high - d.ci_low
    # scipy.stats.norm.sf(x) is special.ndtr(-x), here without the distribution's per-call overhead.
    p_at = float(2 * special.ndtr(-(abs(d.value) * 2 * z / width))) if width > 0 else math.nan
    head = f"{p.named()} beside {d.named()}: "
    numbers = {"reported": p.value, "recomputed": p_at}
    if alone.exists:
        numbers.update(low=alone.p_min, high=alone.p_max, interval="rounding")
    if joint.exists:
        caveat = _WALD_CAVEAT.replace("log-rank, score", "t-test, rank")
        ctx.add("difference_p_wald", p, [d],
                head + f"one reading fits the CI as a Wald CI and the printed p as its Wald p: L {joint.low_min:.4g} "
                f"to {joint.low_max:.4g}, U {joint.high_min:.4g} to {joint.high_max:.4g}, E {joint.estimate_min:.4g} "
                f"to {joint.estimate_max:.4g}, Wald p {joint.p_min:.3g} to {joint.p_max:.3g} ({caveat})",
                "consistency", "consistent", **numbers)
        return
    which_p = (f"the Wald readings of the CI give p {alone.p_min:.3g} to {alone.p_max:.3g}" if alone.exists else
               "no rounding makes the CI symmetric around the estimate (see difference_symmetry), so it gives no "
               f"Wald p (the estimate with the CI's width gives {p_at:.3g})")
    (l_low, l_high), (u_low, u_high) = d.bound_interval(d.ci_low), d.bound_interval(d.ci_high)
    excludes = True if (u_high < 0 or l_low > 0) else False if l_high <= 0 <= u_low else None
    significant = p_significant(p)
    if excludes is not None and significant is not None and excludes != significant:
        words = ("the CI excludes 0 but the p is not below 0.05" if excludes else
                 "the p is below 0.05 but the CI includes 0")
        ctx.add("difference_p_wald", p, [d], head + f"decision inconsistency (statcheck's 'decision error'): {words}; "
                f"{which_p}", "consistency", "inconsistent", **numbers)
        return
    ctx.add("difference_p_wald", p, [d],
            head + f"the printed p is not the Wald p of any Wald reading: {which_p}; "
            f"{_agreement(excludes, significant)}, so another test (a t-test with few degrees of freedom, a rank or "
            "exact test, another model) would explain it; the paper's test cannot be recomputed from these numbers",
            "consistency", "not_recomputable", **numbers)
