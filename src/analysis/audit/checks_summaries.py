"""Summaries of one sample (rows sharing ``of``, n in ``denominator``): ``median_in_range``,
``mean_in_range``, ``mean_sd_estimate``, ``mean_bounds``, ``grim_mean``, ``grimmer``, ``summary_of_none``.

* ``median_in_range`` / ``mean_in_range`` (consistency): min <= q1 <= median <= q3 <= max (and the
  mean within the range) for some true values behind the printed ones.
* ``mean_sd_estimate`` (derived): with n, the mean and SD estimated from the median with the range
  and/or the quartiles (``mean_sd_from_quantiles``: Luo 2018, Wan 2014, Shi 2020), with their
  ranges over the printed rounding; they assume roughly normal data and mislead for skewed data. For
  whole-number data printed whole (median and range in a count unit, days or a score) the minimum and
  maximum are exact and the median is exact for odd n: the estimate is then a single number (no range), and
  for even n it ranges over the medians whole numbers can have (``feasible``), the half-unit ones included.
* ``mean_bounds`` (derived, or consistency against a printed mean): for whole-number data (a
  count unit, days counted in whole days, or a score) printed without decimals, the exact smallest and
  largest mean of n whole numbers with that median, minimum and maximum (``mean_bounds``).
* ``grim_mean`` / ``grimmer`` (consistency): a mean (and SD) of n whole numbers must be reachable
  at its printed decimals (Brown & Heathers 2017; Anaya 2016). When n >= 10**decimals every mean
  is reachable and GRIM cannot fail: the row says so (``by_construction``).
* ``summary_of_none`` (consistency): a summary whose n (``denominator``) is printed as 0 is
  ``inconsistent``: a sample of no one has no mean, SD, median or range.
"""

from __future__ import annotations

import itertools

from analysis.audit._context import WHOLE_UNITS, Context, Printed
from analysis.data.schemas import SUMMARY_STATISTICS
from analysis.stats import grim_mean, grimmer, mean_bounds, mean_sd_from_quantiles

_ORDER = ["min", "q1", "median", "q3", "max"]


def _samples(ctx: Context) -> dict[str, dict[str, Printed]]:
    groups: dict[str, dict[str, Printed]] = {}
    for row in ctx.with_statistic(*SUMMARY_STATISTICS):
        if row.exact:  # a baseline variable's arms share its ``of``: each arm (its n) is a sample of its own
            sample = f"{row.of} ({row.denominator})" if row.role == "baseline" else row.of
            groups.setdefault(sample, {})[row.statistic] = row
    return groups


def _n(ctx: Context, sample: dict[str, Printed]) -> tuple[int | None, Printed | None]:
    for name in ("median", *SUMMARY_STATISTICS):  # the median's n, then the mean's (SUMMARY_STATISTICS starts with it)
        row = sample.get(name)
        total = ctx.get(row.denominator) if row is not None else None
        if total is not None and total.statistic == "count" and total.exact and total.value >= 1:
            return int(total.value), total
    return None, None


def _of_none(ctx: Context, variable: str, sample: dict[str, Printed]) -> None:
    """Each summary whose n is printed as 0: a sample of no one has no mean, SD, median or range."""
    for row in sample.values():
        total = ctx.get(row.denominator)
        if total is not None and total.statistic == "count" and total.exact and total.value < 1:
            ctx.add("summary_of_none", row, [total],
                    f"{variable}: {row.statistic} {row.digits()} of {total.quantity} = 0: a sample of no one has "
                    f"no {row.statistic}", "consistency", "inconsistent", reported=row.value)


def summary_checks(ctx: Context) -> None:
    for variable, sample in sorted(_samples(ctx).items()):
        _of_none(ctx, variable, sample)
        n, total = _n(ctx, sample)
        _order(ctx, variable, sample)
        if n is not None and "median" in sample:
            _estimates(ctx, variable, sample, n, total)
        if n is not None:
            _bounds(ctx, variable, sample, n, total)
            _granularity(ctx, variable, sample, n, total)


