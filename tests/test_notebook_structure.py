"""Notebooks stay thin and link to their ledger: at most 120 code lines (not counting the narrative
of cells tagged ``prose``) and no function or class defined in a cell, every section a ledger row
names has its heading anchor, keys are unique, and no code or output line is wider than 120
characters."""

import re
from pathlib import Path

import nbformat
import pytest

from analysis.findings import collect, rows_in_notebook, sections_in_notebook

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
IDS = [p.name for p in NOTEBOOKS]
MAX_CODE_LINES = 120
MAX_WIDTH = 120


def _code_cells(path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_thin(path):
    lines = [line for cell in _code_cells(path) for line in cell.source.splitlines()
             if line.strip() and not line.strip().startswith("#")]
    # Cells tagged "prose" are narrative (a prose.say template and the values it names), not logic.
    logic = [line for cell in _code_cells(path) if "prose" not in cell.metadata.get("tags", [])
             for line in cell.source.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert len(logic) <= MAX_CODE_LINES, f"{len(logic)} code lines: move logic into analysis.studies / plots"
    defined = [line for line in lines if re.match(r"\s*(async\s+)?(def|class)\s", line)]
    assert not defined, f"functions or classes defined in cells: {defined}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_code_or_output_line_is_wider_than_120(path):
    for number, cell in enumerate(_code_cells(path), start=1):
        texts = [cell.source] + [output.get("text", "") or output.get("data", {}).get("text/plain", "")
                                 for output in cell.get("outputs", [])]
        wide = [line for text in texts for line in text.splitlines() if len(line) > MAX_WIDTH]
        assert not wide, f"code cell {number}: {wide[0][:60]}... is {len(wide[0])} characters"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_ledger_section_has_its_heading_anchor(path):
    anchors = sections_in_notebook(path)
    used = {row["section"] for row in rows_in_notebook(path)}
    assert used <= set(anchors), f"sections without an anchored heading: {sorted(used - set(anchors))}"


def test_ledger_keys_are_unique_within_each_study():
    table = collect(REPO / "notebooks")  # raises, naming the rows, when a study repeats a key
    assert not table.duplicated(["study", "key"]).any()
    assert table["key"].str.fullmatch(r"[a-z][a-z0-9_]*").all()
