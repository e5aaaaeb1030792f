"""The audit's entry points (analysis.audit): run's default level, the flags, the display table a notebook
shows (flags first, numeric columns) and the section that copies the audit into a notebook's ledger."""

import dataclasses

import pytest
from scipy import stats
from test_audit import count, percent, values_file

from analysis import audit
from analysis.audit.io import read_values
from analysis.findings import Ledger

NUMERIC = ["reported", "recomputed", "low", "high"]


@pytest.fixture
def values(tmp_path):
    # n = 10, k = 3 of n: 100 x 3 / 10 = 30.0 % (a match) and the exact CI of 3 / 10; 33.3 % of 10 is no whole
    # count (3/10 = 30 %, 4/10 = 40 %): a GRIM flag, printed after the match in the file.
    return read_values(values_file(tmp_path, [count("n", 10), count("k", 3, "n"),
                                              percent("k_pct", "30.0", 1, "k", "n"),
                                              percent("bad_pct", "33.3", 1, denominator="n")]))


def _clopper_pearson(k, n, level):
    """The exact CI from the beta quantiles (Clopper and Pearson 1934), computed here from scipy."""
    alpha = 1 - level
    return stats.beta.ppf(alpha / 2, k, n - k + 1), stats.beta.ppf(1 - alpha / 2, k + 1, n - k)


def test_run_derives_95_percent_intervals_by_default(values):
    # R: binom.test(3, 10)$conf.int gives 0.06673951 0.65245285.
    row = {row.key: row for row in audit.run(values, "demo")}["count_ci__k"]
    assert row.level == 0.95
    assert (row.low, row.high) == pytest.approx((0.06673951, 0.65245285), rel=1e-6)


def test_flags_are_the_failed_rows_in_order(values):
    rows = audit.run(values, "demo")
    assert [row.key for row in audit.flags(rows)] == ["percent_grim__bad_pct"]
    # every failed status counts, whatever the check: an infeasible reading is a flag too
    made = [dataclasses.replace(rows[0], status=status, key=status) for status in
            ("match", "infeasible", "derived", "mismatch", "consistent", "inconsistent", "not_recomputable")]
    assert [row.key for row in audit.flags(made)] == ["infeasible", "mismatch", "inconsistent"]


def test_the_table_shows_flags_first_then_file_order(values):
    shown = audit.table(audit.run(values, "demo"))
    assert list(shown.columns) == ["key", "check", "quantity", "status", "reported", "recomputed", "low", "high",
                                   "interval", "finding"]
    assert list(shown["key"]) == ["percent_grim__bad_pct", "percent_recompute__k_pct", "count_ci__k"]
    # 33.3 printed, nothing recomputed by GRIM (NaN); the percent recomputed as 30.0; the CI of 3 of 10
    assert shown["reported"].iloc[0] == 33.3
    assert shown["recomputed"].isna().iloc[0]
    assert shown["recomputed"].iloc[1] == pytest.approx(30.0)
    assert shown["high"].iloc[2] == pytest.approx(0.65245285, rel=1e-6)


@pytest.mark.parametrize("keep", [[], ["percent_grim__bad_pct"], ["count_ci__k"]],
                         ids=["empty", "grim-only", "derived-only"])
def test_the_table_numbers_are_floats_even_when_a_column_is_empty(values, keep):
    # No rows at all; a GRIM row has no recomputed value, low or high; a derived CI no reported value: their
    # columns hold only missing values, which pandas would otherwise type as objects.
    rows = [row for row in audit.run(values, "demo") if row.key in keep]
    shown = audit.table(rows)
    assert len(shown) == len(keep)
    assert all(shown[column].dtype == "float64" for column in NUMERIC)


def test_section_adds_every_row_to_the_notebook_ledger_with_its_numbers(values):
    ledger = Ledger("demo")
    ledger.section("intro")
    shown = audit.section(values, ledger, level=0.9)
    added = ledger.rows
    assert [row.key for row in added] == ["auto_percent_recompute__k_pct", "auto_percent_grim__bad_pct",
                                          "auto_count_ci__k"]
    assert {row.section for row in added} == {"automatic_checks"}
    # each row as the audit gives it, with only the key prefixed and the section set
    ran = audit.run(values, "demo", level=0.9)
    for mine, theirs in zip(added, ran, strict=True):
        assert mine == dataclasses.replace(theirs, key="auto_" + theirs.key, section="automatic_checks")
    # hand-checked: the CI of 3 of 10 at the level asked for, 90 %
    ci = added[2]
    assert (ci.interval, ci.level, ci.quantity, ci.check, ci.inputs) == ("ci", 0.9, "k", "count_ci", "k;n")
    assert (ci.low, ci.high) == pytest.approx(_clopper_pearson(3, 10, 0.9), rel=1e-5)  # kept at 6 figures
    recompute = added[0]
    assert (recompute.kind, recompute.status, recompute.reported, recompute.recomputed, recompute.source) == (
        "reported", "match", 30.0, pytest.approx(30.0), "X1")
    assert "no whole count k of 10" in added[1].finding
    # the table shown is that of the rows added, flags first
    assert list(shown["key"]) == ["auto_percent_grim__bad_pct", "auto_percent_recompute__k_pct", "auto_count_ci__k"]


def test_section_derives_95_percent_intervals_by_default(values):
    ledger = Ledger("demo")
    audit.section(values, ledger)
    ci = ledger.rows[-1]
    assert ci.level == 0.95
    assert (ci.low, ci.high) == pytest.approx((0.06673951, 0.65245285), rel=1e-6)
