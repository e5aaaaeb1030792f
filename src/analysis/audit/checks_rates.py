"""Event rates: ``rate_recompute``, ``rate_grim``, ``rate_exact_ci``, ``rate_ci_poisson``, ``rate_ci_symmetry``.

A rate's ``of`` is its count of events, its ``denominator`` the exposure (patient-years);
the exposure is itself a printed, rounded number. A rate in ``per_100_patient_years`` or
``per_1000_patient_years`` is checked after scaling to per patient-year.

* ``rate_recompute`` (reported): events / exposure over the exposure's rounding must print as
  the rate (``match`` when the two ranges meet). A ``mismatch`` that a power of ten would make a match
  says so: a rate per 100 or 1000 patient-years typed as per patient-year, or the reverse.
* ``rate_grim`` (consistency): exposure but no printed events: some whole count ``k`` with
  ``k / T`` printing as the rate for some ``T`` behind the printed exposure; lists the counts.
* ``rate_exact_ci`` (derived): events and exposure printed: the exact (Garwood) Poisson CI.
* ``rate_ci_poisson`` (consistency): a printed rate CI beside the exact Poisson CIs of every count
  the rate allows (the printed count, or the ``rate_grim`` counts; with events but no exposure,
  the exposure ``k / rate`` implies): ``consistent`` when one matches within rounding; a printed CI
  wider than every Poisson CI is ``consistent`` and said to be "wider than Poisson: model-based?"
  (a negative binomial or robust interval allows for between-patient variation), not an error;
  narrower or shifted is ``inconsistent``.
* ``rate_ci_symmetry`` (consistency): a printed rate CI is symmetric on the rate scale or on the
  log scale within rounding (either is usual for a rate), or is the exact Poisson CI, or is skewed between the
  two scales as exact Poisson, score and likelihood-ratio intervals are (its estimate between the bounds'
  geometric mean and their midpoint); ``inconsistent`` only when skewed beyond both.
"""

from __future__ import annotations

import math

from analysis.audit._context import PRINTED_CI_LEVEL, Context, Printed, level_text
from analysis.stats import SIZE_BOUNDS, poisson_ci

_MOST_COUNTS = 2000  # more candidate counts than this: the rate pins nothing down
# The most events poisson_ci takes: scipy's distributions take counts as floats (exact up to 2**53).
LARGEST_EVENTS = SIZE_BOUNDS["scipy_count"].limit


def _scaled(rate: Printed, interval: tuple[float, float]) -> tuple[float, float]:
    """A printed rate's interval (per 1, 100 or 1000 patient-years, by its unit) per patient-year."""
    return interval[0] / rate.per_patient_year, interval[1] / rate.per_patient_year


def _exposure(ctx: Context, rate: Printed, events: Printed | None) -> tuple[Printed | None, tuple[float, float] | None]:
    """The exposure row and the range of true exposures: printed, or implied by events / rate."""
    exposure = ctx.get(rate.denominator)
    if exposure is not None and exposure.exact and exposure.value > 0:
        return exposure, exposure.interval()
    if events is not None and events.exact and events.value > 0 and rate.exact:
        low, high = _scaled(rate, rate.interval())
        if low > 0:
            return None, (events.value / high, events.value / low)
    return None, None


def _counts(rate: Printed, times: tuple[float, float]) -> range:
    """The whole event counts the rate allows over the exposures, as a range: counted, never listed."""
    low, high = _scaled(rate, rate.interval())
    first, last = math.ceil(max(low, 0.0) * times[0]), math.floor(high * times[1])
    return range(first, last + 1)


