"""What the audit knows of one printed row beyond its rounding (analysis.audit._context.Printed and Context): which
rows are whole numbers, how many patient-years a rate is per, how a number is written back, and how a table's rows
are found. Expected values are read from the printed text and data/README.md's units."""

import pandas as pd
import pytest

from analysis.audit._context import Context, Printed


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


def test_a_ci_needs_both_bounds():
    lower_only = Printed("hr", 0.5, 2, "=", "ratio", "ratio", "", "", "", 0.3, None, "")
    upper_only = Printed("hr", 0.5, 2, "=", "ratio", "ratio", "", "", "", None, 0.8, "")
    both = Printed("hr", 0.5, 2, "=", "ratio", "ratio", "", "", "", 0.3, 0.8, "")
    assert (lower_only.has_ci, upper_only.has_ci, both.has_ci) == (False, False, True)
    # a lone bound is not printed back either
    assert lower_only.named() == "hr = 0.50"


@pytest.mark.parametrize(("unit", "per"), [
    ("per_patient_year", 1), ("per_100_patient_years", 100), ("per_1000_patient_years", 1000),
    ("patients", 1), ("", 1),   # no rate: per 1
])
def test_a_rate_is_per_its_units_patient_years(unit, per):
    assert row(unit).per_patient_year == per


def test_numbers_are_written_back_with_the_rows_decimals():
    hr = Printed("hr", 0.5, 2, "=", "ratio", "ratio", "", "", "", 0.2, 1.0, "", ci_decimals=1)
    assert hr.digits() == "0.50" and hr.digits(0.123) == "0.12"
    # the CI's bounds at its own decimal
    assert hr.bound_digits(1.0) == "1.0" and hr.bound_digits(0.34) == "0.3"
    assert hr.named() == "hr = 0.50 (0.2 to 1.0)"
    threshold = Printed("p", 0.001, 3, "<", "p", "p", "", "", "", None, None, "")
    assert threshold.named() == "p < 0.001"


def test_a_context_lists_the_rows_of_given_statistics_in_table_order():
    table = pd.DataFrame({"quantity": ["hr", "p_hr", "n", "p_n"], "value": [0.5, 0.01, 40.0, 0.2],
                          "decimals": [2, 2, 0, 1], "comparator": ["=", "=", "=", "="],
                          "statistic": ["ratio", "p", "count", "p"], "unit": ["ratio", "p", "patients", "p"]})
    ctx = Context.of_table(table, "demo", 0.9)
    assert [r.quantity for r in ctx.with_statistic("p")] == ["p_hr", "p_n"]
    assert [r.quantity for r in ctx.with_statistic("count", "ratio")] == ["hr", "n"]
    assert ctx.with_statistic("rate") == []
    assert (ctx.study, ctx.level, ctx.get("n").value, ctx.get("n").whole) == ("demo", 0.9, 40.0, True)


def test_an_empty_reference_finds_no_row_even_one_with_an_empty_name():
    unnamed = Printed("", 3.0, 0, "=", "patients", "count", "", "", "", None, None, "")
    ctx = Context("demo", {"": unnamed}, 0.95)
    assert ctx.get("") is None


def test_a_p_printed_as_ns_can_be_written_without_a_reported_number():
    # A finding about an NS p that gives no `reported` at all: nothing to drop, and the row is written.
    ns = Printed("p_main", 0.05, 2, ">", "p", "p", "", "", "", None, None, "S1", not_significant=True)
    ctx = Context("demo", {"p_main": ns}, 0.95)
    ctx.add("p_check", ns, [], "ns", "consistency", "consistent")
    row = ctx.ledger["p_check__p_main"]
    assert (row.finding, row.status, row.reported) == ("ns", "consistent", None)
