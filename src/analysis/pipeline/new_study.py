"""``analysis new-study ID``: the files of a new study, already following the conventions.

Writes, and refuses to overwrite:

* ``data/values/ID.csv``: the header of the values schema (fill in one row per printed number);
* ``src/analysis/studies/ID.py``: the study module, with the two sections every study has
  (what was transcribed, what cannot be recomputed) and ``check_parameters``;
* ``tests/test_ID.py``: tests through that module;
* ``notebooks/NN_ID.ipynb``: the notebook (next free number), with the study metadata, a
  ``parameters`` cell, sections with heading anchors, the ledger, exercises and answers.

CONTRIBUTING.md's "Adding a study" says what to fill in next.
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

import nbformat

from analysis import paths
from analysis.data.schemas import values_schema

TEMPLATES = Path(__file__).with_name("study_template")
_ID = re.compile(r"^[a-z][a-z0-9_]*\Z")


def _notebook(study: str, notebook_name: str) -> nbformat.NotebookNode:
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [
        md(f"# {study}: (the question this notebook answers)\n\n"
           "**Citation.** (authors, title, journal, year; DOI link) (sources: ids from `data/bibliography.csv`).\n\n"
           "**What this notebook works from.** (ABSTRACT / SECONDARY summary numbers, transcribed in "
           f"`data/values/{study}.csv`; no per-patient table.)"),
        code("level = 0.95  # confidence level of every interval: a number strictly between 0 and 1"),
        code("from analysis import data, plots\nfrom analysis.findings import Ledger\n"
             f"from analysis.studies import {study}\n\nplots.use_style()\n{study}.check_parameters(level=level)\n"
             f"values = data.reported({study}.STUDY)\nfindings = Ledger({study}.STUDY)"),
        md('## 1. What was transcribed <a id="transcribed"></a>\n\nEvery number below was printed in a source '
           "and transcribed with its location; nothing is estimated."),
        code(f"{study}.transcribed()"),
        md('## 2. What cannot be recomputed <a id="not_recomputable"></a>\n\n'
           "What was looked for in the sources and not found (`data/not_reported.csv`)."),
        code(f"{study}.not_recomputable(findings)"),
        md("## Findings ledger"),
        code("findings.show()"),
        md("## Exercises\n\n1. (an exercise a student can do with the functions above)"),
        md("## Worked answers"),
    ]
    cells[1].metadata["tags"] = ["parameters"]
    cells[-1].metadata["tags"] = ["answer"]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["analysis"] = {"study": study}
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


def next_notebook_name(notebooks: Path, study: str) -> str:
    """``NN_<study>.ipynb`` with NN one above the highest number in ``notebooks``."""
    numbers = [int(m.group(1)) for p in notebooks.glob("*.ipynb") if (m := re.match(r"^(\d+)_", p.name))]
    return f"{max(numbers, default=-1) + 1:02d}_{study}.ipynb"


def create(study: str, root: Path | None = None) -> list[Path]:
    """Write the new study's files under ``root`` (the repository) and return their paths.

    Raises ``ValueError`` for an id that is not snake_case or a study that already has any
    of these files; nothing is written then.
    """
    if not _ID.match(study):
        raise ValueError(f"study id must be snake_case, like 'smith2024', got {study!r}")
    root = root or paths.REPO
    notebooks = root / "notebooks"
    if any(notebooks.glob(f"*_{study}*.ipynb")):
        raise ValueError(f"a notebook for {study!r} exists already in {notebooks}")
    notebook_name = next_notebook_name(notebooks, study)
    fill = {"study": study, "notebook": notebook_name}
    files = {
        root / "data" / "values" / f"{study}.csv": ",".join(values_schema(study).columns) + "\n",
        root / "src" / "analysis" / "studies" / f"{study}.py":
            Template((TEMPLATES / "study.py.txt").read_text(encoding="utf-8")).substitute(fill),
        root / "tests" / f"test_{study}.py":
            Template((TEMPLATES / "test_study.py.txt").read_text(encoding="utf-8")).substitute(fill),
        notebooks / notebook_name: nbformat.writes(_notebook(study, notebook_name)) + "\n",
    }
    existing = [str(path) for path in files if path.exists()]
    if existing:
        raise ValueError(f"{study!r} has files already: {', '.join(existing)}")
    for path, text in files.items():
        paths.atomic_write_text(path, text)
    return list(files)
