"""Order-statistic bounds, checked against brute-force enumeration of every small sample.

The oracle is always an independent enumeration (every sorted tuple over a small
day range, filtered with ``statistics.median``, ``min`` and ``max``), never output
of the module copied in.
"""

import itertools
import math
import statistics

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.stats import order_statistics as osx


def brute_samples(n, median, minimum, maximum, low, high):
    """Every sorted tuple of n integers in [low, high] with the given summary."""
    return [t for t in itertools.combinations_with_replacement(range(low, high + 1), n)
            if min(t) == minimum and max(t) == maximum and statistics.median(t) == median]


def brute_envelope(samples, grid):
    counts = np.array([[sum(x <= d for x in s) for d in grid] for s in samples])
    return counts.min(axis=0), counts.max(axis=0)


@st.composite
def summaries(draw):
    n = draw(st.integers(1, 6))
    minimum = draw(st.integers(0, 6))
    maximum = draw(st.integers(minimum, 7))
    twice = draw(st.integers(2 * minimum - 1, 2 * maximum + 1))  # sometimes outside the range
    return n, twice / 2, minimum, maximum


@settings(max_examples=250, deadline=None)
@given(summaries())
def test_envelope_count_and_enumeration_match_brute_force(summary):
    n, median, minimum, maximum = summary
    samples = brute_samples(n, median, minimum, maximum, minimum, maximum)
    assert osx.median_range_feasible(n, median, minimum, maximum) == bool(samples)
    assert osx.count_sorted_tuples(n, median, minimum, maximum) == len(samples)
    if not samples:
        with pytest.raises(ValueError):
            osx.median_range_envelope(n, median, minimum, maximum, [minimum])
        return
    listed = [tuple(row) for row in osx.enumerate_sorted_tuples(n, median, minimum, maximum)]
    assert listed == sorted(samples)
    grid = list(range(minimum - 2, maximum + 3))
    low, high = brute_envelope(samples, grid)
    env = osx.median_range_envelope(n, median, minimum, maximum, grid)
    assert list(env.columns) == ["day", "lower", "upper"]
    assert env["day"].tolist() == grid
    assert env["lower"].tolist() == low.tolist()
    assert env["upper"].tolist() == high.tolist()


def test_nine_relapses_envelope_by_hand():
    # Median of 9 = 5th ordered value = 120, min 45, max 230 (the abstract, reading "all relapses").
    env = osx.median_range_envelope(9, 120, 45, 230, [0, 44, 45, 100, 119, 120, 150, 229, 230, 400]).set_index("day")
    expected = {0: (0, 0), 44: (0, 0), 45: (1, 4), 100: (1, 4), 119: (1, 4), 120: (5, 8),
                150: (5, 8), 229: (5, 8), 230: (9, 9), 400: (9, 9)}
    for day, (low, high) in expected.items():
        assert (env.loc[day, "lower"], env.loc[day, "upper"]) == (low, high)


def test_even_n_middle_values_straddle_the_median():
    # n = 4, median 5, range 2..9: x1 = 2, x4 = 9, x2 + x3 = 10 with x2 <= 5 <= x3, so x2 in {2, ..., 5}
    # and x3 = 10 - x2 in {5, ..., 8}. By hand: day 4 -> 1 (x2 = 5) to 2 (x2 <= 4); day 5 -> 2 (x2 <= 5
    # always) to 3 (x2 = x3 = 5); day 6 -> 2 (x3 = 8) to 3; day 8 -> 3 (x3 <= 8 always); day 9 -> all 4.
    env = osx.median_range_envelope(4, 5, 2, 9, [1, 2, 4, 5, 6, 8, 9]).set_index("day")
    expected = {1: (0, 0), 2: (1, 2), 4: (1, 2), 5: (2, 3), 6: (2, 3), 8: (3, 3), 9: (4, 4)}
    for day, bounds in expected.items():
        assert (env.loc[day, "lower"], env.loc[day, "upper"]) == bounds
    assert osx.count_sorted_tuples(4, 5, 2, 9) == 4
    # Half-integer median: 2.5 of 4 integers.
    assert osx.count_sorted_tuples(4, 2.5, 1, 4) == len(brute_samples(4, 2.5, 1, 4, 1, 4)) == 2


def test_infusion_multisets_closed_form():
    # 5 values, 3rd = 8, min 2, max 11: x2 in 2..8 (7 choices), x4 in 8..11 (4 choices) -> 28.
    assert osx.count_sorted_tuples(5, 8, 2, 11) == 28
    table = osx.enumerate_sorted_tuples(5, 8, 2, 11)
    assert table.shape == (28, 5)
    assert table.sum(axis=1).min() == 2 + 2 + 8 + 8 + 11
    assert table.sum(axis=1).max() == 2 + 8 + 8 + 11 + 11
    # The relapse-day count is stars and bars: C(78, 3) * C(113, 3).
    assert osx.count_sorted_tuples(9, 120, 45, 230) == 76076 * 234136


