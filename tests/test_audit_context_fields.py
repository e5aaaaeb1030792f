"""How a values row's CI bounds are read (analysis.audit._context.Printed.from_row): a bound printed with more
decimals than the row's ``ci_decimals`` is read at ``ci_decimals``, rounded as a reader rounds a printed number,
half away from zero (1.25 to one decimal is 1.3, -0.45 is -0.5), where Python's float formatting and Decimal's
default would round half to even (1.2, -0.4)."""

from types import SimpleNamespace

import pytest

from analysis.audit._context import Printed


def ratio_row(low, high, ci_decimals):
    return Printed.from_row(SimpleNamespace(
        quantity="hr", value=0.8, decimals=2, comparator="=", unit="ratio", statistic="ratio", of="", denominator="",
        df="", ci_low=low, ci_high=high, source="X1", ci_decimals=ci_decimals, role="primary"))


@pytest.mark.parametrize(("low", "high", "ci_decimals", "read", "named"), [
    # ties at one decimal: 0.45 -> 0.5, 1.25 -> 1.3 (half away from zero; half to even would give 0.4 and 1.2)
    (0.45, 1.25, 1, (0.5, 1.3), "hr = 0.80 (0.5 to 1.3)"),
    # a negative tie rounds away from zero too: -0.45 -> -0.5; 2.35 -> 2.4 (half to even: -0.4, 2.4)
    (-0.45, 2.35, 1, (-0.5, 2.4), "hr = 0.80 (-0.5 to 2.4)"),
    # at two decimals: 0.125 -> 0.13 and 1.265 -> 1.27 (half to even: 0.12, 1.26)
    (0.125, 1.265, 2, (0.13, 1.27), "hr = 0.80 (0.13 to 1.27)"),
    # bounds at no more decimals than ci_decimals are read as printed
    (0.4, 1.3, 2, (0.4, 1.3), "hr = 0.80 (0.40 to 1.30)"),
])
def test_a_bound_with_more_decimals_than_the_ci_is_read_at_the_ci_decimals_rounding_half_away_from_zero(
        low, high, ci_decimals, read, named):
    row = ratio_row(low, high, ci_decimals)
    assert (row.ci_low, row.ci_high) == read
    assert row.named() == named
