"""`analysis run NB -p NAME VALUE` writes the run's own ledger rows (findings.csv) and what differs from the
committed notebook's rows (changes.csv), and says where."""

from __future__ import annotations

import pandas as pd
import pytest
from scipy import stats

from analysis import paths
from analysis.findings import ledger
from analysis.pipeline import cli
from analysis.pipeline.run import CHANGE_COLUMNS, ledger_changes


def _row(key, **cells):
    return {"study": "s", "key": key, "finding": "words", "status": "derived", "low": None, **cells}


def test_changes_name_row_column_committed_and_this_run_value():
    committed = [_row("same", low=0.1), _row("moved", low=0.2, high=0.9), _row("gone")]
    this_run = [_row("same", low=0.1), _row("moved", low=0.25, high=0.9), _row("new", low=3.0)]
    assert ledger_changes(committed, this_run) == [
        {"study": "s", "key": "moved", "column": "low", "committed": "0.2", "this_run": "0.25"},
        {"study": "s", "key": "new", "column": "row", "committed": "absent", "this_run": "present"},
        {"study": "s", "key": "gone", "column": "row", "committed": "present", "this_run": "absent"},
    ]


def test_a_missing_number_and_an_integer_compare_as_the_csv_writes_them():
    assert ledger_changes([_row("k", low=float("nan"), high=2)], [_row("k", low=None, high=2.0)]) == []


@pytest.fixture
def build(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_BUILD_DIR", str(tmp_path / "build"))
    return tmp_path / "build"


def test_a_run_of_notebook_01_at_level_0_9_writes_its_findings_and_changes(build, capsys):
    committed_notebook = paths.notebooks_dir() / "01_bringeland2020_neda.ipynb"
    committed = pd.DataFrame(ledger.rows_in_notebook(committed_notebook))

    assert cli.main(["run", "01_bringeland2020", "-p", "level", "0.9"]) == 0

    folder = build / "runs" / "01_bringeland2020_neda__level-0.9"
    out = capsys.readouterr().out
    findings = pd.read_csv(folder / "findings.csv", dtype=str, keep_default_na=False)
    changes = pd.read_csv(folder / "changes.csv", dtype=str, keep_default_na=False)
    assert list(findings.columns) == ledger.CSV_COLUMNS
    assert list(findings["key"]) == list(committed["key"])  # the same rows, other numbers
    assert list(changes.columns) == CHANGE_COLUMNS
    changed_rows = changes[["study", "key"]].drop_duplicates()
    assert f"findings: {folder / 'findings.csv'} ({len(committed)} ledger rows)" in out
    assert f"changes: {folder / 'changes.csv'} ({len(changed_rows)} of the rows differ" in out
    assert f"{len(changes)} values" in out

    # 35 of 40 with NEDA in the worst case: its exact (Clopper-Pearson) interval, now at 90 %
    worst = changes[changes["key"] == "neda_worst_case"].set_index("column")
    assert float(worst.at["low", "committed"]) == pytest.approx(stats.beta.ppf(0.025, 35, 6), rel=1e-5)
    assert float(worst.at["low", "this_run"]) == pytest.approx(stats.beta.ppf(0.05, 35, 6), rel=1e-5)
    assert float(worst.at["high", "this_run"]) == pytest.approx(stats.beta.ppf(0.95, 36, 5), rel=1e-5)
    assert "row" not in set(changes["column"])  # no row appears or goes with the level