def test_infeasible_and_invalid_summaries():
    assert not osx.median_range_feasible(5, 12, 2, 11)       # median above the maximum
    assert not osx.median_range_feasible(5, 8.5, 2, 11)      # odd n cannot have a half median
    assert not osx.median_range_feasible(2, 5, 2, 9)         # n = 2: (2 + 9) / 2 = 5.5
    assert osx.median_range_feasible(2, 5.5, 2, 9)
    assert not osx.median_range_feasible(1, 3, 3, 4)
    assert osx.count_sorted_tuples(3, 2, 5, 4) == 0          # minimum above maximum
    for bad, match in [(dict(n=0), "n must be a positive integer"), (dict(median=2.25), "median"),
                       (dict(minimum=1.5), "minimum must be an integer"),
                       (dict(maximum=True), "maximum must be an integer"),
                       (dict(maximum="4"), "maximum must be an integer")]:
        args = dict(n=3, median=2, minimum=1, maximum=4) | bad
        with pytest.raises(ValueError, match=match):
            osx.median_range_feasible(**args)
    # Integral floats and negative values are integers too (days before a reference day).
    assert osx.median_range_feasible(3, 0, -2.0, np.int64(4))
    with pytest.raises(ValueError, match="grid"):
        osx.median_range_envelope(3, 2, 1, 4, [1.5])
    with pytest.raises(ValueError, match="enumerate_sorted_tuples lists every sample"):
        osx.enumerate_sorted_tuples(9, 120, 45, 230)


def test_pinned_envelope_checks_its_pins():
    with pytest.raises(ValueError, match="indices"):
        osx.pinned_envelope(3, [1, 2], [0, 1], [0])
    with pytest.raises(ValueError, match="decrease"):
        osx.pinned_envelope(3, [1, 2, 3], [0, 2, 1], [0])


@settings(max_examples=60, deadline=None)
@given(summaries(), st.integers(0, 2**32 - 1))
def test_sampled_samples_reproduce_the_summary(summary, seed):
    n, median, minimum, maximum = summary
    if not osx.median_range_feasible(n, median, minimum, maximum):
        return
    rows = osx.sample_sorted(n, median, minimum, maximum, 50, np.random.default_rng(seed))
    assert rows.shape == (50, n) and rows.dtype == np.int64
    for row in rows:
        assert list(row) == sorted(row)
        assert row.min() == minimum and row.max() == maximum
        assert float(np.median(row)) == median


@pytest.mark.parametrize("summary", [(4, 4, 1, 7), (5, 3, 1, 5), (6, 3.5, 0, 6), (4, 2.5, 1, 4), (7, 3, 1, 5)])
def test_sampler_reaches_every_sample(summary):
    # Every feasible sorted sample has positive probability: 20 000 draws hit all of them.
    expected = set(brute_samples(*summary, summary[2], summary[3]))
    rows = osx.sample_sorted(*summary, 20_000, np.random.default_rng(1))
    assert {tuple(r) for r in rows} == expected


def test_sampler_is_reproducible():
    a = osx.sample_sorted(9, 120, 45, 230, 100, np.random.default_rng(7))
    b = osx.sample_sorted(9, 120, 45, 230, 100, np.random.default_rng(7))
    assert np.array_equal(a, b)


# --- first events only -----------------------------------------------------------------------

def brute_first_event_envelope(units, events, median, minimum, maximum, grid, gap, cap):
    """Enumerate first-event days per patient and every placement of the extra events, one cap for all."""
    return brute_per_patient_caps(units, events, median, minimum, maximum, grid, gap, [(cap,) * units])


@pytest.mark.parametrize("case", [
    # units, events, median, minimum, maximum, gap, cap
    (3, 5, 2, 1, 4, 1, 6),
    (3, 5, 2, 1, 4, 2, 7),
    (3, 4, 3, 0, 4, 3, 6),
    (2, 4, 2.5, 1, 4, 1, 6),
    (3, 6, 2, 1, 3, 2, 6),
])
def test_first_event_envelope_matches_brute_force(case):
    units, events, median, minimum, maximum, gap, cap = case
    grid = list(range(-1, cap + 2))
    low, high = brute_first_event_envelope(units, events, median, minimum, maximum, grid, gap, cap)
    env = osx.first_event_total_envelope(units, events, median, minimum, maximum, grid, min_gap=gap, cap=cap)
    assert env.dtypes.tolist() == [np.int64] * 3
    assert env["lower"].tolist() == low.tolist()
    assert env["upper"].tolist() == high.tolist()


def extra_chains(first, cap, gap, k):
    """Every increasing k-tuple of days in (first, cap] whose steps (from first on) are all >= gap."""
    if k == 0:
        return [()]
    return [(d,) + rest for d in range(first + gap, cap + 1) for rest in extra_chains(d, cap, gap, k - 1)]


def brute_per_patient_caps(units, events, median, minimum, maximum, grid, gap, cap_rows):
    """Every dataset: first days per patient, each cap multiset in every order, every extra event placed.

    A dataset is the first day of each patient plus each patient's chain of extra days; every split
    of the extra events over the patients and every chain of each patient is listed (a chain is a
    patient's extra days in increasing order). Patients are exchangeable, so the first days are taken
    sorted (brute_samples) and the caps in every order: every dataset is listed, up to the patients'
    labels, which the count of events by day does not see.
    """
    extra = events - units
    grid = np.asarray(grid)
    orders = {perm for row in cap_rows for perm in itertools.permutations(row)}
    splits = [ks for ks in itertools.product(range(extra + 1), repeat=units) if sum(ks) == extra]
    low = np.full(grid.shape, events + 1)
    high = np.full(grid.shape, -1)
    for firsts in brute_samples(units, median, minimum, maximum, minimum, maximum):
        for caps in orders:
            if any(f > c for f, c in zip(firsts, caps)):
                continue
            for ks in splits:
                per_patient = [extra_chains(f, c, gap, k) for f, c, k in zip(firsts, caps, ks)]
                for chains in itertools.product(*per_patient):
                    every = np.array(list(firsts) + [d for chain in chains for d in chain])
                    counts = (every[:, None] <= grid[None, :]).sum(axis=0)
                    low = np.minimum(low, counts)
                    high = np.maximum(high, counts)
    assert high.min() >= 0, "no dataset fits the rules"
    return low, high


