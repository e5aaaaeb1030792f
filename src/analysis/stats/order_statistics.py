"""What a reported median, minimum and maximum pin down about integer data: exact order-statistic bounds.

A summary "median m (range a to b)" of ``n`` integer values (days, infusions) fixes
some *order statistics* of the sorted sample ``x_(1) <= ... <= x_(n)`` and leaves the
others free between them:

* always ``x_(1) = a`` and ``x_(n) = b``;
* odd ``n``: ``x_(k) = m`` with ``k = (n + 1) / 2``;
* even ``n``: only the sum is fixed, ``x_(h) + x_(h+1) = 2 m`` with ``h = n / 2``;
  so ``x_(h) = L`` and ``x_(h+1) = 2m - L`` for some integer
  ``max(a, 2m - b) <= L <= floor(m)`` (the two middle values straddle ``m``).

For one choice of the pinned values (a *pin set*: index -> value), each free order
statistic can be anything between the nearest pins below and above it, independently
of the others apart from their order. Two consequences give every result here in
closed form:

* **Envelope of the empirical CDF.** ``N(t) = #{i : x_i <= t}`` satisfies
  ``N(t) >= max{i pinned : v_i <= t}`` (every value up to a pinned one that is
  ``<= t`` is ``<= t`` too) and ``N(t) <= min{i pinned : v_i > t} - 1``. Both are
  attained: setting every free value to the pin above it gives the largest sample,
  whose ``N`` is the lower bound at every ``t``; setting it to the pin below gives
  the smallest, whose ``N`` is the upper bound. With even ``n`` the feasible set
  is the union over ``L`` of such boxes, so the envelope is the pointwise
  min / max over ``L``.
* **Counting.** A block of ``s`` free sorted values between pins ``u <= w`` is a
  multiset of size ``s`` from ``w - u + 1`` integers: ``C(w - u + s, s)`` choices
  ("stars and bars"); blocks are independent, so the count is a product, summed
  over ``L`` for even ``n``.

References: David HA, Nagaraja HN. Order Statistics, 3rd ed. Wiley 2003, ch. 1-2
(order statistics, their ordering constraints); Feller W. An Introduction to
Probability Theory and Its Applications, vol. I, 3rd ed. Wiley 1968, II.5
(multisets: stars and bars); Hozo SP, Djulbegovic B, Hozo I. Estimating the mean
and variance from the median, range, and the size of a sample. BMC Med Res
Methodol 2005;5:13 (the same pinned-order-statistic reading of median and range).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd

from analysis.stats import _validate

ENVELOPE_COLUMNS = ["day", "lower", "upper"]
_CAP_CHUNK = 64  # cap assignments handled at once by first_event_total_envelope


# --- arguments ---------------------------------------------------------------------

def _twice_median(median: object) -> int:
    """``2 * median`` as an integer: a median of integers is a whole or a half number."""
    m = _validate.real("median", median)
    twice = 2.0 * m
    if not twice.is_integer():
        raise ValueError(f"median of integers must be a whole or half number, got {median!r}")
    return int(twice)


def _summary(n: object, median: object, minimum: object, maximum: object) -> tuple[int, int, int, int]:
    size = _validate.positive_count("n", n)
    return size, _twice_median(median), _validate.integer("minimum", minimum), _validate.integer("maximum", maximum)


def _whole(name: str, array: np.ndarray, what: str) -> np.ndarray:
    """``array`` as int64; whole floats pass, other floats and non-numbers are refused rather than truncated."""
    if not np.issubdtype(array.dtype, np.integer):
        if not (np.issubdtype(array.dtype, np.floating) and np.all(np.isfinite(array))
                and np.all(array == np.round(array))):
            raise ValueError(f"{name} must hold {what}")
    return array.astype(np.int64)


def _integers(name: str, values: object, what: str = "integers") -> np.ndarray:
    """``values`` as a non-empty one-dimensional int64 array (see ``_whole``)."""
    array = np.asarray(values)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty one-dimensional sequence of integers, got shape {array.shape}")
    return _whole(name, array, what)


def _grid(grid: object) -> np.ndarray:
    return _integers("grid", grid, "integers (integer days)")


# --- pin sets --------------------------------------------------------------------------

def _pin_sets(n: int, m2: int, a: int, b: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """All pin sets ``(indices, values)`` (1-based, increasing) consistent with the summary.

    Empty when the summary is infeasible.
    """
    if a > b:
        return []
    if n % 2 == 1:
        k = n // 2 + 1  # (n + 1) / 2
        if m2 % 2 != 0:
            return []
        m = m2 // 2
        if not a <= m <= b:
            return []
        if n == 1:
            return [((1,), (a,))] if a == m == b else []
        pins = {1: a, k: m, n: b}
        return [(tuple(sorted(pins)), tuple(pins[i] for i in sorted(pins)))]
    h = n // 2
    if n == 2:
        return [((1, 2), (a, b))] if a + b == m2 else []
    low_l = max(a, m2 - b)
    high_l = m2 // 2  # floor(m)
    sets = []
    for lower_middle in range(low_l, high_l + 1):
        upper_middle = m2 - lower_middle
        indices = (1, h, h + 1, n)
        sets.append((indices, (a, lower_middle, upper_middle, b)))
    return sets


def _pin_set_count(n: int, m2: int, a: int, b: int) -> int:
    """``len(_pin_sets(n, m2, a, b))`` without listing them: one split ``L`` per integer of its range."""
    if n % 2 == 1 or n == 2 or a > b:
        return len(_pin_sets(n, m2, a, b))  # at most one pin set
    return max(0, m2 // 2 - max(a, m2 - b) + 1)


def _bounded_pins(n: object, median: object, minimum: object, maximum: object):
    """The summary's pin sets, after the size bounds of ``SIZE_BOUNDS`` (checked before any is listed)."""
    size, m2, a, b = _summary(n, median, minimum, maximum)
    _validate.at_most("sorted_n", size)
    _validate.at_most("sorted_range", b - a)
    _validate.at_most("pin_sets", _pin_set_count(size, m2, a, b) * size)
    return size, _pin_sets(size, m2, a, b)


