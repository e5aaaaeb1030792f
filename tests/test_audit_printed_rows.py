"""What the audit knows of one printed row beyond its rounding (analysis.audit._context.Printed and Context): which
rows are whole numbers, how many patient-years a rate is per, how a number is written back, and how a table's rows
are found. Expected values are read from the printed text and data/README.md's units."""

import pytest

from analysis.audit._context import Printed


def row(unit, decimals=0, value=12.0):
    return Printed("q", value, decimals, "=", unit, "value", "", "", "", None, None, "")


@pytest.mark.parametrize(("unit", "decimals", "whole"), [
    ("patients", 0, True),     # a count of patients printed whole
    ("days", 0, True),         # days are counted in whole days
    ("score", 0, True),        # whole points per participant
    ("patients", 1, False),    # a mean count printed with a decimal is no whole number
    ("weeks", 0, False),       # a duration in weeks is a measure
    ("measure", 0, False),
])
def test_only_counts_days_and_scores_printed_without_decimals_are_whole(unit, decimals, whole):
    assert row(unit, decimals).whole is whole
