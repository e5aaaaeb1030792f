"""Test statistics and their p values: ``statistic_p`` (statcheck's check).

A ``p`` whose ``of`` names a ``t``, ``F``, ``chi2``, ``z`` or ``r`` row (with its ``df``): the p
values the statistic allows over its rounding (``p_from_statistic``; two-sided for t, z and r,
upper tail for F and chi2; Nuijten et al. 2016) must meet the values the printed p allows (its
rounding interval, or ``< t`` / ``> t``). When it does not, the finding says whether the two
disagree on significance at 0.05 (a decision inconsistency, statcheck's "decision error": every p the
statistic allows on one side of 0.05, every p the printed p allows on the other) and whether a
one-sided test, half the two-sided p, would give the printed p.

``two_group_p`` (consistency): a ``p`` whose ``of`` names two quantities (``a;b``) compares them
(:mod:`analysis.stats.two_groups`). Two means, each with its SD (the ``sd`` row of the same ``of`` variable) and n
(its ``denominator``): Student's and Welch's t-tests over the rounding of means and SDs. Two counts of their totals,
or two percents of their totals: chi-squared with and without Yates' correction and Fisher's exact test (this one
for at most 10**6 patients in all, see ``two_by_two_p``), for the printed counts or for every pair of counts whose
shares print as the percents (counted before they are listed, at most ``MOST_TABLES``).
``consistent`` when one of these standard tests gives a p the printed p allows, each fitting
test named; ``inconsistent`` otherwise, named a decision inconsistency when every test's p is on the other side of
0.05 from the printed p. Another test (an adjusted model, a rank test) may explain an ``inconsistent`` row that is
no decision inconsistency: the finding says so.

``two_group_statistic`` (consistency): the same for a printed ``t`` whose ``of`` names two means (``|t|`` of
Student's and Welch's t-tests, exact over the rounding) or a printed ``chi2`` whose ``of`` names two counts or two
percents (chi-squared with and without Yates' correction): ``consistent`` when one test's statistic prints as it.
"""

from __future__ import annotations

import math

from analysis.audit._context import ALPHA, Context, Printed, p_allows, p_significant
from analysis.data.schemas import TEST_STATISTICS
from analysis.stats import p_from_statistic
from analysis.stats.two_groups import t_statistic_ranges, t_test_p_ranges, two_by_two_chi2, two_by_two_p

# Most 2 x 2 tables (pairs of counts consistent with two printed percents) the two-group check tests one by one.
MOST_TABLES = 10_000

_TAILS = {"t": "two-sided", "z": "two-sided", "r": "two-sided", "F": "upper tail", "chi2": "upper tail"}


def statistic_checks(ctx: Context) -> None:
    for stat in ctx.with_statistic("t", "chi2"):
        if ";" in stat.of:
            _two_groups(ctx, stat)
    for p in ctx.with_statistic("p"):
        if ";" in p.of:
            _two_groups(ctx, p)
            continue
        stat = ctx.get(p.of)
        if stat is None or stat.statistic not in TEST_STATISTICS or not stat.exact:
            continue
        df = None
        if stat.statistic == "F":
            df = tuple(float(part) for part in stat.df.split(";"))
        elif stat.statistic != "z":
            if not stat.df:  # an r printed with its CI alone: the schema allows it, its p needs n - 2
                ctx.not_recomputable("statistic_p", p, [stat], "an r printed without its degrees of freedom (n - 2), "
                                     "which its p needs", "consistency")
                continue
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


def _check(row: Printed) -> str:
    return "two_group_p" if row.statistic == "p" else "two_group_statistic"


def _sample_of(ctx: Context, mean: Printed) -> tuple[Printed | None, Printed | None]:
    """The SD row of the same variable as ``mean``, and the count row of its n."""
    sd = next((row for row in ctx.with_statistic("sd") if row.of == mean.of and row.exact
               and (mean.role != "baseline" or row.denominator == mean.denominator)), None)
    n = ctx.get(mean.denominator)
    return sd, n if n is not None and n.statistic == "count" and n.exact else None


def _two_groups(ctx: Context, p: Printed) -> None:
    parts = [ctx.get(name) for name in p.of.split(";")]
    if any(part is None or not part.exact for part in parts):
        return
    if parts[0].statistic == "mean":
        _two_means(ctx, p, parts)
    else:
        _two_shares(ctx, p, parts)


def _statistic_window(stat: Printed) -> tuple[float, float]:
    """The values a printed t or chi2 allows (``|t|`` for a t, whose sign only says which group is larger)."""
    low, high = stat.interval()
    if stat.statistic == "t":
        low, high = (0.0 if low <= 0 <= high else min(abs(low), abs(high))), max(abs(low), abs(high))
    return low, high


def _statistic_verdict(ctx: Context, stat: Printed, used: list[Printed], what: str,
                       ranges: dict[str, tuple[float, float]], fits: list[str]) -> None:
    """A printed t or chi2 beside the statistic each standard test gives over the rounding. A t is continuous on
    the (connected) rounding box, so it fits when its window meets the range; a chi2 of counts is discrete, and
    ``fits`` names the tests one of whose tables gives it."""
    low, high = _statistic_window(stat)
    if stat.statistic == "t":
        fits = [test for test, (t_low, t_high) in ranges.items() if t_low <= high and low <= t_high]
    shown = "; ".join(f"{test} {t_low:.4g} to {t_high:.4g}" for test, (t_low, t_high) in ranges.items())
    words = (f"{', '.join(fits)} {'gives' if len(fits) == 1 else 'give'} it" if fits else
             "no standard test gives it (another test, such as an adjusted model, may)")
    ctx.add("two_group_statistic", stat, used, f"{stat.named()} comparing {what}: {shown} (over the rounding of the "
            f"printed numbers); {words}", "consistency", "consistent" if fits else "inconsistent",
            reported=stat.value, low=min(r[0] for r in ranges.values()), high=max(r[1] for r in ranges.values()),
            interval="rounding")