@pytest.mark.parametrize("case", [
    # units, events, median, minimum, maximum, gap, rows of per-patient caps
    (3, 5, 2, 1, 4, 1, [(4, 6, 9)]),
    (3, 5, 2, 1, 4, 2, [(4, 5, 9), (5, 5, 9)]),
    (3, 6, 2, 1, 3, 2, [(3, 7, 8), (4, 4, 8)]),
    (2, 4, 2.5, 1, 4, 1, [(4, 7)]),
    # caps below some first days: assignments that put a first event after its patient's cap are out
    (3, 5, 2, 1, 4, 1, [(2, 6, 9)]),
    (3, 5, 2, 1, 4, 2, [(3, 4, 9), (2, 8, 8)]),
    (3, 6, 2, 1, 3, 1, [(1, 3, 5)]),
    # four and five units: free first days between the pins
    (4, 6, 2.5, 1, 4, 1, [(5, 5, 5, 5)]),
    (4, 6, 2, 0, 4, 2, [(4, 5, 6, 8)]),
    (5, 7, 2, 1, 4, 1, [(4, 4, 5, 6, 6)]),
    (4, 7, 4.5, 1, 6, 3, [(6, 6, 6, 9)]),  # some first days leave too little room for the extra events
    # first days 0, x2, 10, x4, 11 (x2 in 0..10, x4 in 10..11), cap 11, gaps of 5: the four extra events
    # need two patients first seen by day 1, whose chains (days 5-6 and 10-11) can all lie after day 5, so
    # by day 5 only those two first events must have happened: lower bound 2 (brute force agrees).
    (5, 9, 10, 0, 11, 5, [(11, 11, 11, 11, 11)]),
])
def test_first_event_envelope_with_per_patient_caps_matches_brute_force(case):
    units, events, median, minimum, maximum, gap, rows = case
    grid = list(range(-1, max(max(r) for r in rows) + 2))
    low, high = brute_per_patient_caps(units, events, median, minimum, maximum, grid, gap, rows)
    env = osx.first_event_total_envelope(units, events, median, minimum, maximum, grid, min_gap=gap, cap=rows)
    assert env.dtypes.tolist() == [np.int64] * 3
    assert env["day"].tolist() == grid
    assert env["lower"].tolist() == low.tolist()
    assert env["upper"].tolist() == high.tolist()
    if len(rows) == 1:  # one multiset of caps may also be given flat
        flat = osx.first_event_total_envelope(units, events, median, minimum, maximum, grid, min_gap=gap,
                                              cap=list(rows[0]))
        assert flat.equals(env)


def test_per_patient_caps_bind_where_one_cap_does_not():
    # First events on days 1, 2 and 4, two more events, gaps of 2. With one cap of 9 for everyone two
    # patients can each put an event on day 9, so on day 7 only the 3 first events need have happened.
    # With caps 4, 6 and 9 only the cap-9 patient may have events after day 7, and only one (day 9: day 7
    # itself is not after day 7), so at least one extra event is on or before day 7: lower bound 4.
    grid = [6, 7]
    one = osx.first_event_total_envelope(3, 5, 2, 1, 4, grid, min_gap=2, cap=9).set_index("day")
    own = osx.first_event_total_envelope(3, 5, 2, 1, 4, grid, min_gap=2, cap=[(4, 6, 9)]).set_index("day")
    assert one.loc[7, "lower"] == 3
    assert own.loc[7, "lower"] == 4
    with pytest.raises(ValueError, match="cap must be"):
        osx.first_event_total_envelope(3, 5, 2, 1, 4, grid, min_gap=1, cap=[(4, 6)])


def test_kleiter_first_relapse_envelope_with_each_patients_window():
    # 5 first relapses (median 120, range 45 to 230), 4 more relapses 30 days apart; a patient with k
    # infusions (median 8, range 2 to 11) may relapse up to 28 (k - 1) + 90 days. After day 342 only
    # patients with 11 infusions (at most 2: the 4th and 5th sorted counts) may relapse, one relapse each in
    # (t, 370] with 30-day gaps, so on days 340 to 369 at least 9 - 2 = 7 relapses have happened.
    infusions = osx.enumerate_sorted_tuples(5, 8, 2, 11)
    caps = 28 * (infusions - 1) + 90
    grid = np.arange(330, 372)
    env = osx.first_event_total_envelope(5, 9, 120, 45, 230, grid, min_gap=30, cap=caps).set_index("day")
    assert env.loc[340:369, "lower"].eq(7).all()
    assert env.loc[370, "lower"] == 9
    single = osx.first_event_total_envelope(5, 9, 120, 45, 230, grid, min_gap=30, cap=370).set_index("day")
    assert single.loc[340:369, "lower"].eq(5).all()  # the old, global-cap answer


