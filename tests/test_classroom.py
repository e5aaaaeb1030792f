"""A classroom: worked answers tagged, student copies without them, answers collapsed in the report, `make lab`."""

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import nbformat
import notebook_checks
import pytest

from analysis.pipeline import report
from analysis.pipeline import run as runner

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_cell_after_worked_answers_is_tagged_answer_and_the_heading_is_not(path):
    notebook_checks.check_answers_tagged(path)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_the_student_copy_keeps_the_exercises_and_drops_the_answers(path):
    notebook_checks.check_student_copy(path)


def _probe(folder: Path, *, study: str = "demo", fail: bool = False) -> Path:
    nb = nbformat.v4.new_notebook()
    answer_code = nbformat.v4.new_code_cell("print('the answer is 42')")
    answer_text = nbformat.v4.new_markdown_cell("Because 6 x 7.")
    for cell in (answer_code, answer_text):
        cell.metadata["tags"] = ["answer"]
    nb.cells = [
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nfrom analysis.plots import style\n"
                                  "fig, ax = plt.subplots()\nax.plot([0, 1])\nstyle.save(fig, 'probe_line')"),
        nbformat.v4.new_code_cell("1 / 0" if fail else "print('section')"),
        nbformat.v4.new_markdown_cell("## Exercises\n1. What is 6 x 7?"),
        nbformat.v4.new_markdown_cell("## Worked answers"), answer_code, answer_text,
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["analysis"] = {"study": study}
    folder.mkdir(exist_ok=True)
    return Path(nbformat.write(nb, folder / "01_probe.ipynb") or folder / "01_probe.ipynb")


def _digest(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def student_run(tmp_path_factory):
    """One ``analysis student`` run over the probe, shared by the tests that read its result:
    ``(notebooks folder, target, digests of notebooks/ and figures/ before the run, timings)``."""
    root = tmp_path_factory.mktemp("classroom")
    folder, target = root / "notebooks", root / "build" / "student"
    _probe(folder)
    before = _digest(folder), _digest(REPO / "figures")
    timings = runner.student(folder=folder, jobs=1, target=target)
    return folder, target, before, timings


def test_student_writes_executed_copies_without_answers_and_figures_beside_them(student_run):
    folder, target, before, timings = student_run

    assert [t.notebook for t in timings] == ["01_probe.ipynb"]
    copy = nbformat.read(target / "01_probe.ipynb", as_version=4)
    assert [c.source.splitlines()[0] for c in copy.cells if c.cell_type == "markdown"] == ["## Exercises"]
    assert copy.cells[1].outputs[0]["text"] == "section\n"  # executed afresh, outputs regenerated
    assert "the answer is 42" not in (target / "01_probe.ipynb").read_text(encoding="utf-8")
    assert sorted(p.name for p in (target / "figures").iterdir()) == ["probe_line.png", "probe_line.svg"]
    assert (_digest(folder), _digest(REPO / "figures")) == before  # notebooks/ and figures/ untouched
    assert sorted(p.name for p in target.parent.iterdir()) == [".analysis-output", "student"]  # no staging folder
    assert (folder / "01_probe.ipynb").exists()


def test_a_failing_student_copy_writes_nothing(student_run, tmp_path):
    # A copy of the shared run's folders, so that the failing run cannot change what other tests read.
    shutil.copytree(student_run[0].parent, tmp_path, dirs_exist_ok=True)
    folder, target = tmp_path / "notebooks", tmp_path / "build" / "student"
    first = _digest(target)
    _probe(folder, fail=True)

    with pytest.raises(runner.NotebookFailed, match="01_probe.ipynb failed in cell 2"):
        runner.student(folder=folder, jobs=1, target=target)

    assert _digest(target) == first
    assert sorted(p.name for p in target.parent.iterdir()) == [".analysis-output", "student"]


def test_the_report_shows_answer_cells_collapsed_under_their_exercise(tmp_path):
    html = report.render(_probe(tmp_path / "notebooks")).html
    exercise, opened = html.index("What is 6 x 7?"), html.index('<details class="worked-answer">')
    closed = html.index("</details>")
    assert exercise < opened < html.index("the answer is 42") < html.index("Because 6 x 7.") < closed
    assert html.count("<details") == 1  # consecutive answer cells share one block
    assert "<summary>Worked answer</summary>" in html
    assert html.index('id="Worked-answers"') < opened  # the heading stays visible


def _fake_tools(tmp_path: Path, uid: int) -> dict[str, str]:
    """A `jupyter` that prints its arguments and an `id -u` that says ``uid``, first on PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "jupyter").write_text('#!/bin/sh\necho "jupyter $*"\n')
    (bin_dir / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    (tmp_path / "stamp").touch()
    return dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")


@pytest.mark.parametrize("uid, root_flag", [(0, True), (1000, False)])
def test_make_lab_allows_root_only_for_root_and_passes_options_through(tmp_path, uid, root_flag):
    env = _fake_tools(tmp_path, uid)
    result = subprocess.run(["make", "-s", "lab", f"BIN={tmp_path / 'bin'}", f"STAMP={tmp_path / 'stamp'}",
                             "ARGS=--no-browser --port 8890"], capture_output=True, text=True, cwd=REPO, env=env)
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert line.startswith("jupyter lab notebooks/") and line.endswith("--no-browser --port 8890")
    assert ("--allow-root" in line) == root_flag