def _verdict(ctx: Context, p: Printed, used: list[Printed], what: str, ranges: dict[str, tuple[float, float]],
             fits: list[str]) -> None:
    if p.statistic != "p":
        _statistic_verdict(ctx, p, used, what, ranges, fits)
        return
    shown = "; ".join(f"{test} p {low:.3g} to {high:.3g}" for test, (low, high) in ranges.items())
    low, high = min(r[0] for r in ranges.values()), max(r[1] for r in ranges.values())
    if fits:
        words = f"{', '.join(fits)} {'gives' if len(fits) == 1 else 'give'} a p the printed p allows"
        status = "consistent"
    else:
        computed = True if high < ALPHA else False if low >= ALPHA else None
        printed = p_significant(p)
        status = "inconsistent"
        if computed is not None and printed is not None and computed != printed:
            words = "no standard test gives the printed p: a decision inconsistency (statcheck's 'decision error'), " \
                + (
                "every test gives p < 0.05, the printed p does not" if computed else
                "the printed p is below 0.05, no test's p is")
        else:
            words = ("no standard test gives the printed p, though they agree on significance at 0.05 (another test, "
                     "such as an adjusted model or a rank test, may explain it)")
    ctx.add("two_group_p", p, used, f"{p.named()} comparing {what}: {shown} (over the rounding of the printed "
            f"numbers); {words}", "consistency", status, reported=p.value, low=low, high=high, interval="rounding")


def _two_means(ctx: Context, p: Printed, means: list[Printed]) -> None:
    samples = [_sample_of(ctx, mean) for mean in means]
    if any(sd is None or n is None for sd, n in samples):
        return
    used = [row for mean, (sd, n) in zip(means, samples) for row in (mean, sd, n)]
    what = " and ".join(f"mean {mean.digits()} (SD {sd.digits()}, n {n.digits()}, {mean.quantity})"
                        for mean, (sd, n) in zip(means, samples))
    arguments = (means[0].interval(), samples[0][0].interval(), int(samples[0][1].value),
                 means[1].interval(), samples[1][0].interval(), int(samples[1][1].value))
    try:
        tests = t_test_p_ranges(*arguments)
        statistics = t_statistic_ranges(*arguments)
    except ValueError as err:
        ctx.not_recomputable(_check(p), p, used, str(err), "consistency")
        return
    if p.statistic == "t":
        _verdict(ctx, p, used, what, dict(zip(("Student's t-test", "Welch's t-test"), statistics)), [])
        return
    ranges = {test.test: (test.low, test.high) for test in tests}
    _verdict(ctx, p, used, what, ranges, [test.test for test in tests if p_allows(p, test.low, test.high)])


def _shares(ctx: Context, part: Printed) -> tuple[range | None, Printed | None, list[Printed]]:
    """The counts a count or percent row allows (a range), its total, and the rows used."""
    if part.statistic == "count":
        total = ctx.get(part.denominator)
        return range(int(part.value), int(part.value) + 1), total, [part]
    count = ctx.get(part.of)
    total = ctx.get(part.denominator) or (ctx.get(count.denominator) if count else None)
    if count is not None and count.exact:
        return range(int(count.value), int(count.value) + 1), total, [part, count]
    if total is None or total.statistic != "count" or not total.exact:
        return None, total, [part]
    low, high = part.interval()
    n = int(total.value)
    return range(max(0, math.ceil(low * n / 100)), min(n, math.floor(high * n / 100)) + 1), total, [part]


def _two_shares(ctx: Context, p: Printed, parts: list[Printed]) -> None:
    found = [_shares(ctx, part) for part in parts]
    if any(counts is None or total is None or total.statistic != "count" or not total.exact or total.value < 1
           for counts, total, _ in found):
        return
    used = [row for counts, total, rows in found for row in (*rows, total)]
    (counts_1, total_1, _), (counts_2, total_2, _) = found
    n_1, n_2 = int(total_1.value), int(total_2.value)
    what = " and ".join(f"{part.quantity} of {total.quantity} = {total.digits()}"
                        for part, (_, total, _) in zip(parts, found))
    tables = len(counts_1) * len(counts_2)
    if tables > MOST_TABLES or tables == 0:
        why = (f"{tables} pairs of counts print as the two shares, more than the {MOST_TABLES} tested one by one"
               if tables else "no whole count prints as one of the shares (see percent_grim)")
        ctx.not_recomputable(_check(p), p, used, why, "consistency")
        return
    ranges: dict[str, tuple[float, float]] = {}
    fits: list[str] = []
    compute = two_by_two_p if p.statistic == "p" else two_by_two_chi2
    window = None if p.statistic == "p" else _statistic_window(p)
    for k_1 in counts_1:
        for k_2 in counts_2:
            for test, value in compute(k_1, n_1, k_2, n_2).items():
                low, high = ranges.get(test, (value, value))
                ranges[test] = (min(low, value), max(high, value))
                allowed = p_allows(p, value, value) if window is None else window[0] <= value <= window[1]
                if test not in fits and allowed:
                    fits.append(test)
    _verdict(ctx, p, used, what, ranges, [test for test in ranges if test in fits])
