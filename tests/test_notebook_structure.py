"""Notebooks stay thin and link to their ledger: at most 120 code lines (the lines of a ``prose.say``
template are narrative, not code, and do not count) and no function or class defined in a cell, every
section a ledger row names has its heading anchor, keys are unique, and no code or output line is wider
than 120 characters."""

from pathlib import Path

import notebook_checks
import pytest

from analysis.findings import collect

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
IDS = [p.name for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_thin(path):
    notebook_checks.check_thin(path)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_code_or_output_line_is_wider_than_120(path):
    notebook_checks.check_line_widths(path)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_ledger_section_has_its_heading_anchor(path):
    notebook_checks.check_section_anchors(path)


def test_ledger_keys_are_unique_within_each_study():
    table = collect(REPO / "notebooks")  # raises, naming the rows, when a study repeats a key
    assert not table.duplicated(["study", "key"]).any()
    assert table["key"].str.fullmatch(r"[a-z][a-z0-9_]*").all()