def _ci_verdict(rate: Printed, k: int, times: tuple[float, float], level: float) -> str:
    """``match``, ``wider`` or ``other``: the printed CI beside the exact CI of k events over an
    exposure t in ``times``. The exact bounds are ``a / t`` and ``b / t`` (``a``, ``b``: the bounds
    for unit exposure); ``match`` when for some t both print as the printed bounds, ``wider`` when
    for some t the printed CI (over its rounding) contains the exact one, ``other`` otherwise."""
    _, a, b = poisson_ci(k, 1.0, level)
    l_low, l_high = _scaled(rate, rate.bound_interval(rate.ci_low))
    u_low, u_high = _scaled(rate, rate.bound_interval(rate.ci_high))
    t_low, t_high = times
    inf = math.inf
    # b / t in [u_low, u_high]  <=>  t in [b / u_high, b / u_low]
    upper = (b / u_high, b / u_low if u_low > 0 else inf)
    # a / t in [l_low, l_high]; with no events (a = 0) any t when l_low <= 0 < l_high, none otherwise
    lower = (a / l_high if l_high > 0 else inf, a / l_low if l_low > 0 else inf)
    if max(upper[0], lower[0], t_low) <= min(upper[1], lower[1], t_high):
        return "match"
    # contains: u_high >= b / t (t >= b / u_high) and l_low <= a / t
    contain_high = inf if l_low <= 0 else a / l_low
    if max(b / u_high, t_low) <= min(contain_high, t_high):
        return "wider"
    return "other"


def rate_checks(ctx: Context) -> None:
    for rate in ctx.with_statistic("rate"):
        events = ctx.get(rate.of)
        events = events if events is not None and events.statistic == "count" and events.exact else None
        exposure, times = _exposure(ctx, rate, events)
        counts: list[int] | range = []
        if events is not None and exposure is not None:
            k = int(events.value)
            scale = rate.per_patient_year
            recomputed = scale * k / exposure.value
            lo, hi = scale * k / times[1], scale * k / times[0]
            r_low, r_high = rate.interval()
            ok = lo <= r_high and r_low <= hi
            per = "" if scale == 1 else f" x {scale} (per {scale} patient-years)"
            ctx.add("rate_recompute", rate, [events, exposure],
                    f"{rate.named()} recomputed as {events.quantity} = {k} / "
                    f"{exposure.quantity} = {exposure.digits()}{per}: {recomputed:.4g} (range {lo:.4g} to {hi:.4g} "
                    f"over the exposure's rounding) {'prints as' if ok else 'cannot print as'} the rate"
                    + ("" if ok else _power_of_ten(rate, lo, hi)),
                    "reported", "match" if ok else "mismatch", reported=rate.value, recomputed=recomputed,
                    low=lo, high=hi, interval="rounding")
            if k > LARGEST_EVENTS:
                ctx.not_recomputable("rate_exact_ci", rate, [events, exposure],
                                     f"more than {LARGEST_EVENTS} events, the most an exact Poisson CI is computed for",
                                     "derived")
                if rate.has_ci:
                    _symmetry(ctx, rate, None)
                continue
            _, low, high = poisson_ci(k, exposure.value / scale, ctx.level)
            ctx.add("rate_exact_ci", rate, [events, exposure],
                    f"{rate.quantity}: exact (Garwood) Poisson {level_text(ctx.level)} CI of {k} events over "
                    f"{exposure.digits()} {exposure.unit}: {low:.4g} to {high:.4g}", "derived", "derived",
                    recomputed=recomputed, low=low, high=high, interval="ci")
            counts = [k]
        elif events is not None and times is not None and events.value <= LARGEST_EVENTS:
            counts = [int(events.value)]
        elif exposure is not None and rate.exact:
            counts = _counts(rate, times)
            if len(counts) <= _MOST_COUNTS:
                shown = ", ".join(map(str, counts[:6])) + (f" and {len(counts) - 6} more" if len(counts) > 6 else "")
                ctx.add("rate_grim", rate, [exposure],
                        f"{rate.named()} over {exposure.quantity} = {exposure.digits()} {exposure.unit}: "
                        + (f"whole event counts {shown} give it" if counts else
                           "no whole number of events over any exposure that prints as the printed one gives it"),
                        "consistency", "consistent" if counts else "inconsistent", reported=rate.value,
                        low=counts[0] if counts else None, high=counts[-1] if counts else None,
                        interval="feasible" if counts else None)
            if counts and counts[-1] > LARGEST_EVENTS:  # too many events for an exact Poisson CI to compare with
                counts = []
        if rate.has_ci:
            poisson = _poisson_comparison(ctx, rate, events, exposure, times, counts)
            _symmetry(ctx, rate, poisson)


