"""A number of decimals past the bound is refused under the caller's name for it, as every argument check is."""

import pytest

from analysis.stats import _validate as v
from analysis.stats.reported_ratios import ratio_ci_check


@pytest.mark.parametrize("name", ["p_decimals", "ci_decimals"])
def test_decimals_past_1000_are_refused_under_the_name_given(name):
    with pytest.raises(ValueError, match=rf"^{name} must be at most 1000 \(got 1001\): exact rounding works"):
        v.decimals(name, 1001)


def test_decimals_up_to_1000_are_returned_as_a_whole_number():
    assert v.decimals("p_decimals", 1000.0) == 1000


def test_a_printed_p_with_too_many_decimals_is_refused_naming_p_decimals():
    with pytest.raises(ValueError, match=r"^p_decimals must be at most 1000 \(got 1001\)"):
        ratio_ci_check(0.5, 0.3, 0.8, 1, p_value=0.01, p_decimals=1001)