def test_first_event_envelope_rejects_impossible_rules():
    # Two extra events after first events at 1, 2, 4 need room before the cap of 4 with gaps of 3:
    # only the patient first seen on day 1 has room (for one), so no arrangement exists.
    with pytest.raises(ValueError, match="no arrangement"):
        osx.first_event_total_envelope(3, 5, 2, 1, 4, [0], min_gap=3, cap=4)
    with pytest.raises(ValueError, match="events"):
        osx.first_event_total_envelope(3, 2, 2, 1, 4, [0], min_gap=1, cap=9)


@settings(max_examples=200, deadline=None)
@given(summaries())
def test_forced_steps_are_the_fewest_values_on_each_day(summary):
    # Oracle: for every day, the fewest values exactly on that day over every brute-force sample.
    n, median, minimum, maximum = summary
    samples = brute_samples(n, median, minimum, maximum, minimum, maximum)
    if not samples:
        return
    grid = list(range(minimum - 2, maximum + 3))
    forced = osx.forced_steps(osx.median_range_envelope(n, median, minimum, maximum, grid)).set_index("day")
    for day in grid[1:]:
        fewest = min(sum(x == day for x in s) for s in samples)
        assert fewest == (forced.loc[day, "forced"] if day in forced.index else 0)


def test_forced_steps_by_hand():
    # 9 values, median 120, range 45..230: the 1st, 5th and 9th are pinned, so days 45, 120 and 230
    # each carry at least one value although N(t) is only bounded (1-4 before 120, 5-8 before 230).
    grid = range(0, 400)
    nine = osx.forced_steps(osx.median_range_envelope(9, 120, 45, 230, grid))
    assert nine.values.tolist() == [[45, 0, 1, 1], [120, 4, 5, 1], [230, 8, 9, 1]]
    # 10 values: only x5 + x6 = 240 is fixed (x5 = 100, x6 = 140 works), so day 120 carries nothing.
    ten = osx.forced_steps(osx.median_range_envelope(10, 120, 45, 230, grid).set_index("day"))
    assert ten["day"].tolist() == [45, 230]
    with pytest.raises(ValueError, match="consecutive"):
        osx.forced_steps(osx.median_range_envelope(9, 120, 45, 230, [44, 46]))
    with pytest.raises(ValueError, match="columns"):
        osx.forced_steps(pd.DataFrame({"day": [1, 2], "lower": [0, 1]}))


def test_first_event_envelope_with_room_for_exactly_the_extra_events():
    # First events 1, 2, 4 (3 units, median 2, range 1-4 pin all three), cap 4, gaps of 3: only the
    # patient first seen on day 1 has room, for one event, on day 4. One extra event fills that room
    # exactly, so the data are feasible and fully determined: 0 events before day 1, 1 on day 1,
    # 2 on days 2-3 and all 4 from day 4.
    env = osx.first_event_total_envelope(3, 4, 2, 1, 4, [0, 1, 2, 3, 4, 5], min_gap=3, cap=4)
    assert env["lower"].tolist() == [0, 1, 2, 2, 4, 4]
    assert env["upper"].tolist() == [0, 1, 2, 2, 4, 4]


def test_first_event_envelope_without_extra_events_is_the_first_event_envelope():
    # events == units: no extra events, so the count by day t is the count of first events, bounded
    # by hand: 5 first days, median 120, range 45-230 pin x1 = 45, x3 = 120, x5 = 230.
    grid = [44, 45, 119, 120, 229, 230]
    env = osx.first_event_total_envelope(5, 5, 120, 45, 230, grid, min_gap=30, cap=400)
    assert env["lower"].tolist() == [0, 1, 1, 3, 3, 5]
    assert env["upper"].tolist() == [0, 2, 2, 4, 4, 5]


# --- argument errors: every message starts with the argument's name -------------------------------

SUMMARY = dict(n=3, median=2, minimum=1, maximum=4)
FIRST = dict(units=3, events=5, median=2, minimum=1, maximum=4, grid=[0], min_gap=1, cap=9)