def median_range_feasible(n: int, median: float, minimum: int, maximum: int) -> bool:
    """Whether ``n`` integers can have this median, minimum and maximum.

    Odd ``n >= 3``: ``minimum <= median <= maximum`` with a whole median; ``n = 1``:
    all three equal. Even ``n >= 4``: ``minimum <= median <= maximum`` with a whole or
    half median (an integer ``L`` with ``max(a, 2m - b) <= L <= floor(m)`` exists
    exactly then); ``n = 2``: ``minimum + maximum = 2 median``. Method: the pin sets
    of the module docstring (David & Nagaraja 2003, ch. 1).
    """
    size, m2, a, b = _summary(n, median, minimum, maximum)
    return _pin_set_count(size, m2, a, b) > 0


def _pins_or_raise(n, median, minimum, maximum):
    size, sets = _bounded_pins(n, median, minimum, maximum)
    if not sets:
        raise ValueError(
            f"no {size} integers have median {median!r}, minimum {minimum!r} and maximum {maximum!r}")
    return size, sets


# --- envelope ------------------------------------------------------------------------------

def pinned_envelope(n: int, indices, values, grid) -> tuple[np.ndarray, np.ndarray]:
    """Exact bounds on ``#{x_i <= t}`` when the order statistics at ``indices`` equal ``values``.

    ``lower(t) = max{i in indices : value_i <= t}`` (0 if none) and
    ``upper(t) = min{i in indices : value_i > t} - 1`` (``n`` if none). Index 1 and
    index ``n`` must be among the pins (so every free value has a pin on each side)
    and the values must not decrease with the index. Both bounds are attained
    (module docstring; David & Nagaraja 2003, ch. 1). Returns ``(lower, upper)``,
    integer arrays over ``grid``.
    """
    size = _validate.positive_count("n", n)
    idx = _integers("indices", indices)
    val = _integers("values", values)
    if idx.shape != val.shape:
        raise ValueError(f"values must have the length of indices ({idx.size}), got {val.size}")
    if idx[0] != 1 or idx[-1] != size or np.any(np.diff(idx) <= 0):
        raise ValueError(f"indices must increase from 1 to n = {size}, got {idx.tolist()}")
    if np.any(np.diff(val) < 0):
        raise ValueError(f"values must not decrease with the index, got {val.tolist()}")
    days = _grid(grid)
    _validate.at_most("envelope", days.size * idx.size)
    at_or_below = val[None, :] <= days[:, None]
    lower = np.where(at_or_below, idx[None, :], 0).max(axis=1)
    upper = np.where(at_or_below, size, idx[None, :] - 1).min(axis=1)
    return lower, upper


