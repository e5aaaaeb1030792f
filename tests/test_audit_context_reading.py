"""How the audit reads one printed row (analysis.audit._context.Printed) and writes one ledger row (Context.add):
the rounding of a count printed with decimals, empty cells and their defaults, a p printed as NS, and the sources,
inputs, key and level a finding carries. Expected values are worked in the comments from the printed text."""

import math
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis.audit._context import Context, Printed, level_text


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


@pytest.mark.parametrize(("comparator", "expected"), [("<", (-math.inf, 0.05)), (">", (0.05, math.inf))])
def test_a_threshold_is_a_half_line_but_another_value_of_its_row_is_rounded(comparator, expected):
    p = Printed.from_row(printed_row(value=0.05, decimals=2, comparator=comparator, statistic="p"))
    assert p.interval() == expected
    # the row's rounding applied to another printed number: 0.04 at 2 decimals is 0.035 to 0.045
    low, high = p.interval(0.04)
    assert (low, high) == (pytest.approx(0.035), pytest.approx(0.045))


# --- empty cells and their defaults ---------------------------------------------------------------------------

def test_a_row_with_only_the_required_fields_reads_every_other_as_empty():
    row = Printed.from_row(printed_row(quantity="arr", value=0.4, decimals=2))
    assert (row.unit, row.of, row.denominator, row.df, row.source, row.role) == ("", "", "", "", "", "")
    assert (row.statistic, row.comparator, row.ci_low, row.ci_high) == ("value", "=", None, None)
    assert row.exact and not row.has_ci and not row.not_significant
    # no ci_decimals column (a file written before it existed): the CI has the estimate's decimals
    assert row.ci_decimals == 2
    assert row.named() == "arr = 0.40"


@pytest.mark.parametrize("blank", [None, float("nan"), pd.NA, ""])
def test_every_kind_of_empty_cell_is_empty(blank):
    row = Printed.from_row(printed_row(comparator=blank, statistic=blank, unit=blank, ci_low=blank, ci_high=blank,
                                       ci_decimals=blank, source=blank))
    assert (row.comparator, row.statistic, row.unit, row.source) == ("=", "value", "", "")
    assert (row.ci_low, row.ci_high, row.ci_decimals) == (None, None, 0)


def test_the_cells_of_a_full_row_as_pandas_reads_them():
    row = Printed.from_row(printed_row(quantity="hr", value="0.45", decimals=2.0, comparator="=", unit="ratio",
                                       statistic="ratio", of="", denominator="", df="", ci_low="0.2", ci_high="0.9",
                                       source="X1;X2", ci_decimals=1.0, role="primary"))
    assert (row.value, row.decimals, row.ci_low, row.ci_high, row.ci_decimals) == (0.45, 2, 0.2, 0.9, 1)
    assert (row.unit, row.statistic, row.source, row.role) == ("ratio", "ratio", "X1;X2", "primary")
    # the CI's bounds at its own decimals: 0.2 is 0.15 to 0.25
    assert row.named() == "hr = 0.45 (0.2 to 0.9)"
    low, high = row.bound_interval(0.2)
    assert (low, high) == (pytest.approx(0.15), pytest.approx(0.25))


def test_a_p_printed_as_ns_reads_as_above_0_05():
    p = Printed.from_row(printed_row(quantity="p_main", value=float("nan"), decimals=pd.NA, comparator="NS",
                                     statistic="p", unit="p"))
    assert (p.value, p.decimals, p.comparator, p.not_significant) == (0.05, 2, ">", True)
    assert not p.exact
    assert p.interval() == (0.05, math.inf)
    assert p.named() == "p_main = NS (not significant at 0.05)"


# --- the context: rows by quantity, and one ledger row per check -------------------------------------------

def context(*rows, level=0.95):
    return Context("demo", {row.quantity: row for row in rows}, level)


def printed(quantity, source="X1", **fields):
    return Printed.from_row(printed_row(quantity=quantity, source=source, **fields))


def test_a_row_is_found_by_its_quantity_and_an_empty_name_finds_none():
    arr = printed("arr")
    ctx = context(arr)
    assert ctx.get("arr") is arr
    assert ctx.get("missing") is None
    assert ctx.get("") is None


def test_a_ledger_row_cites_each_source_and_input_once_in_order():
    tested = printed("arr", source="S2;S1")
    events = printed("events", source="S1;;S3")
    exposure = printed("py", source="")
    ctx = context(tested, events, exposure)
    ctx.add("rate_recompute", tested, [events, exposure, tested], "a finding", "reported", "match", reported=0.4)
    row = ctx.ledger["rate_recompute__arr"]
    assert (row.source, row.inputs) == ("S2;S1;S3", "arr;events;py")
    assert (row.quantity, row.check, row.kind, row.status, row.reported) == ("arr", "rate_recompute", "reported",
                                                                               "match", 0.4)
    assert row.section == "automatic_checks" and row.study == "demo"


def test_a_part_names_a_second_row_of_the_same_check():
    tested = printed("arr")
    ctx = context(tested)
    ctx.add("rate_grim", tested, [], "first", "consistency", "consistent")
    ctx.add("rate_grim", tested, [], "second", "consistency", "consistent", part="per_100")
    assert [row.key for row in ctx.ledger.rows] == ["rate_grim__arr", "rate_grim__arr__per_100"]


def test_a_derived_ci_carries_the_audits_level_unless_given():
    tested = printed("arr")
    ctx = context(tested, level=0.9)
    ctx.add("rate_exact_ci", tested, [], "at the audit's level", "derived", "derived", low=0.1, high=0.2,
            interval="ci")
    ctx.add("rate_exact_ci", tested, [], "at its own level", "derived", "derived", part="other", low=0.1, high=0.2,
            interval="ci", level=0.95)
    ctx.add("rate_grim", tested, [], "no ci", "consistency", "consistent", low=1, high=2, interval="feasible")
    assert [row.level for row in ctx.ledger.rows] == [0.9, 0.95, None]


def test_a_p_printed_as_ns_reports_no_number():
    p = printed("p_main", value=float("nan"), decimals=pd.NA, comparator="NS", statistic="p", unit="p")
    ctx = context(p)
    ctx.add("p_check", p, [], "ns", "consistency", "consistent", reported=p.value)
    assert ctx.ledger["p_check__p_main"].reported is None


def test_a_check_that_cannot_be_recomputed_says_why():
    tested = printed("arr", value=0.4, decimals=2)
    ctx = context(tested)
    ctx.not_recomputable("rate_exact_ci", tested, [], "no events printed", "derived")
    row = ctx.ledger["rate_exact_ci__arr"]
    assert row.finding == "rate_exact_ci on arr = 0.40: not recomputable (no events printed)"
    assert (row.kind, row.status, row.reported) == ("derived", "not_recomputable", 0.4)


@pytest.mark.parametrize(("level", "text"), [(0.95, "95%"), (0.9, "90%"), (0.999, "99.9%")])
def test_a_level_in_words(level, text):
    assert level_text(level) == text