@pytest.mark.parametrize("call, message", [
    (lambda: osx.median_range_feasible(**SUMMARY | dict(n=0)), r"^n must be a positive integer, got 0$"),
    (lambda: osx.median_range_feasible(**SUMMARY | dict(median=2.25)),
     r"^median of integers must be a whole or half number, got 2\.25$"),
    (lambda: osx.median_range_feasible(**SUMMARY | dict(median="2")), r"^median must be a finite real number"),
    (lambda: osx.median_range_feasible(**SUMMARY | dict(minimum=1.5)), r"^minimum must be an integer, got 1\.5$"),
    (lambda: osx.median_range_feasible(**SUMMARY | dict(maximum=True)), r"^maximum must be an integer, got True$"),
    (lambda: osx.median_range_envelope(3, 5, 2, 4, [0]), r"^no 3 integers have median 5, minimum 2 and maximum 4$"),
    (lambda: osx.enumerate_sorted_tuples(3, 2, 5, 4), r"^no 3 integers have median 2, minimum 5 and maximum 4$"),
    (lambda: osx.median_range_envelope(3, 2, 1, 4, [[1, 2]]),
     r"^grid must be a non-empty one-dimensional sequence of integers, got shape \(1, 2\)$"),
    (lambda: osx.median_range_envelope(3, 2, 1, 4, []),
     r"^grid must be a non-empty one-dimensional sequence of integers, got shape \(0,\)$"),
    (lambda: osx.median_range_envelope(3, 2, 1, 4, 5),
     r"^grid must be a non-empty one-dimensional sequence of integers, got shape \(\)$"),
    (lambda: osx.median_range_envelope(3, 2, 1, 4, [1.5]), r"^grid must hold integers \(integer days\)$"),
    (lambda: osx.median_range_envelope(3, 2, 1, 4, [1.0, np.nan]), r"^grid must hold integers \(integer days\)$"),
    (lambda: osx.median_range_envelope(3, 2, 1, 4, [1.0, np.inf]), r"^grid must hold integers \(integer days\)$"),
    (lambda: osx.median_range_envelope(3, 2, 1, 4, ["1"]), r"^grid must hold integers \(integer days\)$"),
    (lambda: osx.enumerate_sorted_tuples(9, 120, 45, 230),
     rf"^n, median, minimum and maximum must give at most 1000000 values \(samples x n\) \(got {76076 * 234136 * 9}\)"
     r": enumerate_sorted_tuples lists every sample"),
    # 5 values, 3rd = 1, range 0..100001: x2 in 0..1 (2 choices), x4 in 1..100001 (100001): 200 002 samples.
    (lambda: osx.enumerate_sorted_tuples(5, 1, 0, 100_001),
     r"^n, median, minimum and maximum must give at most 1000000 values \(samples x n\) \(got 1000010\)"),
    (lambda: osx.pinned_envelope(0, [1], [0], [0]), r"^n must be a positive integer, got 0$"),
    (lambda: osx.pinned_envelope(3, [1, 3], [0, 1, 2], [0]), r"^values must have the length of indices \(2\), got 3$"),
    (lambda: osx.pinned_envelope(3, [[1, 3]], [[0, 1]], [0]),
     r"^indices must be a non-empty one-dimensional sequence of integers, got shape \(1, 2\)$"),
    (lambda: osx.pinned_envelope(3, [1, 3], [[0, 1]], [0]),
     r"^values must be a non-empty one-dimensional sequence of integers, got shape \(1, 2\)$"),
    (lambda: osx.pinned_envelope(3, [], [], [0]),
     r"^indices must be a non-empty one-dimensional sequence of integers, got shape \(0,\)$"),
    # A pin that is not a whole number is refused, not truncated (2.5 would have become 2).
    (lambda: osx.pinned_envelope(3, [1, 2, 3], [0, 2.5, 3], [0]), r"^values must hold integers$"),
    (lambda: osx.pinned_envelope(3, [1, 2.5, 3], [0, 2, 3], [0]), r"^indices must hold integers$"),
    (lambda: osx.pinned_envelope(3, [2, 3], [0, 1], [0]), r"^indices must increase from 1 to n = 3, got \[2, 3\]$"),
    (lambda: osx.pinned_envelope(3, [1, 2], [0, 1], [0]), r"^indices must increase from 1 to n = 3, got \[1, 2\]$"),
    (lambda: osx.pinned_envelope(3, [1, 2, 2, 3], [0, 1, 1, 2], [0]),
     r"^indices must increase from 1 to n = 3, got \[1, 2, 2, 3\]$"),
    (lambda: osx.pinned_envelope(3, [1, 3, 2], [0, 1, 2], [0]),
     r"^indices must increase from 1 to n = 3, got \[1, 3, 2\]$"),
    (lambda: osx.pinned_envelope(3, [1, 2, 3], [0, 2, 1], [0]),
     r"^values must not decrease with the index, got \[0, 2, 1\]$"),
    (lambda: osx.pinned_envelope(3, [1, 3], [0, 1], [0.5]), r"^grid must hold integers \(integer days\)$"),
    (lambda: osx.forced_steps(pd.DataFrame({"day": [1, 2], "lower": [0, 1]})),
     r"^envelope must have columns \['day', 'lower', 'upper'\], missing \['upper'\]$"),
    (lambda: osx.forced_steps(pd.DataFrame({"day": [1, 2], "upper": [0, 1]})),
     r"^envelope must have columns \['day', 'lower', 'upper'\], missing \['lower'\]$"),
    (lambda: osx.forced_steps(pd.DataFrame({"day": [1, 3], "lower": [0, 1], "upper": [0, 1]})),
     r"^envelope days must be consecutive integers$"),
    (lambda: osx.forced_steps(pd.DataFrame({"day": [2, 1], "lower": [0, 1], "upper": [0, 1]})),
     r"^envelope days must be consecutive integers$"),
    (lambda: osx.sample_sorted(3, 2, 1, 4, -1, np.random.default_rng(0)), r"^size must be a non-negative integer"),
    (lambda: osx.sample_sorted(0, 2, 1, 4, 1, np.random.default_rng(0)), r"^n must be a positive integer"),
    (lambda: osx.sample_sorted(3, 5, 1, 4, 1, np.random.default_rng(0)),
     r"^no 3 integers have median 5, minimum 1 and maximum 4$"),
    (lambda: osx.first_event_total_envelope(**FIRST | dict(units=0)), r"^units must be a positive integer, got 0$"),
    (lambda: osx.first_event_total_envelope(**FIRST | dict(events=-1)), r"^events must be a non-negative integer"),
    (lambda: osx.first_event_total_envelope(**FIRST | dict(events=2)),
     r"^events must be at least units \(3\) when every unit has a first event, got 2$"),
    (lambda: osx.first_event_total_envelope(**FIRST | dict(min_gap=0)), r"^min_gap must be a positive integer, got 0$"),
    (lambda: osx.first_event_total_envelope(**FIRST | dict(median=5)),
     r"^no 3 integers have median 5, minimum 1 and maximum 4$"),
    (lambda: osx.first_event_total_envelope(**FIRST | dict(grid=[0.5])), r"^grid must hold integers \(integer days\)$"),
    (lambda: osx.first_event_total_envelope(**FIRST | dict(cap=2.5)), r"^cap must be an integer, got 2\.5$"),
    (lambda: osx.first_event_total_envelope(**FIRST | dict(cap=[4, 6])),
     r"^cap must be one integer, 3 integers \(one per unit\) or rows of 3 integers, got shape \(2,\)$"),
    (lambda: osx.first_event_total_envelope(**FIRST | dict(cap=np.zeros((0, 3), dtype=int))),
     r"^cap must be one integer, 3 integers \(one per unit\) or rows of 3 integers, got shape \(0, 3\)$"),
    (lambda: osx.first_event_total_envelope(**FIRST | dict(cap=[[[4, 6, 9]]])),
     r"^cap must be one integer, 3 integers \(one per unit\) or rows of 3 integers, got shape \(1, 1, 3\)$"),
    (lambda: osx.first_event_total_envelope(**FIRST | dict(cap=np.full((1, 3, 3), 9))),
     r"^cap must be one integer, 3 integers \(one per unit\) or rows of 3 integers, got shape \(1, 3, 3\)$"),
    (lambda: osx.first_event_total_envelope(**FIRST | dict(cap=[4.5, 6, 9])),
     r"^cap must hold integers \(integer days\)$"),
    (lambda: osx.first_event_total_envelope(**FIRST | dict(cap=[4.0, 6, np.nan])),
     r"^cap must hold integers \(integer days\)$"),
    (lambda: osx.first_event_total_envelope(**FIRST | dict(cap=[4.0, 6, np.inf])),
     r"^cap must hold integers \(integer days\)$"),
    (lambda: osx.first_event_total_envelope(**FIRST | dict(cap=["4", "6", "9"])),
     r"^cap must hold integers \(integer days\)$"),
    (lambda: osx.first_event_total_envelope(**FIRST | dict(min_gap=3, cap=4)),
     r"^no arrangement of the extra events fits the rules \(raise cap or lower min_gap\)$"),
])
def test_argument_errors_name_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("n", range(1, 7))
def test_every_small_summary_matches_brute_force(n):
    # Deterministic companion of the hypothesis test: every summary with minimum 0, maximum up to 4 and
    # a (half-)median from just below the minimum to just above the maximum, against brute_samples.
    for maximum in range(0, 5):
        grid = list(range(-1, maximum + 2))
        for twice in range(-1, 2 * maximum + 2):
            median = twice / 2
            samples = brute_samples(n, median, 0, maximum, 0, maximum)
            assert osx.median_range_feasible(n, median, 0, maximum) is bool(samples)
            assert osx.count_sorted_tuples(n, median, 0, maximum) == len(samples)
            if not samples:
                continue
            table = osx.enumerate_sorted_tuples(n, median, 0, maximum)
            assert table.dtype == np.int64 and table.shape == (len(samples), n)
            assert [tuple(row) for row in table] == sorted(samples)
            low, high = brute_envelope(samples, grid)
            env = osx.median_range_envelope(n, median, 0, maximum, grid)
            assert env.dtypes.tolist() == [np.int64] * 3
            assert env["lower"].tolist() == low.tolist()
            assert env["upper"].tolist() == high.tolist()
            forced = osx.forced_steps(env).set_index("day")
            for day in grid[1:]:
                fewest = min(sum(x == day for x in s) for s in samples)
                assert fewest == (forced.loc[day, "forced"] if day in forced.index else 0)