def median_range_envelope(n: int, median: float, minimum: int, maximum: int, grid) -> pd.DataFrame:
    """Exact envelope of the count of values ``<= t`` over every integer sample with this summary.

    For each ``day`` in ``grid``: ``lower`` and ``upper`` are the smallest and largest
    possible number of the ``n`` values at or below ``day``, over every sample of ``n``
    integers (ties allowed) whose median, minimum and maximum are as given. Divide
    by ``n`` for the empirical CDF. Odd ``n`` pins three order statistics; even ``n``
    takes the pointwise min / max over every split ``L, 2m - L`` of the two middle
    values. Each bound is attained by some sample (module docstring). Computed in
    closed form, not by simulation (David & Nagaraja 2003, ch. 1-2).

    Returns a DataFrame with columns ``day, lower, upper`` (integers).
    """
    size, sets = _pins_or_raise(n, median, minimum, maximum)
    days = _grid(grid)
    _validate.at_most("envelope", days.size * sum(len(indices) for indices, _ in sets))
    lower = np.full(days.shape, size)
    upper = np.zeros(days.shape, dtype=np.int64)
    for indices, values in sets:
        lo, hi = pinned_envelope(size, indices, values, days)
        lower = np.minimum(lower, lo)
        upper = np.maximum(upper, hi)
    return pd.DataFrame({"day": days, "lower": lower, "upper": upper})


def forced_steps(envelope: pd.DataFrame) -> pd.DataFrame:
    """Days on which every sample in an envelope must have at least one value *exactly* there.

    ``envelope`` has columns ``day, lower, upper`` (or ``day`` as its index) on a grid of
    consecutive integer days (from :func:`median_range_envelope` or :func:`first_event_total_envelope`). For any
    one sample, the number of values exactly on day ``t`` is ``N(t) - N(t - 1)``, and
    ``N(t) >= lower(t)``, ``N(t - 1) <= upper(t - 1)``; so every sample has at least
    ``lower(t) - upper(t - 1)`` values on day ``t``. Where that difference is positive the
    curve is *forced* to step up on that day, whatever the free values are: e.g. a
    reported median of 120 over 9 values forces at least one value onto day 120 (the
    5th), although ``N(120)`` itself can be anything from 5 to 8. This is a guaranteed
    minimum, not always the exact one when the bounds at ``t - 1`` and ``t`` come from
    different samples (elementary; the bounds are those of the module docstring).

    Returns a DataFrame with columns ``day, before_at_most, on_day_at_least,
    forced`` (``upper(t - 1)``, ``lower(t)`` and their difference), one row per day
    with ``forced > 0``.
    """
    frame = envelope.reset_index() if "day" not in envelope.columns and envelope.index.name == "day" else envelope
    missing = set(ENVELOPE_COLUMNS) - set(frame.columns)
    if missing:
        raise ValueError(f"envelope must have columns {ENVELOPE_COLUMNS}, missing {sorted(missing)}")
    days = frame["day"].to_numpy(dtype=np.int64)
    if days.size and np.any(np.diff(days) != 1):
        raise ValueError("envelope days must be consecutive integers")
    lower = frame["lower"].to_numpy(dtype=np.int64)
    upper = frame["upper"].to_numpy(dtype=np.int64)
    forced = lower[1:] - upper[:-1]
    keep = forced > 0
    return pd.DataFrame({"day": days[1:][keep], "before_at_most": upper[:-1][keep],
                         "on_day_at_least": lower[1:][keep], "forced": forced[keep]})