def _order(ctx: Context, variable: str, sample: dict[str, Printed]) -> None:
    present = [sample[name] for name in _ORDER if name in sample]
    if "median" in sample and len(present) >= 2:
        bad = [(a, b) for a, b in zip(present, present[1:]) if a.interval()[0] > b.interval()[1]]
        printed = ", ".join(f"{r.statistic} {r.digits()}" for r in present)
        ctx.add("median_in_range", sample["median"], [r for r in present if r is not sample["median"]],
                f"{variable}: {printed}: " + ("in order within rounding" if not bad else
                                              "out of order: " + "; ".join(f"{a.statistic} {a.digits()} above "
                                                                           f"{b.statistic} {b.digits()}"
                                                                           for a, b in bad)),
                "consistency", "inconsistent" if bad else "consistent", reported=sample["median"].value)
    if "mean" in sample and "min" in sample and "max" in sample:
        mean, low, high = sample["mean"], sample["min"], sample["max"]
        ok = low.interval()[0] <= mean.interval()[1] and mean.interval()[0] <= high.interval()[1]
        ctx.add("mean_in_range", mean, [low, high],
                f"{variable}: mean {mean.digits()} " + ("within" if ok else "outside") +
                f" the range {low.digits()} to {high.digits()}", "consistency",
                "consistent" if ok else "inconsistent", reported=mean.value)


def _estimates(ctx: Context, variable: str, sample: dict[str, Printed], n: int, total: Printed) -> None:
    names = {"min": "minimum", "max": "maximum", "q1": "q1", "q3": "q3"}
    given = {name: sample[name] for name in names if name in sample}
    has_range, has_iqr = "min" in given and "max" in given, "q1" in given and "q3" in given
    if not (has_range or has_iqr):
        return
    used = {k: v for k, v in given.items() if (k in ("min", "max") and has_range) or (k in ("q1", "q3") and has_iqr)}
    median = sample["median"]

    def estimate(values: dict[str, float], m: float):
        return mean_sd_from_quantiles(n, median=m, **{names[k]: v for k, v in values.items()})

    # Whole-number data (a count unit, days, a score) printed whole have an exact minimum and maximum, and a median
    # that is the printed one (odd n) or may be half a unit off (even n): no rounding range for them. (Quartiles
    # of whole numbers can be fractions, so an estimate that uses them keeps its rounding range.)
    whole = median.whole and set(used) == {"min", "max"} and all(row.whole for row in used.values())
    try:
        mean, sd = estimate({k: v.value for k, v in used.items()}, median.value)
        # The mean rises with every input; the SD rises with max and q3 and falls with min and q1:
        # their extremes over the rounding box are at its corners.
        corners = []
        boxes = [median.interval(), *(used[k].interval() for k in used)]
        if whole:
            boxes = [_medians(median, n), *((row.value,) for row in used.values())]
        for corner in itertools.product(*boxes):
            values = dict(zip(used, corner[1:]))
            ordered = [values.get("min"), values.get("q1"), corner[0], values.get("q3"), values.get("max")]
            ordered = [v for v in ordered if v is not None]
            if all(a <= b for a, b in zip(ordered, ordered[1:])):
                corners.append(estimate(values, corner[0]))
    except ValueError as err:
        ctx.not_recomputable("mean_sd_estimate", median, [*used.values(), total], str(err), "derived")
        return
    printed = ", ".join(f"{k} {v.digits()}" for k, v in used.items())
    what = f"{variable} from median {median.digits()}, {printed}, n = {n} ({total.quantity})"
    caveat = "Luo/Wan/Shi estimators assuming roughly normal data; unreliable for skewed data or small n"
    for part, value, values in (("mean", mean, [c[0] for c in corners] or [mean]),
                                ("sd", sd, [c[1] for c in corners] or [sd])):
        name = "mean" if part == "mean" else "SD"
        if not whole:
            span, numbers = f"range over rounding {min(values):.4g} to {max(values):.4g}", \
                {"low": min(values), "high": max(values), "interval": "rounding"}
        elif min(values) == max(values):
            span, numbers = f"exact: {n} whole numbers ({median.unit}) have the printed median and range", {}
        else:
            span, numbers = (f"{min(values):.4g} to {max(values):.4g} over the medians {n} whole numbers "
                             f"({median.unit}) can have", {"low": min(values), "high": max(values),
                                                          "interval": "feasible"})
        ctx.add("mean_sd_estimate", median, [*used.values(), total],
                f"{what}: estimated {name} {value:.4g} ({span}); {caveat}", "derived", "derived", part=part,
                recomputed=value, **numbers)


