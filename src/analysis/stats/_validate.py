"""Shared argument checks for the statistical modules.

Every check raises ``ValueError`` whose message starts with the argument's
name, so a caller several layers up can still tell which input was wrong.

Policy, applied everywhere:

* Counts accept ``int``, numpy integers and *integral* floats (``3.0``,
  because pandas turns integer columns holding a missing value into floats);
  non-integral values, ``bool`` (almost always a bug, e.g. a mask passed as
  a count), strings, nan and inf are rejected.
* Real-valued arguments accept any real number (``int``, ``float``, numpy
  scalars, ``Fraction``, ``Decimal``) and reject ``bool``, strings, nan and
  inf.
* Sizes are bounded before any work starts: every argument (or combination of
  arguments) that drives an enumeration, a sample, a loop or a grid has a row in
  ``SIZE_BOUNDS``, and ``at_most`` refuses a value past it, naming the argument,
  its value, the bound and why. The caller counts what it would list
  arithmetically first, so nothing is allocated before the check.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

import numpy as np


@dataclass(frozen=True)
class Bound:
    """The largest value a size may take, what it counts and why it is bounded.

    ``name`` is what the message names (an argument, or the arguments that together give
    the count); ``counts`` is the unit when the bounded number is a count derived from the
    arguments (``"tables"``) rather than an argument itself.
    """

    name: str
    limit: int
    reason: str
    counts: str | None = None
    verb: str = "give"


# Every size bound of analysis.stats, in one place (in the manner of scikit-learn's declared
# parameter constraints). Each limit keeps a call at it within 10 s and 1 GB on one core.
SIZE_BOUNDS: dict[str, Bound] = {bound_id: Bound(*row) for bound_id, row in {
    "decimals": ("decimals", 1000, "exact rounding works with 10**decimals; every float prints within 400"),
    "sig_figs": ("sig_figs", 1000, "exact rounding works with 10**sig_figs; every float prints within 400"),
    "digits": ("value", 1000, "it is read exactly, and 10**1000 is beyond any printed statistic",
               "digits before or after the decimal point", "have"),
    "grim_numerators": ("n", 1_000_000, "grim_numerators lists every count k of n that prints as percent",
                        "numerators"),
    "grim_counts.n_max": ("n_max", 100_000, "grim_counts tries every denominator up to n_max"),
    "grim_counts.pairs": ("percent, decimals and n_max", 2_000_000,
                          "grim_counts lists every (k, n) pair, about 70 bytes each", "pairs"),
    "combinations": ("candidates", 2_000_000,
                     "every combination is tested at once, about 150 bytes each per group", "combinations"),
    "fisher.total": ("total", 1_000_000, "scipy's fisher_exact takes longer as the counts grow (3 ms a table "
                     "at 10**6, 0.4 s at 10**9)"),
    "fisher_on_every_split": ("group_size, followed and events", 500,
                              "fisher_on_every_split runs fisher_exact once per table, up to 3 ms each", "tables"),
    "fisher_on_completions": ("group_size, followed and lost_events", 500,
                              "fisher_on_completions runs fisher_exact once per table, up to 3 ms each", "tables"),
    "fisher_power": ("n_in_group and n_outside", 5000,
                     "fisher_power runs fisher_exact once per table of positive probability, about 1.5 ms each",
                     "tables"),
    "illustrative_rate_ratio_cis": ("events_a", 500, "illustrative_rate_ratio_cis computes an exact CI and test "
                                    "per count, about 2 ms each", "counts"),
    "sample_worlds.draws": ("batch_size * max_batches * (patients + relapses)", 50_000_000,
                            "sample_worlds may draw that many values, about 0.1 microseconds each"),
    "sample_worlds.batch": ("batch_size * patients * relapses", 50_000_000,
                            "sample_worlds checks every relapse against every patient in a batch at once"),
    "sorted_n": ("n", 10_000, "a sorted sample of n integers is counted, listed or drawn whole"),
    "sorted_range": ("maximum - minimum", 10**9, "the counts are binomial coefficients over the range"),
    "pin_sets": ("n, median, minimum and maximum", 2_000_000,
                 "every split of an even-n median into two middle values is a case of n values",
                 "pinned values (median splits x n)"),
    "enumerate_sorted_tuples": ("n, median, minimum and maximum", 1_000_000,
                                "enumerate_sorted_tuples lists every sample, a row of n integers, one by one; "
                                "count_sorted_tuples counts them", "values (samples x n)"),
    "sample_sorted": ("size * n", 10_000_000, "sample_sorted returns size rows of n 8-byte integers"),
    "envelope": ("grid", 2_000_000, "each grid day is compared with every pinned value",
                 "comparisons (days x pinned values)"),
    "rank_test_values": ("n1 + n2", 1_000_000, "scipy's Mann-Whitney test ranks n1 + n2 values"),
    "attainable_rank_test_p": ("n1 and n2", 2_000_000, "attainable_rank_test_p builds n1 n2 + 1 arrangements of "
                               "n1 + n2 ranks", "ranks ((n1 n2 + 1) x (n1 + n2))"),
    "rank_test_power.draws": ("n_sim, n1 and n2", 1_000_000, "rank_test_power draws n_sim data sets of n1 + n2 "
                              "values at once", "values (n_sim x (n1 + n2))"),
    "rank_test_power.tests": ("effect_sizes, n_sim, n1 and n2", 5_000_000, "rank_test_power ranks every data set "
                              "once per effect size", "values tested (effect sizes x n_sim x (n1 + n2))"),
    "group_sizes": ("group_sizes", 100_000, "zero_event_upper_bounds computes one exact bound per size, "
                    "about 6 microseconds each", "sizes"),
    "infusion_scenarios": ("summary", 2000, "infusion_scenarios computes an exact Poisson CI per scenario, "
                           "about 0.5 ms each", "infusion scenarios"),
    "grimmer_totals": ("mean and n", 1_000_000, "grimmer tries every total the mean allows", "totals"),
    "first_event.caps": ("cap", 100_000, "every assignment of a row's caps to the units is listed",
                         "permutations (rows x units!)"),
    "first_event.memory": ("units, median, minimum, maximum, grid and cap", 10_000_000,
                           "up to 64 cap assignments are compared at once, 8 bytes a value",
                           "values held at once (min(cap assignments, 64) x first-day samples x days x units)"),
    "first_event.work": ("units, median, minimum, maximum, grid and cap", 50_000_000,
                         "about 40 ns a value compared", "values compared (cap assignments x first-day samples x "
                         "days x units)"),
    "baseline.arms": ("means", 12, "the widest spread of the arms' means is sought at each of the 2**arms corners "
                      "of their rounding box"),
    "baseline.variables": ("p_values", 10_000, "a baseline table's p values are combined one by one"),
    "scipy_count": ("n", 10**15, "scipy's distributions take counts as floats, exact up to 2**53"),
}.items()}


def shown(value: int) -> str:
    """``value`` for a message: in full when short, else in scientific notation (str() fails past 4300 digits)."""
    return str(value) if abs(value) < 10**30 else f"{Decimal(value):.3e}"


def at_most(bound_id: str, value: int, name: str | None = None) -> int:
    """Refuse ``value`` past the row ``bound_id`` of ``SIZE_BOUNDS``; ``name`` overrides the name it gives.

    Raises ``ValueError("<name> must be at most <limit> (got <value>): <reason>")``, or with a
    count, ``"<name> must give at most <limit> <unit> (got <value>): <reason>"``.
    """
    bound = SIZE_BOUNDS[bound_id]
    if value > bound.limit:
        what = f"be at most {bound.limit}"
        if bound.counts is not None:
            what = f"{bound.verb} at most {bound.limit} {bound.counts}"
        raise ValueError(f"{name or bound.name} must {what} (got {shown(value)}): {bound.reason}")
    return value


def is_bool(value: object) -> bool:
    return isinstance(value, (bool, np.bool_))


def real(name: str, value: object) -> float:
    """Return ``value`` as a finite float."""
    if is_bool(value) or not isinstance(value, (numbers.Real, Decimal)):
        raise ValueError(f"{name} must be a finite real number, got {value!r}")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"{name} must be a finite real number, got {value!r}")
    return result


def exact_number(name: str, value: object) -> Fraction:
    """Read a printed or computed number exactly.

    ``str`` and ``Decimal`` are read as the decimal they spell, ``float`` as
    the shortest decimal that round-trips (what it prints as: 2.675 means
    2.675, not the double 2.67499999...), ``int`` and ``Fraction`` as they are.
    """
    if is_bool(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if isinstance(value, str):
        try:
            value = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"{name} must be a number, got {value!r}") from None
    if isinstance(value, numbers.Integral):
        return Fraction(int(value))
    if isinstance(value, Fraction):
        return value
    if isinstance(value, numbers.Real):
        value = Decimal(repr(float(value)))
    if isinstance(value, Decimal) and value.is_finite():
        # Counted before the exact conversion, which would build an integer of that many digits.
        at_most("digits", max(value.adjusted() + 1, -value.as_tuple().exponent), name)
        return Fraction(value)
    raise ValueError(f"{name} must be a finite number, got {value!r}")


def decimals(name: str, value: object) -> int:
    """Return a number of decimal places (or significant figures) as an ``int`` from 0 to 1000 (``SIZE_BOUNDS``)."""
    return at_most("decimals", count(name, value), name)


def printed_number(name: str, value: object, decimals: int) -> Fraction:
    """Read a printed value exactly (see ``exact_number``) and check it shows at most ``decimals`` decimals."""
    result = exact_number(name, value)
    if (result * 10**decimals).denominator != 1:
        raise ValueError(f"{name} has more than {decimals} decimals, got {value!r}")
    return result


def count(name: str, value: object) -> int:
    """Return ``value`` as a non-negative ``int``."""
    if is_bool(value):
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    if isinstance(value, numbers.Integral):
        result = int(value)
    elif isinstance(value, numbers.Real) and math.isfinite(value) and float(value).is_integer():
        result = int(value)
    else:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    if result < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    return result


def integer(name: str, value: object) -> int:
    """Return ``value`` as an ``int`` of any sign (``int``, numpy integer or integral float)."""
    if is_bool(value) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    if isinstance(value, numbers.Integral):
        return int(value)
    if math.isfinite(value) and float(value).is_integer():
        return int(value)
    raise ValueError(f"{name} must be an integer, got {value!r}")


def boolean(name: str, value: object) -> bool:
    """Return ``value`` as a ``bool``; only ``True``/``False`` (Python or numpy) are accepted, not 0/1."""
    if not is_bool(value):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def positive_count(name: str, value: object) -> int:
    """Return ``value`` as an ``int`` of at least 1."""
    result = count(name, value)
    if result == 0:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return result


def positive(name: str, value: object) -> float:
    """Return ``value`` as a finite float greater than 0."""
    result = real(name, value)
    if result <= 0:
        raise ValueError(f"{name} must be positive, got {value!r}")
    return result


def level(value: object) -> float:
    """Return a confidence level strictly between 0 and 1."""
    result = real("level", value)
    if not 0 < result < 1:
        raise ValueError(f"level must be strictly between 0 and 1, got {value!r}")
    return result


def probability_open(name: str, value: object) -> float:
    """Return a probability strictly between 0 and 1."""
    result = real(name, value)
    if not 0 < result < 1:
        raise ValueError(f"{name} must be strictly between 0 and 1, got {value!r}")
    return result


def probability(name: str, value: object) -> float:
    """Return a probability in [0, 1]."""
    result = real(name, value)
    if not 0 <= result <= 1:
        raise ValueError(f"{name} must be between 0 and 1, got {value!r}")
    return result


def not_above(name: str, value: int, other_name: str, other: int) -> None:
    """Check ``value <= other`` for two already-validated numbers."""
    if value > other:
        raise ValueError(f"{name} must not exceed {other_name} ({other}), got {value}")


def ratio_ci(estimate: object, low: object, high: object) -> tuple[float, float, float]:
    """Check a ratio estimate and CI: all positive and ``low <= estimate <= high``, ``low < high``.

    A zero-width interval carries no standard error, so it is rejected.
    """
    est = positive("estimate", estimate)
    lo, hi = ratio_bounds(low, high)
    if not lo <= est <= hi:
        raise ValueError(f"estimate must lie within [low, high] = [{lo}, {hi}], got {estimate!r}")
    return est, lo, hi


def ratio_bounds(low: object, high: object) -> tuple[float, float]:
    """Check positive, strictly ordered ratio CI bounds."""
    lo = positive("low", low)
    hi = positive("high", high)
    if not lo < hi:
        raise ValueError(f"low must be below high, got low={low!r}, high={high!r}")
    return lo, hi


def interval(name: str, value: object, check=real) -> tuple[float, float]:
    """Return a closed interval ``(low, high)`` with ``low <= high`` as floats.

    ``value`` is a pair; each end is checked by ``check`` (``real``, ``positive``,
    ``probability``, ``probability_open``, ...) under the name ``"<name> low"`` or
    ``"<name> high"``.
    """
    not_a_pair = ValueError(f"{name} must be a (low, high) pair, got {value!r}")
    try:
        if len(value) != 2:
            raise not_a_pair
    except TypeError:  # no length at all
        raise not_a_pair from None
    low = check(f"{name} low", value[0])
    high = check(f"{name} high", value[1])
    if low > high:
        raise ValueError(f"{name} must have low <= high, got {value!r}")
    return low, high


def choice(name: str, value: object, allowed: tuple[str, ...]) -> str:
    """Check that ``value`` is one of the ``allowed`` strings."""
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name} must be one of {allowed}, got {value!r}")
    return value


def durations_events(
    durations: object, events: object, *, durations_name: str = "durations", events_name: str = "events"
) -> tuple[np.ndarray, np.ndarray]:
    """Check paired survival data: finite non-negative durations, 0/1 event flags, same length, non-empty."""
    try:
        dur = np.asarray(durations, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{durations_name} must be a sequence of numbers, got {durations!r}") from None
    try:
        ev = np.asarray(events, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{events_name} must be a sequence of 0/1 flags, got {events!r}") from None
    if dur.ndim != 1 or dur.size == 0:
        raise ValueError(f"{durations_name} must be a non-empty one-dimensional sequence, got shape {dur.shape}")
    if ev.ndim != 1:
        raise ValueError(f"{events_name} must be one-dimensional, got shape {ev.shape}")
    if ev.size != dur.size:
        raise ValueError(
            f"{events_name} must have the same length as {durations_name} ({dur.size}), got {ev.size}"
        )
    if not np.all(np.isfinite(dur)) or np.any(dur < 0):
        raise ValueError(f"{durations_name} must be finite and non-negative")
    if not np.all((ev == 0) | (ev == 1)):
        raise ValueError(f"{events_name} must contain only 0/1 (or False/True)")
    return dur, ev.astype(int)
