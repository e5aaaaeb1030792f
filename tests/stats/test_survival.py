"""Tests for analysis.stats.survival against hand-worked Kaplan-Meier, median and log-rank computations."""

import math
import re
from fractions import Fraction
from statistics import NormalDist

import numpy as np
import pytest

from analysis.stats.survival import km_median_ci, km_table, logrank

Z95 = NormalDist().inv_cdf(0.975)


def _loglog_ci(survival, greenwood_sum, z=Z95):
    """Kalbfleisch-Prentice interval: ln(-ln S) -/+ z * sqrt(Greenwood sum) / |ln S|, mapped back."""
    log_s = math.log(survival)
    half_width = z * math.sqrt(greenwood_sum) / abs(log_s)
    centre = math.log(-log_s)
    return math.exp(-math.exp(centre + half_width)), math.exp(-math.exp(centre - half_width))


def test_km_hand_worked_example():
    # durations 1 2 2 3 4, events 1 1 0 1 0. At time 2 one event and one censoring tie:
    # the event counts against the 4 at risk, the censored subject leaves afterwards.
    table = km_table([1, 2, 2, 3, 4], [1, 1, 0, 1, 0])
    assert list(table.columns) == ["time", "at_risk", "events", "survival", "ci_low", "ci_high"]
    assert table["time"].tolist() == [1, 2, 3, 4]
    assert table["at_risk"].tolist() == [5, 4, 2, 1]
    assert table["events"].tolist() == [1, 1, 1, 0]
    assert table["at_risk"].dtype.kind == "i" and table["events"].dtype.kind == "i"
    assert all(table[column].dtype == np.float64 for column in ["time", "survival", "ci_low", "ci_high"])

    s1 = Fraction(4, 5)
    s2 = s1 * Fraction(3, 4)
    s3 = s2 * Fraction(1, 2)
    expected_s = [s1, s2, s3, s3]  # no event at 4: unchanged
    assert table["survival"].tolist() == pytest.approx([float(s) for s in expected_s], rel=1e-12)

    # Greenwood: sum of d / (n (n - d)) over event times so far.
    g1 = Fraction(1, 5 * 4)
    g2 = g1 + Fraction(1, 4 * 3)
    g3 = g2 + Fraction(1, 2 * 1)
    for row, s, g in zip(table.itertuples(), expected_s, [g1, g2, g3, g3]):
        low, high = _loglog_ci(float(s), float(g))
        assert row.ci_low == pytest.approx(low, rel=1e-9)
        assert row.ci_high == pytest.approx(high, rel=1e-9)
        assert row.ci_low < row.survival < row.ci_high


def test_km_level_changes_the_interval():
    durations, events = [1, 2, 2, 3, 4], [1, 1, 0, 1, 0]
    wide = km_table(durations, events, level=0.99)
    low, high = _loglog_ci(0.6, 1 / 20 + 1 / 12, z=NormalDist().inv_cdf(0.995))
    assert wide.loc[1, "ci_low"] == pytest.approx(low, rel=1e-9)
    assert wide.loc[1, "ci_high"] == pytest.approx(high, rel=1e-9)
    narrow = km_table(durations, events, level=0.9)
    assert (wide["ci_low"] <= narrow["ci_low"]).all() and (narrow["ci_high"] <= wide["ci_high"]).all()


def test_km_rows_are_observed_times_only():
    table = km_table([3, 5, 5, 8], [0, 1, 1, 1])
    # First observed time is 3 (a censoring): no artificial row at 0, and survival 1 with CI (1, 1).
    assert table["time"].tolist() == [3, 5, 8]
    assert table.loc[0, ["at_risk", "events", "survival", "ci_low", "ci_high"]].tolist() == [4, 0, 1, 1, 1]
    # Everyone has died at time 8: survival 0 and, as in lifelines, CI (0, 0).
    assert table.loc[2, ["survival", "ci_low", "ci_high"]].tolist() == [0, 0, 0]


def test_km_keeps_a_real_time_zero():
    table = km_table(np.array([0.0, 2.0, 2.0]), np.array([False, True, False]))
    assert table["time"].tolist() == [0, 2]
    assert table["at_risk"].tolist() == [3, 2]
    assert table["survival"].tolist() == pytest.approx([1.0, 0.5])


def test_logrank_hand_worked():
    # Group a: 1 (event), 3 (event), 4 (censored); group b: 2 (event), 2 (censored), 5 (event).
    # Per event time: n_a, n_b, d_a, d  ->  E_a = d n_a / n,  V = d (n - d) n_a n_b / (n^2 (n - 1)).
    rows = [
        (3, 3, 1, 1),  # t = 1
        (2, 3, 0, 1),  # t = 2
        (2, 1, 1, 1),  # t = 3
        (0, 1, 0, 1),  # t = 5: nobody of a at risk, contributes nothing
    ]
    observed = sum(Fraction(d_a) for _, _, d_a, _ in rows)
    expected = sum(Fraction(d * n_a, n_a + n_b) for n_a, n_b, _, d in rows)
    variance = sum(
        Fraction(d * (n_a + n_b - d) * n_a * n_b, (n_a + n_b) ** 2 * (n_a + n_b - 1))
        for n_a, n_b, _, d in rows
        if n_a + n_b > 1
    )
    assert (observed - expected, variance) == (Fraction(13, 30), Fraction(641, 900))
    statistic = float((observed - expected) ** 2 / variance)  # 169 / 641
    p = math.erfc(math.sqrt(statistic / 2))  # chi-square 1 df survival function
    got_statistic, got_p = logrank([1, 3, 4], [1, 1, 0], [2, 2, 5], [1, 0, 1])
    assert got_statistic == pytest.approx(169 / 641, rel=1e-10)
    assert got_p == pytest.approx(p, rel=1e-10)