def test_envelope_takes_integral_floats_and_integer_dtypes_as_days():
    # n = 3, median 2, range 1..4 pins x1 = 1, x2 = 2, x3 = 4: N(t) is 0, 1, 2, 2, 3 on days 0..4 exactly.
    for grid in ([0.0, 1.0, 2.0, 3.0, 4.0], np.arange(5, dtype=np.int32), range(5)):
        env = osx.median_range_envelope(3, 2, 1, 4, grid)
        assert env["day"].dtype == np.int64
        assert env.values.tolist() == [[0, 0, 0], [1, 1, 1], [2, 2, 2], [3, 2, 2], [4, 3, 3]]
    low, high = osx.pinned_envelope(3, [1, 2, 3], [1, 2, 4], [0.0, 1.0, 3.0, 4.0])
    assert low.tolist() == [0, 1, 2, 3] and high.tolist() == [0, 1, 2, 3]
    # Pins given as integral floats count positions as integers all the same.
    low, high = osx.pinned_envelope(3, [1.0, 2.0, 3.0], [1.0, 2.0, 4.0], [0, 1, 3, 4])
    assert low.dtype == high.dtype == np.int64
    assert low.tolist() == [0, 1, 2, 3] and high.tolist() == [0, 1, 2, 3]
    # Equal pinned values are allowed: x1 = x2 = 2 leaves x3 free in 2..5 for n = 4 pins 1, 2, 4.
    low, high = osx.pinned_envelope(4, [1, 2, 4], [2, 2, 5], [1, 2, 4, 5])
    assert low.tolist() == [0, 2, 2, 4] and high.tolist() == [0, 3, 3, 4]