# --- counting and enumeration -----------------------------------------------------------------

def _blocks(indices, values):
    """Free blocks between consecutive pins: ``(first position 0-based, size, low value, high value)``.

    Adjacent pins give an empty block (size 0), which has exactly one filling: nothing.
    """
    return [(i, j - i - 1, u, w) for (i, u), (j, w) in zip(zip(indices, values), zip(indices[1:], values[1:]))]


def count_sorted_tuples(n: int, median: float, minimum: int, maximum: int) -> int:
    """Number of distinct sorted integer samples (multisets) of size ``n`` with this summary.

    Each free block of ``s`` values between pins ``u <= w`` contributes
    ``C(w - u + s, s)`` multisets (stars and bars; Feller 1968, II.5); blocks multiply,
    and the splits ``L`` of an even-``n`` median add (they give disjoint sets, as
    ``x_(h) = L`` differs). Returns 0 when the summary is infeasible. Exact integer.
    """
    _, sets = _bounded_pins(n, median, minimum, maximum)
    total = 0
    for indices, values in sets:
        product = 1
        for _, s, u, w in _blocks(indices, values):
            product *= math.comb(w - u + s, s)
        total += product
    return total


def enumerate_sorted_tuples(n: int, median: float, minimum: int, maximum: int) -> np.ndarray:
    """Every sorted integer sample of size ``n`` with this summary, one row each.

    Built from the pin sets by filling each free block with every multiset of its
    range (``itertools.combinations_with_replacement``) and taking the product over
    blocks. Rows are in lexicographic order. Refuses (``ValueError``) when the samples
    hold more than 1,000,000 values in all (samples x n; ``SIZE_BOUNDS``), counted first
    with :func:`count_sorted_tuples`, which callers can use to ask first.
    """
    size, sets = _pins_or_raise(n, median, minimum, maximum)
    _validate.at_most("enumerate_sorted_tuples", count_sorted_tuples(n, median, minimum, maximum) * size)
    rows = []
    for indices, values in sets:
        base = np.zeros(size, dtype=np.int64)
        for i, v in zip(indices, values):
            base[i - 1] = v
        blocks = _blocks(indices, values)
        choices = [list(itertools.combinations_with_replacement(range(u, w + 1), s)) for _, s, u, w in blocks]
        for combo in itertools.product(*choices):
            row = base.copy()
            for (start, s, _, _), fill in zip(blocks, combo):
                row[start:start + s] = fill
            rows.append(row)
    table = np.array(rows)  # rows of int64, never empty
    order = np.lexsort(table.T[::-1])
    return table[order]


# --- sampling -------------------------------------------------------------------------------------

def sample_sorted(n: int, median: float, minimum: int, maximum: int, size: int,
                  rng: np.random.Generator) -> np.ndarray:
    """Draw ``size`` sorted integer samples of ``n`` values that reproduce the summary exactly.

    Construction, not rejection: the pinned order statistics are set to the reported
    values; with even ``n`` the lower middle value ``L`` is first drawn uniformly from
    its feasible integers and the upper one set to ``2m - L``; each free block is
    filled with independent uniform integers between its two pins, sorted (the order
    statistics of a discrete uniform sample). Every sample with the summary has
    positive probability; the weights are a stated prior, not an estimate.
    (David & Nagaraja 2003, ch. 2.) Returns an ``(size, n)`` int64 array, rows sorted.
    """
    count = _validate.count("size", size)
    n_values, sets = _pins_or_raise(n, median, minimum, maximum)
    _validate.at_most("sample_sorted", count * n_values)
    indices = sets[0][0]
    all_values = np.array([values for _, values in sets])  # (configs, pins), int64
    choice = rng.integers(len(sets), size=count)  # draws nothing from rng when there is one pin set
    pinned = all_values[choice]  # (size, pins)
    out = np.empty((count, n_values), dtype=np.int64)
    for column, i in enumerate(indices):
        out[:, i - 1] = pinned[:, column]
    for column, (i, j) in enumerate(zip(indices, indices[1:])):
        s = j - i - 1
        if s == 0:
            continue
        low = pinned[:, column][:, None]
        high = pinned[:, column + 1][:, None]
        block = rng.integers(low, high + 1, size=(count, s))
        block.sort(axis=1)
        out[:, i:j - 1] = block
    return out


