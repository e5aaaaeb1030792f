"""rounding_interval's refusals name the argument the caller passed, from the start of the message."""

import pytest

from analysis.stats.consistency import rounding_interval


@pytest.mark.parametrize(("decimals", "pattern"), [
    (-1, r"^decimals must be a non-negative integer, got -1$"),
    (1.5, r"^decimals must be a non-negative integer, got 1.5$"),
    (1001, r"^decimals must be at most 1000 \(got 1001\)"),
])
def test_rounding_interval_names_decimals_when_it_is_refused(decimals, pattern):
    with pytest.raises(ValueError, match=pattern):
        rounding_interval("0.02", decimals)


def test_rounding_interval_holds_the_values_half_a_step_either_side():
    # 0.02 at 2 decimals: half a step is 0.005, so [0.015, 0.025] exactly; as fractions 3/200 and 5/200.
    low, high = rounding_interval("0.02", 2)
    assert (low.numerator, low.denominator, high.numerator, high.denominator) == (3, 200, 1, 40)