def test_enumeration_at_the_bound_lists_every_sample():
    # 5 values, 3rd = 1, range 0..100000: x2 in 0..1, x4 in 1..100000: 200,000 samples of 5, 1,000,000 values.
    table = osx.enumerate_sorted_tuples(5, 1, 0, 100_000)
    assert table.shape == (200_000, 5)
    assert table[0].tolist() == [0, 0, 1, 1, 100_000] and table[-1].tolist() == [0, 1, 1, 100_000, 100_000]


def test_forced_steps_reads_day_from_column_or_index_and_returns_integers():
    # Envelope by hand for n = 3, median 2, range 1..4 on days 0..4: lower 0, 1, 2, 2, 3 and upper the
    # same (every value pinned), so the steps are 1 on day 1, 1 on day 2 and 1 on day 4.
    frame = pd.DataFrame({"day": [0, 1, 2, 3, 4], "lower": [0, 1, 2, 2, 3], "upper": [0, 1, 2, 2, 3]})
    expected = [[1, 0, 1, 1], [2, 1, 2, 1], [4, 2, 3, 1]]
    for envelope in (frame, frame.set_index("day"), frame.set_index("day", drop=False), frame.astype(float),
                     frame.astype(float).set_index("day")):
        steps = osx.forced_steps(envelope)
        assert list(steps.columns) == ["day", "before_at_most", "on_day_at_least", "forced"]
        assert steps.dtypes.tolist() == [np.int64] * 4
        assert steps.values.tolist() == expected
    empty = osx.forced_steps(frame.iloc[:0])
    assert list(empty.columns) == ["day", "before_at_most", "on_day_at_least", "forced"] and empty.empty


def test_integral_float_caps_and_days_are_integers():
    # Caps 4, 6, 9 given as floats (float64 or float32) and a float32 grid mean the same integer days.
    grid = list(range(0, 11))
    ints = osx.first_event_total_envelope(3, 5, 2, 1, 4, grid, min_gap=2, cap=[(4, 6, 9)])
    for caps in ([(4.0, 6.0, 9.0)], np.array([4, 6, 9], dtype=np.float32), [[4.0, 6.0, 9.0], [9.0, 6.0, 4.0]]):
        floats = osx.first_event_total_envelope(3, 5, 2, 1, 4, np.array(grid, dtype=np.float32), min_gap=2, cap=caps)
        assert floats.dtypes.tolist() == [np.int64] * 3
        assert floats.equals(ints)
    env = osx.median_range_envelope(3, 2, 1, 4, np.array([0, 1, 2, 3, 4], dtype=np.float32))
    assert env.values.tolist() == [[0, 0, 0], [1, 1, 1], [2, 2, 2], [3, 2, 2], [4, 3, 3]]


def test_first_event_envelope_with_many_units_and_no_extra_events():
    # 65 first events, median 10 (the 33rd), range 0..20, no extra events: by hand, before day 0 none;
    # on day 0 at least x1 and at most x1..x32 (x33 = 10); from day 10 to 19 at least x1..x33 and at
    # most x1..x64 (x65 = 20); on day 20 all 65. This is also the median_range_envelope.
    grid = [-1, 0, 9, 10, 19, 20]
    env = osx.first_event_total_envelope(65, 65, 10, 0, 20, grid, min_gap=1, cap=20)
    assert env["lower"].tolist() == [0, 1, 1, 33, 33, 65]
    assert env["upper"].tolist() == [0, 32, 32, 64, 64, 65]
    assert env.equals(osx.median_range_envelope(65, 10, 0, 20, grid))


# --- sizes bounded before any work (analysis.stats._validate.SIZE_BOUNDS) -----------------------------------

