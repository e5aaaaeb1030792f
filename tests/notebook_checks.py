"""The checks every notebook passes, shared by the tests over the committed notebooks (test_classroom,
test_notebook_structure, test_parameters) and the test of a fresh ``analysis new-study`` scaffold
(test_new_study). Each takes a notebook's path and fails with a message saying what is wrong."""

import ast
import re
from pathlib import Path

import nbformat

from analysis.findings import rows_in_notebook, sections_in_notebook
from analysis.pipeline import run as runner

MAX_CODE_LINES = 120
MAX_WIDTH = 120


def tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def worked_answers(notebook) -> int:
    """Index of the notebook's "Worked answers" heading cell."""
    found = [i for i, c in enumerate(notebook.cells)
             if c.cell_type == "markdown" and c.source.lstrip().startswith("## Worked answers")]
    assert len(found) == 1, "one '## Worked answers' heading"
    return found[0]


def check_answers_tagged(path: Path) -> None:
    """Every cell after "Worked answers" is tagged ``answer``; the heading itself and every cell before it are not."""
    notebook = nbformat.read(path, as_version=4)
    heading = worked_answers(notebook)
    untagged = [i + 1 for i, c in enumerate(notebook.cells) if i > heading and "answer" not in tags(c)]
    assert untagged == [], f"cells {untagged} follow 'Worked answers' without the tag 'answer'"
    cell = notebook.cells[heading]
    assert cell.source.strip() == "## Worked answers", "the heading cell holds the heading only"
    assert "answer" not in tags(cell), "the heading stays visible: only the answers are tagged"
    assert not any("answer" in tags(c) for c in notebook.cells[:heading]), "answers come after the heading"


def check_student_copy(path: Path) -> None:
    """The student copy keeps everything before the worked answers, the exercises included, and drops the rest."""
    notebook = nbformat.read(path, as_version=4)
    copy = runner.without_answers(notebook)
    assert not any("answer" in tags(c) for c in copy.cells)
    assert not any(c.source.strip() == "## Worked answers" for c in copy.cells)
    assert [c.source for c in copy.cells] == [c.source for c in notebook.cells[:worked_answers(notebook)]]
    assert len(notebook.cells) > len(copy.cells)  # the original is not changed by the copy


def _code_cells(path: Path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def _template_lines(source: str) -> set[int]:
    """Numbers (from 1) of the lines that hold the text template of a ``prose.say(...)`` call."""
    lines = set()
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "say"
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            lines.update(range(node.args[0].lineno, node.args[0].end_lineno + 1))
    return lines


def check_thin(path: Path) -> None:
    """At most 120 code lines (the lines of a ``prose.say`` template are narrative, not code, and do not
    count), and no function or class defined in a cell."""
    lines = [line for cell in _code_cells(path) for number, line in enumerate(cell.source.splitlines(), start=1)
             if line.strip() and not line.strip().startswith("#") and number not in _template_lines(cell.source)]
    assert len(lines) <= MAX_CODE_LINES, f"{len(lines)} code lines: move logic into analysis.studies / plots"
    defined = [line for line in lines if re.match(r"\s*(async\s+)?(def|class)\s", line)]
    assert not defined, f"functions or classes defined in cells: {defined}"


def check_line_widths(path: Path) -> None:
    """No code or output line wider than 120 characters."""
    for number, cell in enumerate(_code_cells(path), start=1):
        texts = [cell.source] + [output.get("text", "") or output.get("data", {}).get("text/plain", "")
                                 for output in cell.get("outputs", [])]
        wide = [line for text in texts for line in text.splitlines() if len(line) > MAX_WIDTH]
        assert not wide, f"code cell {number}: {wide[0][:60]}... is {len(wide[0])} characters"


def check_section_anchors(path: Path) -> None:
    """Every section a ledger row of the executed notebook names has its anchored heading."""
    anchors = sections_in_notebook(path)
    used = {row["section"] for row in rows_in_notebook(path)}
    assert used <= set(anchors), f"sections without an anchored heading: {sorted(used - set(anchors))}"


def parameters_cell(path: Path) -> dict[str, object]:
    """The names the notebook's parameters cell assigns, with their values (the cell holds assignments only)."""
    notebook = nbformat.read(path, as_version=4)
    (cell,) = [c for c in notebook.cells if "parameters" in tags(c)]
    namespace: dict[str, object] = {}
    exec(cell.source, {}, namespace)  # noqa: S102 - the project's own cell of literal assignments
    return namespace


def _typed(value):
    """A value with the type of itself and of each element: 1 and 1.0, a list and a tuple differ."""
    if isinstance(value, list | tuple):
        return type(value).__name__, [_typed(v) for v in value]
    return type(value).__name__, value


def check_parameters_declared(path: Path, model) -> None:
    """The parameters cell and the study's ``Parameters`` model have the same names, in order, and defaults."""
    assert model is not None, f"{path.name}: its study module declares no Parameters model"
    cell = parameters_cell(path)
    assert list(cell) == list(model.model_fields), "the parameters cell and the model name different parameters"
    assert {name: _typed(value) for name, value in cell.items()} == {
        name: _typed(field.default) for name, field in model.model_fields.items()}, "the defaults differ"
    model(**cell)  # the defaults are allowed values