# --- all events when the summary describes only each unit's first event -------------------------------

def _cap_assignments(cap: object, units: int) -> np.ndarray:
    """Every distinct assignment of per-unit caps to the sorted positions of the first events.

    ``cap`` is one number (the same cap for every unit), one multiset of ``units`` caps, or
    a 2-D array-like whose rows are the possible multisets. Returns an ``(A, units)`` array.
    """
    caps = np.asarray(cap)
    if caps.ndim == 0:
        return np.full(units, _validate.integer("cap", cap))[None, :]
    if caps.ndim == 1:
        caps = caps[None, :]
    if caps.ndim != 2 or caps.shape[1] != units or caps.shape[0] == 0:
        raise ValueError(f"cap must be one integer, {units} integers (one per unit) or rows of {units} integers, "
                         f"got shape {np.asarray(cap).shape}")
    caps = _whole("cap", caps, "integers (integer days)")
    _validate.at_most("first_event.caps", caps.shape[0] * math.factorial(units))
    rows = {tuple(int(c) for c in perm) for row in caps for perm in itertools.permutations(row)}
    return np.array(sorted(rows))  # (A, units), int64; A >= 1


def first_event_total_envelope(units: int, events: int, median: float, minimum: int, maximum: int, grid,
                               *, min_gap: int, cap) -> pd.DataFrame:
    """Exact envelope of the count of *all* events ``<= t`` when the summary covers first events only.

    Setting: ``units`` patients each have a first event, and the median / minimum /
    maximum describe those ``units`` first-event days. The other ``E = events - units``
    events are unconstrained by the summary except by these rules: each belongs to a
    patient and comes after that patient's first event; consecutive events of a patient
    are at least ``min_gap`` (>= 1) days apart; no event of patient ``i`` (first event
    included) is later than that patient's own cap ``cap_i``. ``cap`` is one integer (the
    same for every patient), ``units`` integers (one multiset of caps, e.g. each patient's
    last infusion day plus a margin), or rows of ``units`` integers (every multiset that
    the data allow, e.g. one per infusion-count multiset); every assignment of a row's caps
    to the patients is considered, as patients are exchangeable.

    Method (exact, no simulation). For fixed first-event days ``f_i`` and caps ``cap_i``,
    patient ``i`` can hold at most ``c_i = floor((cap_i - f_i) / g)`` further events
    (packed at ``f_i + g, f_i + 2g, ...``); the data are feasible when every ``f_i <= cap_i``
    and ``sum c_i >= E``. Packing the extra events as early as possible puts
    ``a_i(t) = min(c_i, floor((min(t, cap_i) - f_i) / g)^+)`` of them at or before ``t`` per
    patient, so the most extra events at or before ``t`` are ``min(E, sum a_i)``. Packing
    them as late as possible (``cap_i, cap_i - g, ...``, each patient against its *own*
    cap) leaves ``b_i(t) = min(c_i, #{k >= 0 : cap_i - k g > t})`` of them after ``t``, so
    the fewest at or before ``t`` are ``max(0, E - sum b_i)``. Both allocations fill
    per-patient room greedily, which is optimal because the objectives are sums of
    ``min(k_i, room_i)``. Over the first-event days: at a given ``t``, lowering a first day
    without moving it across ``t`` never hurts either bound (``c_i``, ``a_i`` and ``b_i``
    do not decrease, the count of first events ``<= t`` is unchanged), so within each free
    block of sorted first days between pins ``u <= w`` only the samples with ``r`` values at
    ``u`` and the others at ``max(u, t + 1)`` (clipped to ``w``), ``r = 0..s``, need to be
    compared. The envelope is the min / max over those samples, every pin set
    (order statistics: David & Nagaraja 2003) and every assignment of caps. The packing
    argument is elementary; it is tested against brute-force enumeration of every dataset,
    with one cap and with per-patient caps.

    Bounded before any array is built (``SIZE_BOUNDS``): at most 100,000 cap permutations
    (rows x units!), 10,000,000 values held at once and 50,000,000 compared in all.

    Returns a DataFrame with columns ``day, lower, upper`` (counts out of ``events``).
    """
    n_units = _validate.positive_count("units", units)
    n_events = _validate.count("events", events)
    if n_events < n_units:
        raise ValueError(f"events must be at least units ({n_units}) when every unit has a first event, "
                         f"got {n_events}")
    gap = _validate.positive_count("min_gap", min_gap)
    size, sets = _pins_or_raise(n_units, median, minimum, maximum)
    caps = _cap_assignments(cap, n_units)[:, None, None, :]  # (A, 1, 1, units)
    days = _grid(grid)
    # First-day samples per pin set: one per choice of r in each block (the product below), counted first.
    samples = max(math.prod(s + 1 for _, s, _, _ in _blocks(indices, values)) for indices, values in sets)
    every = sum(math.prod(s + 1 for _, s, _, _ in _blocks(indices, values)) for indices, values in sets)
    _validate.at_most("first_event.memory", min(caps.shape[0], _CAP_CHUNK) * samples * days.size * size)
    _validate.at_most("first_event.work", caps.shape[0] * every * days.size * size)
    extra = n_events - n_units
    t = days[None, :, None]  # (1, G, 1)
    # Sentinels for "no feasible dataset yet"; they never reach the result (see the check at the end).
    lower = np.full(days.shape, np.iinfo(np.int64).max)
    upper = np.full(days.shape, np.iinfo(np.int64).min)
    for indices, values in sets:
        blocks = _blocks(indices, values)
        base = np.zeros(size, dtype=np.int64)
        for i, v in zip(indices, values):
            base[i - 1] = v
        candidates = []  # (G, units) first-day samples, one per choice of r in each block
        for split in itertools.product(*[range(s + 1) for _, s, _, _ in blocks]):
            sample = np.broadcast_to(base, (days.size, size)).copy()
            for (start, s, u, w), r in zip(blocks, split):
                sample[:, start:start + r] = u
                sample[:, start + r:start + s] = np.clip(days + 1, u, w)[:, None]
            candidates.append(sample)
        firsts = np.stack(candidates)[None]  # (1, C, G, units)
        first_count = (firsts <= t).sum(axis=3)  # (1, C, G)
        for chunk in range(0, caps.shape[0], _CAP_CHUNK):  # bounded memory: (chunk, C, G, units)
            cap_i = caps[chunk:chunk + _CAP_CHUNK]
            room = (cap_i - firsts) // gap  # c_i, negative when a first event is after its cap
            ok = np.all(room >= 0, axis=3) & (room.sum(axis=3) >= extra)  # (chunk, C, G)
            early = np.minimum(room, np.clip((np.minimum(t, cap_i) - firsts) // gap, 0, None)).sum(axis=3)
            late = np.minimum(room, np.clip((cap_i - t - 1) // gap + 1, 0, None)).sum(axis=3)
            most = np.where(ok, first_count + np.minimum(extra, early), np.iinfo(np.int64).min)
            fewest = np.where(ok, first_count + np.maximum(0, extra - late), np.iinfo(np.int64).max)
            upper = np.maximum(upper, most.max(axis=(0, 1)))
            lower = np.minimum(lower, fewest.min(axis=(0, 1)))
    if np.any(upper < 0):
        raise ValueError("no arrangement of the extra events fits the rules (raise cap or lower min_gap)")
    return pd.DataFrame({"day": days, "lower": lower, "upper": upper})
