"""The synthesis module: estimates keep their origin honest, headline numbers are shown as
printed, and the study list comes from the notebooks, not from a constant."""

import nbformat
import pandas as pd
import pytest

from analysis.studies import overview

ROWS = pd.DataFrame([
    {"study": "kleiter2012", "key": "a", "recomputed": 1.0, "low": None, "high": None, "status": "match"},
    {"study": "kleiter2012", "key": "b", "recomputed": 0.5, "low": 0.1, "high": 0.9, "status": "derived"},
])


def test_estimate_from_row_keeps_missing_interval_missing():
    point = overview.from_row(ROWS.iloc[0], "A", "no interval", "no_interval")
    assert (point.value, point.low, point.high) == (1.0, None, None)
    interval = overview.from_row(ROWS.iloc[1], "B", "")
    assert (interval.low, interval.high) == (0.1, 0.9)


def test_estimate_origin_must_match_its_interval():
    with pytest.raises(ValueError, match="only a 'no_interval' estimate may lack an interval"):
        overview.Estimate("x", 0.5, None, None, "", origin="data")
    with pytest.raises(ValueError, match="only a 'no_interval'"):
        overview.Estimate("x", 0.5, 0.1, 0.9, "", origin="no_interval")
    with pytest.raises(ValueError, match="origin must be one of"):
        overview.Estimate("x", 0.5, 0.1, 0.9, "", origin="guess")


def test_headline_numbers_are_printed_as_transcribed():
    table = overview.headline_numbers().set_index("what")
    # 0.17 and 1.07 keep two decimals; the hazard ratio keeps its CI as printed.
    assert table.loc["adjusted annualized relapse rate, anti-CD20", "printed"] == "0.17"
    assert table.loc["hazard ratio of relapse, anti-CD20 vs MS therapies", "printed"] == "0.06 (0.02 to 0.24)"
    assert table.loc["relapses on natalizumab", "printed"] == "9"


def test_the_study_list_comes_from_notebook_metadata_and_leaves_out_teaching_texts(tmp_path):
    for name, meta in [("00_overview.ipynb", {"synthesis": True}), ("01_b.ipynb", {"study": "b"}),
                       ("02_a.ipynb", {"study": "a"}), ("03_t.ipynb", {"study": "t", "teaching": True})]:
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["analysis"] = meta
        nbformat.write(notebook, tmp_path / name)
    assert overview.notebooks(tmp_path).to_dict("records") == [
        {"notebook": "01_b.ipynb", "study": "b"}, {"notebook": "02_a.ipynb", "study": "a"}]


def test_flagged_rows_put_disagreements_first_and_name_a_ruled_out_reading_as_such():
    table = pd.DataFrame({"study": ["s"] * 5, "key": list("abcde"), "section": [""] * 5, "finding": list("vwxyz"),
                          "status": ["infeasible", "inconsistent", "by_construction", "mismatch", "consistent"]})
    shown = overview.flagged(table)
    assert list(shown["key"]) == ["b", "d", "a"]
    assert list(shown["group"]) == ["disagreement", "disagreement", "reading ruled out"]