def _medians(median: Printed, n: int) -> list[float]:
    """True medians of n whole numbers that print as the median: the value, or for even n also a half."""
    low, high = median.interval()
    candidates = [median.value - 0.5, median.value, median.value + 0.5] if n % 2 == 0 else [median.value]
    return [m for m in candidates if low <= m <= high]


def _bounds(ctx: Context, variable: str, sample: dict[str, Printed], n: int, total: Printed) -> None:
    needed = [sample.get(name) for name in ("median", "min", "max")]
    if any(row is None or not row.whole for row in needed):
        return
    median, low_row, high_row = needed
    found = []
    for m in _medians(median, n):
        try:
            found.append(mean_bounds(n, median=m, minimum=int(low_row.value), maximum=int(high_row.value)))
        except ValueError:
            continue
    words = (f"{variable}: n = {n} ({total.quantity}) whole numbers ({median.unit}, counted whole) with median "
             f"{median.digits()}, minimum {low_row.digits()}, maximum {high_row.digits()}")
    used = [low_row, high_row, total]
    if not found:
        ctx.add("mean_bounds", median, used, f"{words}: no such data exist", "consistency", "inconsistent",
                reported=median.value)
        return
    low, high = min(f[0] for f in found), max(f[1] for f in found)
    mean = sample.get("mean")
    if mean is None:
        ctx.add("mean_bounds", median, used, f"{words}: the mean lies between {low:.4g} and {high:.4g} exactly",
                "derived", "derived", low=low, high=high, interval="bounds")
        return
    m_low, m_high = mean.interval()
    ok = m_low <= high and low <= m_high
    ctx.add("mean_bounds", mean, [median, *used],
            f"{words}: the mean lies between {low:.4g} and {high:.4g} exactly; the printed mean {mean.digits()} "
            + ("is within them" if ok else "is outside them"), "consistency", "consistent" if ok else "inconsistent",
            reported=mean.value, low=low, high=high, interval="bounds")


def _granularity(ctx: Context, variable: str, sample: dict[str, Printed], n: int, total: Printed) -> None:
    mean = sample.get("mean")
    if mean is None or mean.unit not in WHOLE_UNITS:
        return
    words = f"{variable}: mean {mean.digits()} of n = {n} ({total.quantity}) whole numbers"
    if n >= 10 ** mean.decimals:
        ctx.add("grim_mean", mean, [total], f"{words}: GRIM cannot fail when n >= 10^decimals "
                f"({n} >= {10 ** mean.decimals})", "consistency", "by_construction", reported=mean.value)
    else:
        ok = grim_mean(mean.digits(), n)
        ctx.add("grim_mean", mean, [total], f"{words}: " + ("some whole total gives this mean (GRIM)" if ok else
                                                          "no whole total divided by n prints as this mean (GRIM)"),
                "consistency", "consistent" if ok else "inconsistent", reported=mean.value)
    sd = sample.get("sd")
    if sd is not None and n >= 2:
        ok = grimmer(mean.digits(), sd.digits(), n)
        ctx.add("grimmer", sd, [mean, total],
                f"{words}, SD {sd.digits()}: " + ("some whole-number data give this mean and SD (GRIMMER)" if ok else
                                                  "no whole-number data give this mean and SD (GRIMMER)"),
                "consistency", "consistent" if ok else "inconsistent", reported=sd.value)