_SPLITS = r"^n, median, minimum and maximum must give at most 2000000 pinned values \(median splits x n\) \(got {}\)"


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (lambda: osx.count_sorted_tuples(10**9, 5 * 10**8, 1, 10**9),
         r"^n must be at most 10000 \(got 1000000000\): a sorted sample of n integers is counted, listed or drawn"),
        (lambda: osx.count_sorted_tuples(10_001, 5, 5, 5), r"^n must be at most 10000 \(got 10001\): "),
        (lambda: osx.enumerate_sorted_tuples(10_001, 5, 5, 5), r"^n must be at most 10000 \(got 10001\): "),
        (lambda: osx.sample_sorted(10_001, 5, 5, 5, 1, np.random.default_rng(0)), r"^n must be at most 10000 "),
        (lambda: osx.median_range_envelope(10_001, 5, 5, 5, [5]), r"^n must be at most 10000 \(got 10001\): "),
        (lambda: osx.count_sorted_tuples(3, 0, 0, 10**9 + 1),
         r"^maximum - minimum must be at most 1000000000 \(got 1000000001\): the counts are binomial coefficients"),
        (lambda: osx.count_sorted_tuples(3, 0, -(10**400), 0),
         r"^maximum - minimum must be at most 1000000000 \(got 1\.000e\+400\): "),
        # Even n: the lower middle value L runs over max(a, 2m - b) .. floor(m), here 0 .. 20000.
        (lambda: osx.count_sorted_tuples(1000, 2000, 0, 4000), _SPLITS.format(2001 * 1000)),
        (lambda: osx.sample_sorted(100, 20000, 0, 40000, 1, np.random.default_rng(0)), _SPLITS.format(20001 * 100)),
        (lambda: osx.sample_sorted(10, 5, 5, 5, 1_000_001, np.random.default_rng(0)),
         r"^size \* n must be at most 10000000 \(got 10000010\): sample_sorted returns size rows of n"),
        (lambda: osx.pinned_envelope(2, [1, 2], [0, 1], np.arange(10**6 + 1)),
         r"^grid must give at most 2000000 comparisons \(days x pinned values\) \(got 2000002\): each grid day"),
        (lambda: osx.median_range_envelope(4, 2, 2, 2, np.arange(500_001)),
         r"^grid must give at most 2000000 comparisons \(days x pinned values\) \(got 2000004\): "),
        # Two splits of the median (L = 1 or 2), four pins each.
        (lambda: osx.median_range_envelope(4, 2, 1, 3, np.arange(250_001)),
         r"^grid must give at most 2000000 comparisons \(days x pinned values\) \(got 2000008\): "),
    ],
)
def test_sizes_past_their_bound_are_refused_before_any_work(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()


def test_sizes_at_their_bound_are_accepted():
    assert osx.count_sorted_tuples(10_000, 5, 5, 5) == 1
    assert osx.count_sorted_tuples(5, 0, 0, 10**9) == 10**9 + 1  # x2 = 0, x4 anywhere in 0 .. 10**9
    # L in 1 .. 2000: 2,000 splits of 1000 values. Each split L fixes x500 = L and x501 = 4000 - L, leaving
    # 498 values in 1..L (C(L - 1 + 498, 498) multisets) and 498 in 4000 - L .. 4000 (C(L + 498, 498)).
    expected = sum(math.comb(L + 497, 498) * math.comb(L + 498, 498) for L in range(1, 2001))
    assert osx.count_sorted_tuples(1000, 2000, 1, 4000) == expected
    assert osx.sample_sorted(10, 5, 5, 5, 1_000_000, np.random.default_rng(0)).shape == (1_000_000, 10)
    low, high = osx.pinned_envelope(2, [1, 2], [0, 1], np.arange(10**6))
    assert low[:3].tolist() == [1, 2, 2] and high[:3].tolist() == [1, 2, 2]
    assert len(osx.median_range_envelope(4, 2, 2, 2, np.arange(500_000))) == 500_000
    assert len(osx.median_range_envelope(4, 2, 1, 3, np.arange(250_000))) == 250_000


def test_feasibility_of_a_huge_summary_is_decided_without_listing():
    # 5 * 10**8 splits of the median would be listed before; feasibility needs only their number.
    assert osx.median_range_feasible(10**9, 5 * 10**8, 1, 10**9)
    assert not osx.median_range_feasible(10**9, 5 * 10**8, 5 * 10**8 + 1, 10**9)


_FIRST_EVENT = r"^units, median, minimum, maximum, grid and cap must give at most {} values {} \(.*\) \(got {}\): "


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (lambda: osx.first_event_total_envelope(1, 1, 5, 5, 5, [5], min_gap=1, cap=np.full((100_001, 1), 9)),
         r"^cap must give at most 100000 permutations \(rows x units!\) \(got 100001\): every assignment"),
        (lambda: osx.first_event_total_envelope(9, 9, 5, 5, 5, [5], min_gap=1, cap=9 * [9]),
         r"^cap must give at most 100000 permutations \(rows x units!\) \(got 362880\): "),
        # 5 units: pins 1, 3, 5 and two blocks of one value, 2 x 2 = 4 first-day samples per day.
        (lambda: osx.first_event_total_envelope(5, 9, 5, 1, 9, np.arange(500_001), min_gap=1, cap=10**6),
         _FIRST_EVENT.format(10000000, "held at once", 10000020)),
        # One unit, 321 caps: 64 held at once x 156,250 days = 10,000,000; 321 x 156,250 = 50,156,250 compared.
        (lambda: osx.first_event_total_envelope(1, 1, 5, 5, 5, np.arange(156_250), min_gap=1,
                                                cap=np.arange(321).reshape(-1, 1) + 5),
         _FIRST_EVENT.format(50000000, "compared", 50156250)),
    ],
)
def test_first_event_sizes_past_their_bound_are_refused_before_any_work(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()


def test_first_event_sizes_at_their_bound_are_accepted():
    one_cap = osx.first_event_total_envelope(1, 1, 5, 5, 5, [4, 5], min_gap=1, cap=np.full((100_000, 1), 9))
    assert one_cap["lower"].tolist() == [0, 1] and one_cap["upper"].tolist() == [0, 1]
    held = osx.first_event_total_envelope(5, 5, 5, 1, 9, np.arange(500_000), min_gap=1, cap=10**6)
    assert held["upper"].iloc[-1] == 5
    # 320 caps x 156,250 days: 50,000,000 values compared and 10,000,000 held at once, both bounds exactly.
    compared = osx.first_event_total_envelope(1, 1, 5, 5, 5, np.arange(156_250), min_gap=1,
                                              cap=np.arange(320).reshape(-1, 1) + 5)
    assert compared["lower"].tolist()[4:7] == [0, 1, 1]
