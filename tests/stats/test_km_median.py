"""Tests of analysis.stats.km_median: a hand computation of the log(-log) band, and edge cases."""

import math

import numpy as np
import pytest
from scipy.stats import norm

from analysis.stats.km_median import km_median_ci


def _hand_median_ci(durations, events, level):
    """Kaplan-Meier with Greenwood's variance and the log(-log) band
    S^exp(+-z * sqrt(V) / |log S|), V = sum d / (n (n - d)) (Kalbfleisch & Prentice 1980),
    written out without lifelines; the median and each bound are the first event time where
    the curve falls to 0.5 or below."""
    z = norm.isf((1 - level) / 2)
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
def test_argument_errors(args, kwargs, word):
    with pytest.raises(ValueError, match=word):
        km_median_ci(*args, **kwargs)
