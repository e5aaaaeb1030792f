"""How the audit reads a printed number (``analysis.audit._context``): blank cells however a table holds them, a p
at the edges of [0, 1], which printed p values are significant at 0.05, and what a row cites.

Each expected verdict is reasoned in a comment from the printed numbers (closed forms, rounding intervals).
"""

import pandas as pd
import pytest
from test_audit import count, p_row, percent, values_file

from analysis import audit
from analysis.audit.io import read_values


def _stat(quantity, test, value, decimals, df=""):
    return {"quantity": quantity, "value": value, "decimals": decimals, "unit": "statistic", "statistic": test,
            "df": df}


def _by_key(findings):
    return {row.key: row for row in findings}


def _audit(tmp_path, rows):
    return _by_key(audit.run(read_values(values_file(tmp_path, rows)), "demo"))


ROWS = [count("n", 40), count("k", 8, "n"), percent("k_pct", "20.0", 1, "k", "n"),
        {"quantity": "hr", "value": "0.50", "decimals": 2, "unit": "ratio", "statistic": "ratio",
         "ci_low": "0.30", "ci_high": "0.85"},
        _stat("t", "t", "2.20", 2, df=28), p_row("p_t", "0.04", 2, "t")]


@pytest.mark.parametrize("blank", ["", pd.NA, None], ids=["empty string", "pd.NA", "None"])
def test_blank_cells_read_alike_however_the_table_holds_them(tmp_path, blank):
    # The same table as read_values gives it (blank cells NaN), with its blank cells held as "", pd.NA or None
    # (a table read as text, a nullable string table, one built from records): the same findings.
    values = read_values(values_file(tmp_path, ROWS))
    expected = [(row.key, row.status, row.finding, row.inputs, row.source) for row in audit.run(values, "demo")]
    other = values.astype(object).where(values.notna(), blank)
    found = [(row.key, row.status, row.finding, row.inputs, row.source) for row in audit.run(other, "demo")]
    assert found == expected
    assert ("percent_recompute__k_pct", "match") in [(key, status) for key, status, *_ in found]


def test_a_p_of_1_beside_two_identical_shares_is_consistent(tmp_path):
    # 5 of 10 against 5 of 10: the table is balanced, so chi-squared (with or without Yates) is 0 and Fisher's
    # two-sided p sums every table, each test's p is exactly 1; a printed p = 1.00 allows 0.995 to 1.
    rows = _audit(tmp_path, [count("n_a", 10), count("k_a", 5, "n_a"), count("n_b", 10), count("k_b", 5, "n_b"),
                             p_row("p", "1.00", 2, "k_a;k_b")])
    assert rows["two_group_p__p"].status == "consistent"


def test_a_p_printed_0_000_beside_a_statistic_whose_p_underflows_is_consistent(tmp_path):
    # z = 50.00: 2 (1 - Phi(49.995)) is about 1e-543, below the smallest double, so 0 over the whole rounding;
    # p = 0.000 (as statistics packages print it) stands for 0 to 0.0005: it allows 0.
    rows = _audit(tmp_path, [_stat("z", "z", "50.00", 2), p_row("p", "0.000", 3, "z")])
    assert rows["statistic_p__p"].status == "consistent"
    assert rows["statistic_p__p"].high == 0.0


def test_a_p_whose_rounding_reaches_0_05_from_below_is_no_decision(tmp_path):
    # p = 0.0 printed with one decimal stands for 0 to 0.05: 0.05 itself is not significant, so the printed p
    # does not decide. z = 1.00 has p = 2 (1 - Phi(1)) = 0.317: the p is wrong, but no decision inconsistency.
    rows = _audit(tmp_path, [_stat("z", "z", "1.00", 2), p_row("p", "0.0", 1, "z")])
    assert rows["statistic_p__p"].status == "inconsistent"
    assert "decision" not in rows["statistic_p__p"].finding


def test_a_p_whose_rounding_starts_at_0_05_is_not_significant(tmp_path):
    # p = 0.1 with one decimal stands for 0.05 to 0.15, none below 0.05; z = 3.00 has p = 2 (1 - Phi(3)) = 0.0027:
    # significant, so the two disagree on significance, a decision inconsistency.
    rows = _audit(tmp_path, [_stat("z", "z", "3.00", 2), p_row("p", "0.1", 1, "z")])
    assert rows["statistic_p__p"].status == "inconsistent"
    assert "a decision inconsistency (statcheck's 'decision error'): the statistic gives p < 0.05, the printed p " \
           "does not" in rows["statistic_p__p"].finding


def test_a_p_below_0_05_printed_as_a_threshold_is_significant(tmp_path):
    # p < 0.05 is significant; z = 1.00 (p = 0.317) is not: a decision inconsistency.
    rows = _audit(tmp_path, [_stat("z", "z", "1.00", 2), p_row("p", "0.05", 2, "z", comparator="<")])
    assert "the printed p is below 0.05, the statistic's p is not" in rows["statistic_p__p"].finding


def test_a_p_above_a_threshold_allows_only_larger_p(tmp_path):
    # p > 0.30: z = 1.00 gives 0.317 (allowed); z = 1.10 gives 2 (1 - Phi(1.1)) = 0.271 (not), even over the
    # rounding 1.095 to 1.105 (0.269 to 0.274).
    rows = _audit(tmp_path, [_stat("z_1", "z", "1.00", 2), p_row("p_1", "0.30", 2, "z_1", comparator=">"),
                             _stat("z_2", "z", "1.10", 2), p_row("p_2", "0.30", 2, "z_2", comparator=">")])
    assert rows["statistic_p__p_1"].status == "consistent"
    assert rows["statistic_p__p_2"].status == "inconsistent"
    assert "p_2 > 0.30 beside z = 1.10 (z_2)" in rows["statistic_p__p_2"].finding


def test_a_row_cites_each_source_once_in_order(tmp_path):
    # k cites S1 and S2, its total n cites S2 and S3: the count's CI row cites S1;S2;S3, each once.
    rows = _audit(tmp_path, [{**count("n", 10), "source": "S2;S3"}, {**count("k", 3, "n"), "source": "S1;S2"}])
    assert rows["count_ci__k"].source == "S1;S2;S3"
    assert rows["count_ci__k"].inputs == "k;n"


def test_a_derived_ci_is_at_the_audits_level_and_says_it(tmp_path):
    # 3 of 10 at level 0.9: the row's level is 0.9 and its text says 90%.
    values = read_values(values_file(tmp_path, [count("n", 10), count("k", 3, "n")]))
    row = _by_key(audit.run(values, "demo", level=0.9))["count_ci__k"]
    assert row.level == 0.9 and "exact (Clopper-Pearson) 90% CI" in row.finding


def test_a_printed_threshold_is_strict(tmp_path):
    # "< t" and "> t" exclude t itself. Identical shares (5 of 10 twice) give every test a p of exactly 1, which
    # p < 1.00 excludes; z = 50.00 gives a p of exactly 0 (it underflows), which p > 0.000 excludes.
    rows = _audit(tmp_path, [count("n_a", 10), count("k_a", 5, "n_a"), count("n_b", 10), count("k_b", 5, "n_b"),
                             p_row("p_below", "1.00", 2, "k_a;k_b", comparator="<"),
                             _stat("z", "z", "50.00", 2), p_row("p_above", "0.000", 3, "z", comparator=">")])
    assert rows["two_group_p__p_below"].status == "inconsistent"
    assert rows["statistic_p__p_above"].status == "inconsistent"
