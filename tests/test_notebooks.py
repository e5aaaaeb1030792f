"""Every notebook is tested by nbval, parameterisable, and clean enough to be an oracle."""

import json
import re
import tomllib
from pathlib import Path

import nbformat
import pytest

from analysis import data
from analysis.findings import ledger
from analysis.pipeline import run as runner

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = runner.notebooks(REPO / "notebooks")
IDS = [p.name for p in NOTEBOOKS]


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def _test_recipe() -> str:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    return makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 6


def test_make_test_runs_nbval_over_the_notebooks_folder():
    recipe = _test_recipe()
    assert "--nbval " in recipe and "--nbval-lax" not in recipe
    testpaths = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"]
    assert "notebooks" in testpaths
    # nbval collects every .ipynb below a test path; nothing may hide a notebook from it.
    assert "--ignore" not in recipe and "--deselect" not in recipe


def test_ci_runs_make_test():
    lines = [line.strip() for line in (REPO / ".ci" / "run").read_text().splitlines()]
    assert "make test" in lines


def test_every_study_in_data_has_a_notebook():
    covered = {_read(p).metadata.get("analysis", {}).get("study") for p in NOTEBOOKS}
    assert set(data.studies()) <= covered


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_has_a_parameters_cell_with_level(path):
    tagged = [c for c in _read(path).cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    assert re.search(r"^level\s*=\s*0?\.\d+", tagged[0].source, re.MULTILINE)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_outputs_are_a_clean_oracle(path):
    notebook = _read(path)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all(c.execution_count is not None for c in code), "execute and commit with outputs"
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "run top to bottom once"
    for cell in code:
        assert "execution" not in cell.metadata, "no timing metadata"
        for output in cell.outputs:
            assert output.output_type != "error"
            assert not (output.output_type == "stream" and output.name == "stderr"), \
                f"stderr in outputs: {output.text[:200]}"
            text = json.dumps(output.get("data", {}).get("text/plain", "")) + output.get("text", "")
            assert "Warning" not in text
            assert not re.search(r"0x[0-9a-f]{6,}", text), "memory address in output"
        if "NBVAL_IGNORE_OUTPUT" in cell.source:
            marker = next(line for line in cell.source.splitlines() if "NBVAL_IGNORE_OUTPUT" in line)
            assert re.search(r"NBVAL_IGNORE_OUTPUT\s*[:-]?\s*\w+.{10,}", marker), "say why the output is ignored"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_study_notebooks_show_their_ledger_and_end_with_exercises(path):
    notebook = _read(path)
    headings = [line for c in notebook.cells if c.cell_type == "markdown"
                for line in c.source.splitlines() if line.startswith("#")]
    assert any("Exercises" in h for h in headings)
    assert any("answer" in h.lower() for h in headings)
    if not notebook.metadata.get("analysis", {}).get("synthesis"):
        assert ledger.rows_in_notebook(path), "the notebook shows its ledger rows"


def test_ledger_statuses_and_kinds_are_valid():
    table = ledger.collect(REPO / "notebooks")
    assert not table.empty
    for row in table.itertuples():
        assert row.status in ledger.STATUSES_BY_KIND[row.kind]
    known = set(data.load_bibliography()["source_id"])
    assert {s for cell in table["source"] for s in data.source_ids(cell)} <= known


def test_nothing_reads_the_digest_folder():
    # The developers' digest sits beside the repository and is absent from a user's clone.
    digest = "/".join(["..", "shared"])  # spelled in parts so this test does not match itself
    for folder in ("src", "notebooks", "tests", "benchmarks"):
        for path in (REPO / folder).rglob("*"):
            if path.suffix in {".py", ".ipynb", ".cfg"}:
                assert digest not in path.read_text(encoding="utf-8"), path