def test_logrank_is_symmetric_and_zero_for_identical_groups():
    a = ([2, 4, 4, 7, 9, 12], [1, 0, 1, 1, 0, 1])
    b = ([1, 3, 5, 5, 6, 15], [1, 1, 1, 0, 1, 0])
    assert logrank(*a, *b) == pytest.approx(logrank(*b, *a), rel=1e-12)
    statistic, p = logrank(*a, *a)
    assert statistic == pytest.approx(0.0, abs=1e-12)
    assert p == pytest.approx(1.0)


@pytest.mark.parametrize(
    "durations,events,match",
    [
        ([1, 2], [1], "events must have the same length as durations"),
        ([1, -2], [1, 0], "durations must be finite and non-negative"),
        ([1, math.nan], [1, 0], "durations must be finite"),
        ([1, 2], [1, 2], "events must contain only 0/1"),
        ([], [], "durations must be a non-empty"),
        (["a", "b"], [1, 0], "durations must be a sequence of numbers"),
    ],
)
def test_km_bad_input(durations, events, match):
    with pytest.raises(ValueError, match=match):
        km_table(durations, events)


@pytest.mark.parametrize(("groups", "message"), [
    (([1, -2], [1, 0], [1, 2], [1, 0]), "durations_a must be finite and non-negative"),
    (([1, 2], [1, 3], [1, 2], [1, 0]), "events_a must contain only 0/1"),
    (([1, 2], [1], [1, 2], [1, 0]), "events_a must have the same length as durations_a (2), got 1"),
    (([1, 2], [1, 0], [1, -2], [1, 0]), "durations_b must be finite and non-negative"),
    (([1, 2], [1, 0], [1, 2], [1, 3]), "events_b must contain only 0/1"),
    (([1, 2], [1, 0], [1, 2, 3], [1, 0]), "events_b must have the same length as durations_b (3), got 2"),
])
def test_logrank_errors_name_the_argument_exactly(groups, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        logrank(*groups)


def test_logrank_bad_input_names_the_group():
    with pytest.raises(ValueError, match="events_b"):
        logrank([1, 2], [1, 0], [1, 2], [1, 3])
    with pytest.raises(ValueError, match="durations_a"):
        logrank([], [], [1, 2], [1, 0])
    with pytest.raises(ValueError, match="level"):
        km_table([1, 2], [1, 0], level=0)


# --- km_median_ci: a hand computation of the log(-log) band, and edge cases ---


def _hand_median_ci(durations, events, level):
    """Kaplan-Meier with Greenwood's variance and the log(-log) band
    S^exp(+-z * sqrt(V) / |log S|), V = sum d / (n (n - d)) (Kalbfleisch & Prentice 1980),
    written out without lifelines; the median and each bound are the first event time where
    the curve falls to 0.5 or below."""
    z = NormalDist().inv_cdf(1 - (1 - level) / 2)
    times = sorted(set(t for t, e in zip(durations, events) if e))
    s, v, rows = 1.0, 0.0, []
    for t in times:
        at_risk = sum(1 for u in durations if u >= t)
        d = sum(1 for u, e in zip(durations, events) if u == t and e)
        s *= 1 - d / at_risk
        v += d / (at_risk * (at_risk - d))
        c = math.sqrt(v) / abs(math.log(s))
        rows.append((t, s, s ** math.exp(z * c), s ** math.exp(-z * c)))

    def first(column):
        return next((row[0] for row in rows if row[column] <= 0.5), math.inf)

    return first(1), first(2), first(3)


# ten subjects, events at 1..9, the last censored at 10 (no S = 0, so the band is defined)
TEN = (list(range(1, 11)), [1] * 9 + [0])
# gehan-like small set with ties and censoring
TIES = ([6, 6, 6, 7, 10, 13, 16, 22, 23, 6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35],
        [1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])


@pytest.mark.parametrize("data", [TEN, TIES])
@pytest.mark.parametrize("level", [0.95, 0.80, 0.50])
def test_matches_hand_computed_log_log_band(data, level):
    assert km_median_ci(*data, level=level) == pytest.approx(_hand_median_ci(*data, level))


def test_level_is_forwarded():
    wide = km_median_ci(*TEN, level=0.95)
    narrow = km_median_ci(*TEN, level=0.50)
    assert wide[0] == narrow[0] == 5.0  # S(5) = 0.5 exactly: the first time S <= 0.5
    assert wide[1] <= narrow[1] and narrow[2] <= wide[2]
    assert (wide[1], wide[2]) != (narrow[1], narrow[2])


def test_unreached_median_and_bound_are_inf():
    # One early event, the rest censored: S never reaches 0.5.
    assert km_median_ci([1, 2, 3, 4, 5], [1, 0, 0, 0, 0])[0] == math.inf
    median, low, high = km_median_ci(*TIES)
    assert median == 23.0 and high == math.inf  # the TIES curve (Gehan 6-MP arm) reaches 0.448 at 23


def test_accepts_booleans_and_numpy():
    assert km_median_ci(np.array(TEN[0]), np.array(TEN[1], dtype=bool)) == km_median_ci(*TEN)


@pytest.mark.parametrize(("args", "kwargs", "word"), [
    (([], []), {}, "durations"),
    (([1, -2], [1, 1]), {}, "durations"),
    (([1, 2], [1]), {}, "events"),
    (([1, 2], [1, 2]), {}, "events"),
    (([1, 2], [1, 1]), {"level": 1.5}, "level"),
])
def test_km_median_argument_errors(args, kwargs, word):
    with pytest.raises(ValueError, match=f"^{word} "):
        km_median_ci(*args, **kwargs)
