"""first_event_total_envelope counts the values it would hold and compare before it builds any array, and a
refusal gives the count, worked here by hand: cap assignments x first-day samples x days x units."""

import numpy as np
import pytest

from analysis.stats.order_statistics import first_event_total_envelope


def test_the_values_held_at_once_count_at_most_64_cap_assignments():
    # 5 patients, first days median 10 (range 1 to 20): pins at sorted positions 1, 3 and 5 leave two blocks of one
    # free day each, so 2 x 2 = 4 first-day samples. Five distinct caps give 5! = 120 assignments, 64 held at once.
    # Over 8000 days: 64 x 4 x 8000 x 5 = 10,240,000 values, past the 10,000,000 allowed.
    with pytest.raises(ValueError, match=r"^units, median, minimum, maximum, grid and cap must give at most 10000000 "
                                         r"values held at once .* \(got 10240000\)"):
        first_event_total_envelope(5, 5, 10, 1, 20, np.arange(8000), min_gap=1, cap=[30, 31, 32, 33, 34])


def test_the_values_compared_count_every_first_day_sample():
    # 7 patients, median 10 (range 1 to 20): pins at positions 1, 4 and 7 leave two blocks of two free days, each
    # with r = 0, 1 or 2 days at the lower pin: 3 x 3 = 9 samples. Seven distinct caps: 7! = 5040 assignments.
    # Held at once: 64 x 9 x 200 x 7 = 806,400 (allowed); compared: 5040 x 9 x 200 x 7 = 63,504,000 > 50,000,000.
    with pytest.raises(ValueError, match=r"^units, median, minimum, maximum, grid and cap must give at most 50000000 "
                                         r"values compared .* \(got 63504000\)"):
        first_event_total_envelope(7, 7, 10, 1, 20, np.arange(200), min_gap=1, cap=list(range(30, 37)))
