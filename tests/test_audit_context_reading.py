"""How the audit reads one printed row (analysis.audit._context.Printed) and writes one ledger row (Context.add):
the rounding of a count printed with decimals, the defaults of empty cells, and the sources and inputs a finding
cites. Expected values are worked in the comments from the printed text."""

from types import SimpleNamespace

import pytest

from analysis.audit._context import Printed


def printed_row(**fields):
    """A values-table row as ``itertuples`` gives it: only the fields given (a missing one reads as empty)."""
    return SimpleNamespace(**{"quantity": "q", "value": 1.0, "decimals": 0, "comparator": "=", **fields})


# --- a count and its rounding ----------------------------------------------------------------------------

def test_a_count_printed_without_decimals_is_exact():
    assert Printed.from_row(printed_row(statistic="count", value=12.0)).interval() == (12.0, 12.0)


def test_a_count_printed_with_decimals_is_rounded():
    # A mean count such as 2.5 relapses, printed with one decimal: 2.45 to 2.55.
    low, high = Printed.from_row(printed_row(statistic="count", value=2.5, decimals=1)).interval()
    assert (low, high) == (pytest.approx(2.45), pytest.approx(2.55))


def test_a_whole_value_that_is_no_count_is_rounded():
    # 12 patient-years printed whole: 11.5 to 12.5.
    low, high = Printed.from_row(printed_row(statistic="value", unit="patient_years", value=12.0)).interval()
    assert (low, high) == (pytest.approx(11.5), pytest.approx(12.5))