def _power_of_ten(rate: Printed, low: float, high: float) -> str:
    """``; it does when multiplied by 100: ...`` when the recomputed range, scaled by a power of ten, meets the
    printed rate: a rate per 100 or 1000 patient-years typed in the wrong unit."""
    r_low, r_high = rate.interval()
    for power in (1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, -6):
        factor = 10.0**power
        if low * factor <= r_high and r_low <= high * factor:
            return (f"; it does when multiplied by {factor:g}: the rate may be per {factor * rate.per_patient_year:g} "
                    "patient-years, not in the unit given")
    return ""


def _poisson_comparison(ctx, rate, events, exposure, times, counts) -> str | None:
    if not counts or len(counts) > _MOST_COUNTS or times is None:
        return None
    verdicts = {k: _ci_verdict(rate, k, times, PRINTED_CI_LEVEL) for k in counts}
    used = [row for row in (events, exposure) if row is not None]
    matching = [k for k, v in verdicts.items() if v == "match"]
    wider = [k for k, v in verdicts.items() if v == "wider"]
    base = f"{rate.named()} beside the exact Poisson {level_text(PRINTED_CI_LEVEL)} CI of " + (
        f"{counts[0]} events" if len(counts) == 1 else f"each of the {len(counts)} event counts the rate allows")
    if matching:
        ctx.add("rate_ci_poisson", rate, used, f"{base}: the exact CI of {matching[0]} events prints as the "
                "printed CI", "consistency", "consistent", reported=rate.value)
        return "match"
    if wider:
        ctx.add("rate_ci_poisson", rate, used, f"{base}: wider than Poisson: model-based? (a negative binomial "
                "or robust interval allows for between-patient variation; not an error)", "consistency",
                "consistent", reported=rate.value)
        return "wider"
    ctx.add("rate_ci_poisson", rate, used, f"{base}: the printed CI is narrower than, or shifted from, the exact "
            "Poisson CI of every count the rate allows", "consistency", "inconsistent", reported=rate.value)
    return "other"


def _symmetry(ctx: Context, rate: Printed, poisson: str | None) -> None:
    e_low, e_high = rate.interval()  # a rate printed as < or > t: every value below or above t
    l_low, l_high = rate.bound_interval(rate.ci_low)
    u_low, u_high = rate.bound_interval(rate.ci_high)
    linear = e_low - (l_high + u_high) / 2 <= 0 <= e_high - (l_low + u_low) / 2
    # E / sqrt(L U) is continuous on the rounding box, rising with E and falling with L and U: some reading is
    # log-symmetric iff 1 lies between its values at two corners (no log scale when a bound may be 0).
    log = l_low > 0 and e_low / math.sqrt(l_high * u_high) <= 1 <= e_high / math.sqrt(l_low * u_low)
    # An exact Poisson, score or likelihood-ratio CI of a rate lies between the two: its estimate at or above the
    # geometric mean of its bounds and at or below their midpoint. Over the rounding box the readings reach every
    # value from the least geometric mean to the largest midpoint, so some reading lies in that band iff:
    between = e_high >= math.sqrt(max(l_low, 0.0) * max(u_low, 0.0)) and e_low <= (l_high + u_high) / 2
    scales = [name for name, ok in (("the rate scale", linear), ("the log scale", log)) if ok]
    if scales:
        words, ok = f"symmetric on {' and on '.join(scales)} within rounding", True
    elif poisson == "match":
        words, ok = "symmetric on neither scale, as an exact Poisson CI is; it is the exact CI (rate_ci_poisson)", True
    elif between:
        words, ok = ("symmetric on neither scale but skewed between them, as an exact Poisson, score or "
                     "likelihood-ratio interval is: its estimate lies between the bounds' geometric mean and their "
                     "midpoint within rounding"), True
    else:
        words, ok = (("symmetric on neither the rate nor the log scale within rounding, and skewed beyond both: "
                     "its estimate lies outside the band from the bounds' geometric mean to their midpoint, where "
                     "Wald intervals on either scale and exact Poisson, score and likelihood-ratio intervals lie"),
                     False)
    ctx.add("rate_ci_symmetry", rate, [], f"{rate.named()}: the CI is {words}", "consistency",
            "consistent" if ok else "inconsistent", reported=rate.value)
